//! Crash during writes: a child process adds pages (some with pictures) and
//! reports each one committed; it is killed with SIGKILL at random moments
//! while it writes (after a few commits of its own, so a slow start on a
//! loaded machine can't leave it nothing to lose), 60 times. Every reported
//! page must still be there and readable, `check` clean, and nothing
//! half-written visible.

mod common;

use std::time::Duration;

use common::{written_title, Writer, CARER};
use lifestory::{Binder, Size};

#[test]
#[ignore = "run by crash_during_writes_loses_nothing as its child process"]
fn writer_child() {
    if let Some(path) = std::env::var_os("LSB_BINDER").filter(|_| common::in_child()) {
        common::keep_writing(std::path::Path::new(&path));
    }
}

/// Commits each writer reports before it may be killed.
const MIN_PER_ROUND: usize = 3;

#[test]
fn crash_during_writes_loses_nothing() {
    let f = common::family();
    let path = f.path.clone();
    drop(f.binder);
    let mut reported: Vec<(u64, String)> = Vec::new();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let kills = 60;
    for round in 0..kills {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let mut writer = Writer::start(common::child("writer_child").env("LSB_BINDER", &path).env("LSB_FIRST", (round * 100_000).to_string()));
        // Writing already, then a random moment later (a page takes a few ms).
        writer.wait_for(MIN_PER_ROUND + (rng % 3) as usize);
        std::thread::sleep(Duration::from_millis(rng / 3 % 40));
        reported.extend(writer.kill()); // SIGKILL

        let report = Binder::check(&path).unwrap();
        assert!(report.problems.is_empty(), "round {round}: check found {:?}", report.problems);
        let binder = Binder::open(&path).unwrap();
        let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
        let listing = binder.list(&keys, None).unwrap();
        assert!(listing.damaged.is_empty(), "round {round}: damaged pages {:?}", listing.damaged);
        // At most one page per kill was committed but not yet reported.
        let written = listing.entries.iter().filter(|e| e.title.starts_with("Written page")).count();
        assert!(written >= reported.len() && written <= reported.len() + round as usize + 1, "round {round}: {written} pages, {} reported", reported.len());
    }
    assert!(reported.len() >= MIN_PER_ROUND * kills as usize, "every round waited for its commits ({} pages)", reported.len());

    let binder = Binder::open(&path).unwrap();
    let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
    for (n, id) in &reported {
        let page = binder.show(&keys, id).unwrap_or_else(|e| panic!("page {n} ({id}) was reported but is lost: {e}"));
        assert_eq!(page.title, written_title(*n));
        if n % 3 == 0 {
            let pictures = binder.pictures(&keys, id).unwrap();
            assert_eq!(pictures.len(), 1, "page {n} lost its picture");
            for size in Size::ALL {
                binder.picture_copy(&keys, &pictures[0].id, size).unwrap();
            }
        }
    }
    println!("{} pages reported over {kills} kills; all present and readable", reported.len());
}
