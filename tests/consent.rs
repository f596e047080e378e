//! Consent is enforced by keys: a role outside a page's audience cannot
//! decrypt it, whatever the UI does.

mod common;

use common::*;
use lifestory::{Audience, Error, NewEntry, Party, Role, Section};
use proptest::prelude::*;

fn any_role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

fn any_audience() -> impl Strategy<Value = Audience> {
    prop::collection::vec(prop::sample::select(Party::ALL.to_vec()), 0..6).prop_map(|p| p.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The central invariant, over random pages, authors and audiences: each
    /// role reads a page exactly when its role is in the audience (the author's
    /// role always is), and the words are nowhere in the file.
    #[test]
    fn a_role_reads_a_page_exactly_when_it_is_in_the_audience(
        pages in prop::collection::vec((any_role(), any_audience(), 0u32..1_000_000), 1..6)
    ) {
        let f = family();
        let mut written = Vec::new();
        for (i, (author, share, n)) in pages.iter().enumerate() {
            let title = format!("title-marker-{i}-{n}");
            let body = format!("body-marker-{i}-{n}");
            let id = f.add(*author, Section::Past, &title, &body, *share);
            written.push((id, share.with(author.party()), title, body));
        }
        for role in Role::ALL {
            let listing = f.binder.list(f.keys(role), None).unwrap();
            for (id, audience, title, body) in &written {
                let listed = listing.entries.iter().any(|e| &e.id == id);
                let shown = f.binder.show(f.keys(role), id);
                if audience.has_role(role) {
                    prop_assert!(listed);
                    let page = shown.unwrap();
                    prop_assert_eq!(&page.title, title);
                    prop_assert_eq!(&page.body, &lifestory::Body::Narrative { markdown: body.clone() });
                } else {
                    prop_assert!(!listed);
                    prop_assert!(matches!(shown, Err(Error::NotShared)), "{role:?} read {id}");
                }
            }
            let hidden = written.iter().filter(|(_, a, _, _)| !a.has_role(role)).count();
            prop_assert_eq!(listing.hidden, hidden);
        }
        let bytes = f.file_bytes();
        for (_, _, title, body) in &written {
            assert_absent(&bytes, title, "the binder file");
            assert_absent(&bytes, body, "the binder file");
        }
    }
}

#[test]
fn names_and_words_never_reach_the_file_in_plaintext() {
    let f = family();
    f.add(Role::Carer, Section::Present, "Biscuit the cat", "Amira loves Biscuit", Audience::only(Party::YoungPerson));
    let mut place = NewEntry::new(
        Section::Past,
        "Willow Road, Cardiff",
        lifestory::Body::Place {
            place: lifestory::PlaceKind::Placement,
            from: Some(lifestory::ApproxDate::parse("summer 2019").unwrap()),
            to: None,
            why: "We moved because of the flood".into(),
        },
    );
    place.share = Audience::EMPTY;
    f.binder.add_entry(&f.carer, place).unwrap();
    // Markers of 12 bytes or more (common/leaks.rs); the date as the page's
    // JSON would hold it.
    for secret in ["Biscuit the cat", "Amira loves Biscuit", "Willow Road, Cardiff", r#""text":"summer 2019""#, "because of the flood", CHILD] {
        assert_absent_from_file(&f.path, secret);
    }
}

#[test]
fn widening_without_consent_is_refused_and_changes_nothing() {
    let f = family();
    let id = f.binder.add_entry(&f.carer, NewEntry::narrative(Section::Present, "Football", "I play on Saturdays")).unwrap();
    let before = f.binder.ledger(&f.carer, Some(&id)).unwrap().records.len();
    let school = Audience::only(Party::School);
    let err = f.binder.share(&f.carer, &id, school, Audience::EMPTY, None).unwrap_err();
    assert!(matches!(err, Error::ConsentNeeded { .. }));
    assert!(err.to_string().contains("school"), "{err}");
    assert_eq!(f.binder.ledger(&f.carer, Some(&id)).unwrap().records.len(), before);
    assert!(!f.binder.show(&f.carer, &id).unwrap().audience.contains(Party::School));

    let record = f.binder.share(&f.carer, &id, school, Audience::EMPTY, Some("Amira said yes at tea".into())).unwrap().unwrap();
    assert!(record.after.contains(Party::School));
    let ledger = f.binder.ledger(&f.carer, Some(&id)).unwrap();
    assert_eq!(ledger.records.len(), before + 1);
    assert_eq!(ledger.records.last().unwrap().consent, "Amira said yes at tea");
    assert_eq!(ledger.records.last().unwrap().by, CARER);
}

#[test]
fn social_worker_background_reaches_the_carer_only_through_a_ledgered_share() {
    let f = family();
    let id = f.binder.add_entry(&f.social_worker, NewEntry::narrative(Section::Past, "Why you came into care", "Background")).unwrap();
    assert!(matches!(f.binder.show(&f.carer, &id), Err(Error::NotShared)));
    f.binder.share(&f.social_worker, &id, Audience::only(Party::Carer), Audience::EMPTY, Some("Amira agreed at review".into())).unwrap();
    assert_eq!(f.binder.show(&f.carer, &id).unwrap().title, "Why you came into care");
    let carer_view = f.binder.ledger(&f.carer, Some(&id)).unwrap();
    assert_eq!(carer_view.records.last().unwrap().consent, "Amira agreed at review");
}

#[test]
fn narrowing_removes_the_key_and_the_authors_role_stays() {
    let f = family();
    let id = f.add(Role::Carer, Section::Present, "Swimming", "Got my badge", Audience::only(Party::SocialWorker));
    assert!(f.binder.show(&f.social_worker, &id).is_ok());
    f.binder.share(&f.carer, &id, Audience::EMPTY, Audience::only(Party::SocialWorker), None).unwrap();
    assert!(matches!(f.binder.show(&f.social_worker, &id), Err(Error::NotShared)));
    let refused = f.binder.share(&f.carer, &id, Audience::EMPTY, Audience::only(Party::Carer), None);
    assert!(matches!(refused, Err(Error::AuthorAlwaysSees { role: "carer" })));
}

#[test]
fn the_ledger_is_append_only_in_the_file_itself() {
    let f = family();
    f.add(Role::Carer, Section::Present, "A", "a", Audience::EMPTY);
    let conn = rusqlite::Connection::open(&f.path).unwrap();
    assert!(conn.execute("UPDATE ledger SET after = 63", []).is_err());
    assert!(conn.execute("DELETE FROM ledger", []).is_err());
}

#[test]
fn the_young_person_sharing_their_own_page_records_their_choice() {
    let f = family();
    let id = f.binder.add_entry(&f.young_person, NewEntry::narrative(Section::Future, "Vet", "I want to be a vet")).unwrap();
    let record = f.binder.share(&f.young_person, &id, Audience::only(Party::Carer), Audience::EMPTY, None).unwrap().unwrap();
    assert_eq!(record.consent, format!("{YOUNG_PERSON} chose this themselves."));
}
