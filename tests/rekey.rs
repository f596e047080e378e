//! Withdrawn means withdrawn for a page's own key: once a page's audience
//! narrows, or a role's key is replaced, whoever held the page's data key
//! keeps only what was sealed before. Played as that person, with the keys
//! they kept, `sqlite3` and the `age` CLI (docs/FORMAT.md): every value
//! written afterwards is tried, and none opens.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::fixtures::{jpeg, photo};
use common::tools::{age_open, blob, key_file, role_key, sqlite3};
use common::{family, pass, Family};
use lifestory::{Audience, Binder, Body, EntryEdit, Error, KeyCost, Party, Role, Section, Size};

const OLD_WORDS: &str = "OLD-WORDS-MARKER-BEFORE-NARROWING";
const NEW_WORDS: &str = "NEW-WORDS-MARKER-AFTER-NARROWING";

/// Every sealed value a page's reader could want, as hex, so what was
/// written after a moment is what was not there before it.
fn sealed_values(path: &Path) -> BTreeSet<String> {
    sqlite3(
        path,
        "SELECT hex(body) FROM entries UNION ALL SELECT hex(wrap) FROM entry_keys
         UNION ALL SELECT hex(info) FROM pictures UNION ALL SELECT hex(data) FROM picture_copies
         UNION ALL SELECT hex(note) FROM ledger",
    )
    .lines()
    .map(str::to_owned)
    .collect()
}

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

/// The values written since `before` that any of `keys` opens with `age`.
fn opened_since(f: &Family, before: &BTreeSet<String>, keys: &[PathBuf]) -> Vec<String> {
    let after = sealed_values(&f.path);
    let new: Vec<&String> = after.difference(before).collect();
    assert!(new.len() >= 5, "the changes wrote new values: {}", new.len());
    new.into_iter()
        .filter(|hex| keys.iter().any(|key| age_open(key, &unhex(hex), f.dir.path()).is_some()))
        .map(|hex| hex.chars().take(40).collect())
        .collect()
}

/// The page's data key as `role`'s key row gives it, written as an age
/// identity file: what a member of that role can take out of the file.
fn data_key(f: &Family, role_key: &Path, role: &str, page: &str, name: &str) -> PathBuf {
    let wrap = blob(&f.path, &format!("SELECT hex(wrap) FROM entry_keys WHERE entry_id = '{page}' AND role = '{role}'"));
    let envelope = age_open(role_key, &wrap, f.dir.path()).expect("the role's key opens its key row");
    key_file(f.dir.path(), name, &envelope)
}

fn body_of(f: &Family, page: &str) -> Vec<u8> {
    blob(&f.path, &format!("SELECT hex(body) FROM entries WHERE id = '{page}'"))
}

fn narrative(markdown: &str) -> EntryEdit {
    EntryEdit { body: Some(Body::Narrative { markdown: markdown.to_owned() }), ..EntryEdit::default() }
}

/// Everything on the page still reads for someone it is shared with: its
/// words, every picture (old ones through the keys the page had before) and
/// every consent record.
fn reads_everything(f: &Family, keys: &lifestory::Keyring, page: &str, words: &str, pictures: usize) {
    let entry = f.binder.show(keys, page).unwrap();
    assert!(matches!(&entry.body, Body::Narrative { markdown } if markdown.contains(words)), "{:?}", entry.body);
    let shown = f.binder.pictures(keys, page).unwrap();
    assert_eq!(shown.len(), pictures);
    for picture in shown {
        for size in [Size::Thumb, Size::Print, Size::Full] {
            assert!(!f.binder.picture_copy(keys, &picture.id, size).unwrap().bytes.is_empty());
        }
    }
    let ledger = f.binder.ledger(keys, Some(page)).unwrap();
    assert_eq!((ledger.refused, ledger.other), (0, 0), "every consent record of the page reads");
    assert!(Binder::check(&f.path).unwrap().problems.is_empty(), "{:?}", Binder::check(&f.path).unwrap().problems);
}

