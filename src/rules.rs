//! The rules the window must hold to exactly as the core does, in one
//! value it can ask for (the app's `rules` command), so no number is
//! copied into the UI. The core still checks each one itself.

use serde::Serialize;

/// What a form may accept before the core is asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Rules {
    /// The shortest passphrase a member may choose, in characters (Unicode
    /// scalar values: `[...text].length` in JavaScript, not `.length`).
    pub min_passphrase_chars: usize,
    /// The longest member name, in characters.
    pub max_member_name_chars: usize,
}

/// The rules as the core enforces them.
pub fn rules() -> Rules {
    Rules {
        min_passphrase_chars: crate::binder::MIN_PASSPHRASE_CHARS,
        max_member_name_chars: crate::binder::MAX_MEMBER_NAME_CHARS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_rule_is_the_one_creation_checks() {
        use crate::binder::MIN_PASSPHRASE_CHARS;
        assert_eq!(rules().min_passphrase_chars, 8);
        let dir = tempfile::tempdir().unwrap();
        let err = crate::Binder::create(
            &dir.path().join("rules.binder"),
            crate::NewBinder {
                child_name: "Amira",
                member_name: "Jo",
                role: crate::Role::Carer,
                passphrase: crate::SecretString::from("é".repeat(MIN_PASSPHRASE_CHARS - 1)),
                cost: crate::KeyCost::insecure_for_tests(),
            },
        )
        .err()
        .expect("a short passphrase is refused");
        assert!(matches!(err, crate::Error::PassphraseTooShort { min_chars: MIN_PASSPHRASE_CHARS }), "{err:?}");
    }
}
