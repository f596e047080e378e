//! Pages of the book: narratives, life-map stops, people, identity fields.
//!
//! # How an entry is stored
//!
//! Each entry has its own X25519 *data key*. Its content (body, date, author)
//! is one age file sealed to that key (`entries.body`). The data key's
//! secret, with the title and the entry's plaintext facts, is sealed once per
//! keyed role in the audience (`entry_keys`, one row per role). So:
//!
//! * consent is enforced by keys: a role with no `entry_keys` row cannot
//!   decrypt anything of the entry;
//! * a consent change rewraps a few hundred bytes, never the content;
//! * listing needs one X25519 operation per entry (the key row has the title);
//! * the key payload repeats the row's id, section, kind, audience, flags,
//!   and the content repeats the id and kind, and every read compares them
//!   with the plaintext columns: a swapped or edited row is reported as
//!   tampering, never shown.

use std::fmt;
use std::str::FromStr;

use age::x25519;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::audience::{Audience, Role};
use crate::binder::Binder;
use crate::keys::{from_json, to_json};
use crate::store::{new_id, now};
use crate::audience::parse_role;
use crate::date::ApproxDate;
use crate::error::{Error, Result};
use crate::keys::{self, Keyring};

/// The three parts of the book, in the order the guidance asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Section {
    Present,
    Past,
    Future,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Present, Section::Past, Section::Future];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Present => "present",
            Section::Past => "past",
            Section::Future => "future",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Section {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Section::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::not_a_choice(crate::error::Choice::Section, s))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Kind {
    Narrative,
    Place,
    Person,
    Identity,
    Picture,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Narrative => "narrative",
            Kind::Place => "place",
            Kind::Person => "person",
            Kind::Identity => "identity",
            Kind::Picture => "picture",
        }
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        [Kind::Narrative, Kind::Place, Kind::Person, Kind::Identity, Kind::Picture]
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::not_a_choice(crate::error::Choice::Kind, s))
    }
}

/// A stop on the life map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PlaceKind {
    #[default]
    Home,
    Placement,
    School,
    Country,
    Hospital,
    Event,
    Other,
}

impl FromStr for PlaceKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::PlaceKind, s))
    }
}

/// Which circle of "my people" someone sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Closeness {
    /// The middle circle.
    Closest,
    #[default]
    Close,
    /// The outer circle.
    Further,
}

impl FromStr for Closeness {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::Closeness, s))
    }
}

/// A field of the identity page. Each is its own entry with its own audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum IdentityField {
    Ethnicity,
    Culture,
    Religion,
    Languages,
    Disability,
    SexualIdentity,
    Gender,
}

impl FromStr for IdentityField {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::IdentityField, s))
    }
}

/// What a page says, by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Body {
    Narrative {
        /// Markdown; raw HTML in it is shown as text, never rendered.
        markdown: String,
    },
    Place {
        place: PlaceKind,
        from: Option<ApproxDate>,
        to: Option<ApproxDate>,
        /// In the child's words, why it changed.
        why: String,
    },
    Person {
        relationship: String,
        closeness: Closeness,
        /// True for pets, who belong in "my people" too.
        #[serde(default)]
        pet: bool,
        note: String,
    },
    Identity {
        field: IdentityField,
        text: String,
    },
    /// A page that is mainly pictures (see [`crate::picture`]); each picture
    /// has its own caption, this is the page's own words about them.
    Picture {
        #[serde(default)]
        note: String,
    },
}

impl Body {
    /// The same page with its main text (Markdown, why, note, field text)
    /// replaced and its other fields kept.
    pub fn with_text(self, text: String) -> Body {
        match self {
            Body::Narrative { .. } => Body::Narrative { markdown: text },
            Body::Place { place, from, to, .. } => Body::Place { place, from, to, why: text },
            Body::Person { relationship, closeness, pet, .. } => Body::Person { relationship, closeness, pet, note: text },
            Body::Identity { field, .. } => Body::Identity { field, text },
            Body::Picture { .. } => Body::Picture { note: text },
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Body::Narrative { .. } => Kind::Narrative,
            Body::Place { .. } => Kind::Place,
            Body::Person { .. } => Kind::Person,
            Body::Identity { .. } => Kind::Identity,
            Body::Picture { .. } => Kind::Picture,
        }
    }
}

