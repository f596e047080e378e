//! The `ledger` table: the append-only consent ledger, one row per change of
//! a page's audience (its triggers refuse updates and deletes).

use rusqlite::{params, Row};

use crate::error::Result;
use crate::store::Db;

/// A ledger row, as stored.
pub(crate) struct LedgerRow {
    /// Given by the table when the row is written.
    pub seq: i64,
    pub entry_id: String,
    pub at: String,
    /// The member who made the change (none for the recovery key).
    pub member: Option<String>,
    /// Audience bits as stored: whoever reads the row checks them, once
    /// they know whether they may read it at all.
    pub before: i64,
    pub after: i64,
    /// Sealed to the page's data key.
    pub note: Vec<u8>,
    /// The member's signature (src/signed.rs); none in an unsigned binder.
    pub signature: Option<Vec<u8>>,
}

const LEDGER_COLUMNS: &str = "seq, entry_id, at, member, before, after, note, signature";

fn ledger_row(r: &Row<'_>) -> rusqlite::Result<LedgerRow> {
    Ok(LedgerRow {
        seq: r.get(0)?,
        entry_id: r.get(1)?,
        at: r.get(2)?,
        member: r.get(3)?,
        before: r.get(4)?,
        after: r.get(5)?,
        note: r.get(6)?,
        signature: r.get(7)?,
    })
}

impl Db<'_> {
    /// Append a row (its `seq` is ignored); returns the `seq` it was given.
    pub(crate) fn insert_ledger(&self, row: &LedgerRow) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO ledger (entry_id, at, member, before, after, note, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![row.entry_id, row.at, row.member, row.before, row.after, row.note, row.signature],
        )?;
        // The row's own id: the trigger that also writes `ledger_sync` does
        // not change it once it has run.
        Ok(self.conn.last_insert_rowid())
    }

    /// The ledger for one page, or all of it, oldest first.
    pub(crate) fn ledger_rows(&self, entry_id: Option<&str>) -> Result<Vec<LedgerRow>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {LEDGER_COLUMNS} FROM ledger WHERE ?1 IS NULL OR entry_id = ?1 ORDER BY seq"))?;
        let rows = stmt.query_map([entry_id], ledger_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
