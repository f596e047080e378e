//! Damage: every byte of every encrypted value flipped in turn, and the file
//! truncated or with pages zeroed. Each read fails with a typed, human error
//! (or, for a flip, returns exactly the original); never a panic, never
//! wrong plaintext.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Family, CARER, SOCIAL_WORKER, YOUNG_PERSON};
use lifestory::{Audience, Binder, Error, Feeling, Party, Role, Section, Size};

/// A small binder with one of everything that is encrypted.
fn small_family() -> (Family, String, String) {
    let f = common::family();
    f.binder.start_session(&f.carer, "kitchen table").unwrap();
    let page = f.add(Role::Carer, Section::Present, "My bike", "It is red and fast.", Audience::only(Party::YoungPerson));
    let png = common::fixtures::encode(
        &image::DynamicImage::ImageRgb8(common::fixtures::quarters(8, 6)),
        image::ImageFormat::Png,
    );
    let picture = f.binder.attach_picture(&f.carer, &page, &png, "Me on it").unwrap();
    f.binder.end_session(&f.carer, Some(Feeling::Happy), "good").unwrap();
    (f, page, picture)
}

/// Everything the family can read, as text, or the first error.
fn read_everything(f: &Family, binder: &Binder, page: &str, picture: &str, unlock: bool) -> Result<String, Error> {
    let mut out = String::new();
    let fresh;
    let keyrings = if unlock {
        fresh = [
            binder.unlock(CARER, &common::pass(CARER))?,
            binder.unlock(SOCIAL_WORKER, &common::pass(SOCIAL_WORKER))?,
            binder.unlock(YOUNG_PERSON, &common::pass(YOUNG_PERSON))?,
            binder.unlock_with_recovery(&f.recovery)?,
        ];
        fresh.iter().collect::<Vec<_>>()
    } else {
        vec![&f.carer, &f.young_person]
    };
    for keys in keyrings {
        if keys.actor().role() != Role::SocialWorker {
            let shown = binder.show(keys, page)?;
            out += &format!("{} {:?}\n", shown.title, shown.body);
            for p in binder.pictures(keys, page)? {
                out += &format!("{} {}\n", p.caption, p.width);
                for size in Size::ALL {
                    out += &format!("{}\n", binder.picture_copy(keys, picture, size)?.bytes.len());
                }
            }
        }
        out += &format!("{:?}\n", binder.profile(keys)?);
        let sessions = binder.sessions(keys)?;
        // Likewise a session whose signature no longer holds.
        if sessions.refused > 0 {
            return Err(Error::Tampered { what: format!("{} session(s)", sessions.refused) });
        }
        out += &format!("{:?}\n", sessions.sessions.iter().map(|s| s.note.clone()).collect::<Vec<_>>());
        let ledger = binder.ledger(keys, None)?;
        // A consent record whose signature no longer verifies is not shown
        // but counted: caught, like an error.
        if ledger.refused > 0 {
            return Err(Error::Tampered { what: format!("{} consent record(s)", ledger.refused) });
        }
        out += &format!("{:?}\n", ledger.records.iter().map(|r| r.consent.clone()).collect::<Vec<_>>());
    }
    Ok(out)
}

/// Codes that tell the user something true about a damaged file.
const DAMAGE_CODES: &[&str] = &["tampered", "damaged", "wrong-passphrase", "wrong-recovery-key", "not-shared", "excessive-work", "not-a-binder", "unknown-member", "not-found", "newer-schema", "key-waiting"];

fn assert_human(e: &Error, context: &str) {
    assert!(DAMAGE_CODES.contains(&e.code()), "{context}: untyped error {}: {e}", e.code());
    let message = e.to_string();
    assert!(message.len() > 20 && !message.contains("panicked"), "{context}: {message}");
}

/// (table, encrypted column, key expression, reads need fresh unlocks)
const PAYLOADS: &[(&str, &str, &str, bool)] = &[
    ("binder", "profile", "singleton", false),
    ("role_keys", "recovery_wrap", "role", true),
    ("role_keys", "common_wrap", "role", true),
    ("members", "key_wrap", "id", true),
    ("sessions", "body", "id", false),
    ("entries", "body", "id", false),
    ("entry_keys", "wrap", "entry_id || '/' || role", false),
    ("ledger", "note", "seq", false),
    ("pictures", "info", "id", false),
    ("picture_copies", "data", "picture_id || '/' || size", false),
];

