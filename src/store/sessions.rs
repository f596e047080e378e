//! The `sessions` table: when each life story session ran and who ran it
//! (plaintext, so oversight and backups need no keys), with its setting,
//! note and feeling sealed to the adults' role keys in `body`
//! (src/session.rs). Rows as exchanged
//! by sync are `sync.rs`'s.

use rusqlite::{params, OptionalExtension, Row};

use crate::error::Result;
use crate::store::Db;

/// A session as listed: its plaintext columns (the sealed notes are read
/// by id, [`Db::session_body`]) and how many pages were added while it ran.
pub(crate) struct SessionRow {
    pub id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub facilitator: Option<String>,
    /// Its signature (src/signed/records.rs); none before schema 12.
    pub proof: Option<String>,
    pub pages_added: i64,
}

const SESSION_COLUMNS: &str =
    "s.id, s.started_at, s.ended_at, s.facilitator, s.proof, (SELECT count(*) FROM entries e WHERE e.session_id = s.id)";

fn session_row(r: &Row<'_>) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        started_at: r.get(1)?,
        ended_at: r.get(2)?,
        facilitator: r.get(3)?,
        proof: r.get(4)?,
        pages_added: r.get(5)?,
    })
}

impl Db<'_> {
    /// Every session, newest first.
    pub(crate) fn sessions(&self) -> Result<Vec<SessionRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {SESSION_COLUMNS} FROM sessions s ORDER BY s.started_at DESC, s.id"))?;
        let rows = stmt.query_map([], session_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sessions still running: `member`'s own first, then newest first
    /// (another copy's, after an exchange). Which of them are genuine is the
    /// caller's to check.
    pub(crate) fn running_sessions(&self, member: Option<&str>) -> Result<Vec<SessionRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.ended_at IS NULL ORDER BY s.facilitator IS ?1 DESC, s.started_at DESC, s.id"
        ))?;
        let rows = stmt.query_map([member], session_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn insert_session(&self, id: &str, started_at: &str, facilitator: &str, body: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sessions (id, started_at, facilitator, body, proof) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, started_at, facilitator, body, proof],
        )?;
        Ok(())
    }

    /// Close a session, with its notes resealed (now with feeling and note).
    pub(crate) fn end_session(&self, id: &str, ended_at: &str, body: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET ended_at = ?2, body = ?3, proof = ?4 WHERE id = ?1",
            params![id, ended_at, body, proof],
        )?;
        Ok(())
    }

    /// Replace a session's sealed notes (sealed to new readers) and proof.
    pub(crate) fn reseal_session(&self, id: &str, body: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute("UPDATE sessions SET body = ?2, proof = ?3 WHERE id = ?1", params![id, body, proof])?;
        Ok(())
    }

    /// A session's sealed notes.
    pub(crate) fn session_body(&self, id: &str) -> Result<Vec<u8>> {
        Ok(self.conn.query_row("SELECT body FROM sessions WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// When the most recent session ended, if one has.
    pub(crate) fn last_session_ended(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT max(ended_at) FROM sessions", [], |r| r.get(0)).optional()?.flatten())
    }
}