/// A page to add.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewEntry {
    pub section: Section,
    pub title: String,
    pub body: Body,
    /// Who else may see it; the author's own role is always added.
    pub share: Audience,
    pub sensitive: bool,
    pub date: Option<ApproxDate>,
    /// `YYYY-MM-DD`: a later-life letter stays sealed until then.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub sealed_until: Option<NaiveDate>,
    /// How the young person agreed, needed when sharing beyond the author.
    pub consent: Option<String>,
    /// The prompt this page answers (an id from [`crate::prompts`]).
    pub prompt: Option<String>,
}

impl NewEntry {
    pub fn new(section: Section, title: impl Into<String>, body: Body) -> Self {
        NewEntry {
            section,
            title: title.into(),
            body,
            share: Audience::EMPTY,
            sensitive: false,
            date: None,
            sealed_until: None,
            consent: None,
            prompt: None,
        }
    }

    pub fn narrative(section: Section, title: impl Into<String>, markdown: impl Into<String>) -> Self {
        Self::new(section, title, Body::Narrative { markdown: markdown.into() })
    }

    /// A picture page, titled by its caption (or "A picture").
    pub fn picture(section: Section, caption: &str) -> Self {
        let caption = caption.trim();
        let title = if caption.is_empty() { "A picture".to_owned() } else { caption.chars().take(80).collect() };
        Self::new(section, title, Body::Picture { note: String::new() })
    }

    pub fn shared_with(mut self, share: Audience, consent: impl Into<String>) -> Self {
        self.share = share;
        self.consent = Some(consent.into());
        self
    }
}

/// Changes to a page; `None` (or a missing field) leaves a field as it is.
/// For `date` and `sealed_until`, an explicit `null` clears it.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EntryEdit {
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub body: Option<Body>,
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Option<ApproxDate>>"))]
    pub date: Option<Option<ApproxDate>>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sensitive: Option<bool>,
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Option<String>>"))]
    pub sealed_until: Option<Option<NaiveDate>>,
}

/// `EntryEdit` as it arrives from the app, telling "missing" from `null`.
#[derive(Deserialize)]
struct EntryEditWire {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<Body>,
    #[serde(default, deserialize_with = "present")]
    date: Option<Option<ApproxDate>>,
    #[serde(default)]
    sensitive: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    sealed_until: Option<Option<NaiveDate>>,
}

impl<'de> Deserialize<'de> for EntryEdit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let w = EntryEditWire::deserialize(d)?;
        Ok(EntryEdit { title: w.title, body: w.body, date: w.date, sensitive: w.sensitive, sealed_until: w.sealed_until })
    }
}

/// A field that is present, even as `null`, is `Some` (missing stays `None`
/// through `#[serde(default)]`).
fn present<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A page as a reader sees it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Entry {
    pub id: String,
    pub section: Section,
    pub kind: Kind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub position: i64,
    pub title: String,
    pub body: Body,
    pub date: Option<ApproxDate>,
    pub audience: Audience,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub author_name: String,
    pub author_role: Role,
    pub session_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The prompt this page answers, if it was written for one.
    pub prompt: Option<String>,
}

/// One line of a listing.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EntrySummary {
    pub id: String,
    pub section: Section,
    pub kind: Kind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub position: i64,
    pub title: String,
    pub audience: Audience,
    pub sensitive: bool,
    pub sort_date: Option<String>,
    pub updated_at: String,
}

/// A later-life letter the reader is in the audience of but cannot open yet.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SealedLetter {
    pub id: String,
    pub section: Section,
    pub until: String,
    /// How old the young person will be on that day, when their date of
    /// birth is known: "a letter for when you're 16".
    pub for_age: Option<u32>,
}

/// Whole years from `born` to `on` (both `YYYY-MM-DD`).
fn age_on(born: &str, on: &str) -> Option<u32> {
    crate::date::years_between(crate::date::parse_day(born).ok()?, crate::date::parse_day(on).ok()?)
}

/// What a member can see of the book.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Listing {
    pub entries: Vec<EntrySummary>,
    /// Pages not shared with this member: only their number is given.
    pub hidden: usize,
    pub sealed: Vec<SealedLetter>,
    /// Shared with this member's role, but the key has not reached the role
    /// yet (someone who can read them needs to unlock once).
    pub waiting: usize,
    /// Ids of pages whose stored data failed its checks.
    pub damaged: Vec<String>,
}

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
struct Content {
    v: u8,
    entry: String,
    kind: Kind,
    author_name: String,
    date: Option<ApproxDate>,
    body: Body,
    /// Added later: missing in older pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prompt: Option<String>,
}

