//! The book's content: order, edits, sessions, later-life letters, profile.

mod common;

use common::*;
use lifestory::{ApproxDate, Audience, Body, EntryEdit, Error, Feeling, NewEntry, Party, Role, Section};

#[test]
fn pages_list_present_then_past_then_future_in_the_chosen_order() {
    let f = family();
    let future = f.add(Role::Carer, Section::Future, "Be a vet", "", Audience::EMPTY);
    let past = f.add(Role::Carer, Section::Past, "Nan's house", "", Audience::EMPTY);
    let p1 = f.add(Role::Carer, Section::Present, "Me", "", Audience::EMPTY);
    let p2 = f.add(Role::Carer, Section::Present, "My friends", "", Audience::EMPTY);
    let ids = |f: &Family| f.binder.list(&f.carer, None).unwrap().entries.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(ids(&f), [p1.clone(), p2.clone(), past.clone(), future.clone()]);
    f.binder.move_entry(&f.carer, &p2, None, 1).unwrap();
    assert_eq!(ids(&f), [p2.clone(), p1.clone(), past.clone(), future.clone()]);
    f.binder.move_entry(&f.carer, &future, Some(Section::Present), 2).unwrap();
    assert_eq!(ids(&f), [p2, future.clone(), p1, past]);
    assert_eq!(f.binder.show(&f.carer, &future).unwrap().section, Section::Present);
}

/// Regression: the app moved a page to "its index on my screen", but
/// positions also count pages the reader cannot see, so the page landed in
/// the wrong place (or didn't move). Moves are now "next to this page".
#[test]
fn a_reader_reorders_the_pages_they_see_around_ones_they_cannot() {
    let f = family();
    let a = f.add(Role::Carer, Section::Present, "A", "", Audience::EMPTY);
    let _hidden = f.add(Role::SocialWorker, Section::Present, "Background", "", Audience::EMPTY);
    let b = f.add(Role::Carer, Section::Present, "B", "", Audience::EMPTY);
    let c = f.add(Role::Carer, Section::Present, "C", "", Audience::EMPTY);
    let seen = |f: &Family| f.binder.list(&f.carer, None).unwrap().entries.into_iter().map(|e| e.title).collect::<Vec<_>>();
    assert_eq!(seen(&f), ["A", "B", "C"]);
    f.binder.move_next_to(&f.carer, &c, &b, false).unwrap(); // up one
    assert_eq!(seen(&f), ["A", "C", "B"]);
    f.binder.move_next_to(&f.carer, &a, &c, true).unwrap(); // down one
    assert_eq!(seen(&f), ["C", "A", "B"]);
    f.binder.move_next_to(&f.carer, &b, &c, false).unwrap(); // to the top
    assert_eq!(seen(&f), ["B", "C", "A"]);
    assert!(matches!(f.binder.move_next_to(&f.carer, &b, &b, true), Err(Error::MoveNextToItself)));
}

#[test]
fn edits_keep_the_audience_and_delete_is_final() {
    let f = family();
    let id = f.add(Role::Carer, Section::Present, "Pets", "a dog", Audience::only(Party::YoungPerson));
    let edit = EntryEdit {
        title: Some("My pets".into()),
        body: Some(Body::Narrative { markdown: "a dog and a cat".into() }),
        date: Some(Some(ApproxDate::parse("summer 2024").unwrap())),
        ..EntryEdit::default()
    };
    f.binder.edit(&f.carer, &id, edit).unwrap();
    let page = f.binder.show(&f.young_person, &id).unwrap();
    assert_eq!((page.title.as_str(), page.date.unwrap().text.as_str()), ("My pets", "summer 2024"));
    assert!(matches!(f.binder.delete(&f.social_worker, &id), Err(Error::NotShared)));
    f.binder.delete(&f.carer, &id).unwrap();
    assert!(matches!(f.binder.show(&f.carer, &id), Err(Error::NotFound { .. })));
}

#[test]
fn a_later_life_letter_stays_sealed_until_its_day() {
    let f = family();
    let mut letter = NewEntry::narrative(Section::Future, "For your 18th", "Dear Amira");
    letter.share = Audience::only(Party::YoungPerson);
    letter.sealed_until = Some(chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap());
    let id = f.binder.add_entry(&f.carer, letter.clone()).unwrap();
    let listing = f.binder.list(&f.young_person, None).unwrap();
    assert!(listing.entries.iter().all(|e| e.id != id), "its title must not show");
    assert_eq!(listing.sealed[0].until, "2040-01-01");
    assert_eq!(listing.sealed[0].for_age, None, "no date of birth yet");
    let mut profile = f.binder.profile(&f.carer).unwrap();
    profile.date_of_birth = Some("2024-03-15".into());
    f.binder.set_profile(&f.carer, &profile).unwrap();
    assert_eq!(f.binder.list(&f.young_person, None).unwrap().sealed[0].for_age, Some(15), "a letter for when you're 15");
    assert!(matches!(f.binder.show(&f.carer, &id), Err(Error::Sealed { .. })));

    letter.sealed_until = Some(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    let opened = f.binder.add_entry(&f.carer, letter).unwrap();
    assert_eq!(f.binder.show(&f.young_person, &opened).unwrap().title, "For your 18th");
}

#[test]
fn pages_added_during_a_session_belong_to_it() {
    let f = family();
    f.binder.start_session(&f.carer, "kitchen table").unwrap();
    assert!(matches!(f.binder.start_session(&f.carer, "again"), Err(Error::SessionOpen)));
    let id = f.add(Role::Carer, Section::Present, "Today", "", Audience::EMPTY);
    let ended = f.binder.end_session(&f.carer, Some(Feeling::Happy), "Lots of laughing").unwrap();
    assert_eq!(ended.pages_added, 1);
    assert_eq!(f.binder.show(&f.carer, &id).unwrap().session_id, Some(ended.id.clone()));
    let log = f.binder.sessions(&f.social_worker).unwrap();
    assert_eq!(log.days_since_last, Some(0));
    assert_eq!((log.sessions[0].facilitator.as_str(), log.sessions[0].setting.as_str()), (CARER, "kitchen table"));
    assert!(matches!(f.binder.end_session(&f.carer, None, ""), Err(Error::NoOpenSession)));
}

#[test]
fn people_places_and_identity_fields_round_trip() {
    let f = family();
    let bodies = [
        Body::Person { relationship: "dog".into(), closeness: lifestory::Closeness::Closest, pet: true, note: "Biscuit".into() },
        Body::Place {
            place: lifestory::PlaceKind::School,
            from: Some(ApproxDate::parse("2019").unwrap()),
            to: Some(ApproxDate::parse("June 2022").unwrap()),
            why: "We moved house".into(),
        },
        Body::Identity { field: lifestory::IdentityField::Languages, text: "Arabic and English".into() },
    ];
    for body in bodies {
        let id = f.binder.add_entry(&f.carer, NewEntry::new(Section::Present, "x", body.clone())).unwrap();
        assert_eq!(f.binder.show(&f.carer, &id).unwrap().body, body);
    }
}

#[test]
fn the_profile_is_for_every_member() {
    let f = family();
    let mut profile = f.binder.profile(&f.young_person).unwrap();
    assert_eq!(profile.name, "Amira Hassan");
    profile.preferred_name = Some("Mira".into());
    f.binder.set_profile(&f.carer, &profile).unwrap();
    assert_eq!(f.binder.profile(&f.social_worker).unwrap().called(), "Mira");
}
