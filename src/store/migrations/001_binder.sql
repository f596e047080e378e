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
