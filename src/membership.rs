//! Who is in the binder, as a signed, hash-chained log.
//!
//! Modelled on Keybase's team sigchains and on MLS (RFC 9420): membership
//! is not a table anyone with `sqlite3` can edit, but the result of
//! replaying a log from its first link. Each link names the hash of the one
//! before it and is signed (src/signing.rs) by a member who, at that point
//! of the log, had the authority for the change ([`authorise`], the one
//! table of who may do what to membership). The first link, the *genesis*,
//! is signed by the recovery key and names its signing key and the binder's
//! recovery and common keys; its hash is the binder's identity, pinned in
//! every member's passphrase wrap, so a log replaced from the start is
//! caught at unlock.
//!
//! The `members` and `role_keys` tables stay (the unlock screen lists
//! names before anyone has a key, and they hold the wraps), but what they
//! say about *who* and *which key* is a cache, checked against the log:
//! a role's public key is taken from the log, never from its column.
//!
//! A binder made before schema 8 has no log: it keeps working as before,
//! unverified, and says so ([`crate::Binder::integrity`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audience::Role;
use crate::error::{Error, Result};
use crate::keys::{self, Keyring};
use crate::signing::{self, PublicKey, Purpose, SigningKey};
use crate::store::{self, Db, LinkRow};

/// Who signed a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum Signer {
    /// The agency, with the recovery sheet.
    Recovery,
    Member { id: String },
}

/// What a link changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum Change {
    /// The first link: the keys the binder starts from.
    Genesis {
        recovery_sign: String,
        recovery_recipient: String,
        common_recipient: String,
        /// Sessions and the profile are signed from the start (binders made
        /// since schema 12): an unsigned one is refused
        /// (src/signed/records.rs).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        records_signed: bool,
        /// Pictures and their removals, print records and preferences are
        /// signed from the start too (binders made since schema 13): every
        /// record this app writes.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        all_records_signed: bool,
    },
    /// A role's public key: its first, or a new one after a rotation. A
    /// rotation starts a new generation of the binder-wide key too
    /// (`common`, its public key): whoever held the old role key may hold
    /// the old binder-wide key, so nothing new is sealed to it.
    RoleKey {
        role: Role,
        recipient: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        common: Option<String>,
    },
    /// A person joins, with their signing key.
    Admit { member: String, name: String, role: Role, sign: String },
    /// A person leaves (or is removed, or their admission is turned down).
    Remove { member: String },
    /// A social worker (or the recovery key) countersigns an admission
    /// made by a member of the same role: until then it is pending.
    Approve { member: String },
}

/// One link as signed. Stored as these JSON bytes, verbatim.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Link {
    pub v: u8,
    pub binder: String,
    /// 1 for the genesis, then one more per link.
    pub seq: u64,
    /// [`link_hash`] of the link before; none for the genesis.
    pub prev: Option<String>,
    pub at: String,
    pub by: Signer,
    pub change: Change,
}

/// A member as the log has them.
#[derive(Clone, Debug)]
pub(crate) struct Admitted {
    pub name: String,
    pub role: Role,
    pub sign: PublicKey,
    pub admitted_by: Signer,
}

/// The result of replaying the log.
#[derive(Clone, Debug)]
pub(crate) struct Membership {
    /// The genesis link's hash: the binder's identity.
    pub genesis: String,
    /// The last link's hash and number.
    pub head: String,
    pub len: u64,
    pub recovery_sign: PublicKey,
    pub recovery_recipient: String,
    /// The genesis link's binder-wide key.
    pub common_recipient: String,
    /// The binder-wide key's public key in each generation, the genesis
    /// one first: the last is current ([`Change::RoleKey`]).
    pub commons: Vec<String>,
    pub members: BTreeMap<String, Admitted>,
    /// Admitted by a member of their own role, waiting for a social
    /// worker's countersignature ([`Change::Approve`]): not yet members.
    pub pending: BTreeMap<String, Admitted>,
    /// Members who were removed: their signatures on old records still count.
    pub former: BTreeMap<String, Admitted>,
    pub role_keys: BTreeMap<Role, String>,
    /// How many times a role's key has been replaced: a page key made
    /// before the latest is given up before anything new is sealed to it
    /// (src/entry/sealed.rs), since whoever held the old role key may
    /// hold the page key too.
    pub key_generation: u64,
    /// The first member, admitted with the binder: may admit the first
    /// member of each role (see [`authorise`]).
    creator: Option<String>,
    /// A role whose key the signer of the last links just rotated: its
    /// other members' removals may follow, by the same signer.
    rotation: Option<(Signer, Role)>,
    /// Whether sessions and the profile must be signed (the genesis says).
    pub records_signed: bool,
    /// Whether pictures, print records and preferences must be signed too
    /// (the genesis says).
    pub all_records_signed: bool,
}

