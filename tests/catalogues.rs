//! Every prompt and word-list file loads, and each English entry has its
//! Welsh counterpart (and the other way round).

mod common;

use std::collections::BTreeSet;

use lifestory::language::{self, Lang};
use lifestory::prompts::{self, AgeBand};
use lifestory::{Audience, Party, Role, Section};

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> BTreeSet<String> {
    items.iter().map(|i| id(i).to_owned()).collect()
}

#[test]
fn every_english_prompt_has_a_welsh_one_with_the_same_section_ages_and_icon() {
    let (en, cy) = (prompts::all(Lang::En), prompts::all(Lang::Cy));
    assert_eq!(ids(&en, |p| &p.id), ids(&cy, |p| &p.id));
    assert_eq!(ids(&en, |p| &p.id).len(), en.len(), "duplicate prompt ids");
    for english in &en {
        let welsh = cy.iter().find(|p| p.id == english.id).unwrap();
        assert_eq!((english.section, &english.ages, &english.icon), (welsh.section, &welsh.ages, &welsh.icon), "{}", english.id);
        assert!(!welsh.text.trim().is_empty() && welsh.text != english.text, "{} is not translated", english.id);
        assert!(english.text.chars().count() <= 80, "keep prompts short: {}", english.text);
    }
}

#[test]
fn every_section_and_age_band_has_prompts_present_first() {
    for lang in Lang::ALL {
        let all = prompts::all(lang);
        let sections: Vec<Section> = all.iter().map(|p| p.section).collect();
        let mut sorted = sections.clone();
        sorted.sort();
        assert_eq!(sections, sorted, "Present, then Past, then Future");
        for section in Section::ALL {
            for age in [AgeBand::UnderFive, AgeBand::FiveToEleven, AgeBand::TwelveToSeventeen, AgeBand::EighteenToTwentyFive] {
                assert!(prompts::for_section(lang, section, age).len() >= 2, "{lang:?} {section:?} {age:?}");
            }
        }
    }
    assert_eq!(AgeBand::for_age(16), AgeBand::TwelveToSeventeen);
}

#[test]
fn every_english_word_list_entry_has_a_welsh_one() {
    let (en, cy) = (language::word_list(Lang::En), language::word_list(Lang::Cy));
    assert_eq!(ids(&en, |e| &e.id), ids(&cy, |e| &e.id));
    for entry in en.iter().chain(&cy) {
        assert!(!entry.notice.is_empty() && !entry.instead.is_empty() && !entry.why.is_empty(), "{}", entry.id);
    }
}

#[test]
fn checking_a_binder_flags_only_pages_the_reader_can_see_and_changes_nothing() {
    let f = common::family();
    let flagged = f.add(Role::Carer, Section::Past, "Why Sam moved", "After the placement breakdown, Sam absconded.", Audience::EMPTY);
    f.add(Role::Carer, Section::Present, "Swimming", "Sam swam 25 metres and contacted Nan to tell her.", Audience::EMPTY);
    f.add(Role::SocialWorker, Section::Past, "Respite", "Respite was arranged.", Audience::only(Party::SocialWorker));
    let before = f.file_bytes();
    let pages = f.binder.check_language(&f.carer).unwrap();
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(pages[0].id, flagged);
    let found: Vec<&str> = pages[0].text_flags.iter().map(|f| f.found.as_str()).collect();
    assert_eq!(found, ["placement breakdown", "absconded"]);
    assert_eq!(f.file_bytes(), before, "a check never writes");
}

#[test]
fn a_page_written_for_a_prompt_ticks_it_off_and_unknown_prompts_are_refused() {
    let f = common::family();
    let mut page = lifestory::NewEntry::narrative(Section::Present, "Biscuit", "My dog.").shared_with(Audience::only(Party::YoungPerson), "yes");
    page.prompt = Some("pets".into());
    let id = f.binder.add_entry(&f.carer, page.clone()).unwrap();
    let status = f.binder.prompts(&f.young_person, Lang::Cy, Some(AgeBand::FiveToEleven)).unwrap();
    let pets = status.iter().find(|p| p.prompt.id == "pets").unwrap();
    assert_eq!(pets.answered_by, [id]);
    assert!(pets.prompt.text.contains("anifeiliaid"), "the Welsh prompt");
    assert!(status.iter().filter(|p| p.prompt.id != "pets").all(|p| p.answered_by.is_empty()));
    assert!(status.iter().all(|p| p.prompt.ages.contains(&AgeBand::FiveToEleven)));
    // Someone who can't read the page doesn't see it ticked.
    let sw = f.binder.prompts(&f.social_worker, Lang::En, None).unwrap();
    assert!(sw.iter().all(|p| p.answered_by.is_empty()));
    page.prompt = Some("no-such-prompt".into());
    let err = f.binder.add_entry(&f.carer, page).unwrap_err();
    assert!(err.to_string().contains("no prompt called"), "{err}");
}
