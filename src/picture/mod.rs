//! Pictures: photos, scanned artwork, keepsakes.
//!
//! A picture always belongs to an entry: a picture page (kind `picture`) or
//! a narrative, place or person page it is attached to. Everything about it
//! is sealed to that entry's data key, so it has exactly the entry's
//! audience and follows every consent change without re-encryption:
//!
//! * `pictures.info`: an age file holding [`Info`]: caption, sizes, and a
//!   SHA-256 of each copy. It names its own picture and entry ids, so a row
//!   moved or swapped is detected (`Tampered`).
//! * `picture_copies.data`: one age file per copy (thumb, print, full),
//!   each checked against the hash in `info` when read.
//! * `pictures.proof`: in a signed binder, the signature of whoever added
//!   or last changed it, over its ids and its sealed info
//!   ([`crate::signed::records`]), checked on every read: anyone the page is
//!   shared with holds its data key, so only the signature tells a picture
//!   its page's rules allowed from one added with `age` and `sqlite3`.
//!
//! Import is done in memory from bytes: nothing decrypted or decoded is
//! ever written to disk (no cache, no temp files; SQLite keeps its temp
//! data in memory). No copy keeps any metadata (see [`jpeg`] and
//! [`copies`]), and the original file name is never stored.
//!
//! Duplicates are found by a keyed hash ([`page_fingerprint`]: HMAC-SHA256
//! keyed from the page's own data key): only someone who holds that page's
//! key can compute it, so the fingerprint column tells nobody, member or
//! not, whether a photo they have is on a page kept from them. Pictures
//! stored before fingerprints were per page keep one keyed from the
//! binder-wide key ([`fingerprint`]); they are still found. The sealed
//! copies are padded ([`crate::padding`]), so their lengths do not match
//! a file someone has either (copies stored before padding still can:
//! docs/FORMAT.md says so).

mod copies;
mod decode;
pub mod jpeg;

use std::fmt;

use age::x25519;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::binder::Binder;
use crate::entry::sealed::OpenKey;
use crate::page::{page_name, picture_name, Kind, NewEntry};
use crate::error::{Error, Result};
use crate::keys::{self, from_json, to_json, Keyring};
use crate::signed::records::{self, PageAuthor, PictureFacts, Record};
use crate::store::{new_id, now, Db, EntryRow, PictureCopyRow, PictureRow};

pub use copies::{PRINT_LONG, PRINT_SHORT, THUMB_SIDE};
pub use crate::picture_size::Size;

/// The largest picture file read, in bytes.
pub const MAX_FILE: u64 = 100_000_000;
/// The largest width or height decoded.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels decoded (100 MP; today's largest phone sensors are 200 MP
/// but save 12–50 MP pictures by default).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Longest caption, in characters.
const MAX_CAPTION: usize = 2_000;

/// What a reader may know about a picture without fetching its pixels.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Picture {
    pub id: String,
    pub entry_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub position: i64,
    pub caption: String,
    /// Upright size of the full picture.
    pub width: u32,
    pub height: u32,
    pub copies: Vec<CopyInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CopyInfo {
    pub size: Size,
    pub mime: String,
    /// Stored pixel size (a full JPEG copy may be stored sideways, with
    /// `orientation` saying how to show it).
    pub width: u32,
    pub height: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// EXIF orientation (1–8) a viewer applies; 1 for every copy we encoded.
    pub orientation: u8,
    sha256: String,
}

/// A decrypted copy, handed out on purpose.
pub struct PictureCopy {
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Zeroizing<Vec<u8>>,
}

/// Never prints the picture itself.
impl fmt::Debug for PictureCopy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PictureCopy({}, {} × {}, {} bytes)", self.mime, self.width, self.height, self.bytes.len())
    }
}

/// What was added by [`Binder::add_picture`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AddedPicture {
    pub entry_id: String,
    pub picture_id: String,
}

/// `pictures.info`, sealed to the entry key.
#[derive(Serialize, Deserialize)]
struct Info {
    v: u8,
    picture: String,
    entry: String,
    caption: String,
    width: u32,
    height: u32,
    copies: Vec<CopyInfo>,
}

/// A verified picture's info and the key it is sealed to.
struct Opened {
    info: Info,
    recipient: x25519::Recipient,
}

