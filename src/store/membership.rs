//! The `membership` table: the signed membership log, one link a row, in
//! order. The store keeps the bytes; src/membership.rs decides what they
//! mean and whether they verify.

use rusqlite::params;

use crate::error::Result;
use crate::store::Db;

/// One link as stored: its number, the JSON bytes as signed, the signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LinkRow {
    pub seq: i64,
    pub link: Vec<u8>,
    pub signature: Vec<u8>,
}

/// Far more links than a binder's lifetime of joining and leaving: a
/// hostile file's millions are refused, not replayed.
pub(crate) const MAX_LINKS: i64 = 100_000;

impl Db<'_> {
    /// Every link, in order.
    pub(crate) fn links(&self) -> Result<Vec<LinkRow>> {
        let count: i64 = self.conn.query_row("SELECT count(*) FROM membership", [], |r| r.get(0))?;
        if count > MAX_LINKS {
            return Err(crate::error::Error::damaged(format!("its membership log has {count} links")));
        }
        let mut stmt = self.conn.prepare("SELECT seq, link, signature FROM membership ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok(LinkRow { seq: r.get(0)?, link: r.get(1)?, signature: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn append_link(&self, row: &LinkRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO membership (seq, link, signature) VALUES (?1, ?2, ?3)",
            params![row.seq, row.link, row.signature],
        )?;
        Ok(())
    }

    /// Take the links after the first `keep` off the log: only inside an
    /// import settling a fork (src/sync/merge.rs), which appends the
    /// winning branch in the same transaction. The table's trigger refuses
    /// it anywhere else.
    pub(crate) fn truncate_links(&self, keep: i64) -> Result<()> {
        self.conn.execute("DELETE FROM membership WHERE seq > ?1", params![keep])?;
        Ok(())
    }
}
