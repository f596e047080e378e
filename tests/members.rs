//! Members, role keys, the recovery key and rotation.

mod common;

use common::*;
use lifestory::{Audience, Binder, Error, KeyCost, NewBinder, NewEntry, Party, RecoveryKey, Role, Section};

fn carer_only_binder() -> (tempfile::TempDir, Binder, RecoveryKey) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.binder");
    let new = NewBinder { child_name: "Kai", member_name: CARER, role: Role::Carer, passphrase: pass(CARER), cost: KeyCost::insecure_for_tests() };
    let (binder, recovery) = Binder::create(&path, new).unwrap();
    (dir, binder, recovery)
}

#[test]
fn a_roles_first_member_receives_the_pages_already_shared_with_that_role() {
    let (_dir, binder, _) = carer_only_binder();
    let carer = binder.unlock(CARER, &pass(CARER)).unwrap();
    let for_kai = NewEntry::narrative(Section::Present, "Kai's bike", "red").shared_with(Audience::only(Party::YoungPerson), "");
    let id = binder.add_entry(&carer, for_kai).unwrap();
    let added = binder.add_member(&carer, "Kai", Role::YoungPerson, &pass("Kai"), KeyCost::insecure_for_tests()).unwrap();
    assert!(added.new_role_key);
    assert_eq!((added.pages_shared, added.pages_waiting), (1, 0));
    let kai = binder.unlock("Kai", &pass("Kai")).unwrap();
    assert_eq!(binder.show(&kai, &id).unwrap().title, "Kai's bike");
}

#[test]
fn a_further_member_of_a_keyed_role_needs_that_role_or_the_recovery_key() {
    let f = family();
    let cost = KeyCost::insecure_for_tests();
    let err = f.binder.add_member(&f.carer, "Sam", Role::SocialWorker, &pass("Sam"), cost).unwrap_err();
    assert!(matches!(err, Error::RoleKeyNeeded { .. }), "{err:?}");
    f.binder.add_member(&f.social_worker, "Sam", Role::SocialWorker, &pass("Sam"), cost).unwrap();
    let agency = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    f.binder.add_member(&agency, "Lee", Role::SocialWorker, &pass("Lee"), cost).unwrap();
    assert!(f.binder.unlock("Lee", &pass("Lee")).unwrap().holds(Role::SocialWorker));
}

#[test]
fn the_recovery_key_reads_everything_and_a_foreign_one_is_refused() {
    let f = family();
    let id = f.add(Role::SocialWorker, Section::Past, "Court report", "x", Audience::EMPTY);
    let agency = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    assert_eq!(f.binder.show(&agency, &id).unwrap().title, "Court report");
    let other = family();
    assert!(matches!(f.binder.unlock_with_recovery(&other.recovery), Err(Error::WrongRecoveryKey)));
}

#[test]
fn wrong_passphrase_and_unknown_member_are_plain_errors() {
    let f = family();
    let err = f.binder.unlock(CARER, &pass("nobody")).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase { .. }));
    assert_eq!(err.to_string(), "That passphrase doesn't open Jo's key. Check caps lock and try again.");
    assert!(matches!(f.binder.unlock("Zed", &pass(CARER)), Err(Error::UnknownMember { .. })));
}

#[test]
fn removing_and_rotating_cuts_off_the_old_key() {
    let f = family();
    let cost = KeyCost::insecure_for_tests();
    let added = f.binder.add_member(&f.carer, "Ex carer", Role::Carer, &pass("Ex carer"), cost).unwrap();
    assert!(added.awaiting_approval, "a second carer waits for the social worker");
    f.binder.approve_member(&f.social_worker, "Ex carer").unwrap();
    let id = f.add(Role::Carer, Section::Present, "Holiday", "beach", Audience::EMPTY);
    let old_keys = f.binder.unlock("Ex carer", &pass("Ex carer")).unwrap();
    f.binder.remove_member(&f.social_worker, "Ex carer").unwrap();
    let report = f.binder.rotate(&f.carer, Role::Carer, Some(&pass(CARER)), cost).unwrap();
    assert!(report.members_to_add_again.is_empty(), "{report:?}");
    // Jo unlocks with the new key and still reads; the old key reads nothing.
    let jo = f.binder.unlock(CARER, &pass(CARER)).unwrap();
    assert_eq!(report.pages_rewrapped, f.binder.list(&jo, None).unwrap().entries.len());
    assert_eq!(f.binder.show(&jo, &id).unwrap().title, "Holiday");
    assert!(f.binder.show(&old_keys, &id).is_err());
}

#[test]
fn only_the_social_worker_removes_others_and_the_last_member_stays() {
    let f = family();
    assert!(matches!(f.binder.remove_member(&f.carer, SOCIAL_WORKER), Err(Error::MayNotRemoveOthers)));
    f.binder.remove_member(&f.young_person, YOUNG_PERSON).unwrap();
    f.binder.remove_member(&f.social_worker, CARER).unwrap();
    assert!(matches!(f.binder.remove_member(&f.social_worker, SOCIAL_WORKER), Err(Error::LastMember)));
}

#[test]
fn a_page_the_granter_cannot_read_waits_for_its_key_with_a_plain_message() {
    let (_dir, binder, _) = carer_only_binder();
    let cost = KeyCost::insecure_for_tests();
    let carer = binder.unlock(CARER, &pass(CARER)).unwrap();
    binder.add_member(&carer, "Kai", Role::YoungPerson, &pass("Kai"), cost).unwrap();
    let kai = binder.unlock("Kai", &pass("Kai")).unwrap();
    let note = NewEntry::narrative(Section::Past, "For the social worker", "x").shared_with(Audience::only(Party::SocialWorker), "agreed");
    let id = binder.add_entry(&kai, note).unwrap();
    // The carer adds the first social worker but cannot read Kai's page.
    let added = binder.add_member(&carer, "Priya", Role::SocialWorker, &pass("Priya"), cost).unwrap();
    assert_eq!((added.pages_shared, added.pages_waiting), (0, 1));
    let priya = binder.unlock("Priya", &pass("Priya")).unwrap();
    assert!(matches!(binder.show(&priya, &id), Err(Error::KeyWaiting)));
    assert_eq!(binder.list(&priya, None).unwrap().waiting, 1);
}
