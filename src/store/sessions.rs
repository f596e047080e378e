//! The `sessions` table: when each life story session ran and who ran it
//! (plaintext, so oversight and backups need no keys), with its setting,
//! note and feeling sealed to the common key in `body`. Rows as exchanged
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

    /// The session this facilitator is running, if any.
    pub(crate) fn running_session_of(&self, facilitator: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM sessions WHERE ended_at IS NULL AND facilitator = ?1", [facilitator], |r| r.get(0))
            .optional()?)
    }

    /// The running session a member ends, and a new page of theirs belongs
    /// to: their own if they run one, else the newest running one (another
    /// copy's, after an exchange).
    pub(crate) fn running_session_for(&self, member: Option<&str>) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM sessions WHERE ended_at IS NULL ORDER BY facilitator IS ?1 DESC, started_at DESC LIMIT 1",
                [member],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub(crate) fn insert_session(&self, id: &str, started_at: &str, facilitator: &str, body: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sessions (id, started_at, facilitator, body, proof) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, started_at, facilitator, body, proof],
        )?;
        Ok(())
    }

    /// One session as listed, by id.
    pub(crate) fn session(&self, id: &str) -> Result<Option<SessionRow>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?1"), [id], session_row)
            .optional()?)
    }

    /// Close a session, with its notes resealed (now with feeling and note).
    pub(crate) fn end_session(&self, id: &str, ended_at: &str, body: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE sessions SET ended_at = ?2, body = ?3, proof = ?4 WHERE id = ?1",
            params![id, ended_at, body, proof],
        )?;
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
