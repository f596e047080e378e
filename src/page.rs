//! The plain data of pages: what a page is (section, kind, body) and what
//! readers and writers exchange with the binder (new pages, edits, listings).
//! No keys, no storage: the store and every domain module may use these
//! (re-exported from [`crate::entry`], which does things with pages).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::audience::{Audience, Role};
use crate::date::ApproxDate;
use crate::error::{Error, Result};

/// The three parts of the book, in the order the guidance asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Section {
    Present,
    Past,
    Future,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Present, Section::Past, Section::Future];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Present => "present",
            Section::Past => "past",
            Section::Future => "future",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Section {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Section::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::not_a_choice(crate::error::Choice::Section, s))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Kind {
    Narrative,
    Place,
    Person,
    Identity,
    Picture,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Narrative => "narrative",
            Kind::Place => "place",
            Kind::Person => "person",
            Kind::Identity => "identity",
            Kind::Picture => "picture",
        }
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        [Kind::Narrative, Kind::Place, Kind::Person, Kind::Identity, Kind::Picture]
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| Error::not_a_choice(crate::error::Choice::Kind, s))
    }
}

/// A stop on the life map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PlaceKind {
    #[default]
    Home,
    Placement,
    School,
    Country,
    Hospital,
    Event,
    Other,
}

impl FromStr for PlaceKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::PlaceKind, s))
    }
}

/// Which circle of "my people" someone sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Closeness {
    /// The middle circle.
    Closest,
    #[default]
    Close,
    /// The outer circle.
    Further,
}

impl FromStr for Closeness {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::Closeness, s))
    }
}

/// A field of the identity page. Each is its own entry with its own audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum IdentityField {
    Ethnicity,
    Culture,
    Religion,
    Languages,
    Disability,
    SexualIdentity,
    Gender,
}

impl FromStr for IdentityField {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::IdentityField, s))
    }
}

/// What a page says, by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Body {
    Narrative {
        /// Markdown; raw HTML in it is shown as text, never rendered.
        markdown: String,
    },
    Place {
        place: PlaceKind,
        from: Option<ApproxDate>,
        to: Option<ApproxDate>,
        /// In the child's words, why it changed.
        why: String,
    },
    Person {
        relationship: String,
        closeness: Closeness,
        /// True for pets, who belong in "my people" too.
        #[serde(default)]
        pet: bool,
        note: String,
    },
    Identity {
        field: IdentityField,
        text: String,
    },
    /// A page that is mainly pictures (see [`crate::picture`]); each picture
    /// has its own caption, this is the page's own words about them.
    Picture {
        #[serde(default)]
        note: String,
    },
}

impl Body {
    /// The same page with its main text (Markdown, why, note, field text)
    /// replaced and its other fields kept.
    pub fn with_text(self, text: String) -> Body {
        match self {
            Body::Narrative { .. } => Body::Narrative { markdown: text },
            Body::Place { place, from, to, .. } => Body::Place { place, from, to, why: text },
            Body::Person { relationship, closeness, pet, .. } => Body::Person { relationship, closeness, pet, note: text },
            Body::Identity { field, .. } => Body::Identity { field, text },
            Body::Picture { .. } => Body::Picture { note: text },
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Body::Narrative { .. } => Kind::Narrative,
            Body::Place { .. } => Kind::Place,
            Body::Person { .. } => Kind::Person,
            Body::Identity { .. } => Kind::Identity,
            Body::Picture { .. } => Kind::Picture,
        }
    }
}

/// A page to add.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewEntry {
    pub section: Section,
    pub title: String,
    pub body: Body,
    /// Who else may see it; the author's own role is always added.
    pub share: Audience,
    pub sensitive: bool,
    pub date: Option<ApproxDate>,
    /// `YYYY-MM-DD`: a later-life letter stays sealed until then.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub sealed_until: Option<NaiveDate>,
    /// How the young person agreed, needed when sharing beyond the author.
    pub consent: Option<String>,
    /// The prompt this page answers (an id from [`crate::prompts`]).
    pub prompt: Option<String>,
}

impl NewEntry {
    pub fn new(section: Section, title: impl Into<String>, body: Body) -> Self {
        NewEntry {
            section,
            title: title.into(),
            body,
            share: Audience::EMPTY,
            sensitive: false,
            date: None,
            sealed_until: None,
            consent: None,
            prompt: None,
        }
    }

    pub fn narrative(section: Section, title: impl Into<String>, markdown: impl Into<String>) -> Self {
        Self::new(section, title, Body::Narrative { markdown: markdown.into() })
    }

