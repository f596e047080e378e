//! Syncable rows as they are stored: read into records for a change file,
//! written back from records on import. Blobs are copied byte for byte.

use rusqlite::{params, Connection, OptionalExtension};

use super::format::{EntryVersion, PictureRecord, Record};
use super::revision::Vv;
use crate::error::Result;

fn vv(text: String) -> Result<Vv> {
    Vv::parse(&text)
}

/// A page's row and key rows, if it is here.
pub(crate) fn entry_version(conn: &Connection, id: &str) -> Result<Option<(EntryVersion, i64, Vv)>> {
    let row = conn
        .query_row(
            "SELECT section, kind, audience, sensitive, sealed_until, sort_date, created_at, updated_at, author,
                    session_id, body, vv, rev_clock, rev_replica, position, pos_vv
             FROM entries WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, bool>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ),
                    (
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Vec<u8>>(10)?,
                        r.get::<_, String>(11)?,
                        r.get::<_, i64>(12)?,
                        r.get::<_, String>(13)?,
                        r.get::<_, i64>(14)?,
                        r.get::<_, String>(15)?,
                    ),
                ))
            },
        )
        .optional()?;
    let Some(((section, kind, audience, sensitive, sealed_until, sort_date, created_at, updated_at), rest)) = row else {
        return Ok(None);
    };
    let (author, session_id, body, entry_vv, rev_clock, rev_replica, position, pos_vv) = rest;
    let mut stmt = conn.prepare_cached("SELECT role, wrap FROM entry_keys WHERE entry_id = ?1 ORDER BY role")?;
    let wraps = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let version = EntryVersion {
        id: id.to_owned(),
        section,
        kind,
        audience,
        sensitive,
        sealed_until,
        sort_date,
        created_at,
        updated_at,
        author,
        session_id,
        body,
        wraps,
        vv: vv(entry_vv)?,
        rev: (rev_clock.max(0) as u64, rev_replica),
    };
    Ok(Some((version, position, vv(pos_vv)?)))
}

/// Insert a page that is not here, or replace the content (everything but
/// its place in the section) of one that is. Member and session references
/// that this copy lacks become empty, as a deleted member's would.
pub(crate) fn put_entry(conn: &Connection, v: &EntryVersion, place: Option<(i64, &Vv)>) -> Result<()> {
    let author = v.author.as_deref().filter(|a| exists(conn, "members", a).unwrap_or(false));
    let session = v.session_id.as_deref().filter(|s| exists(conn, "sessions", s).unwrap_or(false));
    match place {
        Some((position, pos_vv)) => {
            conn.execute(
                "INSERT INTO entries (id, section, kind, position, audience, sensitive, sealed_until, sort_date,
                     created_at, updated_at, author, session_id, body, vv, rev_clock, rev_replica, pos_vv)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    v.id,
                    v.section,
                    v.kind,
                    position,
                    v.audience,
                    v.sensitive,
                    v.sealed_until,
                    v.sort_date,
                    v.created_at,
                    v.updated_at,
                    author,
                    session,
                    v.body,
                    v.vv.to_json(),
                    v.rev.0 as i64,
                    v.rev.1,
                    pos_vv.to_json()
                ],
            )?;
        }
        None => {
            conn.execute(
                "UPDATE entries SET section = ?2, kind = ?3, audience = ?4, sensitive = ?5, sealed_until = ?6,
                     sort_date = ?7, created_at = ?8, updated_at = ?9, author = ?10, session_id = ?11, body = ?12,
                     vv = ?13, rev_clock = ?14, rev_replica = ?15
                 WHERE id = ?1",
                params![
                    v.id,
                    v.section,
                    v.kind,
                    v.audience,
                    v.sensitive,
                    v.sealed_until,
                    v.sort_date,
                    v.created_at,
                    v.updated_at,
                    author,
                    session,
                    v.body,
                    v.vv.to_json(),
                    v.rev.0 as i64,
                    v.rev.1
                ],
            )?;
            conn.execute("DELETE FROM entry_keys WHERE entry_id = ?1", [&v.id])?;
        }
    }
    for (role, wrap) in &v.wraps {
        conn.execute("INSERT INTO entry_keys (entry_id, role, wrap) VALUES (?1, ?2, ?3)", params![v.id, role, wrap])?;
    }
    Ok(())
}

pub(crate) fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    // `table` is one of our own names, never input.
    Ok(conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?)
}

pub(crate) fn tombstone(conn: &Connection, kind: &str, id: &str) -> Result<Option<Vv>> {
    let text: Option<String> = conn
        .query_row("SELECT vv FROM sync_tombstones WHERE kind = ?1 AND id = ?2", [kind, id], |r| r.get(0))
        .optional()?;
    text.map(vv).transpose()
}

