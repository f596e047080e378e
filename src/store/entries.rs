//! The `entries` and `entry_keys` tables: each page's plaintext columns and
//! sealed body, and its data key wrapped once per keyed role in its
//! audience.

use rusqlite::{params, OptionalExtension, Row};

use crate::audience::{parse_role, Audience, Role};
use crate::page::{page_name, Kind, Section};
use crate::error::{Error, Result};
use crate::store::Db;

/// A page's plaintext columns, as stored (without its sealed body, which
/// only a reader fetches, and the columns only sync reads).
#[derive(Clone, Debug)]
pub(crate) struct EntryRow {
    pub id: String,
    pub section: Section,
    pub kind: Kind,
    pub position: i64,
    pub audience: Audience,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub session_id: Option<String>,
    pub sort_date: Option<String>,
    /// The author's and the last sharer's signatures (src/signed.rs), as
    /// stored: JSON text, unparsed; none on a page from before schema 10.
    pub content_proof: Option<String>,
    pub sharing_proof: Option<String>,
}

pub(super) const ENTRY_COLUMNS: &str =
    "id, section, kind, position, audience, sensitive, sealed_until, created_at, updated_at, session_id, sort_date, content_proof, sharing_proof";

/// Read the [`ENTRY_COLUMNS`] at the start of a result row. The outer error
/// is SQLite's; the inner one is a row whose section, kind or audience is
/// not one this app writes (tampering), so a listing can skip just that page.
pub(super) fn entry_row(r: &Row<'_>) -> rusqlite::Result<Result<EntryRow>> {
    let id: String = r.get(0)?;
    let section: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let audience: i64 = r.get(4)?;
    let parsed = (|| {
        Ok(EntryRow {
            section: section.parse().map_err(|_| Error::tampered(page_name(&id)))?,
            kind: kind.parse().map_err(|_| Error::tampered(page_name(&id)))?,
            audience: Audience::from_bits(audience).ok_or_else(|| Error::tampered(page_name(&id)))?,
            position: r.get(3)?,
            sensitive: r.get(5)?,
            sealed_until: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
            session_id: r.get(9)?,
            sort_date: r.get(10)?,
            content_proof: r.get(11)?,
            sharing_proof: r.get(12)?,
            id: id.clone(),
        })
    })();
    Ok(parsed)
}

/// One role's wrap of a page's data key (an age file sealed to the role).
pub(crate) struct EntryKeyRow {
    pub entry_id: String,
    pub role: Role,
    pub wrap: Vec<u8>,
}

/// A page as a listing reads it: its row (or why it can't be read) and one
/// of its key wraps for a role asked for, if any.
pub(crate) struct ListedEntry {
    pub row: Result<EntryRow>,
    pub key: Option<(Role, Vec<u8>)>,
}

