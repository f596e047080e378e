//! The `entries` and `entry_keys` tables: each page's plaintext columns and
//! sealed body, and its data key wrapped once per keyed role in its
//! audience.

use rusqlite::params;

use crate::audience::Role;
use crate::error::Result;
use crate::store::Db;

impl Db<'_> {
    /// Every page's id.
    pub(crate) fn entry_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM entries")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Give a role a wrap of a page's data key (or replace the one it has).
    pub(crate) fn put_entry_key(&self, entry_id: &str, role: Role, wrap: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO entry_keys (entry_id, role, wrap) VALUES (?1, ?2, ?3)",
            params![entry_id, role.as_str(), wrap],
        )?;
        Ok(())
    }
}

/// Who wrote a page, as oversight lists it: `None` for a member since removed.
pub(crate) struct PageAuthorRow {
    pub entry_id: String,
    pub name: Option<String>,
    pub role: Option<Role>,
    pub created_at: String,
}

// Reads for oversight and hand-over.
impl Db<'_> {
    /// Every page with its author's name and role, and when it was added.
    pub(crate) fn page_authors(&self) -> Result<Vec<PageAuthorRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT e.id, m.name, m.role, e.created_at FROM entries e LEFT JOIN members m ON m.id = e.author")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?))
        })?;
        rows.map(|row| {
            let (entry_id, name, role, created_at) = row?;
            Ok(PageAuthorRow { entry_id, name, role: role.as_deref().map(crate::audience::parse_role).transpose()?, created_at })
        })
        .collect()
    }

    /// The ids of the pages whose audience has any of `audience`'s parties.
    pub(crate) fn entry_ids_shared_with(&self, audience: crate::audience::Audience) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM entries WHERE audience & ?1 != 0")?;
        let rows = stmt.query_map([audience.bits()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
