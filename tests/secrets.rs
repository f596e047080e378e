//! Secrets stay secret: passphrases and keys never appear in errors, Debug
//! output or anything printed; wrong passphrases are plain errors and each
//! member's attempt counter, kept in the file, slows guessing.

mod common;

use common::{assert_absent, family, pass, CARER, SOCIAL_WORKER};
use lifestory::{Attempts, Binder, Error, SecretString};

const GUESS: &str = "hunter2-guess-marker";

#[test]
fn a_wrong_passphrase_is_a_plain_error_that_never_repeats_it() {
    let f = family();
    let err = f.binder.unlock(CARER, &SecretString::from(GUESS.to_owned())).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase { .. }));
    for text in [err.to_string(), format!("{err:?}")] {
        assert_absent(text.as_bytes(), GUESS, &format!("the error {text:?}"));
        assert_absent(text.as_bytes(), "passphrase for tests", &format!("the error {text:?}"));
    }
}

#[test]
fn keys_never_show_in_debug_output() {
    let f = family();
    let recovery_text = f.recovery.reveal();
    assert!(recovery_text.starts_with("AGE-SECRET-KEY-1"));
    let printed = [
        format!("{:?}", f.carer),
        format!("{:?}", f.young_person),
        format!("{:?}", f.binder.members().unwrap()),
        format!("{:?}", common::pass(CARER)),
    ];
    for text in printed {
        let what = format!("the Debug output {text:?}");
        assert_absent(text.as_bytes(), "AGE-SECRET-KEY", &what);
        assert_absent(text.as_bytes(), &recovery_text[16..40], &format!("{what} (the recovery key)"));
        assert_absent(text.as_bytes(), "passphrase for tests", &what);
    }
}

#[test]
fn repeated_wrong_passphrases_make_the_app_wait() {
    // How the counting goes: check before trying, count each failure.
    let f = family();
    let binder = Binder::open(&f.path).unwrap();
    let mut attempts = Attempts::new();
    let now = chrono::Utc::now();
    let mut refused_without_trying = 0;
    for _ in 0..6 {
        match attempts.check(now) {
            Err(Error::TooManyAttempts { wait_secs }) => {
                assert!(wait_secs >= 2);
                refused_without_trying += 1;
            }
            Err(other) => panic!("{other}"),
            Ok(()) => {
                assert!(binder.unlock(CARER, &SecretString::from(GUESS.to_owned())).is_err());
                attempts.failed(now);
            }
        }
    }
    assert_eq!(attempts.failures(), 4, "three free tries, a fourth, then waits");
    assert_eq!(refused_without_trying, 2);
    let message = attempts.check(now).unwrap_err().to_string();
    assert!(message.contains("Wait") && message.contains("recovery sheet"), "{message}");
}

