-- Schema 10: every page version is signed (src/signed.rs; docs/FORMAT.md,
-- "Signed records"). `content_proof` is its author's signature over what
-- they wrote, `sharing_proof` the signature of whoever last set its
-- audience or section (the author, or someone the rules let share it).
-- Both are JSON text: who signed, the hashes signed, the signature. A
-- deletion of a page carries the deleter's signature in its tombstone.
ALTER TABLE entries ADD COLUMN content_proof TEXT;
ALTER TABLE entries ADD COLUMN sharing_proof TEXT;
ALTER TABLE sync_tombstones ADD COLUMN proof TEXT;
