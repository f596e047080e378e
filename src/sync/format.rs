//! The change file: reading and writing, with bounds on everything read.
//!
//! Layout (docs/FORMAT.md has the byte-level description):
//!
//! ```text
//! header (96 bytes, plaintext)
//!   "lifestory-sync\n"  format name (15 bytes)
//!   version             1 byte (1)
//!   nonce               16 random bytes
//!   binder tag          HMAC-SHA256(K_tag, nonce)
//!   payload MAC         HMAC-SHA256(K_mac, the 64 bytes above ‖ keys ‖ payload)
//! keys (version 6)    the common key's generation, and the common key
//!                     wrapped to each role's key (its `common_wrap`)
//! payload             an age file encrypted to the binder's common key
//! ```
//!
//! K_tag is derived from the genesis generation's common key
//! ([`keys::derive_common`]), K_mac from the generation the file is
//! written in, so only members can make or check them. A copy refuses a
//! file of a generation older than its own (whoever was removed still holds
//! that key), and takes a newer one in through the wraps, with a role key
//! it holds, if its log then says that generation is current. The header reveals nothing
//! about the binder or the changes (the nonce makes every tag different);
//! the tag lets a member's copy tell a file from another binder ("foreign")
//! from a damaged or altered one (tag right, MAC or age wrong).
//!
//! The age plaintext is a stream of length-prefixed fields (big-endian):
//! a preamble, then records, then a zero tag. Rows travel as they are stored:
//! their blobs are the binder's own age files, never decrypted here.

use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::revision::{Vv, MAX_REPLICAS};
use crate::error::{Error, Result};
use age::x25519;

use crate::keys::{self, CommonKeys, Keyring, MAX_BLOB};

type HmacSha256 = Hmac<Sha256>;

pub(crate) const MAGIC: &[u8; 15] = b"lifestory-sync\n";
/// 2 since schema 10 (signed pages and deletions: records 12 and 13), 3
/// since schema 12 (signed sessions and profile: records 14 and 15), 4
/// since schema 13 (signed pictures: record 16), 5 since pages are given
/// new keys (v2 sharing proofs, key envelopes with earlier keys: an older
/// app would refuse such pages as unsigned, so it is told instead that the
/// file is from a newer app), 6 since the common key has generations (the
/// keys after the header); files of versions 1 to 5 are still read.
pub(crate) const VERSION: u8 = 6;
/// The first version with the keys after the header.
const WITH_KEYS: u8 = 6;
/// The most role wraps a file's keys may carry (one per keyed role).
const MAX_KEY_WRAPS: u32 = 8;
const HEADER: usize = 96;
/// The start of the age plaintext.
const PREAMBLE: &[u8; 4] = b"LSC1";
/// Longest text field (ids, times, names); blobs are bounded by [`MAX_BLOB`].
const MAX_TEXT: usize = 64 * 1024;
/// Most records read from one file: far above any real binder.
const MAX_RECORDS: u64 = 10_000_000;
/// Most key rows per page and copies per picture.
const MAX_PARTS: u32 = 8;

/// One page version exactly as stored: its row and its key rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EntryVersion {
    pub id: String,
    pub section: String,
    pub kind: String,
    pub audience: i64,
    pub sensitive: bool,
    pub sealed_until: Option<String>,
    pub sort_date: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub author: Option<String>,
    pub session_id: Option<String>,
    pub body: Vec<u8>,
    /// (role, wrap), sorted by role.
    pub wraps: Vec<(String, Vec<u8>)>,
    pub vv: Vv,
    /// The stamp of the change that made this version: (counter, replica).
    pub rev: (u64, String),
    /// The author's and the last sharer's signatures (src/signed.rs); none
    /// from a copy before schema 10.
    pub content_proof: Option<String>,
    pub sharing_proof: Option<String>,
}

/// A picture row and its stored copies, exactly as stored (all encrypted).
#[derive(Clone, Debug)]
pub(crate) struct PictureRecord {
    pub id: String,
    pub entry_id: String,
    pub position: i64,
    pub fingerprint: Vec<u8>,
    pub info: Vec<u8>,
    pub created_at: String,
    pub copies: Vec<(String, Vec<u8>)>,
    pub vv: Vv,
    /// Its signature (src/signed/records.rs); none from files before
    /// version 4.
    pub proof: Option<String>,
}

