//! The records that stay on one copy, against someone with the file
//! (schema 13): print records (a forged one could make a refill leave new
//! pages out) and each member's settings (sealed to a role key whose public
//! half is in the file). Each is signed by its member; one written with
//! `sqlite3` (and the `age` CLI) is passed over, and `check` names it.

mod common;

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{family, Family};
use lifestory::book::BookOptions;
use lifestory::language::Lang;
use lifestory::{Audience, Binder, Error, Party, Preferences, Role, Section};

fn sqlite3(path: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(path).arg(sql).output().expect("sqlite3 runs");
    assert!(out.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn refill_since(f: &Family, name: &str) -> Option<String> {
    let mut options = BookOptions::for_audience(Party::Carer);
    options.since_last_print = true;
    match f.binder.export_book(&f.carer, &options, &f.dir.path().join(name), &mut |_| ControlFlow::Continue(())) {
        Err(Error::NothingNewToPrint { since, .. }) => since,
        other => panic!("expected nothing new to print, got {other:?}"),
    }
}

#[test]
fn a_print_record_put_in_with_sqlite_is_passed_over_by_a_refill_and_named_by_check() {
    let f = family();
    f.add(Role::Carer, Section::Present, "Our garden", "GARDEN-PAGE-MARKER-21", Audience::only(Party::Carer));
    let options = BookOptions::for_audience(Party::Carer);
    f.binder.export_book(&f.carer, &options, &f.dir.path().join("full.pdf"), &mut |_| ControlFlow::Continue(())).unwrap();
    let printed = sqlite3(&f.path, "SELECT substr(at, 1, 10) FROM prints;");
    assert_eq!(refill_since(&f, "r1.pdf").as_deref(), Some(printed.as_str()));

    // A later "print" copied from the real one, signature and all, dated on.
    sqlite3(&f.path, "INSERT INTO prints (at, audience, member, pages, refill, page_map, proof)
                      SELECT '2031-05-05T10:00:00.000Z', audience, member, pages, refill, page_map, proof FROM prints;");
    assert_eq!(refill_since(&f, "r2.pdf").as_deref(), Some(printed.as_str()), "the forged print was counted");
    // And one with no signature at all.
    sqlite3(&f.path, "INSERT INTO prints (at, audience, member, pages, refill, page_map)
                      SELECT '2032-06-06T10:00:00.000Z', audience, member, pages, refill, page_map FROM prints WHERE proof IS NOT NULL LIMIT 1;");
    assert_eq!(refill_since(&f, "r3.pdf").as_deref(), Some(printed.as_str()));

    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("print record of 2031-05-05") && p.contains("not signed by the member")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("print record of 2032-06-06") && p.contains("not signed")), "{problems:?}");
}

#[test]
fn settings_sealed_with_age_for_someone_else_read_as_the_defaults() {
    let f = family();
    let welsh_large = Preferences { language: Lang::Cy, text_size: lifestory::TextSize::Larger, dyslexia_font: true };
    f.binder.set_preferences(&f.young_person, welsh_large).unwrap();
    assert_eq!(f.binder.preferences(&f.young_person).unwrap(), welsh_large);

    // Someone with the file seals settings for the carer to the carer role's
    // public key (a plaintext column) with the age CLI.
    let binder_id = sqlite3(&f.path, "SELECT binder_id FROM binder;");
    let carer_id = f.binder.members().unwrap().into_iter().find(|m| m.name == common::CARER).unwrap().id;
    let recipient = sqlite3(&f.path, "SELECT recipient FROM role_keys WHERE role = 'carer';");
    let plain = format!(r#"{{"v":1,"binder":"{binder_id}","member":"{carer_id}","preferences":{{"language":"cy","text_size":"larger","dyslexia_font":true}}}}"#);
    let mut age = Command::new("age").arg("-r").arg(&recipient).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    age.stdin.take().unwrap().write_all(plain.as_bytes()).unwrap();
    let sealed: String = age.wait_with_output().unwrap().stdout.iter().map(|b| format!("{b:02x}")).collect();
    sqlite3(&f.path, &format!("INSERT INTO preferences (member, body) VALUES ('{carer_id}', X'{sealed}');"));
    assert_eq!(f.binder.preferences(&f.carer).unwrap(), Preferences::default(), "forged settings were used");
    // The young person's own, signed, still hold; copied onto the carer, not.
    assert_eq!(f.binder.preferences(&f.young_person).unwrap(), welsh_large);
    let problems = Binder::check(&f.path).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("Jo's settings") && p.contains("not signed")), "{problems:?}");
    // Set through the app, they are hers again.
    let large = Preferences { text_size: lifestory::TextSize::Large, ..Preferences::default() };
    f.binder.set_preferences(&f.carer, large).unwrap();
    assert_eq!(f.binder.preferences(&f.carer).unwrap(), large);
    assert!(Binder::check(&f.path).unwrap().problems.is_empty());
}
