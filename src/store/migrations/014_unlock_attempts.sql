-- Wrong passphrases in a row, per member (src/attempts.rs). Local to this
-- copy, like `looked`: how many, and the earliest time the next try is
-- accepted. Kept in the file so closing the app does not start again.
CREATE TABLE unlock_attempts (
    member TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    failures INTEGER NOT NULL,
    not_before TEXT
);
