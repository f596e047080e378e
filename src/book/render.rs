//! Laying out the book's body: each section's opening page, "all about
//! me", "my people" (drawn as circles), the life map (a path of stops),
//! then the section's pages, each unit on its own sheets; and the page
//! numbers at the foot.

use super::compose::{self, Composer};
use super::drawings;
use super::narrative::narrative;
use super::page::{self, Page, Sides, BODY};
use super::select::{Chosen, Selection};
use super::typeset::{self, Align, Rgb, Span};
use super::{Unit, Words};
use crate::entry::{Body, Closeness, Kind, Section};
use crate::picture::Size;

/// Every unit of the book in order, each laid out on its own sheets.
pub(super) fn lay_out(selection: &Selection, sides: Sides, words: &Words) -> Vec<Unit> {
    let mut units = Vec::new();
    for section in Section::ALL {
        let here: Vec<&Chosen> = selection.entries.iter().filter(|c| c.entry.section == section).collect();
        if here.is_empty() {
            continue;
        }
        let title = words.section(section);
        units.push(unit(format!("section:{}", section.as_str()), title, Some(section), sides, |book| {
            book.space(180.0);
            book.paragraph(&[Span::new(title, 40.0).bold()], Align::Center, 0.0);
            book.space(12.0);
            book.paragraph(&[Span::new(words.section_intro(section), 14.0).colored(Rgb::SOFT)], Align::Center, 0.0);
        }));
        let identity: Vec<&Chosen> = here.iter().copied().filter(|c| c.entry.kind == Kind::Identity).collect();
        if !identity.is_empty() {
            units.push(unit(format!("about-me:{}", section.as_str()), words.get("about-me"), None, sides, |book| about_me(book, &identity, words)));
        }
        let people: Vec<&Chosen> = here.iter().copied().filter(|c| c.entry.kind == Kind::Person).collect();
        if !people.is_empty() {
            units.push(unit(format!("people:{}", section.as_str()), words.get("my-people"), None, sides, |book| my_people(book, &selection.called, &people, words)));
        }
        let places: Vec<&Chosen> = here.iter().copied().filter(|c| c.entry.kind == Kind::Place).collect();
        if !places.is_empty() {
            units.push(unit(format!("map:{}", section.as_str()), words.get("life-map"), None, sides, |book| life_map(book, &places, words)));
        }
        for chosen in here.iter().filter(|c| matches!(c.entry.kind, Kind::Narrative | Kind::Picture)) {
            let title = chosen.entry.title.clone();
            units.push(unit(chosen.entry.id.clone(), &title, None, sides, |book| entry_pages(book, chosen)));
        }
    }
    units
}

fn unit(id: String, title: &str, section: Option<Section>, sides: Sides, fill: impl FnOnce(&mut Composer)) -> Unit {
    let mut book = Composer::new(sides, 0);
    book.new_page(Some(&id), Some(title.to_owned()), true);
    fill(&mut book);
    let mut pages = book.finish();
    // Two-sided, a unit fills whole sheets.
    if sides == Sides::Two && pages.len() % 2 == 1 {
        pages.push(Page { entry: Some(id.clone()), ..Page::default() });
    }
    Unit { id, title: title.to_owned(), section, pages }
}

pub(super) fn heading(book: &mut Composer, text: &str) {
    book.paragraph(&[Span::new(text, 22.0).bold()], Align::Start, 0.0);
    book.space(6.0);
}

fn small(text: &str) -> Span {
    Span::new(text, 10.5).colored(Rgb::SOFT)
}

fn entry_pages(book: &mut Composer, chosen: &Chosen) {
    let entry = &chosen.entry;
    heading(book, &entry.title);
    if let Some(date) = &entry.date {
        book.paragraph(&[small(&date.text)], Align::Start, 0.0);
        book.space(4.0);
    }
    match &entry.body {
        Body::Narrative { markdown } => narrative(book, markdown),
        Body::Picture { note } => {
            if !note.trim().is_empty() {
                book.paragraph(&[Span::new(note.clone(), BODY)], Align::Start, 0.0);
            }
        }
        _ => {}
    }
    for picture in &chosen.pictures {
        let Some(print) = picture.copies.iter().find(|c| c.size == Size::Print) else { continue };
        book.space(10.0);
        book.picture(&picture.id, (print.width, print.height), 430.0, 180.0);
        // A picture page is titled by its caption: don't say it twice.
        if !picture.caption.is_empty() && picture.caption != entry.title {
            book.paragraph(&[Span::new(picture.caption.clone(), 10.5).colored(Rgb::SOFT)], Align::Center, 0.0);
        }
    }
}

