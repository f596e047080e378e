//! What readers and writers do with pages: add, list, show, edit, move,
//! delete.

use age::x25519;

use crate::audience::{Audience, Role};
use crate::authority::PageAct;
use crate::binder::Binder;
use crate::entry::sealed::{holds_what_was_signed, open_key_payload, today, Content, EntryKey};
use crate::page::{Body, Entry, EntryEdit, EntrySummary, Listing, NewEntry, SealedLetter, Section};
use crate::error::{Error, Result};
use crate::keys::{self, to_json, Keyring};
use crate::store::{new_id, now, Db, EntryRow, ListedEntry};

impl Binder {
    /// Find an entry by id or by a unique prefix of at least 4 characters.
    pub fn resolve_id(&self, id_or_prefix: &str) -> Result<String> {
        let wanted = id_or_prefix.trim().to_ascii_lowercase();
        if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::NotFound { what: format!("A page with id \"{}\"", id_or_prefix.trim()) });
        }
        let ids = self.db().entry_ids_starting(&wanted)?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(Error::NotFound { what: format!("A page with id \"{wanted}\"") }),
            _ => Err(Error::AmbiguousId { prefix: wanted }),
        }
    }

    /// Add a page. Returns its id.
    pub fn add_entry(&self, keys: &Keyring, new: NewEntry) -> Result<String> {
        self.add_entry_with(keys, new, |_, _, _| Ok(()))
    }

    /// Add a page and, in the same transaction, whatever `also` writes for
    /// it (given the new id and data key), so a failure leaves nothing.
    pub(crate) fn add_entry_with(
        &self,
        keys: &Keyring,
        new: NewEntry,
        also: impl FnOnce(Db<'_>, &str, &x25519::Identity) -> Result<()>,
    ) -> Result<String> {
        self.add_entry_as(keys, new_id(), new, also)
    }

    /// [`Binder::add_entry_with`] under a given id (a page arriving from a
    /// sibling's binder takes an id derived from its offer, so it arrives once).
    pub(crate) fn add_entry_as(
        &self,
        keys: &Keyring,
        id: String,
        new: NewEntry,
        also: impl FnOnce(Db<'_>, &str, &x25519::Identity) -> Result<()>,
    ) -> Result<String> {
        self.ensure_ours(keys)?;
        let title = clean_title(&new.title)?;
        validate_body(&new.body)?;
        let author_role = keys.actor().role();
        let audience = new.share.with(author_role.party());
        let consent = crate::consent::consent_for(keys, Audience::only(author_role.party()), audience, new.consent)?;
        if let Some(prompt) = &new.prompt {
            crate::prompts::check_id(prompt)?;
        }

        let data_key = keys::generate();
        let sealed_until = new.sealed_until.map(|d| d.format("%Y-%m-%d").to_string());
        let content = Content {
            v: 1,
            entry: id.clone(),
            kind: new.body.kind(),
            author_name: keys.actor().display_name().to_owned(),
            date: new.date.clone(),
            body: new.body,
            prompt: new.prompt,
        };
        let key_payload = EntryKey {
            v: 1,
            entry: id.clone(),
            section: new.section,
            kind: content.kind,
            audience,
            sensitive: new.sensitive,
            sealed_until: sealed_until.clone(),
            author_role,
            title,
            key: keys::secret_string(&data_key),
            earlier: Vec::new(),
            generation: self.membership()?.map_or(0, |state| state.key_generation),
            renew: false,
        };
        let at = now();
        let tx = self.store.begin()?;
        let row = EntryRow {
            id: id.clone(),
            section: new.section,
            kind: content.kind,
            position: tx.next_entry_position(new.section)?,
            audience,
            sensitive: new.sensitive,
            sealed_until,
            created_at: at.clone(),
            updated_at: at.clone(),
            session_id: self.running_session(keys)?.map(|s| s.id),
            sort_date: sort_date(&content),
            content_proof: None,
            sharing_proof: None,
        };
        let body = keys::seal(&[&data_key.to_public()], &to_json(&content));
        tx.insert_entry(&row, keys.actor().member_id(), &body)?;
        self.write_keys(tx.db(), &key_payload)?;
        self.sign_page(tx.db(), keys, &id, (&key_payload, &data_key), true, None)?;
        crate::consent::record(tx.db(), keys, &id, &data_key.to_public(), Audience::EMPTY, audience, &consent, &at)?;
        also(tx.db(), &id, &data_key)?;
        tx.commit()?;
        Ok(id)
    }

    /// The pages this keyring can read, in book order, plus counts of the rest.
    pub fn list(&self, keys: &Keyring, section: Option<Section>) -> Result<Listing> {
        self.ensure_ours(keys)?;
        let held: Vec<Role> = keys.roles().collect();
        // One pass: each entry with the key rows of the roles we hold.
        let rows = self.db().entries_listed(&held, section)?;
        let mut listing = Listing::default();
        let mut born: Option<Option<String>> = None;
        // Gather rows and the key wraps we can use; decrypt afterwards, in parallel.
        let mut work: Vec<(EntryRow, Role, Vec<u8>)> = Vec::new();
        let mut last_id = String::new();
        let today = today();
        for ListedEntry { row, key } in rows {
            let row = match row {
                Ok(row) => row,
                Err(_) => {
                    listing.damaged.push(String::new());
                    continue;
                }
            };
            if row.id == last_id {
                continue; // a second key row for the same entry (recovery holds every role)
            }
            last_id = row.id.clone();
            if !row.audience.roles().any(|r| held.contains(&r)) {
                listing.hidden += 1;
                continue;
            }
            if row.is_sealed_on(&today) {
                let until = row.sealed_until.clone().unwrap_or_default();
                // The profile is read once, and only when there is a letter.
                let born = born.get_or_insert_with(|| self.profile(keys).ok().and_then(|p| p.date_of_birth));
                let for_age = born.as_deref().and_then(|b| age_on(b, &until));
                listing.sealed.push(SealedLetter { id: row.id.clone(), section: row.section, until, for_age });
                continue;
            }
            match key {
                Some((role, wrap)) if row.audience.has_role(role) => work.push((row, role, wrap)),
                _ => listing.waiting += 1,
            }
        }
        // In a signed binder each page's signatures are checked too (once
        // per page version while the binder is open: `pages_checked`).
        let state = self.membership()?;
        let (checked, binder_id) = (&self.pages_checked, self.id.as_str());
        let opened = parallel_map(&work, |(row, role, wrap)| {
            let proven = match &state {
                Some(state) => Some(checked.page(state, binder_id, &row.facts()).map_err(|_| Error::tampered(""))?),
                None => None,
            };
            let payload = open_key_payload(keys.role_identity(*role).expect("held"), wrap, row)?;
            if proven.is_some_and(|p| !holds_what_was_signed(&p, &payload)) {
                return Err(Error::tampered(""));
            }
            Ok(payload.title.clone())
        });
        for ((row, _, _), title) in work.into_iter().zip(opened) {
            let sort_date = row.sort_date.clone();
            match title {
                Ok(title) => listing.entries.push(EntrySummary {
                    id: row.id,
                    section: row.section,
                    kind: row.kind,
                    position: row.position,
                    title,
                    audience: row.audience,
                    sensitive: row.sensitive,
                    sort_date,
                    updated_at: row.updated_at,
                }),
                Err(Error::KeyWaiting) => listing.waiting += 1,
                Err(_) => listing.damaged.push(row.id),
            }
        }
        Ok(listing)
    }

    /// Read one page in full.
    pub fn show(&self, keys: &Keyring, id: &str) -> Result<Entry> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        let (open, content) = self.open_entry(keys, &row)?;
        // The author is the one who signed the words, by the log's name for
        // them; the sealed name is only the writer's word for themselves.
        let author_name = match (self.proven(&row)?, self.membership()?) {
            (Some(proven), Some(state)) => match proven.author() {
                None => crate::keys::Actor::Recovery.display_name().to_owned(),
                Some(id) => match state.name_of(&crate::membership::Signer::Member { id: id.to_owned() }) {
                    crate::membership::AddedBy::Member { name } => name,
                    _ => content.author_name,
                },
            },
            _ => content.author_name,
        };
        Ok(Entry {
            id: row.id,
            section: row.section,
            kind: row.kind,
            position: row.position,
            title: open.payload.title.clone(),
            body: content.body,
            date: content.date,
            audience: row.audience,
            sensitive: row.sensitive,
            sealed_until: row.sealed_until,
            author_name,
            author_role: open.payload.author_role,
            session_id: row.session_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
            prompt: content.prompt,
        })
    }

    /// Change a page's words or flags.
    pub fn edit(&self, keys: &Keyring, id: &str, edit: EntryEdit) -> Result<()> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        let (mut open, mut content) = self.open_entry(keys, &row)?;
        self.may_change(keys, &row, PageAct::Edit)?;
        // New words go to a key nobody outside today's audience has held.
        self.renew_key(&row, &mut open, false)?;
        let mut payload = open.payload;
        if let Some(title) = &edit.title {
            payload.title = clean_title(title)?;
        }
        if let Some(body) = edit.body {
            if body.kind() != row.kind {
                return Err(Error::KindCannotChange { from: row.kind.as_str(), to: body.kind().as_str() });
            }
            validate_body(&body)?;
            content.body = body;
        }
        if let Some(date) = edit.date {
            content.date = date;
        }
        if let Some(sensitive) = edit.sensitive {
            payload.sensitive = sensitive;
        }
        if let Some(until) = edit.sealed_until {
            payload.sealed_until = until.map(|d| d.format("%Y-%m-%d").to_string());
        }
        let tx = self.store.begin()?;
        tx.update_entry_content(
            &row.id,
            &keys::seal(&[&open.identity.to_public()], &to_json(&content)),
            payload.sensitive,
            payload.sealed_until.as_deref(),
            sort_date(&content).as_deref(),
            &now(),
        )?;
        self.write_keys(tx.db(), &payload)?;
        self.sign_page(tx.db(), keys, &row.id, (&payload, &open.identity), true, self.proven(&row)?.as_ref())?;
        tx.commit()?;
        self.scrub();
        Ok(())
    }

    /// Put a page at `position` (1-based) in `section` (default: its own).
    /// Moving to another section needs a reader, because the section is bound
    /// into the page's keys.
    pub fn move_entry(&self, keys: &Keyring, id: &str, section: Option<Section>, position: usize) -> Result<()> {
        self.place_entry(keys, id, section, |order| Ok(position.clamp(1, order.len() + 1) - 1))
    }

    /// Put a page just before or just after `neighbour` (in its section).
    /// This is how a reader reorders what they see: positions count pages
    /// they can't see too, so "third on my screen" is not a position.
    pub fn move_next_to(&self, keys: &Keyring, id: &str, neighbour: &str, after: bool) -> Result<()> {
        let section = self.row(neighbour)?.section;
        self.place_entry(keys, id, Some(section), |order| {
            let at = order.iter().position(|e| e == neighbour).ok_or(Error::MoveNextToItself)?;
            Ok(at + usize::from(after))
        })
    }

    /// Move `id` into `section` at the index `at` chooses among the other
    /// pages there (in order), then number the section 1, 2, 3…
    fn place_entry(
        &self,
        keys: &Keyring,
        id: &str,
        section: Option<Section>,
        at: impl FnOnce(&[String]) -> Result<usize>,
    ) -> Result<()> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        let target = section.unwrap_or(row.section);
        let tx = self.store.begin()?;
        if target != row.section {
            let open = self.open_key(keys, &row)?;
            self.may_change(keys, &row, PageAct::Share)?;
            let mut payload = open.payload;
            payload.section = target;
            tx.set_entry_section(&row.id, target, &now())?;
            self.write_keys(tx.db(), &payload)?;
            self.sign_page(tx.db(), keys, &row.id, (&payload, &open.identity), false, None)?;
        }
        let mut order = tx.entry_ids_in(target, &row.id)?;
        let at = at(&order)?.min(order.len());
        order.insert(at, row.id.clone());
        for (i, entry) in order.iter().enumerate() {
            tx.set_entry_position(entry, i as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Delete a page for good: its row and keys go; its ledger rows stay, but
    /// their notes were sealed to the page's key, which no longer exists.
    pub fn delete(&self, keys: &Keyring, id: &str) -> Result<()> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        self.open_key(keys, &row)?;
        self.may_change(keys, &row, PageAct::Delete)?;
        let tx = self.store.begin()?;
        tx.delete_entry(&row.id)?;
        // The deletion travels signed, naming the version it saw.
        if let (Some(signing_key), Some(content)) = (keys.signing.as_ref(), row.content_proof.as_deref()) {
            let proof = crate::signed::sign_deletion(&self.id, &row.id, content, keys.actor().member_id(), signing_key);
            tx.set_tombstone_proof("entry", &row.id, &proof)?;
        }
        tx.commit()?;
        self.scrub();
        Ok(())
    }
}