/// Why a link is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Only the social worker or the recovery key may do this.
    NotAllowed,
    /// Nobody would be left.
    LastMember,
    /// Not a current member (or already one).
    NoSuchMember,
    AlreadyMember,
    NameTaken,
    /// Admitting to a role before it has a key.
    NoRoleKey,
    /// A key or the genesis out of place, or unreadable.
    Malformed(&'static str),
}

impl Refusal {
    /// The caller's error for a refused local change.
    fn into_error(self, change: &Change) -> Error {
        match (self, change) {
            (Refusal::NotAllowed, Change::Remove { .. }) => Error::MayNotRemoveOthers,
            (Refusal::NotAllowed, Change::Admit { role, .. } | Change::RoleKey { role, .. }) => {
                Error::MayNotAdmit { role: role.as_str() }
            }
            (Refusal::LastMember, _) => Error::LastMember,
            (Refusal::NameTaken, Change::Admit { name, .. }) => Error::MemberExists { name: name.clone() },
            (other, _) => Error::tampered(format!("A membership change ({other:?})")),
        }
    }
}

/// Who may change membership, checked on every link, written or replayed:
///
/// | change | allowed to |
/// |---|---|
/// | admit, or a role's first key | the recovery key; a social worker; the binder's creator for a role with nobody in it yet |
/// | admit, pending a countersignature | a carer or social worker admitting someone to their own role |
/// | approve a pending admission | the recovery key; a social worker |
/// | a role's new key (rotation) | the recovery key; a social worker; a member of that role |
/// | remove | the recovery key; a social worker; the member themselves; a member of the role right after rotating its key |
///
/// Never: removing the last member; a young person admitting anyone. Only a
/// social worker removes a social worker, so the last one leaves only by
/// themselves, and then only the recovery key brings in the next.
/// The creator rule lets a carer who starts a book at home bring in the
/// social worker and the child. A second carer is admitted by a carer (who
/// holds the key to wrap for them) and countersigned by the social worker,
/// as MLS commits are by a member with the authority; the members screen
/// shows who admitted whom.
pub(crate) fn authorise(state: &Membership, by: &Signer, change: &Change) -> std::result::Result<(), Refusal> {
    let actor = match by {
        Signer::Recovery => None,
        Signer::Member { id } => Some((id.as_str(), state.members.get(id).ok_or(Refusal::NoSuchMember)?)),
    };
    let social_worker = actor.is_none_or(|(_, m)| m.role == Role::SocialWorker);
    let creator = actor.is_some_and(|(id, _)| state.creator.as_deref() == Some(id));
    // Nobody has ever been in it: once a role had a member (the last social
    // worker who left, say), only a social worker or the recovery key
    // brings in the next.
    let nobody_in = |role: Role| !state.members.values().chain(state.pending.values()).chain(state.former.values()).any(|m| m.role == role);
    match change {
        Change::Genesis { .. } => Err(Refusal::Malformed("a second genesis")),
        Change::RoleKey { role, recipient, common } => {
            keys::parse_recipient(recipient).ok_or(Refusal::Malformed("a role key"))?;
            let first = !state.role_keys.contains_key(role);
            if let Some(common) = common {
                keys::parse_recipient(common).ok_or(Refusal::Malformed("the shared key"))?;
                if first || state.commons.contains(common) {
                    return Err(Refusal::Malformed("a new shared key out of place"));
                }
            }
            let holder = actor.is_some_and(|(_, m)| m.role == *role);
            let allowed = social_worker || (first && creator && nobody_in(*role)) || (!first && holder);
            allowed.then_some(()).ok_or(Refusal::NotAllowed)
        }
        Change::Admit { member, name, role, sign } => {
            PublicKey::parse(sign).ok_or(Refusal::Malformed("a signing key"))?;
            if state.members.contains_key(member) || state.pending.contains_key(member) || state.former.contains_key(member) {
                return Err(Refusal::AlreadyMember);
            }
            if state.members.values().chain(state.pending.values()).any(|m| m.name.to_lowercase() == name.to_lowercase()) {
                return Err(Refusal::NameTaken);
            }
            if !state.role_keys.contains_key(role) {
                return Err(Refusal::NoRoleKey);
            }
            let own_role = actor.is_some_and(|(_, m)| m.role == *role && *role != Role::YoungPerson);
            (social_worker || (creator && nobody_in(*role)) || own_role).then_some(()).ok_or(Refusal::NotAllowed)
        }
        Change::Approve { member } => {
            if !state.pending.contains_key(member) {
                return Err(Refusal::NoSuchMember);
            }
            social_worker.then_some(()).ok_or(Refusal::NotAllowed)
        }
        Change::Remove { member } if state.pending.contains_key(member) => {
            // Turning down an admission: whoever could approve it, or the
            // member who made it.
            let made_it = state.pending[member].admitted_by == *by;
            (social_worker || made_it).then_some(()).ok_or(Refusal::NotAllowed)
        }
        Change::Remove { member } => {
            let leaving = state.members.get(member).ok_or(Refusal::NoSuchMember)?;
            if state.members.len() <= 1 {
                return Err(Refusal::LastMember);
            }
            let themselves = actor.is_some_and(|(id, _)| id == member);
            let rotating = actor.is_some_and(|(_, m)| m.role == leaving.role) && state.rotating_role(by) == Some(leaving.role);
            (social_worker || themselves || rotating).then_some(()).ok_or(Refusal::NotAllowed)
        }
    }
}

