//! Merge rules: how each incoming record meets what this copy holds.
//!
//! Every rule is deterministic and idempotent, so copies that have seen the
//! same changes hold the same content whatever order the files came in, and
//! a file imported twice changes nothing the second time:
//!
//! * **Pages** (row + key rows, identified by id): a version that includes
//!   ours replaces it; one ours includes is ignored. Two *concurrent*
//!   versions (each changed since their common past) are both kept: the one
//!   shared with fewer parties stays in the book (so a withdrawal of consent
//!   is never undone by a merge), on a tie the later revision (counter, then
//!   replica id); the other goes to `sync_conflicts` for a person to choose.
//! * **A page's place** in its section: last writer wins (no words at stake).
//! * **Deletion vs change**: a deletion that saw the latest version deletes
//!   it; a deletion concurrent with a change loses: the page stays, and a
//!   `deleted` conflict lets a person confirm or undo the deletion.
//! * **Consent ledger**: records are unioned by their global id.
//! * **Pictures, sessions, members, role keys, profile**: last writer wins;
//!   a picture removal that saw the picture removes it, and a signed one
//!   removes it for good (picture ids are never reused).
//! * **Conflicts** themselves: unioned by id; once resolved, resolved.

use sha2::{Digest, Sha256};

use super::format::{encode_version, EntryVersion, PictureRecord, Record};
use super::records::{self, put_tombstone, tombstone};
use super::revision::{Order, Vv};
use crate::audience::Audience;
use crate::error::Result;
use crate::keys::Keyring;
use crate::membership::{self, Membership};
use crate::signed;
use crate::signed::records::{PageAuthor, PictureFacts, Record as SignedRecord, SessionFacts};
use crate::store::{
    ConflictRow, Db, LedgerRow, LinkRow, EntryPlace, ExchangedLedger, ExchangedMember, ExchangedPicture, ExchangedProfile, ExchangedRoleKey,
    ExchangedSession,
};

/// What an import changed, by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Merged {
    pub pages_added: usize,
    pub pages_changed: usize,
    pub pages_deleted: usize,
    pub pages_moved: usize,
    pub pictures: usize,
    pub consent_records: usize,
    pub sessions: usize,
    pub members: usize,
    /// Versions kept side by side for a person to choose between.
    pub new_conflicts: usize,
    /// Other changes (role keys, the profile, conflict resolutions).
    pub other: usize,
    /// Member and role key rows not applied: the membership log (verified,
    /// link by link) does not have them.
    pub refused: usize,
    /// Both copies changed who is in the binder since they last exchanged
    /// (the log forked: [`membership::theirs_prevails`] settles which
    /// branch stands).
    pub membership_forked: bool,
    /// The other copy's branch prevailed: this copy took it, and made its
    /// own member's changes again on top of it (`membership_redone`).
    pub membership_theirs: bool,
    pub membership_redone: usize,
    /// Admissions or approvals made on this copy by someone other than the
    /// member importing, which the other branch's prevailing undid: they
    /// must make them again.
    pub membership_undone: usize,
}

impl Merged {
    pub fn is_empty(&self) -> bool {
        *self == Merged::default()
    }
}

pub(crate) struct Merger<'a> {
    /// The import's transaction.
    pub db: Db<'a>,
    pub keys: &'a Keyring,
    pub binder_id: &'a str,
    pub merged: Merged,
    /// The file's membership links, gathered before anything else applies.
    pub links: Vec<LinkRow>,
    /// The membership after merging the file's log with ours: decided at
    /// the first record that is not a link (`None` inside: an unsigned binder).
    pub membership: Option<Option<Membership>>,
    /// The file's branch of a forked log stood, and this copy took it.
    pub taken: Option<TakenBranch>,
}

/// What taking the other copy's branch of a fork left for the import to
/// finish once the records are in (src/sync/mod.rs).
pub(crate) struct TakenBranch {
    /// That log's current common key: the one the file must be sealed with.
    pub current: String,
    /// This copy's member's changes, made again on top of it.
    pub rebased: membership::Rebased,
}

