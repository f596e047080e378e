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
