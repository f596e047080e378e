//! What a command returns when it fails: a stable `code` the UI can act on
//! and a `message` written for the person at the screen.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError { code: code.to_owned(), message: message.into() }
    }

    pub fn locked() -> Self {
        Self::new("locked", "The binder is locked. Choose who you are and type your passphrase to carry on.")
    }

    pub fn no_binder() -> Self {
        Self::new("no-binder", "No binder is open. Open one, or start a new one.")
    }
}

/// The core's errors already carry a code and a human message.
impl From<lifestory::Error> for CommandError {
    fn from(e: lifestory::Error) -> Self {
        CommandError { code: e.code().to_owned(), message: e.to_string() }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
