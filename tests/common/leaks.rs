//! Leak checks: "these words are nowhere in these bytes".
//!
//! What is searched is mostly ciphertext, compressed streams or JPEG data:
//! random-looking bytes, in which any short string turns up by chance. A
//! 2-byte name is in a random 30 KB file more often than not (30 000 / 65 536
//! expected hits), and it failed the suite that way: `siblings.rs` searched
//! an encrypted offer file for the carer's name "Jo". A marker of 12 bytes
//! is expected in random data once in 2^96 bytes, which is never. So every
//! leak check goes through [`assert_absent`] or its file and folder
//! variants, and they refuse (panic on) any marker shorter than
//! [`MIN_MARKER`]: give the test data a long unique marker, such as
//! "Biscuit-the-dog-7Q2", and search for that.
//!
//! A marker should also be a string the app would store as it is if it
//! leaked (the words of a page, a name, a JSON field as serialised), so the
//! check still fails when the plaintext really is there.

use std::path::{Path, PathBuf};

/// The shortest marker a leak check may search for, in bytes.
pub const MIN_MARKER: usize = 12;

/// Panics unless `marker` is long enough not to turn up by chance.
#[track_caller]
pub fn long_marker(marker: &[u8]) {
    assert!(
        marker.len() >= MIN_MARKER,
        "leak-check marker {} is {} bytes: a marker under {MIN_MARKER} bytes turns up in random ciphertext \
         by chance, so the test would fail by luck. Give the test data a long unique marker \
         (e.g. \"Biscuit-the-dog-7Q2\") and search for that.",
        describe(marker),
        marker.len(),
    );
}

/// The marker for a message: as text, or its first bytes in hex.
fn describe(marker: &[u8]) -> String {
    match std::str::from_utf8(marker) {
        Ok(text) => format!("{text:?}"),
        Err(_) => format!("the {} bytes {}…", marker.len(), marker.iter().take(8).map(|b| format!("{b:02x}")).collect::<String>()),
    }
}

fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether `haystack` holds `needle`, for checks that something *is* there
/// (a fixture carries its marker). Refuses short needles like the leak
/// checks do, so `!contains(..)` can't become a check that fails by luck.
#[track_caller]
pub fn contains(haystack: &[u8], needle: impl AsRef<[u8]>) -> bool {
    let needle = needle.as_ref();
    long_marker(needle);
    position(haystack, needle).is_some()
}

/// Panics if `marker` (12 bytes or more) is anywhere in `haystack`; `what`
/// says what the bytes are, for the message.
#[track_caller]
pub fn assert_absent(haystack: &[u8], marker: impl AsRef<[u8]>, what: &str) {
    let marker = marker.as_ref();
    long_marker(marker);
    if let Some(at) = position(haystack, marker) {
        panic!("{} is in {what} (at byte {at} of {})", describe(marker), haystack.len());
    }
}

/// The file at `path` and, when they exist, its SQLite `-wal` and `-shm`
/// beside it: where a binder's bytes are.
pub fn file_and_journal(path: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = vec![(path.to_owned(), std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))];
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if let Ok(bytes) = std::fs::read(&p) {
            files.push((p, bytes));
        }
    }
    files
}

/// [`assert_absent`] on the file at `path`, and on its `-wal` and `-shm`
/// when it has them (a binder's words could be in its journal).
#[track_caller]
pub fn assert_absent_from_file(path: &Path, marker: impl AsRef<[u8]>) {
    for (file, bytes) in file_and_journal(path) {
        assert_absent(&bytes, marker.as_ref(), &file.display().to_string());
    }
}

/// Every file under `dir`, at any depth (symbolic links not followed).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let e = e.unwrap();
        let kind = e.file_type().unwrap();
        if kind.is_dir() {
            out.extend(files_under(&e.path()));
        } else if kind.is_file() {
            out.push(e.path());
        }
    }
    out.sort();
    out
}

/// [`assert_absent`] on every file under `dir`; the message names the file.
#[track_caller]
pub fn assert_absent_from_folder(dir: &Path, marker: impl AsRef<[u8]>) {
    for file in files_under(dir) {
        assert_absent(&std::fs::read(&file).unwrap(), marker.as_ref(), &file.display().to_string());
    }
}
