//! Which stored copy of a picture: a module of its own, below the store, so
//! the store can name copies without depending on [`crate::picture`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which stored copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Size {
    Thumb,
    Print,
    Full,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Thumb, Size::Print, Size::Full];

    pub fn as_str(self) -> &'static str {
        match self {
            Size::Thumb => "thumb",
            Size::Print => "print",
            Size::Full => "full",
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Size {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Size::ALL
            .into_iter()
            .find(|z| z.as_str() == s)
            .ok_or_else(|| Error::not_a_choice(crate::error::Choice::PictureSize, s))
    }
}
