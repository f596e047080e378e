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
//! told apart from its origin by the file's identity (the store checks it
//! at every open, `Store::claim`): the copy takes a new replica id at its
//! first open, remembering the old id as a peer that has at least what the
//! copy had.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::store::Db;

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

pub(crate) fn replica(db: Db<'_>) -> Result<Replica> {
    let row = db.replica()?;
    let clock = row.clock.max(0) as u64;
    let known = Vv::parse(&row.known)?.join(&Vv::single(&row.replica_id, clock));
    Ok(Replica { id: row.replica_id, clock, known })
}

/// What we believe each peer has, from the change files we imported.
pub(crate) fn peers(db: Db<'_>) -> Result<BTreeMap<String, Vv>> {
    db.peers()?.into_iter().map(|peer| Ok((peer.replica_id, Vv::parse(&peer.known)?))).collect()
}
