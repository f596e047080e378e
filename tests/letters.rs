//! Later-life letters are kept from their reader by keys, not by the clock.
//! Each test plays the young person with their own role key and the `age`
//! CLI (docs/FORMAT.md), or moves the clock, and checks what opens.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use common::tools::{age_open, blob, role_key, sqlite3};
use common::{family, pass, Family, CARER, YOUNG_PERSON};
use lifestory::{Audience, Binder, Error, NewEntry, Party, Section};

const WORDS: &str = "LETTER-MARKER-FOR-AMIRA-WHEN-GROWN";

/// Every value of the page the young person's key opens with `age`, and
/// whether the words are in any of them (opening the body with a data key
/// found in a wrap).
fn young_person_reads(f: &Family, key: &Path, id: &str) -> bool {
    let count: usize = sqlite3(&f.path, &format!("SELECT count(*) FROM entry_keys WHERE entry_id = '{id}'")).parse().unwrap();
    let body = blob(&f.path, &format!("SELECT hex(body) FROM entries WHERE id = '{id}'"));
    if age_open(key, &body, f.dir.path()).is_some() {
        return true;
    }
    for n in 0..count {
        let wrap = blob(&f.path, &format!("SELECT hex(wrap) FROM entry_keys WHERE entry_id = '{id}' ORDER BY role LIMIT 1 OFFSET {n}"));
        let Some(json) = age_open(key, &wrap, f.dir.path()) else { continue };
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let data_key = f.dir.path().join("data.key");
        std::fs::write(&data_key, json["key"].as_str().unwrap()).unwrap();
        let words = age_open(&data_key, &body, f.dir.path()).expect("a page's data key opens its body");
        return String::from_utf8_lossy(&words).contains(WORDS);
    }
    false
}

fn letter(until: (i32, u32, u32)) -> NewEntry {
    let mut letter = NewEntry::narrative(Section::Future, "For when you're grown", WORDS).shared_with(Audience::only(Party::YoungPerson), "a letter for later");
    letter.sealed_until = NaiveDate::from_ymd_opt(until.0, until.1, until.2);
    letter
}

/// The CLI with the clock moved to `day`.
fn on(day: &str, path: &Path, args: &[&str], member: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lifestory"))
        .args(args.iter().map(|a| if *a == "FILE" { path.as_os_str() } else { std::ffi::OsStr::new(a) }))
        .args(["--as", member])
        .env("LIFESTORY_PASSPHRASE", format!("{member} passphrase for tests")) // as common::pass
        .env("LIFESTORY_TODAY", day)
        .output()
        .unwrap()
}

#[test]
fn a_letter_for_2040_opens_with_nothing_the_young_person_holds_until_its_day() {
    let f = family();
    let id = f.binder.add_entry(&f.carer, letter((2040, 5, 1))).unwrap();
    let key = role_key(&f, "young-person");
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer");
    assert!(!young_person_reads(&f, &key, &id), "the young person's key opens nothing of the letter");
    // The clock moved forward on their own computer changes nothing: the
    // app says it is sealed (the listing) or has no key for them.
    let shown = on("2040-06-01", &f.path, &["show", "FILE", &id], YOUNG_PERSON);
    assert!(!shown.status.success() && !String::from_utf8_lossy(&shown.stdout).contains(WORDS));
    assert!(String::from_utf8_lossy(&shown.stderr).contains("opens for you the next time"), "{}", String::from_utf8_lossy(&shown.stderr));
    assert!(matches!(f.binder.show(&f.young_person, &id), Err(Error::Sealed { .. })));

    // The day before, a keeper's unlock releases nothing.
    assert!(on("2040-04-30", &f.path, &["list", "FILE"], CARER).status.success());
    assert!(!young_person_reads(&f, &key, &id));
    // On the day, the carer's unlock releases it, and the ledger says so.
    assert!(on("2040-05-01", &f.path, &["list", "FILE"], CARER).status.success());
    assert!(young_person_reads(&f, &key, &id), "after its day the young person's key opens it");
    let shown = on("2040-05-01", &f.path, &["show", "FILE", &id], YOUNG_PERSON);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    assert!(String::from_utf8_lossy(&shown.stdout).contains(WORDS));
    let binder = Binder::open(&f.path).unwrap();
    let ledger = binder.ledger(&binder.unlock(YOUNG_PERSON, &pass(YOUNG_PERSON)).unwrap(), Some(&id)).unwrap();
    let last = ledger.records.last().unwrap();
    assert_eq!((last.by.as_str(), last.consent.as_str()), (CARER, "Opened on its day, 2040-05-01."));
    assert!(last.at.starts_with("20"), "when it was released: {}", last.at);
}

