//! Life story sessions: when they happened, who ran them, where, and how the
//! young person felt. Regular sessions are the heart of the practice, so
//! "days since the last session" is always to hand.
//!
//! Times and the facilitator's member id are plaintext (oversight needs them
//! without keys); the setting, note and feeling are sealed to the common key.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::binder::Binder;
use crate::keys::{from_json, to_json};
use crate::signed::records::{self, Record, SessionFacts};
use crate::store::{new_id, now, SessionRow};
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
    /// Sessions not listed: their signatures do not hold (written or
    /// changed outside the app); `check` names them.
    pub refused: usize,
}

impl Binder {
    /// Start a session run by the unlocked member. Pages added until it ends
    /// belong to it.
    pub fn start_session(&self, keys: &Keyring, setting: &str) -> Result<String> {
        self.ensure_ours(keys)?;
        let facilitator = keys.actor().member_id().ok_or(Error::MemberNeeded { task: crate::error::MemberTask::Session })?;
        // One running session per facilitator: another copy of the binder
        // may have its own running session (see src/sync).
        if self.running_session(keys)?.is_some_and(|row| row.facilitator.as_deref() == Some(facilitator)) {
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
        let (started_at, body) = (now(), keys::seal(&[&self.common_recipient], &to_json(&notes)));
        let facts = SessionFacts { id: &id, started_at: &started_at, ended_at: None, facilitator: Some(facilitator), body: &body };
        let proof = records::sign_as(&self.id, &Record::Session(facts), keys);
        self.db().insert_session(&id, &started_at, facilitator, &body, proof.as_deref())?;
        Ok(id)
    }

    /// End the running session with how it felt and a short note.
    pub fn end_session(&self, keys: &Keyring, feeling: Option<Feeling>, note: &str) -> Result<Session> {
        self.ensure_ours(keys)?;
        let row = self.running_session(keys)?.ok_or(Error::NoOpenSession)?;
        let id = row.id.clone();
        let mut notes = self.session_notes(keys, &id)?;
        notes.feeling = feeling;
        notes.note = note.trim().to_owned();
        let (ended_at, body) = (now(), keys::seal(&[&self.common_recipient], &to_json(&notes)));
        let record = Record::Session(SessionFacts { ended_at: Some(&ended_at), ..row.facts(&body) });
        // A young person ends only a session she ran: one she closed for a
        // carer would carry a signature the rules refuse.
        if self.membership()?.is_some_and(|state| !records::may_sign(&state, &record, keys)) {
            return Err(Error::NoOpenSession);
        }
        let proof = records::sign_as(&self.id, &record, keys);
        self.db().end_session(&id, &ended_at, &body, proof.as_deref())?;
        self.sessions(keys)?
            .sessions
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound { what: "The session".into() })
    }

    /// Why a session's signature does not hold, if it does not.
    pub(crate) fn session_problem(&self, state: &crate::membership::Membership, row: &SessionRow) -> Result<Option<&'static str>> {
        let body = self.db().session_body(&row.id)?;
        Ok(records::problem(state, &self.id, &Record::Session(row.facts(&body)), row.proof.as_deref()).err())
    }

    /// The running session `keys` would end, and a new page of theirs
    /// belongs to: their own if they run one, else the newest. In a signed
    /// binder only a genuine one: an open session put in with `sqlite3`
    /// neither blocks a new session nor collects pages.
    pub(crate) fn running_session(&self, keys: &Keyring) -> Result<Option<SessionRow>> {
        let log = self.membership()?;
        for row in self.db().running_sessions(keys.actor().member_id())? {
            match &log {
                Some(state) if self.session_problem(state, &row)?.is_some() => continue,
                _ => return Ok(Some(row)),
            }
        }
        Ok(None)
    }

    fn session_notes(&self, keys: &Keyring, id: &str) -> Result<Notes> {
        let blob = self.db().session_body(id)?;
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
        let mut sessions = Vec::new();
        let mut refused = 0;
        let log = self.membership()?;
        for row in self.db().sessions()? {
            // Signed binders: a session nobody signed (or someone the rules
            // do not let) is not listed but counted; `check` names it.
            if let Some(state) = &log {
                if self.session_problem(state, &row)?.is_some() {
                    refused += 1;
                    continue;
                }
            }
            // Who ran it: by the membership log, from the signed facilitator
            // (the name in the notes is only for binders without a log).
            let signed_name = log.as_ref().and_then(|state| {
                let id = records::signed_facilitator(row.proof.as_deref())?;
                state.member_name(&id).map(str::to_owned)
            });
            let SessionRow { id, started_at, ended_at, pages_added, .. } = row;
            let notes = self.session_notes(keys, &id)?;
            sessions.push(Session {
                id,
                started_at,
                ended_at,
                facilitator: signed_name.unwrap_or(notes.facilitator),
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
        Ok(SessionLog { sessions, days_since_last, refused })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    /// A young person whose copy of the app writes "Jo" as the facilitator
    /// in the notes of a session she runs (she holds the common key and her
    /// own signing key, so the session verifies): it is still shown as hers.
    #[test]
    fn who_ran_a_session_is_named_by_its_signature_not_its_notes() {
        let dir = tempfile::tempdir().unwrap();
        let (binder, jo) = crate::testing::binder(dir.path(), &[("Amira", Role::YoungPerson)]);
        let amira = binder.unlock("Amira", &crate::testing::pass("Amira")).unwrap();

        let id = new_id();
        let her_id = amira.actor().member_id().unwrap();
        let notes = Notes { v: 1, session: id.clone(), facilitator: "Jo".into(), setting: "Bedroom".into(), ..Notes::default() };
        let (started_at, body) = (now(), keys::seal(&[&binder.common_recipient], &to_json(&notes)));
        let facts = SessionFacts { id: &id, started_at: &started_at, ended_at: None, facilitator: Some(her_id), body: &body };
        let proof = records::sign_as(&binder.id, &Record::Session(facts), &amira);
        binder.db().insert_session(&id, &started_at, her_id, &body, proof.as_deref()).unwrap();

        let log = binder.sessions(&jo).unwrap();
        assert_eq!(log.refused, 0);
        assert_eq!(log.sessions.iter().map(|s| s.facilitator.as_str()).collect::<Vec<_>>(), ["Amira"]);
    }
}
