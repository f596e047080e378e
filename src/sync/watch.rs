//! Watching a shared folder: exchange whenever another copy's change file
//! appears or changes there, or this copy has changed.
//!
//! Synced folders (OneDrive, Nextcloud, a network share) often deliver no
//! reliable file-system events, so this polls: every `every`, it compares
//! the folder's change files (name, size, modified time) and this copy's
//! change counter with what it saw after the last exchange. Polling a
//! folder listing is cheap; an exchange runs only when something moved.

use std::path::Path;
use std::time::{Duration, SystemTime};

use super::{FolderExchange, EXTENSION};
use crate::binder::Binder;
use crate::error::{Error, Result};
use crate::keys::Keyring;

/// What the watcher compares between looks.
#[derive(PartialEq, Eq)]
struct Seen {
    files: Vec<(String, u64, Option<SystemTime>)>,
    clock: u64,
}

impl Binder {
    fn seen(&self, dir: &Path) -> Result<Seen> {
        let own = format!("{}.{EXTENSION}", super::revision::replica(self.db())?.id);
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let ours = name == own || name.starts_with('.') || !name.ends_with(&format!(".{EXTENSION}"));
                let meta = e.metadata().ok()?;
                (!ours).then(|| (name, meta.len(), meta.modified().ok()))
            })
            .collect();
        files.sort();
        Ok(Seen { files, clock: super::revision::replica(self.db())?.clock })
    }

    /// Exchange through `dir` now, then again whenever something changes,
    /// looking every `every`, until `stop` says so. Each exchange (or its
    /// error: a folder gone offline is reported, not fatal) goes to
    /// `exchanged`.
    pub fn watch_folder(
        &self,
        keys: &Keyring,
        dir: &Path,
        every: Duration,
        stop: &dyn Fn() -> bool,
        exchanged: &mut dyn FnMut(Result<FolderExchange>),
    ) -> Result<()> {
        self.ensure_ours(keys)?;
        let mut last: Option<Seen> = None;
        while !stop() {
            // Remember what the exchange started from, not what is there
            // after it: a file that lands during an exchange is then still
            // new at the next look.
            let now = self.seen(dir).ok();
            if now.is_none() || now != last {
                exchanged(self.exchange_folder(keys, dir));
                last = now;
            }
            let mut waited = Duration::ZERO;
            while waited < every && !stop() {
                let step = Duration::from_millis(50).min(every - waited);
                std::thread::sleep(step);
                waited += step;
            }
        }
        Ok(())
    }
}
