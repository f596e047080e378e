//! Secrets stay secret: passphrases and keys never appear in errors, Debug
//! output or anything printed; wrong passphrases are plain errors and the
//! app's attempt counter slows guessing.

mod common;

use std::time::Instant;

use common::{assert_absent, family, CARER};
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
    // How the app uses it: check before trying, count each failure.
    let f = family();
    let binder = Binder::open(&f.path).unwrap();
    let mut attempts = Attempts::new();
    let now = Instant::now();
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
