//! Members: adding people to a role, removing them, and re-keying a role.
//!
//! The first member of a role can be added by anyone unlocked: the role's key
//! is made then, wrapped to the recovery key, and the pages the granter can
//! read whose audience names the role get a key row for it. Pages the
//! granter cannot read stay *waiting* until someone who can read them adds a
//! member or rotates. A further member of a keyed role needs that role's key:
//! a member of the role, or the recovery key. Removing the last member of a
//! role replaces its key (and starts the binder-wide key's next generation),
//! so the next member of that role is given a new key as if they were its
//! first.

use std::collections::BTreeMap;

use age::secrecy::SecretString;
use age::x25519;
use serde::Serialize;

use crate::audience::Role;
use crate::binder::{Binder, Member};
use crate::store::Db;
use crate::keys::to_json;
use crate::error::{Error, MemberTask, Result};
use crate::keys::{self, Actor, KeyCost, Keyring};
use crate::membership::{AddedBy, Appender, Change, Integrity, People, Person};

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MemberAdded {
    pub member: Member,
    /// True when this was the role's first member and its key was made now.
    pub new_role_key: bool,
    /// Pages whose key now reaches the role.
    pub pages_shared: usize,
    /// Pages for the role that the granter could not read, so could not pass on.
    pub pages_waiting: usize,
    /// Added by a member of their own role: they can unlock once a social
    /// worker approves ([`Binder::approve_member`]).
    pub awaiting_approval: bool,
}

/// What removing someone did to the keys.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MemberRemoved {
    pub member: Member,
    /// The role's key and the binder-wide key were replaced: whatever
    /// keys the member kept open nothing written from now on.
    pub keys_renewed: bool,
    /// Others who hold the same role key (so it was not replaced): the
    /// member's old key still opens what is shared with the role until one
    /// of them renews it.
    pub still_holding: Vec<String>,
    /// Pages for the role that the remover cannot open, so the key was not
    /// replaced (they would be lost): the recovery key can rotate it.
    pub pages_kept_for_role: usize,
    /// Rolling backups made before the removal: they still hold what the
    /// member could see ([`Binder::prune_older_backups`]).
    pub older_backups: usize,
}

#[derive(Debug, Serialize)]
pub struct RotateReport {
    pub role: Role,
    pub pages_rewrapped: usize,
    /// Pages for the role that could not be rewrapped (no reader present).
    pub pages_waiting: usize,
    /// Other members of the role: their old key no longer works, so they must
    /// be added again by someone holding the new one.
    pub members_to_add_again: Vec<String>,
}

impl Binder {
    pub fn add_member(
        &self,
        keys: &Keyring,
        name: &str,
        role: Role,
        passphrase: &SecretString,
        cost: KeyCost,
    ) -> Result<MemberAdded> {
        self.ensure_ours(keys)?;
        crate::passphrase::check(passphrase, &self.names_to_avoid(keys, name))?;
        let mut log = self.log_for(keys)?;
        let tx = self.store.begin()?;
        let added = match self.role_recipient(role)? {
            Some(_) if keys.role_identity(role).is_none() => {
                // A role whose last member was removed has a key nobody in
                // it holds (`remove_member`): its next member is given a new
                // one, and the binder-wide key moves on with it (whoever
                // left by themselves may hold the old). Only when no page
                // the role's old key opens would be lost.
                let state = log.as_ref().map(|l| l.state());
                let emptied = state.is_some_and(|s| !s.members.values().chain(s.pending.values()).any(|m| m.role == role));
                if !emptied || self.pages_only_for(keys, role)? > 0 {
                    return Err(Error::RoleKeyNeeded { role: role.as_str() });
                }
                let (identity, pages_shared, pages_waiting) = self.replace_role_key(tx.db(), keys, log.as_mut(), role)?;
                let member = self.insert_member(tx.db(), name, role, &identity, log.as_mut(), passphrase, cost)?;
                MemberAdded { member, new_role_key: true, pages_shared, pages_waiting, awaiting_approval: false }
            }
            Some(_) => {
                let identity = keys.role_identity(role).expect("checked above");
                let member = self.insert_member(tx.db(), name, role, identity, log.as_mut(), passphrase, cost)?;
                MemberAdded { member, new_role_key: false, pages_shared: 0, pages_waiting: 0, awaiting_approval: false }
            }
            None => {
                let identity = keys::generate();
                if let Some(log) = log.as_mut() {
                    log.append(tx.db(), Change::RoleKey { role, recipient: identity.to_public().to_string(), common: None })?;
                }
                self.write_role_key(tx.db(), role, &identity, &self.common_keys(keys)?)?;
                let (pages_shared, pages_waiting) = self.pass_on_keys(tx.db(), keys, role, &identity.to_public(), false)?;
                self.reseal_sessions(tx.db(), keys, Some((role, &identity.to_public())), false)?;
                let member = self.insert_member(tx.db(), name, role, &identity, log.as_mut(), passphrase, cost)?;
                MemberAdded { member, new_role_key: true, pages_shared, pages_waiting, awaiting_approval: false }
            }
        };
        let awaiting_approval = log.as_ref().is_some_and(|l| l.state().pending.contains_key(&added.member.id));
        tx.commit()?;
        Ok(MemberAdded { awaiting_approval, ..added })
    }

