//! Key generations: rotating a role's key, or removing the last member of
//! a role, starts a new generation of the binder-wide (common) key. Played as the carer who left, with the keys she
//! kept (her role key and the common key it opened), a copy of the file she
//! kept, `sqlite3` and the `age` CLI: nothing sealed to the binder after she
//! left opens for her, and a change file she makes is refused.

mod common;

use std::path::{Path, PathBuf};

use common::tools::{age_open, blob, key_file, role_key, sqlite3};
use common::{family, pass, Family};
use lifestory::{Audience, Binder, Error, KeyCost, NewEntry, Party, Profile, Role, Section};

const NEW_NAME: &str = "PREFERRED-NAME-MARKER-AFTER-ROTATION";
const SESSION_NOTE: &str = "OFFICE-SESSION-NOTE-BEFORE-CATCHING-UP";

/// The role key and the common key a member of `role` holds today, as age
/// identity files named with `tag`.
fn keys_of(f: &Family, role: &str, tag: &str) -> [PathBuf; 2] {
    let role_file = role_key(f, role);
    let moved = f.dir.path().join(format!("{tag}-{role}.key"));
    std::fs::rename(&role_file, &moved).unwrap();
    let wrap = blob(&f.path, &format!("SELECT hex(common_wrap) FROM role_keys WHERE role = '{role}'"));
    let common = key_file(f.dir.path(), &format!("{tag}-common.key"), &age_open(&moved, &wrap, f.dir.path()).unwrap());
    [moved, common]
}

/// A change file's parts as docs/FORMAT.md lays them out (version 6): the
/// generation, each role's wrap of the common key, and the age payload.
struct ChangeFile {
    generation: u64,
    wraps: Vec<Vec<u8>>,
    payload: Vec<u8>,
}

fn read_change_file(path: &Path) -> ChangeFile {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..15], b"lifestory-sync\n");
    assert_eq!(bytes[15], 6, "format version");
    let mut at: usize = 96;
    // `usize::MAX`: the rest.
    let mut take = |n: usize| {
        let end = at.saturating_add(n).min(bytes.len());
        let part = bytes[at..end].to_vec();
        at = end;
        part
    };
    let generation = u64::from_be_bytes(take(8).try_into().unwrap());
    let count = u32::from_be_bytes(take(4).try_into().unwrap());
    let mut wraps = Vec::new();
    for _ in 0..count {
        let len = u32::from_be_bytes(take(4).try_into().unwrap()) as usize;
        wraps.push(take(len));
    }
    let payload = take(usize::MAX);
    ChangeFile { generation, wraps, payload }
}

fn jo_rotates_the_carer_key_after_sam_leaves(f: &Family) -> lifestory::Keyring {
    let cheap = KeyCost::insecure_for_tests();
    let report = f.binder.rotate(&f.carer, Role::Carer, Some(&pass("Jo")), cheap).unwrap();
    assert_eq!(report.members_to_add_again, ["Sam"]);
    f.binder.unlock("Jo", &pass("Jo")).unwrap()
}

fn with_sam(f: &Family) {
    f.binder.add_member(&f.carer, "Sam", Role::Carer, &pass("Sam"), KeyCost::insecure_for_tests()).unwrap();
    f.binder.approve_member(&f.social_worker, "Sam").unwrap();
}