impl Membership {
    /// The state after the genesis alone.
    fn from_genesis(link: &Link, hash: &str) -> std::result::Result<Self, Refusal> {
        let Change::Genesis { recovery_sign, recovery_recipient, common_recipient, records_signed, all_records_signed } = &link.change else {
            return Err(Refusal::Malformed("the first link is not a genesis"));
        };
        if link.seq != 1 || link.prev.is_some() || link.by != Signer::Recovery {
            return Err(Refusal::Malformed("the genesis"));
        }
        keys::parse_recipient(recovery_recipient).ok_or(Refusal::Malformed("the recovery key"))?;
        keys::parse_recipient(common_recipient).ok_or(Refusal::Malformed("the shared key"))?;
        Ok(Membership {
            genesis: hash.to_owned(),
            head: hash.to_owned(),
            len: 1,
            recovery_sign: PublicKey::parse(recovery_sign).ok_or(Refusal::Malformed("the recovery signing key"))?,
            recovery_recipient: recovery_recipient.clone(),
            common_recipient: common_recipient.clone(),
            commons: vec![common_recipient.clone()],
            members: BTreeMap::new(),
            pending: BTreeMap::new(),
            former: BTreeMap::new(),
            role_keys: BTreeMap::new(),
            key_generation: 0,
            creator: None,
            rotation: None,
            records_signed: *records_signed,
            all_records_signed: *all_records_signed,
        })
    }

    /// The role whose key `by` rotated, if their run of links since began
    /// with that rotation (so each of the role's other members may go).
    fn rotating_role(&self, by: &Signer) -> Option<Role> {
        self.rotation.as_ref().filter(|(signer, _)| signer == by).map(|(_, role)| *role)
    }

    /// Whether an admission by `by` to `role` waits for a countersignature:
    /// only when made under the own-role rule of [`authorise`].
    fn needs_approval(&self, by: &Signer, role: Role) -> bool {
        let Signer::Member { id } = by else { return false };
        let Some(actor) = self.members.get(id) else { return false };
        let first_by_creator = self.creator.as_deref() == Some(id.as_str())
            && !self.members.values().chain(self.former.values()).any(|m| m.role == role);
        actor.role != Role::SocialWorker && !first_by_creator
    }

