//! The `prints` table: one row per printed book or refill, with the page
//! map a refill is numbered from (see `book/refill.rs`; the map holds page
//! labels and keyed fingerprints, never words).

use rusqlite::params;

use crate::audience::Party;
use crate::error::Result;
use crate::store::Db;

/// A print, as recorded.
pub(crate) struct PrintRow {
    pub at: String,
    /// A [`Party`] by name (as read, whatever the file holds).
    pub audience: String,
    /// `None` for the recovery key, or once the member who printed left.
    pub member: Option<String>,
    pub pages: i64,
    pub refill: bool,
    /// JSON: each unit's labels and fingerprint.
    pub page_map: String,
    /// Its signature (src/signed/records.rs); none before schema 13.
    pub proof: Option<String>,
}

const PRINT_COLUMNS: &str = "at, audience, member, pages, refill, page_map, proof";

fn print_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PrintRow> {
    Ok(PrintRow {
        at: r.get(0)?,
        audience: r.get(1)?,
        member: r.get(2)?,
        pages: r.get(3)?,
        refill: r.get(4)?,
        page_map: r.get(5)?,
        proof: r.get(6)?,
    })
}

impl Db<'_> {
    pub(crate) fn insert_print(&self, print: &PrintRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO prints (at, audience, member, pages, refill, page_map, proof) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![print.at, print.audience, print.member, print.pages, print.refill, print.page_map, print.proof],
        )?;
        Ok(())
    }

    /// The prints for `audience` (every print when `None`), newest first.
    pub(crate) fn prints(&self, audience: Option<Party>) -> Result<Vec<PrintRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {PRINT_COLUMNS} FROM prints WHERE ?1 IS NULL OR audience = ?1 ORDER BY id DESC"))?;
        let rows = stmt.query_map([audience.map(Party::as_str)], print_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
