//! What passphrase a member may choose.
//!
//! A stolen binder is attacked offline at its weakest wrap (each member's
//! wrap is an age scrypt file, docs/FORMAT.md), so a passphrase has to
//! resist guessing, not only be long. It is scored with zxcvbn (the Rust
//! port of Dropbox's estimator), with the member's and the child's names
//! counted against it (they are the first guesses, and member names are
//! plaintext in the file), and needs zxcvbn's top score, [`MIN_SCORE`]:
//! an estimated 10^10 guesses or more, each costing about a second of
//! scrypt work, out of reach of someone trying from a stolen copy. (Score
//! 3 let "kaimorgan2015" through for a child called Kai Morgan.)
//!
//! Passphrases set before this check keep working; only a new one (a new
//! member, a change) is scored.

use age::secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// The shortest passphrase a member may choose, in characters.
pub const MIN_CHARS: usize = 8;
/// The lowest zxcvbn score accepted (0 to 4; 4 is "very unguessable:
/// strong protection from an offline slow-hash attack").
pub const MIN_SCORE: u8 = 4;

/// 256 words a child can picture, for [`suggestion`].
const WORDS: &str = include_str!("../assets/words/passphrase-words.txt");

/// Refuse a passphrase that is too short, or easy to guess given `names`
/// (the member's, the child's: whatever someone would try first).
pub(crate) fn check<S: AsRef<str>>(passphrase: &SecretString, names: &[S]) -> Result<()> {
    let text = passphrase.expose_secret();
    if text.chars().count() < MIN_CHARS {
        return Err(Error::PassphraseTooShort { min_chars: MIN_CHARS });
    }
    // Each name, and each part of it: "Kai Morgan-Llewellyn" is tried as
    // "kai", "morgan" and "llewellyn" too.
    // Lowercase: zxcvbn matches the passphrase lowercased against them.
    let mut inputs: Vec<String> = names.iter().map(|n| n.as_ref().trim().to_lowercase()).filter(|n| !n.is_empty()).collect();
    let parts: Vec<String> = inputs.iter().flat_map(|n| n.split(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    inputs.extend(parts);
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    if u8::from(zxcvbn::zxcvbn(text, &inputs).score()) < MIN_SCORE {
        return Err(Error::WeakPassphrase);
    }
    Ok(())
}

/// Five different random words from a list of 256 (about 40 bits: with
/// the scrypt work on every guess, years of trying), to show someone
/// choosing a passphrase. Different, because zxcvbn rightly scores a word
/// said twice in a row as one guess: a repeat could make the app suggest a
/// passphrase it then refuses. Never stored or logged.
pub fn suggestion() -> String {
    let words: Vec<&str> = WORDS.lines().filter(|w| !w.is_empty()).collect();
    let mut picked: Vec<&str> = Vec::with_capacity(5);
    while picked.len() < 5 {
        let mut byte = [0u8; 1];
        getrandom::getrandom(&mut byte).expect("the system's random source");
        let word = words[usize::from(byte[0]) % words.len()];
        if !picked.contains(&word) {
            picked.push(word);
        }
    }
    picked.join(" ")
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
        ("kaimorgan2015", &["Jo", "Kai Morgan-Llewellyn"], false),
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
        // Many, since they are random: every one must be one the app accepts.
        for _ in 0..300 {
            let s = suggestion();
            let words: Vec<&str> = s.split(' ').collect();
            assert_eq!(words.len(), 5);
            assert!(words.iter().all(|w| list.contains(w)), "{s}");
            assert!(words.iter().enumerate().all(|(i, w)| !words[..i].contains(w)), "a word twice: {s}");
            assert!(check(&SecretString::from(s.clone()), &["Jo", "Amira"]).is_ok(), "{s}");
        }
    }
}