/// One syncable thing, as it travels.
#[derive(Clone, Debug)]
pub(crate) enum Record {
    /// A membership log link, as stored (src/membership.rs). Every file
    /// carries the whole log, first, so the importer verifies it before any
    /// member or key row it would admit.
    Link { seq: i64, link: Vec<u8>, signature: Vec<u8> },
    RoleKey { role: String, recipient: String, recovery_wrap: Vec<u8>, common_wrap: Vec<u8>, created_at: String, vv: Vv },
    Member { id: String, name: String, role: String, key_wrap: Vec<u8>, created_at: String, vv: Vv },
    /// `proof`: the signature (src/signed/records.rs), none from files
    /// before version 3.
    Session { id: String, started_at: String, ended_at: Option<String>, facilitator: Option<String>, body: Vec<u8>, vv: Vv, proof: Option<String> },
    Profile { profile: Vec<u8>, vv: Vv, proof: Option<String> },
    Entry { version: EntryVersion, position: i64, pos_vv: Vv },
    Position { id: String, position: i64, pos_vv: Vv },
    Picture(PictureRecord),
    Ledger {
        uid: String,
        entry_id: String,
        at: String,
        member: Option<String>,
        before: i64,
        after: i64,
        note: Vec<u8>,
        /// Empty when unsigned (a binder from before schema 9).
        signature: Vec<u8>,
        vv: Vv,
    },
    /// A deletion; a page's carries its deleter's signature (src/signed.rs).
    Tombstone { kind: String, id: String, vv: Vv, proof: Option<String> },
    Conflict { id: String, entry_id: String, kind: String, other: Option<EntryVersion>, other_vv: Vv, found_at: String, resolved: bool, vv: Vv },
}

/// Who wrote a change file and what they had.
#[derive(Clone, Debug)]
pub(crate) struct Preamble {
    pub binder_id: String,
    pub replica: String,
    pub clock: u64,
    pub known: Vv,
}

fn tag_key(keys: &Keyring, binder_id: &str) -> zeroize::Zeroizing<[u8; 32]> {
    keys::derive_common(keys, binder_id, "lifestory sync binder tag v1")
}

fn mac_key(common: &x25519::Identity, binder_id: &str) -> zeroize::Zeroizing<[u8; 32]> {
    keys::derive(common, binder_id, "lifestory sync payload mac v1")
}

/// What a change file carries between its header and its payload (version
/// 6): the generation of the common key the payload is sealed to, and
/// that key wrapped to each role's key (unnamed: a reader tries the roles
/// it holds), so a copy that has not yet had the rotation that began it
/// can take it in.
pub(crate) struct FileKeys {
    pub generation: u64,
    /// Each role's `role_keys.common_wrap`.
    pub wraps: Vec<Vec<u8>>,
}

impl FileKeys {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = Encoder { out: &mut out };
        enc.u64(self.generation).expect("writing to memory");
        enc.u32(self.wraps.len() as u32).expect("writing to memory");
        for wrap in &self.wraps {
            enc.bytes(wrap).expect("writing to memory");
        }
        out
    }

    fn decode(input: &mut dyn Read) -> Field<FileKeys> {
        let mut dec = Decoder::new(input);
        let generation = dec.u64()?;
        let count = dec.u32()?;
        if count > MAX_KEY_WRAPS {
            return Err(());
        }
        let mut wraps = Vec::new();
        for _ in 0..count {
            wraps.push(dec.bytes_max(64 * 1024)?);
        }
        Ok(FileKeys { generation, wraps })
    }
}

fn hmac(key: &[u8; 32]) -> HmacSha256 {
    <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes any key length")
}

/// Field encoding onto any writer.
pub(crate) struct Encoder<'a> {
    out: &'a mut dyn Write,
}

