//! Sessions and the child's profile (schema 12), pictures and their
//! removals (schema 13), signed.
//!
//! As with pages (the parent module), a statement is canonical JSON of the
//! row's plaintext columns and the SHA-256 of its sealed value, signed by
//! the member who wrote it, so anyone with the public keys in the file can
//! check it and nobody without a member's signing key can make one. The
//! proof (JSON text in the row's `proof` column) names its signer:
//!
//! | record | may sign |
//! |---|---|
//! | a session (started, ended, its notes) | its facilitator; any carer; any social worker; the recovery key |
//! | the profile | any member (the young person chooses the book's title and cover); the recovery key |
//! | a picture, a picture's removal | whoever may share its page ([`crate::authority`], "add or change its pictures") |
//! | a print record | whoever printed it (any member); the recovery key |
//! | a member's settings | that member |
//!
//! A binder made since schema 12 says in its genesis link that its records
//! are signed: there an unsigned or forged record is refused (not listed,
//! not shown, not imported). A signed binder made before (schemas 8 to 11)
//! still accepts its unsigned sessions and profile, and refuses a signed
//! one that does not verify: marking it strict would be a membership change
//! two copies could make at once, forking their logs. Pictures likewise,
//! from schema 13 (`all_records_signed`), and print records and settings,
//! which stay on one copy: a forged print record would make a refill skip
//! new pages, so it is passed over; forged settings read as the defaults.
//!
//! A picture's copies are not signed one by one: its sealed info, which is
//! signed, holds the SHA-256 of each copy, checked when a copy is opened.
//! Its position on the page is not signed, like a page's in its section.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::proof::{digest, parse, signer, unhex};
use crate::audience::Role;
use crate::authority::{self, Acting, PageAct};
use crate::membership::Membership;
use crate::signing::{self, Purpose, SigningKey};

/// A session's facts, as stored or as they arrive.
pub(crate) struct SessionFacts<'a> {
    pub id: &'a str,
    pub started_at: &'a str,
    pub ended_at: Option<&'a str>,
    pub facilitator: Option<&'a str>,
    pub body: &'a [u8],
}

impl crate::store::SessionRow {
    /// Its facts, with its sealed notes `body`.
    pub(crate) fn facts<'a>(&'a self, body: &'a [u8]) -> SessionFacts<'a> {
        SessionFacts {
            id: &self.id,
            started_at: &self.started_at,
            ended_at: self.ended_at.as_deref(),
            facilitator: self.facilitator.as_deref(),
            body,
        }
    }
}

/// A picture's facts, as stored or as they arrive.
pub(crate) struct PictureFacts<'a> {
    pub id: &'a str,
    pub entry: &'a str,
    /// Its sealed info.
    pub info: &'a [u8],
}

/// Whose page a picture is on, for the rules.
#[derive(Clone, Copy)]
pub(crate) enum PageAuthor<'a> {
    /// Its author by the page's verified signatures (none: the recovery key).
    Known(Option<&'a str>),
    /// Not known here: the page is not signed (a binder from before the
    /// membership log) or not on this copy. Any member then.
    Unknown,
}

/// A print record's facts, as stored.
pub(crate) struct PrintFacts<'a> {
    pub at: &'a str,
    pub audience: &'a str,
    /// Who printed: emptied when they leave the binder (`ON DELETE SET
    /// NULL`); the proof's signer is who printed.
    pub member: Option<&'a str>,
    pub pages: i64,
    pub refill: bool,
    pub page_map: &'a str,
}

impl crate::store::PrintRow {
    pub(crate) fn facts(&self) -> PrintFacts<'_> {
        PrintFacts {
            at: &self.at,
            audience: &self.audience,
            member: self.member.as_deref(),
            pages: self.pages,
            refill: self.refill,
            page_map: &self.page_map,
        }
    }
}

