//! The SQLite file: connection settings, versioned migrations and the
//! key-free structural check.
//!
//! Plaintext columns hold only what listing and filtering need without keys
//! (ids, section, kind, dates, order, audience bits, flags). Every `BLOB`
//! named `wrap`, `body`, `profile` or `note` is an age file (see keys.rs).
//! Member display names are plaintext because the unlock screen must list
//! them before anyone has a key; the app tells people to use a first name
//! or nickname there.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// `PRAGMA application_id`: "LSBd". Lets us tell our files from other SQLite
/// files before we write anything to them.
pub const APPLICATION_ID: i64 = 0x4C53_4264;

/// The newest schema this build reads and writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 15;

/// Each migration takes the file from version `i` to `i + 1`. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_binder.sql"),
    include_str!("migrations/002_pictures.sql"),
    include_str!("migrations/003_sync.sql"),
    include_str!("migrations/004_prints.sql"),
    include_str!("migrations/005_looked.sql"),
    include_str!("migrations/006_preferences.sql"),
    include_str!("migrations/007_rowid_tables.sql"),
    include_str!("migrations/008_membership.sql"),
    include_str!("migrations/009_signed_consent.sql"),
    include_str!("migrations/010_signed_pages.sql"),
    include_str!("migrations/011_sibling_books.sql"),
    include_str!("migrations/012_signed_records.sql"),
    include_str!("migrations/013_signed_pictures.sql"),
    include_str!("migrations/014_unlock_attempts.sql"),
    include_str!("migrations/015_membership_fork.sql"),
];

/// Settings every connection gets. `secure_delete` so deleted text does not
/// linger in free pages; `synchronous=FULL` so a commit survives power loss;
/// `temp_store=MEMORY` so SQLite never spills (decrypted) sort data to a
/// temporary file.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA trusted_schema = OFF;
         PRAGMA temp_store = MEMORY;",
    )?;
    // No value we write is near this; a hostile file's huge blob is refused
    // by SQLite before it is read into memory.
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH, crate::keys::MAX_BLOB as i32 + 4096)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::damaged(format!("could not switch to WAL journaling (got {mode})")));
    }
    Ok(())
}

/// Create a new, empty, current-schema binder file. Refuses to overwrite.
pub(crate) fn create(path: &Path) -> Result<Connection> {
    if path.exists() {
        return Err(Error::AlreadyExists { path: path.to_owned() });
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    configure(&conn)?;
    migrate(&mut conn, 0)?;
    Ok(conn)
}

/// Open an existing binder. Nothing is written until the file has been
/// recognised as ours and of a version we understand.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::NotFound { what: format!("The binder {}", path.display()) });
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| Error::NotABinder { path: path.to_owned() })?;
    let (app_id, version) = read_header(&conn).map_err(|e| match e {
        Error::Damaged { .. } if looks_like_sqlite(path) => e,
        Error::Storage(_) | Error::Damaged { .. } => Error::NotABinder { path: path.to_owned() },
        other => other,
    })?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotABinder { path: path.to_owned() });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found: version, supported: SCHEMA_VERSION });
    }
    if let Some(problem) = cut_short(path) {
        return Err(Error::damaged(problem));
    }
    configure(&conn)?;
    migrate(&mut conn, version)?;
    Ok(conn)
}

/// SQLite's file header records the database size in pages as of the last
/// write to the main file (sqlite.org/fileformat.html §1.3.7, valid when
/// the change counter at 24 matches the version-valid-for number at 92).
/// A file shorter than that was cut off, typically by an interrupted copy,
/// even if the pages lost happened to be unused.
///
/// Not while a -wal file has content: a checkpoint interrupted by a crash
/// can leave the header updated before the file is extended, and SQLite
/// finishes that checkpoint from the WAL on the next open (found by
/// tests/crash.rs).
fn cut_short(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(std::path::PathBuf::from(wal)).is_ok_and(|m| m.len() > 0) {
        return None;
    }
    let mut header = [0u8; 100];
    let len = std::fs::metadata(path).ok()?.len();
    std::fs::File::open(path).ok()?.read_exact(&mut header).ok()?;
    let be32 = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().unwrap());
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(be32(28));
    (be32(24) == be32(92) && pages > 0 && len < pages * page_size)
        .then(|| format!("the file is {len} bytes but should be {}: it was cut off, perhaps while being copied", pages * page_size))
}

