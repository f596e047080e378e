//! Exchange between copies of a binder that are never online together: the
//! carer's laptop at home, the social worker's at the office.
//!
//! A copy writes a *change file* ([`Binder::sync_export`]) holding what
//! changed since the copies it has heard from last told it what they had;
//! another copy of the same binder merges it ([`Binder::sync_import`]). The
//! same works through a shared folder ([`Binder::exchange_folder`]): each
//! copy keeps one file there, named by its replica id, and imports the
//! others'.
//!
//! * The change file is encrypted to the binder's common key and carries
//!   rows as stored (still encrypted to their pages' audiences), so it shows
//!   nothing to anyone without a key and gives a member nothing their own
//!   keys could not already open. See [`format`] and docs/FORMAT.md.
//! * Revisions and knowledge are version vectors ([`revision`]); the merge
//!   rules are in [`merge`]. Concurrent changes to one page keep both
//!   versions; [`Binder::conflicts`] lists them and
//!   [`Binder::resolve_conflict`] settles one.
//! * An import is one transaction: all of the file or none of it.
//!   Importing a file twice changes nothing the second time.

pub(crate) mod format;
pub mod merge;
mod records;
pub(crate) mod revision;
mod watch;

use std::path::{Path, PathBuf};

use serde::Serialize;

use self::format::{Preamble, Record};
use self::merge::{Merged, Merger, TakenBranch};
use self::revision::Vv;
use crate::audience::Audience;
use crate::binder::Binder;
use crate::entry::{open_key_wrap, Row};
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::store::{new_id, now, Db, PeerRow, Versioned};

/// Change files end in this.
pub const EXTENSION: &str = "lsc";

/// What [`Binder::sync_export`] wrote.
#[derive(Clone, Debug, Serialize)]
pub struct Exported {
    pub path: PathBuf,
    /// Rows carried (pages, pictures, consent records, deletions…).
    pub records: u64,
    pub bytes: u64,
}

/// What [`Binder::sync_import`] did.
#[derive(Clone, Debug, Serialize)]
pub struct Imported {
    /// The replica id of the copy that wrote the file.
    pub from: String,
    pub merged: Merged,
    /// Nothing in the file was new here (already imported, or this copy's own file).
    pub nothing_new: bool,
}

/// What [`Binder::exchange_folder`] did.
#[derive(Clone, Debug, Serialize)]
pub struct FolderExchange {
    /// This copy's file in the folder.
    pub written: Exported,
    /// Other copies' files that were imported, with what each changed.
    pub imported: Vec<(PathBuf, Imported)>,
    /// Files that could not be used, with why (nothing of them was applied).
    pub refused: Vec<(PathBuf, String)>,
    /// Change files of other binders sharing the folder, left alone.
    pub other_binders: usize,
}

/// Which version of a page a person keeps when settling a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The version in the book now ("mine").
    Current,
    /// The version set aside ("theirs"); for a deletion, delete the page.
    Other,
}

/// One version of a conflicted page, as far as this member may see it.
#[derive(Clone, Debug, Serialize)]
pub struct VersionSummary {
    /// `None` when this member can't read it.
    pub title: Option<String>,
    pub audience: Audience,
    pub updated_at: String,
}

/// Two versions of a page kept side by side.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    pub id: String,
    pub entry_id: String,
    /// `edited` (changed on two copies) or `deleted` (deleted on one copy,
    /// changed on another: the page was kept).
    pub kind: String,
    pub found_at: String,
    pub current: VersionSummary,
    /// The version set aside; `None` for a deletion.
    pub other: Option<VersionSummary>,
}

impl Binder {
    /// This copy's replica id (random; names no one).
    pub fn replica_id(&self) -> Result<String> {
        Ok(revision::replica(self.db())?.id)
    }

    /// Write a change file at `out` (which must not exist) with what this
    /// copy has that the copies it has heard from may not. Before any
    /// exchange that is everything; after, only what changed since.
    pub fn sync_export(&self, keys: &Keyring, out: &Path) -> Result<Exported> {
        self.ensure_ours(keys)?;
        if out.exists() {
            return Err(Error::AlreadyExists { path: out.to_owned() });
        }
        let peers = revision::peers(self.db())?;
        self.write_changes(keys, out, &meet(peers.values()))
    }

