-- Schema 12: sessions and the child's profile are signed, as pages are
-- (src/signed/records.rs; docs/FORMAT.md, "Signed records"). Each proof is
-- JSON text: who signed and the signature over the row's plaintext columns
-- and the SHA-256 of its sealed value. A proof written alone (when the
-- records already there are signed, once, on the first unlock) is a change
-- that travels, so the triggers also watch it.
ALTER TABLE sessions ADD COLUMN proof TEXT;
ALTER TABLE binder ADD COLUMN profile_proof TEXT;

DROP TRIGGER sync_session_changed;
CREATE TRIGGER sync_session_changed AFTER UPDATE OF started_at, ended_at, facilitator, body, proof ON sessions
    WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE sessions SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;

DROP TRIGGER sync_profile_changed;
CREATE TRIGGER sync_profile_changed AFTER UPDATE OF profile, profile_proof ON binder WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE binder SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica));
END;
