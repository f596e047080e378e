//! Starting a binder: the file, the child's first profile, the recovery key,
//! the common key and the first member with their role's key.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use crate::audience::Role;
use crate::binder::{validate_member_name, Binder};
use crate::error::{Error, Result};
use crate::keys::{self, KeyCost, RecoveryKey};
use crate::membership::{self, Appender, Change, Signer};
use crate::signed::records::{self, Record};
use crate::signing::SigningKey;
use crate::profile::Profile;
use crate::store::{self, HeaderRow, Store};

/// Everything needed to start a binder for a child.
pub struct NewBinder<'a> {
    pub child_name: &'a str,
    pub member_name: &'a str,
    pub role: Role,
    pub passphrase: SecretString,
    pub cost: KeyCost,
}

impl Binder {
    /// Create a binder file with its first member. Returns the recovery key,
    /// which must be shown to the user once: it is not stored anywhere.
    ///
    /// On any failure the half-made file is removed.
    pub fn create(path: &Path, new: NewBinder<'_>) -> Result<(Binder, RecoveryKey)> {
        let child = new.child_name.trim();
        if child.is_empty() {
            return Err(Error::ChildNameNeeded);
        }
        validate_member_name(new.member_name)?;
        crate::passphrase::check(&new.passphrase, &[new.member_name, child])?;
        let store = match Store::create(path) {
            // Someone else's file: never remove it.
            Err(e @ Error::AlreadyExists { .. }) => return Err(e),
            other => other,
        };
        let result = store.and_then(|store| Self::initialise(store, path, child, &new));
        if result.is_err() {
            remove_binder_files(path);
        }
        result
    }

    fn initialise(store: Store, path: &Path, child: &str, new: &NewBinder<'_>) -> Result<(Binder, RecoveryKey)> {
        let recovery = RecoveryKey::generate();
        let common = keys::generate();
        let binder_id = store::new_id();
        let profile = Profile { name: child.to_owned(), ..Profile::default() };
        let header = HeaderRow {
            binder_id: binder_id.clone(),
            created_at: store::now(),
            recovery_recipient: recovery.public().to_string(),
            common_recipient: common.to_public().to_string(),
        };
        let binder = Binder {
            store,
            path: path.to_owned(),
            id: binder_id,
            recovery_recipient: recovery.public(),
            common_recipient: common.to_public(),
            verified: Default::default(),
            pages_checked: Default::default(),
        };
        let tx = binder.store.begin()?;
        let sealed_profile = keys::seal(&[&common.to_public()], &profile.sealed_payload(&binder.id));
        tx.insert_header(&header, &sealed_profile)?;
        // The log begins with the recovery key: it admits the first member
        // (the creator) and makes their role's key.
        let signing = SigningKey::derived_from_recovery(&recovery.reveal());
        let state = membership::genesis(tx.db(), &binder.id, &signing, &header.recovery_recipient, &header.common_recipient)?;
        let mut log = Appender::new(&binder.id, state, Signer::Recovery, &signing);
        let common = keys::CommonKeys { current: common, earlier: Vec::new() };
        let role_key = binder.insert_role_key(tx.db(), new.role, &common)?;
        log.append(tx.db(), Change::RoleKey { role: new.role, recipient: role_key.to_public().to_string(), common: None })?;
        binder.insert_member(tx.db(), new.member_name, new.role, &role_key, Some(&mut log), &new.passphrase, new.cost)?;
        // Sessions and the profile are signed from the start (the genesis says so).
        tx.set_profile_proof(&records::sign(&binder.id, &Record::Profile(&sealed_profile), None, &signing))?;
        tx.commit()?;
        Ok((binder, recovery))
    }

}

/// Remove a binder file and its SQLite companions (used only for a binder we
/// just failed to create).
fn remove_binder_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

