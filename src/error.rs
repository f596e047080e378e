//! Errors a caller can act on.
//!
//! Every variant renders as one plain sentence that says what happened and,
//! where there is one, what to do next. Messages never contain a passphrase,
//! a key, or any decrypted text: they are safe to show, log and print.

use std::fmt;
use std::path::PathBuf;

use crate::audience::Audience;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase did not open this member's key.
    WrongPassphrase { member: String },
    /// The recovery key given is not this binder's.
    WrongRecoveryKey,
    /// The text given as a recovery key is not one.
    NotARecoveryKey,
    /// No member of that name.
    UnknownMember { name: String },
    /// A member of that name already exists.
    MemberExists { name: String },
    /// The file is not a Life Story binder at all.
    NotABinder { path: PathBuf },
    /// The file was made by a newer version of the app.
    NewerSchema { found: i64, supported: i64 },
    /// SQLite or our own checks found damage.
    Damaged { detail: String },
    /// Something encrypted does not match the row it sits in: it was edited
    /// or moved outside the app.
    Tampered { what: String },
    /// A stored key asks for more scrypt work than we ever write: a hostile or
    /// foreign file.
    ExcessiveWork { log_n: u8 },
    /// The entry exists but is not shared with this member's role.
    NotShared,
    /// Shared with this role, but the page's key has not reached the role yet.
    KeyWaiting,
    /// A later-life letter that may not be opened yet.
    Sealed { until: String },
    /// No such entry, member or session.
    NotFound { what: String },
    /// An id prefix that matches more than one entry.
    AmbiguousId { prefix: String },
    /// Widening who can see an entry needs a record of the young person's agreement.
    ConsentNeeded { adding: Audience },
    /// Adding a member to a role that has a key needs someone who holds it.
    RoleKeyNeeded { role: &'static str },
    /// That role has no key yet (no member of it has ever been added).
    NoRoleKey { role: &'static str },
    /// The one keyed role left cannot be removed: nobody could read the binder.
    LastMember,
    /// A value the user typed that we cannot use.
    Invalid { message: String },
    /// There is already a file where a new binder would go.
    AlreadyExists { path: PathBuf },
    /// A session is already running (only one at a time).
    SessionOpen,
    /// No session is running.
    NoOpenSession,
    /// A file given as a picture can't be imported; nothing was stored.
    Picture(PictureProblem),
    /// The same picture is already in the binder.
    DuplicatePicture { page: Option<String> },
    /// The disk refused a write (full, over a size limit, or removed).
    /// SQLite rolled the transaction back: nothing was changed.
    CannotWrite { full: bool },
    /// Too many wrong passphrases in a row: wait before trying again.
    TooManyAttempts { wait_secs: u64 },
    /// Someone stopped a long task (a book export); nothing was written.
    Cancelled,
    /// The file given as a change file is not one.
    NotAChangeFile { path: PathBuf },
    /// A change file written by a newer version of the app.
    NewerChangeFile { version: u8 },
    /// A change file made for another child's binder.
    ForeignChangeFile,
    /// A change file that is damaged, cut short or was altered.
    TamperedChangeFile,
    /// Reading or writing a file failed.
    /// Not a page offered from a brother's or sister's binder.
    NotAnOffer,
    /// An offered page that doesn't open with this binder's group code: it
    /// was offered to another family, or it was damaged on the way.
    ForeignOffer,
    /// Siblings need this binder linked to their group code first.
    NotLinked,
    /// A sensitive page is offered only after an explicit confirmation.
    ConfirmSensitive,
    Io { path: PathBuf, source: std::io::Error },
    /// SQLite refused a read or write that should have worked.
    Storage(rusqlite::Error),
}

impl Error {
    /// A stable machine-readable code, for the UI and `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            Error::WrongPassphrase { .. } => "wrong-passphrase",
            Error::WrongRecoveryKey => "wrong-recovery-key",
            Error::NotARecoveryKey => "not-a-recovery-key",
            Error::UnknownMember { .. } => "unknown-member",
            Error::MemberExists { .. } => "member-exists",
            Error::NotABinder { .. } => "not-a-binder",
            Error::NewerSchema { .. } => "newer-schema",
            Error::Damaged { .. } => "damaged",
            Error::Tampered { .. } => "tampered",
            Error::ExcessiveWork { .. } => "excessive-work",
            Error::NotShared => "not-shared",
            Error::KeyWaiting => "key-waiting",
            Error::Sealed { .. } => "sealed",
            Error::NotFound { .. } => "not-found",
            Error::AmbiguousId { .. } => "ambiguous-id",
            Error::ConsentNeeded { .. } => "consent-needed",
            Error::RoleKeyNeeded { .. } => "role-key-needed",
            Error::NoRoleKey { .. } => "no-role-key",
            Error::LastMember => "last-member",
            Error::Invalid { .. } => "invalid",
            Error::AlreadyExists { .. } => "already-exists",
            Error::SessionOpen => "session-open",
            Error::NoOpenSession => "no-open-session",
            Error::Picture(problem) => problem.code(),
            Error::DuplicatePicture { .. } => "duplicate-picture",
            Error::CannotWrite { full: true } => "disk-full",
            Error::CannotWrite { full: false } => "write-failed",
            Error::TooManyAttempts { .. } => "too-many-attempts",
            Error::Cancelled => "cancelled",
            Error::NotAChangeFile { .. } => "not-a-change-file",
            Error::NewerChangeFile { .. } => "newer-change-file",
            Error::ForeignChangeFile => "foreign-change-file",
            Error::TamperedChangeFile => "tampered-change-file",
            Error::NotAnOffer => "not-an-offer",
            Error::ForeignOffer => "foreign-offer",
            Error::NotLinked => "not-linked",
            Error::ConfirmSensitive => "confirm-sensitive",
            Error::Io { .. } => "io",
            Error::Storage(_) => "storage",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid { message: message.into() }
    }

    pub(crate) fn damaged(detail: impl Into<String>) -> Self {
        Error::Damaged { detail: detail.into() }
    }

    pub(crate) fn tampered(what: impl Into<String>) -> Self {
        Error::Tampered { what: what.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// A failed write to a file we make: a full disk or a size limit says
    /// so, anything else names the file.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        match source.raw_os_error() {
            Some(28 | 27 | 122) => Error::CannotWrite { full: true }, // ENOSPC, EFBIG, EDQUOT
            _ => Error::io(path, source),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WrongPassphrase { member } => write!(
                f,
                "That passphrase doesn't open {member}'s key. Check caps lock and try again."
            ),
            Error::WrongRecoveryKey => f.write_str(
                "That recovery key belongs to a different binder. Check you picked the right recovery sheet.",
            ),
            Error::NotARecoveryKey => f.write_str(
                "That is not a recovery key. It should start with AGE-SECRET-KEY-1, as on the recovery sheet.",
            ),
            Error::UnknownMember { name } => write!(
                f,
                "No one called \"{name}\" can open this binder. `lifestory member list` shows who can."
            ),
            Error::MemberExists { name } => {
                write!(f, "There is already a member called \"{name}\". Choose another name.")
            }
            Error::NotABinder { path } => write!(
                f,
                "{} is not a Life Story binder, or is too damaged to recognise. Check you chose the right file; if you did, restore it from your latest backup.",
                path.display()
            ),
            Error::NewerSchema { found, supported } => write!(
                f,
                "This binder was saved by a newer version of Life Story Binder (format {found}; this version reads up to {supported}). Update the app to open it; nothing was changed."
            ),
            Error::Damaged { detail } => write!(
                f,
                "This binder is damaged ({detail}). Nothing was changed. Restore it from your latest backup; your passphrase or recovery key will open the backup."
            ),
            Error::Tampered { what } => write!(
                f,
                "{what} has been changed outside Life Story Binder, so it can't be trusted. Nothing was changed. Restore the binder from a backup."
            ),
            Error::ExcessiveWork { log_n } => write!(
                f,
                "A key in this binder asks for far more work to open than this app ever uses (scrypt 2^{log_n}). It was not made by Life Story Binder, so it was refused."
            ),
            Error::NotShared => f.write_str("This page hasn't been shared with you."),
            Error::KeyWaiting => f.write_str(
                "This page is shared with you, but its key hasn't reached you yet. Someone who can already read it needs to add a member of your role or run `rotate` once.",
            ),
            Error::Sealed { until } => {
                write!(f, "This is a letter for later. It can be opened from {until}.")
            }
            Error::NotFound { what } => write!(f, "{what} was not found."),
            Error::AmbiguousId { prefix } => write!(
                f,
                "More than one page starts with \"{prefix}\". Type a few more characters of the id."
            ),
            Error::ConsentNeeded { adding } => write!(
                f,
                "Sharing with {adding} needs a note of how the young person agreed (for example --consent \"Sam said yes in our session\")."
            ),
            Error::RoleKeyNeeded { role } => write!(
                f,
                "Only someone who is already a {role} here, or the recovery key, can add another {role}."
            ),
            Error::NoRoleKey { role } => write!(
                f,
                "No one has been added as a {role} yet, so there is no {role} key. Add a {role} member first."
            ),
            Error::LastMember => f.write_str(
                "That is the last member who holds this role's key. Add someone else to the role first.",
            ),
            Error::Invalid { message } => f.write_str(message),
            Error::AlreadyExists { path } => write!(
                f,
                "{} already exists. Choose a new file name so nothing is overwritten.",
                path.display()
            ),
            Error::SessionOpen => f.write_str(
                "A session is already running. End it before starting another.",
            ),
            Error::NoOpenSession => f.write_str("No session is running."),
            Error::Picture(problem) => problem.fmt(f),
            Error::DuplicatePicture { page: Some(page) } => write!(
                f,
                "This picture is already in the binder ({page}), so it was not added again."
            ),
            Error::DuplicatePicture { page: None } => f.write_str(
                "This picture is already in the binder, on a page not shared with you, so it was not added again.",
            ),
            Error::CannotWrite { full: true } => f.write_str(
                "There isn't enough space on the disk to save this. Nothing was changed and nothing is lost. Free some space, or move the binder to another drive, then try again.",
            ),
            Error::CannotWrite { full: false } => f.write_str(
                "The disk refused to save this (it may be full or have been unplugged). Nothing was changed and nothing is lost. Check the drive, then try again.",
            ),
            Error::TooManyAttempts { wait_secs } => write!(
                f,
                "That passphrase was wrong several times. Wait {wait_secs} seconds, then try again carefully. If it's forgotten, someone else in the binder or the recovery sheet can set a new one."
            ),
            Error::Cancelled => f.write_str("Stopped. Nothing was written."),
            Error::NotAChangeFile { path } => write!(
                f,
                "{} is not a Life Story change file. Choose a file made by `lifestory sync export` (they end in .lsc).",
                path.display()
            ),
            Error::NewerChangeFile { version } => write!(
                f,
                "This change file was made by a newer version of Life Story Binder (change format {version}). Update the app on this computer, then import it again; nothing was changed."
            ),
            Error::ForeignChangeFile => f.write_str(
                "This change file belongs to a different binder (another child's, or one made separately). Nothing was changed. Check you chose the right binder and the right file.",
            ),
            Error::TamperedChangeFile => f.write_str(
                "This change file is damaged, incomplete or was changed after it was made, so none of it was used. Nothing was changed. Ask for it to be exported again and copied once more.",
            ),
            Error::NotAnOffer => f.write_str(
                "That file is not a page offered from a brother's or sister's book. Choose a file made with \"Offer to brothers and sisters\" (they end in .lsp). Nothing was changed.",
            ),
            Error::ForeignOffer => f.write_str(
                "This page doesn't open with this binder's brothers-and-sisters code: it was offered to another family, or it was damaged on the way. Nothing was changed. Check both binders use the same code, or ask for the page to be offered again.",
            ),
            Error::NotLinked => f.write_str(
                "This binder isn't linked to any brothers' or sisters' binders yet. Link it with the family's group code first (the social worker can make one).",
            ),
            Error::ConfirmSensitive => f.write_str(
                "This page is marked sensitive. Check with the young person and confirm that it should be offered to their brothers and sisters, then try again.",
            ),
            Error::Io { path, source } => {
                write!(f, "Could not use {}: {source}.", path.display())
            }
            Error::Storage(e) => write!(
                f,
                "The binder file could not be read or written ({e}). Nothing was changed."
            ),
        }
    }
}

