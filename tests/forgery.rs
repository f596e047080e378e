//! Pages against insiders: each test plays a carer (today's, with her own
//! keys), the young person, or anyone with the file, `sqlite3`, the `age`
//! CLI and docs/FORMAT.md, trying to forge, redirect or delete pages. Each
//! attempt is refused or caught, with nothing applied, and `check` names it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{family, pass, CARER, SOCIAL_WORKER};
use lifestory::{Audience, Binder, EntryEdit, NewEntry, Party, Role, Section};

fn sqlite3(path: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(path).arg(sql).output().expect("sqlite3 runs");
    assert!(out.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A copy of the family's binder, as the social worker's office keeps it.
fn office_copy(f: &common::Family) -> (PathBuf, Binder) {
    let path = f.dir.path().join("office.binder");
    f.binder.backup_to(&path).unwrap();
    let binder = Binder::open(&path).unwrap();
    (path, binder)
}

fn listed(f: &common::Family, keys: &lifestory::Keyring) -> Vec<String> {
    f.binder.list(keys, None).unwrap().entries.into_iter().map(|e| e.id).collect()
}

/// Everything about the pages an importer could change: ids, contents,
/// signatures, and the deletions it knows of.
fn pages_state(path: &Path) -> String {
    sqlite3(path, "SELECT group_concat(id || hex(body) || coalesce(content_proof, '') || coalesce(sharing_proof, '') || audience, ';') FROM (SELECT * FROM entries ORDER BY id);")
        + &sqlite3(path, "SELECT count(*) FROM sync_tombstones;")
        + &sqlite3(path, "SELECT count(*) FROM entry_keys;")
}

#[test]
fn a_page_inserted_with_sqlite_is_not_listed_and_check_names_it() {
    let f = family();
    let real = f.add(Role::SocialWorker, Section::Past, "Why you came into care", "WORDS-THE-SOCIAL-WORKER-SIGNED", Audience::only(Party::YoungPerson));
    // "From the social worker: please ring your mum": the real page's row,
    // proofs, body and key rows copied under a new id (so the key rows
    // decrypt, and the signatures are real ones, over another page).
    let forged = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
    sqlite3(&f.path, &format!(
        "INSERT INTO entries (id, section, kind, position, audience, sensitive, sealed_until, sort_date, created_at, updated_at, author, session_id, body, content_proof, sharing_proof)
           SELECT '{forged}', section, kind, position + 1, audience, sensitive, sealed_until, sort_date, created_at, updated_at, author, session_id, body, content_proof, sharing_proof
           FROM entries WHERE id = '{real}';
         INSERT INTO entry_keys (entry_id, role, wrap) SELECT '{forged}', role, wrap FROM entry_keys WHERE entry_id = '{real}';"
    ));
    // And one with no signature at all.
    let unsigned = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0";
    sqlite3(&f.path, &format!(
        "INSERT INTO entries (id, section, kind, position, audience, sensitive, created_at, updated_at, body)
           SELECT '{unsigned}', section, kind, position + 2, audience, sensitive, created_at, updated_at, body FROM entries WHERE id = '{real}';
         INSERT INTO entry_keys (entry_id, role, wrap) SELECT '{unsigned}', role, wrap FROM entry_keys WHERE entry_id = '{real}';"
    ));
    let binder = Binder::open(&f.path).unwrap();
    let amira = binder.unlock(common::YOUNG_PERSON, &pass(common::YOUNG_PERSON)).unwrap();
    let listing = binder.list(&amira, None).unwrap();
    let ids: Vec<&str> = listing.entries.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&real.as_str()), "{ids:?}");
    assert!(!ids.contains(&forged) && !ids.contains(&unsigned), "forged pages listed: {ids:?}");
    assert_eq!(listing.damaged.len(), 2, "{listing:?}");
    for id in [forged, unsigned] {
        assert_eq!(binder.show(&amira, id).unwrap_err().code(), "tampered");
    }
    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("f0f0f0f0") && p.contains("not signed by the member")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("e0e0e0e0") && p.contains("not signed")), "{problems:?}");
}

