//! The printed book: an A4 PDF of a binder for one audience, holding only
//! what that audience was given consent to see.
//!
//! Order, as the guidance asks: a cover (the title and picture the young
//! person chose), contents, then Present, Past and Future, each opening on
//! its own page. In each section: "all about me" (identity fields), "my
//! people" (drawn as circles), the life map (a path of stops), then the
//! section's pages. Pages are numbered; the binding margin sits on the left
//! of odd pages and the right of even ones, or always on the left when
//! printing one-sided.
//!
//! Consent is decided in one place, [`Selection`]: a page is in the book only
//! when its audience includes the chosen party, the exporting member can
//! read it, it is not a sealed letter, and it is not sensitive unless asked
//! for. Everything printed — pages, contents, bookmarks, the cover picture,
//! the drawings — is built from the selection alone, and the PDF's metadata
//! names nothing but "Life story book".
//!
//! Ring binder refills: every entry starts on its own sheet, so its pages
//! can be swapped without touching others. Each print records, per entry,
//! the labels of its pages and a keyed fingerprint of what they showed (an
//! HMAC under a key derived from the binder's common key, so the record
//! reveals nothing). `since_last_print` prints only entries that are new or
//! look different, numbered to slot in ("12a" goes after "12"), and lists
//! the pages to take out.

pub mod compose;
pub mod drawings;
pub mod page;
pub mod pdf;
pub mod refill;
pub mod typeset;

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audience::Party;
use crate::binder::Binder;
use crate::entry::{Body, Closeness, Entry, IdentityField, Kind, Section};
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::picture::{Picture, Size};
use compose::Composer;
use page::{Mark, Page, Sides};
use typeset::{Align, Rgb, Span, Style};

/// What to print.
#[derive(Clone, Debug, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BookOptions {
    pub audience: Party,
    /// Only pages new or changed since the last print for this audience.
    pub since_last_print: bool,
    /// Only these sections; empty means all.
    pub sections: Vec<Section>,
    pub include_sensitive: bool,
    pub sides: Sides,
}

impl BookOptions {
    pub fn for_audience(audience: Party) -> BookOptions {
        BookOptions { audience, since_last_print: false, sections: Vec::new(), include_sensitive: false, sides: Sides::Two }
    }
}

/// How far an export has got, for a progress bar.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Progress {
    Reading { done: usize, total: usize },
    Pictures { done: usize, total: usize },
}

/// What an export wrote.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BookReport {
    pub path: PathBuf,
    pub pages: usize,
    pub entries: usize,
    pub pictures: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// True when only new and changed pages were printed.
    pub refill: bool,
    /// Refills: where the new pages go ("12a after 12").
    pub insert: Vec<refill::Insert>,
    /// Refills: old pages to take out of the ring binder.
    pub remove: Vec<String>,
}

/// What a print would hold, before anything is written.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BookPreview {
    pub pages: usize,
    pub entries: usize,
    pub pictures: usize,
    /// True when only new and changed pages would be printed.
    pub refill: bool,
    /// For a refill: when the last print for this audience was.
    pub since: Option<String>,
}

/// A laid-out book, numbered and ready to write.
struct Composed {
    pages: Vec<Page>,
    plan: refill::Plan,
    entries: usize,
    /// Each picture once, however often it is drawn.
    pictures: Vec<String>,
}

/// An entry that made it into the book, with what's needed to print it.
struct Chosen {
    entry: Entry,
    pictures: Vec<Picture>,
}

/// Everything the audience may see, read once.
struct Selection {
    title: String,
    called: String,
    cover: Option<Picture>,
    entries: Vec<Chosen>,
}

/// A run of pages that is swapped as a whole in a refill: an entry, a
/// section opener, or one of the drawn pages.
pub(crate) struct Unit {
    pub id: String,
    pub title: String,
    pub section: Option<Section>,
    pub pages: Vec<Page>,
}

const BODY: f32 = 12.0;

/// A new file name in `folder` for a book: "Book for the young person,
/// 23 November 2026.pdf", with " (2)" and so on when that is taken.
pub fn new_book_path(folder: &Path, audience: Party) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
    let day = chrono::Local::now().format("%-d %B %Y");
    let stem = format!("Book for {}, {day}", audience.label());
    (1..1000)
        .map(|n| folder.join(if n == 1 { format!("{stem}.pdf") } else { format!("{stem} ({n}).pdf") }))
        .find(|p| !p.exists())
        .ok_or(Error::NoFreeFileName { file: crate::error::FileKind::Book })
}

impl Binder {
    /// What printing would give, without writing anything: for the print
    /// screen's page count.
    pub fn preview_book(&self, keys: &Keyring, options: &BookOptions) -> Result<BookPreview> {
        let book = self.compose_book(keys, options, &mut |_| ControlFlow::Continue(()))?;
        Ok(BookPreview { pages: book.pages.len(), entries: book.entries, pictures: book.pictures.len(), refill: book.plan.refill, since: book.plan.since.clone() })
    }

