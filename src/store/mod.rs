//! The binder file's storage layer: the only code that holds a SQLite
//! connection or writes SQL.
//!
//! Domain modules (entry, consent, members, picture, sync, …) decide the
//! rules and call typed functions here; they never see a `rusqlite` type.
//! Each table family has one file that owns its SQL, with one column list
//! and one row reader per table:
//!
//! | file | tables |
//! |---|---|
//! | `schema.rs` | connection settings, migrations (`migrations/*.sql`), the key-free check |
//! | `header.rs` | `binder` (the header row and the sealed profile) |
//! | `members.rs` | `members`, `role_keys` |
//! | `entries.rs` | `entries`, `entry_keys` |
//! | `pictures.rs` | `pictures`, `picture_copies` |
//! | `ledger.rs` | `ledger`, `ledger_sync` |
//! | `sessions.rs` | `sessions` |
//! | `prints.rs` | `prints` |
//! | `local.rs` | `looked`, `preferences`, `unlock_attempts` (this copy only; never exchanged) |
//! | `sync.rs` | `sync_replica`, `sync_peers`, `sync_tombstones`, `sync_conflicts`, and rows as exchanged |
//!
//! Reads and writes go through a [`Db`], a cheap handle on the connection;
//! a [`Tx`] is a transaction that derefs to the `Db` inside it, so the same
//! table functions serve both. Dropping a `Tx` without `commit` rolls back.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

mod entries;
mod header;
mod ledger;
mod local;
mod members;
mod membership;
mod pictures;
mod prints;
pub(crate) mod schema;
mod sessions;
mod siblings;
mod snapshot;
mod sync;

pub(crate) use entries::{EntryKeyRow, EntryRow, ListedEntry};
pub(crate) use header::HeaderRow;
pub(crate) use ledger::LedgerRow;
pub(crate) use members::{MemberRow, RoleKeyRow};
pub(crate) use membership::{LinkRow, MAX_LINKS};
pub(crate) use pictures::{PictureCopyRow, PictureRow};
pub(crate) use prints::PrintRow;
pub(crate) use sessions::SessionRow;
pub use schema::CheckReport;
pub(crate) use sync::{
    ConflictRow, EntryPlace, ExchangedEntry, ExchangedLedger, ExchangedMember, ExchangedPicture, ExchangedProfile,
    ExchangedRoleKey, ExchangedSession, PeerRow, Versioned,
};

/// An open binder file.
pub(crate) struct Store {
    conn: Connection,
}

/// A handle for reading and writing tables, inside or outside a
/// transaction.
#[derive(Clone, Copy)]
pub(crate) struct Db<'c> {
    pub(crate) conn: &'c Connection,
}

/// A transaction. Derefs to its [`Db`]; rolls back unless committed.
pub(crate) struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    db: Db<'c>,
}

impl Store {
    /// Create a new, empty, current-schema file. Refuses to overwrite.
    pub(crate) fn create(path: &Path) -> Result<Store> {
        let store = Store { conn: schema::create(path)? };
        store.claim(path)?;
        Ok(store)
    }

    /// Open an existing binder file, migrating it to the current schema.
    /// A copy of another file takes a replica id of its own here.
    pub(crate) fn open(path: &Path) -> Result<Store> {
        let store = Store { conn: schema::open(path)? };
        store.claim(path)?;
        Ok(store)
    }

    /// Open read-only, without migrating, for `check`.
    pub(crate) fn open_read_only(path: &Path) -> Result<Store> {
        Ok(Store { conn: schema::open_read_only(path)? })
    }

    /// The key-free structural check.
    pub(crate) fn check(&self) -> Result<CheckReport> {
        schema::check(&self.conn)
    }

    pub(crate) fn db(&self) -> Db<'_> {
        Db { conn: &self.conn }
    }

    /// Start a transaction (deferred). Only one is open at a time: the
    /// binder's operations never nest them.
    pub(crate) fn begin(&self) -> Result<Tx<'_>> {
        Ok(Tx { tx: self.conn.unchecked_transaction()?, db: Db { conn: &self.conn } })
    }

    /// After something was deleted or re-keyed: move the WAL into the main
    /// file and truncate it, so the old rows' bytes (already overwritten in
    /// the main file by `secure_delete`) don't linger in the -wal file.
    /// Best effort: with another reader open the checkpoint may be partial,
    /// and the next one finishes the job.
    pub(crate) fn scrub(&self) {
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

impl<'c> Tx<'c> {
    pub(crate) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    pub(crate) fn db(&self) -> Db<'c> {
        self.db
    }
}

impl<'c> std::ops::Deref for Tx<'c> {
    type Target = Db<'c>;
    fn deref(&self) -> &Db<'c> {
        &self.db
    }
}

/// Now, as stored: RFC 3339 UTC with milliseconds, so text order is time
/// order.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new random row id: 32 lowercase hex digits (a v4 UUID).
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// How SQLite's errors become ours: here, beside the only code that meets
/// them, so `error.rs` knows nothing of the engine.
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
            Some(DiskFull) => Error::DiskFull,
            Some(TooBig) => Error::damaged("a stored value is far bigger than this app ever writes"),
            Some(SystemIoFailure) => match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if matches!(f.extended_code, rusqlite::ffi::SQLITE_IOERR_READ | rusqlite::ffi::SQLITE_IOERR_SHORT_READ) =>
                {
                    Error::damaged("part of the file could not be read")
                }
                _ => Error::WriteFailed,
            },
            Some(DatabaseCorrupt) => Error::damaged("the database structure is corrupt"),
            Some(NotADatabase) => Error::damaged("the file is not a complete database"),
            _ => Error::Storage(e.to_string()),
        }
    }
}