/// Someone guessing the carer's passphrase in the app closes it and opens
/// it again: the wait is still there, even for the right passphrase, and
/// only for the carer. The social worker unlocks as usual; once the wait is
/// over (moved into the past here with `sqlite3`, as time would) the right
/// passphrase clears the count.
#[test]
fn the_wait_is_per_member_and_survives_closing_the_app() {
    let f = family();
    let binder = Binder::open(&f.path).unwrap();
    let mut before_fifth = chrono::Utc::now();
    for _ in 0..5 {
        // After the fourth, wait out its 2 s, so the fifth is counted.
        while binder.attempts(CARER).unwrap().check(chrono::Utc::now()).is_err() {
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        before_fifth = chrono::Utc::now();
        let err = binder.unlock_guarded(CARER, &SecretString::from(GUESS.to_owned())).unwrap_err();
        assert!(matches!(err, Error::WrongPassphrase { .. }), "{err}");
    }
    drop(binder);

    let reopened = Binder::open(&f.path).unwrap();
    assert_eq!(reopened.attempts(CARER).unwrap().failures(), 5);
    let stored = common::tools::sqlite3(&f.path, "SELECT not_before FROM unlock_attempts;");
    let stored = chrono::DateTime::parse_from_rfc3339(&stored).expect("the wait is in the file");
    // (stored to the millisecond)
    assert!(stored + chrono::Duration::milliseconds(1) >= before_fifth + chrono::Duration::seconds(4), "the fifth failure waits 4 s: {stored}");
    // Within those 4 s the right passphrase is refused too (if this machine
    // took longer than that to reopen the file, only that much is shown).
    match reopened.unlock_guarded(CARER, &pass(CARER)) {
        Err(Error::TooManyAttempts { wait_secs }) => assert!((1..=4).contains(&wait_secs), "{wait_secs}"),
        other => assert!(chrono::Utc::now() >= stored, "opened within the wait: {:?}", other.map(|_| ())),
    }
    reopened.unlock_guarded(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).expect("another member is not slowed down");

    common::tools::sqlite3(&f.path, "UPDATE unlock_attempts SET not_before = '2001-01-01T00:00:00.000Z';");
    reopened.unlock_guarded(CARER, &pass(CARER)).expect("the wait is over");
    assert_eq!(reopened.attempts(CARER).unwrap().failures(), 0, "a success clears it");
}

/// Someone with the laptop and `sqlite3` writes a wait that would never
/// end, and a count that is not a number: the app waits at most five
/// minutes from now, writes that back so it does end, and never fails.
#[test]
fn a_wait_written_into_the_file_by_hand_ends_within_five_minutes() {
    let f = family();
    let binder = Binder::open(&f.path).unwrap();
    let carer_id = common::tools::sqlite3(&f.path, &format!("SELECT id FROM members WHERE name = '{CARER}';"));
    common::tools::sqlite3(
        &f.path,
        &format!("INSERT INTO unlock_attempts (member, failures, not_before) VALUES ('{carer_id}', 'lots', '9999-12-31T23:59:59Z');"),
    );
    let err = binder.unlock_guarded(CARER, &pass(CARER)).unwrap_err();
    assert!(matches!(err, Error::TooManyAttempts { wait_secs: 1..=300 }), "{err}");
    let stored = common::tools::sqlite3(&f.path, "SELECT not_before FROM unlock_attempts;");
    let stored = chrono::DateTime::parse_from_rfc3339(&stored).expect("a time written back");
    assert!(stored <= chrono::Utc::now() + chrono::Duration::seconds(300), "written back within five minutes: {stored}");
}

/// Each try is counted before its scrypt runs (so tries made side by side
/// all count); a try that fails for another reason than the passphrase (a
/// wrap damaged with `sqlite3`) is not held against the member.
#[test]
fn only_wrong_passphrases_count() {
    let f = family();
    let binder = Binder::open(&f.path).unwrap();
    assert!(matches!(binder.unlock_guarded(CARER, &SecretString::from(GUESS.to_owned())), Err(Error::WrongPassphrase { .. })));
    assert_eq!(binder.attempts(CARER).unwrap().failures(), 1);
    common::tools::sqlite3(&f.path, &format!("UPDATE members SET key_wrap = X'00' WHERE name = '{CARER}';"));
    let err = binder.unlock_guarded(CARER, &pass(CARER)).unwrap_err();
    assert!(!matches!(err, Error::WrongPassphrase { .. } | Error::TooManyAttempts { .. }), "{err}");
    assert_eq!(binder.attempts(CARER).unwrap().failures(), 1, "the damaged wrap is not a guess");
}

/// The file never records where it lives: its path holds the computer's
/// user name and, often, the child's name, and a thief reads every
/// plaintext column without a key.
#[test]
fn the_file_holds_no_path_or_user_name() {
    let f = family();
    let folder = f.dir.path().canonicalize().unwrap();
    let folder = folder.to_string_lossy().into_owned();
    assert!(folder.len() >= 12, "the marker is long enough to mean something: {folder}");
    // Opened again (which claims the file for this copy), then closed.
    drop(Binder::open(&f.path).unwrap());
    let bytes = f.file_bytes();
    assert_absent(&bytes, &folder, "the binder file and its -wal");
    // The user's home folder, where it is long enough to search for.
    if let Some(home) = std::env::var_os("HOME").map(|h| h.to_string_lossy().into_owned()).filter(|h| h.len() >= 12) {
        assert_absent(&bytes, &home, "the binder file and its -wal");
    }
    let identity: String = rusqlite::Connection::open(&f.path).unwrap().query_row("SELECT file_identity FROM sync_replica", [], |r| r.get(0)).unwrap();
    assert!(identity.len() == 64 && identity.chars().all(|c| c.is_ascii_hexdigit()), "{identity}");
}