impl Encoder<'_> {
    fn u8(&mut self, v: u8) -> std::io::Result<()> {
        self.out.write_all(&[v])
    }
    fn u32(&mut self, v: u32) -> std::io::Result<()> {
        self.out.write_all(&v.to_be_bytes())
    }
    fn u64(&mut self, v: u64) -> std::io::Result<()> {
        self.out.write_all(&v.to_be_bytes())
    }
    fn i64(&mut self, v: i64) -> std::io::Result<()> {
        self.out.write_all(&v.to_be_bytes())
    }
    fn bytes(&mut self, v: &[u8]) -> std::io::Result<()> {
        self.u32(v.len() as u32)?;
        self.out.write_all(v)
    }
    fn str(&mut self, v: &str) -> std::io::Result<()> {
        self.bytes(v.as_bytes())
    }
    fn opt(&mut self, v: Option<&str>) -> std::io::Result<()> {
        match v {
            None => self.u8(0),
            Some(s) => {
                self.u8(1)?;
                self.str(s)
            }
        }
    }
    fn vv(&mut self, v: &Vv) -> std::io::Result<()> {
        self.u32(v.0.len() as u32)?;
        for (r, c) in &v.0 {
            self.str(r)?;
            self.u64(*c)?;
        }
        Ok(())
    }
    fn parts(&mut self, parts: &[(String, Vec<u8>)]) -> std::io::Result<()> {
        self.u32(parts.len() as u32)?;
        for (name, blob) in parts {
            self.str(name)?;
            self.bytes(blob)?;
        }
        Ok(())
    }

    pub fn entry_version(&mut self, e: &EntryVersion) -> std::io::Result<()> {
        self.str(&e.id)?;
        self.str(&e.section)?;
        self.str(&e.kind)?;
        self.i64(e.audience)?;
        self.u8(e.sensitive as u8)?;
        self.opt(e.sealed_until.as_deref())?;
        self.opt(e.sort_date.as_deref())?;
        self.str(&e.created_at)?;
        self.str(&e.updated_at)?;
        self.opt(e.author.as_deref())?;
        self.opt(e.session_id.as_deref())?;
        self.bytes(&e.body)?;
        self.parts(&e.wraps)?;
        self.vv(&e.vv)?;
        self.u64(e.rev.0)?;
        self.str(&e.rev.1)?;
        self.opt(e.content_proof.as_deref())?;
        self.opt(e.sharing_proof.as_deref())
    }

    pub fn record(&mut self, record: &Record) -> std::io::Result<()> {
        match record {
            Record::RoleKey { role, recipient, recovery_wrap, common_wrap, created_at, vv } => {
                self.u8(1)?;
                self.str(role)?;
                self.str(recipient)?;
                self.bytes(recovery_wrap)?;
                self.bytes(common_wrap)?;
                self.str(created_at)?;
                self.vv(vv)
            }
            Record::Member { id, name, role, key_wrap, created_at, vv } => {
                self.u8(2)?;
                self.str(id)?;
                self.str(name)?;
                self.str(role)?;
                self.bytes(key_wrap)?;
                self.str(created_at)?;
                self.vv(vv)
            }
            Record::Session { id, started_at, ended_at, facilitator, body, vv, proof } => {
                self.u8(14)?;
                self.str(id)?;
                self.str(started_at)?;
                self.opt(ended_at.as_deref())?;
                self.opt(facilitator.as_deref())?;
                self.bytes(body)?;
                self.vv(vv)?;
                self.opt(proof.as_deref())
            }
            Record::Profile { profile, vv, proof } => {
                self.u8(15)?;
                self.bytes(profile)?;
                self.vv(vv)?;
                self.opt(proof.as_deref())
            }
            Record::Entry { version, position, pos_vv } => {
                self.u8(12)?;
                self.entry_version(version)?;
                self.i64(*position)?;
                self.vv(pos_vv)
            }
            Record::Position { id, position, pos_vv } => {
                self.u8(6)?;
                self.str(id)?;
                self.i64(*position)?;
                self.vv(pos_vv)
            }
            Record::Picture(PictureRecord { id, entry_id, position, fingerprint, info, created_at, copies, vv, proof }) => {
                self.u8(16)?;
                self.str(id)?;
                self.str(entry_id)?;
                self.i64(*position)?;
                self.bytes(fingerprint)?;
                self.bytes(info)?;
                self.str(created_at)?;
                self.parts(copies)?;
                self.vv(vv)?;
                self.opt(proof.as_deref())
            }
            Record::Ledger { uid, entry_id, at, member, before, after, note, signature, vv } => {
                self.u8(8)?;
                self.str(uid)?;
                self.str(entry_id)?;
                self.str(at)?;
                self.opt(member.as_deref())?;
                self.i64(*before)?;
                self.i64(*after)?;
                self.bytes(note)?;
                self.bytes(signature)?;
                self.vv(vv)
            }
            Record::Tombstone { kind, id, vv, proof } => {
                self.u8(13)?;
                self.str(kind)?;
                self.str(id)?;
                self.vv(vv)?;
                self.opt(proof.as_deref())
            }
            Record::Link { seq, link, signature } => {
                self.u8(11)?;
                self.i64(*seq)?;
                self.bytes(link)?;
                self.bytes(signature)
            }
            Record::Conflict { id, entry_id, kind, other, other_vv, found_at, resolved, vv } => {
                self.u8(10)?;
                self.str(id)?;
                self.str(entry_id)?;
                self.str(kind)?;
                match other {
                    None => self.u8(0)?,
                    Some(v) => {
                        self.u8(2)?;
                        self.entry_version(v)?;
                    }
                }
                self.vv(other_vv)?;
                self.str(found_at)?;
                self.u8(*resolved as u8)?;
                self.vv(vv)
            }
        }
    }
}

