//! Session notes and feelings are for the adults. Played as the young
//! person with their role key, the common key every member holds, and the
//! `age` CLI (docs/FORMAT.md): no session note of an adult's opens.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::tools::{age_open, blob, key_file, role_key, sqlite3};
use common::{family, pass, Family, YOUNG_PERSON};
use lifestory::{Binder, Feeling, KeyCost, Role, SecretString};

const CARER_NOTE: &str = "CARER-NOTE-MARKER-ABOUT-AMIRA";
const WORKER_NOTE: &str = "WORKER-NOTE-MARKER-ABOUT-AMIRA";
const HER_NOTE: &str = "AMIRAS-OWN-SESSION-NOTE-MARKER";

/// What the young person holds, as age identity files: their role key
/// (taken here from the recovery wrap, the same key their passphrase wrap
/// holds) and the common key it opens.
fn young_persons_keys(f: &Family) -> [PathBuf; 2] {
    let role = role_key(f, "young-person");
    let common_wrap = blob(&f.path, "SELECT hex(common_wrap) FROM role_keys WHERE role = 'young-person'");
    let common = key_file(f.dir.path(), "common.key", &age_open(&role, &common_wrap, f.dir.path()).expect("her key opens the common key"));
    [role, common]
}

/// Which session notes (by marker) the young person's keys open with `age`.
fn notes_she_opens(f: &Family) -> Vec<&'static str> {
    let keys = young_persons_keys(f);
    let ids = sqlite3(&f.path, "SELECT id FROM sessions ORDER BY started_at");
    let mut opened = Vec::new();
    for id in ids.lines() {
        let body = blob(&f.path, &format!("SELECT hex(body) FROM sessions WHERE id = '{id}'"));
        for key in &keys {
            if let Some(plain) = age_open(key, &body, f.dir.path()) {
                let text = String::from_utf8_lossy(&plain).into_owned();
                opened.extend([CARER_NOTE, WORKER_NOTE, HER_NOTE].into_iter().filter(|m| text.contains(m)));
            }
        }
    }
    opened.sort();
    opened.dedup();
    opened
}

#[test]
fn the_young_persons_keys_open_no_adults_session_note_but_she_sees_that_it_happened() {
    let f = family();
    f.binder.start_session(&f.carer, "kitchen table").unwrap();
    f.add(Role::Carer, lifestory::Section::Present, "Today", "", lifestory::Audience::only(lifestory::Party::YoungPerson));
    f.binder.end_session(&f.carer, Some(Feeling::Worried), CARER_NOTE).unwrap();
    f.binder.start_session(&f.social_worker, "office").unwrap();
    f.binder.end_session(&f.social_worker, Some(Feeling::Sad), WORKER_NOTE).unwrap();
    f.binder.start_session(&f.young_person, "my room").unwrap();
    f.binder.end_session(&f.young_person, Some(Feeling::Happy), HER_NOTE).unwrap();

    assert_eq!(notes_she_opens(&f), [HER_NOTE], "only the session she ran herself");
    let hers = f.binder.sessions(&f.young_person).unwrap();
    assert_eq!(hers.sessions.len(), 3, "she sees every session happened");
    let kitchen = hers.sessions.iter().find(|s| s.pages_added == 1).unwrap();
    assert!(kitchen.notes_for_adults && kitchen.note.is_empty() && kitchen.feeling.is_none() && kitchen.setting.is_empty());
    assert_eq!(kitchen.facilitator, common::CARER);
    let own = hers.sessions.iter().find(|s| !s.notes_for_adults).unwrap();
    assert_eq!((own.note.as_str(), own.feeling), (HER_NOTE, Some(Feeling::Happy)));
    // The adults read all three.
    for adult in [&f.carer, &f.social_worker] {
        let log = f.binder.sessions(adult).unwrap();
        assert!(log.sessions.iter().all(|s| !s.notes_for_adults), "{log:?}");
    }
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

#[test]
fn a_new_role_and_a_rotated_one_still_read_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.binder");
    let cheap = KeyCost::insecure_for_tests();
    let new = lifestory::NewBinder { child_name: "Amira Hassan", member_name: "Jo", role: Role::Carer, passphrase: pass("Jo"), cost: cheap };
    let (binder, _recovery) = Binder::create(&path, new).unwrap();
    let jo = binder.unlock("Jo", &pass("Jo")).unwrap();
    binder.start_session(&jo, "kitchen").unwrap();
    binder.end_session(&jo, None, CARER_NOTE).unwrap();
    // The social worker joins after the session: her role's first key.
    binder.add_member(&jo, "Priya", Role::SocialWorker, &pass("Priya"), cheap).unwrap();
    let priya = binder.unlock("Priya", &pass("Priya")).unwrap();
    assert_eq!(binder.sessions(&priya).unwrap().sessions[0].note, CARER_NOTE);
    // The carer's key is rotated: Jo, on the new key, still reads it.
    binder.rotate(&jo, Role::Carer, Some(&pass("Jo")), cheap).unwrap();
    let jo = binder.unlock("Jo", &pass("Jo")).unwrap();
    assert_eq!(binder.sessions(&jo).unwrap().sessions[0].note, CARER_NOTE);
    assert!(Binder::check(&path).unwrap().problems.is_empty());
}

#[test]
fn notes_sealed_to_the_common_key_by_an_older_version_go_to_the_adults_at_an_adults_unlock() {
    // A binder made before membership was signed (schema 6), with a
    // session written as that version did: sealed to the common key.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema6.lsb");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema6.lsb"), &path).unwrap();
    drop(Binder::open(&path).unwrap()); // migrated
    let common = sqlite3(&path, "SELECT common_recipient FROM binder");
    let notes = format!(r#"{{"v":1,"session":"old-session-1","facilitator":"Jo","setting":"lounge","note":"{CARER_NOTE}","feeling":null}}"#);
    let sealed = dir.path().join("notes.age");
    let out = Command::new("age").arg("-r").arg(&common).arg("-o").arg(&sealed).stdin(std::process::Stdio::piped()).spawn().and_then(|mut c| {
        use std::io::Write;
        c.stdin.take().unwrap().write_all(notes.as_bytes())?;
        c.wait()
    });
    assert!(out.unwrap().success());
    let hex: String = std::fs::read(&sealed).unwrap().iter().map(|b| format!("{b:02x}")).collect();
    let jo_id = sqlite3(&path, "SELECT id FROM members WHERE name = 'Jo'");
    sqlite3(&path, &format!("INSERT INTO sessions (id, started_at, ended_at, facilitator, body) VALUES ('old-session-1', '2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z', '{jo_id}', x'{hex}')"));

    let young_pass = SecretString::from("schema six young person pass".to_owned());
    let binder = Binder::open(&path).unwrap();
    let amira = binder.unlock(YOUNG_PERSON, &young_pass).unwrap();
    assert_eq!(binder.sessions(&amira).unwrap().sessions[0].note, CARER_NOTE, "as the older version left it");
    let jo = binder.unlock("Jo", &SecretString::from("schema six fixture passphrase".to_owned())).unwrap();
    assert_eq!(binder.sessions(&jo).unwrap().sessions[0].note, CARER_NOTE);
    let amira = binder.unlock(YOUNG_PERSON, &young_pass).unwrap();
    let log = binder.sessions(&amira).unwrap();
    assert!(log.sessions[0].notes_for_adults && log.sessions[0].note.is_empty(), "{log:?}");
}