/// An entry's plaintext columns.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub id: String,
    pub section: Section,
    pub kind: Kind,
    pub position: i64,
    pub audience: Audience,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub session_id: Option<String>,
}

const ROW_COLUMNS: &str =
    "id, section, kind, position, audience, sensitive, sealed_until, created_at, updated_at, session_id";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Row>> {
    let id: String = r.get(0)?;
    let section: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let audience: i64 = r.get(4)?;
    let parsed = (|| {
        Ok(Row {
            section: section.parse().map_err(|_| Error::tampered(page_name(&id)))?,
            kind: kind.parse().map_err(|_| Error::tampered(page_name(&id)))?,
            audience: Audience::from_bits(audience).ok_or_else(|| Error::tampered(page_name(&id)))?,
            position: r.get(3)?,
            sensitive: r.get(5)?,
            sealed_until: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
            session_id: r.get(9)?,
            id: id.clone(),
        })
    })();
    Ok(parsed)
}

/// How a page is named in messages: never by its (secret) title.
pub(crate) fn page_name(id: &str) -> String {
    format!("Page {}", &id[..id.len().min(8)])
}

/// Today as `YYYY-MM-DD`, comparable with `sealed_until`.
fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

impl Row {
    fn is_sealed(&self) -> bool {
        self.is_sealed_on(&today())
    }