#[test]
fn a_page_narrowed_from_the_carer_then_edited_opens_nothing_new_with_the_carers_old_key() {
    let f = family();
    let page = f.add(Role::SocialWorker, Section::Past, "Contact with mum", OLD_WORDS, Audience::only(Party::Carer));
    f.binder.attach_picture(&f.social_worker, &page, &jpeg(&photo(64, 48, 1), 90), "At the park").unwrap();
    // What Jo takes away while the page is shared with her.
    let carer = role_key(&f, "carer");
    let old_key = data_key(&f, &carer, "carer", &page, "page-old.key");
    let old_body = age_open(&old_key, &body_of(&f, &page), f.dir.path()).expect("her key opens the words while shared");
    assert!(String::from_utf8_lossy(&old_body).contains(OLD_WORDS));
    let before = sealed_values(&f.path);

    f.binder.set_audience(&f.social_worker, &page, Audience::only(Party::SocialWorker), None).unwrap();
    f.binder.edit(&f.social_worker, &page, narrative(NEW_WORDS)).unwrap();
    let picture = f.binder.attach_picture(&f.social_worker, &page, &jpeg(&photo(64, 48, 2), 90), "At court").unwrap();
    f.binder.set_caption(&f.social_worker, &picture, "After court").unwrap();

    assert_eq!(opened_since(&f, &before, &[carer.clone(), old_key.clone()]), Vec::<String>::new());
    assert!(matches!(f.binder.show(&f.carer, &page), Err(Error::NotShared)));
    reads_everything(&f, &f.social_worker, &page, NEW_WORDS, 2);
    // Honest about what it does not do: the picture from before is still
    // sealed to the old key (she could have copied it then).
    let first = sqlite3(&f.path, &format!("SELECT id FROM pictures WHERE entry_id = '{page}' AND id <> '{picture}'"));
    let old_thumb = blob(&f.path, &format!("SELECT hex(data) FROM picture_copies WHERE picture_id = '{first}' AND size = 'thumb'"));
    assert!(age_open(&old_key, &old_thumb, f.dir.path()).is_some());
}

#[test]
fn a_page_the_young_person_narrows_is_rekeyed_though_she_may_not_sign_its_words() {
    let f = family();
    let everyone = Audience::only(Party::YoungPerson).with(Party::SocialWorker);
    let page = f.add(Role::Carer, Section::Present, "My football team", OLD_WORDS, everyone);
    let worker = role_key(&f, "social-worker");
    let old_key = data_key(&f, &worker, "social-worker", &page, "page-old.key");
    let before = sealed_values(&f.path);

    // Amira takes the social worker off; Jo, the author, writes more.
    let mine = Audience::only(Party::YoungPerson).with(Party::Carer);
    f.binder.set_audience(&f.young_person, &page, mine, None).unwrap();
    f.binder.attach_picture(&f.young_person, &page, &jpeg(&photo(64, 48, 3), 90), "Our kit").unwrap();
    f.binder.edit(&f.carer, &page, narrative(NEW_WORDS)).unwrap();

    assert_eq!(opened_since(&f, &before, &[worker, old_key]), Vec::<String>::new());
    reads_everything(&f, &f.young_person, &page, NEW_WORDS, 1);
    reads_everything(&f, &f.carer, &page, NEW_WORDS, 1);
}

#[test]
fn after_a_carer_leaves_and_the_key_is_rotated_edits_of_old_pages_open_nothing_for_her() {
    let f = family();
    let cheap = KeyCost::insecure_for_tests();
    f.binder.add_member(&f.carer, "Sam", Role::Carer, &pass("Sam"), cheap).unwrap();
    f.binder.approve_member(&f.social_worker, "Sam").unwrap();
    let page = f.add(Role::SocialWorker, Section::Past, "Moving to Jo's", OLD_WORDS, Audience::only(Party::Carer));
    // What Sam keeps when she leaves: the carer key and this page's key.
    let sams_carer_key = role_key(&f, "carer");
    let old_key = data_key(&f, &sams_carer_key, "carer", &page, "page-old.key");
    let before = sealed_values(&f.path);

    // Jo rotates the carer key: Sam is removed with it.
    let report = f.binder.rotate(&f.carer, Role::Carer, Some(&pass("Jo")), cheap).unwrap();
    assert_eq!(report.members_to_add_again, ["Sam"]);
    let jo = f.binder.unlock("Jo", &pass("Jo")).unwrap();
    let priya = &f.social_worker;
    f.binder.edit(priya, &page, narrative(NEW_WORDS)).unwrap();
    f.binder.attach_picture(priya, &page, &jpeg(&photo(64, 48, 4), 90), "The new house").unwrap();
    f.binder.share(priya, &page, Audience::only(Party::YoungPerson), Audience::EMPTY, Some("Amira asked to see it".into())).unwrap();
    let new_page = f.add(Role::SocialWorker, Section::Present, "After Sam", NEW_WORDS, Audience::only(Party::Carer));

    assert_eq!(opened_since(&f, &before, &[sams_carer_key, old_key]), Vec::<String>::new());
    reads_everything(&f, &jo, &page, NEW_WORDS, 1);
    reads_everything(&f, &jo, &new_page, NEW_WORDS, 0);
    reads_everything(&f, &f.young_person, &page, NEW_WORDS, 1);
}