    /// Write the changes not covered by `base` to `dest`, atomically: a
    /// temporary file beside it, synced, then renamed over it.
    fn write_changes(&self, keys: &Keyring, dest: &Path, base: &Vv) -> Result<Exported> {
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let partial = dest.with_file_name(format!(".{name}.{}.partial", &new_id()[..8]));
        // One read transaction: a consistent snapshot while others write.
        let tx = self.store.begin()?;
        let written = (|| {
            let me = revision::replica(tx.db())?;
            let preamble = Preamble { binder_id: self.id.clone(), replica: me.id, clock: me.clock, known: me.known };
            let common = self.common_keys(keys)?;
            let wraps = tx.db().role_keys()?.into_iter().map(|row| row.common_wrap).collect();
            let file_keys = format::FileKeys { generation: common.generation(), wraps };
            let records = format::write(&partial, keys, &common, &file_keys, &preamble, |emit| outgoing(tx.db(), base, emit))?;
            std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))?;
            let bytes = std::fs::metadata(dest).map_err(|e| Error::io(dest, e))?.len();
            Ok(Exported { path: dest.to_owned(), records, bytes })
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        drop(tx);
        written
    }

    /// Merge a change file from another copy of this binder, all or
    /// nothing. A file from another binder, a damaged or altered one, or one
    /// from a newer app is refused with nothing changed.
    pub fn sync_import(&self, keys: &Keyring, file: &Path) -> Result<Imported> {
        self.ensure_ours(keys)?;
        // This copy's binder-wide keys before the import: a fork settled
        // against it may take its rows' wraps of them away.
        let before = self.common_keys(keys)?;
        let opened = format::open(file, keys, &before, &self.id)?;
        let generations = self.membership()?.map(|state| state.commons);
        let (sealed_with, sealed_earlier) = (opened.key().to_string(), opened.earlier);
        let me = revision::replica(self.db())?;
        let tx = self.store.begin_import()?;
        let mut merger = Merger {
            db: tx.db(),
            keys,
            binder_id: &self.id,
            merged: Merged::default(),
            links: Vec::new(),
            membership: None,
            taken: None,
        };
        let mut own = false;
        let preamble = opened.read(&mut |preamble, record| {
            if preamble.binder_id != self.id {
                return Err(Error::TamperedChangeFile);
            }
            if preamble.replica == me.id {
                own = true;
                return Ok(());
            }
            merger.apply(record)
        });
        // A file read with one of this copy's earlier keys that does not
        // open was sealed with another of that generation: old all the same.
        let preamble = match preamble {
            Err(Error::TamperedChangeFile) if sealed_earlier => return Err(Error::ChangeFileOldKeys),
            read => read?,
        };
        if own || preamble.replica == me.id {
            return Ok(Imported { from: preamble.replica, merged: Merged::default(), nothing_new: true });
        }
        merger.settle_membership()?;
        // Sealed with the current key of the log the file carries: the
        // merged one, or, when its branch of a fork stands, its own (this
        // copy's member may have made their own key change again on top).
        // Anything else is a key nobody rotated to, or one the other
        // copy's losing branch rotated to.
        let current = match &merger.taken {
            Some(taken) => taken.current.clone(),
            None if sealed_earlier => return Err(Error::ChangeFileOldKeys),
            None => self.current_common_recipient()?.to_string(),
        };
        if current != sealed_with {
            return Err(if merger.merged.membership_forked { Error::MembershipForked } else { Error::TamperedChangeFile });
        }
        let (merged, taken) = (merger.merged, merger.taken);
        // Lamport: our next stamp is later than anything we have seen.
        let seen = preamble.clock.max(preamble.known.max_clock());
        let here = tx.replica()?;
        let known = Vv::parse(&here.known)?;
        let joined = known.join(&preamble.known);
        if seen as i64 > here.clock || joined != known {
            tx.advance_replica(seen as i64, &joined.to_json())?;
        }
        let belief = tx.peer(&preamble.replica)?.map(|b| Vv::parse(&b.known)).transpose()?;
        let updated = belief.as_ref().map_or(preamble.known.clone(), |b| b.join(&preamble.known));
        if belief.as_ref() != Some(&updated) {
            tx.put_peer(&PeerRow { replica_id: preamble.replica.clone(), known: updated.to_json(), heard_at: now() })?;
        }
        tx.end_import()?;
        // After the import mode, so what is written again is stamped as this
        // copy's change and reaches copies that had the stale version.
        if let Some(TakenBranch { rebased, .. }) = taken {
            // The prevailing branch's keys, then this copy's removals made
            // again on it (each renews keys as a removal here would).
            let known: Vec<_> = rebased.fresh_common.into_iter().chain(before.all().cloned()).collect();
            self.settle_fork_keys(tx.db(), keys, &rebased.removals, &known)?;
            for id in &rebased.readmitted {
                tx.restamp_member(id)?;
            }
        }
        if self.membership()?.map(|state| state.commons) != generations {
            self.rewrap_after_rotation(tx.db(), keys)?;
            // Notes written here meanwhile were sealed to the old keys too.
            self.reseal_sessions(tx.db(), keys, None, false)?;
        }
        tx.commit()?;
        if !merged.is_empty() {
            self.scrub();
        }
        Ok(Imported { from: preamble.replica, nothing_new: merged.is_empty(), merged })
    }

