//! Exchange after 100 changes on a 1,000-page binder with 300 photos:
//! change-file size and import time.
//!
//! Run: `scripts/bench` (or `cargo bench --bench sync`). Prints medians.
//! Targets (the sync issue): the change file's size follows the changes,
//! not the binder; import under 2 s.
//!
//! The photos are generated 800 × 600 photo-like JPEGs (so the binder
//! builds in seconds); each is stored as three encrypted copies like any
//! photo. Bigger photos make the binder bigger, not the change file, unless
//! the changes add photos.

#[path = "../tests/common/fixtures.rs"]
mod fixtures;
mod common;
use common::median;

use std::time::Instant;

use lifestory::{Audience, Binder, EntryEdit, KeyCost, NewBinder, NewEntry, Party, Role, SecretString, Section};

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let runs: usize = std::env::var("RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7);
    let dir = tempfile::tempdir().unwrap();
    let home_path = dir.path().join("home.binder");
    let pass = || SecretString::from("a long passphrase for the bench".to_owned());
    let cost = KeyCost::insecure_for_tests(); // unlock is not what is measured here
    let (home, _recovery) = Binder::create(
        &home_path,
        NewBinder { child_name: "Bench", member_name: "Jo", role: Role::Carer, passphrase: pass(), cost },
    )
    .unwrap();
    let keys = home.unlock("Jo", &pass()).unwrap();
    home.add_member(&keys, "Priya", Role::SocialWorker, &pass(), cost).unwrap();
    home.add_member(&keys, "Amira", Role::YoungPerson, &pass(), cost).unwrap();

    let started = Instant::now();
    let audiences = [
        Audience::EMPTY,
        Audience::only(Party::YoungPerson),
        Audience::only(Party::SocialWorker).with(Party::YoungPerson),
        Audience::only(Party::School),
    ];
    let mut pages = Vec::new();
    for i in 0..1000 {
        let section = Section::ALL[i % 3];
        let share = audiences[i % 4];
        if i % 10 < 3 {
            // 300 picture pages, each with one photo.
            let photo = fixtures::jpeg(&fixtures::photo(800, 600, i as u32), 85);
            let page = NewEntry::picture(section, &format!("Photo {i}")).shared_with(share, "agreed");
            pages.push(home.add_picture(&keys, page, &photo, &format!("Photo {i}")).unwrap().entry_id);
        } else {
            let body = format!("Page {i}: a paragraph of the child's words, long enough to be realistic. ").repeat(8);
            let new = NewEntry::narrative(section, format!("Page number {i}"), body).shared_with(share, "agreed");
            pages.push(home.add_entry(&keys, new).unwrap());
        }
    }
    println!("built 1000 pages (300 with an 800 x 600 photo) in {:.1?}", started.elapsed());

    // The office copy is a backup of the binder; it introduces itself with
    // its first (empty) change file.
    let office_path = dir.path().join("office.binder");
    home.backup_to(&office_path).unwrap();
    let office = Binder::open(&office_path).unwrap();
    let office_keys = office.unlock("Jo", &pass()).unwrap();
    let hello = dir.path().join("hello.lsc");
    let hello_size = office.sync_export(&office_keys, &hello).unwrap().bytes;
    home.sync_import(&keys, &hello).unwrap();
    drop(office_keys);
    drop(office);

    let full = dir.path().join("everything.lsc");
    let (full_records, full_size) = {
        // What a first exchange with a copy we never heard from carries.
        let lone = dir.path().join("lone.binder");
        home.backup_to(&lone).unwrap();
        let lone = Binder::open(&lone).unwrap();
        let lone_keys = lone.unlock("Jo", &pass()).unwrap();
        let conn = rusqlite::Connection::open(dir.path().join("lone.binder")).unwrap();
        conn.execute("DELETE FROM sync_peers", []).unwrap();
        let e = lone.sync_export(&lone_keys, &full).unwrap();
        (e.records, e.bytes)
    };

    // 100 changes at home: 30 edits, 20 new pages, 20 audience changes,
    // 10 deletions, 10 moves, 10 new photos on existing pages.
    for (n, id) in pages.iter().step_by(10).take(30).enumerate() {
        let entry = home.show(&keys, id).unwrap();
        let body = entry.body.with_text(format!("Edited at home, change {n}."));
        home.edit(&keys, id, EntryEdit { body: Some(body), ..EntryEdit::default() }).unwrap();
    }
    for i in 0..20 {
        home.add_entry(&keys, NewEntry::narrative(Section::Future, format!("New page {i}"), "Hopes and dreams. ".repeat(10))).unwrap();
    }
    for id in pages.iter().skip(1).step_by(10).take(20) {
        home.share(&keys, id, Audience::only(Party::BirthFamily), Audience::EMPTY, Some("Amira said yes".into())).unwrap();
    }
    for id in pages.iter().skip(2).step_by(10).take(10) {
        home.delete(&keys, id).unwrap();
    }
    for id in pages.iter().skip(4).step_by(10).take(10) {
        home.move_entry(&keys, id, None, 1).unwrap();
    }
    for (i, id) in pages.iter().skip(5).step_by(10).take(10).enumerate() {
        let photo = fixtures::jpeg(&fixtures::photo(800, 600, 10_000 + i as u32), 85);
        home.attach_picture(&keys, id, &photo, "new").unwrap();
    }

    let mut exports = Vec::new();
    let mut out = dir.path().join("changes-0.lsc");
    let mut exported = None;
    for run in 0..runs {
        out = dir.path().join(format!("changes-{run}.lsc"));
        let t = Instant::now();
        exported = Some(home.sync_export(&keys, &out).unwrap());
        exports.push(t.elapsed());
    }
    let exported = exported.unwrap();

    let mut imports = Vec::new();
    let mut merged = None;
    for run in 0..runs {
        // A fresh office copy each run, so every import does the work.
        let copy = dir.path().join(format!("office-{run}.binder"));
        std::fs::copy(&office_path, &copy).unwrap();
        let office = Binder::open(&copy).unwrap();
        let office_keys = office.unlock("Jo", &pass()).unwrap();
        let t = Instant::now();
        merged = Some(office.sync_import(&office_keys, &out).unwrap().merged);
        imports.push(t.elapsed());
    }
    let binder_size = std::fs::metadata(&office_path).unwrap().len();
    let photos_size: u64 = {
        let conn = rusqlite::Connection::open(&office_path).unwrap();
        conn.query_row("SELECT sum(length(data)) FROM picture_copies", [], |r| r.get::<_, i64>(0)).unwrap() as u64
    };
    println!("binder: {:.1} MB ({:.1} MB of it pictures)", mb(binder_size), mb(photos_size));
    println!("first change file of a new copy (introducing itself): {hello_size} bytes");
    println!("change file with everything (a copy never heard from): {:.1} MB, {full_records} records", mb(full_size));
    println!(
        "change file after 100 changes (incl. 10 new photos): {:.2} MB, {} records ({:.1}% of the binder)",
        mb(exported.bytes),
        exported.records,
        100.0 * exported.bytes as f64 / binder_size as f64
    );
    println!("export: median {:.0} ms over {runs}", median(exports).as_secs_f64() * 1e3);
    println!("import: median {:.0} ms over {runs} (target < 2000 ms)", median(imports).as_secs_f64() * 1e3);
    println!("merged: {:?}", merged.unwrap());
}
