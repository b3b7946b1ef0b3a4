//! A password that meets zzyzx's policy (NIST SP 800-63B-4 for single-factor accounts):
//! 15 to 128 Unicode scalar values, any characters, never truncated or changed, and not built from
//! one of the 10,000 most common passwords (ranked list from the zxcvbn project, in
//! `common-passwords.txt`) padded with digits or punctuation, as in "password1234567".

use secrecy::{ExposeSecret, SecretString};
use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

pub struct Password(SecretString);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordError {
    TooShort,
    TooLong,
    Common,
}

impl fmt::Display for PasswordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordError::TooShort => {
                write!(f, "must be at least {} characters", Password::MIN_CHARS)
            }
            PasswordError::TooLong => {
                write!(f, "must be at most {} characters", Password::MAX_CHARS)
            }
            PasswordError::Common => f.write_str("is too common; choose a longer, less predictable passphrase"),
        }
    }
}

static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().filter(|l| !l.is_empty()).collect());

impl Password {
    pub const MIN_CHARS: usize = 15;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: String) -> Result<Self, PasswordError> {
        let length = raw.chars().count();
        if length < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if length > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        if is_predictable(&raw) {
            return Err(PasswordError::Common);
        }
        Ok(Self(SecretString::from(raw)))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// A common password, a common password padded with digits or punctuation, only digits and
/// punctuation, or one short unit repeated.
fn is_predictable(raw: &str) -> bool {
    let lower = raw.to_lowercase();
    let core = lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ');
    core.is_empty()
        || COMMON_PASSWORDS.contains(lower.as_str())
        || COMMON_PASSWORDS.contains(core)
        || is_one_repeated_unit(core)
}

/// "aaaaaaaaaaaaaaa", "abcabcabcabcabc", "passwordpassword": one unit said over and over.
fn is_one_repeated_unit(raw: &str) -> bool {
    let chars: Vec<char> = raw.chars().collect();
    (1..=chars.len() / 2)
        .any(|unit| chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|c| c == &chars[..unit]))
}

impl std::error::Error for PasswordError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_matches_the_documented_cases() {
        let cases: [(String, Result<(), PasswordError>); 6] = [
            ("abcdefghijklmn".into(), Err(PasswordError::TooShort)), // 14 characters
            ("correct horse b".into(), Ok(())),                      // 15
            ("xyzzy-plover-".repeat(9) + "abcdefghijk", Ok(())),     // 128
            ("xyzzy-plover-".repeat(9) + "abcdefghijkl", Err(PasswordError::TooLong)),
            ("password1234567".into(), Err(PasswordError::Common)),
            ("🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔🐧🐦🐤🦆".repeat(4) + "🦅", Ok(())),
        ];
        for (raw, expected) in cases {
            let got = Password::parse(raw.clone()).map(|_| ());
            assert_eq!(got, expected, "{} characters: {raw:?}", raw.chars().count());
        }
    }

    #[test]
    fn padded_and_doubled_common_passwords_are_refused() {
        for raw in
            ["Password1234567!", "!!!qwerty1234567890", "123456789012345", "passwordpassword", "monkeymonkeymonkey"]
        {
            assert!(is_predictable(raw), "{raw:?} should be refused");
        }
        assert!(!is_predictable("sourdough starter saga"));
    }

    #[test]
    fn repeated_units_are_common() {
        assert!(is_one_repeated_unit("aaaaaaaaaaaaaaa"));
        assert!(is_one_repeated_unit("abcabcabcabcabc"));
        assert!(!is_one_repeated_unit("abcabcabcabcabd"));
    }

    #[test]
    fn the_shipped_list_is_loaded() {
        assert!(COMMON_PASSWORDS.len() >= 1000, "only {} common passwords", COMMON_PASSWORDS.len());
    }
}
