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
pub const SCHEMA_VERSION: i64 = 6;

/// Each migration takes the file from version `i` to `i + 1`. Append only.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE binder (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    binder_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    recovery_recipient TEXT NOT NULL,
    common_recipient TEXT NOT NULL,
    profile BLOB NOT NULL
);

CREATE TABLE role_keys (
    role TEXT PRIMARY KEY CHECK (role IN ('young-person', 'carer', 'social-worker')),
    recipient TEXT NOT NULL,
    recovery_wrap BLOB NOT NULL,
    common_wrap BLOB NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE members (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL REFERENCES role_keys(role),
    key_wrap BLOB NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    facilitator TEXT REFERENCES members(id) ON DELETE SET NULL,
    body BLOB NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX one_open_session ON sessions((ended_at IS NULL)) WHERE ended_at IS NULL;

CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    section TEXT NOT NULL CHECK (section IN ('present', 'past', 'future')),
    kind TEXT NOT NULL CHECK (kind IN ('narrative', 'place', 'person', 'identity', 'picture')),
    position INTEGER NOT NULL,
    audience INTEGER NOT NULL,
    sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
    sealed_until TEXT,
    sort_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author TEXT REFERENCES members(id) ON DELETE SET NULL,
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    body BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX entries_by_section ON entries(section, position);

CREATE TABLE entry_keys (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    role TEXT NOT NULL REFERENCES role_keys(role),
    wrap BLOB NOT NULL,
    PRIMARY KEY (entry_id, role)
) WITHOUT ROWID;

CREATE TABLE ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL,
    at TEXT NOT NULL,
    member TEXT,
    before INTEGER NOT NULL,
    after INTEGER NOT NULL,
    note BLOB NOT NULL
);
CREATE INDEX ledger_by_entry ON ledger(entry_id);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END;
"#, r#"
-- Pictures belong to an entry and are sealed to its data key, so they follow
-- its consent. `fingerprint` is a keyed hash (see picture.rs), not a plain
-- hash that would identify the photo. `info` and `data` are age files.
CREATE TABLE pictures (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fingerprint BLOB NOT NULL,
    info BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX pictures_by_entry ON pictures(entry_id, position);
CREATE UNIQUE INDEX pictures_by_fingerprint ON pictures(fingerprint);

CREATE TABLE picture_copies (
    picture_id TEXT NOT NULL REFERENCES pictures(id) ON DELETE CASCADE,
    size TEXT NOT NULL CHECK (size IN ('thumb', 'print', 'full')),
    data BLOB NOT NULL,
    PRIMARY KEY (picture_id, size)
);
"#, r#"
-- Exchange between copies (src/sync, docs/FORMAT.md). Every syncable row
-- carries a version vector `vv` (JSON object: replica id -> counter) that
-- the triggers below stamp on every local change; rows that existed before
-- this migration keep '{}' (part of every copy's shared past).
CREATE TABLE sync_replica (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    replica_id TEXT NOT NULL,
    file_identity TEXT NOT NULL DEFAULT '',
    clock INTEGER NOT NULL DEFAULT 0,
    known TEXT NOT NULL DEFAULT '{}',
    importing INTEGER NOT NULL DEFAULT 0 CHECK (importing IN (0, 1))
);
INSERT INTO sync_replica (singleton, replica_id) VALUES (1, lower(hex(randomblob(16))));

CREATE TABLE sync_peers (
    replica_id TEXT PRIMARY KEY,
    known TEXT NOT NULL,
    heard_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_tombstones (
    kind TEXT NOT NULL CHECK (kind IN ('entry', 'picture', 'member')),
    id TEXT NOT NULL,
    vv TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE sync_conflicts (
    id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('edited', 'deleted')),
    other BLOB,
    other_vv TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    vv TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX sync_conflicts_by_entry ON sync_conflicts(entry_id);

-- The ledger is append-only (its triggers refuse updates), so its global
-- ids live beside it.
CREATE TABLE ledger_sync (
    seq INTEGER PRIMARY KEY REFERENCES ledger(seq),
    uid TEXT NOT NULL UNIQUE,
    vv TEXT NOT NULL
);
INSERT INTO ledger_sync (seq, uid, vv)
    SELECT seq, (SELECT replica_id FROM sync_replica) || '.' || seq, '{}' FROM ledger;

ALTER TABLE entries ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE entries ADD COLUMN rev_clock INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entries ADD COLUMN rev_replica TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN pos_vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE pictures ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sessions ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE members ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE role_keys ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE binder ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';

-- Copies each run their own sessions, so two may be running after an
-- exchange; session.rs allows one running session per facilitator.
DROP INDEX one_open_session;

CREATE TRIGGER sync_entry_added AFTER INSERT ON entries WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE entries SET
        vv = json_set(vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)),
        rev_clock = (SELECT clock FROM sync_replica), rev_replica = (SELECT replica_id FROM sync_replica),
        pos_vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_entry_changed AFTER UPDATE OF section, kind, audience, sensitive, sealed_until, sort_date,
    created_at, updated_at, author, session_id, body ON entries WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE entries SET
        vv = json_set(vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)),
        rev_clock = (SELECT clock FROM sync_replica), rev_replica = (SELECT replica_id FROM sync_replica)
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_entry_moved AFTER UPDATE OF position ON entries
    WHEN (SELECT importing FROM sync_replica) = 0 AND NEW.position IS NOT OLD.position
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE entries SET pos_vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_entry_deleted AFTER DELETE ON entries WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    INSERT OR REPLACE INTO sync_tombstones (kind, id, vv) VALUES ('entry', OLD.id,
        json_set(OLD.vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)));
    DELETE FROM sync_conflicts WHERE entry_id = OLD.id;
END;
CREATE TRIGGER sync_key_added AFTER INSERT ON entry_keys WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE entries SET
        vv = json_set(vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)),
        rev_clock = (SELECT clock FROM sync_replica), rev_replica = (SELECT replica_id FROM sync_replica)
    WHERE id = NEW.entry_id;
END;
CREATE TRIGGER sync_key_removed AFTER DELETE ON entry_keys WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE entries SET
        vv = json_set(vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)),
        rev_clock = (SELECT clock FROM sync_replica), rev_replica = (SELECT replica_id FROM sync_replica)
    WHERE id = OLD.entry_id;
