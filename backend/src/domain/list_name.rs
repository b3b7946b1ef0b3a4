//! The name of a list: 1 to 100 characters after trimming, NFC, no control characters.

use super::text::{TextError, clean};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListName(String);

impl ListName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, TextError> {
        clean(raw, 1, Self::MAX_CHARS, false).map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl AsRef<str> for ListName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_documented_cases() {
        assert!(ListName::parse(&"a".repeat(100)).is_ok());
        assert!(ListName::parse(&"a".repeat(101)).is_err());
        assert!(ListName::parse("a\u{0}b").is_err());
        assert_eq!(ListName::parse("  Équipe 🚀 ").unwrap().as_ref(), "Équipe 🚀");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(raw in "\\PC{0,120}") {
            if let Ok(name) = ListName::parse(&raw) {
                let again = ListName::parse(name.as_ref()).expect("a parsed name parses again");
                prop_assert_eq!(again, name);
            }
        }
    }
}
