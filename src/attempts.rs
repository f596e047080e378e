//! Slowing down repeated wrong passphrases.
//!
//! scrypt already makes every guess cost about 0.6 s. On top of that, the
//! app keeps one [`Attempts`] per binder and member: the first
//! [`FREE_ATTEMPTS`] failures cost nothing more, then each further failure
//! doubles a wait (2 s, 4 s, 8 s … up to [`MAX_WAIT`]) before the next
//! try is accepted. A success clears it. It lives in memory: someone who
//! restarts the app starts again, but still pays scrypt for every guess.

use std::time::{Duration, Instant};

use crate::error::{Error, Result};

pub const FREE_ATTEMPTS: u32 = 3;
pub const MAX_WAIT: Duration = Duration::from_secs(300);

#[derive(Debug, Default)]
pub struct Attempts {
    failures: u32,
    not_before: Option<Instant>,
}

impl Attempts {
    pub fn new() -> Self {
        Self::default()
    }

    /// May someone try now? If not, says how long to wait.
    pub fn check(&self, now: Instant) -> Result<()> {
        match self.not_before {
            Some(t) if now < t => Err(Error::TooManyAttempts { wait_secs: (t - now).as_secs_f64().ceil() as u64 }),
            _ => Ok(()),
        }
    }

    /// Record a wrong passphrase at `now`.
    pub fn failed(&mut self, now: Instant) {
        self.failures = self.failures.saturating_add(1);
        if self.failures > FREE_ATTEMPTS {
            let doublings = (self.failures - FREE_ATTEMPTS).min(16);
            let wait = Duration::from_secs(1u64 << doublings).min(MAX_WAIT);
            self.not_before = Some(now + wait);
        }
    }

    pub fn succeeded(&mut self) {
        *self = Self::default();
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }
}

impl crate::Binder {
    /// [`Binder::unlock`], slowed down after repeated wrong passphrases: the
    /// app keeps one `Attempts` for as long as it runs.
    pub fn unlock_guarded(
        &self,
        attempts: &mut Attempts,
        member_name: &str,
        passphrase: &crate::SecretString,
    ) -> Result<crate::Keyring> {
        attempts.check(Instant::now())?;
        match self.unlock(member_name, passphrase) {
            Ok(keys) => {
                attempts.succeeded();
                Ok(keys)
            }
            Err(e @ Error::WrongPassphrase { .. }) => {
                attempts.failed(Instant::now());
                Err(e)
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_attempts_and_clear_on_success() {
        let t0 = Instant::now();
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
            assert!(a.check(t0 + Duration::from_secs(expected)).is_ok());
            expected *= 2;
        }
        for _ in 0..40 {
            a.failed(t0);
        }
        assert!(matches!(a.check(t0), Err(Error::TooManyAttempts { wait_secs: 300 })));
        a.succeeded();
        assert!(a.check(t0).is_ok());
    }
}
