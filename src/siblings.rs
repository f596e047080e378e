//! Brothers and sisters: binders linked by a shared group code, and pages
//! offered from one child's binder to another's. There is no server: an
//! offered page is a file the sibling's carer imports.
//!
//! Invariants:
//! - A [`GroupCode`] is 75 random bits and a check character, written as 16
//!   Crockford base32 characters in fours (`7KQM-2XHT-R9PA-F3DW`). Linking
//!   stores it in the profile (sealed to the common key; it travels with
//!   exchanges between copies of the binder).
//! - An offered page (`.lsp`) is one age file with a single scrypt stanza
//!   whose passphrase is the group code (age spec: c2sp.org/age, "scrypt
//!   recipient stanza"), at the members' work factor and refused above
//!   [`keys::MAX_WORK_FACTOR`] on read. It opens only with that code: nothing
//!   in it, not even its size class, names the children.
//! - Inside: a 4-byte big-endian length, that many bytes of JSON
//!   ([`Manifest`]), then each picture's full copy, in order, with the
//!   lengths the manifest gives. Nothing after. The manifest names the group
//!   (a hash of the code) and the offering binder, and a read checks both.
//! - A picture travels as its print copy (upright, A4 at 300 dpi, no
//!   metadata): the full copy of a camera JPEG keeps the camera's pixels
//!   and needs its orientation, which lives in the binder, not the file.
//! - Offering marks the page as shared with brothers and sisters, through
//!   the consent ledger like any widening; a sensitive page needs an
//!   explicit confirmation; a sealed letter can't be offered.
//! - An offer from a signed binder is signed by the offering member
//!   ([`OfferSignature`]): it carries that binder's membership log, which
//!   the receiver replays from its first link to find the member's key, and
//!   pins to that book the first time (`sibling_books`), so a later offer
//!   claiming that book must come from the same log. One whose signature or
//!   log does not hold is refused ([`Error::ForgedOffer`]); an unsigned one
//!   (from a binder made before membership was signed, or anyone with the
//!   family's code) is shown as not signed, and its consent record says so.
//! - Importing adds a page whose id is derived from the offer and this
//!   binder, so importing the same file twice (or on two copies that later
//!   exchange) gives one page. Its pictures are decoded and copied again
//!   like any import: the file's bytes are never trusted as they are.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::audience::{Audience, Party};
use crate::binder::Binder;
use crate::keys::{from_json, to_json};
use crate::store::{new_id, now};
use crate::consent::LedgerRecord;
use crate::date::ApproxDate;
use crate::entry::{Body, Kind, NewEntry, Section};
use crate::error::{Error, Result};
use crate::keys::{self, KeyCost, Keyring, Unseal};
use crate::picture::Size;
use crate::SecretString;

/// Crockford's base32: no I, L, O or U, so a code read aloud or copied by
/// hand has fewer look-alikes.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LEN: usize = 16;
/// The largest offered page we read: a page with a dozen full photos fits.
pub const MAX_OFFER: u64 = 256 * 1024 * 1024;
/// Pictures one offered page may carry.
const MAX_PICTURES: usize = 50;
/// The manifest holds text only; pictures come after it.
const MAX_MANIFEST: usize = 4 * 1024 * 1024;

/// The code brothers' and sisters' binders share. Typed by people, so it is
/// parsed forgivingly (case, spaces and dashes don't matter; O reads as 0,
/// I and L as 1) and carries a check character for typing mistakes.
#[derive(Clone, PartialEq, Eq)]
pub struct GroupCode(String);

