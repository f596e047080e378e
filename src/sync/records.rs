//! Records as they travel, made from the store's rows as exchanged and
//! written back through it: the version vectors' JSON text becomes [`Vv`]
//! here. Blobs are moved byte for byte, never opened.

use super::format::{decode_version, EntryVersion, PictureRecord, Record};
use super::revision::Vv;
use crate::error::Result;
use crate::store::{
    Db, EntryPlace, ExchangedEntry, ExchangedLedger, ExchangedMember, ExchangedRoleKey, ExchangedSession, Versioned,
};

fn vv(text: String) -> Result<Vv> {
    Vv::parse(&text)
}

/// Role keys', members', sessions', the profile's and consent records'
/// vectors are read leniently, as they always have been: an unreadable one
/// counts as empty. Pages', pictures' and conflicts' are read strictly.
fn lenient(text: &str) -> Vv {
    Vv::parse(text).unwrap_or_default()
}

/// A page's row and key rows, its position and that position's vector, if
/// it is here.
pub(crate) fn entry_version(db: Db<'_>, id: &str) -> Result<Option<(EntryVersion, i64, Vv)>> {
    let Some((e, place)) = db.exchanged_entry(id)? else { return Ok(None) };
    let version = EntryVersion {
        id: e.id,
        section: e.section,
        kind: e.kind,
        audience: e.audience,
        sensitive: e.sensitive,
        sealed_until: e.sealed_until,
        sort_date: e.sort_date,
        created_at: e.created_at,
        updated_at: e.updated_at,
        author: e.author,
        session_id: e.session_id,
        body: e.body,
        wraps: e.wraps,
        vv: vv(e.vv)?,
        rev: (e.rev_clock.max(0) as u64, e.rev_replica),
        content_proof: e.content_proof,
        sharing_proof: e.sharing_proof,
    };
    Ok(Some((version, place.position, vv(place.pos_vv)?)))
}

/// Insert a page that is not here (at `place`), or replace the content
/// (everything but its place in the section) of one that is (`None`).
pub(crate) fn put_entry(db: Db<'_>, v: EntryVersion, place: Option<(i64, &Vv)>) -> Result<()> {
    let row = ExchangedEntry {
        id: v.id,
        section: v.section,
        kind: v.kind,
        audience: v.audience,
        sensitive: v.sensitive,
        sealed_until: v.sealed_until,
        sort_date: v.sort_date,
        created_at: v.created_at,
        updated_at: v.updated_at,
        author: v.author,
        session_id: v.session_id,
        body: v.body,
        wraps: v.wraps,
        vv: v.vv.to_json(),
        rev_clock: v.rev.0 as i64,
        rev_replica: v.rev.1,
        content_proof: v.content_proof,
        sharing_proof: v.sharing_proof,
    };
    let place = place.map(|(position, pos_vv)| EntryPlace { position, pos_vv: pos_vv.to_json() });
    db.put_exchanged_entry(&row, place.as_ref())
}

pub(crate) fn tombstone(db: Db<'_>, kind: &str, id: &str) -> Result<Option<Vv>> {
    db.tombstone(kind, id)?.map(vv).transpose()
}

/// A deletion with its deleter's signature, as it travels.
pub(crate) fn tombstone_record(db: Db<'_>, kind: &str, id: &str) -> Result<Option<Record>> {
    let Some((stone, proof)) = db.tombstone_with_proof(kind, id)? else { return Ok(None) };
    Ok(Some(Record::Tombstone { kind: kind.to_owned(), id: id.to_owned(), vv: vv(stone)?, proof }))
}

/// Record a deletion, joined with any this copy already had of the row
/// (whose signature stays, unless `proof` brings one).
pub(crate) fn put_tombstone(db: Db<'_>, kind: &str, id: &str, stone: &Vv, proof: Option<&str>) -> Result<()> {
    let merged = match tombstone(db, kind, id)? {
        Some(old) => old.join(stone),
        None => stone.clone(),
    };
    db.set_tombstone(kind, id, &merged.to_json(), proof)
}

/// Every (key, vv) of one kind of syncable row, for choosing what to send.
pub(crate) fn versions(db: Db<'_>, of: Versioned) -> Result<Vec<(String, Vv)>> {
    db.versions(of)?.into_iter().map(|(key, text)| Ok((key, vv(text)?))).collect()
}

pub(crate) fn role_key(db: Db<'_>, role: &str) -> Result<Record> {
    let ExchangedRoleKey { role: _, recipient, recovery_wrap, common_wrap, created_at, vv } = db.exchanged_role_key(role)?;
    Ok(Record::RoleKey { role: role.to_owned(), recipient, recovery_wrap, common_wrap, created_at, vv: lenient(&vv) })
}

pub(crate) fn member(db: Db<'_>, id: &str) -> Result<Record> {
    let ExchangedMember { id: _, name, role, key_wrap, created_at, vv } = db.exchanged_member(id)?;
    Ok(Record::Member { id: id.to_owned(), name, role, key_wrap, created_at, vv: lenient(&vv) })
}

pub(crate) fn session(db: Db<'_>, id: &str) -> Result<Record> {
    let ExchangedSession { id: _, started_at, ended_at, facilitator, body, vv, proof } = db.exchanged_session(id)?;
    Ok(Record::Session { id: id.to_owned(), started_at, ended_at, facilitator, body, vv: lenient(&vv), proof })
}

pub(crate) fn profile(db: Db<'_>) -> Result<Record> {
    let p = db.exchanged_profile()?;
    Ok(Record::Profile { profile: p.profile, vv: lenient(&p.vv), proof: p.proof })
}

pub(crate) fn picture(db: Db<'_>, id: &str) -> Result<Record> {
    let p = db.exchanged_picture(id)?;
    Ok(Record::Picture(PictureRecord {
        id: id.to_owned(),
        entry_id: p.entry_id,
        position: p.position,
        fingerprint: p.fingerprint,
        info: p.info,
        created_at: p.created_at,
        copies: p.copies,
        vv: vv(p.vv)?,
        proof: p.proof,
    }))
}

pub(crate) fn ledger(db: Db<'_>, uid: &str) -> Result<Record> {
    let ExchangedLedger { uid: _, entry_id, at, member, before, after, note, signature, vv } = db.exchanged_ledger(uid)?;
    let signature = signature.unwrap_or_default();
    Ok(Record::Ledger { uid: uid.to_owned(), entry_id, at, member, before, after, note, signature, vv: lenient(&vv) })
}

pub(crate) fn conflict(db: Db<'_>, id: &str) -> Result<Record> {
    let c = db.conflict(id)?.ok_or(crate::Error::NotFound { what: "The conflict".into() })?;
    Ok(Record::Conflict {
        id: id.to_owned(),
        entry_id: c.entry_id,
        kind: c.kind,
        other: c.other.as_deref().map(decode_version).transpose()?,
        other_vv: vv(c.other_vv)?,
        found_at: c.found_at,
        resolved: c.resolved,
        vv: vv(c.vv)?,
    })
}

/// Take the next stamp of this copy, for changes the triggers do not see
/// (conflicts found during an import, resolutions).
pub(crate) fn stamp(db: Db<'_>) -> Result<Vv> {
    let (id, clock) = db.next_stamp()?;
    Ok(Vv::single(&id, clock as u64))
}
