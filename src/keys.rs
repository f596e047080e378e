//! Keys and the age envelopes everything secret travels in.
//!
//! Every encrypted value in a binder is a standard age v1 file
//! (<https://c2sp.org/age>), so the `age` command-line tool can open it with
//! the right identity: see docs/FORMAT.md. Three kinds of key exist:
//!
//! * a **role key** (X25519) per keyed role, the thing consent is enforced with;
//! * a **member wrap**: a role key's secret encrypted to a member's passphrase
//!   (age scrypt, alone in its file as the spec requires);
//! * the **recovery key** (X25519), shown once at creation and never stored;
//!   every role secret is also encrypted to its public half.
//!
//! Invariant: secrets live in [`Zeroizing`] buffers or in age identities,
//! whose scalar is zeroized on drop, and never appear in `Debug` output.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use zeroize::Zeroizing;

use crate::audience::Role;
use crate::error::{Error, Result};

/// The scrypt work factor (log2 N) this app writes: about 1 s and 512 MiB
/// for one unlock on a 2-core machine (`benches/unlock_list.rs`), so each
/// guess at a stolen file costs that too. Wraps written at 2^18 by earlier
/// versions still open; a new passphrase is wrapped at this one.
pub const WORK_FACTOR: u8 = 19;

/// The largest work factor accepted when unwrapping (about twice the
/// above), so a hostile binder cannot stall an unlock for minutes.
pub const MAX_WORK_FACTOR: u8 = 20;

/// The largest age blob we will try to decrypt in one piece. Bigger ones are
/// not something this app writes (pictures are stored well below it).
pub const MAX_BLOB: usize = 256 * 1024 * 1024;

/// How expensive new passphrase wraps are. Only tests lower it: a binder made
/// with a low cost is still a correct binder, just easier to brute-force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyCost(u8);

impl KeyCost {
    pub const NORMAL: KeyCost = KeyCost(WORK_FACTOR);

    /// A cheap work factor for tests and throwaway demo binders only.
    pub fn insecure_for_tests() -> Self {
        KeyCost(10)
    }

    pub fn log_n(self) -> u8 {
        self.0
    }
}

impl Default for KeyCost {
    fn default() -> Self {
        KeyCost::NORMAL
    }
}

/// Why an age envelope did not open.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unseal {
    /// Well-formed, but not encrypted to the key we hold.
    NotForUs,
    /// The passphrase stanza asks for too much work.
    Excessive(u8),
    /// Malformed, truncated or authenticated-decryption failure.
    Corrupt,
}

impl Unseal {
    /// Turn into a user-facing error about `what`.
    pub(crate) fn into_error(self, what: &str) -> Error {
        match self {
            // Every caller unseals with the one key that should open the
            // value (a wrong passphrase is handled before this): a value our
            // key can't open was put there from elsewhere.
            Unseal::NotForUs => Error::tampered(what),
            Unseal::Excessive(log_n) => Error::ExcessiveWork { log_n },
            Unseal::Corrupt => Error::tampered(what),
        }
    }
}

fn classify(e: age::DecryptError) -> Unseal {
    match e {
        age::DecryptError::NoMatchingKeys => Unseal::NotForUs,
        age::DecryptError::ExcessiveWork { required, .. } => Unseal::Excessive(required),
        _ => Unseal::Corrupt,
    }
}

/// Encrypt `plaintext` to every recipient given (at least one).
pub(crate) fn seal(recipients: &[&x25519::Recipient], plaintext: &[u8]) -> Vec<u8> {
    let encryptor = age::Encryptor::with_recipients(
        recipients.iter().map(|r| *r as &dyn age::Recipient),
    )
    .expect("seal is always given at least one X25519 recipient");
    write_all(encryptor, plaintext)
}

fn write_all(encryptor: age::Encryptor, plaintext: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    // Writing into a Vec cannot fail.
    let mut w = encryptor.wrap_output(&mut out).expect("write to memory");
    w.write_all(plaintext).expect("write to memory");
    w.finish().expect("write to memory");
    out
}