/// A picture decoded and encoded, ready to seal: all the slow work, done
/// before any transaction opens.
struct Prepared {
    /// SHA-256 of the file as given: what its fingerprint on a page is
    /// made from ([`page_fingerprint`]).
    digest: [u8; 32],
    /// Kept as a second picture if the page has it already (one arriving
    /// from a brother's or sister's book, or copied), rather than refused.
    twin: bool,
    width: u32,
    height: u32,
    copies: Vec<(CopyInfo, Vec<u8>)>,
}

impl Binder {
    /// Add a picture page: `page` gives its section, title, audience and
    /// flags (its body must be [`crate::Body::Picture`]).
    pub fn add_picture(&self, keys: &Keyring, page: NewEntry, image: &[u8], caption: &str) -> Result<AddedPicture> {
        if page.body.kind() != Kind::Picture {
            return Err(Error::PictureBodyNeeded);
        }
        self.ensure_ours(keys)?;
        let caption = clean_caption(caption)?;
        let prepared = self.prepare_import(keys, image)?;
        let picture_id = new_id();
        let writer = Writer { binder_id: &self.id, keys };
        let entry_id = self.add_entry_with(keys, page, |tx, entry_id, data_key| {
            store(tx, writer, entry_id, &picture_id, data_key, prepared, caption)
        })?;
        Ok(AddedPicture { entry_id, picture_id })
    }

    /// Attach a picture to an existing page the member can read. It gets
    /// that page's audience.
    pub fn attach_picture(&self, keys: &Keyring, entry_id: &str, image: &[u8], caption: &str) -> Result<String> {
        self.ensure_ours(keys)?;
        let row = self.row(entry_id)?;
        if row.kind == Kind::Identity {
            return Err(Error::NoPicturesHere { kind: row.kind.as_str() });
        }
        let mut open = self.open_readable(keys, &row)?;
        self.may_change(keys, &row, crate::authority::PageAct::Share)?;
        let caption = clean_caption(caption)?;
        let prepared = self.prepare_import(keys, image)?;
        let picture_id = new_id();
        let renewed = self.renew_key(&row, &mut open, false)?;
        let tx = self.store.begin()?;
        if renewed {
            self.write_keys(tx.db(), &open.payload)?;
        }
        store(tx.db(), Writer { binder_id: &self.id, keys }, &row.id, &picture_id, &open.identity, prepared, caption)?;
        tx.touch_entry(&row.id, &now())?;
        self.sign_page(tx.db(), keys, &row.id, (&open.payload, &open.identity), false, None)?;
        tx.commit()?;
        Ok(picture_id)
    }

    /// The pictures on a page, in order, without their pixels.
    pub fn pictures(&self, keys: &Keyring, entry_id: &str) -> Result<Vec<Picture>> {
        self.ensure_ours(keys)?;
        let row = self.row(entry_id)?;
        let open = self.open_readable(keys, &row)?;
        let mut out = Vec::new();
        for picture in self.db().pictures_on(&row.id)? {
            self.check_signed(&row, &picture)?;
            let PictureRow { id, position, info: blob, .. } = picture;
            let info = open_info(&open, &id, &row.id, &blob)?;
            out.push(Picture {
                id,
                entry_id: row.id.clone(),
                position,
                caption: info.caption,
                width: info.width,
                height: info.height,
                copies: info.copies,
            });
        }
        Ok(out)
    }

    /// Find a picture by its id, or by a picture page's id (its first
    /// picture), or by a unique prefix of either of at least 4 characters.
    pub fn resolve_picture(&self, id_or_prefix: &str) -> Result<String> {
        let wanted = id_or_prefix.trim().to_ascii_lowercase();
        let not_found = || Error::NotFound { what: format!("A picture with id \"{}\"", id_or_prefix.trim()) };
        if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let ids = self.db().picture_ids_starting(&wanted)?;
        match ids.as_slice() {
            [one] => return Ok(one.clone()),
            [_, _] => return Err(Error::AmbiguousId { prefix: wanted }),
            _ => {}
        }
        let entry = self.resolve_id(&wanted).map_err(|e| match e {
            Error::NotFound { .. } => not_found(),
            other => other,
        })?;
        self.db()
            .first_picture_on(&entry)?
            .ok_or_else(|| Error::NotFound { what: format!("A picture on {}", page_name(&entry)) })
    }