impl GroupCode {
    /// A new random code, for the first binder of a group.
    pub fn generate() -> GroupCode {
        // 15 characters of 5 random bits each, from the bytes of a v4 UUID
        // that carry no fixed version or variant bits (0–5 and 10–15).
        let uuid = uuid::Uuid::new_v4();
        let bytes = uuid.as_bytes();
        let mut bits: u128 = 0;
        for byte in bytes[..6].iter().chain(&bytes[10..]) {
            bits = (bits << 8) | u128::from(*byte);
        }
        let body: String = (0..CODE_LEN - 1).map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char).collect();
        let check = check_char(&body);
        GroupCode(format!("{body}{check}"))
    }

    pub fn parse(text: &str) -> Result<GroupCode> {
        let mut code = String::new();
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return Err(bad_code());
            }
            code.push(c);
        }
        if code.len() != CODE_LEN || check_char(&code[..CODE_LEN - 1]) != code.chars().last().unwrap_or(' ') {
            return Err(bad_code());
        }
        Ok(GroupCode(code))
    }

    /// As people see and type it: four groups of four.
    pub fn display(&self) -> String {
        self.0.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect::<Vec<_>>().join("-")
    }

    /// What a manifest names the group by: not the code itself.
    fn fingerprint(&self) -> String {
        hex(&Sha256::digest(format!("lifestory sibling group v1\n{}", self.0).as_bytes())[..16])
    }

    fn passphrase(&self) -> SecretString {
        SecretString::from(format!("lifestory sibling group v1 {}", self.0))
    }
}

/// Never prints the code: it opens every page offered to the group.
impl fmt::Debug for GroupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GroupCode(…)")
    }
}

fn bad_code() -> Error {
    Error::BadGroupCode
}

fn check_char(body: &str) -> char {
    ALPHABET[(Sha256::digest(format!("lifestory group check\n{body}").as_bytes())[0] & 31) as usize] as char
}

/// How a page is offered.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Offer {
    /// How the young person agreed, when the page isn't yet shared with
    /// their brothers and sisters.
    pub consent: Option<String>,
    /// The young person has been asked about offering a sensitive page.
    pub confirm_sensitive: bool,
}

/// What [`Binder::offer_to_siblings`] wrote.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Offered {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub title: String,
    pub pictures: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// The consent record, when offering newly shared the page.
    pub shared: Option<LedgerRecord>,
}

/// Who signed an offered page, as the offering book's own membership log
/// names them.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OfferSigner {
    /// The member's name, or none for the agency (recovery sheet).
    pub name: Option<String>,
    pub role: Option<crate::audience::Role>,
    /// The first signed page from that book this copy has seen: nothing
    /// earlier to compare it with.
    pub first_from_this_book: bool,
}

/// What an offered page holds, before anyone decides to import it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OfferPreview {
    /// The offering child's name as they like to be called.
    pub from: String,
    /// The member who offered it.
    pub offered_by: String,
    pub offered_at: String,
    pub section: Section,
    pub kind: Kind,
    pub title: String,
    pub sensitive: bool,
    pub pictures: usize,
    /// Already in this binder (imported before).
    pub already_here: bool,
    /// Who signed it; none when it is not signed.
    pub signed_by: Option<OfferSigner>,
}

/// What [`Binder::import_from_sibling`] did.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FromSibling {
    pub entry_id: String,
    pub title: String,
    pub from: String,
    pub pictures: usize,
    /// The page was already here, so nothing was added.
    pub already_here: bool,
}

/// The JSON at the start of an offered page.
#[derive(Serialize, Deserialize)]
struct Manifest {
    v: u8,
    group: String,
    offer: String,
    from_binder: String,
    from: String,
    offered_by: String,
    offered_at: String,
    consent: String,
    section: Section,
    title: String,
    body: Body,
    date: Option<ApproxDate>,
    sensitive: bool,
    pictures: Vec<ManifestPicture>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signed: Option<OfferSignature>,
}

/// The offering member's signature over the manifest (with `sig` empty)
/// and each picture's SHA-256, with what the receiver needs to check it.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfferSignature {
    /// The member who signed: none for the recovery key.
    member: Option<String>,
    /// The offering binder's membership log: (seq, link hex, signature hex).
    log: Vec<(i64, String, String)>,
    sig: String,
}