fn about_me(book: &mut Composer, identity: &[&Chosen], words: &Words) {
    heading(book, words.get("about-me"));
    for chosen in identity {
        if let Body::Identity { field, text } = &chosen.entry.body {
            book.space(6.0);
            book.paragraph(&[Span::new(words.field(*field), 13.0).bold()], Align::Start, 0.0);
            book.paragraph(&[Span::new(text.clone(), BODY)], Align::Start, 0.0);
        }
    }
}

fn my_people(book: &mut Composer, me: &str, people: &[&Chosen], words: &Words) {
    heading(book, words.get("my-people"));
    book.paragraph(&[small(words.get("people-hint"))], Align::Start, 0.0);
    book.space(8.0);
    let drawn: Vec<drawings::Person> = people
        .iter()
        .filter_map(|c| match &c.entry.body {
            Body::Person { relationship, closeness, pet, .. } => Some(drawings::Person {
                name: c.entry.title.clone(),
                relationship: relationship.clone(),
                ring: match closeness {
                    Closeness::Closest => 0,
                    Closeness::Close => 1,
                    Closeness::Further => 2,
                },
                pet: *pet,
            }),
            _ => None,
        })
        .collect();
    drawings::people(book, me, &drawn);
    for chosen in people {
        if let Body::Person { relationship, note, .. } = &chosen.entry.body {
            let mut spans = vec![Span::new(chosen.entry.title.clone(), BODY).bold()];
            if !relationship.is_empty() {
                spans.push(Span::new(format!(" · {relationship}"), BODY).colored(Rgb::SOFT));
            }
            book.paragraph(&spans, Align::Start, 0.0);
            if !note.trim().is_empty() {
                book.paragraph(&[Span::new(note.clone(), BODY)], Align::Start, 12.0);
            }
            book.space(4.0);
        }
    }
}

fn life_map(book: &mut Composer, places: &[&Chosen], words: &Words) {
    heading(book, words.get("life-map"));
    let mut stops: Vec<(&str, drawings::Stop, &Chosen)> = places
        .iter()
        .filter_map(|c| match &c.entry.body {
            Body::Place { place, from, to, .. } => {
                let when = match (from, to) {
                    (Some(f), Some(t)) => words.fill("map-from-to", &[("from", &f.text), ("to", &t.text)]),
                    (Some(f), None) => words.fill("map-from", &[("from", &f.text)]),
                    (None, Some(t)) => words.fill("map-until", &[("to", &t.text)]),
                    (None, None) => c.entry.date.as_ref().map(|d| d.text.clone()).unwrap_or_default(),
                };
                let sort = from.as_ref().or(c.entry.date.as_ref()).map_or("9999", |d| d.sort.as_str());
                Some((sort, drawings::Stop { name: c.entry.title.clone(), when, kind: *place }, *c))
            }
            _ => None,
        })
        .collect();
    stops.sort_by(|a, b| a.0.cmp(b.0));
    book.space(12.0);
    let drawn: Vec<drawings::Stop> = stops.iter().map(|(_, s, _)| drawings::Stop { name: s.name.clone(), when: s.when.clone(), kind: s.kind }).collect();
    drawings::life_map(book, &drawn);
    for (i, (_, stop, chosen)) in stops.iter().enumerate() {
        if let Body::Place { why, .. } = &chosen.entry.body {
            if !why.trim().is_empty() {
                book.paragraph(&[Span::new(format!("{}. {}", i + 1, stop.name), BODY).bold()], Align::Start, 0.0);
                book.paragraph(&[Span::new(why.clone(), BODY)], Align::Start, 12.0);
                book.space(4.0);
            }
        }
    }
}

/// Print each page's label at its foot, on the outer side (centred when
/// one-sided). Pages without a label (the cover, a refill's instructions)
/// get none. Every unit starts on a right-hand page, so a page's side is
/// its place in the file.
pub(super) fn number_pages(pages: &mut [Page], sides: Sides) {
    for (index, page) in pages.iter_mut().enumerate() {
        let Some(label) = page.label.clone() else { continue };
        if page.marks.is_empty() {
            continue; // a blank back of a sheet stays blank
        }
        let line = typeset::set_paragraph(&[Span::new(label, 10.0).colored(Rgb::SOFT)], 80.0, Align::Start);
        let Some(line) = line.first() else { continue };
        let x = match sides {
            Sides::One => (page::WIDTH - line.width) / 2.0,
            Sides::Two if index % 2 == 0 => page::WIDTH - page::OUTER - line.width,
            Sides::Two => page::OUTER,
        };
        compose::place_line(page, line, x, page::BOTTOM / 2.0);
    }
}
