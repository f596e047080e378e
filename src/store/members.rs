//! The `members` and `role_keys` tables: who can unlock the binder, and each
//! keyed role's public key with its secret wrapped to the recovery key and
//! the common key wrapped to it.

use rusqlite::{params, OptionalExtension, Row};

use crate::audience::{parse_role, Role};
use crate::error::Result;
use crate::store::Db;

/// A member row, as stored (without the wrap, which only unlock reads).
pub(crate) struct MemberRow {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub created_at: String,
}

const MEMBER_COLUMNS: &str = "id, name, role, created_at";

fn member_row(r: &Row<'_>) -> rusqlite::Result<(String, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

/// A role key row, as stored.
pub(crate) struct RoleKeyRow {
    pub role: Role,
    pub recipient: String,
    pub recovery_wrap: Vec<u8>,
    pub common_wrap: Vec<u8>,
}

const ROLE_KEY_COLUMNS: &str = "role, recipient, recovery_wrap, common_wrap";

impl Db<'_> {
    /// Every member, oldest first.
    pub(crate) fn members(&self) -> Result<Vec<MemberRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {MEMBER_COLUMNS} FROM members ORDER BY created_at, name"))?;
        let rows = stmt.query_map([], member_row)?;
        rows.map(|row| {
            let (id, name, role, created_at) = row?;
            Ok(MemberRow { id, name, role: parse_role(&role)?, created_at })
        })
        .collect()
    }

    pub(crate) fn member_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM members", [], |r| r.get(0))?)
    }

    /// Is there a member of this name (names compare without case)?
    pub(crate) fn member_name_taken(&self, name: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM members WHERE name = ?1 COLLATE NOCASE)",
            [name],
            |r| r.get(0),
        )?)
    }

    /// A member's passphrase wrap of their role key.
    pub(crate) fn member_wrap(&self, member_id: &str) -> Result<Vec<u8>> {
        Ok(self.conn.query_row("SELECT key_wrap FROM members WHERE id = ?1", [member_id], |r| r.get(0))?)
    }

    pub(crate) fn insert_member(&self, member: &MemberRow, key_wrap: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO members (id, name, role, key_wrap, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![member.id, member.name, member.role.as_str(), key_wrap, member.created_at],
        )?;
        Ok(())
    }

    pub(crate) fn set_member_wrap(&self, member_id: &str, key_wrap: &[u8]) -> Result<()> {
        self.conn.execute("UPDATE members SET key_wrap = ?2 WHERE id = ?1", params![member_id, key_wrap])?;
        Ok(())
    }

    /// Stamp a member's row as this copy's change, unchanged, so the next
    /// exchange carries it again: a copy that turned it away while its log
    /// lacked the member's admission takes it once the admission is there.
    pub(crate) fn restamp_member(&self, member_id: &str) -> Result<()> {
        self.conn.execute("UPDATE members SET name = name WHERE id = ?1", [member_id])?;
        Ok(())
    }

    pub(crate) fn delete_member(&self, member_id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM members WHERE id = ?1", [member_id])?;
        Ok(())
    }

    /// Every role that has a key, in role order.
    pub(crate) fn role_keys(&self) -> Result<Vec<RoleKeyRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {ROLE_KEY_COLUMNS} FROM role_keys ORDER BY role"))?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.map(|row| {
            let (role, recipient, recovery_wrap, common_wrap) = row?;
            Ok(RoleKeyRow { role: parse_role(&role)?, recipient, recovery_wrap, common_wrap })
        })
        .collect()
    }

    /// One role's key row, if the role has a key yet.
    pub(crate) fn role_key(&self, role: Role) -> Result<Option<RoleKeyRow>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {ROLE_KEY_COLUMNS} FROM role_keys WHERE role = ?1"),
                [role.as_str()],
                |r| Ok((r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        Ok(row.map(|(recipient, recovery_wrap, common_wrap)| RoleKeyRow { role, recipient, recovery_wrap, common_wrap }))
    }

    /// Write (or replace, when rotating) a role's key row.
    pub(crate) fn put_role_key(&self, row: &RoleKeyRow, created_at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO role_keys (role, recipient, recovery_wrap, common_wrap, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (role) DO UPDATE SET recipient = excluded.recipient, recovery_wrap = excluded.recovery_wrap,
                 common_wrap = excluded.common_wrap, created_at = excluded.created_at",
            params![row.role.as_str(), row.recipient, row.recovery_wrap, row.common_wrap, created_at],
        )?;
        Ok(())
    }
}