    /// Lay out and write the book for `options.audience` to `out` (a new file).
    pub fn export_book(
        &self,
        keys: &Keyring,
        options: &BookOptions,
        out: &Path,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<BookReport> {
        if out.exists() {
            return Err(Error::AlreadyExists { path: out.to_owned() });
        }
        let book = self.compose_book(keys, options, progress)?;
        let total = book.pictures.len();
        let mut done = 0;
        let bytes = pdf::write(
            &book.pages,
            &pdf::Metadata { title: "Life story book".into() },
            out,
            &mut |id| Ok(self.picture_copy(keys, id, Size::Print)?.bytes),
            &mut || {
                done += 1;
                match progress(Progress::Pictures { done, total }) {
                    ControlFlow::Continue(()) => Ok(()),
                    ControlFlow::Break(()) => Err(Error::Cancelled),
                }
            },
        )?;
        refill::record(self.db(), keys, options.audience, &book.plan, book.pages.len())?;
        Ok(BookReport {
            path: out.to_owned(),
            pages: book.pages.len(),
            entries: book.entries,
            pictures: done,
            bytes,
            refill: book.plan.refill,
            insert: book.plan.inserts.clone(),
            remove: book.plan.remove.clone(),
        })
    }

    /// Every page of the book (or refill), numbered, ready to write.
    fn compose_book(&self, keys: &Keyring, options: &BookOptions, progress: &mut dyn FnMut(Progress) -> ControlFlow<()>) -> Result<Composed> {
        let selection = self.select(keys, options, progress)?;
        let units = lay_out(&selection, options.sides);
        let fingerprint_key = crate::keys::derive_common(keys, &self.id, "lifestory book print fingerprint v1");
        let last = if options.since_last_print { refill::last_print(self.db(), options.audience)? } else { None };
        let cover = cover(&selection, options.sides);
        // The contents' length doesn't depend on its page numbers: lay it
        // out once to count, then again with the numbers.
        let front = cover.len() + contents(&units, &HashMap::new(), options.sides).len();
        let plan = refill::plan(&units, last.as_ref(), &fingerprint_key, front);
        if plan.refill && plan.printed.is_empty() && plan.remove.is_empty() {
            let since = plan.since.as_deref().and_then(|s| s.get(..10)).map(str::to_owned);
            return Err(Error::NothingNewToPrint { audience: options.audience.as_str(), audience_words: options.audience.label(), since });
        }
        let mut pages = Vec::new();
        if plan.refill {
            pages.extend(refill::instructions(&selection.called, &plan, options.sides));
        } else {
            pages.extend(cover);
            pages.extend(contents(&units, &plan.labels, options.sides));
        }
        let printed: Vec<&Unit> = units.iter().filter(|u| plan.printed.contains(&u.id)).collect();
        for unit in &printed {
            for (page, label) in unit.pages.iter().zip(&plan.labels[&unit.id]) {
                let mut page = page.clone();
                page.label = Some(label.clone());
                pages.push(page);
            }
        }
        number_pages(&mut pages, options.sides);
        let mut pictures: Vec<&str> = pages.iter().flat_map(|p| &p.marks).filter_map(|m| match m {
            Mark::Picture { picture, .. } => Some(picture.as_str()),
            _ => None,
        }).collect();
        pictures.sort_unstable();
        pictures.dedup();
        let pictures = pictures.into_iter().map(str::to_owned).collect();
        let entries = printed.iter().filter(|u| !u.id.contains(':')).count();
        Ok(Composed { pages, plan, entries, pictures })
    }

    /// The pages `options` allows, read and checked.
    fn select(&self, keys: &Keyring, options: &BookOptions, progress: &mut dyn FnMut(Progress) -> ControlFlow<()>) -> Result<Selection> {
        let profile = self.profile(keys)?;
        let listing = self.list(keys, None)?;
        let wanted: Vec<_> = listing
            .entries
            .iter()
            .filter(|e| e.audience.contains(options.audience))
            .filter(|e| options.include_sensitive || !e.sensitive)
            .filter(|e| options.sections.is_empty() || options.sections.contains(&e.section))
            .collect();
        let mut entries = Vec::with_capacity(wanted.len());
        for (i, summary) in wanted.iter().enumerate() {
            let entry = self.show(keys, &summary.id)?;
            let pictures = self.pictures(keys, &entry.id)?;
            entries.push(Chosen { entry, pictures });
            if progress(Progress::Reading { done: i + 1, total: wanted.len() }).is_break() {
                return Err(Error::Cancelled);
            }
        }
        // The cover picture only if its page is in this book.
        let cover = profile.cover_picture.as_ref().and_then(|id| entries.iter().flat_map(|c| &c.pictures).find(|p| &p.id == id).cloned());
        let called = profile.called().to_owned();
        let title = profile.book_title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| format!("{called}'s life story book"));
        Ok(Selection { title, called, cover, entries })
    }
}

