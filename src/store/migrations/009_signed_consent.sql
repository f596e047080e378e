-- Schema 9: each consent ledger row is signed by the member it names
-- (src/signed.rs; docs/FORMAT.md, "Signed records"). Rows from before stay
-- unsigned, which a binder with a membership log does not show.
ALTER TABLE ledger ADD COLUMN signature BLOB;