    /// Exchange through a folder every copy can reach (OneDrive, SharePoint,
    /// Nextcloud, a USB stick): import every other copy's change file found
    /// there, then write this copy's own file (`REPLICA.lsc`, replaced
    /// atomically) with what the copies present may lack. Change files of
    /// other binders in the folder are left alone. Watching the folder is
    /// the app's job; this is one exchange.
    pub fn exchange_folder(&self, keys: &Keyring, dir: &Path) -> Result<FolderExchange> {
        self.ensure_ours(keys)?;
        if !dir.is_dir() {
            return Err(Error::NotFound { what: format!("The shared folder {}", dir.display()) });
        }
        let me = revision::replica(self.db())?.id;
        let own = dir.join(format!("{me}.{EXTENSION}"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == EXTENSION)
                    && p.is_file()
                    && *p != own
                    && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        let (mut imported, mut refused, mut other_binders) = (Vec::new(), Vec::new(), 0);
        let mut present = Vec::new();
        for file in files {
            match self.sync_import(keys, &file) {
                Ok(done) => {
                    present.push(done.from.clone());
                    imported.push((file, done));
                }
                Err(Error::ForeignChangeFile) => other_binders += 1,
                Err(e) => refused.push((file, e.to_string())),
            }
        }
        let peers = revision::peers(self.db())?;
        let in_folder: Vec<&Vv> = present.iter().filter_map(|r| peers.get(r)).collect();
        let base = if in_folder.is_empty() { meet(peers.values()) } else { meet(in_folder.into_iter()) };
        let written = self.write_changes(keys, &own, &base)?;
        Ok(FolderExchange { written, imported, refused, other_binders })
    }

    /// Unsettled conflicts, oldest first.
    pub fn conflicts(&self, keys: &Keyring) -> Result<Vec<Conflict>> {
        self.ensure_ours(keys)?;
        let mut out = Vec::new();
        for id in self.db().open_conflict_ids()? {
            let Record::Conflict { entry_id, kind, other, found_at, .. } = records::conflict(self.db(), &id)? else {
                unreachable!("records::conflict returns a conflict")
            };
            let row = self.row(&entry_id)?;
            let current = VersionSummary {
                title: self.open_key(keys, &row).ok().map(|k| k.payload.title),
                audience: row.audience,
                updated_at: row.updated_at.clone(),
            };
            let other = other.map(|v| VersionSummary {
                title: other_title(keys, &v),
                audience: Audience::from_bits(v.audience).unwrap_or_default(),
                updated_at: v.updated_at.clone(),
            });
            out.push(Conflict { id, entry_id, kind, found_at, current, other });
        }
        Ok(out)
    }

    /// Settle a conflict (by id or a unique prefix of at least 4
    /// characters): keep the page as it is, or take the version set aside
    /// (for a deletion: delete the page). Needs someone who can read the
    /// page. The choice travels to the other copies with the next exchange.
    /// Keeping a version that shows the page to more people is a widening
    /// like any other: it needs someone the rules let share the page, and
    /// `consent` (the young person's own choice needs none), else
    /// `ConsentNeeded` and nothing changes.
    pub fn resolve_conflict(&self, keys: &Keyring, id: &str, keep: Keep, consent: Option<String>) -> Result<()> {
        self.ensure_ours(keys)?;
        let id = self.resolve_conflict_id(id)?;
        let Record::Conflict { entry_id, kind, other, other_vv, vv, .. } = records::conflict(self.db(), &id)? else {
            unreachable!("records::conflict returns a conflict")
        };
        let row = self.row(&entry_id)?;
        self.open_key(keys, &row)?;
        let tx = self.store.begin()?;
        let stamp = records::stamp(tx.db())?;
        tx.set_conflict_state(&id, true, &vv.join(&stamp).to_json())?;
        match (keep, kind.as_str(), other) {
            (Keep::Current, _, _) => {}
            (Keep::Other, "deleted", _) => {
                // Confirming a deletion is deleting: the rules and a signature apply.
                self.may_change(keys, &row, crate::authority::PageAct::Delete)?;
                tx.delete_exchanged_entry(&entry_id)?;
                if let (Some(signing_key), Some(content)) = (keys.signing.as_ref(), row.content_proof.as_deref()) {
                    let proof = crate::signed::sign_deletion(&self.id, &entry_id, content, keys.actor().member_id(), signing_key);
                    tx.set_tombstone_proof("entry", &entry_id, &proof)?;
                }
            }
            (Keep::Other, _, Some(mut version)) => {
                let (current, _, _) =
                    records::entry_version(tx.db(), &entry_id)?.ok_or(Error::NotFound { what: "The page".into() })?;
                let other_row = row_of(&version).ok_or_else(|| Error::damaged("a kept conflict version is unreadable"))?;
                let (before, after) = (row.audience, other_row.audience);
                let share = crate::authority::PageAct::Share;
                // Narrowing gives the page a new key, signed by whoever
                // settles: the rules must let them, as for any sharing.
                let narrowed = before.roles().any(|role| !after.has_role(role));
                let note = match after.minus(before).is_empty() {
                    true => "The version kept when settling a conflict between copies.".to_owned(),
                    false => {
                        self.may_change(keys, &row, share)?;
                        crate::consent::consent_for(keys, before, after, consent)?
                    }
                };
                if narrowed {
                    self.may_change(keys, &row, share)?;
                }
                // The current version's keys go back with the one kept, so
                // nothing sealed to them is lost.
                let state = self.membership()?;
                let recipient = |role| self.role_recipient(role).ok().flatten();
                let both = crate::entry::sealed::keys_of_both(
                    keys,
                    state.as_ref().map(|state| (state, self.id.as_str())),
                    (&other_row, &version.wraps),
                    (&row, &current.wraps),
                    recipient,
                );
                if let Some(wraps) = both {
                    version.wraps = wraps;
                }
                version.vv = current.vv.join(&other_vv);
                records::put_entry(tx.db(), version, None)?;
                // Back in the book, it is checked as any page is; then given
                // a fresh key if it shows the page to fewer people (or a
                // rotation came since), before anything is sealed to it.
                let restored = self.row(&entry_id)?;
                let mut kept = self.open_key(keys, &restored)?;
                if narrowed || self.may_change(keys, &restored, share).is_ok() {
                    if self.renew_key(&restored, &mut kept, narrowed)? {
                        self.write_keys(tx.db(), &kept.payload)?;
                        self.sign_page(tx.db(), keys, &entry_id, (&kept.payload, &kept.identity), false, None)?;
                    }
                }
                if before != after {
                    crate::consent::record(tx.db(), keys, &entry_id, &kept.identity.to_public(), before, after, &note, &now())?;
                }
            }
            (Keep::Other, _, None) => return Err(Error::damaged("a kept conflict version is missing")),
        }
        tx.commit()?;
        self.scrub();
        Ok(())
    }

    fn resolve_conflict_id(&self, id_or_prefix: &str) -> Result<String> {
        let wanted = id_or_prefix.trim().to_ascii_lowercase();
        let not_found = || Error::NotFound { what: format!("A conflict with id \"{}\"", id_or_prefix.trim()) };
        if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let ids = self.db().open_conflicts_starting(&wanted)?;
        match ids.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(not_found()),
            _ => Err(Error::AmbiguousId { prefix: wanted }),
        }
    }
}

