//! Who a page is for: keyed roles and the audiences that exports obey.
//!
//! An [`Audience`] is a small set stored as a bit mask in the plaintext
//! `audience` column (so listing and filtering need no keys) and repeated
//! inside the encrypted key payload, where a read checks the two agree.
//! Bit values are part of the file format (docs/FORMAT.md): never renumber.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A role that holds an age key pair in the binder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Role {
    YoungPerson,
    Carer,
    SocialWorker,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::YoungPerson, Role::Carer, Role::SocialWorker];

    /// The name used in the file, the CLI and the UI's data.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::YoungPerson => "young-person",
            Role::Carer => "carer",
            Role::SocialWorker => "social-worker",
        }
    }

    /// Words for a person, e.g. "carer", "young person".
    pub fn label(self) -> &'static str {
        match self {
            Role::YoungPerson => "young person",
            Role::Carer => "carer",
            Role::SocialWorker => "social worker",
        }
    }

    pub fn party(self) -> Party {
        match self {
            Role::YoungPerson => Party::YoungPerson,
            Role::Carer => Party::Carer,
            Role::SocialWorker => Party::SocialWorker,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match Party::from_str(s)?.role() {
            Some(role) => Ok(role),
            None => Err(Error::not_a_choice(crate::error::Choice::Role, s)),
        }
    }
}

/// Anyone a page can be shared with. The first three hold keys; the rest are
/// consent flags that exports and prints obey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Party {
    YoungPerson,
    Carer,
    SocialWorker,
    School,
    BirthFamily,
    Siblings,
}

impl Party {
    pub const ALL: [Party; 6] = [
        Party::YoungPerson,
        Party::Carer,
        Party::SocialWorker,
        Party::School,
        Party::BirthFamily,
        Party::Siblings,
    ];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Party::YoungPerson => "young-person",
            Party::Carer => "carer",
            Party::SocialWorker => "social-worker",
            Party::School => "school",
            Party::BirthFamily => "birth-family",
            Party::Siblings => "siblings",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Party::YoungPerson => "the young person",
            Party::Carer => "the carer",
            Party::SocialWorker => "the social worker",
            Party::School => "school",
            Party::BirthFamily => "birth family",
            Party::Siblings => "brothers and sisters",
        }
    }

    /// The keyed role behind this party, if it has one.
    pub fn role(self) -> Option<Role> {
        match self {
            Party::YoungPerson => Some(Role::YoungPerson),
            Party::Carer => Some(Role::Carer),
            Party::SocialWorker => Some(Role::SocialWorker),
            _ => None,
        }
    }
}

impl FromStr for Party {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Party::ALL.into_iter().find(|p| p.as_str() == wanted).ok_or_else(|| Error::not_a_choice(crate::error::Choice::Party, s))
    }
}

/// A set of [`Party`]s.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, as = "Vec<Party>"))]
pub struct Audience(u32);

impl Audience {
    pub const EMPTY: Audience = Audience(0);
    const VALID: u32 = (1 << 6) - 1;

    pub fn only(party: Party) -> Self {
        Audience(party.bit())
    }

    /// From the stored column; unknown bits mean the row was not written by us.
    pub fn from_bits(bits: i64) -> Option<Self> {
        u32::try_from(bits).ok().filter(|b| b & !Self::VALID == 0).map(Audience)
    }

    pub fn bits(self) -> i64 {
        i64::from(self.0)
    }

    pub fn contains(self, party: Party) -> bool {
        self.0 & party.bit() != 0
    }

    pub fn has_role(self, role: Role) -> bool {
        self.contains(role.party())
    }

    pub fn with(self, party: Party) -> Self {
        Audience(self.0 | party.bit())
    }

    pub fn union(self, other: Audience) -> Self {
        Audience(self.0 | other.0)
    }

    pub fn minus(self, other: Audience) -> Self {
        Audience(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn parties(self) -> impl Iterator<Item = Party> {
        Party::ALL.into_iter().filter(move |p| self.contains(*p))
    }

    pub fn roles(self) -> impl Iterator<Item = Role> {
        self.parties().filter_map(Party::role)
    }

    /// Parse a comma-separated list such as `carer,school`.
    pub fn parse_list(s: &str) -> Result<Self, Error> {
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .try_fold(Audience::EMPTY, |acc, p| Ok(acc.with(p.parse()?)))
    }
}

impl FromIterator<Party> for Audience {
    fn from_iter<I: IntoIterator<Item = Party>>(iter: I) -> Self {
        iter.into_iter().fold(Audience::EMPTY, Audience::with)
    }
}

impl fmt::Debug for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.parties().map(Party::as_str)).finish()
    }
}

/// Human words: "the carer and school".
impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<_> = self.parties().map(Party::label).collect();
        match labels.as_slice() {
            [] => f.write_str("no one"),
            [one] => f.write_str(one),
            [init @ .., last] => write!(f, "{} and {last}", init.join(", ")),
        }
    }
}

impl Serialize for Audience {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.parties())
    }
}

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<Party>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_rejects_unknown_names() {
        let a = Audience::parse_list("carer, School,birth_family").unwrap();
        assert!(a.contains(Party::Carer) && a.contains(Party::School));
        assert!(a.contains(Party::BirthFamily) && !a.contains(Party::YoungPerson));
        assert!(Audience::parse_list("carer,teacher").is_err());
        assert_eq!(a.to_string(), "the carer, school and birth family");
    }

    #[test]
    fn stored_bits_outside_the_known_set_are_refused() {
        assert_eq!(Audience::from_bits(0b11_1111), Some(Audience(63)));
        assert_eq!(Audience::from_bits(64), None);
        assert_eq!(Audience::from_bits(-1), None);
    }

    #[test]
    fn serialises_as_a_list_of_names() {
        let a = Audience::only(Party::Carer).with(Party::Siblings);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"["carer","siblings"]"#);
        assert_eq!(serde_json::from_str::<Audience>(&json).unwrap(), a);
    }
}

/// A role as stored in a row; an unknown one means the file is damaged.
pub(crate) fn parse_role(s: &str) -> crate::error::Result<Role> {
    s.parse().map_err(|_| Error::damaged(format!("it names an unknown role \"{s}\"")))
}