/// What is signed: a session, the profile, a picture or its removal, a
/// print record, a member's settings.
pub(crate) enum Record<'a> {
    Session(SessionFacts<'a>),
    /// The sealed profile.
    Profile(&'a [u8]),
    Picture(PictureFacts<'a>, PageAuthor<'a>),
    /// A picture's removal: its id and its page's (the page the picture
    /// is on here, else the one its removal names, [`removed_from`]).
    PictureRemoved { id: &'a str, entry: &'a str, author: PageAuthor<'a> },
    Print(PrintFacts<'a>),
    /// A member's sealed settings.
    Preferences { member: &'a str, sealed: &'a [u8] },
}

/// A record's signature, as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordProof {
    /// A member id, or none for the recovery key.
    by: Option<String>,
    /// A session's facilitator as signed: the column is emptied when they
    /// leave the binder (`ON DELETE SET NULL`), their signed session stays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    facilitator: Option<String>,
    /// A picture removal's page, as signed: a copy that no longer holds the
    /// picture still knows whose page's rules to check it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entry: Option<String>,
    sig: String,
}

impl Record<'_> {
    fn purpose(&self) -> Purpose {
        match self {
            Record::Session(_) => Purpose::Session,
            Record::Profile(_) => Purpose::Profile,
            Record::Picture(..) => Purpose::Picture,
            Record::PictureRemoved { .. } => Purpose::PictureRemoval,
            Record::Print(_) => Purpose::Print,
            Record::Preferences { .. } => Purpose::Preferences,
        }
    }

    /// Whether the binder refuses this kind unsigned (its genesis says).
    fn required(&self, state: &Membership) -> bool {
        match self {
            Record::Session(_) | Record::Profile(_) => state.records_signed,
            Record::Picture(..) | Record::PictureRemoved { .. } | Record::Print(_) | Record::Preferences { .. } => {
                state.all_records_signed
            }
        }
    }

    /// The facilitator a session's statement names: as stored, when signing.
    fn facilitator(&self) -> Option<&str> {
        match self {
            Record::Session(s) => s.facilitator,
            _ => None,
        }
    }

    /// `facilitator`: a session's, as its proof names it.
    fn statement(&self, binder: &str, by: Option<&str>, facilitator: Option<&str>) -> Vec<u8> {
        let value = match self {
            Record::Session(s) => json!({
                "v": 1, "binder": binder, "session": s.id, "started_at": s.started_at, "ended_at": s.ended_at,
                "facilitator": facilitator, "body": digest(s.body), "by": by,
            }),
            Record::Profile(sealed) => json!({ "v": 1, "binder": binder, "profile": digest(sealed), "by": by }),
            Record::Picture(p, _) => json!({
                "v": 1, "binder": binder, "picture": p.id, "entry": p.entry, "info": digest(p.info), "by": by,
            }),
            Record::PictureRemoved { id, entry, .. } => {
                json!({ "v": 1, "binder": binder, "picture_removed": id, "entry": entry, "by": by })
            }
            Record::Print(p) => json!({
                "v": 1, "binder": binder, "printed_at": p.at, "audience": p.audience, "pages": p.pages, "refill": p.refill,
                "page_map": digest(p.page_map.as_bytes()), "by": by,
            }),
            Record::Preferences { member, sealed } => {
                json!({ "v": 1, "binder": binder, "preferences_of": member, "body": digest(sealed), "by": by })
            }
        };
        serde_json::to_vec(&value).expect("statements always serialise")
    }

    /// Whether the rules let `by` (with `role` by the log) write it, a
    /// session's `facilitator` as signed.
    fn may_write(&self, by: Option<&str>, role: Option<Role>, facilitator: Option<&str>) -> bool {
        match (self, role) {
            (_, None) => by.is_none(), // the recovery key
            (Record::Session(_), Some(role)) => facilitator == by || matches!(role, Role::Carer | Role::SocialWorker),
            (Record::Profile(_), Some(_)) => true,
            (Record::Picture(_, page) | Record::PictureRemoved { author: page, .. }, Some(role)) => match page {
                PageAuthor::Known(author) => {
                    by.is_some_and(|id| authority::may(PageAct::Share, Acting::Member { id, role }, *author))
                }
                PageAuthor::Unknown => true,
            },
            (Record::Print(_), Some(_)) => true,
            (Record::Preferences { member, .. }, Some(_)) => by == Some(*member),
        }
    }

    /// Why a column naming a member no longer matches its proof: such a
    /// column may only have been emptied (its member left), never changed.
    fn changed_after_signing(&self, proof: &RecordProof) -> Option<&'static str> {
        match self {
            Record::Session(s) if s.facilitator.is_some_and(|f| Some(f) != proof.facilitator.as_deref()) => {
                Some("who ran it was changed after it was signed")
            }
            Record::Print(p) if p.member.is_some_and(|m| Some(m) != proof.by.as_deref()) => {
                Some("who printed it was changed after it was signed")
            }
            _ => None,
        }
    }
}