/// Whole years from `born` to `on` (both `YYYY-MM-DD`).
fn age_on(born: &str, on: &str) -> Option<u32> {
    crate::date::years_between(crate::date::parse_day(born).ok()?, crate::date::parse_day(on).ok()?)
}

/// Map over items on all cores; order is kept. X25519 dominates listing, and
/// it parallelises perfectly.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads <= 1 || items.len() < 64 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items.chunks(chunk).map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("listing worker panicked")).collect()
    })
}

fn sort_date(content: &Content) -> Option<String> {
    match (&content.date, &content.body) {
        (Some(d), _) => Some(d.sort.clone()),
        (None, Body::Place { from: Some(d), .. }) => Some(d.sort.clone()),
        _ => None,
    }
}

fn clean_title(title: &str) -> Result<String> {
    let t = title.trim();
    if t.is_empty() {
        return Err(Error::TitleNeeded);
    }
    if t.chars().count() > 200 {
        return Err(Error::TitleTooLong { max_chars: 200 });
    }
    Ok(t.to_owned())
}

fn validate_body(body: &Body) -> Result<()> {
    const MAX_TEXT: usize = 1_000_000;
    let len = match body {
        Body::Narrative { markdown } => markdown.len(),
        Body::Place { why, .. } => why.len(),
        Body::Person { note, relationship, .. } => note.len() + relationship.len(),
        Body::Identity { text, .. } => text.len(),
        Body::Picture { note } => note.len(),
    };
    if len > MAX_TEXT {
        return Err(Error::PageTooLong { max_chars: 1_000_000 });
    }
    Ok(())
}
