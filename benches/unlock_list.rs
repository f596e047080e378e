//! Unlock + list of a 1,000-entry binder, at the real scrypt cost.
//!
//! Run: `cargo bench --bench unlock_list`. Prints medians of repeated runs.
//! Targets (issue 2): unlock under 1 s (nearly all the deliberate scrypt
//! work), list under 50 ms after unlock. Since pages are signed (schema
//! 10) the first list after an unlock also checks every page's two
//! signatures, remembered for the binder's lifetime: "first list" is that
//! one, "list" the ones after.

mod common;
use common::median;

use std::time::Instant;

use lifestory::{Audience, Binder, KeyCost, NewBinder, NewEntry, Party, Role, SecretString, Section};

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.binder");
    let pass = || SecretString::from("a long passphrase for the bench".to_owned());
    let (binder, _recovery) = Binder::create(
        &path,
        NewBinder { child_name: "Bench", member_name: "Jo", role: Role::Carer, passphrase: pass(), cost: KeyCost::NORMAL },
    )
    .unwrap();
    let keys = binder.unlock("Jo", &pass()).unwrap();
    binder.add_member(&keys, "Priya", Role::SocialWorker, &pass(), KeyCost::NORMAL).unwrap();
    binder.add_member(&keys, "Amira", Role::YoungPerson, &pass(), KeyCost::NORMAL).unwrap();

    let started = Instant::now();
    let audiences = [
        Audience::EMPTY,
        Audience::only(Party::YoungPerson),
        Audience::only(Party::SocialWorker).with(Party::YoungPerson),
        Audience::only(Party::School),
    ];
    for i in 0..1000 {
        let section = Section::ALL[i % 3];
        let body = format!("Page {i}: a paragraph of the child's words, long enough to be realistic. ").repeat(8);
        let new = NewEntry::narrative(section, format!("Page number {i}"), body).shared_with(audiences[i % 4], "agreed");
        binder.add_entry(&keys, new).unwrap();
    }
    let fill = started.elapsed();
    drop(keys);
    drop(binder);

    let mut unlocks = Vec::new();
    let mut lists = Vec::new();
    let mut first_lists = Vec::new();
    let mut listed = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let binder = Binder::open(&path).unwrap();
        let keys = binder.unlock("Jo", &pass()).unwrap();
        unlocks.push(t.elapsed());
        for i in 0..5 {
            let t = Instant::now();
            listed = binder.list(&keys, None).unwrap().entries.len();
            if i == 0 { first_lists.push(t.elapsed()) } else { lists.push(t.elapsed()) }
        }
    }
    println!("filled 1000 entries in {:.2?} ({:.2?} per add)", fill, fill / 1000);
    println!("open + unlock (scrypt 2^{}): median {:.1?} over {} runs", lifestory::keys::WORK_FACTOR, median(unlocks.clone()), unlocks.len());
    println!("first list after unlock ({listed} readable of 1000): median {:.1?} over {} runs", median(first_lists.clone()), first_lists.len());
    println!("list ({listed} readable of 1000): median {:.1?} over {} runs", median(lists.clone()), lists.len());
}