    /// The key that must have signed a link by `by`.
    fn key_of(&self, by: &Signer) -> Option<PublicKey> {
        match by {
            Signer::Recovery => Some(self.recovery_sign),
            Signer::Member { id } => self.members.get(id).map(|m| m.sign),
        }
    }

    /// Apply an authorised change.
    fn apply(&mut self, by: &Signer, change: &Change) {
        match change {
            Change::Genesis { .. } => {}
            Change::RoleKey { role, recipient, common } => {
                if self.role_keys.insert(*role, recipient.clone()).is_some() {
                    self.key_generation += 1;
                }
                self.commons.extend(common.clone());
            }
            Change::Admit { member, name, role, sign } => {
                let sign = PublicKey::parse(sign).expect("authorise parsed it");
                if self.creator.is_none() && *by == Signer::Recovery && self.members.is_empty() {
                    self.creator = Some(member.clone());
                }
                let admitted = Admitted { name: name.clone(), role: *role, sign, admitted_by: by.clone() };
                if self.needs_approval(by, *role) {
                    self.pending.insert(member.clone(), admitted);
                } else {
                    self.members.insert(member.clone(), admitted);
                }
            }
            Change::Approve { member } => {
                if let Some(approved) = self.pending.remove(member) {
                    self.members.insert(member.clone(), approved);
                }
            }
            Change::Remove { member } => {
                self.pending.remove(member);
                if let Some(gone) = self.members.remove(member) {
                    self.former.insert(member.clone(), gone);
                }
                if self.creator.as_deref() == Some(member) {
                    self.creator = None;
                }
            }
        }
        self.rotation = match (change, &self.rotation) {
            (Change::RoleKey { role, .. }, _) => Some((by.clone(), *role)),
            (Change::Remove { .. }, Some((signer, role))) if signer == by => Some((signer.clone(), *role)),
            _ => None,
        };
    }

    /// The member signing as `keys`, or the recovery key.
    pub(crate) fn signer_for(&self, keys: &Keyring) -> Signer {
        match keys.actor().member_id() {
            Some(id) => Signer::Member { id: id.to_owned() },
            None => Signer::Recovery,
        }
    }

    /// Who admitted a member.
    pub(crate) fn admitted_by(&self, member: &str) -> Option<AddedBy> {
        let admitted = self.members.get(member).or_else(|| self.pending.get(member))?;
        if self.creator.as_deref() == Some(member) {
            return Some(AddedBy::Started);
        }
        Some(self.name_of(&admitted.admitted_by))
    }

    /// A member's name as the log has it (a former member's too).
    pub(crate) fn member_name(&self, id: &str) -> Option<&str> {
        self.members.get(id).or_else(|| self.pending.get(id)).or_else(|| self.former.get(id)).map(|m| m.name.as_str())
    }

    /// Who a signer is, as the log has them now.
    pub(crate) fn name_of(&self, signer: &Signer) -> AddedBy {
        match signer {
            Signer::Recovery => AddedBy::Recovery,
            Signer::Member { id } => AddedBy::Member { name: self.member_name(id).unwrap_or(id).to_owned() },
        }
    }
}

/// `SHA-256(link bytes ‖ signature)`, hex: what the next link names.
pub(crate) fn link_hash(link: &[u8], signature: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(link);
    hash.update(signature);
    signing::hex(&hash.finalize())
}

/// Replay stored links from the genesis, verifying each one's place in the
/// chain, signature and authority. `None` when there are no links (a
/// binder from before schema 8).
pub(crate) fn replay(binder_id: &str, rows: &[LinkRow]) -> Result<Option<Membership>> {
    let mut state: Option<Membership> = None;
    for (i, row) in rows.iter().enumerate() {
        let refused = |why: &str| Error::tampered(format!("Link {} of the membership log ({why})", i + 1));
        let link: Link = serde_json::from_slice(&row.link).map_err(|_| refused("unreadable"))?;
        let hash = link_hash(&row.link, &row.signature);
        if link.v != 1 || link.binder != binder_id || link.seq != i as u64 + 1 || row.seq != link.seq as i64 {
            return Err(refused("out of place"));
        }
        match &mut state {
            None => {
                let genesis = Membership::from_genesis(&link, &hash).map_err(|r| refused(&format!("{r:?}")))?;
                if !genesis.recovery_sign.verifies(Purpose::MembershipLink, &row.link, &row.signature) {
                    return Err(refused("not signed by the recovery key"));
                }
                state = Some(genesis);
            }
            Some(state) => {
                if link.prev.as_deref() != Some(state.head.as_str()) {
                    return Err(refused("does not follow the link before it"));
                }
                let key = state.key_of(&link.by).ok_or_else(|| refused("signed by someone who is not a member"))?;
                if !key.verifies(Purpose::MembershipLink, &row.link, &row.signature) {
                    return Err(refused("its signature does not verify"));
                }
                authorise(state, &link.by, &link.change).map_err(|r| refused(&format!("not allowed: {r:?}")))?;
                state.apply(&link.by, &link.change);
                state.head = hash;
                state.len += 1;
            }
        }
    }
    Ok(state)
}

