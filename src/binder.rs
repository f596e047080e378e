//! One child's binder: creating, opening, checking and unlocking the file.
//!
//! Unlocking turns a member's passphrase (or the recovery key) into a
//! [`Keyring`]; every other operation takes the binder plus a keyring, so
//! locking is simply dropping the keyring.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use age::x25519;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::audience::Role;
use crate::error::{Error, Result};
use crate::keys::{self, Actor, KeyCost, Keyring, RecoveryKey, Unseal};
use crate::membership::{Appender, Change, Membership};
use crate::signing::SigningKey;
use crate::store::{self, CheckReport, Db, MemberRow, RoleKeyRow, Store};

/// An open binder file. Holds no secrets.
pub struct Binder {
    pub(crate) store: Store,
    pub(crate) path: PathBuf,
    pub(crate) id: String,
    pub(crate) recovery_recipient: x25519::Recipient,
    pub(crate) common_recipient: x25519::Recipient,
    /// The membership log as last verified (see [`crate::membership`]).
    pub(crate) verified: crate::membership::Verified,
    /// Pages whose signatures held since the binder was opened.
    pub(crate) pages_checked: crate::signed::Checked,
}

/// A person who can unlock the binder (no secrets).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub created_at: String,
}

/// A role secret as stored inside a member's passphrase wrap. Naming the
/// binder, member and role binds the wrap to its row: a wrap copied to
/// another row or binder is detected at unlock.
#[derive(Serialize, Deserialize)]
pub(crate) struct MemberKey {
    pub v: u8,
    pub binder: String,
    pub member: String,
    pub role: Role,
    pub key: Zeroizing<String>,
    /// The member's signing key (hex seed); absent in wraps made before
    /// membership was signed (schema 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign: Option<Zeroizing<String>>,
    /// The membership log's genesis hash: a log replaced from its start is
    /// caught here, since no one can rewrite this wrap without the
    /// passphrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genesis: Option<String>,
}

/// A role secret as wrapped to the recovery key.
#[derive(Serialize, Deserialize)]
pub(crate) struct RecoveryKeyWrap {
    pub v: u8,
    pub binder: String,
    pub role: Role,
    pub key: Zeroizing<String>,
}

/// The binder-wide key, as wrapped to each role key: the current
/// generation's, and (since generations) those before it, newest first.
#[derive(Serialize, Deserialize)]
pub(crate) struct CommonKey {
    pub v: u8,
    pub binder: String,
    pub key: Zeroizing<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Zeroizing<String>>,
}

impl CommonKey {
    pub(crate) fn new(binder: &str, common: &keys::CommonKeys) -> CommonKey {
        CommonKey {
            v: 1,
            binder: binder.to_owned(),
            key: keys::secret_string(&common.current),
            earlier: common.earlier.iter().map(keys::secret_string).collect(),
        }
    }
}

impl Binder {
    /// Open an existing binder (no keys needed yet).
    pub fn open(path: &Path) -> Result<Binder> {
        let store = Store::open(path)?;
        let header = store.db().header()?;
        let recovery_recipient = keys::parse_recipient(&header.recovery_recipient)
            .ok_or_else(|| Error::damaged("its recovery key record is unreadable"))?;
        let common_recipient = keys::parse_recipient(&header.common_recipient)
            .ok_or_else(|| Error::damaged("its shared key record is unreadable"))?;
        Ok(Binder {
            store,
            path: path.to_owned(),
            id: header.binder_id,
            recovery_recipient,
            common_recipient,
            verified: Default::default(),
            pages_checked: Default::default(),
        })
    }

