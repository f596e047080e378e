//! A page's sealed envelopes: the data key's envelope (one per keyed role
//! in the audience) and the content envelope sealed to the data key, and
//! the binding checks that compare them with the plaintext row
//! ([`EntryRow`], read and written by the store).
//!
//! A page's data key is given up for a fresh one before anything new is
//! sealed to the page once someone may hold the old key who must not read
//! what comes next: when its audience narrows, and when a role's key has
//! been replaced since the key was made ([`Binder::renew_key`]). What was
//! sealed before stays as it is (consent records cannot be rewritten, and
//! whoever held the old key may have kept those bytes anyway), so the
//! envelope carries the earlier keys to read it with.

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
    /// The current data key: everything new is sealed to it.
    pub key: Zeroizing<String>,
    /// The keys the page had before, newest first: what was sealed before
    /// a narrowing or a rotation is read with them. Missing in older pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Zeroizing<String>>,
    /// The membership log's key generation ([`crate::membership::Membership::key_generation`])
    /// when `key` was made. Missing (0) in older pages. The one the last
    /// sharer signed is the one that counts; this one is for binders
    /// without a log.
    #[serde(default)]
    pub generation: u64,
    /// Give the key up before sealing anything new (a rotation, a letter
    /// taken back, a merge that kept fewer people): unsigned, as setting
    /// it can only bring a renewal about.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub renew: bool,
}

/// The most earlier keys an envelope may carry: a page narrowed or
/// outlived by a rotation this many times is far past anything real, and
/// each one costs a try on every read.
const MAX_EARLIER: usize = 256;

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
    /// The current data key: seal anything new to it.
    pub identity: x25519::Identity,
    /// The keys before it, newest first ([`EntryKey::earlier`]).
    pub earlier: Vec<x25519::Identity>,
}

impl OpenKey {
    /// Decrypt something of this page's, sealed to its current key or an
    /// earlier one.
    pub(crate) fn unseal(&self, blob: &[u8]) -> std::result::Result<Zeroizing<Vec<u8>>, keys::Unseal> {
        keys::unseal_any(std::iter::once(&self.identity).chain(&self.earlier), blob)
    }

