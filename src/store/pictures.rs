//! The `pictures` and `picture_copies` tables: each picture's place on its
//! page, its keyed fingerprint and sealed info, and its sealed copies (thumb,
//! print, full). A page's pictures go with it (`ON DELETE CASCADE`).

use rusqlite::{params, OptionalExtension, Row};

use crate::error::Result;
use crate::picture_size::Size;
use crate::store::Db;

/// A picture row, as read (the fingerprint and creation time are only
/// written here; sync reads them itself).
pub(crate) struct PictureRow {
    pub id: String,
    pub entry_id: String,
    pub position: i64,
    /// Sealed to the page's data key.
    pub info: Vec<u8>,
    /// Its signature (src/signed/records.rs); none before schema 13.
    pub proof: Option<String>,
}

const PICTURE_COLUMNS: &str = "id, entry_id, position, info, proof";

fn picture_row(r: &Row<'_>) -> rusqlite::Result<PictureRow> {
    Ok(PictureRow { id: r.get(0)?, entry_id: r.get(1)?, position: r.get(2)?, info: r.get(3)?, proof: r.get(4)? })
}

/// One stored copy of a picture.
pub(crate) struct PictureCopyRow<'a> {
    pub picture_id: &'a str,
    pub size: Size,
    /// Sealed to the page's data key.
    pub data: Vec<u8>,
}

impl Db<'_> {
    /// The pictures on a page, in order.
    pub(crate) fn pictures_on(&self, entry_id: &str) -> Result<Vec<PictureRow>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {PICTURE_COLUMNS} FROM pictures WHERE entry_id = ?1 ORDER BY position"))?;
        let rows = stmt.query_map([entry_id], picture_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn picture(&self, id: &str) -> Result<Option<PictureRow>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {PICTURE_COLUMNS} FROM pictures WHERE id = ?1"), [id], picture_row)
            .optional()?)
    }

    /// Up to two picture ids starting with `prefix` (lowercase hex): two
    /// mean the prefix is ambiguous.
    pub(crate) fn picture_ids_starting(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM pictures WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids = stmt.query_map([prefix], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of a page's first picture.
    pub(crate) fn first_picture_on(&self, entry_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM pictures WHERE entry_id = ?1 ORDER BY position, id LIMIT 1", [entry_id], |r| r.get(0))
            .optional()?)
    }

    /// Every page that has a picture.
    pub(crate) fn pages_with_pictures(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT entry_id FROM pictures ORDER BY entry_id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// The page holding a picture with this fingerprint, if any.
    pub(crate) fn page_with_picture(&self, fingerprint: &[u8; 32]) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT entry_id FROM pictures WHERE fingerprint = ?1", [&fingerprint[..]], |r| r.get(0))
            .optional()?)
    }

    /// The position after a page's last picture.
    pub(crate) fn next_picture_position(&self, entry_id: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM pictures WHERE entry_id = ?1",
            [entry_id],
            |r| r.get(0),
        )?)
    }

    pub(crate) fn insert_picture(&self, row: &PictureRow, fingerprint: &[u8; 32], created_at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO pictures (id, entry_id, position, fingerprint, info, created_at, proof) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![row.id, row.entry_id, row.position, &fingerprint[..], row.info, created_at, row.proof],
        )?;
        Ok(())
    }

    /// A picture's new sealed info and its signature over it.
    pub(crate) fn set_picture_info(&self, id: &str, info: &[u8], proof: Option<&str>) -> Result<()> {
        self.conn.execute("UPDATE pictures SET info = ?2, proof = ?3 WHERE id = ?1", params![id, info, proof])?;
        Ok(())
    }

    /// Delete a picture; its copies go with it.
    pub(crate) fn delete_picture(&self, id: &str) -> Result<()> {
        self.conn.execute("DELETE FROM pictures WHERE id = ?1", [id])?;
        Ok(())
    }

    pub(crate) fn insert_picture_copy(&self, copy: &PictureCopyRow<'_>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO picture_copies (picture_id, size, data) VALUES (?1, ?2, ?3)",
            params![copy.picture_id, copy.size.as_str(), copy.data],
        )?;
        Ok(())
    }

    /// One sealed copy of a picture, if it is stored.
    pub(crate) fn picture_copy_data(&self, picture_id: &str, size: Size) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT data FROM picture_copies WHERE picture_id = ?1 AND size = ?2",
                params![picture_id, size.as_str()],
                |r| r.get(0),
            )
            .optional()?)
    }
}
