//! Sessions and the child's profile against insiders (schema 12): the young
//! person (who holds the common key the profile, and older session notes,
//! are sealed to), a carer with her own copy, or anyone with the file,
//! `sqlite3`, the `age` CLI and docs/FORMAT.md, writing session notes or a
//! profile the app never wrote. Each is not shown, `check` names it, and a
//! change file carrying one is refused with nothing applied.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::tools::sqlite3;
use common::{family, pass, CARER, SOCIAL_WORKER};
use lifestory::{Binder, Feeling};

/// `plain` sealed with the `age` CLI to the binder's common key (its public
/// key is a plaintext column, docs/FORMAT.md), as hex for sqlite3.
fn sealed_to_common_key(path: &Path, plain: &str) -> String {
    let recipient = sqlite3(path, "SELECT common_recipient FROM binder;");
    let mut age = Command::new("age").arg("-r").arg(&recipient).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("age runs");
    age.stdin.take().unwrap().write_all(plain.as_bytes()).unwrap();
    let out = age.wait_with_output().unwrap();
    assert!(out.status.success());
    out.stdout.iter().map(|b| format!("{b:02x}")).collect()
}

fn session_notes(binder: &Binder, keys: &lifestory::Keyring) -> Vec<String> {
    binder.sessions(keys).unwrap().sessions.into_iter().map(|s| s.note).collect()
}

#[test]
fn a_session_written_with_age_and_sqlite_is_not_listed_and_check_names_it() {
    let f = family();
    f.binder.start_session(&f.carer, "At the kitchen table").unwrap();
    f.binder.end_session(&f.carer, Some(Feeling::Calm), "REAL-SESSION-NOTE-MARKER").unwrap();
    let carer_id = sqlite3(&f.path, "SELECT facilitator FROM sessions;");

    // The young person writes notes "from Jo" with the age CLI (she can: the
    // common key's public half is in the file; older versions sealed notes
    // to it) and inserts the session. The social worker reads them.
    let forged = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
    let notes = format!(
        r#"{{"v":1,"session":"{forged}","facilitator":"{CARER}","setting":"Home","note":"FORGED-SESSION-NOTE-MARKER","feeling":"happy"}}"#
    );
    let body = sealed_to_common_key(&f.path, &notes);
    sqlite3(&f.path, &format!(
        "INSERT INTO sessions (id, started_at, ended_at, facilitator, body) VALUES ('{forged}', '2026-11-30T10:00:00.000Z', '2026-11-30T11:00:00.000Z', '{carer_id}', X'{body}');"
    ));
    // And moves the real one's date back, keeping its signature.
    let real = sqlite3(&f.path, &format!("SELECT id FROM sessions WHERE id != '{forged}';"));
    let binder = Binder::open(&f.path).unwrap();
    let priya = binder.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    assert_eq!(session_notes(&binder, &priya), ["REAL-SESSION-NOTE-MARKER"], "the forged session is listed");
    assert_eq!(binder.sessions(&priya).unwrap().refused, 1, "and said so");
    sqlite3(&f.path, &format!("UPDATE sessions SET started_at = '2025-01-01T09:00:00.000Z' WHERE id = '{real}';"));
    assert!(session_notes(&binder, &priya).is_empty(), "a session whose date was changed is still listed");
    assert_eq!(binder.sessions(&priya).unwrap().refused, 2);

    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("session of 2026-11-30") && p.contains("not signed")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("session of 2025-01-01") && p.contains("not signed by the member")), "{problems:?}");
}

#[test]
fn a_profile_sealed_by_someone_else_is_refused_not_shown() {
    let f = family();
    let mut profile = f.binder.profile(&f.social_worker).unwrap();
    profile.book_title = Some("Amira's book".into());
    f.binder.set_profile(&f.young_person, &profile).unwrap(); // she may: her book's title
    assert_eq!(f.binder.profile(&f.carer).unwrap().book_title.as_deref(), Some("Amira's book"));

    // Someone with the file replaces the profile with one sealed by the age
    // CLI, keeping the old signature.
    let binder_id = sqlite3(&f.path, "SELECT binder_id FROM binder;");
    let forged = format!(r#"{{"v":1,"binder":"{binder_id}","profile":{{"name":"FORGED-CHILD-NAME-MARKER"}}}}"#);
    let body = sealed_to_common_key(&f.path, &forged);
    sqlite3(&f.path, &format!("UPDATE binder SET profile = X'{body}';"));
    let err = f.binder.profile(&f.carer).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains("profile"), "{err}");
    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("profile") && p.contains("not signed by the member")), "{problems:?}");
}

