//! Live backup: back up while another process keeps writing. Every backup
//! passes SQLite's integrity check and opens with the same passphrases and
//! recovery key; a failed backup leaves no file behind.

mod common;

use std::time::Duration;

use common::{committed, CARER, YOUNG_PERSON};
use lifestory::{Binder, Error};

#[test]
#[ignore = "run by backups_taken_during_writes_are_whole as its child process"]
fn writer_child() {
    if let Some(path) = std::env::var_os("LSB_BINDER").filter(|_| common::in_child()) {
        common::keep_writing(std::path::Path::new(&path));
    }
}

#[test]
fn backups_taken_during_writes_are_whole() {
    let f = common::family();
    let mut writer = common::child("writer_child").env("LSB_BINDER", &f.path).spawn().unwrap();
    let mut counts = Vec::new();
    for i in 0..6 {
        std::thread::sleep(Duration::from_millis(150));
        let backup = f.dir.path().join(format!("backup-{i}.binder"));
        f.binder.backup_to(&backup).unwrap();

        let report = Binder::check(&backup).unwrap();
        assert!(report.problems.is_empty(), "backup {i}: {:?}", report.problems);
        let copy = Binder::open(&backup).unwrap();
        let keys = copy.unlock(CARER, &common::pass(CARER)).unwrap();
        let listing = copy.list(&keys, None).unwrap();
        assert!(listing.damaged.is_empty(), "backup {i}: damaged {:?}", listing.damaged);
        copy.unlock(YOUNG_PERSON, &common::pass(YOUNG_PERSON)).unwrap();
        copy.unlock_with_recovery(&f.recovery).unwrap();
        counts.push(listing.entries.len());
    }
    writer.kill().unwrap();
    let out = writer.wait_with_output().unwrap();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]) && counts[5] > counts[0], "backups should grow with the writer: {counts:?}");
    assert!(committed(&out.stdout).len() >= counts[5], "every page in a backup was committed");
}

#[test]
fn a_backup_never_overwrites_and_never_leaves_half_a_file() {
    let f = common::family();
    let taken = f.dir.path().join("taken.binder");
    std::fs::write(&taken, b"something precious").unwrap();
    assert!(matches!(f.binder.backup_to(&taken), Err(Error::AlreadyExists { .. })));
    assert_eq!(std::fs::read(&taken).unwrap(), b"something precious");

    let nowhere = f.dir.path().join("no-such-folder").join("b.binder");
    assert!(f.binder.backup_to(&nowhere).is_err());
    assert!(!nowhere.with_file_name("b.binder.partial").exists());
}
