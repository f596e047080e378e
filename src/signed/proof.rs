//! What every signed record's proof is made of: hashes, hex, bounded
//! parsing of proof text from the file, and whose key a signer's id names.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::audience::Role;
use crate::membership::Membership;
use crate::signing::{self, PublicKey};

/// Lowercase hex SHA-256, as statements name sealed values.
pub(crate) fn digest(bytes: &[u8]) -> String {
    signing::hex(&Sha256::digest(bytes))
}

/// Longest proof read from a file: a few hundred bytes are written.
pub(crate) const MAX_PROOF: usize = 4096;

/// A proof's JSON, refused when far longer than this app writes.
pub(crate) fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    if text.len() > MAX_PROOF {
        return None;
    }
    serde_json::from_str(text).ok()
}

/// Hex to bytes; `None` for anything but pairs of hex digits (no slicing
/// of text that is not ASCII).
pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// A member's or the recovery key's public key and role, as the log has
/// them (former members too: their old signatures still count).
pub(crate) fn signer(state: &Membership, member: Option<&str>) -> Option<(PublicKey, Option<Role>)> {
    match member {
        None => Some((state.recovery_sign, None)),
        Some(id) => {
            let m = state.members.get(id).or_else(|| state.former.get(id)).or_else(|| state.pending.get(id))?;
            Some((m.sign, Some(m.role)))
        }
    }
}
