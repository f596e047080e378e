//! Revisions: which copy of a binder changed what, and what each copy has seen.
//!
//! Each copy of a binder file is a *replica* with a random id and a Lamport
//! counter (`sync_replica.clock`). Every local change to a syncable row is
//! stamped by the schema's triggers with the next counter value, recorded in
//! the row's version vector `vv` (replica id → counter). A copy's knowledge
//! (`sync_replica.known`, plus its own counter) is a version vector too: "I
//! have everything replica R did up to counter N". Because a change file
//! carries every row whose `vv` is not covered by what its readers are
//! known to have, a receiver that imports it then has everything its sender
//! knew, so knowledge only grows by joining vectors.
//!
//! Invariant: no two files ever stamp with the same (replica id, counter).
//! A copy made by copying the file (by hand, by a backup or a restore) is
//! told apart from its origin by the file's identity (see [`claim`]): the
//! copy takes a new replica id at its first open, remembering the old id as
//! a peer that has at least what the copy had.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::store::{new_id, now};
use crate::error::{Error, Result};

/// The most replicas a version vector may name. A binder has a handful of
/// copies over its life; a change file naming thousands is hostile.
pub(crate) const MAX_REPLICAS: usize = 4096;

/// A version vector: for each replica, the highest counter covered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Vv(pub BTreeMap<String, u64>);

/// How an incoming version relates to the one we hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// We already have it, or something that includes it.
    Known,
    /// It includes ours and more: take it.
    Newer,
    /// Neither includes the other: both changed since their common past.
    Concurrent,
}

impl Vv {
    pub fn parse(text: &str) -> Result<Vv> {
        let map: BTreeMap<String, u64> =
            serde_json::from_str(text).map_err(|_| Error::damaged("a revision record is unreadable"))?;
        Ok(Vv(map))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).expect("a map of strings to numbers serialises")
    }

    pub fn single(replica: &str, clock: u64) -> Vv {
        Vv(BTreeMap::from([(replica.to_owned(), clock)]))
    }

    pub fn get(&self, replica: &str) -> u64 {
        self.0.get(replica).copied().unwrap_or(0)
    }

    /// Is every change this names covered by `other`?
    pub fn covered_by(&self, other: &Vv) -> bool {
        self.0.iter().all(|(r, c)| *c <= other.get(r))
    }

    pub fn join(&self, other: &Vv) -> Vv {
        let mut out = self.0.clone();
        for (r, c) in &other.0 {
            let e = out.entry(r.clone()).or_insert(0);
            *e = (*e).max(*c);
        }
        Vv(out)
    }

    /// What both have: the smaller counter of each replica both name.
    pub fn meet(&self, other: &Vv) -> Vv {
        Vv(self
            .0
            .iter()
            .filter_map(|(r, c)| other.0.get(r).map(|o| (r.clone(), (*c).min(*o))))
            .filter(|(_, c)| *c > 0)
            .collect())
    }

    pub fn max_clock(&self) -> u64 {
        self.0.values().copied().max().unwrap_or(0)
    }

    /// The latest stamp named, as (counter, replica): the revision of a row
    /// only ever written by one copy at a time (last writer wins).
    pub fn latest(&self) -> (u64, &str) {
        self.0.iter().map(|(r, c)| (*c, r.as_str())).max().unwrap_or((0, ""))
    }

    pub fn order(incoming: &Vv, local: &Vv) -> Order {
        if incoming.covered_by(local) {
            Order::Known
        } else if local.covered_by(incoming) {
            Order::Newer
        } else {
            Order::Concurrent
        }
    }
}

/// This copy's sync state.
pub(crate) struct Replica {
    pub id: String,
    pub clock: u64,
    /// Everything this copy has, its own changes included.
    pub known: Vv,
}

pub(crate) fn replica(conn: &Connection) -> Result<Replica> {
    let (id, clock, known): (String, i64, String) =
        conn.query_row("SELECT replica_id, clock, known FROM sync_replica", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let clock = clock.max(0) as u64;
    let known = Vv::parse(&known)?.join(&Vv::single(&id, clock));
    Ok(Replica { id, clock, known })
}

/// What identifies this file, as opposed to a copy of it: its full path and,
/// where the system has them, its device, inode and creation time. A copy
/// anywhere differs in at least one; a moved file may too, which only costs
/// a new replica id.
fn file_identity(path: &Path) -> String {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let mut id = full.to_string_lossy().into_owned();
    if let Ok(meta) = std::fs::metadata(path) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            id.push_str(&format!("|{}:{}", meta.dev(), meta.ino()));
        }
        if let Ok(created) = meta.created() {
            if let Ok(since) = created.duration_since(std::time::UNIX_EPOCH) {
                id.push_str(&format!("|{}", since.as_nanos()));
            }
        }
    }
    id
}

/// Make sure this file has a replica id of its own. A file whose recorded
/// identity is not its own is a copy (or the first open after creation, or
/// after a move): it takes a fresh replica id, keeping its counter, and
/// remembers the id it had as a peer holding at least what it holds, so its
/// first change file carries only what changed since the copy was made.
pub(crate) fn claim(conn: &Connection, path: &Path) -> Result<()> {
    let identity = file_identity(path);
    let recorded: Option<String> =
        conn.query_row("SELECT file_identity FROM sync_replica", [], |r| r.get(0)).optional()?;
    if recorded.as_deref() == Some(identity.as_str()) {
        return Ok(());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let (old_id, old_identity): (String, String) =
        tx.query_row("SELECT replica_id, file_identity FROM sync_replica", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if old_identity == identity {
        return Ok(()); // another process claimed it first
    }
    let before = replica(&tx)?;
    if !old_identity.is_empty() {
        // A copy: the origin keeps the old id.
        tx.execute(
            "INSERT INTO sync_peers (replica_id, known, heard_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (replica_id) DO UPDATE SET known = excluded.known",
            params![old_id, before.known.to_json(), now()],
        )?;
        tx.execute(
            "UPDATE sync_replica SET replica_id = ?1, known = ?2",
            params![new_id(), before.known.to_json()],
        )?;
    }
    tx.execute("UPDATE sync_replica SET file_identity = ?1", [&identity])?;
    tx.commit()?;
    Ok(())
}

/// What we believe each peer has, from the change files we imported.
pub(crate) fn peers(conn: &Connection) -> Result<BTreeMap<String, Vv>> {
    let mut stmt = conn.prepare("SELECT replica_id, known FROM sync_peers")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (id, known) = row?;
        Ok((id, Vv::parse(&known)?))
    })
    .collect()
}