impl Section {
    /// The heading the book and the open export give a section.
    pub fn heading(self) -> &'static str {
        match self {
            Section::Present => "Me now",
            Section::Past => "My past",
            Section::Future => "My future",
        }
    }

    fn introduction(self) -> &'static str {
        match self {
            Section::Present => "Who I am, what I'm good at, and the people who matter to me.",
            Section::Past => "Where I have lived, the people I remember, and good memories.",
            Section::Future => "What I'd like to learn, try and be.",
        }
    }
}

/// Every unit of the book in order, each laid out on its own sheets.
fn lay_out(selection: &Selection, sides: Sides) -> Vec<Unit> {
    let mut units = Vec::new();
    for section in Section::ALL {
        let here: Vec<&Chosen> = selection.entries.iter().filter(|c| c.entry.section == section).collect();
        if here.is_empty() {
            continue;
        }
        units.push(unit(format!("section:{}", section.as_str()), section.heading(), Some(section), sides, |book| {
            book.space(180.0);
            book.paragraph(&[Span::new(section.heading(), 40.0).bold()], Align::Center, 0.0);
            book.space(12.0);
            book.paragraph(&[Span::new(section.introduction(), 14.0).colored(Rgb::SOFT)], Align::Center, 0.0);
        }));
        let identity: Vec<&Chosen> = here.iter().copied().filter(|c| c.entry.kind == Kind::Identity).collect();
        if !identity.is_empty() {
            units.push(unit(format!("about-me:{}", section.as_str()), "All about me", None, sides, |book| about_me(book, &identity)));
        }
        let people: Vec<&Chosen> = here.iter().copied().filter(|c| c.entry.kind == Kind::Person).collect();
        if !people.is_empty() {
            units.push(unit(format!("people:{}", section.as_str()), "My people", None, sides, |book| my_people(book, &selection.called, &people)));
        }
        let places: Vec<&Chosen> = here.iter().copied().filter(|c| c.entry.kind == Kind::Place).collect();
        if !places.is_empty() {
            units.push(unit(format!("map:{}", section.as_str()), "My life map", None, sides, |book| life_map(book, &places)));
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

fn heading(book: &mut Composer, text: &str) {
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

/// Markdown as the book sets it: headings, paragraphs, emphasis, lists and
/// quotes. Raw HTML is shown as text; images and links keep only their words.
fn narrative(book: &mut Composer, markdown: &str) {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut spans: Vec<Span> = Vec::new();
    let mut style = Style::default();
    let mut size = BODY;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quote = 0usize;
    let mut marker: Option<String> = None;
    let flush = |book: &mut Composer, spans: &mut Vec<Span>, marker: &mut Option<String>, depth: usize, quote: usize| {
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            spans.clear();
            return;
        }
        let indent = depth as f32 * 18.0 + quote as f32 * 18.0;
        if let Some(m) = marker.take() {
            spans.insert(0, Span::new(format!("{m} "), BODY));
        }
        book.paragraph(spans, Align::Start, indent);
        book.space(5.0);
        spans.clear();
    };
    let options = pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    for event in pulldown_cmark::Parser::new_ext(markdown, options) {
        let mut text = |t: &str, style: Style, size: f32| {
            let color = if quote > 0 { Rgb::SOFT } else { Rgb::INK };
            spans.push(Span { text: t.to_owned(), style, size, color });
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                size = match level as usize {
                    1 => 18.0,
                    2 => 15.5,
                    _ => 13.5,
                };
                style.bold = true;
                book.space(4.0);
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(book, &mut spans, &mut marker, lists.len(), quote);
                size = BODY;
                style.bold = false;
            }
            Event::Start(Tag::Emphasis) => style.italic = true,
            Event::End(TagEnd::Emphasis) => style.italic = false,
            Event::Start(Tag::Strong) => style.bold = true,
            Event::End(TagEnd::Strong) => style.bold = false,
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(book, &mut spans, &mut marker, lists.len(), quote);
                quote -= 1;
            }
            Event::Start(Tag::List(start)) => {
                flush(book, &mut spans, &mut marker, lists.len(), quote);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(book, &mut spans, &mut marker, lists.len(), quote);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(book, &mut spans, &mut marker, lists.len(), quote);
                marker = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_owned(),
                });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => flush(book, &mut spans, &mut marker, lists.len().saturating_sub(1), quote),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => text(&t, style, size),
            Event::SoftBreak => text(" ", style, size),
            Event::HardBreak => text("\n", style, size),
            Event::Rule => {
                flush(book, &mut spans, &mut marker, lists.len(), quote);
                book.space(8.0);
            }
            _ => {}
        }
    }
    flush(book, &mut spans, &mut marker, 0, quote);
}