/// Field decoding from any reader. Every length is checked before anything
/// is allocated; any failure is `Err(())`, which the caller turns into
/// "this change file is damaged".
pub(crate) struct Decoder<'a> {
    input: &'a mut dyn Read,
    records: u64,
}

type Field<T> = std::result::Result<T, ()>;

impl<'a> Decoder<'a> {
    pub fn new(input: &'a mut dyn Read) -> Self {
        Decoder { input, records: 0 }
    }

    fn exact<const N: usize>(&mut self) -> Field<[u8; N]> {
        let mut buf = [0u8; N];
        self.input.read_exact(&mut buf).map_err(|_| ())?;
        Ok(buf)
    }
    fn u8(&mut self) -> Field<u8> {
        Ok(self.exact::<1>()?[0])
    }
    fn u32(&mut self) -> Field<u32> {
        Ok(u32::from_be_bytes(self.exact()?))
    }
    fn u64(&mut self) -> Field<u64> {
        Ok(u64::from_be_bytes(self.exact()?))
    }
    fn i64(&mut self) -> Field<i64> {
        Ok(i64::from_be_bytes(self.exact()?))
    }
    fn bool(&mut self) -> Field<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(()),
        }
    }
    fn bytes_max(&mut self, max: usize) -> Field<Vec<u8>> {
        let len = self.u32()? as usize;
        if len > max {
            return Err(());
        }
        // Read through `take`: memory grows with bytes actually present,
        // not with what a length field claims.
        let mut out = Vec::new();
        (&mut *self.input).take(len as u64).read_to_end(&mut out).map_err(|_| ())?;
        if out.len() != len {
            return Err(());
        }
        Ok(out)
    }
    fn bytes(&mut self) -> Field<Vec<u8>> {
        self.bytes_max(MAX_BLOB)
    }
    fn str(&mut self) -> Field<String> {
        String::from_utf8(self.bytes_max(MAX_TEXT)?).map_err(|_| ())
    }
    fn opt(&mut self) -> Field<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(()),
        }
    }
    fn vv(&mut self) -> Field<Vv> {
        let n = self.u32()? as usize;
        if n > MAX_REPLICAS {
            return Err(());
        }
        let mut vv = Vv::default();
        for _ in 0..n {
            let r = self.str()?;
            let c = self.u64()?;
            if c > i64::MAX as u64 {
                return Err(());
            }
            vv.0.insert(r, c);
        }
        Ok(vv)
    }
    fn parts(&mut self) -> Field<Vec<(String, Vec<u8>)>> {
        let n = self.u32()?;
        if n > MAX_PARTS {
            return Err(());
        }
        (0..n).map(|_| Ok((self.str()?, self.bytes()?))).collect()
    }

    /// A page version: with its signatures (`signed`, schema 10 on), or as
    /// copies before wrote it.
    pub fn entry_version(&mut self, signed: bool) -> Field<EntryVersion> {
        let mut version = EntryVersion {
            id: self.str()?,
            section: self.str()?,
            kind: self.str()?,
            audience: self.i64()?,
            sensitive: self.bool()?,
            sealed_until: self.opt()?,
            sort_date: self.opt()?,
            created_at: self.str()?,
            updated_at: self.str()?,
            author: self.opt()?,
            session_id: self.opt()?,
            body: self.bytes()?,
            wraps: self.parts()?,
            vv: self.vv()?,
            rev: (self.u64()?, self.str()?),
            content_proof: None,
            sharing_proof: None,
        };
        if signed {
            version.content_proof = self.opt()?;
            version.sharing_proof = self.opt()?;
        }
        Ok(version)
    }

    fn preamble(&mut self) -> Field<Preamble> {
        if &self.exact::<4>()? != PREAMBLE {
            return Err(());
        }
        Ok(Preamble { binder_id: self.str()?, replica: self.str()?, clock: self.u64()?, known: self.vv()? })
    }

    /// The next record, or `None` at the end marker.
    pub fn record(&mut self) -> Field<Option<Record>> {
        self.records += 1;
        if self.records > MAX_RECORDS {
            return Err(());
        }
        Ok(Some(match self.u8()? {
            0 => return Ok(None),
            1 => Record::RoleKey {
                role: self.str()?,
                recipient: self.str()?,
                recovery_wrap: self.bytes()?,
                common_wrap: self.bytes()?,
                created_at: self.str()?,
                vv: self.vv()?,
            },
            2 => Record::Member {
                id: self.str()?,
                name: self.str()?,
                role: self.str()?,
                key_wrap: self.bytes()?,
                created_at: self.str()?,
                vv: self.vv()?,
            },
            code @ (3 | 14) => Record::Session {
                id: self.str()?,
                started_at: self.str()?,
                ended_at: self.opt()?,
                facilitator: self.opt()?,
                body: self.bytes()?,
                vv: self.vv()?,
                proof: if code == 14 { self.opt()? } else { None },
            },
            4 => Record::Profile { profile: self.bytes()?, vv: self.vv()?, proof: None },
            15 => Record::Profile { profile: self.bytes()?, vv: self.vv()?, proof: self.opt()? },
            5 => Record::Entry { version: self.entry_version(false)?, position: self.i64()?, pos_vv: self.vv()? },
            12 => Record::Entry { version: self.entry_version(true)?, position: self.i64()?, pos_vv: self.vv()? },
            6 => Record::Position { id: self.str()?, position: self.i64()?, pos_vv: self.vv()? },
            code @ (7 | 16) => Record::Picture(PictureRecord {
                id: self.str()?,
                entry_id: self.str()?,
                position: self.i64()?,
                fingerprint: self.bytes_max(64)?,
                info: self.bytes()?,
                created_at: self.str()?,
                copies: self.parts()?,
                vv: self.vv()?,
                proof: if code == 16 { self.opt()? } else { None },
            }),
            8 => Record::Ledger {
                uid: self.str()?,
                entry_id: self.str()?,
                at: self.str()?,
                member: self.opt()?,
                before: self.i64()?,
                after: self.i64()?,
                note: self.bytes()?,
                signature: self.bytes()?,
                vv: self.vv()?,
            },
            9 => Record::Tombstone { kind: self.str()?, id: self.str()?, vv: self.vv()?, proof: None },
            13 => Record::Tombstone { kind: self.str()?, id: self.str()?, vv: self.vv()?, proof: self.opt()? },
            10 => Record::Conflict {
                id: self.str()?,
                entry_id: self.str()?,
                kind: self.str()?,
                other: match self.u8()? {
                    0 => None,
                    1 => Some(self.entry_version(false)?),
                    2 => Some(self.entry_version(true)?),
                    _ => return Err(()),
                },
                other_vv: self.vv()?,
                found_at: self.str()?,
                resolved: self.bool()?,
                vv: self.vv()?,
            },
            11 => Record::Link { seq: self.i64()?, link: self.bytes()?, signature: self.bytes()? },
            _ => return Err(()),
        }))
    }
}