#[test]
fn every_byte_flipped_in_every_encrypted_value_is_caught() {
    let (f, page, picture) = small_family();
    let baseline = [false, true].map(|unlock| read_everything(&f, &f.binder, &page, &picture, unlock).unwrap());
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    // An attacker can drop the ledger's append-only guard; so do we.
    conn.execute_batch("PRAGMA synchronous = OFF; DROP TRIGGER ledger_no_update;").unwrap();
    let mut flips = 0;
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for (table, column, key, unlock) in PAYLOADS {
        let rows: Vec<(String, Vec<u8>)> = conn
            .prepare(&format!("SELECT CAST({key} AS TEXT), {column} FROM {table}"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!rows.is_empty(), "no {table}.{column} to damage");
        let update = format!("UPDATE {table} SET {column} = ?1 WHERE CAST({key} AS TEXT) = ?2");
        for (row, original) in rows {
            for i in 0..original.len() {
                let mut damaged = original.clone();
                damaged[i] ^= 0x01;
                conn.execute(&update, rusqlite::params![damaged, row]).unwrap();
                match read_everything(&f, &f.binder, &page, &picture, *unlock) {
                    Ok(text) => assert_eq!(text, baseline[*unlock as usize], "{table}.{column} {row} byte {i}: wrong plaintext"),
                    Err(e) => {
                        assert_human(&e, &format!("{table}.{column} {row} byte {i}"));
                        *codes.entry(e.code()).or_default() += 1;
                    }
                }
                flips += 1;
            }
            conn.execute(&update, rusqlite::params![original, row]).unwrap();
        }
    }
    println!("{flips} flips: {codes:?}");
    assert!(flips > 3000);
}

/// Open, unlock, and read all a carer can: the first error, if any.
fn open_and_read(path: &Path) -> Result<usize, Error> {
    let binder = Binder::open(path)?;
    let keys = binder.unlock(CARER, &common::pass(CARER))?;
    let listing = binder.list(&keys, None)?;
    for e in &listing.entries {
        binder.show(&keys, &e.id)?;
        for p in binder.pictures(&keys, &e.id)? {
            binder.picture_copy(&keys, &p.id, Size::Print)?;
        }
    }
    Binder::check(path)?;
    Ok(listing.entries.len() + listing.damaged.len())
}

/// A binder of 40 pages and a picture, closed (WAL folded in), on disk.
fn closed_binder() -> (Family, Vec<u8>) {
    let (f, _, _) = small_family();
    for i in 0..40 {
        f.add(Role::Carer, Section::Past, &format!("Memory {i}"), &"Something that happened. ".repeat(30), Audience::EMPTY);
    }
    let path = f.path.clone();
    let Family { binder, .. } = &f;
    let _ = binder;
    let bytes = {
        // Fold the WAL into the file, as happens when the app closes.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
        std::fs::read(&path).unwrap()
    };
    (f, bytes)
}

#[test]
fn a_truncated_binder_gives_a_clear_message() {
    let (f, bytes) = closed_binder();
    let dir = f.dir.path();
    let mut offsets: Vec<usize> = vec![0, 1, 16, 99, 100, 101, 512, 1024, 4095, 4096, 4097];
    offsets.extend((1..bytes.len() / 4096).map(|p| p * 4096 + 1000));
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, &cut) in offsets.iter().filter(|&&c| c < bytes.len()).enumerate() {
        let path = dir.join(format!("truncated-{i}.binder"));
        std::fs::write(&path, &bytes[..cut]).unwrap();
        match open_and_read(&path) {
            Ok(_) => panic!("a binder cut at {cut} of {} bytes read as healthy", bytes.len()),
            Err(e) => {
                assert_human(&e, &format!("cut at {cut}"));
                assert!(e.to_string().contains("backup") || e.code() == "unknown-member", "cut at {cut}: {e}");
                *codes.entry(e.code()).or_default() += 1;
            }
        }
    }
    println!("{} truncations: {codes:?}", offsets.len());
}

#[test]
fn zeroed_pages_give_a_clear_message() {
    let (f, bytes) = closed_binder();
    let dir = f.dir.path();
    let pages = bytes.len() / 4096;
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for page in 0..pages {
        let mut damaged = bytes.clone();
        damaged[page * 4096..(page + 1) * 4096].fill(0);
        let path = dir.join(format!("zeroed-{page}.binder"));
        std::fs::write(&path, &damaged).unwrap();
        match open_and_read(&path) {
            // A page SQLite no longer used (free list) can be zeroed harmlessly.
            Ok(_) => *codes.entry("ok").or_default() += 1,
            Err(e) => {
                assert_human(&e, &format!("page {page} zeroed"));
                *codes.entry(e.code()).or_default() += 1;
            }
        }
    }
    println!("{pages} pages zeroed one at a time: {codes:?}");
}