    /// Countersign a member's admission by someone of their own role (a
    /// second carer): the social worker's or the recovery key's to give.
    pub fn approve_member(&self, keys: &Keyring, name: &str) -> Result<Member> {
        self.ensure_ours(keys)?;
        let member = self.member_by_name(name)?;
        let mut log = self.log_for(keys)?.ok_or_else(|| Error::NotFound { what: format!("An admission of {} to approve", member.name) })?;
        if !log.state().pending.contains_key(&member.id) {
            return Err(Error::NotFound { what: format!("An admission of {} to approve", member.name) });
        }
        if !matches!(keys.actor(), Actor::Recovery | Actor::Member { role: Role::SocialWorker, .. }) {
            return Err(Error::MayNotAdmit { role: member.role.as_str() });
        }
        let tx = self.store.begin()?;
        log.append(tx.db(), Change::Approve { member: member.id.clone() })?;
        tx.commit()?;
        Ok(member)
    }

    /// The membership log ready for `keys` to sign changes to, for a signed
    /// binder (`None` for one made before membership was signed).
    fn log_for<'k>(&self, keys: &'k Keyring) -> Result<Option<Appender<'k>>> {
        let Some(state) = self.membership()? else { return Ok(None) };
        let key = keys.signing.as_ref().ok_or_else(|| Error::tampered("Your signing key (missing)"))?;
        let by = state.signer_for(keys);
        Ok(Some(Appender::new(keys.binder_id.as_str(), state, by, key)))
    }

    /// After an exchange brought in a rotation this copy had not had: every
    /// page `keys` can read gets its key rows written again to the roles'
    /// keys as they are now (a page written here meanwhile was sealed to the
    /// old ones), asking for a fresh key before anything new is sealed.
    /// A page that will not open or be written is left as it is.
    pub(crate) fn rewrap_after_rotation(&self, db: Db<'_>, keys: &Keyring) -> Result<()> {
        for id in db.entry_ids()? {
            let Ok(row) = self.row(&id) else { continue };
            let Ok(open) = self.open_key(keys, &row) else { continue };
            // Rows are deleted before they are written: a letter with no
            // keeper's key yet would be left with none, so it stays as it is.
            let today = crate::date::today();
            let keyed = self.role_recipients()?.into_iter().filter(|(role, _)| row.audience.has_role(*role));
            if !keyed.into_iter().any(|(role, _)| !crate::letters::keyed_away(row.sealed_until.as_deref(), role, &today)) {
                continue;
            }
            let mut payload = open.payload;
            payload.renew = true;
            self.write_keys(db, &payload)?;
        }
        Ok(())
    }

    /// Give `role` (at `recipient`) a key row for every page whose audience
    /// names it and that `keys` can read. Returns (passed on, could not).
    /// With `renew` (a rotation in a binder without a log, whose key
    /// generations are not counted), every key row of the page is written
    /// again asking for a fresh key before anything new is sealed.
    fn pass_on_keys(&self, db: Db<'_>, keys: &Keyring, role: Role, recipient: &x25519::Recipient, renew: bool) -> Result<(usize, usize)> {
        let ids = db.entry_ids()?;
        let (mut passed, mut waiting) = (0, 0);
        for id in ids {
            let Ok(row) = self.row(&id) else {
                waiting += 1;
                continue;
            };
            if !row.audience.has_role(role) || crate::letters::keyed_away(row.sealed_until.as_deref(), role, &crate::date::today()) {
                continue;
            }
            match self.open_key(keys, &row) {
                Ok(open) if renew => {
                    let mut payload = open.payload;
                    payload.renew = true;
                    self.write_keys(db, &payload)?;
                    passed += 1;
                }
                Ok(open) => {
                    db.put_entry_key(&id, role, &keys::seal(&[recipient], &to_json(&open.payload)))?;
                    passed += 1;
                }
                // A damaged or planted key row must never stop a removal
                // or a rotation (it would keep someone's keys working);
                // `check` names it.
                Err(_) => waiting += 1,
            }
        }
        Ok((passed, waiting))
    }

    /// Remove a member: their wrapped key is deleted. Anyone may remove
    /// themselves; removing someone else needs the social worker or the
    /// recovery key. In a signed binder, when nobody else in the log holds
    /// the removed member's role key (the carer of last year, say), that
    /// role's key and the binder-wide key are replaced at once
    /// ([`Binder::replace_role_key`]): the keys they may have kept open
    /// nothing written from now on. Waiting admissions to the role are
    /// turned down with it (their wraps hold the old key). The role's next
    /// member is given a new key by whoever admits them.
    ///
    /// Not when that would lose a page: one the role can open that the
    /// remover cannot ([`MemberRemoved::pages_kept_for_role`]); the recovery
    /// key, which holds the old role key, can rotate it without loss. Nor
    /// when others of the role remain: only one of them can renew it
    /// ([`Binder::rotate`]); [`MemberRemoved::still_holding`] names them.
    pub fn remove_member(&self, keys: &Keyring, name: &str) -> Result<MemberRemoved> {
        self.ensure_ours(keys)?;
        let member = self.member_by_name(name)?;
        let Some(mut log) = self.log_for(keys)? else { return self.remove_unsigned(keys, member) };
        let tx = self.store.begin()?;
        let removed = self.remove_signed(tx.db(), keys, &mut log, member)?;
        tx.commit()?;
        self.scrub();
        // The removal is done: a backups folder that cannot be read only
        // means none are offered for deleting.
        let older_backups = self.rolling_backups().unwrap_or(0);
        Ok(MemberRemoved { older_backups, ..removed })
    }

    /// [`Binder::remove_member`] in a signed binder, inside `db`'s
    /// transaction: the link, the row, and new keys when nobody else holds
    /// the role (`older_backups` is left for the caller).
    fn remove_signed(&self, db: Db<'_>, keys: &Keyring, log: &mut Appender<'_>, member: Member) -> Result<MemberRemoved> {
        let themselves = keys.actor().member_id() == Some(member.id.as_str());
        // From the verified log, never the table (rows can be deleted with
        // sqlite3 to make a role look empty).
        let (still_holding, waiting): (Vec<String>, Vec<String>) = {
            let state = log.state();
            let others = |map: &BTreeMap<String, crate::membership::Admitted>| -> Vec<String> {
                map.iter().filter(|(id, m)| m.role == member.role && **id != member.id).map(|(id, _)| id.clone()).collect()
            };
            (others(&state.members), others(&state.pending))
        };
        let still_holding: Vec<String> = still_holding.iter().map(|id| log.state().members[id].name.clone()).collect();
        log.append(db, Change::Remove { member: member.id.clone() })?;
        db.delete_member(&member.id)?;
        let pages_kept_for_role = if themselves || !still_holding.is_empty() { 0 } else { self.pages_only_for(keys, member.role)? };
        // A member leaving by themselves would make whatever new key they
        // liked: the next admission to the role renews it instead.
        let keys_renewed = !themselves && still_holding.is_empty() && pages_kept_for_role == 0;
        if keys_renewed {
            for id in waiting {
                log.append(db, Change::Remove { member: id.clone() })?;
                db.delete_member(&id)?;
            }
            self.replace_role_key(db, keys, Some(log), member.role)?;
        }
        Ok(MemberRemoved { member, keys_renewed, still_holding, pages_kept_for_role, older_backups: 0 })
    }

    /// After an import took the other copy's branch of a forked membership
    /// log (src/sync/merge.rs), inside its transaction: the roles' key rows
    /// are made to agree with the log, and the members `keys` removed on
    /// this copy's branch are removed again (with new keys, as any removal).
    ///
    /// The member importing must still hold their role's key as the log
    /// has it; the binder-wide key of every generation the log names must
    /// be one this copy or the file gave them; and afterwards every role's
    /// row must carry the log's key. Otherwise the import is refused
    /// ([`Error::MembershipForked`]) and nothing of it stays.
    pub(crate) fn settle_fork_keys(
        &self,
        db: Db<'_>,
        keys: &Keyring,
        removals: &[crate::membership::Removal],
        // Binder-wide keys this copy held before the import, and any made for it.
        fresh: &[x25519::Identity],
    ) -> Result<()> {
        let state = self.membership()?.ok_or(Error::MembershipForked)?;
        for role in keys.roles() {
            let held = keys.role_identity(role).map(|identity| identity.to_public().to_string());
            if state.role_keys.get(&role) != held.as_ref() {
                return Err(Error::MembershipForked);
            }
        }
        // Rows of either branch may wrap the other's binder-wide keys:
        // every role's is written again with the log's generations.
        let common = self.common_keys_of_log(keys, &state, fresh)?;
        for (role, recipient) in self.role_recipients()? {
            self.rewrap_common(db, role, &recipient, &common)?;
        }
        // The profile, last written here with a binder-wide key the log no
        // longer names (one of the branch that lost): sealed again to the
        // current key and signed by the member importing, who must be one
        // who may, or nothing of the import stays.
        let blob = db.profile_blob()?;
        if !blob.is_empty() && keys::unseal_any(common.all(), &blob).is_err() {
            if let Ok(plain) = keys::unseal_any(keys.common.all().chain(fresh), &blob) {
                let sealed = keys::seal(&[&common.current.to_public()], &plain);
                let record = crate::signed::records::Record::Profile(&sealed);
                if !crate::signed::records::may_sign(&state, &record, keys) {
                    return Err(Error::MembershipForked);
                }
                let proof = crate::signed::records::sign_as(&self.id, &record, keys);
                db.set_profile_blob(&sealed, proof.as_deref())?;
            }
        }
        for removal in removals {
            let Some(mut log) = self.log_for(keys)? else { return Err(Error::MembershipForked) };
            let Some(gone) = log.state().members.get(&removal.member).cloned() else { continue };
            let member = Member { id: removal.member.clone(), name: gone.name, role: gone.role, created_at: String::new() };
            // Made again, a removal that renewed keys must renew them again
            // (a page planted for the role alone would stop it: never quietly).
            let removed = self.remove_signed(db, keys, &mut log, member)?;
            if removal.renewed && !removed.keys_renewed {
                return Err(Error::MembershipForked);
            }
        }
        let state = self.membership()?.ok_or(Error::MembershipForked)?;
        for row in db.role_keys()? {
            if state.role_keys.get(&row.role) != Some(&row.recipient) {
                return Err(Error::MembershipForked);
            }
        }
        Ok(())
    }

    /// [`Binder::remove_member`] in a binder made before membership was
    /// signed: the row goes, the keys stay (`rotate` replaces them).
    fn remove_unsigned(&self, keys: &Keyring, member: Member) -> Result<MemberRemoved> {
        let allowed = match keys.actor() {
            Actor::Recovery => true,
            Actor::Member { id, role, .. } => *id == member.id || *role == Role::SocialWorker,
        };
        if !allowed {
            return Err(Error::MayNotRemoveOthers);
        }
        if self.db().member_count()? <= 1 {
            return Err(Error::LastMember);
        }
        let still_holding = self.members()?.into_iter().filter(|m| m.role == member.role && m.id != member.id).map(|m| m.name).collect();
        self.db().delete_member(&member.id)?;
        self.scrub();
        Ok(MemberRemoved { member, keys_renewed: false, still_holding, pages_kept_for_role: 0, older_backups: self.rolling_backups().unwrap_or(0) })
    }

    /// Pages only `role`'s key opens, that `keys` cannot: replacing the
    /// role's key now would leave them to nobody (a carer's own notes, a
    /// letter the carer keeps). A page another role also has a key row for
    /// (one shared with the young person, say) is not lost: that role can
    /// pass it on to the new key later.
    fn pages_only_for(&self, keys: &Keyring, role: Role) -> Result<usize> {
        let mut count = 0;
        for id in self.db().entry_ids()? {
            let Ok(row) = self.row(&id) else { continue };
            if !row.audience.has_role(role) || self.open_key(keys, &row).is_ok() {
                continue;
            }
            let mut others = Role::ALL.into_iter().filter(|other| *other != role);
            if !others.try_fold(false, |found, other| Ok::<_, Error>(found || self.db().entry_key_wrap(&id, other)?.is_some()))? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// Replace `role`'s key with a new one that nobody but the recovery key
    /// holds yet, and, in a signed binder, start the binder-wide key's next
    /// generation, wrapped to every role's key as it is now. Every page
    /// `keys` can read whose audience names the role gets a key row for the
    /// new key (and a fresh data key before anything new is sealed to it:
    /// src/entry/sealed.rs); session notes are sealed again. Returns the
    /// new key and (pages passed on, pages waiting).
    fn replace_role_key(
        &self,
        db: Db<'_>,
        keys: &Keyring,
        mut log: Option<&mut Appender<'_>>,
        role: Role,
    ) -> Result<(x25519::Identity, usize, usize)> {
        // Read through the old key before its rows are replaced.
        let new_identity = keys::generate();
        let mut common = self.common_keys(keys)?;
        if let Some(log) = log.as_mut() {
            let next = keys::generate();
            let recipient = new_identity.to_public().to_string();
            log.append(db, Change::RoleKey { role, recipient, common: Some(next.to_public().to_string()) })?;
            let before = std::mem::replace(&mut common.current, next);
            common.earlier.insert(0, before);
        }
        // The role's new key first: a binder without a log takes role
        // keys from this table when key rows are written again.
        self.write_role_key(db, role, &new_identity, &common)?;
        for (other, recipient) in self.role_recipients()? {
            if other != role {
                self.rewrap_common(db, other, &recipient, &common)?;
            }
        }
        let unsigned = log.is_none();
        let (passed, waiting) = self.pass_on_keys(db, keys, role, &new_identity.to_public(), unsigned)?;
        self.reseal_sessions(db, keys, Some((role, &new_identity.to_public())), false)?;
        Ok((new_identity, passed, waiting))
    }

    /// Re-key a role: a new key pair, every page the role could read rewrapped
    /// to it, the acting member (given their passphrase) moved to the new key,
    /// and other members of the role removed (they must be added again). In a
    /// signed binder the binder-wide key starts a new generation too, wrapped
    /// to every role's key as it is now: the old role key opens neither what
    /// is sealed to the binder from now on (the profile, change files) nor,
    /// since a page gets a fresh key before anything new is sealed to it
    /// (src/entry/sealed.rs), anything new on a page.
    pub fn rotate(&self, keys: &Keyring, role: Role, passphrase: Option<&SecretString>, cost: KeyCost) -> Result<RotateReport> {
        self.ensure_ours(keys)?;
        if !keys.holds(role) {
            return Err(Error::RoleKeyNeeded { role: role.as_str() });
        }
        let members: Vec<Member> = self.members()?.into_iter().filter(|m| m.role == role).collect();
        let mut log = self.log_for(keys)?;
        let tx = self.store.begin()?;
        let (new_identity, pages_rewrapped, pages_waiting) = self.replace_role_key(tx.db(), keys, log.as_mut(), role)?;
        let mut members_to_add_again = Vec::new();
        for m in members {
            let is_actor = keys.actor().member_id() == Some(m.id.as_str());
            match (is_actor, passphrase) {
                (true, Some(p)) => {
                    let signing = keys.signing.as_ref().zip(log.as_ref().map(|l| l.state().genesis.clone()));
                    let signing = signing.as_ref().map(|(key, genesis)| (*key, genesis.as_str()));
                    let wrap = self.member_wrap(&m.id, role, &new_identity, signing, p, cost)?;
                    tx.set_member_wrap(&m.id, &wrap)?;
                }
                _ => {
                    if let Some(log) = log.as_mut() {
                        log.append(tx.db(), Change::Remove { member: m.id.clone() })?;
                    }
                    tx.delete_member(&m.id)?;
                    members_to_add_again.push(m.name);
                }
            }
        }
        if tx.member_count()? == 0 {
            return Err(Error::LastMember);
        }
        tx.commit()?;
        self.scrub();
        Ok(RotateReport { role, pages_rewrapped, pages_waiting, members_to_add_again })
    }
}

impl Binder {
    /// Who is in the binder, for the members screen.
    pub fn people(&self) -> Result<People> {
        let state = self.membership()?;
        let people = self
            .members()?
            .into_iter()
            .map(|m| Person {
                added_by: state.as_ref().and_then(|s| s.admitted_by(&m.id)),
                awaiting_approval: state.as_ref().is_some_and(|s| s.pending.contains_key(&m.id)),
                id: m.id,
                name: m.name,
                role: m.role,
            })
            .collect();
        Ok(People { people, integrity: self.integrity()? })
    }

    /// Whether membership is signed, and how much of it was checked.
    /// Whether membership is signed, and how many pages are signed by a
    /// member as the rules let (checked once per page version while the
    /// binder is open; no key is needed).
    pub fn integrity(&self) -> Result<Integrity> {
        let Some(state) = self.membership()? else { return Ok(Integrity::Unsigned) };
        let (mut pages, mut refused) = (0, 0);
        for id in self.db().entry_ids()? {
            let signed = match self.db().entry(&id) {
                Ok(Some(row)) => self.proven(&row).is_ok(),
                _ => false,
            };
            if signed { pages += 1 } else { refused += 1 }
        }
        Ok(Integrity::Signed { links: state.len, members: state.members.len(), pages, refused_pages: refused })
    }

    /// Change a member's own passphrase: the old one unlocks, the same keys
    /// are wrapped under the new one (scored like any new passphrase), and
    /// the old one opens nothing in this file afterwards. The new wrap
    /// reaches the other copies with the next exchange; older backups keep
    /// the old one. Wrong old passphrases count like wrong unlocks
    /// (src/attempts.rs): this is not a second way to guess.
    pub fn change_passphrase(&self, member_name: &str, old: &SecretString, new: &SecretString, cost: KeyCost) -> Result<()> {
        let keys = self.unlock_guarded(member_name, old)?;
        let Actor::Member { id, name, role } = keys.actor() else { return Err(Error::MemberNeeded { task: MemberTask::Settings }) };
        crate::passphrase::check(new, &self.names_to_avoid(&keys, name))?;
        let identity = keys.role_identity(*role).ok_or(Error::RoleKeyNeeded { role: role.as_str() })?;
        let genesis = self.membership()?.map(|state| state.genesis);
        let signing = keys.signing.as_ref().zip(genesis.as_deref());
        let wrap = self.member_wrap(id, *role, identity, signing, new, cost)?;
        self.db().set_member_wrap(id, &wrap)?;
        self.scrub();
        Ok(())
    }

    /// [`Binder::change_passphrase`] for whoever `keys` unlocked: the app's
    /// "change my passphrase", which still asks for the current one.
    pub fn change_own_passphrase(&self, keys: &Keyring, old: &SecretString, new: &SecretString, cost: KeyCost) -> Result<()> {
        self.ensure_ours(keys)?;
        let Actor::Member { id, name, .. } = keys.actor() else { return Err(Error::MemberNeeded { task: MemberTask::Settings }) };
        // By id, as the member is named now: an exchange may have renamed
        // them since they unlocked, and given their old name to another.
        let member = self.members()?.into_iter().find(|m| m.id == *id).ok_or_else(|| Error::UnknownMember { name: name.clone() })?;
        self.change_passphrase(&member.name, old, new, cost)
    }

    /// What a member's passphrase must not be built from: their name and
    /// the child's (as far as `keys` can read the profile).
    fn names_to_avoid(&self, keys: &Keyring, member: &str) -> Vec<String> {
        let mut names = vec![member.to_owned()];
        if let Ok(profile) = self.profile(keys) {
            names.push(profile.name);
            names.extend(profile.preferred_name);
        }
        names
    }

    /// The members screen: who admitted each member, by member id.
    pub fn admitted_by(&self) -> Result<BTreeMap<String, AddedBy>> {
        let Some(state) = self.membership()? else { return Ok(BTreeMap::new()) };
        Ok(state.members.keys().filter_map(|id| Some((id.clone(), state.admitted_by(id)?))).collect())
    }
}
