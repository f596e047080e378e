//! A consistent copy of the whole file (for backups; no table of its own).

use crate::error::Result;
use crate::store::Store;

impl Store {
    /// Write a transactionally consistent, compacted copy of the file to
    /// `dest` (`VACUUM INTO`: one read transaction, so another writer can
    /// carry on, and no free pages holding old bytes). `dest` must not
    /// exist; syncing and renaming it into place is the caller's.
    pub(crate) fn copy_to(&self, dest: &str) -> Result<()> {
        self.conn.execute("VACUUM INTO ?1", [dest])?;
        Ok(())
    }
}
