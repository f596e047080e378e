//! The child's profile: name, preferred name, date of birth, pronouns.
//!
//! Every member may read it, so it is sealed to the binder's common key.
//! The identity page ("all about me") is not here: each identity field has
//! its own audience, so each is an entry of kind `identity` (see entry.rs).

use serde::{Deserialize, Serialize};

use crate::binder::Binder;
use crate::keys::{from_json, to_json};
use crate::error::{Error, Result};
use crate::keys::{self, Keyring};
use crate::signed::records::{self, Record};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub preferred_name: Option<String>,
    #[serde(default)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub pronouns: Option<String>,
    /// The printed book's title, as the young person chose it.
    #[serde(default)]
    pub book_title: Option<String>,
    /// The picture the young person chose for the cover (a picture id).
    /// It is printed only for audiences its page is shared with.
    #[serde(default)]
    pub cover_picture: Option<String>,
    /// The code shared by the binders of brothers and sisters (see
    /// siblings.rs), once this binder is linked to theirs.
    #[serde(default)]
    pub sibling_group: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    v: u8,
    binder: String,
    profile: Profile,
}

impl Profile {
    /// The name to use when talking to the child.
    pub fn called(&self) -> &str {
        self.preferred_name.as_deref().unwrap_or(&self.name)
    }

    /// The name for a sentence another family reads: the preferred name,
    /// or the first of the child's names.
    pub fn first_name(&self) -> &str {
        self.preferred_name.as_deref().unwrap_or_else(|| self.name.split_whitespace().next().unwrap_or(&self.name))
    }

    /// Age in whole years today, when the date of birth is known.
    pub fn age_today(&self) -> Option<u32> {
        let born = crate::date::parse_day(self.date_of_birth.as_deref()?).ok()?;
        crate::date::years_between(born, chrono::Local::now().date_naive())
    }

    pub(crate) fn sealed_payload(&self, binder_id: &str) -> zeroize::Zeroizing<Vec<u8>> {
        to_json(&Sealed { v: 1, binder: binder_id.to_owned(), profile: self.clone() })
    }
}

impl Binder {
    pub fn profile(&self, keys: &Keyring) -> Result<Profile> {
        self.ensure_ours(keys)?;
        let blob = self.db().profile_blob()?;
        let what = "The child's profile";
        // Signed binders: a profile nobody signed is not shown.
        if let Some(state) = self.membership()? {
            if let Err(why) = records::problem(&state, &self.id, &Record::Profile(&blob), self.db().profile_proof()?.as_deref()) {
                return Err(Error::tampered(format!("{what} ({why})")));
            }
        }
        // Sealed in the generation it was last written in.
        let common = self.common_keys(keys)?;
        let plain = keys::unseal_any(common.all(), &blob).map_err(|e| e.into_error(what))?;
        let sealed: Sealed = from_json(&plain, what)?;
        if sealed.binder != self.id {
            return Err(Error::tampered(what));
        }
        Ok(sealed.profile)
    }

    pub fn set_profile(&self, keys: &Keyring, profile: &Profile) -> Result<()> {
        self.ensure_ours(keys)?;
        if profile.name.trim().is_empty() {
            return Err(Error::ChildNameNeeded);
        }
        if let Some(dob) = &profile.date_of_birth {
            crate::date::parse_day(dob)?;
        }
        let current = self.common_keys(keys)?.current.to_public();
        let blob = keys::seal(&[&current], &profile.sealed_payload(&self.id));
        let proof = records::sign_as(&self.id, &Record::Profile(&blob), keys);
        self.db().set_profile_blob(&blob, proof.as_deref())?;
        Ok(())
    }
}