/// Leads a version stored with its signatures (schema 10 on); one stored
/// before starts with its id's length, whose first byte is 0.
const SIGNED_VERSION: u8 = 0xff;

/// A page version as the bytes stored in `sync_conflicts.other`.
pub(crate) fn encode_version(version: &EntryVersion) -> Vec<u8> {
    let mut out = vec![SIGNED_VERSION];
    Encoder { out: &mut out }.entry_version(version).expect("writing to memory");
    out
}

pub(crate) fn decode_version(bytes: &[u8]) -> Result<EntryVersion> {
    let (signed, mut input) = match bytes.split_first() {
        Some((&SIGNED_VERSION, rest)) => (true, rest),
        _ => (false, bytes),
    };
    Decoder::new(&mut input).entry_version(signed).map_err(|_| Error::damaged("a kept conflict version is unreadable"))
}

/// Writes every byte it passes on into a MAC as well.
struct MacWriter<'a, W: Write> {
    inner: W,
    mac: &'a mut HmacSha256,
}

impl<W: Write> Write for MacWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.mac.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Feeds every byte it reads into a MAC as well.
struct MacReader<'a, R: Read> {
    inner: &'a mut R,
    mac: &'a mut HmacSha256,
}

impl<R: Read> Read for MacReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.mac.update(&buf[..n]);
        Ok(n)
    }
}