/// Links being added in one transaction: each is authorised against the
/// state the ones before it made, signed, and written.
pub(crate) struct Appender<'a> {
    binder_id: &'a str,
    state: Membership,
    by: Signer,
    key: &'a SigningKey,
}

impl<'a> Appender<'a> {
    pub(crate) fn new(binder_id: &'a str, state: Membership, by: Signer, key: &'a SigningKey) -> Self {
        Appender { binder_id, state, by, key }
    }

    /// Authorise, sign and store one change.
    pub(crate) fn append(&mut self, db: Db<'_>, change: Change) -> Result<()> {
        authorise(&self.state, &self.by, &change).map_err(|r| r.into_error(&change))?;
        if self.state.key_of(&self.by) != Some(self.key.public()) {
            return Err(Error::tampered("Your signing key (it is not the one the membership log has for you)"));
        }
        let link = Link {
            v: 1,
            binder: self.binder_id.to_owned(),
            seq: self.state.len + 1,
            prev: Some(self.state.head.clone()),
            at: store::now(),
            by: self.by.clone(),
            change: change.clone(),
        };
        let bytes = serde_json::to_vec(&link).expect("links always serialise");
        let signature = self.key.sign(Purpose::MembershipLink, &bytes);
        db.append_link(&LinkRow { seq: link.seq as i64, link: bytes.clone(), signature: signature.to_vec() })?;
        self.state.apply(&self.by, &change);
        self.state.head = link_hash(&bytes, &signature);
        self.state.len += 1;
        Ok(())
    }

    pub(crate) fn state(&self) -> &Membership {
        &self.state
    }
}

/// Two copies that both changed membership since they last exchanged hold
/// logs that share their first links and then part: a fork. Which branch
/// the binder keeps is decided alike on every copy, whatever order the
/// files arrive in, by the first of these that tells the branches apart:
///
/// 1. it removes someone who signed a link of the other branch, so a
///    removed member's changes made elsewhere before they heard of it never
///    outlive the removal (MLS and Keybase: a conflicting removal wins);
/// 2. a social worker (or the recovery key) removes someone else who was
///    in at the fork: a withdrawal wins over an addition (not a member
///    leaving, nor a rotation's sweep, which anyone of a role can make,
///    so ties of rule 4's coin are not theirs to make at will);
/// 3. it starts a new generation of the binder's keys;
/// 4. its first link's hash is the smaller (a coin both copies see alike).
///
/// Two branches that each remove a signer of the other are not settled:
/// [`Error::MembershipForked`], and neither copy changes.
///
/// `fork` is the state after the links both logs share; `ours` and
/// `theirs` the links each has after them (both verified by [`replay`]).
/// The losing branch's links are made again where they still may be
/// ([`Appender::rebase`]).
pub(crate) fn theirs_prevails(fork: &Membership, ours: &[LinkRow], theirs: &[LinkRow]) -> Result<bool> {
    let (ours, theirs) = (parsed(ours)?, parsed(theirs)?);
    let (mine, other) = (standing(fork, &ours, &theirs), standing(fork, &theirs, &ours));
    // Each removes someone who signed the other (two carers each rotating
    // the other out, say): no rule may pick one, and least of all the coin,
    // which whoever made a branch can try again and again for.
    if mine.removes_a_signer_of_the_other && other.removes_a_signer_of_the_other {
        return Err(Error::MembershipForked);
    }
    Ok(other > mine)
}