#[test]
fn after_the_social_worker_removes_the_only_carer_nothing_new_opens_for_her_and_the_next_carer_reads_on() {
    let f = family();
    let cheap = KeyCost::insecure_for_tests();
    let page = f.add(Role::SocialWorker, Section::Past, "Moving to Jo's", OLD_WORDS, Audience::only(Party::Carer));
    // What Jo keeps when the placement ends: the carer key and the page key.
    let jos_carer_key = role_key(&f, "carer");
    let old_key = data_key(&f, &jos_carer_key, "carer", &page, "page-old.key");
    let before = sealed_values(&f.path);

    let priya = &f.social_worker;
    let removed = f.binder.remove_member(priya, "Jo").unwrap();
    assert!(removed.keys_renewed);
    f.binder.edit(priya, &page, narrative(NEW_WORDS)).unwrap();
    f.binder.attach_picture(priya, &page, &jpeg(&photo(64, 48, 6), 90), "The new house").unwrap();
    let new_page = f.add(Role::SocialWorker, Section::Present, "After Jo", NEW_WORDS, Audience::only(Party::Carer));
    // The next carer: Priya does not hold the carer key Jo's removal made,
    // so the new carer is given a key of their own, as a role's first is.
    let added = f.binder.add_member(priya, "Lee", Role::Carer, &pass("Lee"), cheap).unwrap();
    assert!(added.new_role_key);
    assert_eq!((added.pages_shared, added.pages_waiting), (2, 0));
    let lee = f.binder.unlock("Lee", &pass("Lee")).unwrap();

    assert_eq!(opened_since(&f, &before, &[jos_carer_key, old_key]), Vec::<String>::new());
    reads_everything(&f, &lee, &page, NEW_WORDS, 1);
    reads_everything(&f, &lee, &new_page, NEW_WORDS, 0);
}

#[test]
fn a_carers_own_notes_keep_the_social_worker_from_replacing_the_key_and_the_recovery_key_replaces_it_losing_nothing() {
    let f = family();
    let cheap = KeyCost::insecure_for_tests();
    let own = f.add(Role::Carer, Section::Present, "Jo's notes", OLD_WORDS, Audience::only(Party::Carer));
    let jos_carer_key = role_key(&f, "carer");
    let own_key = data_key(&f, &jos_carer_key, "carer", &own, "own-old.key");

    // Only the carer key opens Jo's notes: replacing it now would lose them.
    let removed = f.binder.remove_member(&f.social_worker, "Jo").unwrap();
    assert!(!removed.keys_renewed);
    assert_eq!(removed.pages_kept_for_role, 1);
    assert!(matches!(
        f.binder.add_member(&f.social_worker, "Lee", Role::Carer, &pass("Lee"), cheap),
        Err(Error::RoleKeyNeeded { .. })
    ));

    // The agency, with the recovery sheet, replaces it and admits Lee.
    let before = sealed_values(&f.path);
    let agency = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    let report = f.binder.rotate(&agency, Role::Carer, None, cheap).unwrap();
    assert_eq!(report.pages_waiting, 0);
    let agency = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    f.binder.add_member(&agency, "Lee", Role::Carer, &pass("Lee"), cheap).unwrap();
    let lee = f.binder.unlock("Lee", &pass("Lee")).unwrap();
    let new_page = f.binder.add_entry(&lee, lifestory::NewEntry::narrative(Section::Present, "Lee's first week", NEW_WORDS).shared_with(Audience::only(Party::SocialWorker), "for Priya")).unwrap();
    assert_eq!(opened_since(&f, &before, &[jos_carer_key, own_key]), Vec::<String>::new());
    reads_everything(&f, &lee, &own, OLD_WORDS, 0);
    reads_everything(&f, &lee, &new_page, NEW_WORDS, 0);
}

#[test]
fn a_junk_key_row_planted_with_sqlite3_does_not_stop_the_carers_removal() {
    let f = family();
    let page = f.add(Role::Carer, Section::Present, "For Priya", OLD_WORDS, Audience::only(Party::SocialWorker));
    // Someone with the laptop for a minute spoils the social worker's row,
    // hoping the removal fails and Jo's keys keep working.
    sqlite3(&f.path, &format!("UPDATE entry_keys SET wrap = randomblob(300) WHERE entry_id = '{page}' AND role = 'social-worker'"));
    let removed = f.binder.remove_member(&f.social_worker, "Jo").unwrap();
    assert!(removed.keys_renewed);
    assert!(f.binder.unlock("Jo", &pass("Jo")).is_err());
}

