//! Importing many photos in one sitting must not grow memory: each import
//! frees everything it decoded. Alone in its own test binary, so the peak
//! resident size (VmHWM) measured is this test's.

mod common;

use common::{fixtures, peak_rss_kib};
use lifestory::{NewEntry, Section};

#[test]
fn peak_memory_stays_flat_over_fifty_imports() {
    let f = common::family();

    // First a PNG of 4 × 4 pixels whose colour profile inflates to 1 GiB:
    // the decoder's memory limit skips the profile instead of inflating it.
    let bomb = fixtures::png_profile_bomb(1 << 30);
    let before = peak_rss_kib();
    let added = f.binder.add_picture(&f.carer, NewEntry::picture(Section::Past, ""), &bomb, "").unwrap();
    let grown = peak_rss_kib() - before;
    println!("profile bomb: peak grew by {} MiB", grown / 1024);
    assert!(grown < 128 * 1024, "a profile bomb cost {grown} KiB");
    let pictures = f.binder.pictures(&f.carer, &added.entry_id).unwrap();
    assert_eq!((pictures[0].width, pictures[0].height), (4, 4));

    let photo = fixtures::jpeg(&fixtures::photo(3000, 2000, 11), 90);
    let mut after_10 = 0;
    for i in 0..50 {
        // A different comment makes each file new to the duplicate check.
        let mut file = photo[..2].to_vec();
        file.extend(fixtures::segment(0xFE, format!("photo {i}").as_bytes()));
        file.extend_from_slice(&photo[2..]);
        f.binder.add_picture(&f.carer, NewEntry::picture(Section::Past, ""), &file, "").unwrap();
        if i == 9 {
            after_10 = peak_rss_kib();
        }
    }
    let after_50 = peak_rss_kib();
    println!("peak RSS after 10 imports: {} MiB, after 50: {} MiB", after_10 / 1024, after_50 / 1024);
    assert!(after_50 <= after_10 + 8 * 1024, "peak grew from {after_10} KiB to {after_50} KiB");
}