    /// Decrypt one copy of a picture. The caller decides where it goes; the
    /// core never writes it anywhere. A full JPEG copy that needs turning
    /// comes back with a minimal EXIF block holding only its orientation,
    /// so any viewer shows it upright.
    pub fn picture_copy(&self, keys: &Keyring, picture_id: &str, size: Size) -> Result<PictureCopy> {
        let (_, open, info) = self.open_picture(keys, picture_id)?;
        let copy = info.copies.iter().find(|c| c.size == size).ok_or_else(|| Error::tampered(picture_name(picture_id)))?;
        let plain = read_copy(self.db(), &open, picture_id, copy)?;
        let bytes = match image::metadata::Orientation::from_exif(copy.orientation) {
            Some(o) if copy.orientation != 1 && size == Size::Full => Zeroizing::new(jpeg::with_orientation(&plain, o)),
            _ => plain,
        };
        Ok(PictureCopy { mime: copy.mime.clone(), width: copy.width, height: copy.height, bytes })
    }

    /// Change a picture's caption.
    pub fn set_caption(&self, keys: &Keyring, picture_id: &str, caption: &str) -> Result<()> {
        let caption = clean_caption(caption)?;
        self.rewrite_info(keys, picture_id, |db, info| {
            let entry = info.info.entry.clone();
            let sealed = keys::seal(&[&info.recipient], &to_json(&Info { caption, ..info.info }));
            let facts = PictureFacts { id: picture_id, entry: &entry, info: &sealed };
            let proof = records::sign_as(&self.id, &Record::Picture(facts, PageAuthor::Unknown), keys);
            db.set_picture_info(picture_id, &sealed, proof.as_deref())
        })
    }

    /// Remove one picture (and all its copies) from its page. Its removal
    /// is signed in its tombstone, so other copies can check who removed it.
    pub fn remove_picture(&self, keys: &Keyring, picture_id: &str) -> Result<()> {
        self.rewrite_info(keys, picture_id, |db, info| {
            db.delete_picture(picture_id)?;
            let removal = Record::PictureRemoved { id: picture_id, entry: &info.info.entry, author: PageAuthor::Unknown };
            match records::sign_as(&self.id, &removal, keys) {
                Some(proof) => db.set_tombstone_proof("picture", picture_id, &proof),
                None => Ok(()),
            }
        })
    }

    /// A picture's page id, the page's key and the picture's verified info,
    /// if the keyring may read the page now.
    fn open_picture(&self, keys: &Keyring, picture_id: &str) -> Result<(String, OpenKey, Info)> {
        self.ensure_ours(keys)?;
        let picture = self
            .db()
            .picture(picture_id)?
            .ok_or_else(|| Error::NotFound { what: format!("A picture with id \"{picture_id}\"") })?;
        let row = self.row(&picture.entry_id)?;
        let open = self.open_readable(keys, &row)?;
        self.check_signed(&row, &picture)?;
        let info = open_info(&open, picture_id, &row.id, &picture.info)?;
        Ok((row.id, open, info))
    }

    /// Refuse a picture whose signature does not hold by the rules of its
    /// page (`page`, already opened): `Tampered`, naming why.
    fn check_signed(&self, page: &EntryRow, picture: &PictureRow) -> Result<()> {
        let Some(state) = self.membership()? else { return Ok(()) };
        let proven = self.proven(page)?;
        let author = proven.as_ref().map_or(PageAuthor::Unknown, |p| PageAuthor::Known(p.author()));
        let facts = PictureFacts { id: &picture.id, entry: &picture.entry_id, info: &picture.info };
        let removal = self.db().tombstone_with_proof("picture", &picture.id)?.and_then(|(_, proof)| proof);
        let why = match records::problem(&state, &self.id, &Record::Picture(facts, author), picture.proof.as_deref()) {
            Err(why) => why,
            Ok(()) if records::removed_for_good(&state, &self.id, &picture.id, &picture.entry_id, author, removal.as_deref()) => {
                "it was removed, and put back outside the app"
            }
            Ok(()) => return Ok(()),
        };
        Err(Error::tampered(format!("{} ({why})", picture_name(&picture.id))))
    }

