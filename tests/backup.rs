//! Live backup: back up while another process keeps writing. Every backup
//! passes SQLite's integrity check and opens with the same passphrases and
//! recovery key; a failed backup leaves no file behind.

mod common;

use std::time::Duration;

use common::{Family, Writer, CARER, YOUNG_PERSON};
use lifestory::{Audience, Binder, Error, Role, Section};

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
    let mut writer = Writer::start(common::child("writer_child").env("LSB_BINDER", &f.path));
    let mut counts: Vec<usize> = Vec::new();
    for i in 0..6 {
        // Once the writer has written more than the last backup holds (not
        // after a fixed sleep: on a loaded machine its start can take longer),
        // and while it goes on writing.
        writer.wait_for(counts.last().map_or(1, |&c| c + 1));
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
    let reported = writer.kill();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]) && counts[5] > counts[0], "backups should grow with the writer: {counts:?}");
    assert!(reported.len() >= counts[5], "every page in a backup was committed");
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

#[test]
fn rolling_backups_keep_the_newest_and_are_due_after_a_session() {
    let f = common::family();
    let dir = f.dir.path().join("elsewhere");
    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(f.binder.backup(Some(&dir), 3).unwrap());
        std::thread::sleep(Duration::from_millis(5));
    }
    let kept = lifestory::backup::backups(&f.path, Some(&dir)).unwrap();
    assert_eq!(kept, made[2..].iter().rev().cloned().collect::<Vec<_>>(), "newest three, newest first");

    // Default folder: none yet, so one is due; then not again until a session ends.
    assert!(f.binder.backup_if_due().unwrap().is_some());
    assert!(f.binder.backup_if_due().unwrap().is_none());
    std::thread::sleep(Duration::from_millis(5));
    f.binder.start_session(&f.carer, "sofa").unwrap();
    f.binder.end_session(&f.carer, None, "").unwrap();
    let after_session = f.binder.backup_if_due().unwrap().expect("a session ended since the last backup");
    assert!(after_session.starts_with(f.dir.path().join("child backups")));
}

#[test]
fn ending_a_session_in_the_app_makes_the_backup_due_after_it() {
    let f = common::family();
    f.binder.start_session(&f.carer, "sofa").unwrap();
    let ended = f.binder.end_session_backed_up(&f.carer, None, "").unwrap();
    assert!(ended.backup_failed.is_none());
    let made = lifestory::backup::backups(&f.path, None).unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(ended.backup.as_deref(), Some(made[0].display().to_string().as_str()));
}

#[test]
fn after_a_removal_the_older_backups_are_deleted_on_request_and_a_new_one_is_left() {
    let f = common::family();
    for _ in 0..2 {
        f.binder.backup(None, 10).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let removed = f.binder.remove_member(&f.social_worker, CARER).unwrap();
    assert_eq!(removed.older_backups, 2);
    // Each older one still opens with Jo's passphrase: that is why.
    for old in lifestory::backup::backups(&f.path, None).unwrap() {
        assert!(Binder::open(&old).unwrap().unlock(CARER, &common::pass(CARER)).is_ok());
    }
    // Beside them, what is not this binder's rolling backup: another
    // child's whose name begins the same, and a folder named like one.
    let folder = f.dir.path().join("child backups");
    std::fs::write(folder.join("child Jones 2020-01-01 000000.000.binder"), b"not ours").unwrap();
    std::fs::create_dir(folder.join("child 2099-01-01 000000.000.binder")).unwrap();
    let pruned = f.binder.prune_older_backups(&f.social_worker).unwrap();
    assert_eq!(pruned.deleted, 2);
    assert!(folder.join("child Jones 2020-01-01 000000.000.binder").exists());
    assert!(folder.join("child 2099-01-01 000000.000.binder").is_dir());
    let left = lifestory::backup::backups(&f.path, None).unwrap();
    assert_eq!(left.len(), 1);
    let copy = Binder::open(&left[0]).unwrap();
    assert!(copy.unlock(CARER, &common::pass(CARER)).is_err());
    copy.unlock(common::SOCIAL_WORKER, &common::pass(common::SOCIAL_WORKER)).unwrap();
}

#[test]
fn restoring_sets_the_current_binder_aside_and_brings_the_backup_back() {
    let f = common::family();
    let kept = f.add(Role::Carer, Section::Present, "Before the backup", "kept", Audience::EMPTY);
    let backup = f.binder.backup(None, 10).unwrap();
    let lost = f.add(Role::Carer, Section::Present, "After the backup", "only in the current file", Audience::EMPTY);
    let path = f.path.clone();
    let Family { binder, dir: _dir, .. } = f;
    drop(binder);

    // A damaged backup is refused and nothing changes.
    let broken = backup.with_file_name("broken.binder");
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    let before = common::file_bytes(&path);
    assert_eq!(lifestory::backup::restore(&broken, &path).unwrap_err().code(), "damaged");
    assert_eq!(common::file_bytes(&path), before);

    let restored = lifestory::backup::restore(&backup, &path).unwrap();
    let aside = restored.set_aside.expect("the current binder is kept");
    let binder = Binder::open(&path).unwrap();
    let keys = binder.unlock(CARER, &common::pass(CARER)).unwrap();
    assert!(binder.show(&keys, &kept).is_ok());
    assert_eq!(binder.show(&keys, &lost).unwrap_err().code(), "not-found");
    // Nothing is lost: the set-aside binder still has the newer page.
    let old = Binder::open(&aside).unwrap();
    let keys = old.unlock(CARER, &common::pass(CARER)).unwrap();
    assert!(old.show(&keys, &lost).is_ok());
}
