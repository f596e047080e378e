//! Signing keys: who wrote a record, provably.
//!
//! Encryption says who may *read*; it can't say who *wrote*, because anyone
//! can seal to a public key. So each member also holds an Ed25519 key
//! (RFC 8032), its secret kept beside their role secret in their passphrase
//! wrap, and the recovery key has one derived from it, so the paper sheet
//! still suffices. Every signature is over a purpose label and the record's
//! bytes, so a signature made for one kind of record never verifies as
//! another.
//!
//! Invariant: a secret seed lives only in a [`Zeroizing`] buffer or inside
//! an `ed25519_dalek::SigningKey` (zeroized on drop), never in `Debug`.

use std::fmt;

use ed25519_dalek::Signer;
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

/// What a signature is for: signed as `lifestory <purpose> v1\n` + bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A link of the membership log (src/membership.rs).
    MembershipLink,
    /// A row of the consent ledger (src/signed.rs).
    ConsentRecord,
    /// A page's author's words, a page's sharing, a page's deletion
    /// (src/signed.rs).
    PageContent,
    PageSharing,
    PageDeletion,
    /// A page offered to brothers' and sisters' books (src/siblings.rs).
    SiblingOffer,
    /// A life story session, the child's profile (src/signed/records.rs).
    Session,
    Profile,
    /// A picture on a page, a picture's removal (src/signed/records.rs).
    Picture,
    PictureRemoval,
    /// A print record, a member's settings (src/signed/records.rs).
    Print,
    Preferences,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::MembershipLink => b"lifestory membership-link v1\n",
            Purpose::ConsentRecord => b"lifestory consent-record v1\n",
            Purpose::PageContent => b"lifestory page-content v1\n",
            Purpose::PageSharing => b"lifestory page-sharing v1\n",
            Purpose::PageDeletion => b"lifestory page-deletion v1\n",
            Purpose::SiblingOffer => b"lifestory sibling-offer v1\n",
            Purpose::Session => b"lifestory session v1\n",
            Purpose::Profile => b"lifestory profile v1\n",
            Purpose::Picture => b"lifestory picture v1\n",
            Purpose::PictureRemoval => b"lifestory picture-removal v1\n",
            Purpose::Print => b"lifestory print v1\n",
            Purpose::Preferences => b"lifestory preferences v1\n",
        }
    }
}

fn message(purpose: Purpose, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(purpose.label().len() + bytes.len());
    out.extend_from_slice(purpose.label());
    out.extend_from_slice(bytes);
    out
}

/// A member's (or the recovery key's) secret signing key.
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    pub(crate) fn generate() -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::getrandom(seed.as_mut()).expect("the operating system's random source works");
        SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// The recovery key's signing key: HKDF-SHA256 of its age secret (the
    /// text on the sheet), so it needs nothing else to be kept.
    pub(crate) fn derived_from_recovery(recovery_secret: &str) -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(Some(b"lifestory recovery signing key"), recovery_secret.as_bytes())
            .expand(b"ed25519 seed v1", seed.as_mut())
            .expect("32 bytes is a valid HKDF-SHA256 length");
        SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// The seed as lowercase hex, for the member's passphrase wrap.
    pub(crate) fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex(self.0.as_bytes()))
    }

    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        let seed = Zeroizing::new(unhex::<32>(text)?);
        Some(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    pub(crate) fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    pub(crate) fn sign(&self, purpose: Purpose, bytes: &[u8]) -> [u8; 64] {
        self.0.sign(&message(purpose, bytes)).to_bytes()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({})", self.public())
    }
}

/// A public signing key, written as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct PublicKey(ed25519_dalek::VerifyingKey);

impl PublicKey {
    /// `None` for text that is not 64 hex digits or not a valid curve point.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        ed25519_dalek::VerifyingKey::from_bytes(&unhex::<32>(text)?).ok().map(PublicKey)
    }

    /// Strict verification (RFC 8032 §5.1.7 plus refusing small-order keys
    /// and non-canonical signatures), so a malleated copy of a signature
    /// does not verify.
    pub(crate) fn verifies(&self, purpose: Purpose, bytes: &[u8], signature: &[u8]) -> bool {
        let Ok(signature) = <[u8; 64]>::try_from(signature) else { return false };
        let signature = ed25519_dalek::Signature::from_bytes(&signature);
        self.0.verify_strict(&message(purpose, bytes), &signature).is_ok()
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex(self.0.as_bytes()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Exactly `N` bytes from `2N` lowercase or uppercase hex digits.
pub(crate) fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let digits = text.as_bytes();
    if digits.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (i, pair) in digits.chunks_exact(2).enumerate() {
        let high = (pair[0] as char).to_digit(16)?;
        let low = (pair[1] as char).to_digit(16)?;
        out[i] = (high * 16 + low) as u8;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_for_its_purpose_bytes_and_key_only() {
        let (a, b) = (SigningKey::generate(), SigningKey::generate());
        let sig = a.sign(Purpose::MembershipLink, b"record");
        assert!(a.public().verifies(Purpose::MembershipLink, b"record", &sig));
        assert!(!a.public().verifies(Purpose::MembershipLink, b"recorD", &sig));
        assert!(!b.public().verifies(Purpose::MembershipLink, b"record", &sig));
        assert!(!a.public().verifies(Purpose::MembershipLink, b"record", &sig[..63]));
        let mut flipped = sig;
        flipped[10] ^= 1;
        assert!(!a.public().verifies(Purpose::MembershipLink, b"record", &flipped));
    }

    #[test]
    fn the_recovery_signing_key_is_the_same_from_the_same_sheet() {
        let one = SigningKey::derived_from_recovery("AGE-SECRET-KEY-1EXAMPLE");
        let again = SigningKey::derived_from_recovery("AGE-SECRET-KEY-1EXAMPLE");
        let other = SigningKey::derived_from_recovery("AGE-SECRET-KEY-1EXAMPLF");
        assert_eq!(one.public(), again.public());
        assert_ne!(one.public(), other.public());
    }

    #[test]
    fn keys_round_trip_as_hex_and_bad_text_is_refused() {
        let key = SigningKey::generate();
        assert_eq!(SigningKey::from_hex(&key.to_hex()).unwrap().public(), key.public());
        assert_eq!(PublicKey::parse(&key.public().to_string()), Some(key.public()));
        for bad in ["", "00", &"g".repeat(64), &"é".repeat(32), &"0".repeat(63)] {
            assert!(PublicKey::parse(bad).is_none() && SigningKey::from_hex(bad).is_none(), "{bad}");
        }
    }
}