    /// Verify a picture the keyring may read, then change it (and touch its
    /// page) in one transaction.
    fn rewrite_info(&self, keys: &Keyring, picture_id: &str, change: impl FnOnce(Db<'_>, Opened) -> Result<()>) -> Result<()> {
        let (entry_id, mut open, info) = self.open_picture(keys, picture_id)?;
        let row = self.row(&entry_id)?;
        self.may_change(keys, &row, crate::authority::PageAct::Share)?;
        let renewed = self.renew_key(&row, &mut open, false)?;
        let tx = self.store.begin()?;
        if renewed {
            self.write_keys(tx.db(), &open.payload)?;
        }
        change(tx.db(), Opened { info, recipient: open.identity.to_public() })?;
        tx.touch_entry(&entry_id, &now())?;
        self.sign_page(tx.db(), keys, &entry_id, (&open.payload, &open.identity), false, None)?;
        tx.commit()?;
        self.scrub();
        Ok(())
    }

    /// Refuse a duplicate on a page the member can read, then decode and
    /// make the copies. The same photo on a page kept from them is not
    /// refused, nor mentioned: being told would let anyone test whether a
    /// photo is on a page hidden from them. It is kept as a second
    /// picture, with a fingerprint of its own.
    fn prepare_import(&self, keys: &Keyring, image: &[u8]) -> Result<Prepared> {
        let digest: [u8; 32] = Sha256::digest(image).into();
        if let Some(entry) = self.page_showing(keys, image, &digest)? {
            return Err(Error::DuplicatePicture { page: Some(page_name(&entry)) });
        }
        prepared(digest, false, image)
    }

    /// The page `keys` can read that has this picture already, if any: each
    /// readable page with pictures has its fingerprint of it looked for under
    /// each of the page's keys (a picture is keyed to the one current when it came),
    /// and so is the binder-wide one of pictures from before.
    fn page_showing(&self, keys: &Keyring, image: &[u8], digest: &[u8; 32]) -> Result<Option<String>> {
        let readable = |entry: &str| self.row(entry).and_then(|row| self.open_key(keys, &row));
        if let Some(entry) = self.db().page_with_picture(&fingerprint(keys, &self.id, image))? {
            if readable(&entry).is_ok() {
                return Ok(Some(entry));
            }
        }
        for entry in self.db().pages_with_pictures()? {
            // The key rows `keys` can open, each with its length.
            let (mut rows, mut any) = (Vec::new(), false);
            for role in keys.roles() {
                let row = self.db().entry_key_wrap(&entry, role)?.unwrap_or_default();
                any |= !row.is_empty();
                rows.extend((row.len() as u64).to_be_bytes());
                rows.extend(row);
            }
            if !any {
                continue; // no key row for us: not a page we can read
            }
            let derived = keys.fingerprint_keys.get_or_derive(&entry, rows, || match readable(&entry) {
                Ok(open) => std::iter::once(&open.identity).chain(&open.earlier).map(|key| fingerprint_key(key, &self.id)).collect(),
                Err(_) => Vec::new(),
            });
            for key in &derived {
                if self.db().page_with_picture(&keyed_fingerprint(key, digest, ""))?.as_deref() == Some(entry.as_str()) {
                    return Ok(Some(entry));
                }
            }
        }
        Ok(None)
    }

    /// A picture arriving on a page from another binder (a brother's or
    /// sister's offered page): its bytes come from a file, so they are
    /// decoded, stripped and copied again like any import. The same photo
    /// already here is not refused: it stays a second picture.
    pub(crate) fn prepare_arriving(&self, image: &[u8], caption: &str) -> Result<Arriving> {
        let caption = clean_caption(caption)?;
        let id = new_id();
        let digest: [u8; 32] = Sha256::digest(image).into();
        Ok(Arriving { id, caption, prepared: prepared(digest, true, image)? })
    }
}

/// A picture made ready by [`Binder::prepare_arriving`], to store with
/// [`store_arriving`] inside its page's transaction.
pub(crate) struct Arriving {
    id: String,
    caption: String,
    prepared: Prepared,
}

pub(crate) fn store_arriving(db: Db<'_>, writer: Writer<'_>, entry_id: &str, data_key: &x25519::Identity, picture: Arriving) -> Result<()> {
    store(db, writer, entry_id, &picture.id, data_key, picture.prepared, picture.caption)
}

/// Who writes a picture: the binder it goes into and the keyring that
/// signs it.
#[derive(Clone, Copy)]
pub(crate) struct Writer<'a> {
    pub binder_id: &'a str,
    pub keys: &'a Keyring,
}

/// Decode `image` and make its copies (all the slow work).
fn prepared(digest: [u8; 32], twin: bool, image: &[u8]) -> Result<Prepared> {
    let made = make_copies(image)?;
    let orientation = made.full_orientation.to_exif();
    let copies = made
        .copies
        .into_iter()
        .map(|c| {
            let info = CopyInfo {
                size: c.size,
                mime: c.mime.to_owned(),
                width: c.width,
                height: c.height,
                bytes: c.bytes.len() as u64,
                orientation: if c.size == Size::Full { orientation } else { 1 },
                sha256: hex(&Sha256::digest(&c.bytes)),
            };
            (info, c.bytes)
        })
        .collect();
    Ok(Prepared { digest, twin, width: made.width, height: made.height, copies })
}