/// What an offer's signature covers: the manifest as read, with the
/// signature's own `sig` empty, then each picture's SHA-256.
fn offer_digest(manifest: &Manifest, pictures: &[&[u8]]) -> Vec<u8> {
    let mut value = serde_json::to_value(manifest).expect("manifests always serialise");
    if let Some(signed) = value.get_mut("signed") {
        signed["sig"] = serde_json::Value::String(String::new());
    }
    let mut hash = Sha256::new();
    hash.update(serde_json::to_vec(&value).expect("values always serialise"));
    for picture in pictures {
        hash.update(Sha256::digest(picture));
    }
    hash.finalize().to_vec()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

#[derive(Serialize, Deserialize)]
struct ManifestPicture {
    caption: String,
    bytes: u64,
}

/// An offered page, opened and checked.
struct Opened {
    manifest: Manifest,
    pictures: Vec<Zeroizing<Vec<u8>>>,
    /// Its verified signer and the offering book's genesis, if signed.
    signer: Option<(OfferSigner, String)>,
}

impl Binder {
    /// The group code this binder is linked to, if any.
    pub fn sibling_group(&self, keys: &Keyring) -> Result<Option<GroupCode>> {
        self.profile(keys)?.sibling_group.map(|c| GroupCode::parse(&c)).transpose()
    }

    /// Link this binder to its brothers' and sisters' (the same code in each).
    pub fn link_siblings(&self, keys: &Keyring, code: &GroupCode) -> Result<()> {
        let mut profile = self.profile(keys)?;
        profile.sibling_group = Some(code.0.clone());
        self.set_profile(keys, &profile)
    }

    /// Forget the group code: pages already offered or imported stay.
    pub fn unlink_siblings(&self, keys: &Keyring) -> Result<()> {
        let mut profile = self.profile(keys)?;
        profile.sibling_group = None;
        self.set_profile(keys, &profile)
    }

    /// Write page `id` (with its pictures) as a file for the binders of the
    /// young person's brothers and sisters, at `out` (which must not exist),
    /// and mark the page as shared with them. Atomic: a failure leaves no
    /// file and the page as it was.
    pub fn offer_to_siblings(&self, keys: &Keyring, id: &str, offer: Offer, cost: KeyCost, out: &Path) -> Result<Offered> {
        let code = self.sibling_group(keys)?.ok_or(Error::NotLinked)?;
        if out.exists() {
            return Err(Error::AlreadyExists { path: out.to_owned() });
        }
        let entry = self.show(keys, id)?;
        // Offering shares the page with brothers and sisters: the rules for sharing apply, before any file is written.
        self.may_change(keys, &self.row(&entry.id)?, crate::authority::PageAct::Share)?;
        if entry.sensitive && !offer.confirm_sensitive {
            return Err(Error::ConfirmSensitive);
        }
        let stored = self.stored_pictures(keys, &entry.id)?;
        let profile = self.profile(keys)?;
        let shared_already = entry.audience.contains(Party::Siblings);
        let consent = offer.consent.clone().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        let manifest = Manifest {
            v: 1,
            group: code.fingerprint(),
            offer: new_id(),
            from_binder: self.id.clone(),
            from: profile.first_name().to_owned(),
            offered_by: keys.actor().display_name().to_owned(),
            offered_at: now(),
            consent: consent.clone().unwrap_or_default(),
            section: entry.section,
            title: entry.title.clone(),
            body: entry.body.clone(),
            date: entry.date.clone(),
            sensitive: entry.sensitive,
            pictures: stored.iter().map(|p| ManifestPicture { caption: p.caption().to_owned(), bytes: p.copy(Size::Print).len() as u64 }).collect(),
            signed: None,
        };
        let mut manifest = manifest;
        let links = self.db().links()?;
        if let (Some(signing_key), false) = (keys.signing.as_ref(), links.is_empty()) {
            manifest.signed = Some(OfferSignature {
                member: keys.actor().member_id().map(str::to_owned),
                log: links.iter().map(|l| (l.seq, hex(&l.link), hex(&l.signature))).collect(),
                sig: String::new(),
            });
            let copies: Vec<&[u8]> = stored.iter().map(|p| p.copy(Size::Print)).collect();
            let sig = signing_key.sign(crate::signing::Purpose::SiblingOffer, &offer_digest(&manifest, &copies));
            manifest.signed.as_mut().expect("just set").sig = hex(&sig);
        }
        let json = to_json(&manifest);
        let mut plain = Zeroizing::new(Vec::with_capacity(4 + json.len() + stored.iter().map(|p| p.copy(Size::Print).len()).sum::<usize>()));
        plain.extend_from_slice(&(json.len() as u32).to_be_bytes());
        plain.extend_from_slice(&json);
        for picture in &stored {
            plain.extend_from_slice(picture.copy(Size::Print));
        }
        let sealed = keys::seal_with_passphrase(&code.passphrase(), cost, &plain);
        drop(plain);

        // A widening without consent is refused before anything is written;
        // the file, then the consent record; if that fails, no file stays.
        let before = entry.audience;
        let after = before.with(Party::Siblings);
        if !shared_already {
            crate::consent::consent_for(keys, before, after, consent.clone())?;
        }
        write_new(out, &sealed)?;
        let shared = if shared_already {
            None
        } else {
            match self.set_audience(keys, &entry.id, after, consent) {
                Ok(record) => record,
                Err(e) => {
                    let _ = std::fs::remove_file(out);
                    return Err(e);
                }
            }
        };
        Ok(Offered { path: out.to_owned(), title: entry.title, pictures: stored.len(), bytes: sealed.len() as u64, shared })
    }

    /// [`Binder::offer_to_siblings`] into a new file in `folder` (see
    /// [`new_offer_path`]).
    pub fn offer_to_siblings_in(&self, keys: &Keyring, id: &str, offer: Offer, cost: KeyCost, folder: &Path) -> Result<Offered> {
        self.offer_to_siblings(keys, id, offer, cost, &new_offer_path(folder))
    }

    /// Look inside an offered page (the bytes of its file, see
    /// [`read_offer_file`]) without importing it.
    pub fn preview_sibling_offer(&self, keys: &Keyring, offer: &[u8]) -> Result<OfferPreview> {
        let opened = self.open_offer(keys, offer)?;
        let m = &opened.manifest;
        Ok(OfferPreview {
            from: m.from.clone(),
            offered_by: m.offered_by.clone(),
            offered_at: m.offered_at.clone(),
            section: m.section,
            kind: m.body.kind(),
            title: m.title.clone(),
            sensitive: m.sensitive,
            pictures: m.pictures.len(),
            already_here: self.row(&self.arriving_id(&m.offer)).is_ok(),
            signed_by: opened.signer.map(|(signer, _)| signer),
        })
    }

    /// Add an offered page to this binder, shared with `share` (the
    /// importer's role and brothers and sisters are always added), all or
    /// nothing. Importing the same offer again changes nothing.
    pub fn import_from_sibling(&self, keys: &Keyring, offer: &[u8], share: Audience, consent: Option<String>) -> Result<FromSibling> {
        let opened = self.open_offer(keys, offer)?;
        let m = opened.manifest;
        let entry_id = self.arriving_id(&m.offer);
        if self.row(&entry_id).is_ok() {
            return Ok(FromSibling { entry_id, title: m.title, from: m.from, pictures: m.pictures.len(), already_here: true });
        }
        let mut arriving = Vec::with_capacity(m.pictures.len());
        for (picture, bytes) in m.pictures.iter().zip(&opened.pictures) {
            arriving.push(self.prepare_arriving(bytes, &picture.caption)?);
        }
        let day = m.offered_at.get(..10).unwrap_or_default();
        // Who offered it: the signer, by their book's log; otherwise the
        // file's own word, marked as such.
        let by = match &opened.signer {
            Some((OfferSigner { name: Some(name), .. }, _)) => name.clone(),
            Some((OfferSigner { name: None, .. }, _)) => "the agency".to_owned(),
            None => format!("{} (not signed)", m.offered_by),
        };
        let mut note = format!("Came from {}'s book, offered by {by} on {day}", m.from);
        if !m.consent.is_empty() {
            note.push_str(&format!(" ({})", m.consent));
        }
        note.push('.');
        if let Some(here) = consent.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()) {
            note.push(' ');
            note.push_str(&here);
        }
        let new = NewEntry {
            date: m.date,
            sensitive: m.sensitive,
            ..NewEntry::new(m.section, m.title.clone(), m.body).shared_with(share.with(Party::Siblings), note)
        };
        let pictures = arriving.len();
        let pin = opened.signer.as_ref().map(|(_, genesis)| (m.from_binder.clone(), genesis.clone()));
        let writer = crate::picture::Writer { binder_id: &self.id, keys };
        self.add_entry_as(keys, entry_id.clone(), new, |tx, id, data_key| {
            for picture in arriving {
                crate::picture::store_arriving(tx, writer, id, data_key, picture)?;
            }
            if let Some((book, genesis)) = &pin {
                tx.pin_sibling_book(book, genesis, &now())?;
            }
            Ok(())
        })?;
        Ok(FromSibling { entry_id, title: m.title, from: m.from, pictures, already_here: false })
    }

    /// The id a page arriving from `offer` takes here: 32 hex digits, like
    /// every id, derived so the same offer always lands on the same page.
    fn arriving_id(&self, offer: &str) -> String {
        hex(&Sha256::digest(format!("lifestory sibling page v1\n{}\n{offer}", self.id).as_bytes())[..16])
    }

    /// Decrypt and check an offered page, within the bounds.
    fn open_offer(&self, keys: &Keyring, sealed: &[u8]) -> Result<Opened> {
        let code = self.sibling_group(keys)?.ok_or(Error::NotLinked)?;
        if sealed.len() as u64 > MAX_OFFER || !sealed.starts_with(b"age-encryption.org/v1\n-> scrypt ") {
            return Err(Error::NotAnOffer);
        }
        let plain = keys::unseal_with_passphrase(&code.passphrase(), sealed).map_err(|e| match e {
            Unseal::Excessive(log_n) => Error::ExcessiveWork { log_n },
            Unseal::NotForUs | Unseal::Corrupt => Error::ForeignOffer,
        })?;
        let (manifest, pictures) = split(&plain).ok_or(Error::ForeignOffer)?;
        let manifest: Manifest = from_json(manifest, "This offered page").map_err(|_| Error::ForeignOffer)?;
        if manifest.v != 1 || manifest.group != code.fingerprint() || manifest.pictures.len() > MAX_PICTURES {
            return Err(Error::ForeignOffer);
        }
        if manifest.from_binder == self.id {
            return Err(Error::OfferFromThisBinder);
        }
        let mut rest = pictures;
        let mut out = Vec::with_capacity(manifest.pictures.len());
        for picture in &manifest.pictures {
            let n = usize::try_from(picture.bytes).ok().filter(|&n| n <= rest.len()).ok_or(Error::ForeignOffer)?;
            out.push(Zeroizing::new(rest[..n].to_vec()));
            rest = &rest[n..];
        }
        if !rest.is_empty() {
            return Err(Error::ForeignOffer);
        }
        let signer = self.offer_signer(&manifest, &out)?;
        Ok(Opened { manifest, pictures: out, signer })
    }

    /// Check an offer's signature: the log it carries replays from its
    /// first link, is the log this copy pinned for that book (if any), and
    /// names the signer as a current member whose key made the signature.
    fn offer_signer(&self, manifest: &Manifest, pictures: &[Zeroizing<Vec<u8>>]) -> Result<Option<(OfferSigner, String)>> {
        let Some(signed) = &manifest.signed else { return Ok(None) };
        let forged = || Error::ForgedOffer;
        if signed.log.len() as i64 > crate::store::MAX_LINKS {
            return Err(forged());
        }
        let rows = signed
            .log
            .iter()
            .map(|(seq, link, signature)| Some(crate::store::LinkRow { seq: *seq, link: unhex(link)?, signature: unhex(signature)? }))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(forged)?;
        let state = crate::membership::replay(&manifest.from_binder, &rows).map_err(|_| forged())?.ok_or_else(forged)?;
        let (key, name, role) = match signed.member.as_deref() {
            None => (state.recovery_sign, None, None),
            Some(id) => {
                let m = state.members.get(id).ok_or_else(forged)?;
                (m.sign, Some(m.name.clone()), Some(m.role))
            }
        };
        let copies: Vec<&[u8]> = pictures.iter().map(|p| p.as_slice()).collect();
        let sig = unhex(&signed.sig).ok_or_else(forged)?;
        if !key.verifies(crate::signing::Purpose::SiblingOffer, &offer_digest(manifest, &copies), &sig) {
            return Err(forged());
        }
        let pinned = self.db().sibling_book(&manifest.from_binder)?;
        if pinned.as_ref().is_some_and(|(genesis, _)| *genesis != state.genesis) {
            return Err(forged());
        }
        Ok(Some((OfferSigner { name, role, first_from_this_book: pinned.is_none() }, state.genesis)))
    }
}

