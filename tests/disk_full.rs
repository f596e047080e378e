//! Disk full / write failure: saves, a picture import and a book export in a child process
//! whose file size limit (RLIMIT_FSIZE) is just above the binder's size.
//! Each fails with a clear message, and the binder reads exactly as before.

mod common;

use common::{CARER, SOCIAL_WORKER};
use lifestory::{Audience, Binder, NewEntry, Party, Role, Section, Size};

/// Everything the carer can read, as text: pages, pictures (hashed), check.
fn snapshot(path: &std::path::Path) -> String {
    use sha2::Digest;
    let binder = Binder::open(path).unwrap();
    let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
    let mut out = String::new();
    let listing = binder.list(&keys, None).unwrap();
    assert!(listing.damaged.is_empty());
    for e in &listing.entries {
        let page = binder.show(&keys, &e.id).unwrap();
        out += &format!("{} {} {:?} {}\n", page.id, page.title, page.body, page.audience);
        for p in binder.pictures(&keys, &e.id).unwrap() {
            for size in Size::ALL {
                let bytes = binder.picture_copy(&keys, &p.id, size).unwrap().bytes;
                out += &format!("  {} {size} {:x}\n", p.id, sha2::Sha256::digest(&*bytes));
            }
        }
    }
    out
}

#[test]
#[ignore = "run by a_full_disk_changes_nothing as its child process"]
fn limited_writer_child() {
    let Some(path) = std::env::var_os("LSB_BINDER").filter(|_| common::in_child()) else { return };
    let path = std::path::PathBuf::from(path);
    let binder = Binder::open(&path).unwrap();
    let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
    let photo = common::fixtures::jpeg(&common::fixtures::photo(2000, 1500, 21), 92);
    let existing = binder.list(&keys, None).unwrap().entries[0].id.clone();

    // From here on, no file this process writes may grow past this size.
    let limit = common::file_bytes(&path).len() as u64 + 16 * 1024;
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rl = libc::rlimit { rlim_cur: limit, rlim_max: libc::RLIM_INFINITY };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0);
    }
    let big = "A very long page that will not fit. ".repeat(20_000);
    let results = [
        binder.add_entry(&keys, NewEntry::narrative(Section::Past, "Too big", big.clone())).map(|_| ()),
        binder.add_picture(&keys, NewEntry::picture(Section::Past, "Holiday"), &photo, "").map(|_| ()),
        binder.attach_picture(&keys, &existing, &photo, "").map(|_| ()),
        binder.edit(&keys, &existing, lifestory::EntryEdit { body: Some(lifestory::Body::Narrative { markdown: big }), ..Default::default() }),
        {
            // The printed book, with room for only 8 KiB of it.
            let rl = libc::rlimit { rlim_cur: 8 * 1024, rlim_max: libc::RLIM_INFINITY };
            assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_FSIZE, &rl) }, 0);
            let options = lifestory::book::BookOptions::for_audience(Party::Carer);
            binder.export_book(&keys, &options, &path.with_file_name("book.pdf"), &mut |_| std::ops::ControlFlow::Continue(())).map(|_| ())
        },
    ];
    for r in results {
        match r {
            Ok(()) => println!("RESULT ok"),
            Err(e) => println!("RESULT {} {}", e.code(), e),
        }
    }
}

#[test]
fn a_full_disk_changes_nothing() {
    let f = common::family();
    f.add(Role::Carer, Section::Present, "My bike", "It is red.", Audience::only(Party::YoungPerson));
    let drawing = common::fixtures::jpeg(&common::fixtures::photo(300, 200, 5), 90);
    f.binder.add_picture(&f.carer, NewEntry::picture(Section::Present, "Drawing"), &drawing, "Mine").unwrap();
    let _ = SOCIAL_WORKER;
    let path = f.path.clone();
    drop(f.binder);
    let before = snapshot(&path);

    let out = common::child("limited_writer_child").env("LSB_BINDER", &path).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let results: Vec<&str> = said.lines().filter_map(|l| l.find("RESULT ").map(|at| &l[at + 7..])).collect();
    assert_eq!(results.len(), 5, "child output: {said}\n{}", String::from_utf8_lossy(&out.stderr));
    for r in &results {
        assert!(r.starts_with("write-failed ") || r.starts_with("disk-full "), "expected a write failure, got {r:?}");
        assert!(r.contains("Nothing was changed"), "{r}");
    }

    assert!(Binder::check(&path).unwrap().problems.is_empty());
    let pdfs: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().contains("pdf")).collect();
    assert!(pdfs.is_empty(), "half a book was left behind: {pdfs:?}");
    assert_eq!(snapshot(&path), before, "the binder reads differently after the failed writes");
    // And it still takes new pages once there is room.
    let binder = Binder::open(&path).unwrap();
    let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
    binder.add_entry(&keys, NewEntry::narrative(Section::Future, "Next week", "Swimming")).unwrap();
}