/// `leaver`, a carer, keeps her keys and a copy of the book; then `leave`
/// takes her out and returns the keyring of an adult still in. Nothing
/// sealed to the binder afterwards opens with what she kept, and a change
/// file she makes on her copy is refused.
fn the_carer_who_left_opens_nothing_sealed_to_the_binder(f: &Family, leaver: &str, leave: impl FnOnce(&Family) -> lifestory::Keyring) {
    // What she keeps: her keys, and a copy of the book.
    let hers = keys_of(f, "carer", leaver);
    let her_copy = f.dir.path().join(format!("{leaver}-copy.binder"));
    f.binder.backup_to(&her_copy).unwrap();

    let adult = leave(f);
    // Priya's keyring is from before the change: the binder gives her the
    // new generation through her own role's wrap.
    let profile = Profile { preferred_name: Some(NEW_NAME.into()), ..f.binder.profile(&f.social_worker).unwrap() };
    f.binder.set_profile(&f.social_worker, &profile).unwrap();
    assert_eq!(f.binder.profile(&adult).unwrap().preferred_name.as_deref(), Some(NEW_NAME));
    let out = f.dir.path().join("home.lsc");
    f.binder.sync_export(&adult, &out).unwrap();

    // The profile, every role's wrap of the common key, and the change file.
    let dir = f.dir.path();
    let profile_blob = blob(&f.path, "SELECT hex(profile) FROM binder");
    assert!(hers.iter().all(|key| age_open(key, &profile_blob, dir).is_none()), "the profile");
    for role in sqlite3(&f.path, "SELECT role FROM role_keys").lines() {
        let wrap = blob(&f.path, &format!("SELECT hex(common_wrap) FROM role_keys WHERE role = '{role}'"));
        assert!(age_open(&hers[0], &wrap, dir).is_none(), "the {role} wrap");
    }
    let file = read_change_file(&out);
    assert_eq!(file.generation, 1);
    assert_eq!(file.wraps.len(), 3);
    for wrap in &file.wraps {
        assert!(hers.iter().all(|key| age_open(key, wrap, dir).is_none()), "a wrap in the file");
    }
    assert!(hers.iter().all(|key| age_open(key, &file.payload, dir).is_none()), "the file's payload");
    // The same reading with Priya's key does open it: the parts were read right.
    let worker = role_key(f, "social-worker");
    let opened = file.wraps.iter().find_map(|wrap| age_open(&worker, wrap, dir)).expect("her wrap is there");
    let current = key_file(dir, "current-common.key", &opened);
    assert!(age_open(&current, &file.payload, dir).is_some());

    // On her copy, with her old passphrase, she writes a page and exports.
    let copy = Binder::open(&her_copy).unwrap();
    let her_keys = copy.unlock(leaver, &pass(leaver)).unwrap();
    copy.add_entry(&her_keys, NewEntry::narrative(Section::Present, "From me", "Ring me.").shared_with(Audience::only(Party::YoungPerson), "asked")).unwrap();
    let from_her = f.dir.path().join(format!("{leaver}.lsc"));
    copy.sync_export(&her_keys, &from_her).unwrap();
    let before = f.binder.list(&adult, None).unwrap().entries.len();
    assert!(matches!(f.binder.sync_import(&adult, &from_her), Err(Error::ChangeFileOldKeys)));
    assert_eq!(f.binder.list(&adult, None).unwrap().entries.len(), before, "nothing was taken in");
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

#[test]
fn after_a_rotation_the_carer_who_left_opens_nothing_sealed_to_the_binder_and_her_change_file_is_refused() {
    let f = family();
    with_sam(&f);
    the_carer_who_left_opens_nothing_sealed_to_the_binder(&f, "Sam", jo_rotates_the_carer_key_after_sam_leaves);
}

#[test]
fn the_social_worker_removing_the_only_carer_replaces_the_keys_so_last_years_carer_opens_nothing_new() {
    let f = family();
    the_carer_who_left_opens_nothing_sealed_to_the_binder(&f, "Jo", |f| {
        let removed = f.binder.remove_member(&f.social_worker, "Jo").unwrap();
        assert!(removed.keys_renewed, "nobody else held the carer key");
        assert!(removed.still_holding.is_empty());
        f.binder.unlock("Priya", &pass("Priya")).unwrap()
    });
}

#[test]
fn a_copy_that_missed_the_rotation_takes_it_in_with_its_own_role_key_and_then_exchanges_as_before() {
    let f = family();
    with_sam(&f);
    let office_path = f.dir.path().join("office.binder");
    f.binder.backup_to(&office_path).unwrap();
    let office = Binder::open(&office_path).unwrap();
    let priya = office.unlock("Priya", &pass("Priya")).unwrap();
    let jo_at_office = office.unlock("Jo", &pass("Jo")).unwrap();

    let jo = jo_rotates_the_carer_key_after_sam_leaves(&f);
    // Until the office has the new keys, what it writes is not taken in.
    let page = office.add_entry(&priya, NewEntry::narrative(Section::Past, "Review", "Went well.").shared_with(Audience::only(Party::Carer), "agreed")).unwrap();
    office.start_session(&priya, "office").unwrap();
    office.end_session(&priya, None, SESSION_NOTE).unwrap();
    let from_office = f.dir.path().join("office.lsc");
    office.sync_export(&priya, &from_office).unwrap();
    assert!(matches!(f.binder.sync_import(&jo, &from_office), Err(Error::ChangeFileOldKeys)));

    let from_home = f.dir.path().join("home.lsc");
    f.binder.sync_export(&jo, &from_home).unwrap();
    // Jo's old carer key is not the carer key any more: through it, the
    // office cannot take the new generation in.
    assert!(matches!(office.sync_import(&jo_at_office, &from_home), Err(Error::KeysReplaced)));
    office.sync_import(&priya, &from_home).unwrap();
    assert_eq!(office.profile(&priya).unwrap().name, common::CHILD);

    std::fs::remove_file(&from_office).unwrap();
    office.sync_export(&priya, &from_office).unwrap();
    f.binder.sync_import(&jo, &from_office).unwrap();
    // Sealed at the office to the old carer key, sealed again there when
    // the rotation came in: Jo's new key reads both.
    assert_eq!(f.binder.show(&jo, &page).unwrap().title, "Review");
    let notes = f.binder.sessions(&jo).unwrap();
    assert!(notes.sessions.iter().any(|s| s.note == SESSION_NOTE), "{notes:?}");
    assert!(Binder::check(&office_path).unwrap().problems.is_empty());
}

#[test]
fn a_page_written_again_when_a_rotation_came_in_reaches_a_copy_that_had_its_stale_version() {
    let f = family();
    with_sam(&f);
    let page = f.add(Role::SocialWorker, Section::Past, "Review", "First words.", Audience::only(Party::Carer));
    let copy = |name: &str| {
        let path = f.dir.path().join(name);
        f.binder.backup_to(&path).unwrap();
        Binder::open(&path).unwrap()
    };
    let (office, hers) = (copy("office.binder"), copy("amira.binder"));
    let priya = office.unlock("Priya", &pass("Priya")).unwrap();
    let amira = hers.unlock("Amira", &pass("Amira")).unwrap();
    let jo = jo_rotates_the_carer_key_after_sam_leaves(&f);
    let file = |binder: &Binder, keys: &lifestory::Keyring, name: &str| {
        let out = f.dir.path().join(name);
        let _ = std::fs::remove_file(&out);
        binder.sync_export(keys, &out).expect(name);
        out
    };
    // The office, not yet told, changes the page: sealed to the old carer key.
    let edit = lifestory::EntryEdit { body: Some(lifestory::Body::Narrative { markdown: "OFFICE-WORDS-BEFORE-CATCHING-UP".into() }), ..Default::default() };
    office.edit(&priya, &page, edit).unwrap();
    // Amira's copy takes that version in, then the rotation; it cannot open
    // the page, so it passes the stale version on to home.
    hers.sync_import(&amira, &file(&office, &priya, "office-old.lsc")).unwrap();
    hers.sync_import(&amira, &file(&f.binder, &jo, "home.lsc")).unwrap();
    f.binder.sync_import(&jo, &file(&hers, &amira, "amira.lsc")).unwrap();
    // The office catches up (from Amira's copy, which relays the rotation)
    // and writes the page's keys again, as a change of its own: home takes
    // it over the stale one.
    office.sync_import(&priya, &file(&hers, &amira, "amira-for-office.lsc")).unwrap();
    f.binder.sync_import(&jo, &file(&office, &priya, "office.lsc")).unwrap();
    match f.binder.show(&jo, &page).unwrap().body {
        lifestory::Body::Narrative { markdown } => assert_eq!(markdown, "OFFICE-WORDS-BEFORE-CATCHING-UP"),
        other => panic!("{other:?}"),
    }
}
