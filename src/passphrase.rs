//! What passphrase a member may choose.
//!
//! A stolen binder is attacked offline at its weakest wrap (each member's
//! wrap is an age scrypt file, docs/FORMAT.md), so a passphrase has to
//! resist guessing, not only be long. It is scored with zxcvbn (the Rust
//! port of Dropbox's estimator), with the member's and the child's names
//! counted against it (they are the first guesses, and member names are
//! plaintext in the file), and needs a score of at least [`MIN_SCORE`]:
//! more than 10^8 guesses, which at about a second of scrypt work each is
//! out of reach of someone trying from a copy.
//!
//! Passphrases set before this check keep working; only a new one (a new
//! member, a change) is scored.

use age::secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// The shortest passphrase a member may choose, in characters.
pub const MIN_CHARS: usize = 8;
/// The lowest zxcvbn score accepted (0 to 4; 3 is "safely unguessable:
/// moderate protection from an offline slow-hash attack").
pub const MIN_SCORE: u8 = 3;

/// 256 words a child can picture, for [`suggestion`].
const WORDS: &str = include_str!("../assets/words/passphrase-words.txt");

/// Refuse a passphrase that is too short, or easy to guess given `names`
/// (the member's, the child's: whatever someone would try first).
pub(crate) fn check<S: AsRef<str>>(passphrase: &SecretString, names: &[S]) -> Result<()> {
    let text = passphrase.expose_secret();
    if text.chars().count() < MIN_CHARS {
        return Err(Error::PassphraseTooShort { min_chars: MIN_CHARS });
    }
    // Each name, and each word of it: "Amira Hassan" is tried as "amira" too.
    let mut inputs: Vec<&str> = names.iter().map(|n| n.as_ref().trim()).filter(|n| !n.is_empty()).collect();
    inputs.extend(names.iter().flat_map(|n| n.as_ref().split_whitespace()));
    if u8::from(zxcvbn::zxcvbn(text, &inputs).score()) < MIN_SCORE {
        return Err(Error::WeakPassphrase);
    }
    Ok(())
}

/// Five random words from a list of 256 (40 bits: with the scrypt work on
/// every guess, years of trying), to show someone choosing a passphrase.
/// Never stored or logged.
pub fn suggestion() -> String {
    let words: Vec<&str> = WORDS.lines().filter(|w| !w.is_empty()).collect();
    let mut picks = [0u8; 5];
    getrandom::getrandom(&mut picks).expect("the system's random source");
    picks.iter().map(|&i| words[usize::from(i) % words.len()]).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (passphrase, names counted against it, accepted)
    const TABLE: &[(&str, &[&str], bool)] = &[
        ("password1", &[], false),
        ("amira2015", &["Jo", "Amira Hassan"], false),
        ("jo's password", &["Jo", "Amira Hassan"], false),
        ("Amira Hassan", &["Jo", "Amira Hassan"], false),
        ("hassanamira", &["Jo", "Amira Hassan"], false),
        ("qwertyuiop", &[], false),
        ("otter lantern maple drum", &["Jo", "Amira"], true),
        ("jo's kitchen table passphrase", &["Jo", "Amira"], true),
    ];

    #[test]
    fn weak_passphrases_and_names_are_refused_and_four_words_pass() {
        for &(pass, names, accepted) in TABLE {
            let got = check(&SecretString::from(pass.to_owned()), names);
            assert_eq!(got.is_ok(), accepted, "{pass:?} with {names:?}: {got:?}");
        }
        assert!(matches!(check::<&str>(&SecretString::from("é".repeat(MIN_CHARS - 1)), &[]), Err(Error::PassphraseTooShort { .. })));
    }

    #[test]
    fn a_suggestion_is_five_listed_words_and_passes() {
        let list: Vec<&str> = WORDS.lines().collect();
        assert_eq!(list.len(), 256, "one byte picks a word without bias");
        let s = suggestion();
        assert_eq!(s.split(' ').count(), 5);
        assert!(s.split(' ').all(|w| list.contains(&w)), "{s}");
        assert!(check(&SecretString::from(s.clone()), &["Jo", "Amira"]).is_ok(), "{s}");
    }
}
