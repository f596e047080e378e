//! A page's sealed envelopes: the data key's envelope (one per keyed role
//! in the audience) and the content envelope sealed to the data key, and
//! the binding checks that compare them with the plaintext row.

use age::x25519;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::audience::{Audience, Role};
use crate::binder::Binder;
use crate::entry::types::{page_name, Body, Kind, Section};
use crate::keys::{from_json, to_json};
use crate::date::ApproxDate;
use crate::error::{Error, Result};
use crate::keys::{self, Keyring};

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

pub(super) const ROW_COLUMNS: &str =
    "id, section, kind, position, audience, sensitive, sealed_until, created_at, updated_at, session_id";

pub(super) fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Row>> {
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

/// Today as `YYYY-MM-DD`, comparable with `sealed_until`.
pub(super) fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

impl Row {
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
    pub(super) fn open_entry(&self, keys: &Keyring, row: &Row, even_sealed: bool) -> Result<(OpenKey, Content)> {
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
}

pub(crate) fn open_key_wrap(identity: &x25519::Identity, wrap: &[u8], row: &Row) -> Result<OpenKey> {
    let payload = open_key_payload(identity, wrap, row)?;
    let identity = keys::parse_identity(&payload.key).ok_or_else(|| Error::tampered(page_name(&row.id)))?;
    Ok(OpenKey { payload, identity })
}

/// Decrypt and verify a key row without parsing the data key (listing needs
/// only the title).
pub(super) fn open_key_payload(identity: &x25519::Identity, wrap: &[u8], row: &Row) -> Result<EntryKey> {
    let what = page_name(&row.id);
    let plain = keys::unseal(identity, wrap).map_err(|e| e.into_error(&what))?;
    let payload: EntryKey = from_json(&plain, &what)?;
    if !row.matches(&payload) {
        return Err(Error::tampered(what));
    }
    Ok(payload)
}
