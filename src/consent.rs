//! Consent: changing who can see a page, and the append-only ledger of
//! every such change.
//!
//! A widening (anyone new beyond the author's role and the young person
//! themselves) needs a note of how the young person agreed. Each ledger row
//! keeps its plaintext facts (when, who, before, after as audience bits) and
//! a note sealed to the page's own data key, so exactly the people who can
//! read the page can read why it was shared, and deleting the page shreds
//! the notes with it. SQLite triggers refuse updates and deletes of rows.

use age::x25519;
use serde::{Deserialize, Serialize};

use crate::audience::{Audience, Party, Role};
use crate::binder::Binder;
use crate::page::page_name;
use crate::error::{Error, Result};
use crate::keys::{self, from_json, to_json, Actor, Keyring};
use crate::signed;
use crate::store::{now, Db, EntryRow, LedgerRow};

/// One change of audience, as a reader of the page sees it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LedgerRecord {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub entry_id: String,
    pub at: String,
    /// Who made the change (as they were named then).
    pub by: String,
    pub before: Audience,
    pub after: Audience,
    /// How the young person agreed (empty for narrowing).
    pub consent: String,
}

/// The ledger rows a keyring can read, oldest first.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Ledger {
    pub records: Vec<LedgerRecord>,
    /// Rows about pages this member cannot read (or that were deleted).
    pub other: usize,
    /// Rows not signed by the member they name (added outside the app):
    /// never shown, and `check` names them.
    pub refused: usize,
}

#[derive(Serialize, Deserialize)]
struct Note {
    v: u8,
    entry: String,
    at: String,
    before: Audience,
    after: Audience,
    by: String,
    consent: String,
}

/// Decide the consent text for a change from `before` to `after`, refusing a
/// widening without one.
pub(crate) fn consent_for(keys: &Keyring, before: Audience, after: Audience, consent: Option<String>) -> Result<String> {
    let consent = consent.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    let widened = after.minus(before).minus(Audience::only(Party::YoungPerson));
    match consent {
        Some(text) => Ok(text),
        None if widened.is_empty() => Ok(String::new()),
        None if keys.actor().role() == Role::YoungPerson && keys.actor().member_id().is_some() => {
            Ok(format!("{} chose this themselves.", keys.actor().display_name()))
        }
        None => Err(Error::ConsentNeeded { adding: widened.parties().map(|p| p.as_str().to_owned()).collect(), words: widened.to_string() }),
    }
}

/// Append a ledger row; its note is sealed to the page's data key.
/// Returns the row's `seq`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    db: Db<'_>,
    keys: &Keyring,
    entry: &str,
    entry_key: &x25519::Recipient,
    before: Audience,
    after: Audience,
    consent: &str,
    at: &str,
) -> Result<i64> {
    let note = Note {
        v: 1,
        entry: entry.to_owned(),
        at: at.to_owned(),
        before,
        after,
        by: keys.actor().display_name().to_owned(),
        consent: consent.to_owned(),
    };
    let mut row = LedgerRow {
        seq: 0,
        entry_id: entry.to_owned(),
        at: at.to_owned(),
        member: keys.actor().member_id().map(str::to_owned),
        before: before.bits(),
        after: after.bits(),
        note: keys::seal(&[entry_key], &to_json(&note)),
        signature: None,
    };
    // Unsigned only in a binder from before membership was signed.
    row.signature = keys.signing.as_ref().map(|key| signed::sign_consent(&keys.binder_id, &row, key));
    db.insert_ledger(&row)
}

impl Binder {
    /// Make a page's audience exactly `audience` (what a "who can see this?"
    /// control asks for): widening needs `consent`, as in [`Binder::share`].
    pub fn set_audience(&self, keys: &Keyring, id: &str, audience: Audience, consent: Option<String>) -> Result<Option<LedgerRecord>> {
        let before = self.row(id)?.audience;
        self.share(keys, id, audience.minus(before), before.minus(audience), consent)
    }