#[test]
fn a_change_file_carrying_a_rewritten_session_or_profile_is_refused_whole() {
    let f = family();
    f.binder.start_session(&f.carer, "Park").unwrap();
    f.binder.end_session(&f.carer, Some(Feeling::Happy), "SESSION-BEFORE-SYNC-MARKER").unwrap();
    let office_path = f.dir.path().join("office.binder");
    f.binder.backup_to(&office_path).unwrap();
    let office = Binder::open(&office_path).unwrap();
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    let office_state = || sqlite3(&office_path, "SELECT group_concat(id || hex(body) || coalesce(proof, ''), ';') FROM sessions;") + &sqlite3(&office_path, "SELECT hex(profile) FROM binder;");
    let before = office_state();

    // At home, a session's end is moved with sqlite3 (the trigger stamps it,
    // so it travels), then the carer exchanges as usual.
    let ended = sqlite3(&f.path, "SELECT ended_at FROM sessions;");
    sqlite3(&f.path, "UPDATE sessions SET ended_at = '2030-01-01T00:00:00.000Z';");
    let change = f.dir.path().join("home-1.lsc");
    f.binder.sync_export(&f.carer, &change).unwrap();
    let err = office.sync_import(&priya, &change).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains("A session in the change file"), "{err}");
    assert_eq!(office_state(), before, "nothing applied");

    // The session put back as it was signed; a profile sealed with the age
    // CLI, with no signature at all.
    sqlite3(&f.path, &format!("UPDATE sessions SET ended_at = '{ended}';"));
    let binder_id = sqlite3(&f.path, "SELECT binder_id FROM binder;");
    let forged = sealed_to_common_key(&f.path, &format!(r#"{{"v":1,"binder":"{binder_id}","profile":{{"name":"SYNCED-FORGED-NAME-MARKER"}}}}"#));
    sqlite3(&f.path, &format!("UPDATE binder SET profile_proof = NULL, profile = X'{forged}';"));
    let change = f.dir.path().join("home-2.lsc");
    f.binder.sync_export(&f.carer, &change).unwrap();
    let err = office.sync_import(&priya, &change).unwrap_err();
    assert!(err.to_string().contains("profile"), "{err}");
    assert_eq!(office_state(), before, "nothing applied");
    assert_eq!(session_notes(&office, &priya), ["SESSION-BEFORE-SYNC-MARKER"]);
}

#[test]
fn signed_sessions_and_profile_travel_and_verify_on_the_other_copy() {
    let f = family();
    let office_path = f.dir.path().join("office.binder");
    f.binder.backup_to(&office_path).unwrap();
    let office = Binder::open(&office_path).unwrap();
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    f.binder.start_session(&f.carer, "Home").unwrap();
    f.binder.end_session(&f.carer, Some(Feeling::Okay), "TRAVELLING-SESSION-MARKER").unwrap();
    let mut profile = f.binder.profile(&f.carer).unwrap();
    profile.pronouns = Some("she/her".into());
    f.binder.set_profile(&f.carer, &profile).unwrap();
    let change = f.dir.path().join("home.lsc");
    f.binder.sync_export(&f.carer, &change).unwrap();
    office.sync_import(&priya, &change).unwrap();
    assert_eq!(session_notes(&office, &priya), ["TRAVELLING-SESSION-MARKER"]);
    assert_eq!(office.profile(&priya).unwrap().pronouns.as_deref(), Some("she/her"));
    assert!(Binder::check(&office_path).unwrap().problems.is_empty());
}

#[test]
fn the_young_person_cannot_close_a_carers_session_but_her_own_she_can() {
    let f = family();
    f.binder.start_session(&f.carer, "Home").unwrap();
    assert_eq!(f.binder.end_session(&f.young_person, None, "YP-CLOSING-NOTE-MARKER").unwrap_err().code(), "no-open-session");
    f.binder.end_session(&f.carer, Some(Feeling::Happy), "CARER-CLOSING-MARKER").unwrap();
    f.binder.start_session(&f.young_person, "My room").unwrap();
    f.binder.end_session(&f.young_person, Some(Feeling::Calm), "HER-OWN-SESSION-MARKER").unwrap();
    let notes = session_notes(&f.binder, &f.social_worker);
    assert_eq!(notes, ["HER-OWN-SESSION-MARKER", "CARER-CLOSING-MARKER"]);
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

#[test]
fn sessions_a_removed_carer_ran_stay_listed() {
    let f = family();
    f.binder.add_member(&f.carer, "Sam Second-Carer", lifestory::Role::Carer, &pass("Sam Second-Carer"), lifestory::KeyCost::insecure_for_tests()).unwrap();
    f.binder.approve_member(&f.social_worker, "Sam Second-Carer").unwrap();
    let sam = f.binder.unlock("Sam Second-Carer", &pass("Sam Second-Carer")).unwrap();
    f.binder.start_session(&sam, "Swimming").unwrap();
    f.binder.end_session(&sam, Some(Feeling::Happy), "SESSION-BY-LEAVING-CARER").unwrap();
    f.binder.remove_member(&f.social_worker, "Sam Second-Carer").unwrap();
    let log = f.binder.sessions(&f.social_worker).unwrap();
    assert_eq!(log.refused, 0, "a removed member's session was refused");
    assert_eq!(log.sessions.iter().map(|s| s.note.as_str()).collect::<Vec<_>>(), ["SESSION-BY-LEAVING-CARER"]);
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

#[test]
fn an_open_session_put_in_with_sqlite_neither_blocks_a_session_nor_collects_pages() {
    let f = family();
    let carer_id = f.binder.members().unwrap().into_iter().find(|m| m.name == CARER).unwrap().id;
    // Someone with the file leaves a session "running" for the carer, its
    // notes sealed with the age CLI, signed by nobody.
    let forged = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0";
    let body = sealed_to_common_key(&f.path, &format!(r#"{{"v":1,"session":"{forged}","facilitator":"{CARER}","setting":"FORGED-SETTING-MARKER","note":""}}"#));
    sqlite3(&f.path, &format!(
        "INSERT INTO sessions (id, started_at, facilitator, body) VALUES ('{forged}', '2030-01-01T10:00:00.000Z', '{carer_id}', X'{body}');"
    ));
    let real = f.binder.start_session(&f.carer, "Kitchen").expect("the forged session does not block a real one");
    let page = f.add(lifestory::Role::Carer, lifestory::Section::Present, "During the session", "IN-SESSION-MARKER-123", lifestory::Audience::EMPTY);
    assert_eq!(sqlite3(&f.path, &format!("SELECT session_id FROM entries WHERE id = '{page}';")), real, "the page belongs to the real session");
    let ended = f.binder.end_session(&f.carer, None, "Done").unwrap();
    assert_eq!(ended.id, real);
    assert_eq!(f.binder.end_session(&f.carer, None, "again").unwrap_err().code(), "no-open-session", "the forged one is not ended either");
}