/// The deterministic id of a conflict: the page and the version set aside.
fn conflict_id(entry: &str, kind: &str, other: &Vv) -> String {
    let digest = Sha256::digest(format!("{entry}\n{kind}\n{}", other.to_json()).as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Which of two concurrent versions stays in the book: fewer parties, then
/// the later revision.
fn stays(a: &EntryVersion, b: &EntryVersion) -> bool {
    let parties = |v: &EntryVersion| Audience::from_bits(v.audience).map_or(64, |a| a.parties().count());
    (std::cmp::Reverse(parties(a)), &a.rev) > (std::cmp::Reverse(parties(b)), &b.rev)
}

impl Merger<'_> {
    pub fn apply(&mut self, record: Record) -> Result<()> {
        if !well_formed(&record) {
            return Err(crate::Error::TamperedChangeFile);
        }
        if let Record::Link { seq, link, signature } = record {
            if self.membership.is_some() {
                return Err(crate::Error::TamperedChangeFile); // links come first
            }
            self.links.push(LinkRow { seq, link, signature });
            return Ok(());
        }
        self.settle_membership()?;
        let log = self.membership.clone().flatten();
        match record {
            Record::Link { .. } => unreachable!("handled above"),
            Record::RoleKey { role, recipient, .. }
                if log.as_ref().is_some_and(|s| {
                    crate::audience::parse_role(&role).ok().and_then(|r| s.role_keys.get(&r)) != Some(&recipient)
                }) =>
            {
                self.merged.refused += 1;
            }
            Record::Member { id, role, .. }
                if log.as_ref().is_some_and(|s| s.members.get(&id).or_else(|| s.pending.get(&id)).is_none_or(|m| m.role.as_str() != role)) =>
            {
                self.merged.refused += 1;
            }
            Record::Tombstone { kind, id, .. } if kind == "member" && log.as_ref().is_some_and(|s| s.members.contains_key(&id) || s.pending.contains_key(&id)) => {
                self.merged.refused += 1;
            }
            Record::RoleKey { role, recipient, recovery_wrap, common_wrap, created_at, vv } => {
                // Taking the other copy's branch of a fork: a row of ours
                // for a key the winning log does not have goes, whatever
                // its version (the one arriving has the log's key: above).
                let stale = match crate::audience::parse_role(&role) {
                    Ok(parsed) if self.merged.membership_theirs => self.db.role_key(parsed)?.is_some_and(|row| row.recipient != recipient),
                    _ => false,
                };
                let local = if stale { None } else { self.db.role_key_vv(&role)? };
                if let Some(local) = local {
                    if !later(&vv, &Vv::parse(&local)?) {
                        return Ok(());
                    }
                }
                self.db.put_exchanged_role_key(&ExchangedRoleKey {
                    role,
                    recipient,
                    recovery_wrap,
                    common_wrap,
                    created_at,
                    vv: vv.to_json(),
                })?;
                self.merged.other += 1;
            }
            Record::Member { id, name, role, key_wrap, created_at, vv } => self.member(id, name, role, key_wrap, created_at, vv)?,
            Record::Session { id, started_at, ended_at, facilitator, body, vv, proof } => {
                if let Some(state) = &log {
                    let facts = SessionFacts { id: &id, started_at: &started_at, ended_at: ended_at.as_deref(), facilitator: facilitator.as_deref(), body: &body };
                    if let Err(why) = signed::records::problem(state, self.binder_id, &SignedRecord::Session(facts), proof.as_deref()) {
                        return Err(crate::Error::tampered(format!("A session in the change file ({why})")));
                    }
                }
                let local = self.db.session_vv(&id)?;
                let session = ExchangedSession { id, started_at, ended_at, facilitator, body, vv: vv.to_json(), proof };
                match local {
                    Some(local) if !later(&vv, &Vv::parse(&local)?) => return Ok(()),
                    Some(_) => self.db.update_exchanged_session(&session)?,
                    None => self.db.insert_exchanged_session(&session)?,
                };
                self.merged.sessions += 1;
            }
            Record::Profile { profile, vv, proof } => {
                if let Some(state) = &log {
                    if let Err(why) = signed::records::problem(state, self.binder_id, &SignedRecord::Profile(&profile), proof.as_deref()) {
                        return Err(crate::Error::tampered(format!("The child's profile in the change file ({why})")));
                    }
                }
                if later(&vv, &Vv::parse(&self.db.profile_vv()?)?) {
                    self.db.put_exchanged_profile(&ExchangedProfile { profile, vv: vv.to_json(), proof })?;
                    self.merged.other += 1;
                }
            }
            Record::Entry { version, position, pos_vv } => {
                if let Some(state) = &log {
                    self.verify_version(state, &version)?;
                }
                self.entry(version, position, pos_vv)?
            }
            Record::Position { id, position, pos_vv } => self.position(&id, position, &pos_vv)?,
            Record::Picture(picture) => self.picture(picture, log.as_ref())?,
            Record::Ledger { uid, entry_id, at, member, before, after, note, signature, vv } => {
                let signature = (!signature.is_empty()).then_some(signature);
                let row = LedgerRow { seq: 0, entry_id, at, member, before, after, note, signature };
                // Signed binders: a consent record not signed by the member it
                // names refuses the whole file ("Amira chose this herself",
                // written by someone else, must not arrive anywhere).
                if log.as_ref().is_some_and(|state| !signed::consent_verifies(state, self.binder_id, &row)) {
                    return Err(crate::Error::tampered(format!(
                        "A consent record in the change file (of {}, not signed by a member)",
                        crate::page::page_name(&row.entry_id)
                    )));
                }
                if !self.db.holds_ledger_uid(&uid)? {
                    let LedgerRow { entry_id, at, member, before, after, note, signature, .. } = row;
                    let vv = vv.to_json();
                    self.db.insert_exchanged_ledger(&ExchangedLedger { uid, entry_id, at, member, before, after, note, signature, vv })?;
                    self.merged.consent_records += 1;
                }
            }
            Record::Tombstone { kind, id, vv, proof } => self.tombstone(&kind, &id, &vv, proof.as_deref(), log.as_ref())?,
            Record::Conflict { id, entry_id, kind, other, other_vv, found_at, resolved, vv } => {
                if let (Some(state), Some(other)) = (&log, &other) {
                    self.verify_version(state, other)?;
                }
                self.conflict(id, entry_id, kind, other, other_vv, found_at, resolved, vv)?
            }
        }
        Ok(())
    }

    /// Merge the file's membership log with ours, once, before any other
    /// record: theirs is replayed and verified from its genesis (a forged,
    /// unsigned or unauthorised link refuses the whole file); a log that
    /// extends ours is appended; one ours extends adds nothing; two that
    /// part ways leave ours as it is, and the import says so.
    pub fn settle_membership(&mut self) -> Result<()> {
        if self.membership.is_some() {
            return Ok(());
        }
        let ours = self.db.links()?;
        let theirs = std::mem::take(&mut self.links);
        let state = match (ours.is_empty(), theirs.is_empty()) {
            (true, true) => None,
            (false, true) => return Err(crate::Error::tampered("The change file's membership log (missing)")),
            (_, false) => {
                let their_state = membership::replay(self.binder_id, &theirs)?;
                if !ours.is_empty() && ours[0] != theirs[0] {
                    return Err(crate::Error::tampered("The change file's membership log (it begins differently)"));
                }
                let shared = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
                if shared == ours.len() {
                    for row in &theirs[shared..] {
                        self.db.append_link(row)?;
                        self.merged.members += 1;
                    }
                    their_state
                } else if shared < theirs.len() {
                    self.merged.membership_forked = true;
                    let fork = membership::replay(self.binder_id, &ours[..shared])?.ok_or(crate::Error::TamperedChangeFile)?;
                    if membership::theirs_prevails(&fork, &ours[shared..], &theirs[shared..])? {
                        Some(self.take_their_branch(&fork, &ours[shared..], &theirs[shared..], their_state)?)
                    } else {
                        membership::replay(self.binder_id, &ours)?
                    }
                } else {
                    membership::replay(self.binder_id, &ours)?
                }
            }
        };
        // Members the merged log no longer has (removed on the other copy).
        if let Some(state) = &state {
            for row in self.db.members()? {
                if !state.members.contains_key(&row.id) && !state.pending.contains_key(&row.id) {
                    self.db.delete_member(&row.id)?;
                    self.merged.members += 1;
                }
            }
        }
        self.membership = Some(state);
        Ok(())
    }

    /// The other copy's branch of a fork prevailed: ours comes off the end
    /// of the log, theirs goes on, and what the member importing did on
    /// ours is made again on top ([`membership::Appender::rebase`]).
    fn take_their_branch(&mut self, fork: &Membership, ours: &[LinkRow], theirs: &[LinkRow], their_state: Option<Membership>) -> Result<Membership> {
        let (Some(state), Some(key)) = (their_state, self.keys.signing.as_ref()) else {
            return Err(crate::Error::MembershipForked);
        };
        self.db.truncate_links(theirs[0].seq - 1)?;
        for row in theirs {
            self.db.append_link(row)?;
        }
        let current = state.commons.last().cloned().unwrap_or_default();
        let by = state.signer_for(self.keys);
        let mut log = membership::Appender::new(self.binder_id, state, by, key);
        let rebased = log.rebase(self.db, fork, ours)?;
        self.merged.membership_theirs = true;
        self.merged.membership_redone = rebased.redone + rebased.removals.len();
        self.merged.membership_undone = rebased.undone;
        self.merged.members += theirs.len();
        self.taken = Some(TakenBranch { current, rebased });
        Ok(log.state().clone())
    }

    fn member(&mut self, id: String, name: String, role: String, key_wrap: Vec<u8>, created_at: String, vv: Vv) -> Result<()> {
        if tombstone(self.db, "member", &id)?.is_some_and(|t| vv.covered_by(&t)) {
            return Ok(());
        }
        let local = self.db.member_vv(&id)?;
        if let Some(local) = &local {
            if !later(&vv, &Vv::parse(local)?) {
                return Ok(());
            }
        }
        // Two copies may each have added someone of the same name: both
        // stay, and the one with the greater id is told apart by its id, the
        // same way on every copy.
        let clash = self.db.other_member_named(&name, &id)?;
        let mut name = name;
        if let Some(other) = clash {
            if other > id {
                let renamed = self.db.member_name(&other)?;
                self.db.rename_member(&other, &format!("{renamed} ({})", short(&other)))?;
            } else {
                name = format!("{name} ({})", short(&id));
            }
        }
        let member = ExchangedMember { id, name, role, key_wrap, created_at, vv: vv.to_json() };
        if local.is_some() {
            self.db.update_exchanged_member(&member)?;
        } else {
            self.db.insert_exchanged_member(&member)?;
        }
        self.merged.members += 1;
        Ok(())
    }

    /// A page version arriving in a signed binder: signed by its author and
    /// its sharer as the rules let ([`signed::page_problem`]), its body the
    /// one signed, and, for a page this copy has, by the same author (no
    /// one puts their words in place of someone else's). Anything else
    /// refuses the whole file, naming the page.
    fn verify_version(&self, state: &Membership, version: &EntryVersion) -> Result<()> {
        let page = crate::page::page_name(&version.id);
        let refuse = |why: &str| Err(crate::Error::tampered(format!("{page} in the change file ({why})")));
        let proven = match signed::page_problem(state, self.binder_id, &facts(version)) {
            Ok(proven) => proven,
            Err(why) => return refuse(why),
        };
        if signed::body_digest(&version.body) != proven.content.body {
            return refuse("its words were replaced after they were signed");
        }
        if let Some((local, _, _)) = records::entry_version(self.db, &version.id)? {
            let local_author = signed::page_problem(state, self.binder_id, &facts(&local)).ok().map(|p| p.content.author);
            if local_author.is_some_and(|author| author != proven.content.author) {
                return refuse("it would put someone else's words in place of its author's");
            }
        }
        Ok(())
    }

    fn entry(&mut self, incoming: EntryVersion, position: i64, pos_vv: Vv) -> Result<()> {
        let id = incoming.id.clone();
        let Some((local, _, _)) = records::entry_version(self.db, &incoming.id)? else {
            let mut incoming = incoming;
            match tombstone(self.db, "entry", &incoming.id)? {
                Some(stone) if incoming.vv.covered_by(&stone) => return Ok(()),
                Some(stone) => {
                    // Deleted here, changed there (or kept there after a
                    // conflict): the page comes back.
                    if !stone.covered_by(&incoming.vv) {
                        self.add_conflict(&incoming.id, "deleted", None, &stone, &incoming.updated_at)?;
                        incoming.vv = incoming.vv.join(&stone);
                    }
                    self.db.delete_entry_tombstone(&incoming.id)?;
                }
                None => {}
            }
            records::put_entry(self.db, incoming, Some((position, &pos_vv)))?;
            self.merged.pages_added += 1;
            return Ok(());
        };
        match Vv::order(&incoming.vv, &local.vv) {
            Order::Known => {}
            Order::Newer => {
                // A copy in between that could not open the page may have
                // settled a conflict without gathering the keys.
                let mut incoming = incoming;
                if let Some(wraps) = self.keys_of_both(&incoming, &local) {
                    incoming.wraps = wraps;
                }
                records::put_entry(self.db, incoming, None)?;
                self.merged.pages_changed += 1;
            }
            Order::Concurrent => {
                let joined = local.vv.join(&incoming.vv);
                let found_at = local.updated_at.clone().max(incoming.updated_at.clone());
                let (mut keep, other) = if stays(&incoming, &local) { (incoming, local) } else { (local, incoming) };
                if let Some(wraps) = self.keys_of_both(&keep, &other) {
                    keep.wraps = wraps;
                }
                self.add_conflict(&keep.id, "edited", Some(&other), &other.vv, &found_at)?;
                keep.vv = joined;
                records::put_entry(self.db, keep, None)?;
                self.merged.pages_changed += 1;
            }
        }
        self.position(&id, position, &pos_vv)
    }

    /// The kept version's key rows with the other version's keys added
    /// ([`crate::entry::sealed::keys_of_both`]), sealed to each role's key
    /// as the log gives it (the table's, in a binder without a log).
    fn keys_of_both(&self, keep: &EntryVersion, other: &EntryVersion) -> Option<Vec<(String, Vec<u8>)>> {
        let (kept_row, other_row) = (super::row_of(keep)?, super::row_of(other)?);
        let log = self.membership.clone().flatten();
        let recipient = |role: crate::Role| match &log {
            Some(state) => state.role_keys.get(&role).and_then(|text| crate::keys::parse_recipient(text)),
            None => self.db.role_key(role).ok().flatten().and_then(|row| crate::keys::parse_recipient(&row.recipient)),
        };
        let state = log.as_ref().map(|state| (state, self.binder_id));
        crate::entry::sealed::keys_of_both(self.keys, state, (&kept_row, &keep.wraps), (&other_row, &other.wraps), recipient)
    }

    fn position(&mut self, id: &str, position: i64, pos_vv: &Vv) -> Result<()> {
        let Some(local) = self.db.entry_place(id)? else { return Ok(()) };
        if later(pos_vv, &Vv::parse(&local.pos_vv)?) {
            self.db.set_entry_place(id, &EntryPlace { position, pos_vv: pos_vv.to_json() })?;
            self.merged.pages_moved += 1;
        }
        Ok(())
    }

    fn picture(&mut self, picture: PictureRecord, log: Option<&Membership>) -> Result<()> {
        let PictureRecord { id, entry_id, position, fingerprint, info, created_at, copies, vv, proof } = picture;
        if !self.db.holds_entry(&entry_id)? {
            return Ok(()); // its page was deleted, and the deletion saw it
        }
        // Signed binders: by someone the page's rules let add or change its
        // pictures (its page, arriving earlier in the file, is verified).
        if let Some(state) = log {
            let author = self.page_author(state, &entry_id)?;
            let facts = PictureFacts { id: &id, entry: &entry_id, info: &info };
            if let Err(why) = signed::records::problem(state, self.binder_id, &SignedRecord::Picture(facts, author.page()), proof.as_deref()) {
                return Err(crate::Error::tampered(format!(
                    "A picture in the change file (on {}: {why})",
                    crate::page::page_name(&entry_id)
                )));
            }
        }
        if let (Some(state), Some((_, Some(removal)))) = (log, self.db.tombstone_with_proof("picture", &id)?) {
            if self.removal_problem(state, &id, &entry_id, Some(&removal))?.is_ok() {
                return Ok(()); // removed for good, by someone the rules let
            }
        }
        if tombstone(self.db, "picture", &id)?.is_some_and(|t| vv.covered_by(&t)) {
            return Ok(());
        }
        let local = self.db.picture_vv(&id)?;
        let mut row = ExchangedPicture { id, entry_id, position, fingerprint, info, created_at, copies, vv: vv.to_json(), proof };
        if let Some(local) = local {
            if later(&vv, &Vv::parse(&local)?) {
                self.db.update_exchanged_picture(&row)?;
                self.merged.pictures += 1;
            }
            return Ok(());
        }
        row.fingerprint = self.unique_fingerprint(&row.id, std::mem::take(&mut row.fingerprint))?;
        self.db.insert_exchanged_picture(&row)?;
        self.merged.pictures += 1;
        Ok(())
    }

    /// The same photo imported on two copies is two pictures with one
    /// fingerprint. Both stay; the one with the greater id takes a
    /// fingerprint derived from its id, on every copy alike.
    fn unique_fingerprint(&self, id: &str, fingerprint: Vec<u8>) -> Result<Vec<u8>> {
        let Some(holder) = self.db.picture_with_fingerprint(&fingerprint)? else { return Ok(fingerprint) };
        let derived = |pid: &str| crate::picture::fingerprint(self.keys, self.binder_id, &[&fingerprint[..], pid.as_bytes()].concat());
        if holder.as_str() > id {
            self.db.set_picture_fingerprint(&holder, &derived(&holder))?;
            Ok(fingerprint)
        } else {
            Ok(derived(id).to_vec())
        }
    }

    /// Why a picture's removal does not hold by the rules of page `entry`.
    fn removal_problem(&self, state: &Membership, id: &str, entry: &str, proof: Option<&str>) -> Result<std::result::Result<(), &'static str>> {
        let author = self.page_author(state, entry)?;
        let removal = SignedRecord::PictureRemoved { id, entry, author: author.page() };
        Ok(signed::records::problem(state, self.binder_id, &removal, proof))
    }

    /// Who wrote a page here, by its signatures, for the picture rules.
    fn page_author(&self, state: &Membership, entry: &str) -> Result<Author> {
        let Some(row) = self.db.entry(entry)? else { return Ok(Author(None)) };
        Ok(Author(signed::page_problem(state, self.binder_id, &row.facts()).ok().map(|p| p.content.author)))
    }

    fn tombstone(&mut self, kind: &str, id: &str, stone: &Vv, proof: Option<&str>, log: Option<&Membership>) -> Result<()> {
        // A picture's removal: by someone its page's rules let change it
        // (the page it is on here, else the one its removal names). A signed
        // removal is final: picture ids are never reused, so a picture
        // coming back after it is a replay.
        let mut final_removal = false;
        if let (Some(state), "picture") = (log, kind) {
            let entry = match self.db.picture(id)? {
                Some(picture) => picture.entry_id,
                None => signed::records::removed_from(proof).unwrap_or_default(),
            };
            if let Err(why) = self.removal_problem(state, id, &entry, proof)? {
                return Err(crate::Error::tampered(format!("A picture's removal in the change file ({why})")));
            }
            final_removal = proof.is_some();
        }
        // In a signed binder a page's deletion must be signed by someone the
        // rules let delete it, and deletes only the version it saw.
        let mut saw_this_version = true;
        if let (Some(state), "entry", Some((local, _, _))) = (log, kind, records::entry_version(self.db, id)?) {
            let author = signed::page_problem(state, self.binder_id, &facts(&local)).ok().and_then(|p| p.content.author);
            match signed::deletion_signed(state, self.binder_id, id, proof, author.as_deref()) {
                Some(content) => saw_this_version = local.content_proof.as_deref().is_some_and(|c| signed::digest_of(c) == content),
                None => {
                    return Err(crate::Error::tampered(format!(
                        "A deletion in the change file (of {}, not signed by someone who may delete it)",
                        crate::page::page_name(id)
                    )))
                }
            }
        }
        match kind {
            "entry" => match records::entry_version(self.db, id)? {
                Some((local, _, _)) if local.vv.covered_by(stone) && saw_this_version => {
                    self.db.delete_exchanged_entry(id)?;
                    self.db.delete_conflicts_of(id)?;
                    put_tombstone(self.db, kind, id, stone, proof)?;
                    self.merged.pages_deleted += 1;
                }
                Some((mut local, _, _)) => {
                    // Changed here since the deleting copy last saw it: the
                    // words stay; a person confirms or undoes the deletion.
                    if !stone.covered_by(&local.vv) || !saw_this_version {
                        self.add_conflict(id, "deleted", None, stone, &local.updated_at)?;
                        local.vv = local.vv.join(stone);
                        self.db.set_entry_vv(id, &local.vv.to_json())?;
                    }
                }
                None => put_tombstone(self.db, kind, id, stone, proof)?,
            },
            "picture" => match self.db.picture_vv(id)? {
                Some(local) if final_removal || Vv::parse(&local)?.covered_by(stone) => {
                    self.db.delete_exchanged_picture(id)?;
                    self.merged.pictures += 1;
                    put_tombstone(self.db, kind, id, stone, proof)?;
                }
                Some(_) => {}
                None => put_tombstone(self.db, kind, id, stone, proof)?,
            },
            "member" => match self.db.member_vv(id)? {
                Some(local) if Vv::parse(&local)?.covered_by(stone) => {
                    self.db.delete_member(id)?;
                    self.merged.members += 1;
                    put_tombstone(self.db, kind, id, stone, None)?;
                }
                Some(_) => {}
                None => put_tombstone(self.db, kind, id, stone, None)?,
            },
            _ => return Err(crate::Error::TamperedChangeFile),
        }
        Ok(())
    }

    /// Keep `other` (a page version, or a deletion when `None`) beside the
    /// page, once. A new conflict gets a stamp of this copy so it travels
    /// on to copies that only see the merged page.
    fn add_conflict(&mut self, entry: &str, kind: &str, other: Option<&EntryVersion>, other_vv: &Vv, found_at: &str) -> Result<()> {
        let id = conflict_id(entry, kind, other_vv);
        if self.db.holds_conflict(&id)? {
            return Ok(());
        }
        let stamp = records::stamp(self.db)?;
        self.db.insert_conflict(&ConflictRow {
            id,
            entry_id: entry.to_owned(),
            kind: kind.to_owned(),
            other: other.map(encode_version),
            other_vv: other_vv.to_json(),
            found_at: found_at.to_owned(),
            resolved: false,
            vv: stamp.to_json(),
        })?;
        if kind == "deleted" {
            self.resend_pictures(entry)?;
        }
        self.merged.new_conflicts += 1;
        Ok(())
    }

    /// A page kept over a deletion: its pictures get a new stamp, so they
    /// travel again to the copy that deleted them with the page.
    fn resend_pictures(&self, entry: &str) -> Result<()> {
        for id in self.db.picture_ids_of_entry(entry)? {
            let stamp = records::stamp(self.db)?;
            self.db.set_picture_vv(&id, &stamp.to_json())?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn conflict(
        &mut self,
        id: String,
        entry_id: String,
        kind: String,
        other: Option<EntryVersion>,
        other_vv: Vv,
        found_at: String,
        resolved: bool,
        vv: Vv,
    ) -> Result<()> {
        if !self.db.holds_entry(&entry_id)? {
            return Ok(()); // the page was deleted here, with its conflicts
        }
        match self.db.conflict(&id)? {
            Some(local) => {
                let (was, local_vv) = (local.resolved, Vv::parse(&local.vv)?);
                if vv.covered_by(&local_vv) && (was || !resolved) {
                    return Ok(());
                }
                self.db.set_conflict_state(&id, was || resolved, &local_vv.join(&vv).to_json())?;
                if resolved && !was {
                    self.merged.other += 1;
                }
            }
            None => {
                if kind != "edited" && kind != "deleted" {
                    return Err(crate::Error::TamperedChangeFile);
                }
                let deleted = kind == "deleted";
                self.db.insert_conflict(&ConflictRow {
                    id,
                    entry_id: entry_id.clone(),
                    kind,
                    other: other.as_ref().map(encode_version),
                    other_vv: other_vv.to_json(),
                    found_at,
                    resolved,
                    vv: vv.to_json(),
                })?;
                if deleted && !resolved {
                    self.resend_pictures(&entry_id)?;
                }
                self.merged.new_conflicts += 1;
            }
        }
        Ok(())
    }
}

/// A travelling version's facts, as its signatures cover them.
/// A page's author by its verified signatures (the inner `None`: the
/// recovery key); the outer `None` when not known here.
struct Author(Option<Option<String>>);

impl Author {
    fn page(&self) -> PageAuthor<'_> {
        self.0.as_ref().map_or(PageAuthor::Unknown, |author| PageAuthor::Known(author.as_deref()))
    }
}

fn facts(v: &EntryVersion) -> signed::PageFacts<'_> {
    signed::PageFacts {
        id: &v.id,
        kind: &v.kind,
        section: &v.section,
        audience: v.audience,
        sensitive: v.sensitive,
        sealed_until: v.sealed_until.as_deref(),
        sort_date: v.sort_date.as_deref(),
        created_at: &v.created_at,
        updated_at: &v.updated_at,
        session_id: v.session_id.as_deref(),
        content_proof: v.content_proof.as_deref(),
        sharing_proof: v.sharing_proof.as_deref(),
    }
}