/// How strongly a branch of a fork stands, compared field by field.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Standing {
    removes_a_signer_of_the_other: bool,
    removes_a_member: bool,
    new_keys: bool,
    smaller_first_hash: std::cmp::Reverse<String>,
}

fn standing(fork: &Membership, branch: &[(Link, String)], other: &[(Link, String)]) -> Standing {
    let removed: Vec<&str> = branch
        .iter()
        .filter_map(|(link, _)| match &link.change {
            Change::Remove { member } => Some(member.as_str()),
            _ => None,
        })
        .collect();
    let signed_other = other.iter().any(|(link, _)| matches!(&link.by, Signer::Member { id } if removed.contains(&id.as_str())));
    Standing {
        removes_a_signer_of_the_other: signed_other,
        removes_a_member: branch.iter().any(|(link, _)| match (&link.change, &link.by) {
            (Change::Remove { member }, Signer::Recovery) => fork.members.contains_key(member),
            (Change::Remove { member }, Signer::Member { id }) => {
                member != id && fork.members.contains_key(member) && fork.members.get(id).is_some_and(|m| m.role == Role::SocialWorker)
            }
            _ => false,
        }),
        new_keys: branch.iter().any(|(link, _)| matches!(link.change, Change::RoleKey { common: Some(_), .. })),
        smaller_first_hash: std::cmp::Reverse(branch.first().map(|(_, hash)| hash.clone()).unwrap_or_default()),
    }
}

/// Links as signed, each with its hash.
fn parsed(rows: &[LinkRow]) -> Result<Vec<(Link, String)>> {
    rows.iter()
        .map(|row| {
            let link = serde_json::from_slice(&row.link).map_err(|_| Error::tampered(format!("Link {} of the membership log (unreadable)", row.seq)))?;
            Ok((link, link_hash(&row.link, &row.signature)))
        })
        .collect()
}

/// What became of this copy's links on a branch of a fork that lost.
#[derive(Default)]
pub(crate) struct Rebased {
    /// Made again, signed by the member importing, on the winning branch.
    pub redone: usize,
    /// Additions (admissions, approvals) that someone else made on this
    /// copy: they must make them again.
    pub undone: usize,
    /// Members whose admission was made again: their rows go out again
    /// with the next exchange.
    pub readmitted: Vec<String>,
    /// Members the importing member removed on this copy: removed again
    /// once the import's records are in, since that renews keys
    /// (src/members.rs).
    pub removals: Vec<Removal>,
    /// The binder-wide key of a rotation made again.
    pub fresh_common: Vec<age::x25519::Identity>,
}

/// A removal on a losing branch, to be made again.
pub(crate) struct Removal {
    pub member: String,
    /// It gave the role new keys there: made again, it must too.
    pub renewed: bool,
}

