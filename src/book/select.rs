//! Which pages go into a book: consent is decided here and only here.
//!
//! A page is in the book only when its audience includes the chosen party,
//! the exporting member can read it, it is not a sealed letter, and it is
//! not sensitive unless asked for. Everything printed — pages, contents,
//! bookmarks, the cover picture, the drawings — is built from the
//! [`Selection`] alone.

use std::ops::ControlFlow;

use super::{words, BookOptions, Progress};
use crate::binder::Binder;
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::picture::Picture;

/// An entry that made it into the book, with what's needed to print it.
pub(super) struct Chosen {
    pub entry: Entry,
    pub pictures: Vec<Picture>,
}

/// Everything the audience may see, read once.
pub(super) struct Selection {
    pub title: String,
    pub called: String,
    pub cover: Option<Picture>,
    pub entries: Vec<Chosen>,
}

impl Binder {
    /// The pages `options` allows, read and checked.
    pub(super) fn select(&self, keys: &Keyring, options: &BookOptions, progress: &mut dyn FnMut(Progress) -> ControlFlow<()>) -> Result<Selection> {
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
        let title = profile.book_title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| words(options.lang).fill("cover-title", &[("name", &called)]));
        Ok(Selection { title, called, cover, entries })
    }
}
