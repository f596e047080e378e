-- Schema 8: the membership log (src/membership.rs). Each row is one link:
-- `link` the JSON bytes as signed, `signature` an Ed25519 signature over
-- them (docs/FORMAT.md, "The membership log"). Append-only: links are never
-- changed or removed, so its triggers refuse that. Not sealed: it holds
-- member names and public keys only, which `members` already shows.
CREATE TABLE membership (
    seq INTEGER PRIMARY KEY,
    link BLOB NOT NULL,
    signature BLOB NOT NULL
);
CREATE TRIGGER membership_no_update BEFORE UPDATE ON membership
BEGIN SELECT RAISE(ABORT, 'the membership log is append-only'); END;
CREATE TRIGGER membership_no_delete BEFORE DELETE ON membership
BEGIN SELECT RAISE(ABORT, 'the membership log is append-only'); END;