impl Db<'_> {
    /// Every page's id.
    pub(crate) fn entry_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM entries")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to two page ids starting with `prefix` (lowercase hex): two mean
    /// the prefix is ambiguous.
    pub(crate) fn entry_ids_starting(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM entries WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids = stmt.query_map([prefix], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of a section's pages in order, but for `except`.
    pub(crate) fn entry_ids_in(&self, section: Section, except: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM entries WHERE section = ?1 AND id != ?2 ORDER BY position, id")?;
        let ids = stmt.query_map(params![section.as_str(), except], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// One page's row, if there is one; a row this app could not have
    /// written is `Tampered`.
    pub(crate) fn entry(&self, id: &str) -> Result<Option<EntryRow>> {
        self.conn
            .query_row(&format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?1"), [id], entry_row)
            .optional()?
            .transpose()
    }

    pub(crate) fn entry_exists(&self, id: &str) -> Result<bool> {
        let found: Option<i64> = self.conn.query_row("SELECT 1 FROM entries WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(found.is_some())
    }

    /// Every page (of one section, or all) in book order, each with its key
    /// wraps for the `roles` given: one item per wrap found (in role order),
    /// or one without a wrap when there is none.
    /// One row per page and key row, a page's rows together (ordered by id
    /// after position: two copies' pages can share a position after an
    /// exchange, and the reader skips a page's second key row by id).
    pub(crate) fn entries_listed(&self, roles: &[Role], section: Option<Section>) -> Result<Vec<ListedEntry>> {
        // Role names come from our own enum, so inlining them is safe.
        let roles_sql = roles.iter().map(|r| format!("'{}'", r.as_str())).collect::<Vec<_>>().join(",");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ENTRY_COLUMNS}, k.role, k.wrap FROM entries e
             LEFT JOIN entry_keys k ON k.entry_id = e.id AND k.role IN ({roles_sql})
             WHERE ?1 IS NULL OR section = ?1
             ORDER BY CASE section WHEN 'present' THEN 0 WHEN 'past' THEN 1 ELSE 2 END, position, e.id, k.role"
        ))?;
        let rows = stmt.query_map([section.map(Section::as_str)], |r| {
            Ok((entry_row(r)?, r.get::<_, Option<String>>(13)?, r.get::<_, Option<Vec<u8>>>(14)?))
        })?;
        rows.map(|item| {
            let (row, role, wrap) = item?;
            let key = match (role, wrap) {
                (Some(role), Some(wrap)) => Some((parse_role(&role)?, wrap)),
                _ => None,
            };
            Ok(ListedEntry { row, key })
        })
        .collect()
    }

    /// The position after a section's last page.
    pub(crate) fn next_entry_position(&self, section: Section) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM entries WHERE section = ?1",
            [section.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Write a new page (its `updated_at` is its `created_at`), with the
    /// member who wrote it and its sealed body.
    pub(crate) fn insert_entry(&self, row: &EntryRow, author: Option<&str>, body: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO entries (id, section, kind, position, audience, sensitive, sealed_until, sort_date,
                                  created_at, updated_at, author, session_id, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)",
            params![
                row.id,
                row.section.as_str(),
                row.kind.as_str(),
                row.position,
                row.audience.bits(),
                row.sensitive,
                row.sealed_until,
                row.sort_date,
                row.created_at,
                author,
                row.session_id,
                body,
            ],
        )?;
        Ok(())
    }

    /// The sealed body's length in bytes, known to SQLite without reading
    /// the value.
    pub(crate) fn entry_body_len(&self, id: &str) -> Result<i64> {
        Ok(self.conn.query_row("SELECT length(body) FROM entries WHERE id = ?1", [id], |r| r.get(0))?)
    }

    pub(crate) fn entry_body(&self, id: &str) -> Result<Vec<u8>> {
        Ok(self.conn.query_row("SELECT body FROM entries WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// After an edit: the new sealed body and the flags and sort date that
    /// go with it.
    pub(crate) fn update_entry_content(
        &self,
        id: &str,
        body: &[u8],
        sensitive: bool,
        sealed_until: Option<&str>,
        sort_date: Option<&str>,
        updated_at: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET body = ?2, sensitive = ?3, sealed_until = ?4, sort_date = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, body, sensitive, sealed_until, sort_date, updated_at],
        )?;
        Ok(())
    }

    pub(crate) fn set_entry_section(&self, id: &str, section: Section, updated_at: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET section = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, section.as_str(), updated_at],
        )?;
        Ok(())
    }

    pub(crate) fn set_entry_position(&self, id: &str, position: i64) -> Result<()> {
        self.conn.execute("UPDATE entries SET position = ?2 WHERE id = ?1", params![id, position])?;
        Ok(())
    }

    pub(crate) fn set_entry_audience(&self, id: &str, audience: Audience, updated_at: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET audience = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, audience.bits(), updated_at],
        )?;
        Ok(())
    }

    /// Store a page's signatures: the author's (when `content` is given: the
    /// content changed) and the sharer's (every change).
    pub(crate) fn set_entry_proofs(&self, id: &str, content: Option<&str>, sharing: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET content_proof = coalesce(?2, content_proof), sharing_proof = ?3 WHERE id = ?1",
            params![id, content, sharing],
        )?;
        Ok(())
    }

    /// Mark a page changed (its pictures changed).
    pub(crate) fn touch_entry(&self, id: &str, updated_at: &str) -> Result<()> {
        self.conn.execute("UPDATE entries SET updated_at = ?2 WHERE id = ?1", params![id, updated_at])?;
        Ok(())
    }

    /// Delete a page; its keys and pictures go with it (`ON DELETE CASCADE`).
    pub(crate) fn delete_entry(&self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM entries WHERE id = ?1", [id])?;
        Ok(())
    }

    /// A role's wrap of a page's data key, if it has one.
    pub(crate) fn entry_key_wrap(&self, entry_id: &str, role: Role) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT wrap FROM entry_keys WHERE entry_id = ?1 AND role = ?2",
                params![entry_id, role.as_str()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Pages with a `sealed_until` day: later-life letters (src/letters.rs).
    pub(crate) fn letter_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM entries WHERE sealed_until IS NOT NULL ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    pub(crate) fn delete_entry_key(&self, entry_id: &str, role: Role) -> Result<()> {
        self.conn.execute("DELETE FROM entry_keys WHERE entry_id = ?1 AND role = ?2", params![entry_id, role.as_str()])?;
        Ok(())
    }

    /// Remove every wrap of a page's data key (before writing the new ones).
    pub(crate) fn delete_entry_keys(&self, entry_id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM entry_keys WHERE entry_id = ?1", [entry_id])?;
        Ok(())
    }

    /// Add a wrap to a page whose wraps were just removed.
    pub(crate) fn insert_entry_key(&self, key: &EntryKeyRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO entry_keys (entry_id, role, wrap) VALUES (?1, ?2, ?3)",
            params![key.entry_id, key.role.as_str(), key.wrap],
        )?;
        Ok(())
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
