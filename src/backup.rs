//! Consistent copies of a binder file.
//!
//! `VACUUM INTO` writes a transactionally consistent snapshot even while
//! another connection or process is writing (SQLite reads it in one read
//! transaction), compacted and without free pages holding old bytes. The
//! copy is written under a temporary name in the same folder, synced, then
//! renamed, so a crash or a full disk never leaves a half-written backup
//! under the real name. A backup is a complete binder: the same members,
//! passphrases and recovery key open it.
//!
//! Rolling backups live in a folder (by default "NAME backups" beside the
//! binder) as "NAME YYYY-MM-DD HHMMSS.mmm.binder"; the newest [`KEEP`] are
//! kept. One is due after each session and at least daily
//! ([`Binder::backup_if_due`]). Restoring never deletes anything: the
//! current file (with its -wal and -shm) is set aside first.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::binder::Binder;
use crate::error::{Error, Result};

/// How many rolling backups to keep by default.
pub const KEEP: usize = 10;
const STAMP: &str = "%Y-%m-%d %H%M%S%.3f";

/// What [`restore`] did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Restored {
    /// Where the binder that was there before now is, if there was one.
    pub set_aside: Option<PathBuf>,
}

impl Binder {
    /// Write a consistent copy of this binder to `dest`, which must not
    /// exist yet. No keys needed: everything copied stays encrypted.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::AlreadyExists { path: dest.to_owned() });
        }
        let partial = partial_name(dest);
        let _ = std::fs::remove_file(&partial);
        let written = (|| {
            let target = partial.to_str().ok_or(Error::BackupPathNotText)?;
            self.store.copy_to(target)?;
            std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written
    }
}

impl Binder {
    /// A dated backup in `dir` (default: beside the binder), then prune
    /// all but the newest `keep`. Returns the new backup's path.
    pub fn backup(&self, dir: Option<&Path>, keep: usize) -> Result<PathBuf> {
        let dir = dir.map(Path::to_owned).unwrap_or_else(|| default_dir(self.path()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let dest = dir.join(format!("{} {}.binder", stem(self.path()), Utc::now().format(STAMP)));
        self.backup_to(&dest)?;
        for old in backups(self.path(), Some(&dir))?.into_iter().skip(keep.max(1)) {
            let _ = std::fs::remove_file(old);
        }
        Ok(dest)
    }

    /// Make a rolling backup in the default folder if a session ended
    /// since the newest one, or it is over a day old (or there is none).
    pub fn backup_if_due(&self) -> Result<Option<PathBuf>> {
        let newest = backups(self.path(), None)?.first().and_then(|p| taken_at(p));
        let last_session = self.db().last_session_ended()?;
        let last_session = last_session.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc));
        let due = match newest {
            None => true,
            // One dated in the future (a clock set wrong, a planted name)
            // must not stop backups for good.
            Some(at) => Utc::now() - at > chrono::Duration::hours(24) || at > Utc::now() || last_session.is_some_and(|s| s > at),
        };
        if !due {
            return Ok(None);
        }
        self.backup(None, KEEP).map(Some)
    }
}

/// What [`Binder::end_session_backed_up`] did.
#[derive(Debug, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SessionEnded {
    pub session: crate::Session,
    /// Where the rolling backup made just now is, if one was due.
    pub backup: Option<String>,
    /// The backup that was due could not be made (the session is saved).
    pub backup_failed: Option<String>,
}

/// What [`Binder::prune_older_backups`] did.
#[derive(Debug, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Pruned {
    /// Rolling backups deleted.
    pub deleted: usize,
}