/// Decrypt with one X25519 identity.
pub(crate) fn unseal(identity: &x25519::Identity, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, Unseal> {
    decrypt(std::iter::once(identity as &dyn age::Identity), blob)
}

/// Decrypt with whichever of `identities` the file was sealed to (a page's
/// data key and the keys it had before: src/entry/sealed.rs).
pub(crate) fn unseal_any<'a>(identities: impl Iterator<Item = &'a x25519::Identity>, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, Unseal> {
    decrypt(identities.map(|i| i as &dyn age::Identity), blob)
}

fn decrypt<'a>(identities: impl Iterator<Item = &'a dyn age::Identity>, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, Unseal> {
    if blob.len() > MAX_BLOB || !plausible_header(blob) {
        return Err(Unseal::Corrupt);
    }
    let decryptor = age::Decryptor::new_buffered(blob).map_err(classify)?;
    let mut reader = decryptor.decrypt(identities).map_err(classify)?;
    let mut out = Zeroizing::new(Vec::with_capacity(blob.len()));
    reader.read_to_end(&mut out).map_err(|_| Unseal::Corrupt)?;
    Ok(out)
}

/// The most recipient stanzas an age header we read may have. We write at
/// most one per keyed role plus one: a header with thousands (each costing
/// an X25519 attempt) is hostile, and is refused before any work.
pub const MAX_STANZAS: usize = 16;
/// The longest age header we read.
const MAX_HEADER: usize = 16 * 1024;

/// A cheap look at the header (age spec: lines up to the `---` MAC line)
/// before age parses it: bounded size and stanza count.
fn plausible_header(blob: &[u8]) -> bool {
    let window = &blob[..blob.len().min(MAX_HEADER)];
    let Some(end) = window.windows(5).position(|w| w == b"\n--- ") else {
        return false;
    };
    window[..end].windows(4).filter(|w| w == b"\n-> ").count() <= MAX_STANZAS
}

/// Encrypt `plaintext` to a passphrase, at the given cost.
pub(crate) fn seal_with_passphrase(passphrase: &SecretString, cost: KeyCost, plaintext: &[u8]) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(cost.log_n());
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .expect("one scrypt recipient");
    write_all(encryptor, plaintext)
}

/// Decrypt a passphrase wrap, refusing work factors above [`MAX_WORK_FACTOR`].
pub(crate) fn unseal_with_passphrase(passphrase: &SecretString, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, Unseal> {
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    match decrypt(std::iter::once(&identity as &dyn age::Identity), blob) {
        // A wrong passphrase fails the stanza's AEAD: age reports it as a
        // decryption failure, which for a passphrase wrap means "not for us".
        Err(Unseal::Corrupt) if looks_like_age(blob) => Err(Unseal::NotForUs),
        other => other,
    }
}

fn looks_like_age(blob: &[u8]) -> bool {
    blob.starts_with(b"age-encryption.org/v1\n")
}

/// A freshly generated X25519 key, e.g. a role key or an entry's data key.
pub(crate) fn generate() -> x25519::Identity {
    x25519::Identity::generate()
}

/// Parse an `AGE-SECRET-KEY-1…` string that we wrote ourselves.
pub(crate) fn parse_identity(s: &str) -> Option<x25519::Identity> {
    x25519::Identity::from_str(s.trim()).ok()
}

pub(crate) fn parse_recipient(s: &str) -> Option<x25519::Recipient> {
    x25519::Recipient::from_str(s.trim()).ok()
}

/// The secret string of an identity, zeroized when dropped.
pub(crate) fn secret_string(identity: &x25519::Identity) -> Zeroizing<String> {
    Zeroizing::new(identity.to_string().expose_secret().to_owned())
}

/// A 32-byte key derived from the binder's common key (HKDF-SHA256, RFC
/// 5869), for keyed hashes every member can compute and no outsider can:
/// `purpose` separates uses.
/// From the genesis generation's key, so what it keys (picture
/// fingerprints, print records, a change file's binder tag) stays the same
/// across generations.
pub(crate) fn derive_common(keys: &Keyring, binder_id: &str, purpose: &str) -> Zeroizing<[u8; 32]> {
    derive(keys.common.genesis(), binder_id, purpose)
}

/// A 32-byte key derived from `identity` as [`derive_common`] does.
pub(crate) fn derive(identity: &x25519::Identity, binder_id: &str, purpose: &str) -> Zeroizing<[u8; 32]> {
    let secret = secret_string(identity);
    let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(binder_id.as_bytes()), secret.as_bytes());
    let mut out = Zeroizing::new([0u8; 32]);
    hk.expand(purpose.as_bytes(), &mut *out).expect("32 bytes is a valid HKDF-SHA256 length");
    out
}