#[test]
fn a_letter_shared_with_the_young_person_alone_needs_a_keeper() {
    let f = family();
    let mut own = letter((2040, 5, 1));
    own.share = Audience::EMPTY;
    let refused = f.binder.add_entry(&f.young_person, own.clone()).unwrap_err();
    assert_eq!(refused.code(), "letter-needs-keeper");
    assert!(refused.to_string().contains("carer or social worker"));
    assert!(f.binder.list(&f.carer, None).unwrap().sealed.is_empty(), "nothing was added");
    // Shared with their carer too, it is kept by the carer.
    own.share = Audience::only(Party::Carer);
    own.consent = Some("my idea".into());
    let id = f.binder.add_entry(&f.young_person, own).unwrap();
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer");
}

#[test]
fn a_letter_still_wrapped_to_the_young_person_loses_that_wrap_at_a_keepers_unlock() {
    let f = family();
    let id = f.binder.add_entry(&f.carer, letter((2040, 5, 1))).unwrap();
    let key = role_key(&f, "young-person");
    // As versions before this rule wrote it: the young person's wrap too
    // (here a copy of a wrap from a letter released on its day, moved over).
    let due = f.binder.add_entry(&f.carer, letter((2020, 5, 1))).unwrap();
    sqlite3(&f.path, &format!("INSERT INTO entry_keys (entry_id, role, wrap) SELECT '{id}', role, wrap FROM entry_keys WHERE entry_id = '{due}' AND role = 'young-person'"));
    assert!(young_person_reads(&f, &key, &due));
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer,young-person");
    // Her own unlock leaves it (nobody has shown a keeper's wrap opens);
    // the carer's keys it away. The letter whose day has come keeps its wrap.
    let binder = Binder::open(&f.path).unwrap();
    binder.unlock(YOUNG_PERSON, &pass(YOUNG_PERSON)).unwrap();
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer,young-person");
    binder.unlock(CARER, &pass(CARER)).unwrap();
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer");
    assert!(young_person_reads(&f, &key, &due));
}

#[test]
fn a_young_persons_wrap_is_not_removed_when_the_keepers_wrap_is_junk() {
    let f = family();
    let id = f.binder.add_entry(&f.carer, letter((2040, 5, 1))).unwrap();
    let due = f.binder.add_entry(&f.carer, letter((2020, 5, 1))).unwrap();
    sqlite3(&f.path, &format!("INSERT INTO entry_keys (entry_id, role, wrap) SELECT '{id}', role, wrap FROM entry_keys WHERE entry_id = '{due}' AND role = 'young-person'"));
    // The carer's wrap replaced with one for another page: it opens, but not as this letter's.
    sqlite3(&f.path, &format!("UPDATE entry_keys SET wrap = (SELECT wrap FROM entry_keys WHERE entry_id = '{due}' AND role = 'carer') WHERE entry_id = '{id}' AND role = 'carer'"));
    let binder = Binder::open(&f.path).unwrap();
    binder.unlock(CARER, &pass(CARER)).unwrap();
    assert_eq!(
        sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")),
        "carer,young-person",
        "the one wrap that may still open it is kept"
    );
}

#[test]
fn a_released_letter_is_not_taken_back_by_a_clock_a_day_behind() {
    let f = family();
    let id = f.binder.add_entry(&f.carer, letter((2040, 5, 1))).unwrap();
    let released = f.binder.release_letters(&f.carer, "2040-05-01").unwrap();
    assert_eq!(released.opened, [id.clone()]);
    let again = f.binder.release_letters(&f.social_worker, "2040-04-30").unwrap();
    assert_eq!(again, lifestory::letters::Released::default());
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer,young-person");
}

#[test]
fn rotating_the_young_persons_key_does_not_hand_them_a_letter() {
    let f = family();
    let id = f.binder.add_entry(&f.carer, letter((2040, 5, 1))).unwrap();
    let recovery = f.binder.unlock_with_recovery(&f.recovery).unwrap();
    f.binder.rotate(&recovery, lifestory::Role::YoungPerson, None, lifestory::KeyCost::insecure_for_tests()).unwrap();
    assert_eq!(sqlite3(&f.path, &format!("SELECT group_concat(role) FROM entry_keys WHERE entry_id = '{id}'")), "carer");
}
