//! The `binder` table: the one header row (the binder's id, its public
//! recovery and common keys) and the child's sealed profile.

use crate::error::{Error, Result};
use crate::store::Db;

/// The header row, as stored.
pub(crate) struct HeaderRow {
    pub binder_id: String,
    pub created_at: String,
    pub recovery_recipient: String,
    pub common_recipient: String,
}

impl Db<'_> {
    /// Write the header row of a new binder, with its first profile.
    pub(crate) fn insert_header(&self, header: &HeaderRow, profile: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO binder (singleton, binder_id, created_at, recovery_recipient, common_recipient, profile)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                header.binder_id,
                header.created_at,
                header.recovery_recipient,
                header.common_recipient,
                profile
            ],
        )?;
        Ok(())
    }

    /// The header row; a file without one is damaged.
    pub(crate) fn header(&self) -> Result<HeaderRow> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT binder_id, created_at, recovery_recipient, common_recipient FROM binder WHERE singleton = 1",
                [],
                |r| {
                    Ok(HeaderRow {
                        binder_id: r.get(0)?,
                        created_at: r.get(1)?,
                        recovery_recipient: r.get(2)?,
                        common_recipient: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| match Error::from(e) {
                Error::Storage(_) => Error::damaged("its header table cannot be read"),
                other => other,
            })?
            .ok_or_else(|| Error::damaged("its header row is missing"))
    }

    /// The sealed profile (an age file).
    pub(crate) fn profile_blob(&self) -> Result<Vec<u8>> {
        Ok(self.conn.query_row("SELECT profile FROM binder", [], |r| r.get(0))?)
    }

    /// The profile's signature (src/signed/records.rs); none before schema 12.
    pub(crate) fn profile_proof(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT profile_proof FROM binder", [], |r| r.get(0))?)
    }

    pub(crate) fn set_profile_blob(&self, sealed: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute("UPDATE binder SET profile = ?1, profile_proof = ?2", rusqlite::params![sealed, proof])?;
        Ok(())
    }

    /// Sign the profile already there (the first unlock that signs records).
    pub(crate) fn set_profile_proof(&self, proof: &str) -> Result<()> {
        self.conn.execute("UPDATE binder SET profile_proof = ?1", [proof])?;
        Ok(())
    }
}
