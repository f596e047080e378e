//! Hand-over: when a young person leaves care, they get their own copy of
//! their book, which only they can open.
//!
//! The copy is a new binder (new binder id, new role keys, a new recovery
//! key) whose only member is the young person, with their own passphrase.
//! Every page shared with the young person that the acting member can read
//! is copied in book order with its words, dates, flags and pictures (the
//! stored copies, byte for byte), re-encrypted to the new keys. Nothing else comes across: no other
//! member, no adult-only page, no session notes, no consent history. Beside
//! it goes the open export ([`crate::export`]): plain HTML pages that need
//! no app and no keys, and the printable book ([`crate::book`]). The original binder is not changed.
//!
//! Later-life letters whose day has come (released at the unlock before,
//! src/letters.rs) come across like any page. Letters still sealed stay
//! here, with the agency, and the report lists their days: the copy
//! belongs to the young person alone, with their own recovery key, so
//! there is nobody in it to keep a letter from them, and a letter carried
//! in it would open at once. On the day, the agency opens this binder (the
//! unlock releases the letter) and gives it on: printed, or by a hand-over
//! run again.
//!
//! Everything is written into a new folder under a temporary name and
//! renamed at the end, so a failure leaves nothing half-made.

use std::path::{Path, PathBuf};

use crate::audience::{Audience, Party, Role};
use crate::binder::Binder;
use crate::new_binder::NewBinder;
use crate::entry::NewEntry;
use crate::error::{Error, Result};
use crate::keys::{KeyCost, Keyring, RecoveryKey};
use crate::SecretString;

/// Who the copy is for.
pub struct HandoverTo<'a> {
    pub member_name: &'a str,
    pub passphrase: SecretString,
    pub cost: KeyCost,
}

/// What the hand-over made. The recovery key is shown once, like at
/// creation: print it for the young person.
pub struct Handover {
    pub dir: PathBuf,
    pub binder: PathBuf,
    pub book: PathBuf,
    /// The printable book (PDF), everything shared with the young person.
    pub pdf: PathBuf,
    pub recovery: RecoveryKey,
    pub pages: usize,
    pub pictures: usize,
    /// Shared with the young person, but not readable by whoever ran the
    /// hand-over: run it as the young person to bring these too.
    pub left_behind: usize,
    /// The days of letters still sealed, kept in this binder until then
    /// (see above), earliest first.
    pub letters_kept: Vec<String>,
}

impl Binder {
    pub fn handover(&self, keys: &Keyring, out: &Path, to: HandoverTo<'_>) -> Result<Handover> {
        self.ensure_ours(keys)?;
        if out.exists() {
            return Err(Error::AlreadyExists { path: out.to_owned() });
        }
        let mut name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".partial");
        let partial = out.with_file_name(name);
        let _ = std::fs::remove_dir_all(&partial);
        std::fs::create_dir_all(&partial).map_err(|e| Error::io(&partial, e))?;
        let made = self.handover_into(keys, &partial, to);
        match made {
            Ok(mut h) => {
                std::fs::rename(&partial, out).map_err(|e| Error::io(out, e))?;
                h.binder = out.join(h.binder.file_name().expect("a file"));
                h.book = out.join("book");
                h.pdf = out.join(h.pdf.file_name().expect("a file"));
                h.dir = out.to_owned();
                Ok(h)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&partial);
                Err(e)
            }
        }
    }

    fn handover_into(&self, keys: &Keyring, dir: &Path, to: HandoverTo<'_>) -> Result<Handover> {
        let profile = self.profile(keys)?;
        let passphrase = to.passphrase.clone();
        let binder_path = dir.join(format!("{}.binder", file_safe(profile.called())));
        let (copy, recovery) = Binder::create(
            &binder_path,
            NewBinder { child_name: &profile.name, member_name: to.member_name, role: Role::YoungPerson, passphrase: to.passphrase, cost: to.cost },
        )?;
        let new_keys = copy.unlock(to.member_name, &passphrase)?;
        copy.set_profile(&new_keys, &profile)?;

        let listing = self.list(keys, None)?;
        let ids: Vec<String> = listing.entries.iter().map(|e| e.id.clone()).collect();
        let mut letters_kept: Vec<String> = listing.sealed.iter().map(|l| l.until.clone()).collect();
        letters_kept.sort();
        let mut report = Handover {
            dir: dir.to_owned(),
            binder: binder_path.clone(),
            book: dir.join("book"),
            pdf: dir.join(format!("{}'s book.pdf", file_safe(profile.called()))),
            recovery,
            pages: 0,
            pictures: 0,
            left_behind: 0,
            letters_kept,
        };
        for id in ids {
            let entry = self.show(keys, &id)?;
            if !entry.audience.contains(Party::YoungPerson) {
                continue;
            }
            let pictures = self.stored_pictures(keys, &id)?;
            let mut page = NewEntry::new(entry.section, entry.title, entry.body);
            page.sensitive = entry.sensitive;
            page.date = entry.date;
            page.prompt = entry.prompt;
            page.sealed_until = entry.sealed_until.as_deref().map(crate::date::parse_day).transpose()?;
            report.pictures += pictures.len();
            copy.add_entry_with(&new_keys, page, |tx, entry_id, data_key| {
                for picture in &pictures {
                    crate::picture::store_copied(tx, &new_keys, &copy.id, entry_id, data_key, picture)?;
                }
                Ok(())
            })?;
            report.pages += 1;
        }
        // Shared with the young person, but this keyring can't read them.
        report.left_behind = self.count_unreadable_for_young_person(keys)?;
        copy.export_html(&new_keys, &report.book)?;
        // Their own book, all of it: sensitive pages are theirs too.
        let mut options = crate::book::BookOptions::for_audience(Party::YoungPerson);
        options.include_sensitive = true;
        copy.export_book(&new_keys, &options, &report.pdf, &mut |_| std::ops::ControlFlow::Continue(()))?;
        Ok(report)
    }

    fn count_unreadable_for_young_person(&self, keys: &Keyring) -> Result<usize> {
        let ids = self.db().entry_ids_shared_with(Audience::only(Party::YoungPerson))?;
        let today = crate::date::today();
        let unreadable = |id: &String| {
            let row = self.row(id)?;
            // A letter still sealed is kept, not left behind (counted apart).
            Ok::<bool, Error>(!crate::letters::keyed_away(row.sealed_until.as_deref(), Role::YoungPerson, &today) && self.open_key(keys, &row).is_err())
        };
        Ok(ids.iter().filter(|id| unreadable(id).unwrap_or(true)).count())
    }
}

/// A name safe for a file on any system.
fn file_safe(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { '_' }).collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() { "my life story".to_owned() } else { trimmed.to_owned() }
}
