//! The printed book: an A4 PDF of a binder for one audience, holding only
//! what that audience was given consent to see.
//!
//! Order, as the guidance asks: a cover (the title and picture the young
//! person chose), contents, then My present, My past and My future, each
//! opening on its own page. In each section: "all about me" (identity
//! fields), "my people" (drawn as circles), the life map (a path of stops),
//! then the section's pages. Pages are numbered; the binding margin sits on
//! the left of odd pages and the right of even ones, or always on the left
//! when printing one-sided.
//!
//! The work is split by job:
//!
//! - [`select`]: which pages, for which audience. Consent is decided there
//!   alone; everything printed — pages, contents, bookmarks, the cover
//!   picture, the drawings — is built from its selection, and the PDF's
//!   metadata names nothing but "Life story book".
//! - [`front`]: the cover and the contents.
//! - [`render`]: the sections' pages, "all about me", "my people", the life
//!   map, page numbers; [`narrative`] sets a page's Markdown from the tree
//!   [`crate::markdown`] reads for the app and the open export too.
//! - [`words`]: the book's own words in English or Welsh
//!   ([`BookOptions::lang`]), from `assets/book/*.ftl`.
//! - [`compose`] flows set text and pictures down pages, [`typeset`] sets
//!   text in any script, [`drawings`] draws, [`pdf`] writes the file.
//!
//! Ring binder refills ([`refill`]): every entry starts on its own sheet,
//! so its pages can be swapped without touching others. Each print
//! records, per entry, the labels of its pages and a keyed fingerprint of
//! what they showed (an HMAC under a key derived from the binder's common
//! key, so the record reveals nothing). `since_last_print` prints only
//! entries that are new or look different, numbered to slot in ("12a" goes
//! after "12"), and lists the pages to take out.

pub mod compose;
pub mod drawings;
mod front;
mod narrative;
pub mod page;
pub mod pdf;
pub mod refill;
mod render;
mod select;
pub mod typeset;
pub mod words;

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audience::Party;
use crate::binder::Binder;
use crate::entry::Section;
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::language::Lang;
use crate::picture::Size;
use page::{Mark, Page, Sides};
pub use words::{words, Words};

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
    /// The language of the book's own words (headings, contents, the
    /// refill sheet); pages are printed as they were written.
    #[serde(default = "english")]
    pub lang: Lang,
}

fn english() -> Lang {
    Lang::En
}

impl BookOptions {
    pub fn for_audience(audience: Party) -> BookOptions {
        BookOptions { audience, since_last_print: false, sections: Vec::new(), include_sensitive: false, sides: Sides::Two, lang: Lang::En }
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

/// A run of pages that is swapped as a whole in a refill: an entry, a
/// section opener, or one of the drawn pages.
pub(crate) struct Unit {
    pub id: String,
    pub title: String,
    pub section: Option<Section>,
    pub pages: Vec<Page>,
}

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
            &pdf::Metadata { title: words(options.lang).get("document-title").into() },
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
        refill::record(self.db(), keys, &self.id, options.audience, &book.plan, book.pages.len())?;
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
        let words = words(options.lang);
        let selection = self.select(keys, options, progress)?;
        let units = render::lay_out(&selection, options.sides, words);
        let fingerprint_key = crate::keys::derive_common(keys, &self.id, "lifestory book print fingerprint v1");
        let last = match options.since_last_print {
            true => refill::last_print(self.db(), self.membership()?.as_ref(), &self.id, options.audience)?,
            false => None,
        };
        let cover = front::cover(&selection, options.sides);
        // The contents' length doesn't depend on its page numbers: lay it
        // out once to count, then again with the numbers.
        let front = cover.len() + front::contents(&units, &HashMap::new(), options.sides, words).len();
        let plan = refill::plan(&units, last.as_ref(), &fingerprint_key, front);
        if plan.refill && plan.printed.is_empty() && plan.remove.is_empty() {
            let since = plan.since.as_deref().and_then(|s| s.get(..10)).map(str::to_owned);
            return Err(Error::NothingNewToPrint { audience: options.audience.as_str(), audience_words: options.audience.label(), since });
        }
        let mut pages = Vec::new();
        if plan.refill {
            pages.extend(refill::instructions(&selection.called, &plan, options.sides, words));
        } else {
            pages.extend(cover);
            pages.extend(front::contents(&units, &plan.labels, options.sides, words));
        }
        let printed: Vec<&Unit> = units.iter().filter(|u| plan.printed.contains(&u.id)).collect();
        for unit in &printed {
            for (page, label) in unit.pages.iter().zip(&plan.labels[&unit.id]) {
                let mut page = page.clone();
                page.label = Some(label.clone());
                pages.push(page);
            }
        }
        render::number_pages(&mut pages, options.sides);
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
}