/// Everything an import does to a file except storing it: decode under the
/// limits, strip, turn upright and make all three copies. Returns the
/// upright size. For checking files ahead of an import, and for fuzzing.
pub fn dry_run(image: &[u8]) -> Result<(u32, u32)> {
    let made = make_copies(image)?;
    Ok((made.width, made.height))
}

/// Decoders are the code that meets hostile bytes. Should one panic despite
/// the limits, the user gets "damaged", not a crashed app; nothing has been
/// written yet.
fn make_copies(image: &[u8]) -> Result<copies::Copies> {
    Ok(std::panic::catch_unwind(|| copies::make(decode::decode(image)?)).unwrap_or(Err(crate::PictureProblem::Damaged))?)
}

/// A picture exactly as stored (caption, sizes, the three copies), for
/// copying into another binder.
pub(crate) struct StoredPicture {
    caption: String,
    width: u32,
    height: u32,
    copies: Vec<(CopyInfo, Zeroizing<Vec<u8>>)>,
}

impl Binder {
    /// Every picture on a page with its stored copies, verified.
    pub(crate) fn stored_pictures(&self, keys: &Keyring, entry_id: &str) -> Result<Vec<StoredPicture>> {
        let row = self.row(entry_id)?;
        let open = self.open_readable(keys, &row)?;
        let mut out = Vec::new();
        for picture in self.db().pictures_on(&row.id)? {
            self.check_signed(&row, &picture)?;
            let PictureRow { id, info: blob, .. } = picture;
            let info = open_info(&open, &id, &row.id, &blob)?;
            let mut copies = Vec::new();
            for copy in &info.copies {
                copies.push((copy.clone(), read_copy(self.db(), &open, &id, copy)?));
            }
            out.push(StoredPicture { caption: info.caption, width: info.width, height: info.height, copies });
        }
        Ok(out)
    }
}

impl StoredPicture {
    pub(crate) fn caption(&self) -> &str {
        &self.caption
    }

    /// One stored copy's bytes (empty if it has none of that size).
    pub(crate) fn copy(&self, size: Size) -> &[u8] {
        self.copies.iter().find(|(c, _)| c.size == size).map_or(&[][..], |(_, b)| &b[..])
    }
}

/// Store a copied picture on a new page, inside that page's transaction.
pub(crate) fn store_copied(db: Db<'_>, keys: &Keyring, binder_id: &str, entry_id: &str, data_key: &x25519::Identity, picture: &StoredPicture) -> Result<()> {
    let full = picture.copy(Size::Full);
    let picture_id = new_id();
    // The original file is gone, so the fingerprint is of the full copy.
    let prepared = Prepared {
        digest: Sha256::digest(full).into(),
        twin: true,
        width: picture.width,
        height: picture.height,
        copies: picture.copies.iter().map(|(c, b)| (c.clone(), b.to_vec())).collect(),
    };
    store(db, Writer { binder_id, keys }, entry_id, &picture_id, data_key, prepared, picture.caption.clone())
}

/// Decrypt one stored copy and check it against the hash in its info.
fn read_copy(db: Db<'_>, data_key: &OpenKey, picture_id: &str, copy: &CopyInfo) -> Result<Zeroizing<Vec<u8>>> {
    let what = picture_name(picture_id);
    let data = db.picture_copy_data(picture_id, copy.size)?.ok_or_else(|| Error::tampered(what.clone()))?;
    let plain = data_key.unseal(&data).map_err(|e| e.into_error(&what))?;
    let bytes = crate::padding::unpad(&plain, copy.bytes).ok_or_else(|| Error::tampered(what.clone()))?;
    if hex(&Sha256::digest(bytes)) != copy.sha256 {
        return Err(Error::tampered(what));
    }
    Ok(Zeroizing::new(bytes.to_vec()))
}

