//! The kind language check: while an adult writes, notice words that label
//! or blame a child ("placement breakdown", "absconded", "LAC") and suggest
//! kinder ones, with a one-line reason. It only suggests; it never blocks
//! saving.
//!
//! The word lists are data, `assets/language/en.json` and `cy.json` (Welsh),
//! entry for entry with the same ids, so a social work team can extend them
//! without touching code. Phrases match whole words in any case; `unless_next`
//! lists words that give a phrase another meaning ("contact lens"). Both
//! languages are checked together, since Welsh services often write in both.
//!
//! Fast enough for every keystroke: the lists are read once into a map from
//! each phrase's first word, and a check is one pass over the words of the
//! text (a 2,000-word page: see `benches/language_check.rs`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::binder::Binder;
use crate::page::Body;
use crate::error::Result;
use crate::keys::Keyring;

/// An interface and word-list language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Lang {
    En,
    Cy,
}

impl std::str::FromStr for Lang {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "cy" | "welsh" | "cymraeg" => Ok(Lang::Cy),
            other => Err(crate::error::Error::not_a_choice(crate::error::Choice::Language, other)),
        }
    }
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }
}

/// One entry of a word list, as the data file has it.
#[derive(Clone, Debug, Deserialize)]
pub struct WordEntry {
    pub id: String,
    pub notice: Vec<String>,
    pub instead: String,
    pub why: String,
    #[serde(default)]
    pub unless_next: Vec<String>,
    /// Words that give it another meaning when they come just before
    /// (Welsh puts the qualifier first: "manylion cyswllt").
    #[serde(default)]
    pub unless_previous: Vec<String>,
}

#[derive(Deserialize)]
struct WordList {
    language: Lang,
    entries: Vec<WordEntry>,
}

/// A word list's text, as shipped.
pub fn word_list_source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../assets/language/en.json"),
        Lang::Cy => include_str!("../assets/language/cy.json"),
    }
}

/// The entries of a word list. The files are ours and tested, so a parse
/// failure is a build defect.
pub fn word_list(lang: Lang) -> Vec<WordEntry> {
    let list: WordList = serde_json::from_str(word_list_source(lang)).unwrap_or_else(|e| panic!("assets/language/{}.json: {e}", lang.code()));
    assert_eq!(list.language, lang, "assets/language/{}.json names another language", lang.code());
    list.entries
}

/// Something worth a second look, with a kinder way to say it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Flag {
    /// Byte range in the text checked.
    pub start: usize,
    pub end: usize,
    /// The words as written.
    pub found: String,
    pub instead: String,
    pub why: String,
    /// The word-list entry, the same in every language.
    pub id: String,
    pub lang: Lang,
}

struct Phrase {
    words: Vec<String>,
    entry: usize,
}

struct Checker {
    entries: Vec<(Lang, WordEntry)>,
    /// Phrases by their first word, longest first.
    by_first: HashMap<String, Vec<Phrase>>,
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let mut entries = Vec::new();
        let mut by_first: HashMap<String, Vec<Phrase>> = HashMap::new();
        for lang in Lang::ALL {
            for entry in word_list(lang) {
                for phrase in &entry.notice {
                    let words: Vec<String> = words(phrase).map(|(_, _, w)| w).collect();
                    if let Some(first) = words.first() {
                        by_first.entry(first.clone()).or_default().push(Phrase { words, entry: entries.len() });
                    }
                }
                entries.push((lang, entry));
            }
        }
        for phrases in by_first.values_mut() {
            phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        Checker { entries, by_first }
    })
}

/// The words of `text`: (start, end, lowercased). A word is letters,
/// digits and apostrophes ("sy'n", "didn't").
fn words(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if is_word(c) {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_word(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let word = text[start..end].trim_matches(|c| c == '\'' || c == '\u{2019}').to_lowercase();
        Some((start, end, word))
    })
}

