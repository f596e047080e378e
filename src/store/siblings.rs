//! The `sibling_books` table: a brother's or sister's book, pinned to its
//! membership log's genesis the first time a signed page came from it.

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::store::Db;

impl Db<'_> {
    /// The genesis a sibling's book was pinned to, and since when.
    pub(crate) fn sibling_book(&self, binder_id: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row("SELECT genesis, first_seen FROM sibling_books WHERE binder_id = ?1", [binder_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Pin a sibling's book, if it is not pinned yet.
    pub(crate) fn pin_sibling_book(&self, binder_id: &str, genesis: &str, at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO sibling_books (binder_id, genesis, first_seen) VALUES (?1, ?2, ?3)",
            params![binder_id, genesis, at],
        )?;
        Ok(())
    }
}