/// Write a change file at `path` (a fresh temporary file the caller renames
/// into place): header, then the age payload that `body` fills with records.
/// Returns the number of records written.
pub(crate) fn write(
    path: &Path,
    keys: &Keyring,
    common: &CommonKeys,
    file_keys: &FileKeys,
    preamble: &Preamble,
    body: impl FnOnce(&mut dyn FnMut(&Record) -> Result<()>) -> Result<()>,
) -> Result<u64> {
    let io = |e: std::io::Error| Error::io(path, e);
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
    let mut nonce = [0u8; 16];
    nonce.copy_from_slice(&uuid::Uuid::new_v4().into_bytes());
    let mut header = [0u8; HEADER];
    header[..15].copy_from_slice(MAGIC);
    header[15] = VERSION;
    header[16..32].copy_from_slice(&nonce);
    let mut tag = hmac(&tag_key(keys, &preamble.binder_id));
    tag.update(&nonce);
    header[32..64].copy_from_slice(&tag.finalize().into_bytes());
    file.write_all(&header).map_err(io)?;
    let file_keys = file_keys.encode();
    file.write_all(&file_keys).map_err(io)?;

    let mut mac = hmac(&mac_key(&common.current, &preamble.binder_id));
    mac.update(&header[..64]);
    mac.update(&file_keys);
    let mut count = 0u64;
    {
        let sink = MacWriter { inner: BufWriter::new(&mut file), mac: &mut mac };
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&common.current.to_public() as &dyn age::Recipient))
            .expect("one X25519 recipient");
        let mut stream = encryptor.wrap_output(sink).map_err(io)?;
        {
            let mut enc = Encoder { out: &mut stream };
            enc.out.write_all(PREAMBLE).map_err(io)?;
            enc.str(&preamble.binder_id).map_err(io)?;
            enc.str(&preamble.replica).map_err(io)?;
            enc.u64(preamble.clock).map_err(io)?;
            enc.vv(&preamble.known).map_err(io)?;
            let mut emit = |record: &Record| -> Result<()> {
                count += 1;
                Encoder { out: &mut stream }.record(record).map_err(io)
            };
            body(&mut emit)?;
            Encoder { out: &mut stream }.u8(0).map_err(io)?;
        }
        let mut sink = stream.finish().map_err(io)?;
        sink.flush().map_err(io)?;
    }
    let mac = mac.finalize().into_bytes();
    file.seek(SeekFrom::Start(64)).map_err(io)?;
    file.write_all(&mac).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(count)
}

/// An opened change file whose header says it is for this binder.
pub(crate) struct Opened {
    file: BufReader<std::fs::File>,
    header: [u8; HEADER],
    mac: HmacSha256,
    /// The common key its payload is sealed to: the importer must find it
    /// current in the merged log.
    key: x25519::Identity,
    /// That key is one of this copy's earlier generations: refused
    /// (`ChangeFileOldKeys`) unless the file's branch of a forked log
    /// stands, which is when this copy's newer keys are the ones that go.
    pub earlier: bool,
}

impl Opened {
    /// The public key of the common key the file is sealed with.
    pub fn key(&self) -> x25519::Recipient {
        self.key.to_public()
    }
}

