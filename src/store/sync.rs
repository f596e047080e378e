//! The sync tables (`sync_replica`, `sync_peers`, `sync_tombstones`,
//! `sync_conflicts`) and every syncable row as it is exchanged between
//! copies: pages with their key rows, pictures with their copies, consent
//! records (`ledger` with `ledger_sync`), sessions, members, role keys and
//! the profile, each with its version vector.
//!
//! Rows travel byte for byte: blobs are copied, never opened, and roles,
//! sections and kinds stay the text they are stored as. Version vectors are
//! stored as JSON text (`{"replica": counter}`); the sync module parses and
//! joins them, the store only reads and writes the text. The one exception is
//! [`Store::claim`], which the store runs itself at open and create.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::store::{new_id, now, Db, Store, Tx};

/// This copy's row in `sync_replica`.
pub(crate) struct ReplicaRow {
    pub replica_id: String,
    /// Where this file is (see [`file_identity`]); empty until first claimed.
    pub file_identity: String,
    /// The Lamport counter of this copy's last stamp.
    pub clock: i64,
    /// What this copy has of other copies' changes, not counting its own.
    pub known: String,
}

const REPLICA_COLUMNS: &str = "replica_id, file_identity, clock, known";

fn replica_row(r: &Row<'_>) -> rusqlite::Result<ReplicaRow> {
    Ok(ReplicaRow { replica_id: r.get(0)?, file_identity: r.get(1)?, clock: r.get(2)?, known: r.get(3)? })
}

/// What this copy believes another copy has, from its change files.
pub(crate) struct PeerRow {
    pub replica_id: String,
    pub known: String,
    pub heard_at: String,
}

const PEER_COLUMNS: &str = "replica_id, known, heard_at";

fn peer_row(r: &Row<'_>) -> rusqlite::Result<PeerRow> {
    Ok(PeerRow { replica_id: r.get(0)?, known: r.get(1)?, heard_at: r.get(2)? })
}

/// A page's row as exchanged, with its key rows; its place in the section
/// ([`EntryPlace`]) travels and merges apart from it.
pub(crate) struct ExchangedEntry {
    pub id: String,
    pub section: String,
    pub kind: String,
    pub audience: i64,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub sort_date: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub author: Option<String>,
    pub session_id: Option<String>,
    pub body: Vec<u8>,
    /// (role, wrap), sorted by role.
    pub wraps: Vec<(String, Vec<u8>)>,
    pub vv: String,
    pub rev_clock: i64,
    pub rev_replica: String,
    /// Its signatures, as stored (src/signed.rs).
    pub content_proof: Option<String>,
    pub sharing_proof: Option<String>,
}

/// A page's place in its section, with its own version vector.
pub(crate) struct EntryPlace {
    pub position: i64,
    pub pos_vv: String,
}

// Exchanged columns of entries; see store/entries.rs
const ENTRY_COLUMNS: &str = "id, section, kind, audience, sensitive, sealed_until, sort_date, created_at, updated_at, author,
     session_id, body, vv, rev_clock, rev_replica, position, pos_vv, content_proof, sharing_proof";

/// An entry row (without its key rows, read apart) and its place.
fn entry_row(r: &Row<'_>) -> rusqlite::Result<(ExchangedEntry, EntryPlace)> {
    let entry = ExchangedEntry {
        id: r.get(0)?,
        section: r.get(1)?,
        kind: r.get(2)?,
        audience: r.get(3)?,
        sensitive: r.get(4)?,
        sealed_until: r.get(5)?,
        sort_date: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        author: r.get(9)?,
        session_id: r.get(10)?,
        body: r.get(11)?,
        wraps: Vec::new(),
        vv: r.get(12)?,
        rev_clock: r.get(13)?,
        rev_replica: r.get(14)?,
        content_proof: r.get(17)?,
        sharing_proof: r.get(18)?,
    };
    Ok((entry, EntryPlace { position: r.get(15)?, pos_vv: r.get(16)? }))
}

