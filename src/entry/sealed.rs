//! A page's sealed envelopes: the data key's envelope (one per keyed role
//! in the audience) and the content envelope sealed to the data key, and
//! the binding checks that compare them with the plaintext row
//! ([`EntryRow`], read and written by the store).

use age::x25519;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::audience::{Audience, Role};
use crate::authority::{self, Acting, PageAct};
use crate::binder::Binder;
use crate::date::ApproxDate;
use crate::page::{page_name, Body, Kind, Section};
use crate::error::{Error, Result};
use crate::keys::{self, from_json, to_json, Actor, Keyring};
use crate::letters;
use crate::signed::{self, Proven};
use crate::store::{Db, EntryKeyRow, EntryRow};

/// The data key's envelope, one per keyed role in the audience.
#[derive(Serialize, Deserialize)]
pub(crate) struct EntryKey {
    pub v: u8,
    pub entry: String,
    pub section: Section,
    pub kind: Kind,
    pub audience: Audience,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub author_role: Role,
    pub title: String,
    pub key: Zeroizing<String>,
}

/// The content envelope, sealed to the entry's data key.
#[derive(Serialize, Deserialize)]
pub(super) struct Content {
    pub(super) v: u8,
    pub(super) entry: String,
    pub(super) kind: Kind,
    pub(super) author_name: String,
    pub(super) date: Option<ApproxDate>,
    pub(super) body: Body,
    /// Added later: missing in older pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) prompt: Option<String>,
}

pub(super) use crate::date::today;

/// A "sealed" row here is a later-life letter (unreadable until its day),
/// not the envelopes every page has.
impl EntryRow {
    fn is_sealed(&self) -> bool {
        self.is_sealed_on(&today())
    }

    pub(super) fn is_sealed_on(&self, day: &str) -> bool {
        self.sealed_until.as_deref().is_some_and(|until| until > day)
    }

    /// Does this key payload describe this row? Anything else is tampering.
    fn matches(&self, key: &EntryKey) -> bool {
        key.v == 1
            && key.entry == self.id
            && key.section == self.section
            && key.kind == self.kind
            && key.audience == self.audience
            && key.sensitive == self.sensitive
            && key.sealed_until == self.sealed_until
    }
}

/// A decrypted entry key with the identity it carries.
pub(crate) struct OpenKey {
    pub payload: EntryKey,
    pub identity: x25519::Identity,
}

impl Binder {
    pub(crate) fn row(&self, id: &str) -> Result<EntryRow> {
        self.db().entry(id)?.ok_or_else(|| Error::NotFound { what: page_name(id) })
    }

    /// A page's verified signatures, in a signed binder (none in one made
    /// before membership was signed). A page whose signatures do not hold
    /// is `Tampered`, naming why.
    pub(crate) fn proven(&self, row: &EntryRow) -> Result<Option<Proven>> {
        let Some(state) = self.membership()? else { return Ok(None) };
        self.pages_checked
            .page(&state, &self.id, &row.facts())
            .map(Some)
            .map_err(|why| Error::tampered(format!("{} ({why})", page_name(&row.id))))
    }

    /// Refuse `act` on a page unless the rules ([`crate::authority`]) let
    /// `keys` do it.
    pub(crate) fn may_change(&self, keys: &Keyring, row: &EntryRow, act: PageAct) -> Result<()> {
        let Some(proven) = self.proven(row)? else { return Ok(()) };
        let who = match keys.actor() {
            Actor::Recovery => Acting::Recovery,
            Actor::Member { id, role, .. } => Acting::Member { id, role: *role },
        };
        if authority::may(act, who, proven.author()) {
            Ok(())
        } else {
            Err(Error::NotYourPage { act: act.as_str() })
        }
    }

    /// Sign a page changed in this transaction, as `keys`: its sharing,
    /// and its content too when `content` (its title and data key) is given.
    /// A page's author stays whoever wrote it first (`author`: none for a
    /// new page, whose author is `keys`). Nothing in a binder made before
    /// membership was signed.
    pub(crate) fn sign_page(
        &self,
        db: Db<'_>,
        keys: &Keyring,
        id: &str,
        content: Option<(&str, &x25519::Identity)>,
        author: Option<&Proven>,
    ) -> Result<()> {
        let Some(signing_key) = keys.signing.as_ref() else { return Ok(()) };
        if db.links()?.is_empty() {
            return Ok(());
        }
        let mut row = db.entry(id)?.ok_or_else(|| Error::NotFound { what: page_name(id) })?;
        let by = keys.actor().member_id();
        let content_proof = match content {
            Some((title, data_key)) => {
                let words = signed::Words {
                    author: author.map_or(by, |p| p.author()),
                    by,
                    body: signed::body_digest(&db.entry_body(id)?),
                    key: signed::key_mac(&keys::secret_string(data_key), title),
                };
                Some(signed::sign_content(&self.id, &row.facts(), words, signing_key))
            }
            None => None,
        };
        if content_proof.is_some() {
            row.content_proof = content_proof.clone();
        }
        let sharing = signed::sign_sharing(&self.id, &row.facts(), by, signing_key);
        db.set_entry_proofs(id, content_proof.as_deref(), &sharing)
    }