/// An id as this app makes them: lower-case hex (a ledger uid also has one
/// dot). Anything else did not come from a copy of this app; refusing it
/// keeps odd bytes out of messages that show the start of an id.
fn plain_id(id: &str, dot: bool) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || (dot && b == b'.'))
}

fn well_formed(record: &Record) -> bool {
    let vv_ok = |vv: &Vv| vv.0.keys().all(|r| plain_id(r, false));
    let version_ok =
        |v: &EntryVersion| plain_id(&v.id, false) && vv_ok(&v.vv) && (v.rev.1.is_empty() || plain_id(&v.rev.1, false));
    match record {
        Record::Link { seq, .. } => *seq >= 1,
        Record::RoleKey { vv, .. } | Record::Profile { vv, .. } => vv_ok(vv),
        Record::Member { id, vv, .. } | Record::Session { id, vv, .. } | Record::Tombstone { id, vv, .. } => {
            plain_id(id, false) && vv_ok(vv)
        }
        Record::Entry { version, pos_vv, .. } => version_ok(version) && vv_ok(pos_vv),
        Record::Position { id, pos_vv, .. } => plain_id(id, false) && vv_ok(pos_vv),
        Record::Picture(PictureRecord { id, entry_id, vv, .. }) => plain_id(id, false) && plain_id(entry_id, false) && vv_ok(vv),
        Record::Ledger { uid, entry_id, vv, .. } => plain_id(uid, true) && plain_id(entry_id, false) && vv_ok(vv),
        Record::Conflict { id, entry_id, other, other_vv, vv, .. } => {
            plain_id(id, false)
                && plain_id(entry_id, false)
                && other.as_ref().is_none_or(version_ok)
                && vv_ok(other_vv)
                && vv_ok(vv)
        }
    }
}

