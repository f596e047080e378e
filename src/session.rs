//! Life story sessions: when they happened, who ran them, where, and how the
//! young person felt. Regular sessions are the heart of the practice, so
//! "days since the last session" is always to hand.
//!
//! Times and the facilitator's member id are plaintext (oversight needs them
//! without keys). The setting, note and feeling are for the adults: sealed
//! to the carer's and the social worker's role keys (and the young
//! person's only for a session they ran themselves), never to the common
//! key every member holds. The young person sees that a session happened,
//! who ran it and how many pages it added, not the notes.
//!
//! Who can read the notes follows the role keys: when a role gets its first
//! key or a new one ([`Binder::reseal_sessions`]), every session the acting
//! member can read is sealed again to the roles as they are now, and signed
//! again by them. Notes from before this rule were sealed to the common
//! key: an adult's unlock seals them again the same way.

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
    /// The role of who ran it, as sealed by them: it decides whether the
    /// young person is a reader. Kept inside the notes (not taken from the
    /// facilitator column) so a young person who re-signs an adult session
    /// as her own cannot make the next reseal add her key. Notes without it
    /// (written before it, sealed to the common key every member held)
    /// take it from the facilitator once, when they are sealed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ran_by: Option<crate::Role>,
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
    /// The notes are for the adults: `setting`, `note` and `feeling` are
    /// empty because this member's keys don't open them.
    pub notes_for_adults: bool,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SessionLog {
    pub sessions: Vec<Session>,
    /// Whole days since the most recent session started, if there was one.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub days_since_last: Option<i64>,
    /// Sessions not listed: their signatures do not hold, or what was
    /// signed is not notes (written or changed outside the app); `check`
    /// names the first kind.
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
            ran_by: Some(keys.actor().role()),
            ..Notes::default()
        };
        let readers = self.session_readers(keys.actor().role(), None)?;
        let (started_at, body) = (now(), seal_notes(&readers, &notes));
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
        let mut notes = self.session_notes(keys, &id)?.ok_or(Error::NoOpenSession)?;
        let ran_by = self.pin_ran_by(&mut notes, &row)?;
        // An adult's closing words about a session the young person ran
        // would be sealed to her: that session is hers to end.
        if ran_by == crate::Role::YoungPerson && keys.actor().role() != crate::Role::YoungPerson {
            return Err(Error::NoOpenSession);
        }
        notes.feeling = feeling;
        notes.note = note.trim().to_owned();
        let readers = self.session_readers(ran_by, None)?;
        let (ended_at, body) = (now(), seal_notes(&readers, &notes));
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

    /// A session's notes, or none when `keys` may not read them (the young
    /// person, a session of the adults'). Opened with a role key held, or
    /// the common key for notes from before they were the adults'.
    fn session_notes(&self, keys: &Keyring, id: &str) -> Result<Option<Notes>> {
        Ok(self.open_notes(keys, id, &self.db().session_body(id)?)?.map(|(notes, _)| notes))
    }

    /// The notes and whether they were sealed the old way (common key).
    fn open_notes(&self, keys: &Keyring, id: &str, blob: &[u8]) -> Result<Option<(Notes, bool)>> {
        let what = "A session record";
        let held = keys.roles().filter_map(|r| keys.role_identity(r)).map(|i| (i, false));
        // The old way was the genesis generation's key.
        for (identity, old) in held.chain(std::iter::once((keys.common.genesis(), true))) {
            match keys::unseal(identity, blob) {
                Ok(plain) => {
                    let notes: Notes = from_json(&plain, what)?;
                    if notes.session != id {
                        return Err(Error::tampered(what));
                    }
                    return Ok(Some((notes, old)));
                }
                Err(keys::Unseal::NotForUs) => continue,
                Err(e) => return Err(e.into_error(what)),
            }
        }
        Ok(None)
    }

    /// Whose session the notes are: as sealed in them, or for notes from
    /// before that (which every member could open anyway) the facilitator's
    /// role, written into the notes so it holds from now on.
    fn pin_ran_by(&self, notes: &mut Notes, row: &SessionRow) -> Result<crate::Role> {
        let role = match notes.ran_by {
            Some(role) => role,
            None => self.facilitator_role(row)?,
        };
        notes.ran_by = Some(role);
        Ok(role)
    }

    /// The facilitator's role, by the membership log (or the members table
    /// in a binder without one); a session whose facilitator is unknown is
    /// the adults'.
    fn facilitator_role(&self, row: &SessionRow) -> Result<crate::Role> {
        let Some(id) = row.facilitator.as_deref() else { return Ok(crate::Role::Carer) };
        if let Some(state) = self.membership()? {
            let member = state.members.get(id).or_else(|| state.former.get(id));
            return Ok(member.map_or(crate::Role::Carer, |m| m.role));
        }
        Ok(self.members()?.into_iter().find(|m| m.id == id).map_or(crate::Role::Carer, |m| m.role))
    }

    /// Who a session run by someone of `ran_by`'s role is sealed to: the
    /// adults' roles that have keys, and the young person's if they ran it.
    /// `changed` stands in for a role's key being replaced in this transaction.
    fn session_readers(&self, ran_by: crate::Role, changed: Option<(crate::Role, &age::x25519::Recipient)>) -> Result<Vec<age::x25519::Recipient>> {
        let mut readers = Vec::new();
        for (role, recipient) in self.role_recipients()? {
            let recipient = match changed {
                Some((r, new)) if r == role => new.clone(),
                _ => recipient,
            };
            if role != crate::Role::YoungPerson || ran_by == crate::Role::YoungPerson {
                readers.push(recipient);
            }
        }
        if let Some((role, new)) = changed {
            if !self.role_recipients()?.iter().any(|(r, _)| *r == role) && (role != crate::Role::YoungPerson || ran_by == role) {
                readers.push(new.clone());
            }
        }
        Ok(readers)
    }

    /// Seal every session `keys` can read to its readers as they are now
    /// (with `changed`, a role's new key in this transaction), signed again
    /// by `keys`: after a role's first key or a new one, and at an adult's
    /// unlock for notes still sealed to the common key (`only_old`).
    /// Returns how many were sealed again.
    pub(crate) fn reseal_sessions(
        &self,
        db: crate::store::Db<'_>,
        keys: &Keyring,
        changed: Option<(crate::Role, &age::x25519::Recipient)>,
        only_old: bool,
    ) -> Result<usize> {
        let mut resealed = 0;
        let log = self.membership()?;
        for row in db.sessions()? {
            if log.as_ref().is_some_and(|state| self.session_problem(state, &row).ok().flatten().is_some()) {
                continue; // not ours to sign again; `check` names it
            }
            // Notes that do not open as notes (junk signed in by a member)
            // are left as they are: they must never stop a rotation.
            let Ok(Some((mut notes, old))) = self.open_notes(keys, &row.id, &db.session_body(&row.id)?) else { continue };
            if only_old && !old {
                continue;
            }
            let ran_by = self.pin_ran_by(&mut notes, &row)?;
            let readers = self.session_readers(ran_by, changed)?;
            let body = seal_notes(&readers, &notes);
            let record = Record::Session(row.facts(&body));
            if log.as_ref().is_some_and(|state| !records::may_sign(state, &record, keys)) {
                continue;
            }
            db.reseal_session(&row.id, &body, records::sign_as(&self.id, &record, keys).as_deref())?;
            resealed += 1;
        }
        Ok(resealed)
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
            // Signed but not notes at all (junk a member signed): counted
            // with the refused, never a screen that fails to open.
            let Ok(notes) = self.session_notes(keys, &id) else {
                refused += 1;
                continue;
            };
            let notes_for_adults = notes.is_none();
            let notes = notes.unwrap_or_default();
            sessions.push(Session {
                id,
                started_at,
                ended_at,
                facilitator: signed_name.unwrap_or(notes.facilitator),
                setting: notes.setting,
                note: notes.note,
                feeling: notes.feeling,
                pages_added,
                notes_for_adults,
            });
        }
        let days_since_last = sessions
            .first()
            .and_then(|s| DateTime::parse_from_rfc3339(&s.started_at).ok())
            .map(|t| (Utc::now() - t.with_timezone(&Utc)).num_days());
        Ok(SessionLog { sessions, days_since_last, refused })
    }
}