/// Why a picture file was refused. Each says what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PictureProblem {
    /// The file has no bytes.
    Empty,
    /// The bytes are not any picture format, whatever the file name says.
    NotAPicture,
    /// An iPhone HEIC/HEIF photo, which we cannot decode.
    Heic,
    /// A picture format we recognise but cannot decode.
    Unsupported { format: &'static str },
    /// Truncated or corrupt.
    Damaged,
    /// Bigger than the decoder limits (a decompression bomb looks like this).
    TooLarge { width: u32, height: u32 },
    /// The file itself is bigger than we read.
    FileTooBig { bytes: u64 },
}

impl PictureProblem {
    pub fn code(&self) -> &'static str {
        match self {
            PictureProblem::Empty => "picture-empty",
            PictureProblem::NotAPicture => "not-a-picture",
            PictureProblem::Heic => "picture-heic",
            PictureProblem::Unsupported { .. } => "picture-unsupported",
            PictureProblem::Damaged => "picture-damaged",
            PictureProblem::TooLarge { .. } => "picture-too-large",
            PictureProblem::FileTooBig { .. } => "picture-file-too-big",
        }
    }
}

impl fmt::Display for PictureProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PictureProblem::Empty => f.write_str(
                "That file is empty, so there is no picture in it. It may not have finished copying: copy it again and import the copy.",
            ),
            PictureProblem::NotAPicture => f.write_str(
                "That file isn't a picture, whatever its name says. Choose a photo or scan saved as JPEG, PNG, WebP, GIF, BMP or TIFF.",
            ),
            PictureProblem::Heic => f.write_str(
                "This is an iPhone photo in HEIC format, which Life Story Binder can't read yet. On the iPhone, share it with Options → \"Most Compatible\" (or set Settings → Camera → Formats → Most Compatible) to get a JPEG, then import that.",
            ),
            PictureProblem::Unsupported { format } => write!(
                f,
                "This is a {format} picture, which Life Story Binder can't read. Open it in a photo app and save or export it as JPEG or PNG, then import that."
            ),
            PictureProblem::Damaged => f.write_str(
                "This picture is damaged or incomplete (it may not have finished copying). Copy it again from the phone, camera or scanner, then import it. Nothing was added.",
            ),
            PictureProblem::TooLarge { width: 0, height: 0 } => f.write_str(
                "This picture would need far more memory to open than any real photo does, so it was refused. If it is a real picture, open it in a photo app and save a new copy as JPEG or PNG, then import that.",
            ),
            PictureProblem::TooLarge { width, height } => write!(
                f,
                "This picture says it is {width} × {height} pixels, too big to open safely (the limit is {} pixels a side and {} megapixels). Make a smaller copy in a photo app, then import that.",
                crate::picture::MAX_SIDE,
                crate::picture::MAX_PIXELS / 1_000_000
            ),
            PictureProblem::FileTooBig { bytes } => write!(
                f,
                "This file is {} MB; the largest picture file Life Story Binder imports is {} MB. Make a smaller copy in a photo app, then import that.",
                bytes / 1_000_000,
                crate::picture::MAX_FILE / 1_000_000
            ),
        }
    }
}

impl From<PictureProblem> for Error {
    fn from(p: PictureProblem) -> Self {
        Error::Picture(p)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Storage(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's own damage codes become [`Error::Damaged`] so the user is told
    /// to restore, not shown an engine message.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        if matches!(
            e,
            rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::IntegralValueOutOfRange(..)
        ) {
            return Error::damaged("a stored value has the wrong type");
        }
        match e.sqlite_error_code() {
            Some(DiskFull) => Error::CannotWrite { full: true },
            Some(TooBig) => Error::damaged("a stored value is far bigger than this app ever writes"),
            Some(SystemIoFailure) => match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if matches!(f.extended_code, rusqlite::ffi::SQLITE_IOERR_READ | rusqlite::ffi::SQLITE_IOERR_SHORT_READ) =>
                {
                    Error::damaged("part of the file could not be read")
                }
                _ => Error::CannotWrite { full: false },
            },
            Some(DatabaseCorrupt) => Error::damaged("the database structure is corrupt"),
            Some(NotADatabase) => Error::damaged("the file is not a complete database"),
            _ => Error::Storage(e),
        }
    }
}
