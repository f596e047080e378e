//! A member's own settings for the window: interface language, text size
//! and a dyslexia-friendly font, remembered per member.
//!
//! Invariants:
//! - Stored in `preferences`, one row per member, sealed to the member's
//!   role key (a dyslexia setting says something about a person: other
//!   roles don't read it). The sealed payload names the binder and member,
//!   and a read checks both, so a row copied to another member is refused
//!   (in a signed binder its signature already fails: it reads as the
//!   defaults).
//! - Local to this copy, like `looked` (sync does not carry it): a setting
//!   belongs to the computer someone reads on as much as to them.
//! - Never needed to open the book: a row that can't be opened any more
//!   (the role key was rotated) reads as the defaults, not as an error.
//! - Signed by their member (schema 13, [`crate::signed::records`]): the
//!   role key they are sealed to is public, so anyone with the file could
//!   seal settings for someone; in a signed binder those read as the
//!   defaults, and `check` names them.

use serde::{Deserialize, Serialize};

use crate::binder::Binder;
use crate::keys::{from_json, to_json};
use crate::error::{Error, Result};
use crate::keys::{self, Keyring, Unseal};
use crate::language::Lang;
use crate::signed::records::{self, Record};

/// How big the window's text is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum TextSize {
    #[default]
    Standard,
    Large,
    Larger,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Preferences {
    pub language: Lang,
    #[serde(default)]
    pub text_size: TextSize,
    #[serde(default)]
    pub dyslexia_font: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences { language: Lang::En, text_size: TextSize::Standard, dyslexia_font: false }
    }
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    v: u8,
    binder: String,
    member: String,
    preferences: Preferences,
}

const WHAT: &str = "Your settings";

impl Binder {
    /// The unlocked member's settings; the defaults until they choose some
    /// (and always for the recovery key, which is no one in particular).
    pub fn preferences(&self, keys: &Keyring) -> Result<Preferences> {
        self.ensure_ours(keys)?;
        let Some(member) = keys.actor().member_id() else { return Ok(Preferences::default()) };
        let role = keys.actor().role();
        let stored = self.db().preferences_blob(member)?;
        let (Some((blob, proof)), Some(identity)) = (stored, keys.role_identity(role)) else {
            return Ok(Preferences::default());
        };
        let record = Record::Preferences { member, sealed: &blob };
        if self.membership()?.is_some_and(|state| records::problem(&state, &self.id, &record, proof.as_deref()).is_err()) {
            return Ok(Preferences::default());
        }
        let plain = match keys::unseal(identity, &blob) {
            Ok(plain) => plain,
            // Sealed to a role key since rotated away: choose again.
            Err(Unseal::NotForUs) => return Ok(Preferences::default()),
            Err(e) => return Err(e.into_error(WHAT)),
        };
        let sealed: Sealed = from_json(&plain, WHAT)?;
        if sealed.binder != self.id || sealed.member != member {
            return Err(Error::tampered(WHAT));
        }
        Ok(sealed.preferences)
    }

    /// Remember `preferences` for the unlocked member.
    pub fn set_preferences(&self, keys: &Keyring, preferences: Preferences) -> Result<Preferences> {
        self.ensure_ours(keys)?;
        let Some(member) = keys.actor().member_id() else {
            return Err(Error::MemberNeeded { task: crate::error::MemberTask::Settings });
        };
        let recipient = self
            .role_recipient(keys.actor().role())?
            .ok_or(Error::NoRoleKey { role: keys.actor().role().as_str() })?;
        let sealed = Sealed { v: 1, binder: self.id.clone(), member: member.to_owned(), preferences };
        let blob = keys::seal(&[&recipient], &to_json(&sealed));
        let proof = records::sign_as(&self.id, &Record::Preferences { member, sealed: &blob }, keys);
        self.db().set_preferences_blob(member, &blob, proof.as_deref())?;
        self.scrub();
        Ok(preferences)
    }
}
