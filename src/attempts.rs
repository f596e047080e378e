//! Slowing down repeated wrong passphrases, per member, across restarts.
//!
//! scrypt already makes every guess cost about a second. On top of that,
//! each member has an [`Attempts`]: the first [`FREE_ATTEMPTS`] failures
//! cost nothing more, then each further failure doubles a wait (2 s, 4 s,
//! 8 s … up to [`MAX_WAIT`]) before that member's next try is accepted. A
//! success clears it. It is kept in the binder file (`unlock_attempts`,
//! local to this copy), so closing and reopening the app does not start
//! again, and one member's mistakes never slow down another.
//!
//! What it is for: someone with the laptop and the app for ten minutes. It
//! is not a defence against a copy of the file, which is attacked offline
//! at scrypt's cost whatever this table says (and `sqlite3` can empty it).
//! Times are the wall clock: a wait is never longer than [`MAX_WAIT`] from
//! now, so a clock set back does not lock anyone out.

use chrono::{DateTime, Utc};
use std::time::Duration;

use crate::error::{Error, Result};

pub const FREE_ATTEMPTS: u32 = 3;
pub const MAX_WAIT: Duration = Duration::from_secs(300);

/// One member's wrong passphrases in a row.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Attempts {
    failures: u32,
    not_before: Option<DateTime<Utc>>,
}

impl Attempts {
    pub fn new() -> Self {
        Self::default()
    }

    /// May someone try now? If not, says how long to wait.
    pub fn check(&self, now: DateTime<Utc>) -> Result<()> {
        match self.not_before {
            Some(t) if now < t => {
                let wait = (t - now).to_std().unwrap_or(MAX_WAIT).min(MAX_WAIT);
                Err(Error::TooManyAttempts { wait_secs: wait.as_secs_f64().ceil() as u64 })
            }
            _ => Ok(()),
        }
    }

    /// Record a wrong passphrase at `now`.
    pub fn failed(&mut self, now: DateTime<Utc>) {
        self.failures = self.failures.saturating_add(1);
        if self.failures > FREE_ATTEMPTS {
            let doublings = (self.failures - FREE_ATTEMPTS).min(16);
            let wait = Duration::from_secs(1u64 << doublings).min(MAX_WAIT);
            self.not_before = Some(now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX));
        }
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// As stored, read at `now`: a count out of range or of the wrong type,
    /// or a time that does not parse (the file edited by hand), reads as the
    /// most cautious value it could mean, and no wait ends later than
    /// [`MAX_WAIT`] from now (a clock set back, a year typed in).
    fn from_stored(failures: Option<i64>, not_before: Option<&str>, now: DateTime<Utc>) -> Self {
        let failures = failures.map_or(u32::MAX, |n| u32::try_from(n.max(0)).unwrap_or(u32::MAX));
        let latest = now + chrono::Duration::from_std(MAX_WAIT).unwrap_or(chrono::Duration::MAX);
        let not_before = not_before.map(|t| DateTime::parse_from_rfc3339(t).map_or(latest, |t| t.with_timezone(&Utc).min(latest)));
        Attempts { failures, not_before }
    }

    fn stored_time(&self) -> Option<String> {
        self.not_before.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
    }
}

impl crate::Binder {
    /// A member's wrong passphrases in a row, as this copy has counted them.
    pub fn attempts(&self, member_name: &str) -> Result<Attempts> {
        let member = self.member_by_name(member_name)?;
        Ok(stored(self.db(), &member.id)?)
    }

