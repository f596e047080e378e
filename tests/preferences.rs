//! Each member's own settings: remembered per member, sealed to their role,
//! never readable as someone else's.

mod common;

use common::*;
use lifestory::language::Lang;
use lifestory::{Binder, Preferences, TextSize};

fn welsh_large_dyslexic() -> Preferences {
    Preferences { language: Lang::Cy, text_size: TextSize::Larger, dyslexia_font: true }
}

#[test]
fn a_member_starts_with_the_defaults() {
    let f = family();
    assert_eq!(f.binder.preferences(&f.young_person).unwrap(), Preferences::default());
}

#[test]
fn settings_are_remembered_for_the_member_who_chose_them_and_no_one_else() {
    let f = family();
    f.binder.set_preferences(&f.young_person, welsh_large_dyslexic()).unwrap();
    drop(f.binder);
    let binder = Binder::open(&f.path).unwrap();
    let amira = binder.unlock(YOUNG_PERSON, &pass(YOUNG_PERSON)).unwrap();
    assert_eq!(binder.preferences(&amira).unwrap(), welsh_large_dyslexic());
    let jo = binder.unlock(CARER, &pass(CARER)).unwrap();
    assert_eq!(binder.preferences(&jo).unwrap(), Preferences::default());
}

#[test]
fn choosing_again_replaces_the_old_settings() {
    let f = family();
    f.binder.set_preferences(&f.carer, welsh_large_dyslexic()).unwrap();
    let plain = Preferences { text_size: TextSize::Large, ..Preferences::default() };
    f.binder.set_preferences(&f.carer, plain).unwrap();
    assert_eq!(f.binder.preferences(&f.carer).unwrap(), plain);
}

#[test]
fn settings_are_encrypted_in_the_file() {
    let f = family();
    f.binder.set_preferences(&f.young_person, welsh_large_dyslexic()).unwrap();
    // As the sealed JSON would hold them (common/leaks.rs: "larger" alone is
    // short enough to turn up in ciphertext by chance).
    let json = serde_json::to_string(&welsh_large_dyslexic()).unwrap();
    for plain in [json.as_str(), "dyslexia_font", r#""text_size":"larger""#, r#""dyslexia_font":true"#] {
        assert_absent_from_file(&f.path, plain);
    }
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}

#[test]
fn another_members_settings_copied_over_yours_are_refused() {
    let f = family();
    f.binder.set_preferences(&f.carer, welsh_large_dyslexic()).unwrap();
    f.binder.add_member(&f.carer, "Lou", lifestory::Role::Carer, &pass("Lou"), lifestory::KeyCost::insecure_for_tests()).unwrap();
    f.binder.approve_member(&f.social_worker, "Lou").unwrap();
    let lou = f.binder.unlock("Lou", &pass("Lou")).unwrap();
    f.binder.set_preferences(&lou, Preferences::default()).unwrap();
    tamper(
        &f.path,
        "UPDATE preferences SET body = (SELECT p.body FROM preferences p JOIN members m ON m.id = p.member WHERE m.name = 'Jo')
         WHERE member = (SELECT id FROM members WHERE name = 'Lou')",
    );
    let binder = Binder::open(&f.path).unwrap();
    let lou = binder.unlock("Lou", &pass("Lou")).unwrap();
    // Not signed by Lou (schema 13): not used, and `check` says so.
    assert_eq!(binder.preferences(&lou).unwrap(), Preferences::default());
    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("Lou's settings")), "{problems:?}");
}

#[test]
fn the_recovery_key_has_no_settings_to_save() {
    let f = family();
    let agency = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    assert_eq!(f.binder.preferences(&agency).unwrap(), Preferences::default());
    let err = f.binder.set_preferences(&agency, welsh_large_dyslexic()).unwrap_err();
    assert!(err.to_string().contains("Open the book as a member"), "{err}");
}

#[test]
fn a_removed_members_settings_go_with_them() {
    let f = family();
    f.binder.add_member(&f.carer, "Lou", lifestory::Role::Carer, &pass("Lou"), lifestory::KeyCost::insecure_for_tests()).unwrap();
    f.binder.approve_member(&f.social_worker, "Lou").unwrap();
    let lou = f.binder.unlock("Lou", &pass("Lou")).unwrap();
    f.binder.set_preferences(&lou, welsh_large_dyslexic()).unwrap();
    f.binder.remove_member(&f.social_worker, "Lou").unwrap();
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    let left: i64 = conn.query_row("SELECT count(*) FROM preferences", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}