/// Seal `plaintext` (a length-prefixed manifest and pictures, see the
/// module docs) as an offered page's file for the group `code`. For tests
/// and fuzzing of what an offer may hold once it opens: whoever has the
/// family's code can write anything behind it, so import must refuse
/// anything malformed there too.
#[doc(hidden)]
pub fn seal_offer_payload(code: &GroupCode, cost: KeyCost, plaintext: &[u8]) -> Vec<u8> {
    keys::seal_with_passphrase(&code.passphrase(), cost, plaintext)
}

/// Read an offered page's file, refusing one too big to be one before
/// reading it into memory.
pub fn read_offer_file(path: &Path) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
    if len > MAX_OFFER {
        return Err(Error::NotAnOffer);
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Where to save an offered page in `folder`, never over an existing
/// file. The name says what it is and when, and nothing of the page or
/// the child: it travels by USB stick or e-mail ("Page for brothers and
/// sisters 2026-12-01.lsp", then "… 2026-12-01 2.lsp").
pub fn new_offer_path(folder: &Path) -> PathBuf {
    let stem = format!("Page for brothers and sisters {}", chrono::Local::now().format("%Y-%m-%d"));
    let mut n = 1;
    loop {
        let name = if n == 1 { format!("{stem}.lsp") } else { format!("{stem} {n}.lsp") };
        let path = folder.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}

/// The manifest and what follows it, if the length prefix fits.
fn split(plain: &[u8]) -> Option<(&[u8], &[u8])> {
    let n = u32::from_be_bytes(plain.get(..4)?.try_into().ok()?) as usize;
    if n > MAX_MANIFEST {
        return None;
    }
    let manifest = plain.get(4..4 + n)?;
    Some((manifest, &plain[4 + n..]))
}

/// Write a file that must not exist yet: beside it first, synced, then
/// renamed, so a failure leaves nothing half-written.
fn write_new(out: &Path, bytes: &[u8]) -> Result<()> {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = out.with_file_name(format!(".{name}.{}.partial", &new_id()[..8]));
    let written = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&partial).map_err(|e| Error::write(&partial, e))?;
        f.write_all(bytes).map_err(|e| Error::write(&partial, e))?;
        f.sync_all().map_err(|e| Error::write(&partial, e))?;
        std::fs::rename(&partial, out).map_err(|e| Error::write(out, e))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_code_reads_back_however_it_is_typed() {
        let code = GroupCode::generate();
        let shown = code.display();
        assert_eq!(shown.len(), 19);
        for typed in [shown.clone(), shown.to_lowercase(), shown.replace('-', " "), shown.replace('-', "")] {
            assert_eq!(GroupCode::parse(&typed).unwrap(), code, "{typed}");
        }
    }

    #[test]
    fn two_new_codes_differ() {
        assert_ne!(GroupCode::generate(), GroupCode::generate());
    }

    #[test]
    fn a_mistyped_character_is_caught_by_the_check_character() {
        let code = GroupCode::generate().0;
        let mut caught = 0;
        let mut tried = 0;
        for at in 0..CODE_LEN {
            for &c in ALPHABET {
                if code.as_bytes()[at] == c {
                    continue;
                }
                let mut typo = code.clone().into_bytes();
                typo[at] = c;
                tried += 1;
                caught += usize::from(GroupCode::parse(std::str::from_utf8(&typo).unwrap()).is_err());
            }
        }
        // A 5-bit check catches 31 of 32 random typos; allow for chance.
        assert!(caught * 100 >= tried * 90, "caught {caught} of {tried}");
    }

    #[test]
    fn codes_that_are_not_codes_are_refused_kindly() {
        for bad in ["", "1234", "7KQM-2XHT-R9PA-F3DW-AAAA", "7KQM-2XHT-R9PA-F3D!", "ÅKQM-2XHT-R9PA-F3DW"] {
            let err = GroupCode::parse(bad).unwrap_err();
            assert!(err.to_string().contains("16 letters and numbers"), "{bad}: {err}");
        }
    }

    #[test]
    fn look_alike_letters_read_as_digits() {
        let code = GroupCode::generate();
        let with_look_alikes = code.0.replace('0', "O").replace('1', "l");
        assert_eq!(GroupCode::parse(&with_look_alikes).unwrap(), code);
    }

    #[test]
    fn the_code_is_never_in_debug_output() {
        let code = GroupCode::generate();
        assert!(!format!("{code:?}").contains(&code.0));
    }
}