/// Open for `check`: read-only, no migrations, works on damaged files as far
/// as SQLite allows.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(Error::NotFound { what: format!("The binder {}", path.display()) });
    }
    if !looks_like_sqlite(path) {
        return Err(Error::NotABinder { path: path.to_owned() });
    }
    if let Some(problem) = cut_short(path) {
        return Err(Error::damaged(problem));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let (app_id, version) = read_header(&conn)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotABinder { path: path.to_owned() });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found: version, supported: SCHEMA_VERSION });
    }
    Ok(conn)
}

fn looks_like_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .map(|_| &magic == b"SQLite format 3\0")
        .unwrap_or(false)
}

fn read_header(conn: &Connection) -> Result<(i64, i64)> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app_id, version))
}

fn migrate(conn: &mut Connection, from: i64) -> Result<()> {
    if from >= SCHEMA_VERSION {
        return Ok(());
    }
    // Off while migrating (it can't change inside a transaction): a table
    // rebuilt by dropping and recreating it (007) must not take the rows of
    // other tables with it through ON DELETE CASCADE.
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = (|| {
        let tx = conn.transaction()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        tx.commit()
    })();
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(migrated?)
}

/// What `check` found. Empty `problems` means healthy.
#[derive(Debug, Default, serde::Serialize)]
pub struct CheckReport {
    pub schema_version: i64,
    pub entries: i64,
    pub members: i64,
    pub problems: Vec<String>,
}

/// SQLite's integrity and foreign-key checks plus our own structural rules,
/// none of which need keys. Read-only.
pub(crate) fn check(conn: &Connection) -> Result<CheckReport> {
    let mut report = CheckReport {
        schema_version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ..Default::default()
    };
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = row?;
        if line != "ok" {
            report.problems.push(format!("integrity: {line}"));
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))? {
        let (table, parent) = row?;
        report.problems.push(format!("a row in {table} points at a missing row in {parent}"));
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    // (query counting rows, the count a healthy file has, what is wrong otherwise)
    let rules: &[(&str, i64, &str)] = &[
        ("SELECT count(*) FROM binder", 1, "the binder header row is missing"),
        (
            "SELECT count(*) FROM members m LEFT JOIN role_keys k ON k.role = m.role WHERE k.role IS NULL",
            0,
            "a member has a role with no key",
        ),
        (
            "SELECT count(*) FROM entries WHERE audience < 0 OR audience > 63",
            0,
            "an entry has an audience this app does not write",
        ),
        (
            "SELECT count(*) FROM entries e WHERE NOT EXISTS (SELECT 1 FROM entry_keys k WHERE k.entry_id = e.id)",
            0,
            "an entry has no keys at all, so no one can read it",
        ),
        (
            "SELECT count(*) FROM (SELECT body AS b FROM entries UNION ALL SELECT wrap FROM entry_keys
              UNION ALL SELECT key_wrap FROM members UNION ALL SELECT recovery_wrap FROM role_keys
              UNION ALL SELECT common_wrap FROM role_keys UNION ALL SELECT body FROM sessions
              UNION ALL SELECT note FROM ledger UNION ALL SELECT profile FROM binder
              UNION ALL SELECT body FROM preferences)
              WHERE typeof(b) != 'blob' OR substr(b, 1, 22) != CAST('age-encryption.org/v1' || char(10) AS BLOB)",
            0,
            "an encrypted value is not an age file",
        ),
    ];
    for (sql, healthy, problem) in rules {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        if n != *healthy {
            report.problems.push(problem.to_string());
        }
    }
    report.entries = conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
    report.members = conn.query_row("SELECT count(*) FROM members", [], |r| r.get(0))?;
    if report.members == 0 {
        report.problems.push("there are no members, so no one can unlock it".into());
    }
    Ok(report)
}
