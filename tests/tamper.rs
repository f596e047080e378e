//! Editing the file behind the app's back is detected, never shown.

mod common;

use common::*;
use lifestory::{Audience, Binder, Error, Party, Role, Section};

fn two_pages(f: &Family) -> (String, String) {
    let a = f.add(Role::Carer, Section::Present, "Page A", "alpha", Audience::only(Party::YoungPerson));
    let b = f.add(Role::Carer, Section::Past, "Page B", "bravo", Audience::only(Party::YoungPerson));
    (a, b)
}

fn reopen(f: &Family) -> (Binder, lifestory::Keyring) {
    let binder = Binder::open(&f.path).unwrap();
    let keys = binder.unlock(CARER, &pass(CARER)).unwrap();
    (binder, keys)
}

fn assert_tampered(result: lifestory::Result<lifestory::Entry>) {
    match result {
        Err(e @ Error::Tampered { .. }) => assert!(e.to_string().contains("changed outside"), "{e}"),
        other => panic!("expected tampering to be detected, got {other:?}"),
    }
}

#[test]
fn swapping_two_pages_content_is_detected() {
    let f = family();
    let (a, b) = two_pages(&f);
    tamper(&f.path, &format!(
        "CREATE TEMP TABLE saved AS SELECT id, body FROM entries;
         UPDATE entries SET body = (SELECT body FROM saved WHERE id = '{b}') WHERE id = '{a}';
         UPDATE entries SET body = (SELECT body FROM saved WHERE id = '{a}') WHERE id = '{b}';"
    ));
    let (binder, keys) = reopen(&f);
    assert_tampered(binder.show(&keys, &a));
    assert_tampered(binder.show(&keys, &b));
}

#[test]
fn swapping_two_pages_keys_is_detected() {
    let f = family();
    let (a, b) = two_pages(&f);
    tamper(&f.path, &format!(
        "UPDATE entry_keys SET entry_id = 'tmp' WHERE entry_id = '{a}' AND role = 'carer';
         UPDATE entry_keys SET entry_id = '{a}' WHERE entry_id = '{b}' AND role = 'carer';
         UPDATE entry_keys SET entry_id = '{b}' WHERE entry_id = 'tmp' AND role = 'carer';"
    ));
    let (binder, keys) = reopen(&f);
    assert_tampered(binder.show(&keys, &a));
    let listing = binder.list(&keys, None).unwrap();
    assert_eq!(listing.damaged.len(), 2, "both pages are reported damaged in the list");
}

#[test]
fn swapping_whole_rows_content_and_keys_together_is_detected() {
    let f = family();
    let (a, b) = two_pages(&f);
    // Move b's content and keys under a's id: everything inside names b.
    tamper(&f.path, &format!(
        "PRAGMA foreign_keys = OFF;
         UPDATE entries SET body = (SELECT body FROM entries WHERE id = '{b}') WHERE id = '{a}';
         DELETE FROM entry_keys WHERE entry_id = '{a}';
         UPDATE entry_keys SET entry_id = '{a}' WHERE entry_id = '{b}';"
    ));
    let (binder, keys) = reopen(&f);
    assert_tampered(binder.show(&keys, &a));
}

#[test]
fn editing_the_audience_column_is_detected() {
    let f = family();
    let (a, _) = two_pages(&f);
    tamper(&f.path, &format!("UPDATE entries SET audience = 63 WHERE id = '{a}';"));
    let (binder, keys) = reopen(&f);
    assert_tampered(binder.show(&keys, &a));
}

#[test]
fn turning_off_the_sensitive_flag_or_moving_section_in_the_file_is_detected() {
    let f = family();
    let (a, b) = two_pages(&f);
    tamper(&f.path, &format!(
        "UPDATE entries SET sensitive = 1 WHERE id = '{a}'; UPDATE entries SET section = 'future' WHERE id = '{b}';"
    ));
    let (binder, keys) = reopen(&f);
    assert_tampered(binder.show(&keys, &a));
    assert_tampered(binder.show(&keys, &b));
}

#[test]
fn a_flipped_byte_in_content_is_an_error_not_wrong_words() {
    let f = family();
    let (a, _) = two_pages(&f);
    tamper(&f.path, &format!(
        "UPDATE entries SET body = CAST(substr(body, 1, length(body) - 3) || x'00' || substr(body, length(body) - 1) AS BLOB) WHERE id = '{a}';"
    ));
    let (binder, keys) = reopen(&f);
    assert_tampered(binder.show(&keys, &a));
}

#[test]
fn swapping_a_members_key_wrap_onto_another_member_is_detected() {
    let f = family();
    // Give the social worker's row the carer's wrap: the carer's passphrase now
    // "opens" Priya, but the wrap names Jo's row and role.
    tamper(&f.path, &format!(
        "UPDATE members SET key_wrap = (SELECT key_wrap FROM members WHERE name = '{CARER}') WHERE name = '{SOCIAL_WORKER}';"
    ));
    let binder = Binder::open(&f.path).unwrap();
    let err = binder.unlock(SOCIAL_WORKER, &pass(CARER)).unwrap_err();
    assert!(matches!(err, Error::Tampered { .. }), "{err:?}");
}

/// Before the membership log, a swapped role key was caught at unlock. Now
/// the column is only a cache: the log's key is used, so the swap changes
/// nothing (another binder's carer can't open what is written next), and
/// `check` names it.
#[test]
fn replacing_a_role_public_key_changes_nothing_and_check_names_it() {
    let f = family();
    let other = family();
    let foreign: String = rusqlite::Connection::open(&other.path)
        .unwrap()
        .query_row("SELECT recipient FROM role_keys WHERE role = 'carer'", [], |r| r.get(0))
        .unwrap();
    tamper(&f.path, &format!("UPDATE role_keys SET recipient = '{foreign}' WHERE role = 'carer';"));
    let binder = Binder::open(&f.path).unwrap();
    let carer = binder.unlock(CARER, &pass(CARER)).unwrap();
    let id = binder.add_entry(&carer, lifestory::NewEntry::narrative(Section::Present, "After the swap", "words")).unwrap();
    assert_eq!(binder.show(&carer, &id).unwrap().title, "After the swap");
    let wrap: Vec<u8> = rusqlite::Connection::open(&f.path)
        .unwrap()
        .query_row("SELECT wrap FROM entry_keys WHERE entry_id = ?1 AND role = 'carer'", [&id], |r| r.get(0))
        .unwrap();
    // The other binder's carer role secret, out of her wrap with her passphrase.
    let her_wrap: Vec<u8> = rusqlite::Connection::open(&other.path)
        .unwrap()
        .query_row("SELECT key_wrap FROM members WHERE name = ?1", [CARER], |r| r.get(0))
        .unwrap();
    let plain = age::decrypt(&age::scrypt::Identity::new(pass(CARER)), &her_wrap).unwrap();
    let secret = serde_json::from_slice::<serde_json::Value>(&plain).unwrap()["key"].as_str().unwrap().to_owned();
    let foreign_key: age::x25519::Identity = secret.parse().unwrap();
    assert!(age::decrypt(&foreign_key, &wrap).is_err(), "the swapped-in key opened the new page's key row");
    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("carer public key")), "{problems:?}");
}
