//! The tables local to this copy of the binder, never exchanged by sync:
//! `looked` (when each member last looked at what changed, never what they
//! saw) and `preferences` (each member's window settings, sealed to their
//! role key).

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::store::Db;

impl Db<'_> {
    /// When `member` last marked everything as seen.
    pub(crate) fn looked_at(&self, member: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT at FROM looked WHERE member = ?1", [member], |r| r.get(0)).optional()?)
    }

    pub(crate) fn set_looked_at(&self, member: &str, at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO looked (member, at) VALUES (?1, ?2) ON CONFLICT (member) DO UPDATE SET at = excluded.at",
            params![member, at],
        )?;
        Ok(())
    }

    /// A member's sealed settings, if they have chosen some.
    pub(crate) fn preferences_blob(&self, member: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.conn.query_row("SELECT body FROM preferences WHERE member = ?1", [member], |r| r.get(0)).optional()?)
    }

    pub(crate) fn set_preferences_blob(&self, member: &str, sealed: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO preferences (member, body) VALUES (?1, ?2)
             ON CONFLICT (member) DO UPDATE SET body = excluded.body",
            params![member, sealed],
        )?;
        Ok(())
    }
}