/// The proof for `record`, signed by `by` (none: the recovery key) with `key`.
pub(crate) fn sign(binder: &str, record: &Record<'_>, by: Option<&str>, key: &SigningKey) -> String {
    let facilitator = record.facilitator();
    let sig = key.sign(record.purpose(), &record.statement(binder, by, facilitator));
    let entry = match record {
        Record::PictureRemoved { entry, .. } => Some((*entry).to_owned()),
        _ => None,
    };
    let proof = RecordProof { by: by.map(str::to_owned), facilitator: facilitator.map(str::to_owned), entry, sig: signing::hex(&sig) };
    serde_json::to_string(&proof).expect("proofs always serialise")
}

/// Whether the unlocked member (or recovery key) may sign `record`, by the
/// table above.
pub(crate) fn may_sign(state: &Membership, record: &Record<'_>, keys: &crate::keys::Keyring) -> bool {
    let by = keys.actor().member_id();
    signer(state, by).is_some_and(|(_, role)| record.may_write(by, role, record.facilitator()))
}

/// Why a record's proof does not hold (`Ok` for an unsigned one in a
/// binder whose records are not signed yet).
pub(crate) fn problem(state: &Membership, binder: &str, record: &Record<'_>, proof: Option<&str>) -> Result<(), &'static str> {
    let Some(proof) = proof else {
        return if record.required(state) { Err("it is not signed") } else { Ok(()) };
    };
    let proof: RecordProof = parse(proof).ok_or("its signature is unreadable")?;
    let (key, role) = signer(state, proof.by.as_deref()).ok_or("it is signed by someone who is not a member")?;
    if let Some(why) = record.changed_after_signing(&proof) {
        return Err(why);
    }
    let facilitator = proof.facilitator.as_deref();
    let statement = record.statement(binder, proof.by.as_deref(), facilitator);
    if !unhex(&proof.sig).is_some_and(|sig| key.verifies(record.purpose(), &statement, &sig)) {
        return Err("it is not signed by the member it names");
    }
    record.may_write(proof.by.as_deref(), role, facilitator).then_some(()).ok_or("it was written by someone the rules do not let")
}

/// Whether a picture on page `entry` (by `author`) was removed for good:
/// a removal signed by someone its page's rules let is final (picture ids
/// are never reused), so a picture row back after it is a replay, put in
/// with `sqlite3` from an older copy.
pub(crate) fn removed_for_good(state: &Membership, binder: &str, id: &str, entry: &str, author: PageAuthor<'_>, removal: Option<&str>) -> bool {
    removal.is_some() && problem(state, binder, &Record::PictureRemoved { id, entry, author }, removal).is_ok()
}

/// The page a picture removal's proof names (to check it by, on a copy
/// that does not hold the picture).
pub(crate) fn removed_from(proof: Option<&str>) -> Option<String> {
    parse::<RecordProof>(proof?)?.entry
}

/// The facilitator a session's proof names (read after [`problem`] found
/// it holds): who ran it by the signature, not by the sealed notes, which
/// anyone with the common key can write.
pub(crate) fn signed_facilitator(proof: Option<&str>) -> Option<String> {
    parse::<RecordProof>(proof?)?.facilitator
}

/// The proof for `record` written by the unlocked member (or recovery
/// key); none in a binder without signing keys (made before schema 8).
pub(crate) fn sign_as(binder: &str, record: &Record<'_>, keys: &crate::keys::Keyring) -> Option<String> {
    let key = keys.signing.as_ref()?;
    Some(sign(binder, record, keys.actor().member_id(), key))
}