    fn is_sealed_on(&self, day: &str) -> bool {
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
    /// Find an entry by id or by a unique prefix of at least 4 characters.
    pub fn resolve_id(&self, id_or_prefix: &str) -> Result<String> {
        let wanted = id_or_prefix.trim().to_ascii_lowercase();
        if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::NotFound { what: format!("A page with id \"{}\"", id_or_prefix.trim()) });
        }
        let mut stmt = self.store.conn.prepare("SELECT id FROM entries WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids: Vec<String> = stmt.query_map([&wanted], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(Error::NotFound { what: format!("A page with id \"{wanted}\"") }),
            _ => Err(Error::AmbiguousId { prefix: wanted }),
        }
    }

    pub(crate) fn row(&self, id: &str) -> Result<Row> {
        self.store.conn
            .query_row(&format!("SELECT {ROW_COLUMNS} FROM entries WHERE id = ?1"), [id], read_row)
            .optional()?
            .ok_or_else(|| Error::NotFound { what: page_name(id) })?
    }

    /// Decrypt an entry's key with a role the keyring holds, and check it
    /// describes the row it was found in.
    pub(crate) fn open_key(&self, keys: &Keyring, row: &Row) -> Result<OpenKey> {
        for role in row.audience.roles().filter(|r| keys.holds(*r)) {
            let wrap: Option<Vec<u8>> = self
                .store.conn
                .query_row(
                    "SELECT wrap FROM entry_keys WHERE entry_id = ?1 AND role = ?2",
                    params![row.id, role.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(wrap) = wrap else { continue };
            let identity = keys.role_identity(role).expect("filtered on holds");
            return open_key_wrap(identity, &wrap, row);
        }
        if row.audience.roles().any(|r| keys.holds(r)) {
            Err(Error::KeyWaiting)
        } else {
            Err(Error::NotShared)
        }
    }

    /// Seal an entry's key payload to every keyed role of its audience that
    /// has a key, replacing the old rows.
    pub(crate) fn write_keys(&self, conn: &Connection, payload: &EntryKey) -> Result<()> {
        conn.execute("DELETE FROM entry_keys WHERE entry_id = ?1", [&payload.entry])?;
        let plain = to_json(payload);
        for (role, recipient) in self.role_recipients()? {
            if payload.audience.has_role(role) {
                conn.execute(
                    "INSERT INTO entry_keys (entry_id, role, wrap) VALUES (?1, ?2, ?3)",
                    params![payload.entry, role.as_str(), keys::seal(&[&recipient], &plain)],
                )?;
            }
        }
        Ok(())
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
        also: impl FnOnce(&Connection, &str, &x25519::Identity) -> Result<()>,
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
        also: impl FnOnce(&Connection, &str, &x25519::Identity) -> Result<()>,
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
        };
        let at = now();
        let tx = self.store.conn.unchecked_transaction()?;
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM entries WHERE section = ?1",
            [new.section.as_str()],
            |r| r.get(0),
        )?;
        let session: Option<String> = tx
            .query_row(
                "SELECT id FROM sessions WHERE ended_at IS NULL ORDER BY facilitator IS ?1 DESC, started_at DESC LIMIT 1",
                [keys.actor().member_id()],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO entries (id, section, kind, position, audience, sensitive, sealed_until, sort_date,
                                  created_at, updated_at, author, session_id, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)",
            params![
                id,
                new.section.as_str(),
                content.kind.as_str(),
                position,
                audience.bits(),
                new.sensitive,
                sealed_until,
                sort_date(&content),
                at,
                keys.actor().member_id(),
                session,
                keys::seal(&[&data_key.to_public()], &to_json(&content)),
            ],
        )?;
        self.write_keys(&tx, &key_payload)?;
        crate::consent::record(&tx, keys, &id, &data_key.to_public(), Audience::EMPTY, audience, &consent, &at)?;
        also(&tx, &id, &data_key)?;
        tx.commit()?;
        Ok(id)
    }

    /// The pages this keyring can read, in book order, plus counts of the rest.
    pub fn list(&self, keys: &Keyring, section: Option<Section>) -> Result<Listing> {
        self.ensure_ours(keys)?;
        let held: Vec<Role> = keys.roles().collect();
        // One pass: each entry with the key rows of the roles we hold (role
        // names come from our own enum, so inlining them is safe).
        let held_sql = held.iter().map(|r| format!("'{}'", r.as_str())).collect::<Vec<_>>().join(",");
        let mut stmt = self.store.conn.prepare(&format!(
            "SELECT {ROW_COLUMNS}, sort_date, k.role, k.wrap FROM entries e
             LEFT JOIN entry_keys k ON k.entry_id = e.id AND k.role IN ({held_sql})
             WHERE ?1 IS NULL OR section = ?1
             ORDER BY CASE section WHEN 'present' THEN 0 WHEN 'past' THEN 1 ELSE 2 END, position, k.role"
        ))?;
        let mut listing = Listing::default();
        let mut born: Option<Option<String>> = None;
        // Gather rows and the key wraps we can use; decrypt afterwards, in parallel.
        let mut work: Vec<(Row, Option<String>, Role, Vec<u8>)> = Vec::new();
        let mut last_id = String::new();
        let today = today();
        let rows = stmt.query_map([section.map(Section::as_str)], |r| {
            Ok((read_row(r)?, r.get::<_, Option<String>>(10)?, r.get::<_, Option<String>>(11)?, r.get::<_, Option<Vec<u8>>>(12)?))
        })?;
        for item in rows {
            let (row, sort_date, key_role, wrap) = item?;
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
            match (key_role.map(|r| parse_role(&r)).transpose()?, wrap) {
                (Some(role), Some(wrap)) if row.audience.has_role(role) => work.push((row, sort_date, role, wrap)),
                _ => listing.waiting += 1,
            }
        }
        let opened = parallel_map(&work, |(row, _, role, wrap)| {
            open_key_payload(keys.role_identity(*role).expect("held"), wrap, row).map(|k| k.title)
        });
        for ((row, sort_date, _, _), title) in work.into_iter().zip(opened) {
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
                Err(_) => listing.damaged.push(row.id),
            }
        }
        Ok(listing)
    }

    /// Read one page in full.
    pub fn show(&self, keys: &Keyring, id: &str) -> Result<Entry> {
        self.show_with(keys, id, false)
    }

    /// [`Binder::show`], but also a sealed letter: only for copying it,
    /// still sealed, into another binder (the hand-over).
    pub(crate) fn show_with(&self, keys: &Keyring, id: &str, even_sealed: bool) -> Result<Entry> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        let (open, content) = self.open_entry(keys, &row, even_sealed)?;
        let author_name = content.author_name;
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

    /// The verified key of a page this keyring may read now (shared with it
    /// and not a sealed letter).
    pub(crate) fn open_readable(&self, keys: &Keyring, row: &Row) -> Result<OpenKey> {
        let open = self.open_key(keys, row)?;
        if row.is_sealed() {
            return Err(Error::Sealed { until: row.sealed_until.clone().unwrap_or_default() });
        }
        Ok(open)
    }

    /// Key and content of a readable, unsealed entry, both verified.
    fn open_entry(&self, keys: &Keyring, row: &Row, even_sealed: bool) -> Result<(OpenKey, Content)> {
        let open = if even_sealed { self.open_key(keys, row)? } else { self.open_readable(keys, row)? };
        // Its length first: SQLite knows it without reading the value, so a
        // hostile 300 MB body is refused at once instead of after reading it.
        let len: i64 = self.store.conn.query_row("SELECT length(body) FROM entries WHERE id = ?1", [&row.id], |r| r.get(0))?;
        if len > keys::MAX_BLOB as i64 {
            return Err(Error::damaged("a stored value is far bigger than this app ever writes"));
        }
        let blob: Vec<u8> = self.store.conn.query_row("SELECT body FROM entries WHERE id = ?1", [&row.id], |r| r.get(0))?;
        let what = page_name(&row.id);
        let plain = keys::unseal(&open.identity, &blob).map_err(|e| e.into_error(&what))?;
        let content: Content = from_json(&plain, &what)?;
        if content.v != 1 || content.entry != row.id || content.kind != row.kind || content.body.kind() != row.kind {
            return Err(Error::tampered(what));
        }
        Ok((open, content))
    }

    /// Change a page's words or flags.
    pub fn edit(&self, keys: &Keyring, id: &str, edit: EntryEdit) -> Result<()> {
        self.ensure_ours(keys)?;
        let row = self.row(id)?;
        let (open, mut content) = self.open_entry(keys, &row, false)?;
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
        let tx = self.store.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE entries SET body = ?2, sensitive = ?3, sealed_until = ?4, sort_date = ?5, updated_at = ?6 WHERE id = ?1",
            params![
                row.id,
                keys::seal(&[&open.identity.to_public()], &to_json(&content)),
                payload.sensitive,
                payload.sealed_until,
                sort_date(&content),
                now(),
            ],
        )?;
        self.write_keys(&tx, &payload)?;
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
        let tx = self.store.conn.unchecked_transaction()?;
        if target != row.section {
            let mut payload = self.open_key(keys, &row)?.payload;
            payload.section = target;
            tx.execute("UPDATE entries SET section = ?2, updated_at = ?3 WHERE id = ?1", params![row.id, target.as_str(), now()])?;
            self.write_keys(&tx, &payload)?;
        }
        let mut order: Vec<String> = {
            let mut stmt = tx.prepare("SELECT id FROM entries WHERE section = ?1 AND id != ?2 ORDER BY position")?;
            let ids = stmt.query_map(params![target.as_str(), row.id], |r| r.get(0))?;
            ids.collect::<rusqlite::Result<_>>()?
        };
        let at = at(&order)?.min(order.len());
        order.insert(at, row.id.clone());
        for (i, entry) in order.iter().enumerate() {
            tx.execute("UPDATE entries SET position = ?2 WHERE id = ?1", params![entry, i as i64 + 1])?;
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
        let tx = self.store.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM entries WHERE id = ?1", [&row.id])?;
        tx.commit()?;
        self.scrub();
        Ok(())
    }
}

