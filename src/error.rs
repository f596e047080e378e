//! Errors a caller can act on.
//!
//! Every variant renders as one plain sentence that says what happened and,
//! where there is one, what to do next. Messages never contain a passphrase,
//! a key, or any decrypted text: they are safe to show, log and print.
//!
//! Each variant also has a stable code ([`Error::code`]) and serialises as
//! `{"code": …, "data": {…its fields}}`: that is the form the app's window
//! gets (generated to TypeScript as `CoreError`), and it words each code in
//! its own language from the data (`ui/src/lib/i18n`). So a number or a name
//! the window shows is a field here, never something read back out of the
//! English. Fields that only the English needs are not sent.
//!
//! This file is a leaf: it uses nothing else in the crate, so every module
//! can use it. Whoever makes an error fills in the numbers and names it
//! carries (a limit, a role's key).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "CoreError"))]
#[serde(tag = "code", content = "data", rename_all = "kebab-case")]
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
    NotABinder {
        #[serde(with = "path_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        path: PathBuf,
    },
    /// The file was made by a newer version of the app.
    NewerSchema {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        found: i64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        supported: i64,
    },
    /// SQLite or our own checks found damage. `detail` is English, for the
    /// command line and logs.
    Damaged { detail: String },
    /// Something encrypted does not match the row it sits in: it was edited
    /// or moved outside the app. `what` is English ("Page 3f2a…").
    Tampered { what: String },
    /// A stored key asks for more scrypt work than we ever write: a hostile or
    /// foreign file.
    ExcessiveWork { log_n: u8 },
    /// The entry exists but is not shared with this member's role.
    NotShared,
    /// Shared with this role, but the page's key has not reached the role yet.
    KeyWaiting,
    /// A later-life letter that may not be opened yet (`until` is a day, `YYYY-MM-DD`).
    Sealed { until: String },
    /// A letter for later shared with the young person alone: nobody would
    /// keep it for them until its day (src/letters.rs).
    LetterNeedsKeeper,
    /// A letter whose day (`until`) has come, not yet released to its reader
    /// by a keeper's unlock (src/letters.rs).
    LetterWaiting { until: String },
    /// No such entry, member or session. `what` is English ("A page with id …").
    NotFound { what: String },
    /// An id prefix that matches more than one entry.
    AmbiguousId { prefix: String },
    /// Widening who can see an entry needs a record of the young person's
    /// agreement. `adding` holds the parties' keys ("school"), `words` the
    /// English for them ("school and birth family").
    ConsentNeeded {
        adding: Vec<String>,
        #[serde(skip)]
        words: String,
    },
    /// Adding a member to a role that has a key needs someone who holds it
    /// (`role` is the role's key, e.g. "social-worker").
    RoleKeyNeeded { role: &'static str },
    /// That role has no key yet (no member of it has ever been added).
    NoRoleKey { role: &'static str },
    /// The one keyed role left cannot be removed: nobody could read the binder.
    LastMember,
    /// There is already a file where a new binder would go.
    AlreadyExists {
        #[serde(with = "path_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        path: PathBuf,
    },
    /// A session is already running (only one at a time).
    SessionOpen,
    /// No session is running.
    NoOpenSession,
    /// The same picture is already on a page the member can read (`page`),
    /// or was added a moment ago by another window (none). One on a page
    /// kept from them is never mentioned.
    DuplicatePicture { page: Option<String> },
    /// The disk is full (or a size limit was reached). SQLite rolled the
    /// transaction back: nothing was changed.
    DiskFull,
    /// The disk refused a write (it may be full or removed). SQLite rolled
    /// the transaction back: nothing was changed.
    WriteFailed,
    /// Too many wrong passphrases in a row: wait before trying again.
    TooManyAttempts {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        wait_secs: u64,
    },
    /// Someone stopped a long task (a book export); nothing was written.
    Cancelled,
    /// The file given as a change file is not one.
    NotAChangeFile {
        #[serde(with = "path_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        path: PathBuf,
    },
    /// A change file written by a newer version of the app.
    NewerChangeFile { version: u8 },
    /// A change file made for another child's binder.
    ForeignChangeFile,
    /// A change file that is damaged, cut short or was altered.
    TamperedChangeFile,
    /// A change file sealed with a generation of the binder-wide key from
    /// before a rotation this copy has had: whoever was removed could have
    /// made it (src/sync/format.rs).
    ChangeFileOldKeys,
    /// Both copies changed who is in the binder since they last exchanged,
    /// and the fork cannot be settled here (src/membership.rs,
    /// `theirs_prevails`): this copy's branch stands but the file is sealed
    /// to keys the other branch made, or the other's stands but this copy's
    /// removals or key changes cannot be made again by the member
    /// importing. Nothing from the file is taken in.
    MembershipForked,
    /// The binder-wide key has a newer generation than the keyring holds,
    /// and none of its roles' wraps opens it (its role was rotated).
    KeysReplaced,
    /// Not a page offered from a brother's or sister's binder.
    NotAnOffer,
    /// An offered page that doesn't open with this binder's group code: it
    /// was offered to another family, or it was damaged on the way.
    ForeignOffer,
    /// An offered page whose signature or membership log does not hold, or
    /// whose book is not the one this copy saw before under that name.
    ForgedOffer,
    /// Siblings need this binder linked to their group code first.
    NotLinked,
    /// A sensitive page is offered only after an explicit confirmation.
    ConfirmSensitive,
    /// An offered page that came from this same binder.
    OfferFromThisBinder,
    /// A group code that is not one (wrong length, letters or check letter).
    BadGroupCode,

    /// A word typed for one of a fixed set of choices (a section, a role,
    /// a feeling…) that is none of them.
    NotAChoice { of: Choice, given: String },
    /// A day that is not `YYYY-MM-DD`.
    NotADay { given: String },
    /// A date that is neither exact nor one of the approximate forms.
    NotADate { given: String },
    /// An id that is not in the prompt library.
    UnknownPrompt { id: String },
    /// Every binder names the child.
    ChildNameNeeded,
    /// A member's name: 1 to `max_chars` characters, no control characters.
    BadMemberName { max_chars: usize },
    /// A new passphrase shorter than the rule (`min_chars` characters).
    PassphraseTooShort { min_chars: usize },
    /// A new passphrase that would be easy to guess (src/passphrase.rs).
    WeakPassphrase,
    /// Something only a member can do, asked with the recovery key.
    MemberNeeded { task: MemberTask },
    /// A keyring made from another binder was used on this one.
    KeysForAnotherBinder,
    /// Only the social worker (or the recovery key) removes someone else.
    MayNotRemoveOthers,
    /// Only the social worker (or the recovery key, or the binder's creator
    /// for a role nobody is in yet) adds a member of this role.
    MayNotAdmit { role: &'static str },
    /// Added by a member of their own role: a social worker approves first.
    AwaitingApproval { name: String },
    /// The rules ([`crate::authority`]) do not let this member `act`
    /// ("edit", "share" or "delete") on someone else's page.
    NotYourPage { act: &'static str },
    /// The page's author role is always in its audience.
    AuthorAlwaysSees { role: &'static str },
    /// A page's kind is fixed when it is made (`from`, `to`: the kinds' keys).
    KindCannotChange { from: &'static str, to: &'static str },
    /// A page moved next to itself.
    MoveNextToItself,
    /// A page with an empty title.
    TitleNeeded,
    /// A title over `max_chars` characters.
    TitleTooLong { max_chars: usize },
    /// A page over `max_chars` characters.
    PageTooLong { max_chars: usize },
    /// A caption over `max_chars` characters.
    CaptionTooLong { max_chars: usize },
    /// A picture page made without a picture body.
    PictureBodyNeeded,
    /// A picture attached to a page of a kind that has none (`kind`: its key).
    NoPicturesHere { kind: &'static str },
    /// Every free name for a new file in that folder is taken.
    NoFreeFileName { file: FileKind },
    /// A refill with nothing new or changed since the last print for that
    /// audience (`audience`: the party's key; `since`: the day, if known).
    NothingNewToPrint {
        audience: &'static str,
        #[serde(skip)]
        audience_words: &'static str,
        since: Option<String>,
    },
    /// A backup folder whose name SQLite can't be given.
    BackupPathNotText,
    /// A restore from a file onto itself.
    RestoreOntoItself,
    /// A mistake in how the command line was used, worded by the command
    /// line (the app never sends it).
    Usage { message: String },
    /// Something that should never happen did. `detail` is English.
    Unexpected { detail: String },

    /// Reading or writing a file failed.
    Io {
        #[serde(with = "path_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        path: PathBuf,
        #[serde(skip)]
        source: std::io::Error,
    },
    /// SQLite refused a read or write that should have worked.
    /// (SQLite's own words, for the English message only.)
    Storage(#[serde(skip)] String),
    /// A file given as a picture can't be imported; nothing was stored.
    /// (Serialised as the picture problem itself, with its own code; serde
    /// wants this variant last.)
    #[serde(untagged)]
    Picture(PictureProblem),
}

/// Which fixed set of choices a word was not one of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    Section,
    Kind,
    PlaceKind,
    Closeness,
    IdentityField,
    Role,
    Party,
    PictureSize,
    Feeling,
    Language,
}

/// What a member does that the recovery key can't.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum MemberTask {
    /// Their own settings (language, text size).
    Settings,
    /// Running a life story session.
    Session,
}

/// A file the app names for itself in a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Book,
    Binder,
}

/// A path as text for the window (any bytes that aren't UTF-8 shown as �).
mod path_text {
    use std::path::Path;

    use serde::Serializer;

    pub fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&path.to_string_lossy())
    }
}

/// A role's key as English words: "social-worker" → "social worker".
const FORGED_OFFER: &str = "This page's file says who offered it, but that doesn't check out: it was changed after it was offered, or made by someone outside that child's book. It has not been added. Ask the person who sent it to offer it again from the app.";

fn role_words(role: &str) -> String {
    role.replace('-', " ")
}

impl Error {
    /// A stable machine-readable code, for the UI and `--json` output. It is
    /// the `code` of the serialised form (a test checks they agree).
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
            Error::LetterNeedsKeeper => "letter-needs-keeper",
            Error::LetterWaiting { .. } => "letter-waiting",
            Error::NotFound { .. } => "not-found",
            Error::AmbiguousId { .. } => "ambiguous-id",
            Error::ConsentNeeded { .. } => "consent-needed",
            Error::RoleKeyNeeded { .. } => "role-key-needed",
            Error::NoRoleKey { .. } => "no-role-key",
            Error::LastMember => "last-member",
            Error::AlreadyExists { .. } => "already-exists",
            Error::SessionOpen => "session-open",
            Error::NoOpenSession => "no-open-session",
            Error::Picture(problem) => problem.code(),
            Error::DuplicatePicture { .. } => "duplicate-picture",
            Error::DiskFull => "disk-full",
            Error::WriteFailed => "write-failed",
            Error::TooManyAttempts { .. } => "too-many-attempts",
            Error::Cancelled => "cancelled",
            Error::NotAChangeFile { .. } => "not-a-change-file",
            Error::NewerChangeFile { .. } => "newer-change-file",
            Error::ForeignChangeFile => "foreign-change-file",
            Error::TamperedChangeFile => "tampered-change-file",
            Error::ChangeFileOldKeys => "change-file-old-keys",
            Error::MembershipForked => "membership-forked",
            Error::KeysReplaced => "keys-replaced",
            Error::NotAnOffer => "not-an-offer",
            Error::ForeignOffer => "foreign-offer",
            Error::ForgedOffer => "forged-offer",
            Error::NotLinked => "not-linked",
            Error::ConfirmSensitive => "confirm-sensitive",
            Error::OfferFromThisBinder => "offer-from-this-binder",
            Error::BadGroupCode => "bad-group-code",
            Error::NotAChoice { .. } => "not-a-choice",
            Error::NotADay { .. } => "not-a-day",
            Error::NotADate { .. } => "not-a-date",
            Error::UnknownPrompt { .. } => "unknown-prompt",
            Error::ChildNameNeeded => "child-name-needed",
            Error::BadMemberName { .. } => "bad-member-name",
            Error::PassphraseTooShort { .. } => "passphrase-too-short",
            Error::WeakPassphrase => "weak-passphrase",
            Error::MemberNeeded { .. } => "member-needed",
            Error::KeysForAnotherBinder => "keys-for-another-binder",
            Error::MayNotRemoveOthers => "may-not-remove-others",
            Error::MayNotAdmit { .. } => "may-not-admit",
            Error::AwaitingApproval { .. } => "awaiting-approval",
            Error::NotYourPage { .. } => "not-your-page",
            Error::AuthorAlwaysSees { .. } => "author-always-sees",
            Error::KindCannotChange { .. } => "kind-cannot-change",
            Error::MoveNextToItself => "move-next-to-itself",
            Error::TitleNeeded => "title-needed",
            Error::TitleTooLong { .. } => "title-too-long",
            Error::PageTooLong { .. } => "page-too-long",
            Error::CaptionTooLong { .. } => "caption-too-long",
            Error::PictureBodyNeeded => "picture-body-needed",
            Error::NoPicturesHere { .. } => "no-pictures-here",
            Error::NoFreeFileName { .. } => "no-free-file-name",
            Error::NothingNewToPrint { .. } => "nothing-new-to-print",
            Error::BackupPathNotText => "backup-path-not-text",
            Error::RestoreOntoItself => "restore-onto-itself",
            Error::Usage { .. } => "usage",
            Error::Unexpected { .. } => "unexpected",
            Error::Io { .. } => "io",
            Error::Storage(_) => "storage",
        }
    }

    pub(crate) fn damaged(detail: impl Into<String>) -> Self {
        Error::Damaged { detail: detail.into() }
    }

    pub(crate) fn tampered(what: impl Into<String>) -> Self {
        Error::Tampered { what: what.into() }
    }

    pub(crate) fn not_a_choice(of: Choice, given: impl Into<String>) -> Self {
        Error::NotAChoice { of, given: given.into() }
    }

    /// A command-line mistake, in the command line's words.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage { message: message.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// A failed write to a file we make: a full disk or a size limit says
    /// so, anything else names the file.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        match source.raw_os_error() {
            Some(28 | 27 | 122) => Error::DiskFull, // ENOSPC, EFBIG, EDQUOT
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
            Error::LetterNeedsKeeper => f.write_str(
                "A letter for later is kept by an adult until its day, so that nobody, not even the young person, can open it early. Share it with their carer or social worker too.",
            ),
            Error::LetterWaiting { until } => write!(
                f,
                "This letter's day has come ({until}). It opens for you the next time your carer or social worker opens the binder."
            ),
            Error::NotFound { what } => write!(f, "{what} was not found."),
            Error::AmbiguousId { prefix } => write!(
                f,
                "More than one page starts with \"{prefix}\". Type a few more characters of the id."
            ),
            Error::ConsentNeeded { words, .. } => write!(
                f,
                "Sharing with {words} needs a note of how the young person agreed (for example --consent \"Sam said yes in our session\")."
            ),
            Error::RoleKeyNeeded { role } => {
                let role = role_words(role);
                write!(f, "Only someone who is already a {role} here, or the recovery key, can add another {role}.")
            }
            Error::NoRoleKey { role } => {
                let role = role_words(role);
                write!(
                    f,
                    "No one has been added as a {role} yet, so there is no {role} key. Add a {role} member first."
                )
            }
            Error::LastMember => f.write_str(
                "That is the last member who holds this role's key. Add someone else to the role first.",
            ),
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
                "This picture was added to the binder a moment ago, so it was not added again.",
            ),
            Error::DiskFull => f.write_str(
                "There isn't enough space on the disk to save this. Nothing was changed and nothing is lost. Free some space, or move the binder to another drive, then try again.",
            ),
            Error::WriteFailed => f.write_str(
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
            Error::MembershipForked => f.write_str(
                "This copy and the copy that wrote this change file have each changed who is in the book since they last exchanged, in ways this copy cannot put together (someone was removed, or the book's keys were changed, and it cannot be made again here). None of it was taken in. Nothing was changed. Send this copy's changes to the other copy first, or ask the social worker to exchange on this copy. If that does not help, ask the social worker for a fresh copy of the book.",
            ),
            Error::ChangeFileOldKeys => f.write_str(
                "This change file was written with the book's keys from before someone was removed, so none of it was taken in. Nothing was changed. The copy that wrote it takes in the new keys at its next exchange, and then writes its changes again.",
            ),
            Error::KeysReplaced => f.write_str(
                "The book's keys were changed on another copy (someone was removed) and your key does not open the new ones, or this change file was not made by one of this book's copies. Nothing was changed. Ask the social worker: if the keys were changed, they can give you a new copy of the book.",
            ),
            Error::NotAnOffer => f.write_str(
                "That file is not a page offered from a brother's or sister's book. Choose a file made with \"Offer to brothers and sisters\" (they end in .lsp). Nothing was changed.",
            ),
            Error::ForgedOffer => f.write_str(FORGED_OFFER),
            Error::ForeignOffer => f.write_str(
                "This page doesn't open with this binder's brothers-and-sisters code: it was offered to another family, or it was damaged on the way. Nothing was changed. Check both binders use the same code, or ask for the page to be offered again.",
            ),
            Error::NotLinked => f.write_str(
                "This binder isn't linked to any brothers' or sisters' binders yet. Link it with the family's group code first (the social worker can make one).",
            ),
            Error::ConfirmSensitive => f.write_str(
                "This page is marked sensitive. Check with the young person and confirm that it should be offered to their brothers and sisters, then try again.",
            ),
            Error::OfferFromThisBinder => f.write_str(
                "This page was offered from this same binder, so it is already here. Import it into a brother's or sister's binder.",
            ),
            Error::BadGroupCode => f.write_str(
                "That group code doesn't look right. It has 16 letters and numbers in four groups, like 7KQM-2XHT-R9PA-F3DW: check each one and try again.",
            ),
            Error::NotAChoice { of, given } => match of {
                Choice::Section => write!(f, "\"{given}\" is not a section. Choose present, past or future."),
                Choice::Kind => write!(f, "\"{given}\" is not a kind of page. Choose narrative, place or person."),
                Choice::PlaceKind => write!(
                    f,
                    "\"{given}\" is not a kind of place. Choose home, placement, school, country, hospital, event or other."
                ),
                Choice::Closeness => write!(f, "\"{given}\" is not a closeness. Choose closest, close or further."),
                Choice::IdentityField => write!(
                    f,
                    "\"{given}\" is not an identity field. Choose ethnicity, culture, religion, languages, disability, sexual-identity or gender."
                ),
                Choice::Role => write!(f, "\"{given}\" is not a role. Roles are young-person, carer and social-worker."),
                Choice::Party => write!(
                    f,
                    "\"{given}\" is not someone a page can be shared with. Choose from young-person, carer, social-worker, school, birth-family, siblings."
                ),
                Choice::PictureSize => write!(f, "\"{given}\" is not a picture size: use thumb, print or full."),
                Choice::Feeling => write!(
                    f,
                    "\"{given}\" is not one of the feelings: happy, calm, okay, mixed, sad, worried, angry."
                ),
                Choice::Language => write!(f, "\"{given}\" is not a language here: use en (English) or cy (Cymraeg)."),
            },
            Error::NotADay { given } => {
                write!(f, "\"{given}\" is not a date. Write it as year-month-day, e.g. 2031-05-14.")
            }
            Error::NotADate { given } => write!(
                f,
                "\"{given}\" is not a date this app understands. Try 2019-06-14, June 2019, summer 2019 or 2019 (in Welsh: Mehefin 2019, haf 2019)."
            ),
            Error::UnknownPrompt { id } => {
                write!(f, "There is no prompt called \"{id}\". `lifestory prompts` lists them.")
            }
            Error::ChildNameNeeded => f.write_str("Please give the child's name (it is stored encrypted)."),
            Error::BadMemberName { max_chars } => write!(
                f,
                "A member's name should be 1 to {max_chars} characters, for example a first name or a nickname."
            ),
            Error::PassphraseTooShort { min_chars } => write!(
                f,
                "Please choose a passphrase of at least {min_chars} characters; a short sentence is easy to remember."
            ),
            Error::WeakPassphrase => f.write_str(
                "That passphrase would be easy to guess: names, birthdays and common words are the first things tried. Try four or five random words you can picture, like things in a room, with a space between them.",
            ),
            Error::MemberNeeded { task: MemberTask::Settings } => f.write_str(
                "The recovery key has no settings of its own. Open the book as a member to choose them.",
            ),
            Error::MemberNeeded { task: MemberTask::Session } => f.write_str(
                "A session is run by a person: unlock as a member, not with the recovery key.",
            ),
            Error::KeysForAnotherBinder => {
                f.write_str("That unlock belongs to a different binder. Unlock this one first.")
            }
            Error::MayNotRemoveOthers => f.write_str(
                "Only the social worker (or the recovery key) can remove someone else. You can remove yourself.",
            ),
            Error::MayNotAdmit { role } => write!(
                f,
                "Only the social worker (or the agency, with the recovery sheet) can add a {}. Ask them to add this person.",
                role_words(role)
            ),
            Error::NotYourPage { act } => f.write_str(match *act {
                "edit" => "Only the person who wrote this page, or the social worker, can change its words. You could add a page of your own about it.",
                "delete" => "Only the person who wrote this page, or the social worker, can take it out of the book.",
                _ => "Only the person who wrote this page, the young person or the social worker can change who sees it, where it goes or its pictures.",
            }),
            Error::AwaitingApproval { name } => write!(
                f,
                "{name} has been added, and can open the binder once the social worker has approved it."
            ),
            Error::AuthorAlwaysSees { role } => {
                let role = role_words(role);
                write!(f, "The {role} who wrote this page can always see it, so the {role} can't be removed.")
            }
            Error::KindCannotChange { from, to } => write!(
                f,
                "This page is a {from} page; it can't become a {to} page. Add a new page instead."
            ),
            Error::MoveNextToItself => f.write_str("A page can't be moved next to itself."),
            Error::TitleNeeded => f.write_str("Every page needs a title, even a short one."),
            Error::TitleTooLong { max_chars } => write!(
                f,
                "That title is very long. Keep it under {max_chars} characters and put the rest in the page."
            ),
            Error::PageTooLong { max_chars: 1_000_000 } => {
                f.write_str("That page is over a million characters. Split it into several pages.")
            }
            Error::PageTooLong { max_chars } => {
                write!(f, "That page is over {max_chars} characters. Split it into several pages.")
            }
            Error::CaptionTooLong { max_chars } => write!(
                f,
                "That caption is very long. Keep it under {max_chars} characters and put the rest on the page."
            ),
            Error::PictureBodyNeeded => f.write_str("A picture page needs a picture body."),
            Error::NoPicturesHere { .. } => {
                f.write_str("Pictures can go on narrative, place, person and picture pages.")
            }
            Error::NoFreeFileName { file } => {
                let files = match file {
                    FileKind::Book => "books",
                    FileKind::Binder => "binders",
                };
                write!(f, "There are too many {files} with this name in the folder; choose another place.")
            }
            Error::NothingNewToPrint { audience_words, since, .. } => write!(
                f,
                "Nothing is new or changed for {audience_words} since {}: there is nothing to print.",
                since.as_deref().unwrap_or("the last print")
            ),
            Error::BackupPathNotText => f.write_str("Choose a backup folder whose name is plain text."),
            Error::RestoreOntoItself => f.write_str("That backup is the binder itself. Choose a backup file."),
            Error::Usage { message } => f.write_str(message),
            Error::Unexpected { detail } => write!(
                f,
                "Something went wrong that shouldn't have ({detail}). Nothing was changed."
            ),
            Error::Io { path, source } => {
                write!(f, "Could not use {}: {source}.", path.display())
            }
            Error::Storage(detail) => write!(
                f,
                "The binder file could not be read or written ({detail}). Nothing was changed."
            ),
        }
    }
}