/// Check a piece of writing. Returns the flags in the order they appear.
pub fn check(text: &str) -> Vec<Flag> {
    let checker = checker();
    let found: Vec<(usize, usize, String)> = words(text).collect();
    let mut flags = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let mut matched = 0;
        if let Some(phrases) = checker.by_first.get(&found[i].2) {
            for phrase in phrases {
                let n = phrase.words.len();
                if i + n > found.len() || !phrase.words.iter().zip(&found[i..i + n]).all(|(p, w)| *p == w.2) {
                    continue;
                }
                let (lang, entry) = &checker.entries[phrase.entry];
                let other_meaning = |word: Option<&(usize, usize, String)>, list: &[String]| word.is_some_and(|w| list.iter().any(|u| *u == w.2));
                if other_meaning(found.get(i + n), &entry.unless_next) || other_meaning(i.checked_sub(1).and_then(|p| found.get(p)), &entry.unless_previous) {
                    continue;
                }
                let (start, end) = (found[i].0, found[i + n - 1].1);
                flags.push(Flag { start, end, found: text[start..end].to_owned(), instead: entry.instead.clone(), why: entry.why.clone(), id: entry.id.clone(), lang: *lang });
                matched = n;
                break;
            }
        }
        i += matched.max(1);
    }
    flags
}

/// The flags on one page the reader can see.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PageLanguage {
    pub id: String,
    pub title: String,
    /// Flags in the title, then in the page's words.
    pub title_flags: Vec<Flag>,
    pub text_flags: Vec<Flag>,
}

impl Binder {
    /// Check every page `keys` can read; only pages with something to
    /// look at are returned.
    pub fn check_language(&self, keys: &Keyring) -> Result<Vec<PageLanguage>> {
        let mut out = Vec::new();
        for summary in self.list(keys, None)?.entries {
            let entry = self.show(keys, &summary.id)?;
            let text = match &entry.body {
                Body::Narrative { markdown } => markdown.clone(),
                Body::Place { why, .. } => why.clone(),
                Body::Person { relationship, note, .. } => format!("{relationship}\n{note}"),
                Body::Identity { text, .. } => text.clone(),
                Body::Picture { note } => note.clone(),
            };
            let (title_flags, text_flags) = (check(&entry.title), check(&text));
            if !title_flags.is_empty() || !text_flags.is_empty() {
                out.push(PageLanguage { id: entry.id, title: entry.title, title_flags, text_flags });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<(String, String)> {
        check(text).into_iter().map(|f| (f.found, f.instead)).collect()
    }

    #[test]
    fn sentences_a_social_worker_might_write() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Following the placement breakdown in March, Sam moved to Jo's.", &[("placement breakdown", "a move")]),
            ("Sam absconded twice and refused to attend school.", &[("absconded", "left without saying where they were going"), ("refused", "didn't want to")]),
            ("Contact with mum is on Saturdays.", &[("Contact", "family time")]),
            ("As a LAC, she is entitled to a PEP.", &[("LAC", "their name")]),
            ("He displayed challenging behaviour at respite.", &[("challenging behaviour", "describe what happened and what they might have been feeling"), ("respite", "a short break")]),
            ("The sibling group was placed in a kinship placement with their aunt.", &[("sibling group", "brothers and sisters"), ("kinship placement", "living with family")]),
            ("Mae cyswllt gyda mam ar ddydd Sadwrn.", &[("cyswllt", "amser teulu")]),
            ("Aeth i seibiant ar ôl y chwalfa lleoliad.", &[("seibiant", "egwyl fer"), ("chwalfa lleoliad", "symud")]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            assert_eq!(flagged(text), want, "{text}");
        }
    }

    #[test]
    fn no_false_alarms_on_ordinary_words() {
        for text in [
            "She wears a contact lens for reading.",
            "I contacted the school about the trip.",
            "Please update the contact details on file.",
            "Sam's friend Lacey came for tea.",
            "We refuelled the car on the way to the beach.",
            "The placement of the furniture was Sam's idea.",
            "Mae'r manylion cyswllt ar y ffurflen.",
            "Her emergency contact is her aunt.",
        ] {
            assert!(check(text).is_empty(), "{text}: {:?}", check(text));
        }
    }

    #[test]
    fn flags_point_at_the_words_as_written() {
        let text = "Amira REFUSED to go.";
        let flag = &check(text)[0];
        assert_eq!(&text[flag.start..flag.end], "REFUSED");
        assert!(!flag.why.is_empty());
    }
}
