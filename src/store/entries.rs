//! The `entries` and `entry_keys` tables: each page's plaintext columns and
//! sealed body, and its data key wrapped once per keyed role in its
//! audience.

use rusqlite::params;

use crate::audience::Role;
use crate::error::Result;
use crate::store::Db;

impl Db<'_> {
    /// Every page's id.
    pub(crate) fn entry_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM entries")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Give a role a wrap of a page's data key (or replace the one it has).
    pub(crate) fn put_entry_key(&self, entry_id: &str, role: Role, wrap: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO entry_keys (entry_id, role, wrap) VALUES (?1, ?2, ?3)",
            params![entry_id, role.as_str(), wrap],
        )?;
        Ok(())
    }
}