    /// Check a binder file's structure without keys and without changing it.
    pub fn check(path: &Path) -> Result<CheckReport> {
        let store = Store::open_read_only(path)?;
        let mut report = store.check()?;
        report.problems.extend(crate::membership::problems(store.db()));
        // Signed records, checked with the log's public keys.
        let db = store.db();
        let signed = (|| -> Result<Vec<String>> {
            let header = db.header()?;
            match crate::membership::replay(&header.binder_id, &db.links()?)? {
                Some(state) => crate::signed::problems(db, &header.binder_id, &state),
                None => Ok(Vec::new()),
            }
        })();
        report.problems.extend(signed.unwrap_or_default());
        Ok(report)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The binder's random id (not secret; names no one).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Write the recovery sheet: the key and what to do with it, for the
    /// agency's locked cabinet. Never overwrites a file.
    pub fn write_recovery_sheet(&self, path: &Path, recovery: &RecoveryKey) -> Result<()> {
        let text = zeroize::Zeroizing::new(format!(
            "LIFE STORY BINDER - RECOVERY SHEET\n\
             ==================================\n\n\
             Binder id: {id}\n\
             Made on:   {day}\n\n\
             This key opens every page of this binder, whoever it was shared with.\n\
             It is not stored in the binder. Keep this sheet locked away at the agency,\n\
             with the child's records. Without every passphrase AND this sheet, the\n\
             binder cannot be opened by anyone.\n\n\
             Recovery key:\n\n    {key}\n\n\
             To use it: lifestory ... --recovery-key-file THIS-SHEET\n\
             (or, in the app, \"I have the recovery sheet\").\n",
            id = self.id(),
            day = chrono::Local::now().format("%-d %B %Y"),
            key = recovery.reveal().as_str(),
        ));
        use std::io::Write;
        let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::AlreadyExists { path: path.to_owned() })
            }
            other => other.map_err(|e| Error::write(path, e))?,
        };
        let written = file.write_all(text.as_bytes()).and_then(|()| file.sync_all());
        written.map_err(|e| {
            let _ = std::fs::remove_file(path); // never leave half a key behind
            Error::write(path, e)
        })
    }

    /// Who can unlock this binder, for the "who are you?" screen.
    pub fn members(&self) -> Result<Vec<Member>> {
        let state = self.membership()?;
        // A row the log doesn't have (inserted with sqlite3) is nobody. Names
        // may differ: an exchange tells apart two people of one name.
        let logged = |row: &MemberRow| state.as_ref().map(|s| s.members.get(&row.id).or_else(|| s.pending.get(&row.id)));
        let in_log = |row: &MemberRow| logged(row).is_none_or(|m| m.is_some_and(|m| m.role == row.role));
        // The name is the log's, or the log's told apart from another's
        // (`NAME (XXXX)`, src/sync/merge.rs); any other was written with
        // sqlite3 (two names swapped, so that "Remove Jo" removes someone
        // else): the log's name is shown instead.
        let name_of = |row: &MemberRow| match logged(row).flatten() {
            Some(m) if row.name != m.name && row.name != format!("{} ({})", m.name, row.id.chars().take(4).collect::<String>()) => m.name.clone(),
            _ => row.name.clone(),
        };
        let mut members: Vec<Member> = self
            .db()
            .members()?
            .into_iter()
            .filter(in_log)
            .map(|row| Member { name: name_of(&row), id: row.id, role: row.role, created_at: row.created_at })
            .collect();
        // Two shown under one name (a told-apart name put back with
        // sqlite3): both are told apart again, from their ids, so a choice
        // by name never picks one of them by row order.
        let named = |name: &str, members: &[Member]| members.iter().filter(|m| m.name.to_lowercase() == name.to_lowercase()).count();
        let clashing: Vec<bool> = members.iter().map(|m| named(&m.name, &members) > 1).collect();
        for (member, clash) in members.iter_mut().zip(clashing) {
            if clash {
                member.name = format!("{} ({})", member.name, member.id.chars().take(4).collect::<String>());
            }
        }
        Ok(members)
    }

    pub(crate) fn member_by_name(&self, name: &str) -> Result<Member> {
        self.members()?
            .into_iter()
            .find(|m| m.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| Error::UnknownMember { name: name.trim().to_owned() })
    }

    /// Run `work` (an unlock's scrypt) while another thread checks every
    /// page's signatures into [`Binder::pages_checked`]: a signed binder's
    /// first listing then finds them checked. Nothing is decrypted.
    fn while_checking_pages<R>(&self, work: impl FnOnce() -> R) -> R {
        let Ok(Some(state)) = self.membership() else { return work() };
        let Ok(listed) = self.db().entries_listed(&[], None) else { return work() };
        let rows: Vec<_> = listed.into_iter().filter_map(|l| l.row.ok()).collect();
        let (checked, id) = (&self.pages_checked, self.id.as_str());
        std::thread::scope(|s| {
            s.spawn(|| {
                for row in &rows {
                    let _ = checked.page(&state, id, &row.facts());
                }
            });
            work()
        })
    }

    /// Unlock as a member with their passphrase.
    pub fn unlock(&self, member_name: &str, passphrase: &SecretString) -> Result<Keyring> {
        let member = self.member_by_name(member_name)?;
        let wrap = self.db().member_wrap(&member.id)?;
        // The passphrase's scrypt takes a second on one core: the other
        // checks every page's signatures meanwhile, for the first list.
        let plain = self.while_checking_pages(|| keys::unseal_with_passphrase(passphrase, &wrap)).map_err(|e| match e {
            Unseal::NotForUs => Error::WrongPassphrase { member: member.name.clone() },
            other => other.into_error(&format!("{}'s key", member.name)),
        })?;
        let what = format!("{}'s key", member.name);
        let payload: MemberKey = keys::from_json(&plain, &what)?;
        if payload.v != 1 || payload.binder != self.id || payload.member != member.id || payload.role != member.role {
            return Err(Error::tampered(what));
        }
        let signing = self.verified_signing_key(&member, &payload, &what)?;
        let identity = self.verified_role_identity(member.role, &payload.key)?;
        let common = self.unwrap_common(member.role, &identity)?;
        let mut roles = std::collections::BTreeMap::new();
        roles.insert(member.role, identity);
        let keys = Keyring {
            binder_id: self.id.clone(),
            actor: Actor::Member { id: member.id, name: member.name, role: member.role },
            roles,
            common,
            signing,
            fingerprint_keys: Default::default(),
        };
        self.after_unlock(&keys);
        Ok(keys)
    }

    /// What every unlock does: letters whose day has come are released
    /// (src/letters.rs), and an adult seals session notes still sealed to
    /// the common key to the adults (src/session.rs). Not doing it never
    /// blocks an unlock: it is tried again at the next one, and `check`
    /// names a record that is wrong.
    fn after_unlock(&self, keys: &Keyring) {
        let _ = self.release_letters(keys, &crate::date::today());
        if keys.holds(Role::Carer) || keys.holds(Role::SocialWorker) {
            let _ = self.store.begin().and_then(|tx| {
                self.reseal_sessions(tx.db(), keys, None, true)?;
                tx.commit()
            });
        }
    }

    /// Unlock with the recovery key: every role that has a key.
    pub fn unlock_with_recovery(&self, recovery: &RecoveryKey) -> Result<Keyring> {
        if recovery.public().to_string() != self.recovery_recipient.to_string() {
            return Err(Error::WrongRecoveryKey);
        }
        let mut roles = std::collections::BTreeMap::new();
        for RoleKeyRow { role, recovery_wrap: wrap, .. } in self.db().role_keys()? {
            let what = format!("The {} key", role.label());
            let plain = keys::unseal(recovery.identity(), &wrap).map_err(|e| e.into_error(&what))?;
            let payload: RecoveryKeyWrap = keys::from_json(&plain, &what)?;
            if payload.v != 1 || payload.binder != self.id || payload.role != role {
                return Err(Error::tampered(what));
            }
            roles.insert(role, self.verified_role_identity(role, &payload.key)?);
        }
        let (first_role, first) = roles.iter().next().ok_or_else(|| Error::damaged("it has no role keys"))?;
        let common = self.unwrap_common(*first_role, first)?;
        let signing = SigningKey::derived_from_recovery(&recovery.reveal());
        let signing = match self.membership()? {
            Some(state) if state.recovery_sign != signing.public() => {
                return Err(Error::tampered("The membership log (not begun with this recovery key)"))
            }
            Some(_) => Some(signing),
            None => None,
        };
        let keys = Keyring { binder_id: self.id.clone(), actor: Actor::Recovery, roles, common, signing, fingerprint_keys: Default::default() };
        self.after_unlock(&keys);
        Ok(keys)
    }

    /// The member's signing key from their wrap, checked against the
    /// membership log: the log must be the one the wrap was made in, and
    /// must have this member, by this name and role, with this key.
    fn verified_signing_key(&self, member: &Member, payload: &MemberKey, what: &str) -> Result<Option<SigningKey>> {
        let state = self.membership()?;
        let Some(state) = state else {
            return match payload.genesis {
                // The log this member joined under is gone.
                Some(_) => Err(Error::tampered("The membership log (removed)")),
                None => Ok(None),
            };
        };
        if payload.genesis.as_deref().is_some_and(|g| g != state.genesis) {
            return Err(Error::tampered("The membership log (not the one this member joined)"));
        }
        let key = payload.sign.as_deref().and_then(|hex| SigningKey::from_hex(hex)).ok_or_else(|| Error::tampered(what))?;
        if state.pending.contains_key(&member.id) {
            return Err(Error::AwaitingApproval { name: member.name.clone() });
        }
        match state.members.get(&member.id) {
            Some(m) if m.role == member.role && m.sign == key.public() => Ok(Some(key)),
            _ => Err(Error::tampered(format!("{what} (not a member by the membership log)"))),
        }
    }

    /// Parse a role secret and check it matches the role's public key on file,
    /// so a swapped public key (which would send new pages to someone else)
    /// is caught.
    fn verified_role_identity(&self, role: Role, secret: &str) -> Result<x25519::Identity> {
        let what = format!("The {} key", role.label());
        let identity = keys::parse_identity(secret).ok_or_else(|| Error::tampered(what.clone()))?;
        let on_file = self.role_recipient(role)?.ok_or_else(|| Error::tampered(what.clone()))?;
        if on_file.to_string() != identity.to_public().to_string() {
            return Err(Error::tampered(what));
        }
        Ok(identity)
    }

    /// The binder-wide keys through `role`'s wrap, checked: the current one
    /// is the log's current generation, the oldest the genesis one.
    fn unwrap_common(&self, role: Role, identity: &x25519::Identity) -> Result<keys::CommonKeys> {
        let what = "The binder's shared key";
        let common = self.open_common_wrap(role, identity)?;
        let public = |key: &x25519::Identity| key.to_public().to_string();
        let generations = match self.membership()? {
            Some(state) => state.commons,
            None => vec![self.common_recipient.to_string()],
        };
        // Every generation's key is the log's, newest first.
        let holds = common.generation() + 1 == generations.len() as u64
            && common.all().zip(generations.iter().rev()).all(|(key, logged)| public(key) == *logged)
            && public(common.genesis()) == self.common_recipient.to_string();
        if !holds {
            return Err(Error::tampered(what));
        }
        Ok(common)
    }

    /// The binder-wide keys a role's row wraps, as they are (not yet
    /// checked against the log).
    fn open_common_wrap(&self, role: Role, identity: &x25519::Identity) -> Result<keys::CommonKeys> {
        let what = "The binder's shared key";
        let wrap = self.db().role_key(role)?.ok_or_else(|| Error::tampered(what))?.common_wrap;
        let plain = keys::unseal(identity, &wrap).map_err(|e| e.into_error(what))?;
        let payload: CommonKey = keys::from_json(&plain, what)?;
        if payload.binder != self.id {
            return Err(Error::tampered(what));
        }
        let parse = |key: &str| keys::parse_identity(key).ok_or_else(|| Error::tampered(what));
        Ok(keys::CommonKeys {
            current: parse(&payload.key)?,
            earlier: payload.earlier.iter().map(|key| parse(key)).collect::<Result<_>>()?,
        })
    }

    /// The binder-wide key of each generation `state` names, from the
    /// keyring, `fresh` ones and every row a role of the keyring opens
    /// (after a fork, each may hold a different branch's):
    /// `MembershipForked` if one is missing.
    pub(crate) fn common_keys_of_log(
        &self,
        keys: &Keyring,
        state: &crate::membership::Membership,
        fresh: &[x25519::Identity],
    ) -> Result<keys::CommonKeys> {
        let mut known: Vec<x25519::Identity> = keys.common.all().chain(fresh).cloned().collect();
        for role in keys.roles() {
            if let Some(Ok(common)) = keys.role_identity(role).map(|identity| self.open_common_wrap(role, identity)) {
                known.extend(common.all().cloned());
            }
        }
        let find = |public: &String| known.iter().find(|key| key.to_public().to_string() == *public).cloned();
        let mut newest_first: Vec<x25519::Identity> = state.commons.iter().rev().map(find).collect::<Option<_>>().ok_or(Error::MembershipForked)?;
        let current = newest_first.remove(0);
        Ok(keys::CommonKeys { current, earlier: newest_first })
    }

    /// The binder-wide keys as they are now: the keyring's, or, when a
    /// generation has begun since it was unlocked (an exchange brought a
    /// rotation in), the new ones through a role the keyring holds.
    pub(crate) fn common_keys(&self, keys: &Keyring) -> Result<keys::CommonKeys> {
        let current = self.current_common_recipient()?;
        if keys.common.current.to_public().to_string() == current.to_string() {
            return Ok(keys.common.clone());
        }
        let mut last = Error::KeysReplaced;
        for role in keys.roles() {
            match self.unwrap_common(role, keys.role_identity(role).expect("a role held")) {
                Ok(common) => return Ok(common),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// The binder-wide key's current public key: the log's latest
    /// generation (the genesis one in a binder without a log).
    pub(crate) fn current_common_recipient(&self) -> Result<x25519::Recipient> {
        let Some(state) = self.membership()? else { return Ok(self.common_recipient.clone()) };
        let current = state.commons.last().expect("the genesis is always there");
        keys::parse_recipient(current).ok_or_else(|| Error::tampered("The binder's shared key"))
    }

    /// The membership log, replayed and verified (none for an old binder).
    pub(crate) fn membership(&self) -> Result<Option<Membership>> {
        // The rows are read every time (a sync import or another process may
        // have added links); only their verification is remembered.
        let state = self.verified.state(&self.id, self.db().links()?)?;
        if let Some(state) = &state {
            if state.recovery_recipient != self.recovery_recipient.to_string() || state.common_recipient != self.common_recipient.to_string() {
                return Err(Error::tampered("The binder's recovery or shared key (not the ones its membership log began with)"));
            }
        }
        Ok(state)
    }

    /// The public key of a role, if it has one yet.
    pub(crate) fn role_recipient(&self, role: Role) -> Result<Option<x25519::Recipient>> {
        // Signed binders: the log's key, never the column (which anyone with
        // the file can change: new pages would be sealed to them).
        if let Some(state) = self.membership()? {
            return match state.role_keys.get(&role) {
                None => Ok(None),
                Some(text) => keys::parse_recipient(text)
                    .map(Some)
                    .ok_or_else(|| Error::tampered(format!("The {} public key", role.label()))),
            };
        }
        match self.db().role_key(role)? {
            None => Ok(None),
            Some(row) => keys::parse_recipient(&row.recipient)
                .map(Some)
                .ok_or_else(|| Error::tampered(format!("The {} public key", role.label()))),
        }
    }

    /// All roles that have keys, with their public keys.
    pub(crate) fn role_recipients(&self) -> Result<Vec<(Role, x25519::Recipient)>> {
        let mut out = Vec::new();
        for role in Role::ALL {
            if let Some(r) = self.role_recipient(role)? {
                out.push((role, r));
            }
        }
        Ok(out)
    }

    /// After something was deleted or re-keyed: see [`Store::scrub`].
    pub(crate) fn scrub(&self) {
        self.store.scrub();
    }

    /// The tables, outside a transaction.
    pub(crate) fn db(&self) -> Db<'_> {
        self.store.db()
    }

    /// Make sure a keyring was made from this binder.
    pub(crate) fn ensure_ours(&self, keys: &Keyring) -> Result<()> {
        if keys.binder_id != self.id {
            return Err(Error::KeysForAnotherBinder);
        }
        Ok(())
    }

    /// Make a role's key: its public key, its secret wrapped to the recovery
    /// key, and the common key wrapped to it.
    pub(crate) fn insert_role_key(&self, db: Db<'_>, role: Role, common: &keys::CommonKeys) -> Result<x25519::Identity> {
        let identity = keys::generate();
        self.write_role_key(db, role, &identity, common)?;
        Ok(identity)
    }

    /// Write (or replace, when rotating) a role's key rows.
    pub(crate) fn write_role_key(
        &self,
        db: Db<'_>,
        role: Role,
        identity: &x25519::Identity,
        common: &keys::CommonKeys,
    ) -> Result<()> {
        let recovery_wrap = keys::seal(
            &[&self.recovery_recipient],
            &keys::to_json(&RecoveryKeyWrap { v: 1, binder: self.id.clone(), role, key: keys::secret_string(identity) }),
        );
        let common_wrap = keys::seal(&[&identity.to_public()], &keys::to_json(&CommonKey::new(&self.id, common)));
        let row = RoleKeyRow { role, recipient: identity.to_public().to_string(), recovery_wrap, common_wrap };
        db.put_role_key(&row, &store::now())
    }

    /// Seal the binder-wide keys again to a role's key (a new generation).
    pub(crate) fn rewrap_common(&self, db: Db<'_>, role: Role, recipient: &x25519::Recipient, common: &keys::CommonKeys) -> Result<()> {
        let mut row = db.role_key(role)?.ok_or_else(|| Error::tampered(format!("The {} key", role.label())))?;
        row.common_wrap = keys::seal(&[recipient], &keys::to_json(&CommonKey::new(&self.id, common)));
        db.put_role_key(&row, &store::now())
    }

    /// A member's passphrase wrap of their role key, bound to their row.
    pub(crate) fn member_wrap(
        &self,
        member_id: &str,
        role: Role,
        role_key: &x25519::Identity,
        signing: Option<(&SigningKey, &str)>,
        passphrase: &SecretString,
        cost: KeyCost,
    ) -> Result<Vec<u8>> {
        validate_passphrase(passphrase)?;
        Ok(keys::seal_with_passphrase(
            passphrase,
            cost,
            &keys::to_json(&MemberKey {
                v: 1,
                binder: self.id.clone(),
                member: member_id.to_owned(),
                role,
                key: keys::secret_string(role_key),
                sign: signing.map(|(key, _)| key.to_hex()),
                genesis: signing.map(|(_, genesis)| genesis.to_owned()),
            }),
        ))
    }

    /// Insert a member holding `role_key` under their own passphrase.
    pub(crate) fn insert_member(
        &self,
        db: Db<'_>,
        name: &str,
        role: Role,
        role_key: &x25519::Identity,
        log: Option<&mut Appender<'_>>,
        passphrase: &SecretString,
        cost: KeyCost,
    ) -> Result<Member> {
        let name = validate_member_name(name)?;
        if db.member_name_taken(&name)? {
            return Err(Error::MemberExists { name });
        }
        validate_passphrase(passphrase)?;
        let id = store::new_id();
        // Signed binders: the admission is authorised and signed first (so a
        // refusal costs no key work), and the wrap pins the log's genesis.
        let signing = match log {
            Some(log) => {
                let key = SigningKey::generate();
                let change = Change::Admit { member: id.clone(), name: name.clone(), role, sign: key.public().to_string() };
                log.append(db, change)?;
                Some((key, log.state().genesis.clone()))
            }
            None => None,
        };
        let signing = signing.as_ref().map(|(key, genesis)| (key, genesis.as_str()));
        let wrap = self.member_wrap(&id, role, role_key, signing, passphrase, cost)?;
        let row = MemberRow { id, name, role, created_at: store::now() };
        db.insert_member(&row, &wrap)?;
        let MemberRow { id, name, role, created_at } = row;
        Ok(Member { id, name, role, created_at })
    }
}

/// The shortest passphrase a member may choose, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = crate::passphrase::MIN_CHARS;
/// The longest member name, in characters.
pub const MAX_MEMBER_NAME_CHARS: usize = 60;

pub(crate) fn validate_member_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_MEMBER_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(Error::BadMemberName { max_chars: MAX_MEMBER_NAME_CHARS });
    }
    Ok(name.to_owned())
}

fn validate_passphrase(passphrase: &SecretString) -> Result<()> {
    use age::secrecy::ExposeSecret;
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::PassphraseTooShort { min_chars: MIN_PASSPHRASE_CHARS });
    }
    Ok(())
}

/// The binder files (`*.binder`) in `folder`, most recently changed first.
/// A missing folder has none.
pub fn find_binders(folder: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = dir
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "binder") && p.is_file())
        .map(|p| (std::fs::metadata(&p).and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), p))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.into_iter().map(|(_, p)| p).collect()
}

/// A new file name in `folder` for a child's binder: "Amira.binder", or
/// "Amira 2.binder" when that is taken. Only the first name is used, and
/// characters a file system might refuse are dropped. Creates the folder.
pub fn new_binder_path(folder: &Path, child_name: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
    let first: String = child_name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '_'))
        .take(40)
        .collect();
    let stem = if first.is_empty() { "Life story".to_owned() } else { first };
    (1..1000)
        .map(|n| folder.join(if n == 1 { format!("{stem}.binder") } else { format!("{stem} {n}.binder") }))
        .find(|p| !p.exists())
        .ok_or(Error::NoFreeFileName { file: crate::error::FileKind::Binder })
}