#[test]
fn changing_a_signed_column_or_the_body_with_sqlite_is_caught() {
    let f = family();
    let kept = f.add(Role::Carer, Section::Present, "Kept as it is", "UNTOUCHED-WORDS-MARKER", Audience::only(Party::SocialWorker));
    let dated = f.add(Role::Carer, Section::Present, "Edited later", "The first words", Audience::only(Party::SocialWorker));
    let other = f.add(Role::Carer, Section::Present, "Another page", "OTHER-PAGE-WORDS-MARKER", Audience::only(Party::SocialWorker));
    // Setting `updated_at` back hides an edit from "what's new"; moving a
    // body from one page to another sealed to... the wrong key, or a
    // reader's own new body sealed to the right one: both are caught.
    sqlite3(&f.path, &format!("UPDATE entries SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id = '{dated}';"));
    sqlite3(&f.path, &format!("UPDATE entries SET body = (SELECT body FROM entries WHERE id = '{other}') WHERE id = '{kept}';"));
    let listed = listed(&f, &f.social_worker);
    assert!(!listed.contains(&dated), "a page whose date was set back is still listed");
    assert!(listed.contains(&other));
    assert_eq!(f.binder.show(&f.social_worker, &kept).unwrap_err().code(), "tampered", "a swapped body is shown");
    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains(&dated[..8])), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains(&kept[..8]) && p.contains("replaced after they were signed")), "{problems:?}");
}

