//! Members: adding people to a role, removing them, and re-keying a role.
//!
//! The first member of a role can be added by anyone unlocked: the role's key
//! is made then, wrapped to the recovery key, and the pages the granter can
//! read whose audience names the role get a key row for it. Pages the
//! granter cannot read stay *waiting* until someone who can read them adds a
//! member or rotates. A further member of a keyed role needs that role's key:
//! a member of the role, or the recovery key.

use age::secrecy::SecretString;
use age::x25519;
use serde::Serialize;

use crate::audience::Role;
use crate::binder::{Binder, Member};
use crate::store::Db;
use crate::keys::to_json;
use crate::entry::Row;
use crate::error::{Error, Result};
use crate::keys::{self, Actor, KeyCost, Keyring};

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
        let tx = self.store.begin()?;
        let added = match self.role_recipient(role)? {
            Some(_) => {
                let identity = keys.role_identity(role).ok_or(Error::RoleKeyNeeded { role: role.as_str() })?;
                let member = self.insert_member(tx.db(), name, role, identity, passphrase, cost)?;
                MemberAdded { member, new_role_key: false, pages_shared: 0, pages_waiting: 0 }
            }
            None => {
                let identity = self.insert_role_key(tx.db(), role, &keys.common)?;
                let (pages_shared, pages_waiting) = self.pass_on_keys(tx.db(), keys, role, &identity.to_public())?;
                let member = self.insert_member(tx.db(), name, role, &identity, passphrase, cost)?;
                MemberAdded { member, new_role_key: true, pages_shared, pages_waiting }
            }
        };
        tx.commit()?;
        Ok(added)
    }

    /// Give `role` (at `recipient`) a key row for every page whose audience
    /// names it and that `keys` can read. Returns (passed on, could not).
    fn pass_on_keys(&self, db: Db<'_>, keys: &Keyring, role: Role, recipient: &x25519::Recipient) -> Result<(usize, usize)> {
        let ids = db.entry_ids()?;
        let (mut passed, mut waiting) = (0, 0);
        for id in ids {
            let row: Row = self.row(&id)?;
            if !row.audience.has_role(role) {
                continue;
            }
            match self.open_key(keys, &row) {
                Ok(open) => {
                    db.put_entry_key(&id, role, &keys::seal(&[recipient], &to_json(&open.payload)))?;
                    passed += 1;
                }
                Err(Error::NotShared | Error::KeyWaiting) => waiting += 1,
                Err(e) => return Err(e),
            }
        }
        Ok((passed, waiting))
    }

    /// Remove a member: their wrapped key is deleted. Anyone may remove
    /// themselves; removing someone else needs the social worker or the
    /// recovery key. Follow with [`Binder::rotate`] if they may have kept a
    /// copy of the file.
    pub fn remove_member(&self, keys: &Keyring, name: &str) -> Result<Member> {
        self.ensure_ours(keys)?;
        let member = self.member_by_name(name)?;
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
        self.db().delete_member(&member.id)?;
        self.scrub();
        Ok(member)
    }

    /// Re-key a role: a new key pair, every page the role could read rewrapped
    /// to it, the acting member (given their passphrase) moved to the new key,
    /// and other members of the role removed (they must be added again).
    pub fn rotate(&self, keys: &Keyring, role: Role, passphrase: Option<&SecretString>, cost: KeyCost) -> Result<RotateReport> {
        self.ensure_ours(keys)?;
        if !keys.holds(role) {
            return Err(Error::RoleKeyNeeded { role: role.as_str() });
        }
        let members: Vec<Member> = self.members()?.into_iter().filter(|m| m.role == role).collect();
        let tx = self.store.begin()?;
        // Read through the old key before its rows are replaced.
        let new_identity = keys::generate();
        let (pages_rewrapped, pages_waiting) = self.pass_on_keys(tx.db(), keys, role, &new_identity.to_public())?;
        self.write_role_key(tx.db(), role, &new_identity, &keys.common)?;
        let mut members_to_add_again = Vec::new();
        for m in members {
            let is_actor = keys.actor().member_id() == Some(m.id.as_str());
            match (is_actor, passphrase) {
                (true, Some(p)) => {
                    let wrap = self.member_wrap(&m.id, role, &new_identity, p, cost)?;
                    tx.set_member_wrap(&m.id, &wrap)?;
                }
                _ => {
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
