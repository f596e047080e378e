//! Records a member signs: what exactly is signed for each kind, and how a
//! reader (or `check`, without keys) verifies it against the membership log.
//!
//! A statement is canonical JSON of the record's plaintext columns plus the
//! SHA-256 of each sealed value, so a signature covers what is stored
//! without anyone needing the keys that open it. The signer is named by the
//! record's own column (a member id, or none for the recovery key) and must
//! be, or have been, a member by the log: a removed member's old records
//! still verify, a stranger's never do.
//!
//! Signed so far: consent ledger rows (schema 9). Pages, sessions, the
//! profile, pictures and print records are not yet (issue 16).

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::membership::Membership;
use crate::signing::{self, Purpose, PublicKey, SigningKey};
use crate::store::{Db, LedgerRow};

fn digest(bytes: &[u8]) -> String {
    signing::hex(&Sha256::digest(bytes))
}

/// What a consent ledger row's signature covers.
#[derive(Serialize)]
struct ConsentStatement<'a> {
    v: u8,
    binder: &'a str,
    entry: &'a str,
    at: &'a str,
    member: Option<&'a str>,
    before: i64,
    after: i64,
    /// SHA-256 of the sealed note.
    note: String,
}

fn consent_statement(binder_id: &str, row: &LedgerRow) -> Vec<u8> {
    let statement = ConsentStatement {
        v: 1,
        binder: binder_id,
        entry: &row.entry_id,
        at: &row.at,
        member: row.member.as_deref(),
        before: row.before,
        after: row.after,
        note: digest(&row.note),
    };
    serde_json::to_vec(&statement).expect("statements always serialise")
}

/// Sign a consent row as its member (the row's `member` must be theirs).
pub(crate) fn sign_consent(binder_id: &str, row: &LedgerRow, key: &SigningKey) -> Vec<u8> {
    key.sign(Purpose::ConsentRecord, &consent_statement(binder_id, row)).to_vec()
}

/// The key a record naming `member` (none: the recovery key) must be
/// signed with: a member's, a waiting or a former member's.
fn key_of(state: &Membership, member: Option<&str>) -> Option<PublicKey> {
    match member {
        None => Some(state.recovery_sign),
        Some(id) => state.members.get(id).or_else(|| state.former.get(id)).or_else(|| state.pending.get(id)).map(|m| m.sign),
    }
}

/// Whether a consent row is signed by the member it names.
pub(crate) fn consent_verifies(state: &Membership, binder_id: &str, row: &LedgerRow) -> bool {
    let Some(signature) = row.signature.as_deref() else { return false };
    key_of(state, row.member.as_deref())
        .is_some_and(|key| key.verifies(Purpose::ConsentRecord, &consent_statement(binder_id, row), signature))
}

/// For `check`: each signed record that does not verify.
pub(crate) fn problems(db: Db<'_>, binder_id: &str, state: &Membership) -> crate::error::Result<Vec<String>> {
    let mut problems = Vec::new();
    for row in db.ledger_rows(None)? {
        if !consent_verifies(state, binder_id, &row) {
            problems.push(format!(
                "Consent record {} (of page {}) is not signed by a member: it was added outside the app, and is not shown.",
                row.seq,
                crate::page::page_name(&row.entry_id)
            ));
        }
    }
    Ok(problems)
}
