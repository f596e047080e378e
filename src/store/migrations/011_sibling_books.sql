-- Schema 11: the brothers' and sisters' books this copy has taken a signed
-- page from, each pinned to its membership log's first-link hash the first
-- time (src/siblings.rs): a later page claiming to come from that book must
-- come from the same log. Local to this copy, not exchanged; nothing secret.
CREATE TABLE sibling_books (
    binder_id TEXT PRIMARY KEY,
    genesis TEXT NOT NULL,
    first_seen TEXT NOT NULL
);