/// Read and check a change file's header: ours, a version we read, made
/// for this binder, sealed with the common key's current generation
/// (`common`: this copy's) or a newer one whose wrap a role of `keys`
/// opens; one sealed with an older generation is refused.
pub(crate) fn open(path: &Path, keys: &Keyring, common: &CommonKeys, binder_id: &str) -> Result<Opened> {
    let not_ours = || Error::NotAChangeFile { path: path.to_owned() };
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound { what: format!("The change file {}", path.display()) },
        _ => Error::io(path, e),
    })?;
    let mut file = BufReader::new(file);
    let mut header = [0u8; HEADER];
    let mut got = 0;
    while got < HEADER {
        match file.read(&mut header[got..]).map_err(|e| Error::io(path, e))? {
            0 => break,
            n => got += n,
        }
    }
    if got < MAGIC.len() + 1 || &header[..15] != MAGIC {
        return Err(not_ours());
    }
    if header[15] > VERSION {
        return Err(Error::NewerChangeFile { version: header[15] });
    }
    if header[15] == 0 {
        return Err(Error::TamperedChangeFile);
    }
    if got < HEADER {
        return Err(Error::TamperedChangeFile);
    }
    let mut tag = hmac(&tag_key(keys, binder_id));
    tag.update(&header[16..32]);
    if tag.verify_slice(&header[32..64]).is_err() {
        return Err(Error::ForeignChangeFile);
    }
    let file_keys = if header[15] >= WITH_KEYS {
        let mut raw = Vec::new();
        let mut tee = MacBuffer { inner: &mut file, seen: &mut raw };
        let keys = FileKeys::decode(&mut tee).map_err(|_| Error::TamperedChangeFile)?;
        (keys, raw)
    } else {
        (FileKeys { generation: 0, wraps: Vec::new() }, Vec::new())
    };
    let (FileKeys { generation, wraps }, raw) = file_keys;
    // The key the file's wraps give this member decides, not the
    // generation alone: after a fork two copies may each be at generation
    // N with different keys, and which stands is the log's to say
    // (src/sync/merge.rs), once the file is open.
    let public = |key: &x25519::Identity| key.to_public().to_string();
    let key = match (generation.cmp(&common.generation()), wrapped_key(keys, common, binder_id, generation, &wraps)?) {
        (_, Some(found)) if public(&found) == public(&common.current) => common.current.clone(),
        (_, Some(found)) => found,
        // An earlier generation whose wrap is to a role key this member
        // no longer holds (theirs was renewed since): this copy's own key of
        // that generation, if the file was sealed with it.
        (std::cmp::Ordering::Less, None) => {
            let older = common.all().nth((common.generation() - generation) as usize);
            older.cloned().ok_or(Error::ChangeFileOldKeys)?
        }
        (std::cmp::Ordering::Equal, None) if wraps.is_empty() => common.current.clone(),
        (_, None) => return Err(Error::KeysReplaced),
    };
    let mut mac = hmac(&mac_key(&key, binder_id));
    mac.update(&header[..64]);
    mac.update(&raw);
    let earlier = common.earlier.iter().any(|old| public(old) == public(&key));
    Ok(Opened { file, header, mac, key, earlier })
}

/// Copies what is read into `seen` (for the MAC, once its key is known).
struct MacBuffer<'a, R: Read> {
    inner: &'a mut R,
    seen: &'a mut Vec<u8>,
}

impl<R: Read> Read for MacBuffer<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// The common key the file was sealed with, through a wrap a role of
/// `keys` opens: it must be this binder's, of the file's `generation`, and
/// go back to the same genesis key. Whether it is the log's is checked once
/// the file's log is merged. `None`: no wrap opens for a role held (the
/// role's key was changed on the other copy); one that opens but does not
/// fit, or is damaged: the file is.
fn wrapped_key(keys: &Keyring, common: &CommonKeys, binder_id: &str, generation: u64, wraps: &[Vec<u8>]) -> Result<Option<x25519::Identity>> {
    let held: Vec<&x25519::Identity> = keys.roles().filter_map(|role| keys.role_identity(role)).collect();
    for wrap in wraps {
        let plain = match keys::unseal_any(held.iter().copied(), wrap) {
            Ok(plain) => plain,
            Err(keys::Unseal::NotForUs) => continue,
            Err(_) => return Err(Error::TamperedChangeFile),
        };
        let payload: crate::binder::CommonKey = keys::from_json(&plain, "The binder's shared key").map_err(|_| Error::TamperedChangeFile)?;
        let parse = |key: &str| keys::parse_identity(key);
        let (Some(current), Some(genesis)) = (parse(&payload.key), parse(payload.earlier.last().unwrap_or(&payload.key))) else {
            return Err(Error::TamperedChangeFile);
        };
        let fits = payload.binder == binder_id
            && payload.earlier.len() as u64 == generation
            && genesis.to_public().to_string() == common.genesis().to_public().to_string();
        return if fits { Ok(Some(current)) } else { Err(Error::TamperedChangeFile) };
    }
    Ok(None)
}