/// A picture row and its stored copies (all encrypted), as exchanged.
pub(crate) struct ExchangedPicture {
    pub id: String,
    pub entry_id: String,
    pub position: i64,
    pub fingerprint: Vec<u8>,
    pub info: Vec<u8>,
    pub created_at: String,
    /// (size, data), sorted by size.
    pub copies: Vec<(String, Vec<u8>)>,
    pub vv: String,
    /// Its signature (src/signed/records.rs); none before schema 13.
    pub proof: Option<String>,
}

const PICTURE_COLUMNS: &str = "id, entry_id, position, fingerprint, info, created_at, vv, proof";

fn picture_row(r: &Row<'_>) -> rusqlite::Result<ExchangedPicture> {
    Ok(ExchangedPicture {
        id: r.get(0)?,
        entry_id: r.get(1)?,
        position: r.get(2)?,
        fingerprint: r.get(3)?,
        info: r.get(4)?,
        created_at: r.get(5)?,
        copies: Vec::new(),
        vv: r.get(6)?,
        proof: r.get(7)?,
    })
}

/// A consent record as exchanged: the `ledger` row and its global id.
pub(crate) struct ExchangedLedger {
    pub uid: String,
    pub entry_id: String,
    pub at: String,
    pub member: Option<String>,
    pub before: i64,
    pub after: i64,
    pub note: Vec<u8>,
    pub signature: Option<Vec<u8>>,
    pub vv: String,
}

const LEDGER_COLUMNS: &str = "s.uid, l.entry_id, l.at, l.member, l.before, l.after, l.note, l.signature, s.vv";

fn ledger_row(r: &Row<'_>) -> rusqlite::Result<ExchangedLedger> {
    Ok(ExchangedLedger {
        uid: r.get(0)?,
        entry_id: r.get(1)?,
        at: r.get(2)?,
        member: r.get(3)?,
        before: r.get(4)?,
        after: r.get(5)?,
        note: r.get(6)?,
        signature: r.get(7)?,
        vv: r.get(8)?,
    })
}

/// A session row as exchanged.
pub(crate) struct ExchangedSession {
    pub id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub facilitator: Option<String>,
    pub body: Vec<u8>,
    pub vv: String,
    pub proof: Option<String>,
}

const SESSION_COLUMNS: &str = "id, started_at, ended_at, facilitator, body, vv, proof";

fn session_row(r: &Row<'_>) -> rusqlite::Result<ExchangedSession> {
    Ok(ExchangedSession {
        id: r.get(0)?,
        started_at: r.get(1)?,
        ended_at: r.get(2)?,
        facilitator: r.get(3)?,
        body: r.get(4)?,
        vv: r.get(5)?,
        proof: r.get(6)?,
    })
}

/// A member row as exchanged, with their wrapped key.
pub(crate) struct ExchangedMember {
    pub id: String,
    pub name: String,
    pub role: String,
    pub key_wrap: Vec<u8>,
    pub created_at: String,
    pub vv: String,
}

const MEMBER_COLUMNS: &str = "id, name, role, key_wrap, created_at, vv";

fn member_row(r: &Row<'_>) -> rusqlite::Result<ExchangedMember> {
    Ok(ExchangedMember {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        key_wrap: r.get(3)?,
        created_at: r.get(4)?,
        vv: r.get(5)?,
    })
}

/// A role key row as exchanged.
pub(crate) struct ExchangedRoleKey {
    pub role: String,
    pub recipient: String,
    pub recovery_wrap: Vec<u8>,
    pub common_wrap: Vec<u8>,
    pub created_at: String,
    pub vv: String,
}

const ROLE_KEY_COLUMNS: &str = "role, recipient, recovery_wrap, common_wrap, created_at, vv";

fn role_key_row(r: &Row<'_>) -> rusqlite::Result<ExchangedRoleKey> {
    Ok(ExchangedRoleKey {
        role: r.get(0)?,
        recipient: r.get(1)?,
        recovery_wrap: r.get(2)?,
        common_wrap: r.get(3)?,
        created_at: r.get(4)?,
        vv: r.get(5)?,
    })
}

/// The sealed profile as exchanged.
pub(crate) struct ExchangedProfile {
    pub profile: Vec<u8>,
    pub vv: String,
    pub proof: Option<String>,
}

