//! Removing the last carer from a binder of 1,000 pages (issue 11): the
//! carer key and the binder-wide key are replaced, every page the social
//! worker can read gets a key row for the new carer key, and the pages
//! only the carer key opens are counted first (none here). Against the
//! anchor in the same run: rotating the carer key by a carer, which does
//! the same re-keying and was already the way to cut someone off.
//!
//! Then a photo added to that binder, whose 1,000 pages each have one: the
//! duplicate check now looks for its fingerprint under each readable page's
//! own key (src/picture), against adding the same photos to a binder of one
//! page.
//!
//! Run: `cargo bench --bench removal`. Prints medians.

#[path = "../tests/common/fixtures.rs"]
mod fixtures;
mod common;
use common::median;

use std::time::{Duration, Instant};

use lifestory::{Audience, Binder, KeyCost, Keyring, NewBinder, NewEntry, Party, Role, SecretString, Section};

const PAGES: usize = 1000;

fn pass() -> SecretString {
    SecretString::from("a long passphrase for the bench".to_owned())
}

/// A binder made by the social worker, with a carer and the young person,
/// and `pages` pages shared with all three, each with a small photo of its
/// own (so the duplicate check has every page to look through).
fn binder(dir: &std::path::Path, name: &str, pages: usize) -> (Binder, Keyring) {
    let cost = KeyCost::insecure_for_tests();
    let new = NewBinder { child_name: "Bench", member_name: "Priya", role: Role::SocialWorker, passphrase: pass(), cost };
    let (binder, _recovery) = Binder::create(&dir.join(name), new).unwrap();
    let priya = binder.unlock("Priya", &pass()).unwrap();
    binder.add_member(&priya, "Amira", Role::YoungPerson, &pass(), cost).unwrap();
    binder.add_member(&priya, "Jo", Role::Carer, &pass(), cost).unwrap();
    let shared = Audience::only(Party::Carer).with(Party::YoungPerson).with(Party::SocialWorker);
    for i in 0..pages {
        let page = NewEntry::narrative(Section::Past, &format!("Page {i}"), "Words of a page.").shared_with(shared, "agreed");
        let page = binder.add_entry(&priya, page).unwrap();
        binder.attach_picture(&priya, &page, &fixtures::jpeg(&fixtures::photo(32, 24, 10_000 + i as u32), 80), "").unwrap();
    }
    (binder, priya)
}

fn main() {
    let runs = 7;
    let cost = KeyCost::insecure_for_tests();
    let dir = tempfile::tempdir().unwrap();
    let (big, priya) = binder(dir.path(), "big.binder", PAGES);

    let (mut removal, mut rotation) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let t = Instant::now();
        let removed = big.remove_member(&priya, "Jo").unwrap();
        removal.push(t.elapsed());
        assert!(removed.keys_renewed);
        big.add_member(&priya, "Jo", Role::Carer, &pass(), cost).unwrap();
        let jo = big.unlock("Jo", &pass()).unwrap();
        let t = Instant::now();
        big.rotate(&jo, Role::Carer, Some(&pass()), cost).unwrap();
        rotation.push(t.elapsed());
        let _ = i;
    }
    println!("{PAGES} pages, {runs} runs each:");
    println!("remove the last carer (keys replaced): median {:.0?}", median(removal));
    println!("rotate the carer key (the anchor): median {:.0?}", median(rotation));

    let (one, priya_one) = binder(dir.path(), "one.binder", 1);
    let time_adds = |binder: &Binder, keys: &Keyring| -> Duration {
        let mut times = Vec::new();
        for seed in 0..runs as u32 {
            let photo = fixtures::jpeg(&fixtures::photo(640, 480, 100 + seed), 85);
            let t = Instant::now();
            binder.add_picture(keys, NewEntry::picture(Section::Present, "A photo"), &photo, "").unwrap();
            times.push(t.elapsed());
        }
        median(times)
    };
    println!("add a 640 × 480 photo to the {PAGES}-page binder: median {:.1?}", time_adds(&big, &priya));
    println!("add a 640 × 480 photo to a 1-page binder (the anchor): median {:.1?}", time_adds(&one, &priya_one));
}
