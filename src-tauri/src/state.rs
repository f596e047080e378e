//! The app's one piece of state: the open binder, the keys of whoever
//! unlocked it, and the idle clock that locks it again.
//!
//! Invariant: `keys` is `Some` only while `binder` is `Some`; locking drops
//! the keyring, whose secrets zeroize on drop (see `lifestory::keys`).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use lifestory::{Binder, Keyring, RecoveryKey};

use crate::error::{CommandError, CommandResult};

/// Ten minutes, as the design brief asks; `LIFESTORY_AUTO_LOCK_SECONDS`
/// overrides it (the end-to-end tests use a few seconds).
pub const DEFAULT_IDLE: Duration = Duration::from_secs(10 * 60);

pub struct Open {
    pub binder: Binder,
    pub keys: Option<Keyring>,
}

pub struct Inner {
    pub open: Option<Open>,
    pub last_active: Instant,
    pub idle_limit: Duration,
    /// Shown once after creating a binder, until the sheet is saved or the
    /// person says they have written it down.
    pub recovery: Option<RecoveryKey>,
    /// The book last exported, the only file "Open it" may open.
    pub last_book: Option<PathBuf>,
    /// An offered page's file (still encrypted) between its preview and
    /// the person deciding to import it.
    pub pending_offer: Option<Vec<u8>>,
}

pub struct AppState {
    inner: Mutex<Inner>,
    /// Set by `cancel_export`; read between pages by the running export.
    pub cancel_export: Arc<AtomicBool>,
    /// Where new binders go unless the person picks another place.
    pub binders_folder: PathBuf,
}

impl AppState {
    pub fn new(binders_folder: PathBuf, idle_limit: Duration) -> Self {
        AppState {
            inner: Mutex::new(Inner {
                open: None,
                last_active: Instant::now(),
                idle_limit,
                recovery: None,
                last_book: None,
                pending_offer: None,
            }),
            cancel_export: Arc::new(AtomicBool::new(false)),
            binders_folder,
        }
    }

    /// The state, even if a panicking command poisoned the lock: a panic must
    /// not leave the binder stuck unlocked.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The open binder (unlocked or not).
    pub fn with_binder<T>(&self, f: impl FnOnce(&Binder) -> lifestory::Result<T>) -> CommandResult<T> {
        let inner = self.lock();
        let open = inner.open.as_ref().ok_or_else(CommandError::no_binder)?;
        Ok(f(&open.binder)?)
    }

    /// The open binder and the keys of whoever unlocked it. Counts as
    /// activity for the idle lock.
    pub fn with_keys<T>(&self, f: impl FnOnce(&Binder, &Keyring) -> lifestory::Result<T>) -> CommandResult<T> {
        let mut inner = self.lock();
        if inner.idle_expired() {
            inner.lock_keys();
            return Err(CommandError::locked());
        }
        inner.last_active = Instant::now();
        let open = inner.open.as_ref().ok_or_else(CommandError::no_binder)?;
        let keys = open.keys.as_ref().ok_or_else(CommandError::locked)?;
        Ok(f(&open.binder, keys)?)
    }
}

impl Inner {
    pub fn is_unlocked(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.keys.is_some())
    }

    pub fn idle_expired(&self) -> bool {
        self.is_unlocked() && self.last_active.elapsed() >= self.idle_limit
    }

    /// Drop the keys (they zeroize), and the recovery key if it is still
    /// held; the binder stays open for the next unlock.
    pub fn lock_keys(&mut self) {
        if let Some(open) = self.open.as_mut() {
            open.keys = None;
        }
        self.recovery = None;
        self.pending_offer = None;
    }
}
