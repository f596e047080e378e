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