    /// Share a page with more people or fewer. Returns `None` when nothing
    /// changes. The author's role can't be removed.
    pub fn share(
        &self,
        keys: &Keyring,
        id: &str,
        add: Audience,
        remove: Audience,
        consent: Option<String>,
    ) -> Result<Option<LedgerRecord>> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        let mut open = self.open_key(keys, &row)?;
        self.may_change(keys, &row, crate::authority::PageAct::Share)?;
        let author = open.payload.author_role.party();
        if remove.contains(author) {
            return Err(Error::AuthorAlwaysSees { role: open.payload.author_role.as_str() });
        }
        let before = row.audience;
        let after = before.union(add).minus(remove);
        if after == before {
            return Ok(None);
        }
        let consent = consent_for(keys, before, after, consent)?;
        // Narrowed: whoever leaves keeps the old key, so what is sealed from
        // now on (this record too) goes to a fresh one.
        let narrowed = before.roles().any(|role| !after.has_role(role));
        self.renew_key(&row, &mut open, narrowed)?;
        let mut payload = open.payload;
        payload.audience = after;
        let at = now();
        let tx = self.store.begin()?;
        tx.set_entry_audience(&row.id, after, &at)?;
        self.write_keys(tx.db(), &payload)?;
        self.sign_page(tx.db(), keys, &row.id, (&payload, &open.identity), false, None)?;
        let seq = record(tx.db(), keys, &row.id, &open.identity.to_public(), before, after, &consent, &at)?;
        tx.commit()?;
        self.scrub();
        Ok(Some(LedgerRecord {
            seq,
            entry_id: row.id,
            at,
            by: keys.actor().display_name().to_owned(),
            before,
            after,
            consent,
        }))
    }

    /// The consent ledger, for one page or all, as far as this keyring can read.
    pub fn ledger(&self, keys: &Keyring, entry: Option<&str>) -> Result<Ledger> {
        self.ensure_ours(keys)?;
        let mut ledger = Ledger::default();
        // Each page's opened key (its type is the entry module's).
        let mut opened = std::collections::HashMap::new();
        let log = self.membership()?;
        for row in self.db().ledger_rows(entry)? {
            if log.as_ref().is_some_and(|state| !signed::consent_verifies(state, &self.id, &row)) {
                ledger.refused += 1;
                continue;
            }
            // The one who made the change is the signer, by the log's name
            // for them (the sealed note's name is the writer's word).
            let signer = log.as_ref().map(|state| match row.member.as_deref() {
                None => crate::membership::AddedBy::Recovery,
                Some(id) => state.name_of(&crate::membership::Signer::Member { id: id.to_owned() }),
            });
            let LedgerRow { seq, entry_id, at, before, after, note, .. } = row;
            if !opened.contains_key(&entry_id) {
                let identity = match self.row_if_any(&entry_id)? {
                    Some(r) => self.open_key(keys, &r).ok(),
                    None => None,
                };
                opened.insert(entry_id.clone(), identity);
            }
            let Some(open) = &opened[&entry_id] else {
                ledger.other += 1;
                continue;
            };
            let what = format!("The consent record {seq} of {}", page_name(&entry_id));
            let plain = open.unseal(&note).map_err(|e| e.into_error(&what))?;
            let note: Note = from_json(&plain, &what)?;
            let (before, after) = (
                Audience::from_bits(before).ok_or_else(|| Error::tampered(what.clone()))?,
                Audience::from_bits(after).ok_or_else(|| Error::tampered(what.clone()))?,
            );
            if note.v != 1 || note.entry != entry_id || note.at != at || note.before != before || note.after != after {
                return Err(Error::tampered(what));
            }
            let by = match signer {
                Some(crate::membership::AddedBy::Member { name }) => name,
                Some(crate::membership::AddedBy::Recovery | crate::membership::AddedBy::Started) => Actor::Recovery.display_name().to_owned(),
                None => note.by,
            };
            ledger.records.push(LedgerRecord { seq, entry_id, at, by, before, after, consent: note.consent });
        }
        Ok(ledger)
    }

    /// A page's row, or none for a page since deleted.
    fn row_if_any(&self, id: &str) -> Result<Option<EntryRow>> {
        if self.db().entry_exists(id)? {
            self.row(id).map(Some)
        } else {
            Ok(None)
        }
    }
}
