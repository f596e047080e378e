//! Life Story Binder core: one child's encrypted life story book.
//!
//! The core is the product: the `lifestory` CLI and the desktop app are thin
//! adapters over these functions. Start at [`Binder`]: create or open a
//! file, unlock it into a [`Keyring`], then read and write pages with it.
//!
//! Consent is enforced by keys (see [`entry`] for how an entry is stored and
//! [`keys`] for the envelopes): a page not shared with a role cannot be
//! decrypted with that role's key.

pub mod attempts;
pub mod audience;
pub(crate) mod authority;
pub mod backup;
pub mod binder;
pub mod book;
pub mod consent;
pub mod date;
pub mod entry;
pub mod error;
pub mod export;
pub mod handover;
pub mod keys;
pub mod language;
pub mod letters;
pub mod markdown;
pub mod oversight;
pub mod padding;
pub mod page;
pub mod passphrase;
pub mod members;
pub mod membership;
pub mod new_binder;
pub mod picture;
pub mod picture_size;
pub mod preferences;
pub mod profile;
pub mod prompts;
pub mod rules;
pub mod session;
pub(crate) mod signed;
pub mod signing;
pub mod siblings;
pub(crate) mod store;
pub mod sync;

pub use age::secrecy::SecretString;
pub use attempts::Attempts;
pub use audience::{Audience, Party, Role};
pub use binder::{Binder, Member};
pub use new_binder::NewBinder;
pub use consent::{Ledger, LedgerRecord};
pub use date::ApproxDate;
pub use entry::{Body, Closeness, Entry, EntryEdit, EntrySummary, IdentityField, Kind, Listing, NewEntry, PlaceKind, Section};
pub use error::{Error, PictureProblem, Result};
pub use picture::{AddedPicture, Picture, PictureCopy, Size};
pub use keys::{Actor, KeyCost, Keyring, RecoveryKey};
pub use members::{MemberAdded, MemberRemoved, RotateReport};
pub use membership::{AddedBy, Integrity, People, Person};
pub use oversight::{Change, Oversight};
pub use preferences::{Preferences, TextSize};
pub use profile::Profile;
pub use rules::Rules;
pub use store::CheckReport;
pub use backup::{Pruned, SessionEnded};
pub use session::{Feeling, Session, SessionLog};
pub use siblings::{FromSibling, GroupCode, Offer, OfferPreview, Offered};
pub use sync::{Conflict, Exported, FolderExchange, Imported, Keep};

/// For the crate's own tests: a binder made by carer Jo, at a cheap scrypt
/// cost, in `dir`, and the passphrase each test member uses.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{Binder, KeyCost, Keyring, NewBinder, Role, SecretString};

    pub(crate) fn pass(who: &str) -> SecretString {
        SecretString::from(format!("{who} passphrase for tests"))
    }

    /// The binder and Jo's keyring; `others` are added by Jo, in order.
    pub(crate) fn binder(dir: &std::path::Path, others: &[(&str, Role)]) -> (Binder, Keyring) {
        let new = NewBinder { child_name: "Amira", member_name: "Jo", role: Role::Carer, passphrase: pass("Jo"), cost: KeyCost::insecure_for_tests() };
        let (binder, _) = Binder::create(&dir.join("b.binder"), new).unwrap();
        let jo = binder.unlock("Jo", &pass("Jo")).unwrap();
        for &(name, role) in others {
            binder.add_member(&jo, name, role, &pass(name), KeyCost::insecure_for_tests()).unwrap();
        }
        (binder, jo)
    }
}