pub(crate) fn put_tombstone(conn: &Connection, kind: &str, id: &str, stone: &Vv) -> Result<()> {
    let merged = match tombstone(conn, kind, id)? {
        Some(old) => old.join(stone),
        None => stone.clone(),
    };
    conn.execute(
        "INSERT OR REPLACE INTO sync_tombstones (kind, id, vv) VALUES (?1, ?2, ?3)",
        params![kind, id, merged.to_json()],
    )?;
    Ok(())
}

/// Every (key, vv) of a table's syncable rows, for choosing what to send.
pub(crate) fn versions(conn: &Connection, sql: &str) -> Result<Vec<(String, Vv)>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (key, text) = row?;
        Ok((key, vv(text)?))
    })
    .collect()
}

pub(crate) fn role_key(conn: &Connection, role: &str) -> Result<Record> {
    Ok(conn.query_row(
        "SELECT recipient, recovery_wrap, common_wrap, created_at, vv FROM role_keys WHERE role = ?1",
        [role],
        |r| {
            Ok(Record::RoleKey {
                role: role.to_owned(),
                recipient: r.get(0)?,
                recovery_wrap: r.get(1)?,
                common_wrap: r.get(2)?,
                created_at: r.get(3)?,
                vv: Vv::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
            })
        },
    )?)
}

pub(crate) fn member(conn: &Connection, id: &str) -> Result<Record> {
    Ok(conn.query_row("SELECT name, role, key_wrap, created_at, vv FROM members WHERE id = ?1", [id], |r| {
        Ok(Record::Member {
            id: id.to_owned(),
            name: r.get(0)?,
            role: r.get(1)?,
            key_wrap: r.get(2)?,
            created_at: r.get(3)?,
            vv: Vv::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
        })
    })?)
}

pub(crate) fn session(conn: &Connection, id: &str) -> Result<Record> {
    Ok(conn.query_row("SELECT started_at, ended_at, facilitator, body, vv FROM sessions WHERE id = ?1", [id], |r| {
        Ok(Record::Session {
            id: id.to_owned(),
            started_at: r.get(0)?,
            ended_at: r.get(1)?,
            facilitator: r.get(2)?,
            body: r.get(3)?,
            vv: Vv::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
        })
    })?)
}

pub(crate) fn profile(conn: &Connection) -> Result<Record> {
    Ok(conn.query_row("SELECT profile, vv FROM binder", [], |r| {
        Ok(Record::Profile { profile: r.get(0)?, vv: Vv::parse(&r.get::<_, String>(1)?).unwrap_or_default() })
    })?)
}

pub(crate) fn picture(conn: &Connection, id: &str) -> Result<Record> {
    let (entry_id, position, fingerprint, info, created_at, pic_vv): (String, i64, Vec<u8>, Vec<u8>, String, String) =
        conn.query_row(
            "SELECT entry_id, position, fingerprint, info, created_at, vv FROM pictures WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
    let mut stmt = conn.prepare_cached("SELECT size, data FROM picture_copies WHERE picture_id = ?1 ORDER BY size")?;
    let copies = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(Record::Picture(PictureRecord { id: id.to_owned(), entry_id, position, fingerprint, info, created_at, copies, vv: vv(pic_vv)? }))
}

pub(crate) fn ledger(conn: &Connection, uid: &str) -> Result<Record> {
    Ok(conn.query_row(
        "SELECT l.entry_id, l.at, l.member, l.before, l.after, l.note, s.vv
         FROM ledger_sync s JOIN ledger l ON l.seq = s.seq WHERE s.uid = ?1",
        [uid],
        |r| {
            Ok(Record::Ledger {
                uid: uid.to_owned(),
                entry_id: r.get(0)?,
                at: r.get(1)?,
                member: r.get(2)?,
                before: r.get(3)?,
                after: r.get(4)?,
                note: r.get(5)?,
                vv: Vv::parse(&r.get::<_, String>(6)?).unwrap_or_default(),
            })
        },
    )?)
}

pub(crate) fn conflict(conn: &Connection, id: &str) -> Result<Record> {
    let (entry_id, kind, other, other_vv, found_at, resolved, c_vv): (String, String, Option<Vec<u8>>, String, String, bool, String) =
        conn.query_row(
            "SELECT entry_id, kind, other, other_vv, found_at, resolved, vv FROM sync_conflicts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )?;
    Ok(Record::Conflict {
        id: id.to_owned(),
        entry_id,
        kind,
        other: other.as_deref().map(super::format::decode_version).transpose()?,
        other_vv: vv(other_vv)?,
        found_at,
        resolved,
        vv: vv(c_vv)?,
    })
}

/// Take the next stamp of this copy, for changes the triggers do not see
/// (conflicts found during an import, resolutions).
pub(crate) fn stamp(conn: &Connection) -> Result<Vv> {
    conn.execute("UPDATE sync_replica SET clock = clock + 1", [])?;
    let (id, clock): (String, i64) = conn.query_row("SELECT replica_id, clock FROM sync_replica", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Vv::single(&id, clock as u64))
}