    /// Decrypt an entry's key with a role the keyring holds, and check it
    /// describes the row it was found in and, in a signed binder, holds the
    /// key and title its author signed.
    pub(crate) fn open_key(&self, keys: &Keyring, row: &EntryRow) -> Result<OpenKey> {
        let proven = self.proven(row)?;
        for role in row.audience.roles().filter(|r| keys.holds(*r)) {
            let Some(wrap) = self.db().entry_key_wrap(&row.id, role)? else { continue };
            let identity = keys.role_identity(role).expect("filtered on holds");
            let open = open_key_wrap(identity, &wrap, row)?;
            if proven.as_ref().is_some_and(|p| !holds_what_was_signed(p, &open.payload)) {
                return Err(Error::tampered(page_name(&row.id)));
            }
            return Ok(open);
        }
        if keys.holds(letters::READER) && row.audience.has_role(letters::READER) && row.sealed_until.is_some() {
            // Its day has come (else it is sealed), but no keeper has opened
            // the binder since.
            Err(Error::LetterWaiting { until: row.sealed_until.clone().unwrap_or_default() })
        } else if row.audience.roles().any(|r| keys.holds(r)) {
            Err(Error::KeyWaiting)
        } else {
            Err(Error::NotShared)
        }
    }

    /// Whether `keys` open the letter through a keeper's wrap (not the
    /// reader's): only then is the reader's wrap safe to remove, since a
    /// keeper is shown to hold it.
    pub(crate) fn keeper_opens(&self, keys: &Keyring, row: &EntryRow) -> Result<bool> {
        for role in keys.roles().filter(|r| *r != letters::READER && row.audience.has_role(*r)) {
            let Some(wrap) = self.db().entry_key_wrap(&row.id, role)? else { continue };
            let identity = keys.role_identity(role).expect("a role held");
            if open_key_wrap(identity, &wrap, row).is_ok() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Seal an entry's key payload to every keyed role of its audience that
    /// has a key, replacing the old rows.
    /// A letter's reader is left out until its day (src/letters.rs).
    pub(crate) fn write_keys(&self, db: Db<'_>, payload: &EntryKey) -> Result<()> {
        db.delete_entry_keys(&payload.entry)?;
        let plain = to_json(payload);
        let today = today();
        let (mut wrapped, mut kept_away) = (0, false);
        for (role, recipient) in self.role_recipients()? {
            if !payload.audience.has_role(role) {
                continue;
            }
            if letters::keyed_away(payload.sealed_until.as_deref(), role, &today) {
                kept_away = true;
                continue;
            }
            let wrap = keys::seal(&[&recipient], &plain);
            db.insert_entry_key(&EntryKeyRow { entry_id: payload.entry.clone(), role, wrap })?;
            wrapped += 1;
        }
        letters::need_keeper(wrapped, kept_away)
    }

    /// The verified key of a page this keyring may read now (shared with it
    /// and not a sealed letter).
    pub(crate) fn open_readable(&self, keys: &Keyring, row: &EntryRow) -> Result<OpenKey> {
        // Sealed first: the young person has no key to a letter before its
        // day, and "sealed until" is the answer, not "waiting for a key".
        if row.is_sealed() && row.audience.roles().any(|r| keys.holds(r)) {
            return Err(Error::Sealed { until: row.sealed_until.clone().unwrap_or_default() });
        }
        self.open_key(keys, row)
    }

    /// Key and content of a readable, unsealed entry, both verified.
    pub(super) fn open_entry(&self, keys: &Keyring, row: &EntryRow) -> Result<(OpenKey, Content)> {
        let open = self.open_readable(keys, row)?;
        // Its length first: SQLite knows it without reading the value, so a
        // hostile 300 MB body is refused at once instead of after reading it.
        if self.db().entry_body_len(&row.id)? > keys::MAX_BLOB as i64 {
            return Err(Error::damaged("a stored value is far bigger than this app ever writes"));
        }
        let blob = self.db().entry_body(&row.id)?;
        let what = page_name(&row.id);
        if self.proven(row)?.is_some_and(|p| signed::body_digest(&blob) != p.content.body) {
            return Err(Error::tampered(what));
        }
        let plain = keys::unseal(&open.identity, &blob).map_err(|e| e.into_error(&what))?;
        let content: Content = from_json(&plain, &what)?;
        if content.v != 1 || content.entry != row.id || content.kind != row.kind || content.body.kind() != row.kind {
            return Err(Error::tampered(what));
        }
        Ok((open, content))
    }
}

/// Whether an opened key row holds the data key and title the author
/// signed, and names the author's role as the log has it.
pub(crate) fn holds_what_was_signed(proven: &Proven, payload: &EntryKey) -> bool {
    signed::key_mac(&payload.key, &payload.title) == proven.content.key
        && proven.author_role.is_none_or(|role| role == payload.author_role)
}

pub(crate) fn open_key_wrap(identity: &x25519::Identity, wrap: &[u8], row: &EntryRow) -> Result<OpenKey> {
    let payload = open_key_payload(identity, wrap, row)?;
    let identity = keys::parse_identity(&payload.key).ok_or_else(|| Error::tampered(page_name(&row.id)))?;
    Ok(OpenKey { payload, identity })
}

/// Decrypt and verify a key row without parsing the data key (listing needs
/// only the title).
pub(super) fn open_key_payload(identity: &x25519::Identity, wrap: &[u8], row: &EntryRow) -> Result<EntryKey> {
    let what = page_name(&row.id);
    let plain = keys::unseal(identity, wrap).map_err(|e| e.into_error(&what))?;
    let payload: EntryKey = from_json(&plain, &what)?;
    if !row.matches(&payload) {
        return Err(Error::tampered(what));
    }
    Ok(payload)
}