END;
CREATE TRIGGER sync_picture_added AFTER INSERT ON pictures WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE pictures SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_picture_changed AFTER UPDATE OF position, info ON pictures WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE pictures SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
-- Only a picture removed from a page that stays: a deleted page's
-- tombstone already covers its pictures.
CREATE TRIGGER sync_picture_removed AFTER DELETE ON pictures
    WHEN (SELECT importing FROM sync_replica) = 0 AND EXISTS (SELECT 1 FROM entries WHERE id = OLD.entry_id)
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    INSERT OR REPLACE INTO sync_tombstones (kind, id, vv) VALUES ('picture', OLD.id,
        json_set(OLD.vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)));
END;
CREATE TRIGGER sync_ledger_added AFTER INSERT ON ledger WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    INSERT INTO ledger_sync (seq, uid, vv) VALUES (NEW.seq,
        (SELECT replica_id FROM sync_replica) || '.' || (SELECT clock FROM sync_replica),
        json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica)));
END;
CREATE TRIGGER sync_session_added AFTER INSERT ON sessions WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE sessions SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_session_changed AFTER UPDATE OF started_at, ended_at, facilitator, body ON sessions
    WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE sessions SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_member_added AFTER INSERT ON members WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE members SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_member_changed AFTER UPDATE OF name, role, key_wrap ON members
    WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE members SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;
CREATE TRIGGER sync_member_removed AFTER DELETE ON members WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    INSERT OR REPLACE INTO sync_tombstones (kind, id, vv) VALUES ('member', OLD.id,
        json_set(OLD.vv, '$."' || (SELECT replica_id FROM sync_replica) || '"', (SELECT clock FROM sync_replica)));
END;
CREATE TRIGGER sync_role_key_added AFTER INSERT ON role_keys WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE role_keys SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE role = NEW.role;
END;
CREATE TRIGGER sync_role_key_changed AFTER UPDATE OF recipient, recovery_wrap, common_wrap ON role_keys
    WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE role_keys SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE role = NEW.role;
END;
CREATE TRIGGER sync_profile_changed AFTER UPDATE OF profile ON binder WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE binder SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica));
END;
"#, r#"
CREATE TABLE prints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    audience TEXT NOT NULL,
    member TEXT REFERENCES members(id) ON DELETE SET NULL,
    pages INTEGER NOT NULL,
    refill INTEGER NOT NULL CHECK (refill IN (0, 1)),
    page_map TEXT NOT NULL
);
CREATE INDEX prints_by_audience ON prints(audience, id);
"#, r#"
-- When each member last looked at what changed (src/oversight.rs). Local to
-- this copy: it says when someone looked, never what they saw.
CREATE TABLE looked (
    member TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    at TEXT NOT NULL
) WITHOUT ROWID;
"#, r#"
-- Each member's own settings for the window (src/preferences.rs), sealed to
-- their role key. Local to this copy, like `looked`.
CREATE TABLE preferences (
    member TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    body BLOB NOT NULL
) WITHOUT ROWID;
"#];

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
    let tx = conn.transaction()?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
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