/// The binder-wide key of each generation (src/membership.rs: a rotation
/// starts one): the current one, which anything new is sealed to, and
/// those before it, newest first, for what was sealed earlier.
#[derive(Clone)]
pub(crate) struct CommonKeys {
    pub current: x25519::Identity,
    pub earlier: Vec<x25519::Identity>,
}

impl CommonKeys {
    /// The generation of the current key: 0 for the genesis one.
    pub fn generation(&self) -> u64 {
        self.earlier.len() as u64
    }

    /// The genesis generation's key.
    pub fn genesis(&self) -> &x25519::Identity {
        self.earlier.last().unwrap_or(&self.current)
    }

    /// Every generation's key, the current one first.
    pub fn all(&self) -> impl Iterator<Item = &x25519::Identity> {
        std::iter::once(&self.current).chain(&self.earlier)
    }
}

/// The binder's recovery key. Its secret is shown once and never stored.
pub struct RecoveryKey(x25519::Identity);

impl RecoveryKey {
    pub(crate) fn generate() -> Self {
        RecoveryKey(generate())
    }

    /// Read a recovery key as printed on the recovery sheet. Lines that are not
    /// the key (the sheet's own words) are ignored, so the whole sheet works.
    pub fn parse(text: &str) -> Result<Self> {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
            .and_then(parse_identity)
            .map(RecoveryKey)
            .ok_or(Error::NotARecoveryKey)
    }

    /// The secret, for showing once and for the recovery sheet.
    pub fn reveal(&self) -> Zeroizing<String> {
        secret_string(&self.0)
    }

    pub(crate) fn public(&self) -> x25519::Recipient {
        self.0.to_public()
    }

    pub(crate) fn identity(&self) -> &x25519::Identity {
        &self.0
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

/// Who is acting.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Actor {
    Member { id: String, name: String, role: Role },
    /// The agency, holding the recovery key: every role's key.
    Recovery,
}

impl Actor {
    pub fn display_name(&self) -> &str {
        match self {
            Actor::Member { name, .. } => name,
            Actor::Recovery => "the recovery key",
        }
    }

    pub fn member_id(&self) -> Option<&str> {
        match self {
            Actor::Member { id, .. } => Some(id),
            Actor::Recovery => None,
        }
    }

    /// The role a new page's author is, for "the author's own role is always in
    /// the audience". The recovery key writes as the social worker (the agency).
    pub fn role(&self) -> Role {
        match self {
            Actor::Member { role, .. } => *role,
            Actor::Recovery => Role::SocialWorker,
        }
    }
}

/// What an unlock yields: who is acting and the role secrets they hold.
/// Dropping it is locking: the secrets are zeroized.
pub struct Keyring {
    pub(crate) binder_id: String,
    pub(crate) actor: Actor,
    pub(crate) roles: BTreeMap<Role, x25519::Identity>,
    /// The binder-wide key every member holds (profile, change files), as
    /// of the unlock: see [`CommonKeys`].
    pub(crate) common: CommonKeys,
    /// What this member (or the recovery key) signs with; none for a
    /// member of a binder made before membership was signed.
    pub(crate) signing: Option<crate::signing::SigningKey>,
    /// Pages' picture-fingerprint keys derived so far (src/picture).
    pub(crate) fingerprint_keys: FingerprintKeys,
}

/// The keys [`crate::picture`] derives from each page's data keys to look
/// for a duplicate picture, kept for the unlock's lifetime (dropped, and
/// zeroized, with the keyring) so a photo added to a binder of many pages
/// does not open every page's key again. Each is kept with the key rows it
/// was derived through: a page whose rows have changed since (re-keyed,
/// re-shared) is derived again.
#[derive(Default)]
pub(crate) struct FingerprintKeys(std::sync::Mutex<BTreeMap<String, (Vec<u8>, Vec<Zeroizing<[u8; 32]>>)>>);

impl FingerprintKeys {
    /// The page's keys as `rows` (its key rows `keys` can open) give them:
    /// cached, or from `derive` (none for a page that does not open).
    pub(crate) fn get_or_derive(&self, entry: &str, rows: Vec<u8>, derive: impl FnOnce() -> Vec<Zeroizing<[u8; 32]>>) -> Vec<Zeroizing<[u8; 32]>> {
        let mut cache = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, keys)) = cache.get(entry) {
            if *seen == rows {
                return keys.clone();
            }
        }
        let keys = derive();
        cache.insert(entry.to_owned(), (rows, keys.clone()));
        keys
    }
}

