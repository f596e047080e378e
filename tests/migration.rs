//! A binder written by an earlier release opens in this one: its schema is
//! migrated in place and every page, picture, key and consent record is
//! still there. `fixtures/schema6.lsb` was made by the schema-6 release's
//! CLI (`lifestory new`, `add`, `member add`, `photo`), with the
//! passphrases below.

use lifestory::{Binder, Body, SecretString, Section};

const CARER: &str = "Jo";
const CARER_PASS: &str = "schema six fixture passphrase";
const YOUNG_PERSON: &str = "Amira";
const YOUNG_PERSON_PASS: &str = "schema six young person pass";
/// In the body of the carer's present page (not shared).
const PRESENT_MARKER: &str = "MARKER-SCHEMA-SIX-BODY-TEXT";
/// In the body of the past page, shared with the young person.
const PAST_MARKER: &str = "MARKER-SCHEMA-SIX-PAST-TEXT";

fn copy_of_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema6.lsb");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema6.lsb"), &path).unwrap();
    (dir, path)
}

/// `(type, name)` of everything in the schema, and the tables still
/// WITHOUT ROWID.
fn schema(path: &std::path::Path) -> (Vec<(String, String)>, Vec<String>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name").unwrap();
    let rows: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    let without_rowid = rows.iter().filter(|(_, _, sql)| sql.contains("WITHOUT ROWID")).map(|(_, name, _)| name.clone()).collect();
    (rows.into_iter().map(|(t, n, _)| (t, n)).collect(), without_rowid)
}

fn markdown(body: &Body) -> &str {
    match body {
        Body::Narrative { markdown } => markdown,
        other => panic!("not a narrative: {other:?}"),
    }
}

fn version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_schema_6_binder_opens_with_every_page_picture_and_key() {
    let (_dir, path) = copy_of_fixture();
    assert_eq!(version(&path), 6);
    let (_, before) = schema(&path);
    assert!(before.contains(&"entries".to_owned()), "the fixture is the old layout: {before:?}");

    let binder = Binder::open(&path).unwrap();
    assert_eq!(version(&path), 15, "migrated to the newest schema");
    let carer = binder.unlock(CARER, &SecretString::from(CARER_PASS.to_owned())).unwrap();
    let listing = binder.list(&carer, None).unwrap();
    let titles: Vec<&str> = listing.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(listing.entries.len(), 3, "{titles:?}");
    let present = listing.entries.iter().find(|e| e.title == "Fixture six present page").unwrap();
    assert!(markdown(&binder.show(&carer, &present.id).unwrap().body).contains(PRESENT_MARKER));
    let picture_page = listing.entries.iter().find(|e| e.section == Section::Present && e.id != present.id).unwrap();
    let pictures = binder.pictures(&carer, &picture_page.id).unwrap();
    assert_eq!(pictures.len(), 1);
    assert!(!binder.picture_copy(&carer, &pictures[0].id, lifestory::Size::Thumb).unwrap().bytes.is_empty());

    // The young person's key, her page's wrap and its consent record came through.
    let young = binder.unlock(YOUNG_PERSON, &SecretString::from(YOUNG_PERSON_PASS.to_owned())).unwrap();
    let hers = binder.list(&young, None).unwrap();
    assert_eq!(hers.entries.len(), 1, "only the page shared with her");
    let past = binder.show(&young, &hers.entries[0].id).unwrap();
    assert!(markdown(&past.body).contains(PAST_MARKER));
    assert!(!binder.ledger(&carer, Some(&past.id)).unwrap().records.is_empty());

    let report = Binder::check(&path).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn a_migrated_binder_has_the_layout_of_a_new_one() {
    let (_dir, path) = copy_of_fixture();
    drop(Binder::open(&path).unwrap());
    let (migrated, without_rowid) = schema(&path);
    // Only tables without sealed values may keep the compact layout: a
    // WITHOUT ROWID table loads a whole row to find it (tests/hostile.rs).
    assert_eq!(without_rowid, ["looked", "sync_peers", "sync_tombstones"]);

    let made = copy_of_fixture().0;
    let fresh = made.path().join("fresh.lsb");
    let c = lifestory::KeyCost::insecure_for_tests();
    let new = lifestory::NewBinder { child_name: "Amira", member_name: CARER, role: lifestory::Role::Carer, passphrase: SecretString::from(CARER_PASS.to_owned()), cost: c };
    drop(Binder::create(&fresh, new).unwrap());
    assert_eq!(schema(&fresh).0, migrated, "the same tables, indexes and triggers");
}