/// Two versions of a page kept side by side, as stored.
pub(crate) struct ConflictRow {
    pub id: String,
    pub entry_id: String,
    /// `edited` or `deleted`.
    pub kind: String,
    /// The version set aside (the change file's encoding of it); `None`
    /// for a deletion.
    pub other: Option<Vec<u8>>,
    pub other_vv: String,
    pub found_at: String,
    pub resolved: bool,
    pub vv: String,
}

const CONFLICT_COLUMNS: &str = "id, entry_id, kind, other, other_vv, found_at, resolved, vv";

fn conflict_row(r: &Row<'_>) -> rusqlite::Result<ConflictRow> {
    Ok(ConflictRow {
        id: r.get(0)?,
        entry_id: r.get(1)?,
        kind: r.get(2)?,
        other: r.get(3)?,
        other_vv: r.get(4)?,
        found_at: r.get(5)?,
        resolved: r.get(6)?,
        vv: r.get(7)?,
    })
}

/// The syncable rows whose version vectors decide what a change file
/// carries, each listed as (key, vv) in the order an importer applies them.
#[derive(Clone, Copy)]
pub(crate) enum Versioned {
    RoleKeys,
    Members,
    Sessions,
    Profile,
    Entries,
    /// Pages' places in their sections, by page id.
    EntryPlaces,
    Pictures,
    /// By uid, in the order they were recorded.
    Ledger,
    /// Keyed `kind:id`.
    Tombstones,
    Conflicts,
}

impl Versioned {
    fn sql(self) -> &'static str {
        match self {
            Versioned::RoleKeys => "SELECT role, vv FROM role_keys ORDER BY role",
            Versioned::Members => "SELECT id, vv FROM members ORDER BY id",
            Versioned::Sessions => "SELECT id, vv FROM sessions ORDER BY id",
            Versioned::Profile => "SELECT 'profile', vv FROM binder",
            Versioned::Entries => "SELECT id, vv FROM entries ORDER BY id",
            Versioned::EntryPlaces => "SELECT id, pos_vv FROM entries ORDER BY id",
            Versioned::Pictures => "SELECT id, vv FROM pictures ORDER BY id",
            Versioned::Ledger => "SELECT uid, vv FROM ledger_sync ORDER BY seq",
            Versioned::Tombstones => "SELECT kind || ':' || id, vv FROM sync_tombstones ORDER BY kind, id",
            Versioned::Conflicts => "SELECT id, vv FROM sync_conflicts ORDER BY id",
        }
    }
}

impl Store {
    /// Start an import: an immediate transaction (so no other writer
    /// slips in between reading and merging) in which the triggers do not
    /// stamp, because merged rows keep the stamps they came with. Foreign
    /// keys are checked at commit, as rows arrive in any order. Call
    /// [`Db::end_import`] before committing.
    pub(crate) fn begin_import(&self) -> Result<Tx<'_>> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON; UPDATE sync_replica SET importing = 1;")?;
        Ok(Tx { tx, db: Db { conn: &self.conn } })
    }

    /// Make sure this file has a replica id of its own, so no two files
    /// ever stamp with the same (replica id, counter). A file whose
    /// recorded identity is not its own is a copy (or the first open after
    /// creation, or after a move): it takes a fresh replica id, keeping its
    /// counter, and remembers the id it had as a peer holding at least what
    /// it holds, so its first change file carries only what changed since
    /// the copy was made.
    pub(super) fn claim(&self, path: &Path) -> Result<()> {
        let identity = file_identity(path);
        let recorded: Option<String> =
            self.conn.query_row("SELECT file_identity FROM sync_replica", [], |r| r.get(0)).optional()?;
        if recorded.as_deref() == Some(identity.as_str()) {
            return Ok(());
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let before = tx.query_row(&format!("SELECT {REPLICA_COLUMNS} FROM sync_replica"), [], replica_row)?;
        if before.file_identity == identity {
            return Ok(()); // another process claimed it first
        }
        let known = known_with_own(&before)?;
        if !before.file_identity.is_empty() {
            // A copy: the origin keeps the old id.
            tx.execute(
                "INSERT INTO sync_peers (replica_id, known, heard_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (replica_id) DO UPDATE SET known = excluded.known",
                params![before.replica_id, known, now()],
            )?;
            tx.execute("UPDATE sync_replica SET replica_id = ?1, known = ?2", params![new_id(), known])?;
        }
        tx.execute("UPDATE sync_replica SET file_identity = ?1", [&identity])?;
        tx.commit()?;
        Ok(())
    }
}