/// Why a picture file was refused. Each says what to do instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "code", content = "data")]
#[non_exhaustive]
pub enum PictureProblem {
    /// The file has no bytes.
    #[serde(rename = "picture-empty")]
    Empty,
    /// The bytes are not any picture format, whatever the file name says.
    #[serde(rename = "not-a-picture")]
    NotAPicture,
    /// An iPhone HEIC/HEIF photo, which we cannot decode.
    #[serde(rename = "picture-heic")]
    Heic,
    /// A picture format we recognise but cannot decode.
    #[serde(rename = "picture-unsupported")]
    Unsupported { format: &'static str },
    /// Truncated or corrupt.
    #[serde(rename = "picture-damaged")]
    Damaged,
    /// Bigger than the decoder limits (a decompression bomb looks like
    /// this). Width and height are 0 when the decoder ran out of memory
    /// before it knew them. The limits are the ones the decoder holds to.
    #[serde(rename = "picture-too-large")]
    TooLarge {
        width: u32,
        height: u32,
        max_side: u32,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_pixels: u64,
    },
    /// The file itself is bigger than we read (`max_bytes`).
    #[serde(rename = "picture-file-too-big")]
    FileTooBig {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        bytes: u64,
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        max_bytes: u64,
    },
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
            PictureProblem::TooLarge { width: 0, height: 0, .. } => f.write_str(
                "This picture would need far more memory to open than any real photo does, so it was refused. If it is a real picture, open it in a photo app and save a new copy as JPEG or PNG, then import that.",
            ),
            PictureProblem::TooLarge { width, height, max_side, max_pixels } => write!(
                f,
                "This picture says it is {width} × {height} pixels, too big to open safely (the limit is {max_side} pixels a side and {} megapixels). Make a smaller copy in a photo app, then import that.",
                max_pixels / 1_000_000
            ),
            PictureProblem::FileTooBig { bytes, max_bytes } => write!(
                f,
                "This file is {} MB; the largest picture file Life Story Binder imports is {} MB. Make a smaller copy in a photo app, then import that.",
                bytes / 1_000_000,
                max_bytes / 1_000_000
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
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every variant (and every display branch).
    fn one_of_each() -> Vec<Error> {
        let io = || std::io::Error::other("no");
        let path = || PathBuf::from("/tmp/x.binder");
        let mut all = vec![
            Error::WrongPassphrase { member: "Jo".into() },
            Error::WrongRecoveryKey,
            Error::NotARecoveryKey,
            Error::UnknownMember { name: "Jo".into() },
            Error::MemberExists { name: "Jo".into() },
            Error::NotABinder { path: path() },
            Error::NewerSchema { found: 9, supported: 3 },
            Error::damaged("x"),
            Error::tampered("Page 1"),
            Error::ExcessiveWork { log_n: 30 },
            Error::NotShared,
            Error::KeyWaiting,
            Error::Sealed { until: "2031-05-14".into() },
            Error::LetterNeedsKeeper,
            Error::LetterWaiting { until: "2031-05-14".into() },
            Error::NotFound { what: "The session".into() },
            Error::AmbiguousId { prefix: "3f".into() },
            Error::ConsentNeeded { adding: vec!["school".into()], words: "school".into() },
            Error::RoleKeyNeeded { role: "social-worker" },
            Error::MayNotAdmit { role: "carer" },
            Error::AwaitingApproval { name: "Lou".into() },
            Error::NotYourPage { act: "edit" },
            Error::NotYourPage { act: "share" },
            Error::NotYourPage { act: "delete" },
            Error::NoRoleKey { role: "carer" },
            Error::LastMember,
            Error::AlreadyExists { path: path() },
            Error::SessionOpen,
            Error::NoOpenSession,
            Error::DuplicatePicture { page: Some("Page 1".into()) },
            Error::DuplicatePicture { page: None },
            Error::DiskFull,
            Error::WriteFailed,
            Error::TooManyAttempts { wait_secs: 8 },
            Error::Cancelled,
            Error::NotAChangeFile { path: path() },
            Error::NewerChangeFile { version: 9 },
            Error::ForeignChangeFile,
            Error::TamperedChangeFile,
            Error::ChangeFileOldKeys,
            Error::MembershipForked,
            Error::KeysReplaced,
            Error::NotAnOffer,
            Error::ForeignOffer,
            Error::ForgedOffer,
            Error::NotLinked,
            Error::ConfirmSensitive,
            Error::OfferFromThisBinder,
            Error::BadGroupCode,
            Error::NotADay { given: "x".into() },
            Error::NotADate { given: "x".into() },
            Error::UnknownPrompt { id: "x".into() },
            Error::ChildNameNeeded,
            Error::BadMemberName { max_chars: 60 },
            Error::PassphraseTooShort { min_chars: 8 },
            Error::WeakPassphrase,
            Error::MemberNeeded { task: MemberTask::Settings },
            Error::MemberNeeded { task: MemberTask::Session },
            Error::KeysForAnotherBinder,
            Error::MayNotRemoveOthers,
            Error::AuthorAlwaysSees { role: "young-person" },
            Error::KindCannotChange { from: "person", to: "place" },
            Error::MoveNextToItself,
            Error::TitleNeeded,
            Error::TitleTooLong { max_chars: 200 },
            Error::PageTooLong { max_chars: 1_000_000 },
            Error::CaptionTooLong { max_chars: 2000 },
            Error::PictureBodyNeeded,
            Error::NoPicturesHere { kind: "identity" },
            Error::NoFreeFileName { file: FileKind::Book },
            Error::NoFreeFileName { file: FileKind::Binder },
            Error::NothingNewToPrint { audience: "school", audience_words: "school", since: Some("2026-01-02".into()) },
            Error::NothingNewToPrint { audience: "carer", audience_words: "the carer", since: None },
            Error::BackupPathNotText,
            Error::RestoreOntoItself,
            Error::usage("Say who you are with --as NAME."),
            Error::Unexpected { detail: "x".into() },
            Error::io(path(), io()),
            Error::Storage("x".into()),
        ];
        for of in [
            Choice::Section,
            Choice::Kind,
            Choice::PlaceKind,
            Choice::Closeness,
            Choice::IdentityField,
            Choice::Role,
            Choice::Party,
            Choice::PictureSize,
            Choice::Feeling,
            Choice::Language,
        ] {
            all.push(Error::not_a_choice(of, "x"));
        }
        all.extend(
            [
                PictureProblem::Empty,
                PictureProblem::NotAPicture,
                PictureProblem::Heic,
                PictureProblem::Unsupported { format: "AVIF" },
                PictureProblem::Damaged,
                PictureProblem::TooLarge { width: 0, height: 0, max_side: 16_384, max_pixels: 100_000_000 },
                PictureProblem::TooLarge { width: 50_000, height: 50_000, max_side: 16_384, max_pixels: 100_000_000 },
                PictureProblem::FileTooBig { bytes: 200_000_000, max_bytes: 100_000_000 },
            ]
            .map(Error::from),
        );
        all
    }

    #[test]
    fn the_serialised_code_is_the_code_and_the_fields_are_the_data() {
        for e in one_of_each() {
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(v["code"], e.code(), "{e:?}");
            let keys = v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
            assert!(keys.iter().all(|k| k == "code" || k == "data"), "{e:?}: {keys:?}");
        }
        let v = serde_json::to_value(Error::TooManyAttempts { wait_secs: 8 }).unwrap();
        assert_eq!(v, serde_json::json!({"code": "too-many-attempts", "data": {"wait_secs": 8}}));
        let v = serde_json::to_value(Error::from(PictureProblem::Unsupported { format: "AVIF" })).unwrap();
        assert_eq!(v, serde_json::json!({"code": "picture-unsupported", "data": {"format": "AVIF"}}));
        let v = serde_json::to_value(Error::NotShared).unwrap();
        assert_eq!(v, serde_json::json!({"code": "not-shared"}));
    }

    #[test]
    fn what_only_the_english_needs_is_not_sent() {
        let consent = Error::ConsentNeeded { adding: vec!["birth-family".into()], words: "birth family".into() };
        assert_eq!(serde_json::to_value(&consent).unwrap()["data"], serde_json::json!({"adding": ["birth-family"]}));
        assert!(consent.to_string().starts_with("Sharing with birth family needs"));
        let io = serde_json::to_value(Error::io("/x/y", std::io::Error::other("secret detail"))).unwrap();
        assert_eq!(io["data"], serde_json::json!({"path": "/x/y"}));
        assert_eq!(serde_json::to_value(Error::Storage("x".into())).unwrap(), serde_json::json!({"code": "storage"}));
    }

    #[test]
    fn every_error_has_a_sentence_and_the_english_is_as_before() {
        for e in one_of_each() {
            let s = e.to_string();
            assert!(s.len() > 10 && s.ends_with(['.', ')']), "{e:?}: {s}");
        }
        assert_eq!(
            Error::RoleKeyNeeded { role: "social-worker" }.to_string(),
            "Only someone who is already a social worker here, or the recovery key, can add another social worker."
        );
        assert_eq!(
            Error::AuthorAlwaysSees { role: "young-person" }.to_string(),
            "The young person who wrote this page can always see it, so the young person can't be removed."
        );
        assert_eq!(
            Error::NothingNewToPrint { audience: "carer", audience_words: "the carer", since: None }.to_string(),
            "Nothing is new or changed for the carer since the last print: there is nothing to print."
        );
        assert_eq!(
            Error::from(PictureProblem::TooLarge { width: 50_000, height: 50_000, max_side: 16_384, max_pixels: 100_000_000 }).to_string(),
            "This picture says it is 50000 × 50000 pixels, too big to open safely (the limit is 16384 pixels a side and 100 megapixels). Make a smaller copy in a photo app, then import that."
        );
    }
}
