//! Consistent copies of a binder file.
//!
//! `VACUUM INTO` writes a transactionally consistent snapshot even while
//! another connection or process is writing (SQLite reads it in one read
//! transaction), compacted and without free pages holding old bytes. The
//! copy is written under a temporary name in the same folder, synced, then
//! renamed, so a crash or a full disk never leaves a half-written backup
//! under the real name. A backup is a complete binder: the same members,
//! passphrases and recovery key open it.

use std::path::{Path, PathBuf};

use crate::binder::Binder;
use crate::error::{Error, Result};

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
            let target = partial.to_str().ok_or_else(|| Error::invalid("Choose a backup folder whose name is plain text."))?;
            self.conn.execute("VACUUM INTO ?1", [target])?;
            std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, dest).map_err(|e| Error::io(dest, e))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written
    }
}

fn partial_name(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    dest.with_file_name(name)
}
