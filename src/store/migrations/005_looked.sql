-- When each member last looked at what changed (src/oversight.rs). Local to
-- this copy: it says when someone looked, never what they saw.
CREATE TABLE looked (
    member TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    at TEXT NOT NULL
) WITHOUT ROWID;