/// The notes as one age file to each reader.
fn seal_notes(readers: &[age::x25519::Recipient], notes: &Notes) -> Vec<u8> {
    keys::seal(&readers.iter().collect::<Vec<_>>(), &to_json(notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    /// A binder of carer Jo's with Amira as the young person, both unlocked.
    fn jo_and_amira() -> (tempfile::TempDir, Binder, Keyring, Keyring) {
        let dir = tempfile::tempdir().unwrap();
        let (binder, jo) = crate::testing::binder(dir.path(), &[("Amira", Role::YoungPerson)]);
        let amira = binder.unlock("Amira", &crate::testing::pass("Amira")).unwrap();
        (dir, binder, jo, amira)
    }

    /// The carer's key rotated by Jo, and Jo on the new key.
    fn rotate_carer(binder: &Binder, jo: &Keyring) -> Keyring {
        binder.rotate(jo, Role::Carer, Some(&crate::testing::pass("Jo")), crate::KeyCost::insecure_for_tests()).unwrap();
        binder.unlock("Jo", &crate::testing::pass("Jo")).unwrap()
    }

    /// A young person whose copy of the app writes "Jo" as the facilitator
    /// in the notes of a session she runs (she holds her role key and her
    /// own signing key, so the session verifies): it is still shown as hers.
    #[test]
    fn who_ran_a_session_is_named_by_its_signature_not_its_notes() {
        let (_dir, binder, jo, amira) = jo_and_amira();

        let id = new_id();
        let her_id = amira.actor().member_id().unwrap();
        let notes = Notes { v: 1, session: id.clone(), facilitator: "Jo".into(), setting: "Bedroom".into(), ran_by: Some(Role::YoungPerson), ..Notes::default() };
        let readers = binder.session_readers(Role::YoungPerson, None).unwrap();
        let (started_at, body) = (now(), seal_notes(&readers, &notes));
        let facts = SessionFacts { id: &id, started_at: &started_at, ended_at: None, facilitator: Some(her_id), body: &body };
        let proof = records::sign_as(&binder.id, &Record::Session(facts), &amira);
        binder.db().insert_session(&id, &started_at, her_id, &body, proof.as_deref()).unwrap();

        let log = binder.sessions(&jo).unwrap();
        assert_eq!(log.refused, 0);
        assert_eq!(log.sessions.iter().map(|s| s.facilitator.as_str()).collect::<Vec<_>>(), ["Amira"]);
    }

    /// The young person signs an adult's session again as her own (the
    /// signing rules let her name herself as its facilitator), keeping the
    /// sealed notes she cannot open. Sealing them again, as a rotation does,
    /// follows whose session the notes themselves say it is: her key is
    /// still not a reader.
    #[test]
    fn a_session_re_signed_as_the_young_persons_is_still_sealed_to_the_adults() {
        let (_dir, binder, jo, amira) = jo_and_amira();
        binder.start_session(&jo, "kitchen").unwrap();
        binder.end_session(&jo, None, "ADULTS-ONLY-SESSION-NOTE-MARKER").unwrap();

        let row = binder.db().sessions().unwrap().remove(0);
        let body = binder.db().session_body(&row.id).unwrap();
        let her_id = amira.actor().member_id().unwrap();
        let record = Record::Session(SessionFacts { facilitator: Some(her_id), ..row.facts(&body) });
        let proof = records::sign_as(&binder.id, &record, &amira).unwrap();
        let sql = format!("UPDATE sessions SET facilitator = '{her_id}', proof = '{}';", proof.replace('\'', "''"));
        let out = std::process::Command::new("sqlite3").arg(binder.path()).arg(sql).output().expect("sqlite3 runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(binder.sessions(&amira).unwrap().refused, 0, "her signature holds");

        let jo = rotate_carer(&binder, &jo);
        let amira = binder.unlock("Amira", &crate::testing::pass("Amira")).unwrap();
        let theirs = binder.sessions(&jo).unwrap().sessions;
        assert_eq!(theirs[0].note, "ADULTS-ONLY-SESSION-NOTE-MARKER");
        let hers = binder.sessions(&amira).unwrap().sessions;
        assert!(hers[0].notes_for_adults && hers[0].note.is_empty(), "{hers:?}");
    }

    /// The young person signs in a session whose sealed notes are junk (she
    /// may sign a session she ran): the carer's key can still be rotated
    /// (the junk is left as it is), and the sessions still list.
    #[test]
    fn a_signed_session_of_junk_never_stops_a_rotation() {
        let (_dir, binder, jo, amira) = jo_and_amira();
        let (id, her_id) = (new_id(), amira.actor().member_id().unwrap());
        let body = b"JUNK-THAT-IS-NOT-AN-AGE-FILE-AT-ALL".to_vec();
        let started_at = now();
        let facts = SessionFacts { id: &id, started_at: &started_at, ended_at: None, facilitator: Some(her_id), body: &body };
        let proof = records::sign_as(&binder.id, &Record::Session(facts), &amira);
        binder.db().insert_session(&id, &started_at, her_id, &body, proof.as_deref()).unwrap();

        let jo = rotate_carer(&binder, &jo);
        let log = binder.sessions(&jo).unwrap();
        assert!(log.sessions.is_empty() && log.refused == 1, "{log:?}");
    }

    /// A carer with no session of her own running would end the young
    /// person's: her closing note and feeling would be sealed to the young
    /// person. Refused, and the young person's session is as she left it.
    #[test]
    fn an_adult_cannot_end_the_young_persons_session() {
        let (_dir, binder, jo, amira) = jo_and_amira();
        binder.start_session(&amira, "my room").unwrap();
        let err = binder.end_session(&jo, Some(Feeling::Worried), "CARER-WORDS-ABOUT-AMIRA-MARKER").unwrap_err();
        assert!(matches!(err, Error::NoOpenSession), "{err}");
        let hers = binder.sessions(&amira).unwrap().sessions;
        assert!(hers[0].ended_at.is_none() && hers[0].note.is_empty(), "{hers:?}");
        binder.end_session(&amira, Some(Feeling::Happy), "mine").unwrap();
    }
}
