//! Life story sessions: when they happened, who ran them, where, and how the
//! young person felt. Regular sessions are the heart of the practice, so
//! "days since the last session" is always to hand.
//!
//! Times and the facilitator's member id are plaintext (oversight needs them
//! without keys); the setting, note and feeling are sealed to the common key.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::binder::Binder;
use crate::keys::{from_json, to_json};
use crate::store::{new_id, now};
use crate::error::{Error, Result};
use crate::keys::{self, Keyring};

/// How the session felt, in words a child can pick from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Feeling {
    Happy,
    Calm,
    Okay,
    Mixed,
    Sad,
    Worried,
    Angry,
}

impl std::str::FromStr for Feeling {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::not_a_choice(crate::error::Choice::Feeling, s))
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Notes {
    v: u8,
    session: String,
    facilitator: String,
    setting: String,
    note: String,
    feeling: Option<Feeling>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Session {
    pub id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub facilitator: String,
    pub setting: String,
    pub note: String,
    pub feeling: Option<Feeling>,
    /// Pages added while it ran.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pages_added: i64,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SessionLog {
    pub sessions: Vec<Session>,
    /// Whole days since the most recent session started, if there was one.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub days_since_last: Option<i64>,
}

impl Binder {
    /// Start a session run by the unlocked member. Pages added until it ends
    /// belong to it.
    pub fn start_session(&self, keys: &Keyring, setting: &str) -> Result<String> {
        self.ensure_ours(keys)?;
        let facilitator = keys.actor().member_id().ok_or(Error::MemberNeeded { task: crate::error::MemberTask::Session })?;
        // One running session per facilitator: another copy of the binder
        // may have its own running session (see src/sync).
        let open: Option<String> = self
            .store.conn
            .query_row("SELECT id FROM sessions WHERE ended_at IS NULL AND facilitator = ?1", [facilitator], |r| r.get(0))
            .optional()?;
        if open.is_some() {
            return Err(Error::SessionOpen);
        }
        let id = new_id();
        let notes = Notes {
            v: 1,
            session: id.clone(),
            facilitator: keys.actor().display_name().to_owned(),
            setting: setting.trim().to_owned(),
            ..Notes::default()
        };
        self.store.conn.execute(
            "INSERT INTO sessions (id, started_at, facilitator, body) VALUES (?1, ?2, ?3, ?4)",
            params![id, now(), facilitator, keys::seal(&[&self.common_recipient], &to_json(&notes))],
        )?;
        Ok(id)
    }

    /// End the running session with how it felt and a short note.
    pub fn end_session(&self, keys: &Keyring, feeling: Option<Feeling>, note: &str) -> Result<Session> {
        self.ensure_ours(keys)?;
        let id: String = self
            .store.conn
            .query_row(
                "SELECT id FROM sessions WHERE ended_at IS NULL ORDER BY facilitator IS ?1 DESC, started_at DESC LIMIT 1",
                [keys.actor().member_id()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::NoOpenSession)?;
        let mut notes = self.session_notes(keys, &id)?;
        notes.feeling = feeling;
        notes.note = note.trim().to_owned();
        self.store.conn.execute(
            "UPDATE sessions SET ended_at = ?2, body = ?3 WHERE id = ?1",
            params![id, now(), keys::seal(&[&self.common_recipient], &to_json(&notes))],
        )?;
        self.sessions(keys)?
            .sessions
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound { what: "The session".into() })
    }

    fn session_notes(&self, keys: &Keyring, id: &str) -> Result<Notes> {
        let blob: Vec<u8> = self.store.conn.query_row("SELECT body FROM sessions WHERE id = ?1", [id], |r| r.get(0))?;
        let what = "A session record";
        let plain = keys::unseal(&keys.common, &blob).map_err(|e| e.into_error(what))?;
        let notes: Notes = from_json(&plain, what)?;
        if notes.session != id {
            return Err(Error::tampered(what));
        }
        Ok(notes)
    }

    /// Every session, newest first, with the days since the last one.
    pub fn sessions(&self, keys: &Keyring) -> Result<SessionLog> {
        self.ensure_ours(keys)?;
        let mut stmt = self.store.conn.prepare(
            "SELECT s.id, s.started_at, s.ended_at, (SELECT count(*) FROM entries e WHERE e.session_id = s.id)
             FROM sessions s ORDER BY s.started_at DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, i64>(3)?))
        })?;
        let mut sessions = Vec::new();
        for row in rows {
            let (id, started_at, ended_at, pages_added) = row?;
            let notes = self.session_notes(keys, &id)?;
            sessions.push(Session {
                id,
                started_at,
                ended_at,
                facilitator: notes.facilitator,
                setting: notes.setting,
                note: notes.note,
                feeling: notes.feeling,
                pages_added,
            });
        }
        let days_since_last = sessions
            .first()
            .and_then(|s| DateTime::parse_from_rfc3339(&s.started_at).ok())
            .map(|t| (Utc::now() - t.with_timezone(&Utc)).num_days());
        Ok(SessionLog { sessions, days_since_last })
    }
}
