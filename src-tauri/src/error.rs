//! What a command returns when it fails: `{code, data?, message}`.
//!
//! `code` and `data` are typed (generated to TypeScript as `CommandError`):
//! either one of the core's errors, serialised as the core defines it
//! (`lifestory::Error`, `CoreError` in TypeScript), or one of the shell's
//! own below. The window words every code in its own language from `data`
//! (`ui/src/lib/i18n`). `message` is the English the core or the shell wrote,
//! for logs and for a code a window does not know yet. It is built once,
//! here, when the error crosses the boundary.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

/// The longest and shortest idle time before the app locks itself (minutes).
pub const IDLE_MINUTES: std::ops::RangeInclusive<u32> = 1..=60;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    #[serde(flatten)]
    #[ts(flatten)]
    pub reason: Reason,
    pub message: String,
}

/// Why a command failed.
#[derive(Debug, Serialize, TS)]
#[serde(tag = "code", content = "data", rename_all = "kebab-case")]
pub enum Reason {
    /// The keys were dropped (by hand or by the idle lock).
    Locked,
    /// No binder is open.
    NoBinder,
    /// The recovery key is kept only between making a binder and saving its sheet.
    NoRecoveryKey,
    /// "Open the book" before any book was exported.
    NoBookYet,
    /// The system has no PDF viewer that would open the book (`why`: the
    /// system's English, for the message only).
    CannotOpenBook {
        path: String,
        #[serde(skip)]
        why: String,
    },
    /// A command that takes bytes (a picture, an offered page) got none.
    NothingArrived { what: Arrived },
    /// "Add it" with no offered page previewed first.
    NoOfferChosen,
    /// An idle time outside [`IDLE_MINUTES`].
    IdleMinutesOutOfRange { min: u32, max: u32 },
    /// One of the core's errors, with its own code and data.
    #[serde(untagged)]
    Core(lifestory::Error),
}

/// What was expected as bytes.
#[derive(Clone, Copy, Debug, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Arrived {
    Picture,
    File,
}

impl Reason {
    /// The English, as the core writes it for its own errors.
    fn english(&self) -> String {
        match self {
            Reason::Locked => "The binder is locked. Choose who you are and type your passphrase to carry on.".into(),
            Reason::NoBinder => "No binder is open. Open one, or start a new one.".into(),
            Reason::NoRecoveryKey => "The recovery key is only shown right after the binder is made.".into(),
            Reason::NoBookYet => "Export the book first.".into(),
            Reason::CannotOpenBook { path, why } => {
                format!("The book was saved, but no PDF viewer opened it ({why}). It is at {path}.")
            }
            Reason::NothingArrived { what: Arrived::Picture } => "The picture did not arrive; please try adding it again.".into(),
            Reason::NothingArrived { what: Arrived::File } => "The file did not arrive; please try choosing it again.".into(),
            Reason::NoOfferChosen => "Choose the page's file first.".into(),
            Reason::IdleMinutesOutOfRange { min, max } => format!("Choose between {min} and {max} minutes."),
            Reason::Core(e) => e.to_string(),
        }
    }

    /// The code the window gets (the core's own for a core error).
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Locked => "locked",
            Reason::NoBinder => "no-binder",
            Reason::NoRecoveryKey => "no-recovery-key",
            Reason::NoBookYet => "no-book-yet",
            Reason::CannotOpenBook { .. } => "cannot-open-book",
            Reason::NothingArrived { .. } => "nothing-arrived",
            Reason::NoOfferChosen => "no-offer-chosen",
            Reason::IdleMinutesOutOfRange { .. } => "idle-minutes-out-of-range",
            Reason::Core(e) => e.code(),
        }
    }
}

impl From<Reason> for CommandError {
    fn from(reason: Reason) -> Self {
        CommandError { message: reason.english(), reason }
    }
}

impl CommandError {
    pub fn code(&self) -> &'static str {
        self.reason.code()
    }

    pub fn locked() -> Self {
        Reason::Locked.into()
    }

    pub fn no_binder() -> Self {
        Reason::NoBinder.into()
    }

    pub fn cannot_open_book(path: &Path, why: impl std::fmt::Display) -> Self {
        Reason::CannotOpenBook { path: path.display().to_string(), why: why.to_string() }.into()
    }
}

/// The core's errors cross the boundary typed.
impl From<lifestory::Error> for CommandError {
    fn from(e: lifestory::Error) -> Self {
        Reason::Core(e).into()
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_core_error_keeps_its_code_and_data_and_the_english() {
        let e = CommandError::from(lifestory::Error::TooManyAttempts { wait_secs: 8 });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "too-many-attempts");
        assert_eq!(v["data"], json!({"wait_secs": 8}));
        assert!(v["message"].as_str().unwrap().contains("Wait 8 seconds"));
        assert_eq!(e.code(), "too-many-attempts");
        let picture = serde_json::to_value(CommandError::from(lifestory::Error::from(lifestory::PictureProblem::Heic))).unwrap();
        assert_eq!(picture["code"], "picture-heic");
    }

    #[test]
    fn the_shells_own_errors_are_typed_too() {
        let v = serde_json::to_value(CommandError::locked()).unwrap();
        assert_eq!(v, json!({"code": "locked", "message": Reason::Locked.english()}));
        let v = serde_json::to_value(CommandError::from(Reason::IdleMinutesOutOfRange { min: 1, max: 60 })).unwrap();
        assert_eq!(v["data"], json!({"min": 1, "max": 60}));
        assert_eq!(v["message"], "Choose between 1 and 60 minutes.");
        for reason in [Reason::NoBinder, Reason::NoRecoveryKey, Reason::NoBookYet, Reason::NoOfferChosen, Reason::NothingArrived { what: Arrived::File }] {
            let code = reason.code();
            assert_eq!(serde_json::to_value(CommandError::from(reason)).unwrap()["code"], code);
        }
    }
}
