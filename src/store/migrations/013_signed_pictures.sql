-- Schema 13: pictures (and below, prints and preferences) are signed
-- (src/signed/records.rs; docs/FORMAT.md, "Signed records"). `proof` is JSON text: who signed, and the signature
-- over the picture's id, its page and the SHA-256 of its sealed info (which
-- holds the SHA-256 of each copy). A picture's removal is signed in its
-- tombstone's `proof`. A proof written alone is a change that travels.
ALTER TABLE pictures ADD COLUMN proof TEXT;

DROP TRIGGER sync_picture_changed;
CREATE TRIGGER sync_picture_changed AFTER UPDATE OF position, info, proof ON pictures
    WHEN (SELECT importing FROM sync_replica) = 0
BEGIN
    UPDATE sync_replica SET clock = clock + 1;
    UPDATE pictures SET vv = json_object((SELECT replica_id FROM sync_replica), (SELECT clock FROM sync_replica))
    WHERE id = NEW.id;
END;

-- Print records and each member's settings are signed too: by whoever
-- printed (their member column may only be emptied, when they leave), and
-- by the member whose settings they are. Both stay on this copy.
ALTER TABLE prints ADD COLUMN proof TEXT;
ALTER TABLE preferences ADD COLUMN proof TEXT;
