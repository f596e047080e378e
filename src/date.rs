//! Dates as people remember them: exact ("2019-06-14") or approximate
//! ("summer 2019", "June 2019", "2019"), in English or Welsh ("haf 2019",
//! "Mehefin 2019").
//!
//! The words as typed are kept (encrypted, with the entry); a sortable
//! `YYYY-MM-DD` key (the earliest day the words could mean) goes in the
//! plaintext `sort_date` column so the life map can be ordered without keys.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApproxDate {
    /// What the person typed, e.g. "summer 2019".
    pub text: String,
    /// Earliest day it could mean, `YYYY-MM-DD`.
    pub sort: String,
    /// True when `text` names one exact day.
    pub exact: bool,
}

/// Today as `YYYY-MM-DD` on this computer's clock, comparable with a
/// letter's `sealed_until`. `LIFESTORY_TODAY` (a `YYYY-MM-DD`) stands in for
/// the clock, for tests: it moves nothing a key does not allow, no more
/// than changing the computer's clock does (letters are keyed away from
/// their reader, src/letters.rs).
pub fn today() -> String {
    std::env::var("LIFESTORY_TODAY")
        .ok()
        .and_then(|day| NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
        .format("%Y-%m-%d")
        .to_string()
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];

/// Welsh month names, as the calendar writes them (unmutated).
const MONTHS_CY: [&str; 12] = [
    "ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd",
    "rhagfyr",
];

/// Words for a part of a year, in English and Welsh, and the month it
/// starts in. "Hydref" is both autumn and October in Welsh: taken as
/// autumn, the earliest it could mean.
const PARTS: [(&str, u32); 14] = [
    ("early", 1), ("spring", 3), ("summer", 6), ("mid", 6), ("autumn", 9), ("fall", 9), ("late", 9), ("winter", 12),
    ("dechrau", 1), ("gwanwyn", 3), ("haf", 6), ("canol", 6), ("hydref", 9), ("gaeaf", 12),
];

impl ApproxDate {
    pub fn parse(input: &str) -> Result<Self> {
        let text = input.trim();
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (year, month, day, exact) = match words.as_slice() {
            [one] => parse_numeric(one).ok_or_else(|| not_a_date(text))?,
            [qualifier, year] => {
                let year = parse_year(year).ok_or_else(|| not_a_date(text))?;
                let part = PARTS.iter().find(|(word, _)| word == qualifier).map(|&(_, month)| month);
                let month = part.or_else(|| month_number(qualifier)).ok_or_else(|| not_a_date(text))?;
                (year, month, 1, false)
            }
            _ => return Err(not_a_date(text)),
        };
        let sort = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| not_a_date(text))?;
        Ok(ApproxDate { text: text.to_owned(), sort: sort.format("%Y-%m-%d").to_string(), exact })
    }
}

/// An exact day, `YYYY-MM-DD` (for sealed-until dates).
/// Whole years from `born` to `on` (an age), `None` before birth.
pub fn years_between(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    use chrono::Datelike;
    let before_birthday = (on.month(), on.day()) < (born.month(), born.day());
    u32::try_from(on.year() - born.year() - i32::from(before_birthday)).ok()
}

pub fn parse_day(input: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| Error::NotADay { given: input.trim().to_owned() })
}

fn parse_numeric(s: &str) -> Option<(i32, u32, u32, bool)> {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => Some((parse_year(y)?, 1, 1, false)),
        [y, m] => Some((parse_year(y)?, m.parse().ok()?, 1, false)),
        [y, m, d] => Some((parse_year(y)?, m.parse().ok()?, d.parse().ok()?, true)),
        _ => None,
    }
}

fn parse_year(s: &str) -> Option<i32> {
    (s.len() == 4).then(|| s.parse().ok()).flatten().filter(|y| (1900..=2200).contains(y))
}

fn month_number(word: &str) -> Option<u32> {
    let find = |months: &[&str; 12]| months.iter().position(|m| *m == word || (word.len() >= 3 && m.starts_with(word)));
    find(&MONTHS).or_else(|| find(&MONTHS_CY)).map(|i| i as u32 + 1)
}

fn not_a_date(text: &str) -> Error {
    Error::NotADate { given: text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn understands_the_ways_people_write_dates() {
        let table = [
            ("2019-06-14", "2019-06-14", true),
            ("2019-06", "2019-06-01", false),
            ("2019", "2019-01-01", false),
            ("summer 2019", "2019-06-01", false),
            ("Autumn 2020", "2020-09-01", false),
            ("early 2018", "2018-01-01", false),
            ("June 2019", "2019-06-01", false),
            ("sept 2017", "2017-09-01", false),
            ("Mehefin 2019", "2019-06-01", false),
            ("haf 2019", "2019-06-01", false),
            ("gaeaf 2020", "2020-12-01", false),
            ("Rhagfyr 2021", "2021-12-01", false),
            ("Gorff 2016", "2016-07-01", false),
            ("hydref 2015", "2015-09-01", false),
            ("Tachwedd 2015", "2015-11-01", false),
        ];
        for (input, sort, exact) in table {
            let d = ApproxDate::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!((d.sort.as_str(), d.exact, d.text.as_str()), (sort, exact, input), "{input}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_place() {
        for input in ["", "soon", "2019-13-01", "2019-02-30", "summer", "19", "the summer of 2019", "haf", "yn yr haf 2019"] {
            assert!(ApproxDate::parse(input).is_err(), "{input} should be refused");
        }
        assert!(parse_day("2031-05-14").is_ok());
        assert!(parse_day("May 2031").is_err());
    }
}