/// Jo, taken off a page, writes the social worker a key row of her own
/// with `sqlite3` and `age`: `current` as the page's key and `earlier`
/// after it, the page's facts as the row now has them. Every read and
/// change of the page by the social worker must then be refused, with
/// nothing sealed to a key Jo holds.
fn planted_key_row_is_refused(plant: impl Fn(&Path, &serde_json::Value) -> (serde_json::Value, Vec<serde_json::Value>)) {
    let f = family();
    let page = f.add(Role::SocialWorker, Section::Past, "Contact with mum", OLD_WORDS, Audience::only(Party::Carer));
    let carer = role_key(&f, "carer");
    let wrap = blob(&f.path, &format!("SELECT hex(wrap) FROM entry_keys WHERE entry_id = '{page}' AND role = 'carer'"));
    let mut envelope: serde_json::Value = serde_json::from_slice(&age_open(&carer, &wrap, f.dir.path()).unwrap()).unwrap();
    f.binder.set_audience(&f.social_worker, &page, Audience::only(Party::SocialWorker), None).unwrap();

    let dir = f.dir.path();
    let (current, earlier) = plant(dir, &envelope["key"]);
    envelope["key"] = current;
    envelope["earlier"] = earlier.into();
    envelope["audience"] = serde_json::to_value(Audience::only(Party::SocialWorker)).unwrap();
    let plain = dir.join("envelope.json");
    std::fs::write(&plain, serde_json::to_vec(&envelope).unwrap()).unwrap();
    let recipient = sqlite3(&f.path, "SELECT recipient FROM role_keys WHERE role = 'social-worker'");
    let sealed = dir.join("envelope.age");
    let out = Command::new("age").arg("-r").arg(&recipient).arg("-o").arg(&sealed).arg(&plain).output().unwrap();
    assert!(out.status.success());
    let hex: String = std::fs::read(&sealed).unwrap().iter().map(|b| format!("{b:02X}")).collect();
    sqlite3(&f.path, &format!("UPDATE entry_keys SET wrap = X'{hex}' WHERE entry_id = '{page}' AND role = 'social-worker'"));

    let priya = &f.social_worker;
    assert!(matches!(f.binder.show(priya, &page), Err(Error::Tampered { .. })));
    let before = sealed_values(&f.path);
    assert!(f.binder.attach_picture(priya, &page, &jpeg(&photo(64, 48, 5), 90), "Court").is_err());
    assert!(f.binder.edit(priya, &page, narrative(NEW_WORDS)).is_err());
    assert_eq!(sealed_values(&f.path), before, "nothing was sealed to her key");
}

#[test]
fn a_key_row_putting_back_the_old_key_is_refused() {
    // The words are still sealed to the old key (nobody has edited them
    // since), so only the sharer's signature on the new key catches this.
    planted_key_row_is_refused(|_, old| (old.clone(), Vec::new()));
}

#[test]
fn a_key_row_with_a_key_of_her_own_is_refused() {
    planted_key_row_is_refused(|dir, old| {
        let mine = dir.join("mine.key");
        assert!(Command::new("age-keygen").arg("-o").arg(&mine).output().unwrap().status.success());
        let text = std::fs::read_to_string(&mine).unwrap();
        let secret = text.lines().find(|l| l.starts_with("AGE-SECRET-KEY-")).unwrap().to_owned();
        (secret.into(), vec![old.clone()])
    });
}

#[test]
fn widening_and_moving_a_page_keep_its_key() {
    let f = family();
    let page = f.add(Role::SocialWorker, Section::Past, "School report", OLD_WORDS, Audience::only(Party::Carer));
    let carer = role_key(&f, "carer");
    let key = data_key(&f, &carer, "carer", &page, "page.key");
    f.binder.share(&f.social_worker, &page, Audience::only(Party::YoungPerson), Audience::EMPTY, Some("asked".into())).unwrap();
    f.binder.move_entry(&f.social_worker, &page, Some(Section::Present), 1).unwrap();
    // Nobody left, so nothing to keep from anyone: the same key, no list.
    let now = data_key(&f, &carer, "carer", &page, "page-now.key");
    assert_eq!(std::fs::read(&key).unwrap(), std::fs::read(&now).unwrap());
    reads_everything(&f, &f.young_person, &page, OLD_WORDS, 0);
}