impl Binder {
    /// End the session (see [`Binder::end_session`]), then make the rolling
    /// backup due after it. A failed backup does not undo the session.
    pub fn end_session_backed_up(&self, keys: &crate::Keyring, feeling: Option<crate::Feeling>, note: &str) -> Result<SessionEnded> {
        let session = self.end_session(keys, feeling, note)?;
        let (backup, backup_failed) = match self.backup_if_due() {
            Ok(made) => (made.map(|path| path.display().to_string()), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Ok(SessionEnded { session, backup, backup_failed })
    }

    /// How many rolling backups there are (in the default folder).
    pub fn rolling_backups(&self) -> Result<usize> {
        Ok(backups(self.path(), None)?.len())
    }

    /// After someone is removed: older backups still hold what they could
    /// see, and open with the keys they kept. A new backup is made first,
    /// so one is always left, then every older one in the default folder
    /// is deleted. Only a member who has unlocked may do it.
    pub fn prune_older_backups(&self, keys: &crate::Keyring) -> Result<Pruned> {
        self.ensure_ours(keys)?;
        let fresh = self.backup(None, usize::MAX)?;
        let (mut deleted, mut failed) = (0, None);
        for old in backups(self.path(), None)? {
            if old == fresh {
                continue;
            }
            // One that cannot be deleted (open elsewhere) does not stop the rest.
            match std::fs::remove_file(&old) {
                Ok(()) => deleted += 1,
                Err(e) => failed = failed.or(Some(Error::io(&old, e))),
            }
        }
        match failed {
            Some(e) if deleted == 0 => Err(e),
            _ => Ok(Pruned { deleted }),
        }
    }
}

/// The rolling backups of the binder at `binder`, newest first.
pub fn backups(binder: &Path, dir: Option<&Path>) -> Result<Vec<PathBuf>> {
    let dir = dir.map(Path::to_owned).unwrap_or_else(|| default_dir(binder));
    let prefix = format!("{} ", stem(binder));
    // Exactly "NAME STAMP.binder": "Sam Jones STAMP.binder" is not Sam's.
    let ours = |name: &str| {
        name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".binder")).is_some_and(|stamp| NaiveDateTime::parse_from_str(stamp, STAMP).is_ok())
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(ours) && taken_at(p).is_some())
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .collect();
    found.sort_by_key(|p| std::cmp::Reverse(taken_at(p)));
    Ok(found)
}

/// Put `backup` in place of the binder at `target`. The backup must be a
/// healthy binder; whatever was at `target` (and its -wal and -shm) is
/// renamed aside first, never deleted.
pub fn restore(backup: &Path, target: &Path) -> Result<Restored> {
    let report = Binder::check(backup)?;
    if !report.problems.is_empty() {
        return Err(Error::damaged(format!("the backup {} failed its check too; try an older one", backup.display())));
    }
    if target.exists() && std::fs::canonicalize(target).ok() == std::fs::canonicalize(backup).ok() {
        return Err(Error::RestoreOntoItself);
    }
    let set_aside = if target.exists() {
        let aside = sibling(target, &format!(".before-restore {}", Utc::now().format(STAMP)));
        for suffix in ["", "-wal", "-shm"] {
            let from = sibling(target, suffix);
            if from.exists() {
                let to = sibling(&aside, suffix);
                std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    let partial = partial_name(target);
    let copied = std::fs::copy(backup, &partial)
        .and_then(|_| std::fs::File::open(&partial)?.sync_all())
        .and_then(|_| std::fs::rename(&partial, target));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        // Put the old binder back, so a failed restore changes nothing.
        if let Some(aside) = &set_aside {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::rename(sibling(aside, suffix), sibling(target, suffix));
            }
        }
        return Err(Error::io(target, e));
    }
    Ok(Restored { set_aside })
}

fn default_dir(binder: &Path) -> PathBuf {
    binder.with_file_name(format!("{} backups", stem(binder)))
}

fn stem(binder: &Path) -> String {
    binder.file_stem().map_or_else(|| "binder".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// When a rolling backup was taken, from its name.
fn taken_at(path: &Path) -> Option<DateTime<Utc>> {
    let name = path.file_name()?.to_str()?.strip_suffix(".binder")?;
    let stamp = name.get(name.len().checked_sub(21)?..)?;
    NaiveDateTime::parse_from_str(stamp, STAMP).ok().map(|t| t.and_utc())
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

fn partial_name(dest: &Path) -> PathBuf {
    sibling(dest, ".partial")
}
