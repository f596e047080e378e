//! The `prints` table: one row per printed book or refill, with the page
//! map a refill is numbered from (see `book/refill.rs`; the map holds page
//! labels and keyed fingerprints, never words).

use rusqlite::{params, OptionalExtension};

use crate::audience::Party;
use crate::error::Result;
use crate::store::Db;

/// A print, as recorded.
pub(crate) struct PrintRow<'a> {
    pub at: String,
    pub audience: Party,
    /// `None` for the recovery key.
    pub member: Option<&'a str>,
    pub pages: i64,
    pub refill: bool,
    /// JSON: each unit's labels and fingerprint.
    pub page_map: String,
}

/// What a refill needs of the last print: when it was and its page map.
pub(crate) struct LastPrintRow {
    pub at: String,
    pub page_map: String,
}

impl Db<'_> {
    pub(crate) fn insert_print(&self, print: &PrintRow<'_>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO prints (at, audience, member, pages, refill, page_map) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![print.at, print.audience.as_str(), print.member, print.pages, print.refill, print.page_map],
        )?;
        Ok(())
    }

    /// The newest print for `audience`, if there was one.
    pub(crate) fn last_print(&self, audience: Party) -> Result<Option<LastPrintRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at, page_map FROM prints WHERE audience = ?1 ORDER BY id DESC LIMIT 1",
                [audience.as_str()],
                |r| Ok(LastPrintRow { at: r.get(0)?, page_map: r.get(1)? }),
            )
            .optional()?)
    }
}