impl Keyring {
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn holds(&self, role: Role) -> bool {
        self.roles.contains_key(&role)
    }

    pub(crate) fn role_identity(&self, role: Role) -> Option<&x25519::Identity> {
        self.roles.get(&role)
    }

    /// Roles held, in a stable order.
    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.roles.keys().copied()
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("actor", &self.actor)
            .field("roles", &self.roles.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_round_trips_for_each_recipient_and_refuses_others() {
        let (a, b, c) = (generate(), generate(), generate());
        let blob = seal(&[&a.to_public(), &b.to_public()], b"hello");
        assert_eq!(&*unseal(&a, &blob).unwrap(), b"hello");
        assert_eq!(&*unseal(&b, &blob).unwrap(), b"hello");
        assert_eq!(unseal(&c, &blob).unwrap_err(), Unseal::NotForUs);
    }

    #[test]
    fn damaged_envelopes_are_corrupt_not_panics() {
        let a = generate();
        let blob = seal(&[&a.to_public()], b"hello");
        for cut in [0, 10, blob.len() / 2, blob.len() - 1] {
            assert!(unseal(&a, &blob[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = blob.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert_eq!(unseal(&a, &flipped).unwrap_err(), Unseal::Corrupt);
    }

    #[test]
    fn passphrase_wrap_tells_wrong_passphrase_from_damage() {
        let pass = SecretString::from("correct horse".to_owned());
        let blob = seal_with_passphrase(&pass, KeyCost::insecure_for_tests(), b"secret");
        assert_eq!(&*unseal_with_passphrase(&pass, &blob).unwrap(), b"secret");
        let wrong = SecretString::from("wrong horse".to_owned());
        assert_eq!(unseal_with_passphrase(&wrong, &blob).unwrap_err(), Unseal::NotForUs);
    }

    #[test]
    fn excessive_work_factor_is_refused_without_doing_the_work() {
        // Write a cheap wrap, then edit its stanza to claim 2^40 work: the
        // check must happen before any scrypt runs.
        let pass = SecretString::from("p".to_owned());
        let blob = seal_with_passphrase(&pass, KeyCost::insecure_for_tests(), b"x");
        let text = String::from_utf8_lossy(&blob).into_owned();
        let line_end = text.find(" 10\n").expect("scrypt stanza names its work factor");
        let mut hostile = blob.clone();
        hostile.splice(line_end..line_end + 3, b" 40".iter().copied());
        let started = std::time::Instant::now();
        assert_eq!(unseal_with_passphrase(&pass, &hostile).unwrap_err(), Unseal::Excessive(40));
        assert!(started.elapsed().as_millis() < 500);
    }

    #[test]
    fn recovery_key_is_found_in_a_whole_sheet() {
        let key = RecoveryKey::generate();
        let sheet = format!("Recovery sheet\n\n  {}\n\nKeep it safe.", key.reveal().as_str());
        let parsed = RecoveryKey::parse(&sheet).unwrap();
        assert_eq!(parsed.public().to_string(), key.public().to_string());
        assert!(matches!(RecoveryKey::parse("hello"), Err(Error::NotARecoveryKey)));
    }
}

/// A sealed payload as bytes, zeroed when dropped.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(serde_json::to_vec(value).expect("payloads always serialise"))
}

/// Parse a decrypted payload; a payload that decrypts but does not parse was
/// not written by us.
pub(crate) fn from_json<T: for<'de> serde::Deserialize<'de>>(bytes: &[u8], what: &str) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|_| Error::tampered(what))
}