    /// A picture page, titled by its caption (or "A picture").
    pub fn picture(section: Section, caption: &str) -> Self {
        let caption = caption.trim();
        let title = if caption.is_empty() { "A picture".to_owned() } else { caption.chars().take(80).collect() };
        Self::new(section, title, Body::Picture { note: String::new() })
    }

    pub fn shared_with(mut self, share: Audience, consent: impl Into<String>) -> Self {
        self.share = share;
        self.consent = Some(consent.into());
        self
    }
}

/// Changes to a page; `None` (or a missing field) leaves a field as it is.
/// For `date` and `sealed_until`, an explicit `null` clears it.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EntryEdit {
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub body: Option<Body>,
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Option<ApproxDate>>"))]
    pub date: Option<Option<ApproxDate>>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sensitive: Option<bool>,
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Option<String>>"))]
    pub sealed_until: Option<Option<NaiveDate>>,
}

/// `EntryEdit` as it arrives from the app, telling "missing" from `null`.
#[derive(Deserialize)]
struct EntryEditWire {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<Body>,
    #[serde(default, deserialize_with = "present")]
    date: Option<Option<ApproxDate>>,
    #[serde(default)]
    sensitive: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    sealed_until: Option<Option<NaiveDate>>,
}

impl<'de> Deserialize<'de> for EntryEdit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let w = EntryEditWire::deserialize(d)?;
        Ok(EntryEdit { title: w.title, body: w.body, date: w.date, sensitive: w.sensitive, sealed_until: w.sealed_until })
    }
}

/// A field that is present, even as `null`, is `Some` (missing stays `None`
/// through `#[serde(default)]`).
fn present<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A page as a reader sees it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Entry {
    pub id: String,
    pub section: Section,
    pub kind: Kind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub position: i64,
    pub title: String,
    pub body: Body,
    pub date: Option<ApproxDate>,
    pub audience: Audience,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub author_name: String,
    pub author_role: Role,
    pub session_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The prompt this page answers, if it was written for one.
    pub prompt: Option<String>,
}

/// One line of a listing.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EntrySummary {
    pub id: String,
    pub section: Section,
    pub kind: Kind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub position: i64,
    pub title: String,
    pub audience: Audience,
    pub sensitive: bool,
    pub sort_date: Option<String>,
    pub updated_at: String,
}

/// A later-life letter the reader is in the audience of but cannot open yet.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SealedLetter {
    pub id: String,
    pub section: Section,
    pub until: String,
    /// How old the young person will be on that day, when their date of
    /// birth is known: "a letter for when you're 16".
    pub for_age: Option<u32>,
}

/// What a member can see of the book.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Listing {
    pub entries: Vec<EntrySummary>,
    /// Pages not shared with this member: only their number is given.
    pub hidden: usize,
    pub sealed: Vec<SealedLetter>,
    /// Shared with this member's role, but the key has not reached the role
    /// yet (someone who can read them needs to unlock once).
    pub waiting: usize,
    /// Ids of pages whose stored data failed its checks.
    pub damaged: Vec<String>,
}

/// How a page is named in messages: never by its (secret) title. By
/// characters, not bytes: a hostile file's id need not be hex.
pub(crate) fn page_name(id: &str) -> String {
    format!("Page {}", id.chars().take(8).collect::<String>())
}

/// How a picture is named in messages, likewise.
pub(crate) fn picture_name(id: &str) -> String {
    format!("Picture {}", id.chars().take(8).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_from_the_app_tells_a_missing_date_from_a_cleared_one() {
        let missing: EntryEdit = serde_json::from_str(r#"{"title":"New"}"#).unwrap();
        assert_eq!(missing.title.as_deref(), Some("New"));
        assert!(missing.date.is_none() && missing.sealed_until.is_none());
        let cleared: EntryEdit = serde_json::from_str(r#"{"date":null,"sealed_until":null}"#).unwrap();
        assert_eq!(cleared.date, Some(None));
        assert_eq!(cleared.sealed_until, Some(None));
        let set: EntryEdit = serde_json::from_str(r#"{"sealed_until":"2031-05-01"}"#).unwrap();
        assert_eq!(set.sealed_until, Some(Some(NaiveDate::from_ymd_opt(2031, 5, 1).unwrap())));
        assert!(serde_json::from_str::<EntryEdit>(r#"{"sealed_until":"next year"}"#).is_err());
    }

    #[test]
    fn a_page_is_named_by_the_first_eight_characters_of_any_id() {
        assert_eq!(page_name("0123456789abcdef"), "Page 01234567");
        assert_eq!(page_name("abc"), "Page abc");
        assert_eq!(page_name("aaaaaaaé"), "Page aaaaaaaé");
        assert_eq!(page_name("aaaaaaaéé"), "Page aaaaaaaé");
    }
}
