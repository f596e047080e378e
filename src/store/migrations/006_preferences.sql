-- Each member's own settings for the window (src/preferences.rs), sealed to
-- their role key. Local to this copy, like `looked`.
CREATE TABLE preferences (
    member TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    body BLOB NOT NULL
) WITHOUT ROWID;