/// The first four characters of an id, to tell two members of one name apart.
fn short(id: &str) -> String {
    id.chars().take(4).collect()
}

/// Last writer wins: is `incoming` a later write than `local`?
fn later(incoming: &Vv, local: &Vv) -> bool {
    !incoming.covered_by(local) && incoming.latest() > local.latest()
}

#[cfg(test)]
mod tests {
    use crate::picture::Size;
    use crate::signed::records::{self, PageAuthor, Record};
    use crate::testing::pass;
    use crate::{Audience, Binder, NewEntry, Party, Role, Section};

    /// A carer signs, with her own key (outside the app, which refuses),
    /// the removal of the social worker's picture, and exports it to a
    /// copy that has not received that picture yet: the removal names the
    /// page, whose rules refuse her, so the file is refused there too.
    #[test]
    fn a_removal_signed_by_someone_the_page_refuses_is_refused_where_the_picture_has_not_arrived() {
        let dir = tempfile::tempdir().unwrap();
        let (home, jo) = crate::testing::binder(dir.path(), &[("Priya", Role::SocialWorker)]);
        let priya = home.unlock("Priya", &pass("Priya")).unwrap();
        let page = home.add_entry(&priya, NewEntry::narrative(Section::Past, "Where you were born", "B").shared_with(Audience::only(Party::Carer), "ok")).unwrap();
        let office_path = dir.path().join("office.binder");
        home.backup_to(&office_path).unwrap();

        let png = {
            let mut out = std::io::Cursor::new(Vec::new());
            image::RgbImage::from_pixel(40, 30, image::Rgb([200, 30, 90])).write_to(&mut out, image::ImageFormat::Png).unwrap();
            out.into_inner()
        };
        let picture = home.attach_picture(&priya, &page, &png, "The hospital").unwrap();
        assert!(home.picture_copy(&jo, &picture, Size::Thumb).is_ok());
        // Jo's forged removal: the row deleted (the trigger writes the
        // tombstone), then signed with her key.
        let db = home.db();
        db.delete_picture(&picture).unwrap();
        let removal = Record::PictureRemoved { id: &picture, entry: &page, author: PageAuthor::Unknown };
        db.set_tombstone_proof("picture", &picture, &records::sign_as(&home.id, &removal, &jo).unwrap()).unwrap();

        let change = dir.path().join("home.lsc");
        home.sync_export(&jo, &change).unwrap();
        let office = Binder::open(&office_path).unwrap();
        let priya_there = office.unlock("Priya", &pass("Priya")).unwrap();
        let err = office.sync_import(&priya_there, &change).unwrap_err();
        assert!(err.to_string().contains("A picture's removal in the change file (it was written by someone the rules do not let)"), "{err}");
    }
}