pub(crate) fn open_key_wrap(identity: &x25519::Identity, wrap: &[u8], row: &Row) -> Result<OpenKey> {
    let payload = open_key_payload(identity, wrap, row)?;
    let identity = keys::parse_identity(&payload.key).ok_or_else(|| Error::tampered(page_name(&row.id)))?;
    Ok(OpenKey { payload, identity })
}

/// Decrypt and verify a key row without parsing the data key (listing needs
/// only the title).
fn open_key_payload(identity: &x25519::Identity, wrap: &[u8], row: &Row) -> Result<EntryKey> {
    let what = page_name(&row.id);
    let plain = keys::unseal(identity, wrap).map_err(|e| e.into_error(&what))?;
    let payload: EntryKey = from_json(&plain, &what)?;
    if !row.matches(&payload) {
        return Err(Error::tampered(what));
    }
    Ok(payload)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_from_the_app_tells_a_missing_date_from_a_cleared_one() {
        let missing: EntryEdit = serde_json::from_str(r#"{"title":"New"}"#).unwrap();
        assert_eq!(missing.title.as_deref(), Some("New"));
        assert!(missing.date.is_none() && missing.sealed_until.is_none());
        let cleared: EntryEdit = serde_json::from_str(r#"{"date":null,"sealed_until":null}"#).unwrap();
        assert_eq!(cleared.date, Some(None));
        assert_eq!(cleared.sealed_until, Some(None));
        let set: EntryEdit = serde_json::from_str(r#"{"sealed_until":"2031-05-01"}"#).unwrap();
        assert_eq!(set.sealed_until, Some(Some(NaiveDate::from_ymd_opt(2031, 5, 1).unwrap())));
        assert!(serde_json::from_str::<EntryEdit>(r#"{"sealed_until":"next year"}"#).is_err());
    }
}
