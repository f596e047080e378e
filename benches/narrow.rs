//! Narrowing a page with 10 phone photos (issue 11): its data key is
//! given up for a fresh one, so whoever leaves opens nothing sealed later.
//!
//! Run: `cargo bench --bench narrow`. Prints medians, in the same run, of
//! narrowing the page (a fresh key, every key row written again, a signed
//! consent row), widening it back (the same key kept: the anchor, what a
//! narrowing cost before), and reading every stored copy of the 10 photos
//! once (the decryption half of what re-encrypting them would cost, which
//! is not done: see docs/FORMAT.md "entry_keys").

#[path = "../tests/common/fixtures.rs"]
mod fixtures;
mod common;
use common::median;

use std::time::Instant;

use lifestory::{Audience, Binder, KeyCost, NewBinder, NewEntry, Party, Role, SecretString, Section, Size};

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.binder");
    let pass = || SecretString::from("a long passphrase for the bench".to_owned());
    let cost = KeyCost::insecure_for_tests();
    let new = NewBinder { child_name: "Bench", member_name: "Priya", role: Role::SocialWorker, passphrase: pass(), cost };
    let (binder, _recovery) = Binder::create(&path, new).unwrap();
    let priya = binder.unlock("Priya", &pass()).unwrap();
    binder.add_member(&priya, "Jo", Role::Carer, &pass(), cost).unwrap();
    binder.add_member(&priya, "Amira", Role::YoungPerson, &pass(), cost).unwrap();

    let shared = Audience::only(Party::Carer).with(Party::YoungPerson).with(Party::SocialWorker);
    let page = NewEntry::narrative(Section::Past, "Sports day", "The whole day, in photos.").shared_with(shared, "agreed");
    let page = binder.add_entry(&priya, page).unwrap();
    // 10 photos of a phone's size (12 megapixels would take minutes to
    // import; what is measured depends on the count of copies, not pixels).
    for seed in 0..10 {
        let photo = fixtures::jpeg(&fixtures::photo(2000, 1500, seed), 88);
        binder.attach_picture(&priya, &page, &photo, &format!("Race {seed}")).unwrap();
    }
    let stored: u64 = binder
        .pictures(&priya, &page)
        .unwrap()
        .iter()
        .flat_map(|p| [Size::Thumb, Size::Print, Size::Full].map(|size| binder.picture_copy(&priya, &p.id, size).unwrap().bytes.len() as u64))
        .sum();

    let (mut narrow, mut widen, mut read) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let t = Instant::now();
        binder.set_audience(&priya, &page, Audience::only(Party::YoungPerson).with(Party::SocialWorker), None).unwrap();
        narrow.push(t.elapsed());
        let t = Instant::now();
        binder.set_audience(&priya, &page, shared, Some("agreed again".into())).unwrap();
        widen.push(t.elapsed());
        let t = Instant::now();
        for picture in binder.pictures(&priya, &page).unwrap() {
            for size in [Size::Thumb, Size::Print, Size::Full] {
                std::hint::black_box(binder.picture_copy(&priya, &picture.id, size).unwrap());
            }
        }
        read.push(t.elapsed());
    }
    println!("a page with 10 photos ({:.1} MiB of stored copies), 15 runs each:", stored as f64 / (1024.0 * 1024.0));
    println!("narrow (fresh data key, {} keys so far): median {:.1?}", narrow.len() + 1, median(narrow));
    println!("widen (same key, the anchor): median {:.1?}", median(widen));
    println!("read every copy once (half of re-encrypting them): median {:.1?}", median(read));
}
