//! The tables local to this copy of the binder, never exchanged by sync:
//! `looked` (when each member last looked at what changed, never what they
//! saw), `preferences` (each member's window settings, sealed to their
//! role key) and `unlock_attempts` (wrong passphrases in a row).

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

    /// A member's sealed settings and their signature, if they have chosen
    /// some.
    pub(crate) fn preferences_blob(&self, member: &str) -> Result<Option<(Vec<u8>, Option<String>)>> {
        Ok(self
            .conn
            .query_row("SELECT body, proof FROM preferences WHERE member = ?1", [member], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    pub(crate) fn set_preferences_blob(&self, member: &str, sealed: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO preferences (member, body, proof) VALUES (?1, ?2, ?3)
             ON CONFLICT (member) DO UPDATE SET body = excluded.body, proof = excluded.proof",
            params![member, sealed, proof],
        )?;
        Ok(())
    }

    /// Every member's sealed settings: (member, body, proof).
    pub(crate) fn all_preferences(&self) -> Result<Vec<(String, Vec<u8>, Option<String>)>> {
        let mut stmt = self.conn.prepare("SELECT member, body, proof FROM preferences ORDER BY member")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A member's wrong passphrases in a row and when the next try is
    /// accepted, as stored: a value of the wrong type (the file edited by
    /// hand) reads as `None`, for the caller to read with suspicion.
    pub(crate) fn unlock_attempts(&self, member: &str) -> Result<Option<(Option<i64>, Option<String>)>> {
        Ok(self
            .conn
            .query_row("SELECT failures, not_before FROM unlock_attempts WHERE member = ?1", [member], |r| {
                Ok((r.get_ref(0)?.as_i64().ok(), r.get_ref(1)?.as_str().ok().map(str::to_owned)))
            })
            .optional()?)
    }

    pub(crate) fn set_unlock_attempts(&self, member: &str, failures: i64, not_before: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO unlock_attempts (member, failures, not_before) VALUES (?1, ?2, ?3)
             ON CONFLICT (member) DO UPDATE SET failures = excluded.failures, not_before = excluded.not_before",
            params![member, failures, not_before],
        )?;
        Ok(())
    }

    pub(crate) fn clear_unlock_attempts(&self, member: &str) -> Result<()> {
        self.conn.execute("DELETE FROM unlock_attempts WHERE member = ?1", [member])?;
        Ok(())
    }
}