/// Read a picture file chosen by the user, refusing one too big to be a
/// picture before reading it into memory.
pub fn read_image_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
    if len > MAX_FILE {
        return Err(crate::PictureProblem::FileTooBig { bytes: len, max_bytes: MAX_FILE }.into());
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Write a prepared picture under `entry_id`, sealed to its data key and
/// signed by `writer`.
fn store(
    db: Db<'_>,
    writer: Writer<'_>,
    entry_id: &str,
    picture_id: &str,
    data_key: &x25519::Identity,
    prepared: Prepared,
    caption: String,
) -> Result<()> {
    // Checked again inside the transaction: another window may have added
    // the same picture while this one was decoding. Only the same page
    // (its key) can give the same fingerprint.
    let mut fingerprint = page_fingerprint(data_key, writer.binder_id, &prepared.digest, "");
    if db.page_with_picture(&fingerprint)?.is_some() {
        if !prepared.twin {
            return Err(Error::DuplicatePicture { page: None });
        }
        fingerprint = page_fingerprint(data_key, writer.binder_id, &prepared.digest, picture_id);
    }
    let recipient = data_key.to_public();
    let info = Info {
        v: 1,
        picture: picture_id.to_owned(),
        entry: entry_id.to_owned(),
        caption,
        width: prepared.width,
        height: prepared.height,
        copies: prepared.copies.iter().map(|(info, _)| info.clone()).collect(),
    };
    let sealed = keys::seal(&[&recipient], &to_json(&info));
    let facts = PictureFacts { id: picture_id, entry: entry_id, info: &sealed };
    let proof = records::sign_as(writer.binder_id, &Record::Picture(facts, PageAuthor::Unknown), writer.keys);
    let row = PictureRow {
        id: picture_id.to_owned(),
        entry_id: entry_id.to_owned(),
        position: db.next_picture_position(entry_id)?,
        info: sealed,
        proof,
    };
    db.insert_picture(&row, &fingerprint, &now())?;
    for (copy, bytes) in &prepared.copies {
        // Padded, so the sealed copy's length does not name the photo.
        let padded = Zeroizing::new(crate::padding::pad(bytes));
        db.insert_picture_copy(&PictureCopyRow { picture_id, size: copy.size, data: keys::seal(&[&recipient], &padded) })?;
    }
    Ok(())
}

/// Decrypt and verify a picture's info against the row it was found in.
fn open_info(data_key: &OpenKey, picture_id: &str, entry_id: &str, blob: &[u8]) -> Result<Info> {
    let what = picture_name(picture_id);
    let plain = data_key.unseal(blob).map_err(|e| e.into_error(&what))?;
    let info: Info = from_json(&plain, &what)?;
    if info.v != 1 || info.picture != picture_id || info.entry != entry_id {
        return Err(Error::tampered(what));
    }
    Ok(info)
}

/// A picture's fingerprint on its page: HMAC-SHA256 over the SHA-256 of
/// the picture file (then, for a second one on the same page, its id),
/// keyed by [`keys::derive`] from the page's data key the picture is sealed
/// to, purpose `lifestory picture fingerprint v2`. Someone taken off the
/// page holds only its earlier keys, so they can test only pictures that
/// came while they could see it.
pub(crate) fn page_fingerprint(data_key: &x25519::Identity, binder_id: &str, digest: &[u8; 32], twin_id: &str) -> [u8; 32] {
    keyed_fingerprint(&fingerprint_key(data_key, binder_id), digest, twin_id)
}

/// The key of [`page_fingerprint`] for a page's data key.
fn fingerprint_key(data_key: &x25519::Identity, binder_id: &str) -> Zeroizing<[u8; 32]> {
    keys::derive(data_key, binder_id, "lifestory picture fingerprint v2")
}

/// [`page_fingerprint`] with its key already derived.
fn keyed_fingerprint(key: &[u8; 32], digest: &[u8; 32], twin_id: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key[..]).expect("HMAC takes any key length");
    mac.update(digest);
    mac.update(twin_id.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The binder-wide fingerprint of pictures stored before fingerprints were
/// per page (keyed from the common key, which every member holds), and of
/// the tie-break between two pictures of one fingerprint in an exchange
/// (src/sync/merge.rs).
pub(crate) fn fingerprint(keys: &Keyring, binder_id: &str, image: &[u8]) -> [u8; 32] {
    let key = keys::derive_common(keys, binder_id, "lifestory picture fingerprint v1");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key[..]).expect("HMAC takes any key length");
    mac.update(image);
    mac.finalize().into_bytes().into()
}

fn clean_caption(caption: &str) -> Result<String> {
    let c = caption.trim();
    if c.chars().count() > MAX_CAPTION {
        return Err(Error::CaptionTooLong { max_chars: MAX_CAPTION });
    }
    Ok(c.to_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_named_by_the_first_eight_characters_of_any_id() {
        assert_eq!(picture_name("0123456789abcdef"), "Picture 01234567");
        assert_eq!(picture_name("aaaaaaaé"), "Picture aaaaaaaé");
        assert_eq!(picture_name("ééééééééé"), "Picture éééééééé");
    }
}
