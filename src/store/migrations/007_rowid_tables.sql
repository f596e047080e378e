-- Schema 7: the tables holding sealed values become rowid tables.
--
-- In a WITHOUT ROWID table a row lives in the primary-key b-tree, and SQLite
-- loads a whole overflowing row to compare keys while seeking: one hostile
-- 300 MB value made every lookup near it allocate 300 MB, before any check
-- of ours could refuse it (tests/hostile.rs). In a rowid table the key is
-- compared in a small index and a value is read only when its column is.
--
-- Rebuilt by copying out and back, not by renaming, so no other table's
-- triggers or foreign keys are rewritten; the runner turns foreign keys off
-- around this migration (store/schema.rs), so dropping a table deletes
-- nothing else. The triggers of the rebuilt tables are recreated as they
-- were (003_sync.sql). Primary-key columns gain NOT NULL, which a rowid
-- table does not imply.


CREATE TABLE role_keys_v6 AS SELECT * FROM role_keys;
DROP TABLE role_keys;

CREATE TABLE members_v6 AS SELECT * FROM members;
DROP TABLE members;

CREATE TABLE sessions_v6 AS SELECT * FROM sessions;
DROP TABLE sessions;

CREATE TABLE entries_v6 AS SELECT * FROM entries;
DROP TABLE entries;

CREATE TABLE entry_keys_v6 AS SELECT * FROM entry_keys;
DROP TABLE entry_keys;

CREATE TABLE preferences_v6 AS SELECT * FROM preferences;
DROP TABLE preferences;

CREATE TABLE sync_conflicts_v6 AS SELECT * FROM sync_conflicts;
DROP TABLE sync_conflicts;

CREATE TABLE role_keys (
    role TEXT NOT NULL PRIMARY KEY CHECK (role IN ('young-person', 'carer', 'social-worker')),
    recipient TEXT NOT NULL,
    recovery_wrap BLOB NOT NULL,
    common_wrap BLOB NOT NULL,
    created_at TEXT NOT NULL,
    vv TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO role_keys SELECT * FROM role_keys_v6;
DROP TABLE role_keys_v6;

CREATE TABLE members (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL REFERENCES role_keys(role),
    key_wrap BLOB NOT NULL,
    created_at TEXT NOT NULL,
    vv TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO members SELECT * FROM members_v6;
DROP TABLE members_v6;

CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    facilitator TEXT REFERENCES members(id) ON DELETE SET NULL,
    body BLOB NOT NULL,
    vv TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO sessions SELECT * FROM sessions_v6;
DROP TABLE sessions_v6;

CREATE TABLE entries (
    id TEXT NOT NULL PRIMARY KEY,
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
    body BLOB NOT NULL,
    vv TEXT NOT NULL DEFAULT '{}',
    rev_clock INTEGER NOT NULL DEFAULT 0,
    rev_replica TEXT NOT NULL DEFAULT '',
    pos_vv TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO entries SELECT * FROM entries_v6;
DROP TABLE entries_v6;

CREATE TABLE entry_keys (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    role TEXT NOT NULL REFERENCES role_keys(role),
    wrap BLOB NOT NULL,
    PRIMARY KEY (entry_id, role)
);
INSERT INTO entry_keys SELECT * FROM entry_keys_v6;
DROP TABLE entry_keys_v6;

CREATE TABLE preferences (
    member TEXT NOT NULL PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    body BLOB NOT NULL
);
INSERT INTO preferences SELECT * FROM preferences_v6;
DROP TABLE preferences_v6;

CREATE TABLE sync_conflicts (
    id TEXT NOT NULL PRIMARY KEY,
    entry_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('edited', 'deleted')),
    other BLOB,
    other_vv TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    vv TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO sync_conflicts SELECT * FROM sync_conflicts_v6;
DROP TABLE sync_conflicts_v6;

CREATE INDEX entries_by_section ON entries(section, position);

CREATE INDEX sync_conflicts_by_entry ON sync_conflicts(entry_id);

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
