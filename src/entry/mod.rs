//! Pages of the book: narratives, life-map stops, people, identity fields.
//!
//! # How an entry is stored
//!
//! Each entry has its own X25519 *data key*. Its content (body, date, author)
//! is one age file sealed to that key (`entries.body`). The data key's
//! secret, with the title and the entry's plaintext facts, is sealed once per
//! keyed role in the audience (`entry_keys`, one row per role). So:
//!
//! * consent is enforced by keys: a role with no `entry_keys` row cannot
//!   decrypt anything of the entry;
//! * a consent change rewraps a few hundred bytes, never the content;
//! * listing needs one X25519 operation per entry (the key row has the title);
//! * the key payload repeats the row's id, section, kind, audience, flags,
//!   and the content repeats the id and kind, and every read compares them
//!   with the plaintext columns: a swapped or edited row is reported as
//!   tampering, never shown.
//!
//! # Where things are
//!
//! * [`crate::page`]: the plain data (sections, kinds, bodies, new pages,
//!   edits, listings), below the store so that it and every module may use
//!   it without depending on what pages do;
//! * [`sealed`]: the envelopes, opening a page's key and the binding checks;
//! * `ops`: what readers and writers do (add, list, show, edit, move,
//!   delete);
//! * the SQL is in `store/entries.rs`.

mod ops;
pub(crate) mod sealed;

pub use crate::page::{
    Body, Closeness, Entry, EntryEdit, EntrySummary, IdentityField, Kind, Listing, NewEntry, PlaceKind, SealedLetter,
    Section,
};
pub(crate) use sealed::open_key_wrap;
/// The plaintext row, under the name members and sync use.
pub(crate) use crate::store::EntryRow as Row;