impl Appender<'_> {
    /// Make this copy's links of a losing branch ([`theirs_prevails`]) again
    /// on the winning one, as far as they still may be. The member
    /// importing re-signs their own admissions, approvals and turned-down
    /// admissions; their removals are returned to be made again with new
    /// keys. A removal or a key change that cannot be made again here (made
    /// by someone else, or no longer allowed) is never dropped: the import
    /// is refused ([`Error::MembershipForked`]) and this copy stays as it is.
    pub(crate) fn rebase(&mut self, db: Db<'_>, fork: &Membership, lost: &[LinkRow]) -> Result<Rebased> {
        let mut done = Rebased::default();
        // A removal's run as `remove_member` writes it (src/members.rs): the
        // member, the waiting admissions to their role turned down with it,
        // then, if it renewed keys, the role's new key. `None` inside: the
        // winning branch had already removed them.
        let mut run: Option<(Signer, Role, Option<usize>)> = None;
        // A rotation's run as `rotate` writes it: the role's new key, then
        // the removal of its other members.
        let mut rotation: Option<Role> = None;
        for (link, _) in parsed(lost)? {
            let mine = link.by == self.by;
            let state = &self.state;
            let in_run = run.take().filter(|(by, ..)| *by == link.by).map(|(_, role, at)| (role, at));
            let in_rotation = rotation.take().filter(|_| mine);
            // Signed by someone the winning branch removed: theirs to lose
            // (that branch stands because it removed them: rule 1 of
            // [`theirs_prevails`]).
            if matches!(&link.by, Signer::Member { id } if state.former.contains_key(id)) && !mine {
                continue;
            }
            match link.change {
                Change::Genesis { .. } => return Err(Error::tampered("The membership log (a second genesis)")),
                // The rest of a rotation made again: gone with its sweep.
                Change::Remove { .. } if in_rotation.is_some() => rotation = in_rotation,
                Change::Remove { member } if state.members.contains_key(&member) => {
                    if !mine || authorise(state, &self.by, &Change::Remove { member: member.clone() }).is_err() {
                        return Err(Error::MembershipForked);
                    }
                    run = Some((link.by.clone(), state.members[&member].role, Some(done.removals.len())));
                    done.removals.push(Removal { member, renewed: false });
                }
                // A turned-down admission is a withdrawal too: never undone.
                Change::Remove { member } if state.pending.contains_key(&member) => {
                    if !mine || authorise(state, &self.by, &Change::Remove { member: member.clone() }).is_err() {
                        return Err(Error::MembershipForked);
                    }
                    self.append(db, Change::Remove { member })?;
                    done.redone += 1;
                    run = in_run.map(|(role, at)| (link.by.clone(), role, at));
                }
                // Gone already on the winning branch (an admission turned
                // down there has no role here: the run goes on).
                Change::Remove { member } => {
                    let role = state.former.get(&member).or_else(|| fork.members.get(&member)).map(|m| m.role);
                    run = match (role, in_run) {
                        (Some(role), _) => Some((link.by.clone(), role, None)),
                        (None, Some((role, at))) => Some((link.by.clone(), role, at)),
                        (None, None) => None,
                    };
                }
                // The new keys of a removal: renewed again with it, or, for
                // one the winning branch made too, renewed there since.
                Change::RoleKey { role, common: Some(_), .. } if in_run.is_some_and(|(r, _)| r == role) => match in_run {
                    Some((_, Some(at))) => done.removals[at].renewed = true,
                    _ if fork.role_keys.get(&role) != state.role_keys.get(&role) => {}
                    _ => return Err(Error::MembershipForked),
                },
                // The winning branch has this key already (its maker made
                // the change again there).
                Change::RoleKey { role, recipient, .. } if state.role_keys.get(&role) == Some(&recipient) => {}
                // The importing member's own rotation: made again with the
                // same role key (their keyring holds it) and a fresh
                // binder-wide key (the one it had was wrapped to every
                // role's key of the time, some of which the winning branch
                // may have renewed), and, as any rotation, without the
                // role's other members, who are added again.
                Change::RoleKey { role, recipient, common: Some(_) } if mine && in_run.is_none() => {
                    let fresh = keys::generate();
                    let change = Change::RoleKey { role, recipient, common: Some(fresh.to_public().to_string()) };
                    if authorise(state, &self.by, &change).is_err() {
                        return Err(Error::MembershipForked);
                    }
                    let me = match &self.by {
                        Signer::Member { id } => Some(id.clone()),
                        Signer::Recovery => None,
                    };
                    let others: Vec<String> =
                        state.members.iter().filter(|(id, m)| m.role == role && Some(*id) != me.as_ref()).map(|(id, _)| id.clone()).collect();
                    self.append(db, change)?;
                    for member in others {
                        self.append(db, Change::Remove { member })?;
                        done.undone += 1;
                    }
                    done.fresh_common.push(fresh);
                    done.redone += 1;
                    rotation = Some(role);
                }
                Change::RoleKey { role, recipient, common: None } if mine && !state.role_keys.contains_key(&role) => {
                    self.append(db, Change::RoleKey { role, recipient, common: None })?;
                    done.redone += 1;
                }
                Change::RoleKey { .. } => return Err(Error::MembershipForked),
                change if mine && authorise(state, &self.by, &change).is_ok() => {
                    if let Change::Admit { member, .. } = &change {
                        done.readmitted.push(member.clone());
                    }
                    self.append(db, change)?;
                    done.redone += 1;
                }
                Change::Approve { member } if !state.pending.contains_key(&member) => {}
                _ => done.undone += 1,
            }
        }
        Ok(done)
    }
}

