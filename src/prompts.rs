//! Prompts for life story sessions, by section and age band, in English
//! and Welsh: `assets/prompts/en.json` and `cy.json`, prompt for prompt
//! with the same ids. Present comes first (who I am, what I'm good at,
//! who I trust), then Past, then Future, as the guidance asks. A prompt is
//! only ever a suggestion: the young person can skip any of them or write
//! their own.

use serde::{Deserialize, Serialize};

use crate::binder::Binder;
use crate::page::Section;
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::language::Lang;

/// Age bands the prompts are written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum AgeBand {
    /// Under 5, with a carer.
    #[serde(rename = "under-5")]
    UnderFive,
    #[serde(rename = "5-11")]
    FiveToEleven,
    #[serde(rename = "12-17")]
    TwelveToSeventeen,
    /// Care leavers.
    #[serde(rename = "18-25")]
    EighteenToTwentyFive,
}

impl AgeBand {
    /// The band for an age in whole years.
    pub fn for_age(years: u32) -> AgeBand {
        match years {
            0..=4 => AgeBand::UnderFive,
            5..=11 => AgeBand::FiveToEleven,
            12..=17 => AgeBand::TwelveToSeventeen,
            _ => AgeBand::EighteenToTwentyFive,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Prompt {
    /// The same in every language.
    pub id: String,
    pub section: Section,
    pub ages: Vec<AgeBand>,
    /// A picture for readers who are not confident with words.
    pub icon: String,
    pub text: String,
}

#[derive(Deserialize)]
struct PromptFile {
    language: Lang,
    prompts: Vec<Prompt>,
}

/// A prompt file's text, as shipped.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../assets/prompts/en.json"),
        Lang::Cy => include_str!("../assets/prompts/cy.json"),
    }
}

/// Every prompt in `lang`, Present first, then Past, then Future. The files
/// are ours and tested: a parse failure is a build defect.
pub fn all(lang: Lang) -> Vec<Prompt> {
    let file: PromptFile = serde_json::from_str(source(lang)).unwrap_or_else(|e| panic!("assets/prompts/{}.json: {e}", lang.code()));
    assert_eq!(file.language, lang, "assets/prompts/{}.json names another language", lang.code());
    let mut prompts = file.prompts;
    prompts.sort_by_key(|p| Section::ALL.iter().position(|s| *s == p.section));
    prompts
}

/// The prompts for one section and age band.
pub fn for_section(lang: Lang, section: Section, age: AgeBand) -> Vec<Prompt> {
    all(lang).into_iter().filter(|p| p.section == section && p.ages.contains(&age)).collect()
}

/// Refuse an id that is not in the library (ids are the same in every language).
pub(crate) fn check_id(id: &str) -> Result<()> {
    if all(Lang::En).iter().any(|p| p.id == id) {
        Ok(())
    } else {
        Err(Error::UnknownPrompt { id: id.to_owned() })
    }
}

/// A prompt, and whether a page the reader can see answers it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PromptStatus {
    #[serde(flatten)]
    pub prompt: Prompt,
    /// Pages written for this prompt.
    pub answered_by: Vec<String>,
}

impl Binder {
    /// [`Binder::prompts`] for the child's age today (every band when the
    /// date of birth is not known).
    pub fn prompts_for_child(&self, keys: &Keyring, lang: Lang) -> Result<Vec<PromptStatus>> {
        let age = self.profile(keys)?.age_today().map(AgeBand::for_age);
        self.prompts(keys, lang, age)
    }

    /// The prompts for `age` (every band when `None`), each with the pages
    /// that answer it. Unanswered prompts are only suggestions: skipping
    /// one, or writing a page of your own, is always fine.
    pub fn prompts(&self, keys: &Keyring, lang: Lang, age: Option<AgeBand>) -> Result<Vec<PromptStatus>> {
        let mut answers: Vec<(String, String)> = Vec::new();
        for summary in self.list(keys, None)?.entries {
            if let Some(prompt) = self.show(keys, &summary.id)?.prompt {
                answers.push((prompt, summary.id));
            }
        }
        Ok(all(lang)
            .into_iter()
            .filter(|p| age.is_none_or(|a| p.ages.contains(&a)))
            .map(|prompt| {
                let answered_by = answers.iter().filter(|(p, _)| *p == prompt.id).map(|(_, id)| id.clone()).collect();
                PromptStatus { prompt, answered_by }
            })
            .collect())
    }
}
