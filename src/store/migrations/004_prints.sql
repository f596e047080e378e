CREATE TABLE prints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    audience TEXT NOT NULL,
    member TEXT REFERENCES members(id) ON DELETE SET NULL,
    pages INTEGER NOT NULL,
    refill INTEGER NOT NULL CHECK (refill IN (0, 1)),
    page_map TEXT NOT NULL
);
CREATE INDEX prints_by_audience ON prints(audience, id);
