//! Later-life letters: pages for the young person to open on a day to come,
//! kept from them by keys, not by the clock.
//!
//! A page with a `sealed_until` day is a letter, and its reader is the
//! young person. Until its day the page's data key is wrapped to every
//! keyed role of its audience *except* the young person's ([`keyed_away`]):
//! the author's role (if it isn't theirs), the social worker's if shared
//! with them; the recovery key holds every role. So neither setting the
//! clock forward nor following docs/FORMAT.md with `age` opens it early:
//! the young person's key has nothing to open. A letter with no keeper
//! (shared with the young person alone) is refused
//! ([`Error::LetterNeedsKeeper`]).
//!
//! On or after the day, the first unlock by a keeper releases it
//! ([`Binder::release_letters`]): the young person's wrap is added and the
//! consent ledger says so, signed by the keeper, "opened on its day".
//!
//! Letters written before this rule had a wrap for the young person too:
//! a keeper's unlock removes it while the letter is still sealed, once the
//! keeper's own wrap is shown to open it, unless a keeper released it, so a letter is keyed away from
//! then on. (A copy of the file from before still has it.)
//!
//! The hand-over leaves unreleased letters with the agency
//! (src/handover.rs says why).

use crate::audience::Role;
use crate::binder::Binder;
use crate::error::{Error, Result};
use crate::keys::{self, to_json, Keyring};

/// The one role a letter is kept from until its day.
pub(crate) const READER: Role = Role::YoungPerson;

/// Whether a page sealed until `sealed_until` is kept from `role` on `day`.
pub(crate) fn keyed_away(sealed_until: Option<&str>, role: Role, day: &str) -> bool {
    role == READER && sealed_until.is_some_and(|until| until > day)
}

/// What one unlock did to letters.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Released {
    /// Letters whose day had come, now opened for the young person.
    pub opened: Vec<String>,
    /// Letters from before keys kept them away, whose young person's wrap
    /// was removed.
    pub keyed_away: Vec<String>,
}

impl Binder {
    /// Release every letter whose day (`today`, `YYYY-MM-DD`) has come and
    /// that `keys` can open, and key away any older letter still wrapped to
    /// the young person. Run at every unlock; it does nothing when there is
    /// nothing to do. A letter that does not verify is left as it is
    /// (`check` names it).
    pub fn release_letters(&self, keys: &Keyring, today: &str) -> Result<Released> {
        self.ensure_ours(keys)?;
        let mut released = Released::default();
        let Some(reader) = self.role_recipient(READER)? else { return Ok(released) };
        for id in self.db().letter_ids()? {
            let row = self.row(&id)?;
            let Some(until) = row.sealed_until.clone() else { continue };
            if !row.audience.has_role(READER) {
                continue;
            }
            let has_reader_wrap = self.db().entry_key_wrap(&id, READER)?.is_some();
            if keyed_away(Some(&until), READER, today) {
                // Once released, a clock a day behind (another computer's)
                // must not take it back.
                if has_reader_wrap && self.keeper_opens(keys, &row)? && !self.was_released(&id)? {
                    self.db().delete_entry_key(&id, READER)?;
                    released.keyed_away.push(id);
                }
                continue;
            }
            if has_reader_wrap {
                continue;
            }
            // A keeper's key opens it (the reader's never does: it has no wrap).
            let Ok(open) = self.open_key(keys, &row) else { continue };
            let tx = self.store.begin()?;
            tx.put_entry_key(&id, READER, &keys::seal(&[&reader], &to_json(&open.payload)))?;
            let note = format!("Opened on its day, {until}.");
            let at = crate::store::now();
            crate::consent::record(tx.db(), keys, &id, &open.identity.to_public(), row.audience, row.audience, &note, &at)?;
            tx.commit()?;
            released.opened.push(id);
        }
        if !released.keyed_away.is_empty() {
            self.scrub();
        }
        Ok(released)
    }
}

impl Binder {
    /// Whether a keeper released the letter: its ledger has a row that
    /// changed nobody (only a release writes one), signed in a signed binder.
    fn was_released(&self, id: &str) -> Result<bool> {
        let state = self.membership()?;
        Ok(self.db().ledger_rows(Some(id))?.iter().any(|row| {
            row.before == row.after && state.as_ref().is_none_or(|state| crate::signed::consent_verifies(state, &self.id, row))
        }))
    }
}

/// Refuse a letter nobody but its reader would hold.
pub(crate) fn need_keeper(wrapped: usize, kept_away: bool) -> Result<()> {
    if wrapped == 0 && kept_away {
        return Err(Error::LetterNeedsKeeper);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_reader_is_kept_away_and_only_before_the_day() {
        let cases = [
            (Some("2040-05-01"), Role::YoungPerson, "2026-12-02", true),
            (Some("2040-05-01"), Role::YoungPerson, "2040-04-30", true),
            (Some("2040-05-01"), Role::YoungPerson, "2040-05-01", false),
            (Some("2040-05-01"), Role::YoungPerson, "2041-01-01", false),
            (Some("2040-05-01"), Role::Carer, "2026-12-02", false),
            (Some("2040-05-01"), Role::SocialWorker, "2026-12-02", false),
            (None, Role::YoungPerson, "2026-12-02", false),
        ];
        for (until, role, day, away) in cases {
            assert_eq!(keyed_away(until, role, day), away, "{until:?} {role:?} {day}");
        }
    }
}