/// What every one of these copies has (nothing, if there are none).
fn meet<'a>(mut vectors: impl Iterator<Item = &'a Vv>) -> Vv {
    let Some(first) = vectors.next() else { return Vv::default() };
    vectors.fold(first.clone(), |acc, v| acc.meet(v))
}

/// Every row the copies at `base` may lack, in an order an importer can
/// apply one by one (keys and members before the pages that name them).
fn outgoing(db: Db<'_>, base: &Vv, emit: &mut dyn FnMut(&Record) -> Result<()>) -> Result<()> {
    let fresh = |vv: &Vv| !vv.covered_by(base);
    for row in db.links()? {
        emit(&Record::Link { seq: row.seq, link: row.link, signature: row.signature })?;
    }
    for (role, vv) in records::versions(db, Versioned::RoleKeys)? {
        if fresh(&vv) {
            emit(&records::role_key(db, &role)?)?;
        }
    }
    for (id, vv) in records::versions(db, Versioned::Members)? {
        if fresh(&vv) {
            emit(&records::member(db, &id)?)?;
        }
    }
    for (id, vv) in records::versions(db, Versioned::Sessions)? {
        if fresh(&vv) {
            emit(&records::session(db, &id)?)?;
        }
    }
    for (_, vv) in records::versions(db, Versioned::Profile)? {
        if fresh(&vv) {
            emit(&records::profile(db)?)?;
        }
    }
    let positions = records::versions(db, Versioned::EntryPlaces)?;
    for ((id, vv), (_, pos_vv)) in records::versions(db, Versioned::Entries)?.into_iter().zip(positions) {
        if fresh(&vv) {
            let (version, position, pos_vv) =
                records::entry_version(db, &id)?.ok_or_else(|| Error::damaged("a page vanished during export"))?;
            emit(&Record::Entry { version, position, pos_vv })?;
        } else if fresh(&pos_vv) {
            let position = db.entry_place(&id)?.ok_or_else(|| Error::damaged("a page vanished during export"))?.position;
            emit(&Record::Position { id, position, pos_vv })?;
        }
    }
    for (id, vv) in records::versions(db, Versioned::Pictures)? {
        if fresh(&vv) {
            emit(&records::picture(db, &id)?)?;
        }
    }
    for (uid, vv) in records::versions(db, Versioned::Ledger)? {
        if fresh(&vv) {
            emit(&records::ledger(db, &uid)?)?;
        }
    }
    for (key, vv) in records::versions(db, Versioned::Tombstones)? {
        if fresh(&vv) {
            let (kind, id) = key.split_once(':').ok_or_else(|| Error::damaged("a deletion record is unreadable"))?;
            let record = records::tombstone_record(db, kind, id)?.ok_or_else(|| Error::damaged("a deletion vanished during export"))?;
            emit(&record)?;
        }
    }
    for (id, vv) in records::versions(db, Versioned::Conflicts)? {
        if fresh(&vv) {
            emit(&records::conflict(db, &id)?)?;
        }
    }
    Ok(())
}

/// The plaintext facts of a stored version, as a row the key check uses.
pub(super) fn row_of(v: &format::EntryVersion) -> Option<Row> {
    Some(Row {
        id: v.id.clone(),
        section: v.section.parse().ok()?,
        kind: v.kind.parse().ok()?,
        position: 0,
        audience: Audience::from_bits(v.audience)?,
        sensitive: v.sensitive,
        sealed_until: v.sealed_until.clone(),
        created_at: v.created_at.clone(),
        updated_at: v.updated_at.clone(),
        session_id: v.session_id.clone(),
        sort_date: v.sort_date.clone(),
        content_proof: v.content_proof.clone(),
        sharing_proof: v.sharing_proof.clone(),
    })
}

/// The title of a version set aside, if this member holds a role it is
/// wrapped to (and its key row checks out against it).
fn other_title(keys: &Keyring, v: &format::EntryVersion) -> Option<String> {
    let row = row_of(v)?;
    v.wraps.iter().find_map(|(role, wrap)| {
        let identity = keys.role_identity(role.parse().ok()?)?;
        open_key_wrap(identity, wrap, &row).ok().map(|k| k.payload.title)
    })
}