/// The genesis link of a new binder, signed by its recovery key.
pub(crate) fn genesis(db: Db<'_>, binder_id: &str, recovery: &SigningKey, recovery_recipient: &str, common_recipient: &str) -> Result<Membership> {
    let link = Link {
        v: 1,
        binder: binder_id.to_owned(),
        seq: 1,
        prev: None,
        at: store::now(),
        by: Signer::Recovery,
        change: Change::Genesis {
            recovery_sign: recovery.public().to_string(),
            recovery_recipient: recovery_recipient.to_owned(),
            common_recipient: common_recipient.to_owned(),
            records_signed: true,
            all_records_signed: true,
        },
    };
    let bytes = serde_json::to_vec(&link).expect("links always serialise");
    let signature = recovery.sign(Purpose::MembershipLink, &bytes);
    db.append_link(&LinkRow { seq: 1, link: bytes.clone(), signature: signature.to_vec() })?;
    Membership::from_genesis(&link, &link_hash(&bytes, &signature)).map_err(|r| Error::tampered(format!("{r:?}")))
}

/// For `check` (no keys needed: signatures are checked with public keys):
/// the log replayed from its genesis, and the `members` and `role_keys`
/// rows it caches compared with it.
pub(crate) fn problems(db: Db<'_>) -> Vec<String> {
    let found = (|| -> Result<Vec<String>> {
        let header = db.header()?;
        let Some(state) = replay(&header.binder_id, &db.links()?)? else { return Ok(Vec::new()) };
        let mut problems = Vec::new();
        if state.recovery_recipient != header.recovery_recipient || state.common_recipient != header.common_recipient {
            problems.push("The binder's recovery or shared key is not the one its membership log began with.".to_owned());
        }
        for row in db.role_keys()? {
            if state.role_keys.get(&row.role) != Some(&row.recipient) {
                problems.push(format!(
                    "The {} public key in role_keys is not the one the membership log gives (changed outside the app); \
                     new pages are sealed to the log's key.",
                    row.role.label()
                ));
            }
        }
        for row in db.members()? {
            if !state.members.contains_key(&row.id) && !state.pending.contains_key(&row.id) {
                problems.push(format!("A member row ({}) that the membership log doesn't have: it cannot unlock.", row.name));
            }
        }
        Ok(problems)
    })();
    found.unwrap_or_else(|e| vec![e.to_string()])
}

/// What a member can see of the binder's integrity (Settings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Integrity {
    /// Membership replayed from its first link: every link signed and allowed.
    Signed {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        links: u64,
        members: usize,
        /// Pages whose signatures hold, and those that do not (not shown).
        pages: usize,
        refused_pages: usize,
    },
    /// Made before membership was signed: who is in it is not verified.
    Unsigned,
}

/// A member as the members screen shows them.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// Who admitted them; none in an unsigned binder.
    pub added_by: Option<AddedBy>,
    /// Added by someone of their own role: waiting for a social worker.
    pub awaiting_approval: bool,
}

/// Who admitted a member, for the window to word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum AddedBy {
    /// Nobody: they started the binder (the recovery key countersigned).
    Started,
    /// The agency, with the recovery sheet.
    Recovery,
    /// A member, as the log names them now (former members too).
    Member { name: String },
}

/// The members screen: who is in, who brought them in, and how sure that is.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct People {
    pub people: Vec<Person>,
    pub integrity: Integrity,
}

/// The last replay, kept for as long as the log is unchanged: verifying
/// each link's signature is the cost (tens of microseconds a link), and a
/// role's key is asked for on every write.
#[derive(Default)]
pub(crate) struct Verified(std::sync::Mutex<Option<(Vec<LinkRow>, Option<Membership>)>>);

impl Verified {
    /// The state for `rows`, replayed only when they differ from last time.
    pub(crate) fn state(&self, binder_id: &str, rows: Vec<LinkRow>) -> Result<Option<Membership>> {
        let mut last = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, state)) = last.as_ref() {
            if *seen == rows {
                return Ok(state.clone());
            }
        }
        let state = replay(binder_id, &rows)?;
        *last = Some((rows, state.clone()));
        Ok(state)
    }
}