impl Opened {
    /// Decrypt and decode the payload, handing each record to `apply`, then
    /// check the MAC over every byte of the file. An error anywhere (a
    /// damaged or truncated file, a failed MAC, or `apply` itself) returns
    /// `Err`; the caller applies inside a transaction it then rolls back.
    pub fn read(mut self, apply: &mut dyn FnMut(&Preamble, Record) -> Result<()>) -> Result<Preamble> {
        let damaged = |_| Error::TamperedChangeFile;
        let preamble = {
            let reader = MacReader { inner: &mut self.file, mac: &mut self.mac };
            let decryptor = age::Decryptor::new(reader).map_err(|_| Error::TamperedChangeFile)?;
            let mut stream = decryptor
                .decrypt(std::iter::once(&self.key as &dyn age::Identity))
                .map_err(|_| Error::TamperedChangeFile)?;
            let mut decoder = Decoder::new(&mut stream);
            let preamble = decoder.preamble().map_err(damaged)?;
            while let Some(record) = decoder.record().map_err(damaged)? {
                apply(&preamble, record)?;
            }
            // Nothing may follow the end marker inside the payload; reading
            // to the end also makes age check the final chunk.
            let mut rest = [0u8; 1];
            if stream.read(&mut rest).map_err(|_| Error::TamperedChangeFile)? != 0 {
                return Err(Error::TamperedChangeFile);
            }
            preamble
        };
        // Bytes after the age file are covered by the MAC too.
        let mut rest = Vec::new();
        MacReader { inner: &mut self.file, mac: &mut self.mac }
            .take(1 << 20)
            .read_to_end(&mut rest)
            .map_err(|_| Error::TamperedChangeFile)?;
        if self.mac.verify_slice(&self.header[64..96]).is_err() {
            return Err(Error::TamperedChangeFile);
        }
        Ok(preamble)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version() -> EntryVersion {
        EntryVersion {
            id: "ab".repeat(16),
            section: "past".into(),
            kind: "narrative".into(),
            audience: 3,
            sensitive: true,
            sealed_until: None,
            sort_date: Some("2019-06".into()),
            created_at: "2026-11-23T19:05:00.000Z".into(),
            updated_at: "2026-11-23T19:06:00.000Z".into(),
            author: Some("cd".repeat(16)),
            session_id: None,
            body: b"age-encryption.org/v1\n...".to_vec(),
            wraps: vec![("carer".into(), vec![1, 2, 3])],
            vv: Vv::single("r1", 7),
            rev: (7, "r1".into()),
            content_proof: Some("{}".into()),
            sharing_proof: None,
        }
    }

    fn decode(bytes: &[u8]) -> Field<Option<Record>> {
        let mut input = bytes;
        Decoder::new(&mut input).record()
    }

    #[test]
    fn a_page_version_round_trips() {
        let v = version();
        assert_eq!(decode_version(&encode_version(&v)).unwrap(), v);
    }

    #[test]
    fn hostile_lengths_and_counts_are_refused_before_allocating() {
        // A deletion record whose kind claims to be 4 GB long.
        let mut huge = vec![9u8];
        huge.extend(u32::MAX.to_be_bytes());
        assert!(decode(&huge).is_err());
        // A version vector naming a million replicas.
        let mut many = vec![9u8, 0, 0, 0, 1, b'e', 0, 0, 0, 1, b'x'];
        many.extend(1_000_000u32.to_be_bytes());
        assert!(decode(&many).is_err());
        // A blob claiming more than is there.
        let mut short = vec![4u8];
        short.extend(1000u32.to_be_bytes());
        short.extend([0u8; 10]);
        assert!(decode(&short).is_err());
        // A record kind this version does not know, and the end marker.
        assert!(decode(&[99]).is_err());
        assert!(matches!(decode(&[0]), Ok(None)));
        assert!(decode(&[]).is_err());
    }

    #[test]
    fn every_truncation_of_a_record_is_refused() {
        let mut bytes = Vec::new();
        Encoder { out: &mut bytes }
            .record(&Record::Entry { version: version(), position: 3, pos_vv: Vv::single("r2", 9) })
            .unwrap();
        assert!(matches!(decode(&bytes), Ok(Some(Record::Entry { position: 3, .. }))));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
