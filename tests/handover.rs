//! Hand-over: the young person's own copy opens only with their new
//! passphrase or new recovery key, holds exactly their pages (letters still
//! sealed, pictures byte for byte), and the original is unchanged.

mod common;

use common::{family, pass, CARER, YOUNG_PERSON};
use lifestory::handover::HandoverTo;
use lifestory::{Audience, Binder, KeyCost, NewEntry, Party, Role, SecretString, Section, Size};

#[test]
fn the_care_leaver_gets_a_binder_only_they_can_open_with_all_their_pages() {
    let f = family();
    let yp = Audience::only(Party::YoungPerson);
    let shared = f.add(Role::Carer, Section::Past, "Nan's flat", "We baked bread.", yp);
    f.add(Role::Carer, Section::Past, "Adult-only note", "private-91c", Audience::EMPTY);
    f.add(Role::SocialWorker, Section::Past, "Court report summary", "sw-only-77a", Audience::EMPTY);
    let mut letter = NewEntry::narrative(Section::Future, "For when you're 18", "letter words").shared_with(yp, "for later");
    letter.sealed_until = Some(chrono::NaiveDate::from_ymd_opt(2040, 5, 1).unwrap());
    f.binder.add_entry(&f.social_worker, letter).unwrap();
    let photo = common::fixtures::jpeg(&common::fixtures::photo(640, 480, 9), 90);
    let pic = f.binder.add_picture(&f.carer, NewEntry::picture(Section::Present, "Beach").shared_with(yp, "chose it"), &photo, "Sandcastle").unwrap();
    let original_listing = format!("{:?}", f.binder.list(&f.carer, None).unwrap().entries.iter().map(|e| &e.title).collect::<Vec<_>>());

    let out = f.dir.path().join("for-amira");
    let new_pass = || SecretString::from("amira's own new passphrase".to_owned());
    let made = f
        .binder
        .handover(&f.young_person, &out, HandoverTo { member_name: "Amira", passphrase: new_pass(), cost: KeyCost::insecure_for_tests() })
        .unwrap();
    assert_eq!((made.pages, made.pictures, made.left_behind), (2, 1, 0));
    assert!(made.binder.starts_with(&out) && made.book.join("index.html").exists());
    // The printable book is there too, a real PDF.
    assert!(made.pdf.starts_with(&out), "{}", made.pdf.display());
    assert!(std::fs::read(&made.pdf).unwrap().starts_with(b"%PDF-"));
    assert!(!f.dir.path().join("for-amira.partial").exists());

    let copy = Binder::open(&made.binder).unwrap();
    // Old members and the old recovery key open nothing.
    assert_eq!(copy.unlock(CARER, &pass(CARER)).unwrap_err().code(), "unknown-member");
    assert_eq!(copy.unlock("Amira", &pass(YOUNG_PERSON)).unwrap_err().code(), "wrong-passphrase");
    assert!(copy.unlock_with_recovery(&f.recovery).is_err());
    copy.unlock_with_recovery(&made.recovery).unwrap();
    let keys = copy.unlock("Amira", &new_pass()).unwrap();
    assert_eq!(copy.members().unwrap().len(), 1);

    let listing = copy.list(&keys, None).unwrap();
    let titles: Vec<&str> = listing.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Beach", "Nan's flat"]);
    // The letter for 2040 stays with the agency: nobody in the copy could
    // keep it from her until then (src/handover.rs).
    assert!(listing.sealed.is_empty(), "a letter still sealed does not come across");
    assert_eq!(made.letters_kept, ["2040-05-01"]);
    assert_eq!(copy.profile(&keys).unwrap().name, "Amira Hassan");
    let nan = listing.entries.iter().find(|e| e.title == "Nan's flat").unwrap();
    assert_eq!(format!("{:?}", copy.show(&keys, &nan.id).unwrap().body), format!("{:?}", f.binder.show(&f.carer, &shared).unwrap().body));
    let beach = listing.entries.iter().find(|e| e.title == "Beach").unwrap();
    let pictures = copy.pictures(&keys, &beach.id).unwrap();
    assert_eq!(pictures[0].caption, "Sandcastle");
    for size in Size::ALL {
        assert_eq!(
            *copy.picture_copy(&keys, &pictures[0].id, size).unwrap().bytes,
            *f.binder.picture_copy(&f.carer, &pic.picture_id, size).unwrap().bytes,
            "{size} copy differs"
        );
    }

    // The original is untouched.
    assert_eq!(original_listing, format!("{:?}", f.binder.list(&f.carer, None).unwrap().entries.iter().map(|e| &e.title).collect::<Vec<_>>()));
    assert_eq!(f.binder.members().unwrap().len(), 3);
}

#[test]
fn run_by_the_carer_it_says_what_it_could_not_bring() {
    let f = family();
    let yp = Audience::only(Party::YoungPerson);
    f.add(Role::Carer, Section::Present, "Mine and Amira's", "a", yp);
    f.add(Role::SocialWorker, Section::Past, "Priya and Amira's", "b", yp);
    let out = f.dir.path().join("copy");
    let made = f
        .binder
        .handover(&f.carer, &out, HandoverTo { member_name: "Amira", passphrase: pass("x"), cost: KeyCost::insecure_for_tests() })
        .unwrap();
    assert_eq!((made.pages, made.left_behind), (1, 1));
    assert_eq!(f.binder.handover(&f.carer, &out, HandoverTo { member_name: "A", passphrase: pass("x"), cost: KeyCost::insecure_for_tests() }).err().map(|e| e.code()), Some("already-exists"));
}