    /// Give up the current key for a fresh one, made in `generation`.
    fn renew(&mut self, generation: u64) {
        let fresh = keys::generate();
        let old = std::mem::replace(&mut self.payload.key, keys::secret_string(&fresh));
        self.payload.earlier.insert(0, old);
        self.payload.generation = generation;
        self.payload.renew = false;
        let old = std::mem::replace(&mut self.identity, fresh);
        self.earlier.insert(0, old);
    }
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
    /// naming its current data key `key` (with its title), and its content
    /// too when `words` (its words were just sealed to that key). A page's
    /// author stays whoever wrote it first (`author`: none for a new page,
    /// whose author is `keys`). Nothing in a binder made before membership
    /// was signed.
    pub(crate) fn sign_page(
        &self,
        db: Db<'_>,
        keys: &Keyring,
        id: &str,
        key: (&EntryKey, &x25519::Identity),
        words: bool,
        author: Option<&Proven>,
    ) -> Result<()> {
        let Some(signing_key) = keys.signing.as_ref() else { return Ok(()) };
        if db.links()?.is_empty() {
            return Ok(());
        }
        let mut row = db.entry(id)?.ok_or_else(|| Error::NotFound { what: page_name(id) })?;
        let by = keys.actor().member_id();
        let (payload, data_key) = key;
        let key_mac = signed::key_mac(&keys::secret_string(data_key), &payload.title);
        let content_proof = if words {
            let words = signed::Words {
                author: author.map_or(by, |p| p.author()),
                by,
                body: signed::body_digest(&db.entry_body(id)?),
                key: key_mac.clone(),
            };
            Some(signed::sign_content(&self.id, &row.facts(), words, signing_key))
        } else {
            None
        };
        if content_proof.is_some() {
            row.content_proof = content_proof.clone();
        }
        let sharing = signed::sign_sharing(&self.id, &row.facts(), by, key_mac, payload.generation, signing_key);
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
            let mut open = match open_key_wrap(identity, &wrap, row) {
                Err(Error::KeyWaiting) => continue,
                opened => opened?,
            };
            if let Some(proven) = &proven {
                if !holds_what_was_signed(proven, &open.payload) {
                    return Err(Error::tampered(page_name(&row.id)));
                }
                // The signed generation, never the envelope's: what is
                // written with this key again must not carry a forged one.
                open.payload.generation = proven.generation;
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

    /// Before anything new is sealed to a page: give up its key for a fresh
    /// one if its audience is being narrowed (`narrowed`) or a role's key
    /// was replaced since it was made. The caller writes the key rows
    /// ([`Binder::write_keys`]) when this says it renewed, and signs the
    /// page ([`Binder::sign_page`]) naming the new key.
    pub(crate) fn renew_key(&self, row: &EntryRow, open: &mut OpenKey, narrowed: bool) -> Result<bool> {
        let generation = self.membership()?.map_or(0, |state| state.key_generation);
        // Signed binders: the generation the sharer signed, never the
        // envelope's (which anyone holding the key could set to 99).
        let made_in = self.proven(row)?.map_or(open.payload.generation, |proven| proven.generation);
        if !narrowed && !open.payload.renew && made_in >= generation {
            return Ok(false);
        }
        if open.earlier.len() >= MAX_EARLIER {
            return Err(Error::damaged("this page has been given a new key more times than this app ever does"));
        }
        open.renew(generation);
        Ok(true)
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
        let plain = open.unseal(&blob).map_err(|e| e.into_error(&what))?;
        let content: Content = from_json(&plain, &what)?;
        if content.v != 1 || content.entry != row.id || content.kind != row.kind || content.body.kind() != row.kind {
            return Err(Error::tampered(what));
        }
        Ok((open, content))
    }
}

/// A page's key rows as kept in the book when another version of it meets
/// this one (src/sync/merge.rs, and settling a conflict): the version kept
/// may have a key of its own, and the other another (each copy gave the
/// page a new key). Whatever the other copy sealed to its key (a picture)
/// must still read, so the kept rows gain the other's keys in `earlier`,
/// sealed again to each role's `recipient`; and if the other version was
/// shown to someone the kept one is not, its key is to be given up
/// (`renew`). Each version's rows are checked against its signatures
/// (`state`: none in a binder without a log). None when nothing changes,
/// or `keys` open neither version (a copy that can read them does this
/// when it imports them).
pub(crate) fn keys_of_both(
    keys: &Keyring,
    state: Option<(&crate::membership::Membership, &str)>,
    kept: (&EntryRow, &[(String, Vec<u8>)]),
    other: (&EntryRow, &[(String, Vec<u8>)]),
    recipient: impl Fn(Role) -> Option<x25519::Recipient>,
) -> Option<Vec<(String, Vec<u8>)>> {
    let signed = |row: &EntryRow, payload: &EntryKey| match state {
        None => true,
        Some((state, binder)) => signed::page_problem(state, binder, &row.facts()).is_ok_and(|p| holds_what_was_signed(&p, payload)),
    };
    let open = |(row, wraps): (&EntryRow, &[(String, Vec<u8>)])| {
        wraps
            .iter()
            .find_map(|(role, wrap)| open_key_wrap(keys.role_identity(role.parse().ok()?)?, wrap, row).ok())
            .filter(|open| signed(row, &open.payload))
    };
    let mut payload = open(kept)?.payload;
    let theirs = open(other)?.payload;
    let missing: Vec<Zeroizing<String>> = std::iter::once(&theirs.key)
        .chain(&theirs.earlier)
        .filter(|key| *key != &payload.key && !payload.earlier.contains(key))
        .cloned()
        .collect();
    // Those it was shown to hold the kept key only if it is among theirs.
    let they_hold_it = theirs.key == payload.key || theirs.earlier.contains(&payload.key);
    let renew = !payload.renew && they_hold_it && theirs.audience.roles().any(|role| !payload.audience.has_role(role));
    // Room is left for the renewal a narrowing makes.
    let fits = payload.earlier.len() + missing.len() < MAX_EARLIER;
    if (missing.is_empty() || !fits) && !renew {
        return None;
    }
    if fits {
        payload.earlier.extend(missing);
    }
    payload.renew |= renew;
    let plain = to_json(&payload);
    kept.1.iter().map(|(role, _)| Some((role.clone(), keys::seal(&[&recipient(role.parse().ok()?)?], &plain)))).collect()
}

/// Whether an opened key row holds the data key and title the author
/// signed (and, once the page has had a new key, the current key its last
/// sharer signed), and names the author's role as the log has it. So
/// someone who kept an old data key cannot plant a key row of their own:
/// its current key would not be the signed one.
pub(crate) fn holds_what_was_signed(proven: &Proven, payload: &EntryKey) -> bool {
    let mac = |key: &str| signed::key_mac(key, &payload.title);
    let keys_hold = match &proven.current_key {
        None => mac(&payload.key) == proven.content.key,
        Some(current) => {
            mac(&payload.key) == *current
                && std::iter::once(&payload.key).chain(&payload.earlier).any(|key| mac(key) == proven.content.key)
        }
    };
    keys_hold && proven.author_role.is_none_or(|role| role == payload.author_role)
}

pub(crate) fn open_key_wrap(identity: &x25519::Identity, wrap: &[u8], row: &EntryRow) -> Result<OpenKey> {
    let payload = open_key_payload(identity, wrap, row)?;
    let tampered = || Error::tampered(page_name(&row.id));
    if payload.earlier.len() > MAX_EARLIER {
        return Err(tampered());
    }
    let identity = keys::parse_identity(&payload.key).ok_or_else(tampered)?;
    let earlier = payload.earlier.iter().map(|key| keys::parse_identity(key).ok_or_else(tampered)).collect::<Result<_>>()?;
    Ok(OpenKey { payload, identity, earlier })
}

/// Decrypt and verify a key row without parsing the data key (listing needs
/// only the title).
pub(super) fn open_key_payload(identity: &x25519::Identity, wrap: &[u8], row: &EntryRow) -> Result<EntryKey> {
    let what = page_name(&row.id);
    let plain = keys::unseal(identity, wrap).map_err(|e| match e {
        // Sealed to another key of the role: an older one, by a copy that
        // had not yet heard of a rotation when it wrote the page. Waiting for
        // someone who can read it to pass it on, not damaged.
        keys::Unseal::NotForUs => Error::KeyWaiting,
        e => e.into_error(&what),
    })?;
    let payload: EntryKey = from_json(&plain, &what)?;
    if !row.matches(&payload) {
        return Err(Error::tampered(what));
    }
    Ok(payload)
}