#[test]
fn the_rules_of_who_may_change_a_page_hold_through_the_api() {
    let f = family();
    let theirs = f.add(Role::SocialWorker, Section::Past, "Background", "Written by the social worker", Audience::only(Party::Carer).with(Party::YoungPerson));
    let edit = || EntryEdit { body: Some(lifestory::Body::Narrative { markdown: "CARER-REWRITE-MARKER".into() }), ..EntryEdit::default() };
    // The carer can read it, but not change its words, its audience or delete it.
    assert_eq!(f.binder.edit(&f.carer, &theirs, edit()).unwrap_err().code(), "not-your-page");
    let narrow = f.binder.set_audience(&f.carer, &theirs, Audience::only(Party::Carer).with(Party::SocialWorker), None);
    assert_eq!(narrow.unwrap_err().code(), "not-your-page");
    assert_eq!(f.binder.delete(&f.carer, &theirs).unwrap_err().code(), "not-your-page");
    assert_eq!(f.binder.move_entry(&f.carer, &theirs, Some(Section::Future), 1).unwrap_err().code(), "not-your-page");
    // The young person may share it (her book); the social worker may edit it.
    let wider = Audience::only(Party::Carer).with(Party::YoungPerson).with(Party::SocialWorker).with(Party::School);
    f.binder.set_audience(&f.young_person, &theirs, wider, Some("I want my teacher to know".into())).unwrap();
    assert!(listed(&f, &f.social_worker).contains(&theirs), "the young person's sharing is signed and holds");
    assert_eq!(f.binder.edit(&f.young_person, &theirs, edit()).unwrap_err().code(), "not-your-page");
    // A carer's own page: she edits it; the social worker may too, and it
    // stays the carer's page (author shown is the one whose words they are).
    let mine = f.add(Role::Carer, Section::Present, "Sports day", "We ran.", Audience::only(Party::SocialWorker));
    f.binder.edit(&f.carer, &mine, edit()).unwrap();
    f.binder.edit(&f.social_worker, &mine, EntryEdit { title: Some("Sports day (checked)".into()), ..EntryEdit::default() }).unwrap();
    assert_eq!(f.binder.show(&f.carer, &mine).unwrap().author_name, CARER);
    assert!(listed(&f, &f.social_worker).contains(&mine));
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

/// The carer's copy at `home` exports as usual; the office's import refuses
/// the file, saying `says`, and changes nothing there.
fn office_refuses(home: &Binder, jo: &lifestory::Keyring, office: (&Path, &Binder, &lifestory::Keyring), says: &str) {
    let (office_path, office, priya) = office;
    let before = pages_state(office_path);
    static FILES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let change = office_path.with_file_name(format!("from-home-{n}.lsc"));
    home.sync_export(jo, &change).unwrap();
    let err = office.sync_import(priya, &change).unwrap_err();
    assert_eq!(err.code(), "tampered", "{err}");
    assert!(err.to_string().contains(says), "{err}");
    assert_eq!(pages_state(office_path), before, "nothing applied");
}

#[test]
fn a_hand_edited_copy_cannot_delete_or_rewrite_the_social_workers_pages_through_sync() {
    let f = family();
    let private = f.add(Role::SocialWorker, Section::Past, "Priya's private note", "PRIVATE-NOTE-MARKER-77", Audience::EMPTY);
    let shared = f.add(Role::SocialWorker, Section::Past, "For the carer", "SHARED-NOTE-MARKER-88", Audience::only(Party::Carer));
    let (office_path, office) = office_copy(&f);
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    let at_office = (office_path.as_path(), &office, &priya);

    // At home the carer deletes the social worker's private page with
    // sqlite3 (the trigger writes an unsigned deletion), then exchanges.
    sqlite3(&f.path, &format!("DELETE FROM entries WHERE id = '{private}';"));
    office_refuses(&f.binder, &f.carer, at_office, "deletion");

    // Then she credits her own words to the social worker: her page's
    // author changed in its proof (the signature is hers, over other words).
    let home2 = f.dir.path().join("home2.binder");
    office.backup_to(&home2).unwrap();
    let home = Binder::open(&home2).unwrap();
    let jo = home.unlock(CARER, &pass(CARER)).unwrap();
    let priya_id = home.members().unwrap().into_iter().find(|m| m.name == SOCIAL_WORKER).unwrap().id;
    let jo_id = home.members().unwrap().into_iter().find(|m| m.name == CARER).unwrap().id;
    let forged = home.add_entry(&jo, NewEntry::narrative(Section::Present, "Please ring your mum", "FORGED-INSTRUCTION-MARKER").shared_with(Audience::only(Party::YoungPerson), "agreed")).unwrap();
    sqlite3(&home2, &format!("UPDATE entries SET content_proof = replace(content_proof, '\"author\":\"{jo_id}\"', '\"author\":\"{priya_id}\"') WHERE id = '{forged}';"));
    office_refuses(&home, &jo, at_office, "not signed by the member");

    // On another copy she replaces the words of the page shared with her
    // (a body of her own, signing nothing).
    let home3 = f.dir.path().join("home3.binder");
    office.backup_to(&home3).unwrap();
    let copy3 = Binder::open(&home3).unwrap();
    let jo3 = copy3.unlock(CARER, &pass(CARER)).unwrap();
    let hers = copy3.add_entry(&jo3, NewEntry::narrative(Section::Present, "Hers", "CARERS-OWN-WORDS-MARKER")).unwrap();
    sqlite3(&home3, &format!("UPDATE entries SET body = (SELECT body FROM entries WHERE id = '{hers}') WHERE id = '{shared}';"));
    office_refuses(&copy3, &jo3, at_office, "replaced after they were signed");
    assert_eq!(office.show(&priya, &private).unwrap().title, "Priya's private note");
    assert!(matches!(office.show(&priya, &shared).unwrap().body, lifestory::Body::Narrative { ref markdown } if markdown == "SHARED-NOTE-MARKER-88"));
}

#[test]
fn a_signed_deletion_by_someone_the_rules_let_arrives() {
    let f = family();
    let own = f.add(Role::SocialWorker, Section::Past, "A page Priya removes", "REMOVED-BY-PRIYA-MARKER", Audience::only(Party::Carer));
    let carers = f.add(Role::Carer, Section::Present, "A page Priya takes out", "TAKEN-OUT-MARKER-1234", Audience::only(Party::SocialWorker));
    let (office_path, office) = office_copy(&f);
    let priya = office.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    office.delete(&priya, &own).unwrap();
    office.delete(&priya, &carers).unwrap();
    let change = f.dir.path().join("office.lsc");
    office.sync_export(&priya, &change).unwrap();
    let imported = f.binder.sync_import(&f.carer, &change).unwrap();
    assert_eq!(imported.merged.pages_deleted, 2, "{:?}", imported.merged);
    assert!(!listed(&f, &f.carer).contains(&own));
    assert!(sqlite3(&office_path, "SELECT count(*) FROM sync_tombstones WHERE proof IS NOT NULL;").parse::<u32>().unwrap() >= 2);
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

/// The same attack with the real `lifestory` command on real files: the
/// carer's copy, edited with sqlite3, exported with `sync export`; the
/// social worker's `sync import` refuses it in one plain line.
#[test]
fn through_the_command_line_a_forged_change_is_refused_in_one_plain_line() {
    let f = family();
    let private = f.add(Role::SocialWorker, Section::Past, "Priya's own page", "CLI-PRIVATE-MARKER-99", Audience::EMPTY);
    let (office_path, _office) = office_copy(&f);
    sqlite3(&f.path, &format!("DELETE FROM entries WHERE id = '{private}';"));
    let change = f.dir.path().join("home.lsc");
    let run = |args: &[&str], who: &str| -> Output {
        Command::new(env!("CARGO_BIN_EXE_lifestory"))
            .args(args)
            .env("LIFESTORY_PASSPHRASE", format!("{who} passphrase for tests"))
            .output()
            .unwrap()
    };
    let out = run(&["sync", "export", f.path.to_str().unwrap(), "--as", CARER, "--out", change.to_str().unwrap()], CARER);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = pages_state(&office_path);
    let out = run(&["sync", "import", office_path.to_str().unwrap(), change.to_str().unwrap(), "--as", SOCIAL_WORKER], SOCIAL_WORKER);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("deletion") && !said.contains("panicked") && said.trim().lines().count() == 1, "{said}");
    assert_eq!(pages_state(&office_path), before, "nothing applied");
    let out = run(&["check", office_path.to_str().unwrap()], SOCIAL_WORKER);
    assert!(out.status.success(), "the office copy is sound: {}", String::from_utf8_lossy(&out.stdout));
}