/// What identifies this file, as opposed to a copy of it: its device,
/// inode and creation time where the system has them (a copy anywhere
/// differs in at least one; a moved file may too, which only costs a new
/// replica id), hashed. Never the path: it holds the computer's user name
/// and often the child's name, and the column is plaintext. Only where
/// there is no inode (not Unix) does the path go into the hash.
fn file_identity(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(b"lifestory file identity v1\n");
    let meta = std::fs::metadata(path).ok();
    #[cfg(unix)]
    if let Some(meta) = &meta {
        use std::os::unix::fs::MetadataExt;
        hash.update(format!("{}:{}\n", meta.dev(), meta.ino()));
    }
    #[cfg(not(unix))]
    hash.update(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()).to_string_lossy().as_bytes());
    if let Some(created) = meta.and_then(|m| m.created().ok()).and_then(|c| c.duration_since(std::time::UNIX_EPOCH).ok()) {
        hash.update(format!("{}\n", created.as_nanos()));
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Everything this copy has, its own changes included, as version vector
/// JSON: the join of `known` with this copy's own counter. The same as
/// `sync::revision::replica(..).known`, which the store, below sync, cannot
/// call.
fn known_with_own(replica: &ReplicaRow) -> Result<String> {
    let mut known: BTreeMap<String, u64> =
        serde_json::from_str(&replica.known).map_err(|_| Error::damaged("a revision record is unreadable"))?;
    let own = known.entry(replica.replica_id.clone()).or_insert(0);
    *own = (*own).max(replica.clock.max(0) as u64);
    Ok(serde_json::to_string(&known).expect("a map of strings to numbers serialises"))
}

impl Db<'_> {
    /// One optional text value (a version vector, an id) by one key.
    fn text(&self, sql: &str, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row(sql, [key], |r| r.get(0)).optional()?)
    }

    fn exists(&self, table: &str, id: &str) -> Result<bool> {
        // `table` is one of our own names, never input.
        Ok(self.conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?)
    }

    // This copy and its peers.

    pub(crate) fn replica(&self) -> Result<ReplicaRow> {
        Ok(self.conn.query_row(&format!("SELECT {REPLICA_COLUMNS} FROM sync_replica"), [], replica_row)?)
    }

    /// After an import: stamps from here on are later than `seen`, and
    /// this copy knows `known`.
    pub(crate) fn advance_replica(&self, seen: i64, known: &str) -> Result<()> {
        self.conn.execute("UPDATE sync_replica SET clock = max(clock, ?1), known = ?2", params![seen, known])?;
        Ok(())
    }

    /// The triggers stamp again (see [`Store::begin_import`]).
    pub(crate) fn end_import(&self) -> Result<()> {
        self.conn.execute("UPDATE sync_replica SET importing = 0", [])?;
        Ok(())
    }

    /// Take the next stamp of this copy, for changes the triggers do not
    /// see (conflicts found during an import, resolutions): (replica id,
    /// counter).
    pub(crate) fn next_stamp(&self) -> Result<(String, i64)> {
        self.conn.execute("UPDATE sync_replica SET clock = clock + 1", [])?;
        Ok(self.conn.query_row("SELECT replica_id, clock FROM sync_replica", [], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    pub(crate) fn peers(&self) -> Result<Vec<PeerRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {PEER_COLUMNS} FROM sync_peers"))?;
        let rows = stmt.query_map([], peer_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn peer(&self, replica_id: &str) -> Result<Option<PeerRow>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {PEER_COLUMNS} FROM sync_peers WHERE replica_id = ?1"), [replica_id], peer_row)
            .optional()?)
    }

    pub(crate) fn put_peer(&self, peer: &PeerRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_peers (replica_id, known, heard_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (replica_id) DO UPDATE SET known = excluded.known, heard_at = excluded.heard_at",
            params![peer.replica_id, peer.known, peer.heard_at],
        )?;
        Ok(())
    }

    /// Every (key, vv) of one kind of syncable row, for choosing what to send.
    pub(crate) fn versions(&self, of: Versioned) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(of.sql())?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // Role keys, members, sessions and the profile.

    pub(crate) fn exchanged_role_key(&self, role: &str) -> Result<ExchangedRoleKey> {
        Ok(self.conn.query_row(&format!("SELECT {ROLE_KEY_COLUMNS} FROM role_keys WHERE role = ?1"), [role], role_key_row)?)
    }

    pub(crate) fn role_key_vv(&self, role: &str) -> Result<Option<String>> {
        self.text("SELECT vv FROM role_keys WHERE role = ?1", role)
    }

    pub(crate) fn put_exchanged_role_key(&self, k: &ExchangedRoleKey) -> Result<()> {
        self.conn.execute(
            "INSERT INTO role_keys (role, recipient, recovery_wrap, common_wrap, created_at, vv)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (role) DO UPDATE SET recipient = excluded.recipient, recovery_wrap = excluded.recovery_wrap,
                 common_wrap = excluded.common_wrap, created_at = excluded.created_at, vv = excluded.vv",
            params![k.role, k.recipient, k.recovery_wrap, k.common_wrap, k.created_at, k.vv],
        )?;
        Ok(())
    }

    pub(crate) fn exchanged_member(&self, id: &str) -> Result<ExchangedMember> {
        Ok(self.conn.query_row(&format!("SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?1"), [id], member_row)?)
    }

    pub(crate) fn member_vv(&self, id: &str) -> Result<Option<String>> {
        self.text("SELECT vv FROM members WHERE id = ?1", id)
    }

    /// Another member (not `id`) of this name, names compared without case.
    pub(crate) fn other_member_named(&self, name: &str, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM members WHERE name = ?1 COLLATE NOCASE AND id != ?2", [name, id], |r| r.get(0))
            .optional()?)
    }

    pub(crate) fn member_name(&self, id: &str) -> Result<String> {
        Ok(self.conn.query_row("SELECT name FROM members WHERE id = ?1", [id], |r| r.get(0))?)
    }

    pub(crate) fn rename_member(&self, id: &str, name: &str) -> Result<()> {
        self.conn.execute("UPDATE members SET name = ?2 WHERE id = ?1", params![id, name])?;
        Ok(())
    }

    pub(crate) fn insert_exchanged_member(&self, m: &ExchangedMember) -> Result<()> {
        self.conn.execute(
            "INSERT INTO members (id, name, role, key_wrap, created_at, vv) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![m.id, m.name, m.role, m.key_wrap, m.created_at, m.vv],
        )?;
        Ok(())
    }

    pub(crate) fn update_exchanged_member(&self, m: &ExchangedMember) -> Result<()> {
        self.conn.execute(
            "UPDATE members SET name = ?2, role = ?3, key_wrap = ?4, created_at = ?5, vv = ?6 WHERE id = ?1",
            params![m.id, m.name, m.role, m.key_wrap, m.created_at, m.vv],
        )?;
        Ok(())
    }

    pub(crate) fn exchanged_session(&self, id: &str) -> Result<ExchangedSession> {
        Ok(self.conn.query_row(&format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?1"), [id], session_row)?)
    }

    pub(crate) fn session_vv(&self, id: &str) -> Result<Option<String>> {
        self.text("SELECT vv FROM sessions WHERE id = ?1", id)
    }

    /// A facilitator this copy lacks becomes empty, as a deleted member's would.
    fn present_facilitator<'s>(&self, s: &'s ExchangedSession) -> Option<&'s str> {
        s.facilitator.as_deref().filter(|m| self.exists("members", m).unwrap_or(false))
    }

    pub(crate) fn insert_exchanged_session(&self, s: &ExchangedSession) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sessions (id, started_at, ended_at, facilitator, body, vv, proof) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![s.id, s.started_at, s.ended_at, self.present_facilitator(s), s.body, s.vv, s.proof],
        )?;
        Ok(())
    }

    pub(crate) fn update_exchanged_session(&self, s: &ExchangedSession) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET started_at = ?2, ended_at = ?3, facilitator = ?4, body = ?5, vv = ?6, proof = ?7 WHERE id = ?1",
            params![s.id, s.started_at, s.ended_at, self.present_facilitator(s), s.body, s.vv, s.proof],
        )?;
        Ok(())
    }

    pub(crate) fn exchanged_profile(&self) -> Result<ExchangedProfile> {
        Ok(self.conn.query_row("SELECT profile, vv, profile_proof FROM binder", [], |r| {
            Ok(ExchangedProfile { profile: r.get(0)?, vv: r.get(1)?, proof: r.get(2)? })
        })?)
    }

    pub(crate) fn profile_vv(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT vv FROM binder", [], |r| r.get(0))?)
    }

    pub(crate) fn put_exchanged_profile(&self, p: &ExchangedProfile) -> Result<()> {
        self.conn.execute("UPDATE binder SET profile = ?1, vv = ?2, profile_proof = ?3", params![p.profile, p.vv, p.proof])?;
        Ok(())
    }

    // Pages.

    /// A page's row with its key rows, and its place, if it is here.
    pub(crate) fn exchanged_entry(&self, id: &str) -> Result<Option<(ExchangedEntry, EntryPlace)>> {
        let found = self
            .conn
            .query_row(&format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?1"), [id], entry_row)
            .optional()?;
        let Some((mut entry, place)) = found else { return Ok(None) };
        let mut stmt = self.conn.prepare_cached("SELECT role, wrap FROM entry_keys WHERE entry_id = ?1 ORDER BY role")?;
        entry.wraps = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Some((entry, place)))
    }

    /// Insert a page that is not here (at `place`), or replace the content
    /// (everything but its place in the section) of one that is (`None`),
    /// key rows included. Member and session references that this copy
    /// lacks become empty, as a deleted member's would.
    pub(crate) fn put_exchanged_entry(&self, v: &ExchangedEntry, place: Option<&EntryPlace>) -> Result<()> {
        let author = v.author.as_deref().filter(|a| self.exists("members", a).unwrap_or(false));
        let session = v.session_id.as_deref().filter(|s| self.exists("sessions", s).unwrap_or(false));
        match place {
            Some(place) => {
                self.conn.execute(
                    "INSERT INTO entries (id, section, kind, position, audience, sensitive, sealed_until, sort_date,
                         created_at, updated_at, author, session_id, body, vv, rev_clock, rev_replica, pos_vv,
                         content_proof, sharing_proof)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                    params![
                        v.id,
                        v.section,
                        v.kind,
                        place.position,
                        v.audience,
                        v.sensitive,
                        v.sealed_until,
                        v.sort_date,
                        v.created_at,
                        v.updated_at,
                        author,
                        session,
                        v.body,
                        v.vv,
                        v.rev_clock,
                        v.rev_replica,
                        place.pos_vv,
                        v.content_proof,
                        v.sharing_proof
                    ],
                )?;
            }
            None => {
                self.conn.execute(
                    "UPDATE entries SET section = ?2, kind = ?3, audience = ?4, sensitive = ?5, sealed_until = ?6,
                         sort_date = ?7, created_at = ?8, updated_at = ?9, author = ?10, session_id = ?11, body = ?12,
                         vv = ?13, rev_clock = ?14, rev_replica = ?15, content_proof = ?16, sharing_proof = ?17
                     WHERE id = ?1",
                    params![
                        v.id,
                        v.section,
                        v.kind,
                        v.audience,
                        v.sensitive,
                        v.sealed_until,
                        v.sort_date,
                        v.created_at,
                        v.updated_at,
                        author,
                        session,
                        v.body,
                        v.vv,
                        v.rev_clock,
                        v.rev_replica,
                        v.content_proof,
                        v.sharing_proof
                    ],
                )?;
                self.conn.execute("DELETE FROM entry_keys WHERE entry_id = ?1", [&v.id])?;
            }
        }
        for (role, wrap) in &v.wraps {
            self.conn.execute("INSERT INTO entry_keys (entry_id, role, wrap) VALUES (?1, ?2, ?3)", params![v.id, role, wrap])?;
        }
        Ok(())
    }

    /// Is this page here?
    pub(crate) fn holds_entry(&self, id: &str) -> Result<bool> {
        self.exists("entries", id)
    }

    pub(crate) fn entry_place(&self, id: &str) -> Result<Option<EntryPlace>> {
        Ok(self
            .conn
            .query_row("SELECT position, pos_vv FROM entries WHERE id = ?1", [id], |r| {
                Ok(EntryPlace { position: r.get(0)?, pos_vv: r.get(1)? })
            })
            .optional()?)
    }

    pub(crate) fn set_entry_place(&self, id: &str, place: &EntryPlace) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET position = ?2, pos_vv = ?3 WHERE id = ?1",
            params![id, place.position, place.pos_vv],
        )?;
        Ok(())
    }

    pub(crate) fn set_entry_vv(&self, id: &str, vv: &str) -> Result<()> {
        self.conn.execute("UPDATE entries SET vv = ?2 WHERE id = ?1", params![id, vv])?;
        Ok(())
    }

    /// Delete a page as a merge or a settled conflict does (its key rows and
    /// pictures go with it).
    pub(crate) fn delete_exchanged_entry(&self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM entries WHERE id = ?1", [id])?;
        Ok(())
    }

    // Pictures.

    pub(crate) fn exchanged_picture(&self, id: &str) -> Result<ExchangedPicture> {
        let mut picture =
            self.conn.query_row(&format!("SELECT {PICTURE_COLUMNS} FROM pictures WHERE id = ?1"), [id], picture_row)?;
        let mut stmt = self.conn.prepare_cached("SELECT size, data FROM picture_copies WHERE picture_id = ?1 ORDER BY size")?;
        picture.copies = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(picture)
    }

    pub(crate) fn picture_vv(&self, id: &str) -> Result<Option<String>> {
        self.text("SELECT vv FROM pictures WHERE id = ?1", id)
    }

    /// A picture and its copies that are not here.
    pub(crate) fn insert_exchanged_picture(&self, p: &ExchangedPicture) -> Result<()> {
        self.conn.execute(
            "INSERT INTO pictures (id, entry_id, position, fingerprint, info, created_at, vv, proof) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![p.id, p.entry_id, p.position, p.fingerprint, p.info, p.created_at, p.vv, p.proof],
        )?;
        for (size, data) in &p.copies {
            self.conn.execute(
                "INSERT INTO picture_copies (picture_id, size, data) VALUES (?1, ?2, ?3)",
                params![p.id, size, data],
            )?;
        }
        Ok(())
    }

    /// A later write of a picture that is here: only its place and caption
    /// change (its copies never do).
    pub(crate) fn update_exchanged_picture(&self, p: &ExchangedPicture) -> Result<()> {
        self.conn.execute(
            "UPDATE pictures SET position = ?2, info = ?3, vv = ?4, proof = ?5 WHERE id = ?1",
            params![p.id, p.position, p.info, p.vv, p.proof],
        )?;
        Ok(())
    }

    pub(crate) fn picture_with_fingerprint(&self, fingerprint: &[u8]) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT id FROM pictures WHERE fingerprint = ?1", [fingerprint], |r| r.get(0)).optional()?)
    }

    pub(crate) fn set_picture_fingerprint(&self, id: &str, fingerprint: &[u8]) -> Result<()> {
        self.conn.execute("UPDATE pictures SET fingerprint = ?2 WHERE id = ?1", params![id, fingerprint])?;
        Ok(())
    }

    pub(crate) fn picture_ids_of_entry(&self, entry_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM pictures WHERE entry_id = ?1")?;
        let ids = stmt.query_map([entry_id], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn set_picture_vv(&self, id: &str, vv: &str) -> Result<()> {
        self.conn.execute("UPDATE pictures SET vv = ?2 WHERE id = ?1", params![id, vv])?;
        Ok(())
    }

    pub(crate) fn delete_exchanged_picture(&self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM pictures WHERE id = ?1", [id])?;
        Ok(())
    }

    // Consent records.

    pub(crate) fn exchanged_ledger(&self, uid: &str) -> Result<ExchangedLedger> {
        Ok(self.conn.query_row(
            &format!("SELECT {LEDGER_COLUMNS} FROM ledger_sync s JOIN ledger l ON l.seq = s.seq WHERE s.uid = ?1"),
            [uid],
            ledger_row,
        )?)
    }

    pub(crate) fn holds_ledger_uid(&self, uid: &str) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM ledger_sync WHERE uid = ?1)", [uid], |r| r.get(0))?)
    }

    /// Append a consent record from another copy, under its global id.
    pub(crate) fn insert_exchanged_ledger(&self, l: &ExchangedLedger) -> Result<()> {
        self.conn.execute(
            "INSERT INTO ledger (entry_id, at, member, before, after, note, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![l.entry_id, l.at, l.member, l.before, l.after, l.note, l.signature],
        )?;
        self.conn.execute(
            "INSERT INTO ledger_sync (seq, uid, vv) VALUES (?1, ?2, ?3)",
            params![self.conn.last_insert_rowid(), l.uid, l.vv],
        )?;
        Ok(())
    }

    // Deletions.

    /// The version vector of a deletion (`kind` is entry, picture or member).
    pub(crate) fn tombstone(&self, kind: &str, id: &str) -> Result<Option<String>> {
        Ok(self.tombstone_with_proof(kind, id)?.map(|(vv, _)| vv))
    }

    /// A deletion's vector and the deleter's signature (pages only; none
    /// from before schema 10).
    pub(crate) fn tombstone_with_proof(&self, kind: &str, id: &str) -> Result<Option<(String, Option<String>)>> {
        Ok(self
            .conn
            .query_row("SELECT vv, proof FROM sync_tombstones WHERE kind = ?1 AND id = ?2", [kind, id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Record a deletion; a proof already there stays unless one is given.
    pub(crate) fn set_tombstone(&self, kind: &str, id: &str, vv: &str, proof: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_tombstones (kind, id, vv, proof) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind, id) DO UPDATE SET vv = excluded.vv, proof = coalesce(excluded.proof, proof)",
            params![kind, id, vv, proof],
        )?;
        Ok(())
    }

    /// Sign the deletion the delete trigger just recorded.
    pub(crate) fn set_tombstone_proof(&self, kind: &str, id: &str, proof: &str) -> Result<()> {
        self.conn.execute("UPDATE sync_tombstones SET proof = ?3 WHERE kind = ?1 AND id = ?2", params![kind, id, proof])?;
        Ok(())
    }

    /// A deleted page came back.
    pub(crate) fn delete_entry_tombstone(&self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM sync_tombstones WHERE kind = 'entry' AND id = ?1", [id])?;
        Ok(())
    }

    // Conflicts.

    pub(crate) fn conflict(&self, id: &str) -> Result<Option<ConflictRow>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {CONFLICT_COLUMNS} FROM sync_conflicts WHERE id = ?1"), [id], conflict_row)
            .optional()?)
    }

    pub(crate) fn holds_conflict(&self, id: &str) -> Result<bool> {
        self.exists("sync_conflicts", id)
    }

    /// Unsettled conflicts' ids, oldest first.
    pub(crate) fn open_conflict_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM sync_conflicts WHERE resolved = 0 ORDER BY found_at, id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Unsettled conflicts whose id starts with `prefix` (lower-case hex):
    /// at most two, enough to tell one from many.
    pub(crate) fn open_conflicts_starting(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare("SELECT id FROM sync_conflicts WHERE resolved = 0 AND id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids = stmt.query_map([prefix], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn insert_conflict(&self, c: &ConflictRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_conflicts (id, entry_id, kind, other, other_vv, found_at, resolved, vv)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.id, c.entry_id, c.kind, c.other, c.other_vv, c.found_at, c.resolved, c.vv],
        )?;
        Ok(())
    }

    pub(crate) fn set_conflict_state(&self, id: &str, resolved: bool, vv: &str) -> Result<()> {
        self.conn.execute("UPDATE sync_conflicts SET resolved = ?2, vv = ?3 WHERE id = ?1", params![id, resolved, vv])?;
        Ok(())
    }

    /// A page deleted by a merge takes its conflicts with it.
    pub(crate) fn delete_conflicts_of(&self, entry_id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM sync_conflicts WHERE entry_id = ?1", [entry_id])?;
        Ok(())
    }
}