    /// [`Binder::unlock`], slowed down after that member's repeated wrong
    /// passphrases (kept in the file): refused without trying while they
    /// must wait, every try counted, a success clearing the count.
    pub fn unlock_guarded(&self, member_name: &str, passphrase: &crate::SecretString) -> Result<crate::Keyring> {
        let member = self.member_by_name(member_name)?;
        // Counted before the work, in one transaction with the check: tries
        // run side by side (several processes) each count, and a try whose
        // count cannot be written is not made.
        let before = {
            let tx = self.store.begin()?;
            let before = stored(tx.db(), &member.id)?;
            if let Err(wait) = before.check(Utc::now()) {
                // Kept as read: a wait written by hand then ends in time.
                tx.db().set_unlock_attempts(&member.id, i64::from(before.failures), before.stored_time().as_deref())?;
                tx.commit()?;
                return Err(wait);
            }
            let mut counted = before.clone();
            counted.failed(Utc::now());
            tx.db().set_unlock_attempts(&member.id, i64::from(counted.failures), counted.stored_time().as_deref())?;
            tx.commit()?;
            before
        };
        match self.unlock(member_name, passphrase) {
            Ok(keys) => {
                // The right passphrase opens even where the count cannot be
                // cleared (the next wrong one finds it still there).
                let _ = self.db().clear_unlock_attempts(&member.id);
                Ok(keys)
            }
            Err(e @ Error::WrongPassphrase { .. }) => Err(e),
            Err(e) => {
                // Not a guess (a damaged or hostile wrap): as it was before.
                let _ = self.db().set_unlock_attempts(&member.id, i64::from(before.failures), before.stored_time().as_deref());
                Err(e)
            }
        }
    }
}

/// What the file holds for `member`, read with suspicion
/// ([`Attempts::from_stored`]).
fn stored(db: crate::store::Db<'_>, member: &str) -> Result<Attempts> {
    Ok(match db.unlock_attempts(member)? {
        Some((failures, not_before)) => Attempts::from_stored(failures, not_before.as_deref(), Utc::now()),
        None => Attempts::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_attempts() {
        let t0 = Utc::now();
        let mut a = Attempts::new();
        for _ in 0..FREE_ATTEMPTS {
            a.failed(t0);
            assert!(a.check(t0).is_ok(), "the first failures cost nothing extra");
        }
        let mut expected = 2;
        for _ in 0..4 {
            a.failed(t0);
            match a.check(t0) {
                Err(Error::TooManyAttempts { wait_secs }) => assert_eq!(wait_secs, expected),
                other => panic!("expected a wait, got {other:?}"),
            }
            assert!(a.check(t0 + chrono::Duration::seconds(expected as i64)).is_ok());
            expected *= 2;
        }
        for _ in 0..40 {
            a.failed(t0);
        }
        assert!(matches!(a.check(t0), Err(Error::TooManyAttempts { wait_secs: 300 })));
    }

    /// Values a hand-edited file might hold: never a panic, never a wait
    /// beyond the longest (and over once that has passed), never none
    /// where one was recorded.
    #[test]
    fn stored_values_are_read_with_suspicion() {
        let now = Utc::now();
        let later = now + chrono::Duration::seconds(301);
        let table: &[(Option<i64>, Option<&str>, Option<u64>)] = &[
            (Some(0), None, None),
            (Some(-5), None, None),
            (Some(i64::MAX), None, None),
            (None, None, None),
            (Some(4), Some("not a time at all é"), Some(300)),
            (Some(4), Some("9999-12-31T23:59:59Z"), Some(300)),
            (Some(4), Some("2000-01-01T00:00:00Z"), None),
        ];
        let wait = |a: &Attempts, at| match a.check(at) {
            Ok(()) => None,
            Err(Error::TooManyAttempts { wait_secs }) => Some(wait_secs),
            Err(other) => panic!("{other}"),
        };
        for &(failures, not_before, expected) in table {
            let a = Attempts::from_stored(failures, not_before, now);
            assert_eq!(wait(&a, now), expected, "{failures:?} {not_before:?}");
            assert_eq!(wait(&a, later), None, "{failures:?} {not_before:?} still waits after the longest wait");
        }
        assert_eq!(Attempts::from_stored(None, None, now).failures(), u32::MAX, "an unreadable count is the most cautious");
    }
}