fn field_heading(field: IdentityField) -> &'static str {
    match field {
        IdentityField::Ethnicity => "My background",
        IdentityField::Culture => "My culture",
        IdentityField::Religion => "Religion or belief",
        IdentityField::Languages => "Languages I speak",
        IdentityField::Disability => "What helps me",
        IdentityField::SexualIdentity => "Who I love",
        IdentityField::Gender => "My gender",
    }
}

fn about_me(book: &mut Composer, identity: &[&Chosen]) {
    heading(book, "All about me");
    for chosen in identity {
        if let Body::Identity { field, text } = &chosen.entry.body {
            book.space(6.0);
            book.paragraph(&[Span::new(field_heading(*field), 13.0).bold()], Align::Start, 0.0);
            book.paragraph(&[Span::new(text.clone(), BODY)], Align::Start, 0.0);
        }
    }
}

fn my_people(book: &mut Composer, me: &str, people: &[&Chosen]) {
    heading(book, "My people");
    book.paragraph(&[small("The closest people are in the middle circle.")], Align::Start, 0.0);
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

fn life_map(book: &mut Composer, places: &[&Chosen]) {
    heading(book, "My life map");
    let mut stops: Vec<(&str, drawings::Stop, &Chosen)> = places
        .iter()
        .filter_map(|c| match &c.entry.body {
            Body::Place { place, from, to, .. } => {
                let when = match (from, to) {
                    (Some(f), Some(t)) => format!("{} – {}", f.text, t.text),
                    (Some(f), None) => format!("from {}", f.text),
                    (None, Some(t)) => format!("until {}", t.text),
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

fn cover(selection: &Selection, sides: Sides) -> Vec<Page> {
    let mut book = Composer::new(sides, 0);
    book.new_page(None, Some(selection.title.clone()), false);
    book.space(90.0);
    book.paragraph(&[Span::new(selection.title.clone(), 34.0).bold()], Align::Center, 0.0);
    book.space(30.0);
    match &selection.cover {
        Some(picture) => {
            if let Some(print) = picture.copies.iter().find(|c| c.size == Size::Print) {
                book.picture(&picture.id, (print.width, print.height), 440.0, 100.0);
            }
        }
        None => {
            let width = book.width();
            book.drawing(300.0, |page, left, top| {
                let cx = left + width / 2.0;
                for (i, colour) in [Rgb(0.99, 0.86, 0.80), Rgb(0.88, 0.93, 0.99), Rgb(0.90, 0.96, 0.90)].into_iter().enumerate() {
                    page.marks.push(Page::circle(cx - 80.0 + 80.0 * i as f32, top - 150.0, 70.0, Some(colour), None));
                }
            });
        }
    }
    let mut pages = book.finish();
    if sides == Sides::Two {
        pages.push(Page::default());
    }
    pages
}

fn contents(units: &[Unit], labels: &HashMap<String, Vec<String>>, sides: Sides) -> Vec<Page> {
    let mut book = Composer::new(sides, 2);
    book.new_page(None, Some("Contents".into()), false);
    heading(&mut book, "Contents");
    for unit in units {
        let label = labels.get(&unit.id).and_then(|l| l.first()).cloned().unwrap_or_default();
        let (size, style, indent) = if unit.section.is_some() { (14.0, Style { bold: true, italic: false }, 0.0) } else { (BODY, Style::default(), 14.0) };
        if unit.section.is_some() {
            book.space(8.0);
        }
        let width = book.width() - indent - 40.0;
        let lines = typeset::set_paragraph(&[Span { text: unit.title.clone(), style, size, color: Rgb::INK }], width, Align::Start);
        let first_baseline_room = lines.first().map_or(0.0, |l| l.ascent + l.descent);
        if first_baseline_room > book.room() {
            book.new_page(None, None, false);
        }
        let top = book.room() + page::BOTTOM;
        book.lines(&lines, indent);
        let left = book.left();
        let right = left + book.width();
        if let Some(first) = lines.first() {
            let page = book.pages.last_mut().expect("a page");
            let number = typeset::set_paragraph(&[Span::new(label, size)], 40.0, Align::Start);
            if let Some(n) = number.first() {
                compose::place_line(page, n, right - n.width, top - first.ascent);
            }
        }
    }
    let mut pages = book.finish();
    if sides == Sides::Two && pages.len() % 2 == 1 {
        pages.push(Page::default());
    }
    pages
}

/// Print each page's label at its foot, on the outer side (centred when
/// one-sided). Pages without a label (the cover, a refill's instructions)
/// get none. Every unit starts on a right-hand page, so a page's side is
/// its place in the file.
fn number_pages(pages: &mut [Page], sides: Sides) {
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
