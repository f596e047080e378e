//! Nothing left behind: a page and a picture carrying a marker are added,
//! edited and deleted. Neither the marker nor any of their ciphertext may
//! remain in the binder file, its -wal or -shm, and nothing at all may be
//! written to the temporary folder. Deleting is real deletion.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_absent, family};
use lifestory::{Audience, Body, EntryEdit, NewEntry, Party, Role, Section};

const MARKER: &str = "LEFTOVER-MARKER-e41c";

fn all_files(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        bytes.extend(std::fs::read(PathBuf::from(p)).unwrap_or_default());
    }
    bytes
}

fn blobs(path: &Path, sql: &str, id: &str) -> Vec<Vec<u8>> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([id], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

/// A 48-byte window from the middle of a ciphertext: random, so finding it
/// means the old bytes are still there.
fn trace(blob: &[u8]) -> Vec<u8> {
    let mid = blob.len() / 2;
    blob[mid - 24..mid + 24].to_vec()
}

#[test]
fn edited_and_deleted_pages_and_pictures_leave_nothing_behind() {
    let f = family();
    // From here on the temporary folder is one we can inspect.
    let tmp = tempfile::tempdir().unwrap();
    std::env::set_var("TMPDIR", tmp.path());
    let page = f.add(Role::Carer, Section::Past, &format!("Title {MARKER}"), &format!("Body {MARKER}"), Audience::only(Party::YoungPerson));
    let photo = common::fixtures::with_phone_metadata(&common::fixtures::jpeg(&common::fixtures::photo(800, 600, 3), 90), 1);
    let added = f.binder.add_picture(&f.carer, NewEntry::picture(Section::Past, MARKER), &photo, MARKER).unwrap();
    let mut traces: Vec<Vec<u8>> = Vec::new();
    traces.extend(blobs(&f.path, "SELECT body FROM entries WHERE id = ?1", &page).iter().map(|b| trace(b)));

    // Edit: the old body's ciphertext must go too.
    let edit = EntryEdit { body: Some(Body::Narrative { markdown: format!("Rewritten {MARKER}") }), ..Default::default() };
    f.binder.edit(&f.carer, &page, edit).unwrap();
    let after_edit = all_files(&f.path);
    assert_absent(&after_edit, &traces[0], "the binder files after the edit (the edited page's old ciphertext)");

    traces.extend(blobs(&f.path, "SELECT body FROM entries WHERE id = ?1", &page).iter().map(|b| trace(b)));
    traces.extend(blobs(&f.path, "SELECT body FROM entries WHERE id = ?1", &added.entry_id).iter().map(|b| trace(b)));
    traces.extend(blobs(&f.path, "SELECT data FROM picture_copies WHERE picture_id = ?1", &added.picture_id).iter().map(|b| trace(b)));
    traces.extend(blobs(&f.path, "SELECT info FROM pictures WHERE id = ?1", &added.picture_id).iter().map(|b| trace(b)));
    traces.extend(blobs(&f.path, "SELECT wrap FROM entry_keys WHERE entry_id = ?1", &page).iter().map(|b| trace(b)));
    assert_eq!(traces.len(), 1 + 1 + 1 + 3 + 1 + 2);

    f.binder.delete(&f.carer, &page).unwrap();
    f.binder.delete(&f.carer, &added.entry_id).unwrap();
    let bytes = all_files(&f.path);
    assert_absent(&bytes, MARKER, "the binder files after deleting");
    for (i, t) in traces.iter().enumerate() {
        assert_absent(&bytes, t, &format!("the binder files after deleting (ciphertext {i} of a deleted page)"));
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "files written to the temporary folder: {left:?}");
}

#[test]
fn narrowing_who_can_see_a_page_removes_the_old_key_rows() {
    let f = family();
    let page = f.add(Role::Carer, Section::Past, "Shared, then not", "Words", Audience::only(Party::YoungPerson).with(Party::SocialWorker));
    let sw_wrap = blobs(&f.path, "SELECT wrap FROM entry_keys WHERE entry_id = ?1 AND role = 'social-worker'", &page);
    assert_eq!(sw_wrap.len(), 1);
    f.binder.share(&f.carer, &page, Audience::EMPTY, Audience::only(Party::SocialWorker), None).unwrap();
    assert_absent(&all_files(&f.path), trace(&sw_wrap[0]), "the binder files (the social worker's old key to the page)");
}

// The leak-check helper itself (common/leaks.rs): it finds a marker that is
// there, and refuses one short enough to turn up in ciphertext by chance.

#[test]
#[should_panic(expected = "is in the binder file")]
fn a_leak_check_fails_when_the_marker_is_there() {
    let f = family();
    // Member names are stored in plaintext (the unlock screen lists them).
    let name = "Josephine-Plaintext-Name";
    f.binder.add_member(&f.carer, name, Role::Carer, &common::pass(name), lifestory::KeyCost::insecure_for_tests()).unwrap();
    assert_absent(&all_files(&f.path), name, "the binder file");
}

#[test]
#[should_panic(expected = "turns up in random ciphertext")]
fn a_leak_check_refuses_a_marker_under_twelve_bytes() {
    assert_absent(b"nothing here", "Jo", "anything");
}
