//! Free text from users (descriptions, notes, tags): NFC-normalised, no control or bidi-override
//! characters, bounded in characters.

use std::fmt;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    TooShort { min: usize },
    TooLong { max: usize },
    ForbiddenCharacter,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::TooShort { min } => write!(f, "must be at least {min} characters"),
            TextError::TooLong { max } => write!(f, "must be at most {max} characters"),
            TextError::ForbiddenCharacter => {
                f.write_str("must not contain control, NUL or bidirectional-override characters")
            }
        }
    }
}

/// Whitespace as Rust's `trim` sees it (Unicode `White_Space`), as a regex class literal, for the
/// patterns of input that is trimmed before it is checked.
macro_rules! whitespace_class {
    () => {
        r"[\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    };
}
pub(crate) use whitespace_class;

/// What [`clean`] accepts, as JSON Schema patterns for the OpenAPI document (written in the common
/// subset of ECMA-262, Rust's `regex` and Python's `re`): one line that is not blank (format
/// `text-line`, `clean(raw, 1, _, false)`), and text that may span lines and be empty (format
/// `text-block`, `clean(raw, 0, _, true)`). Lengths are stated apart, as `minLength`/`maxLength`.
pub const LINE_PATTERN: &str = concat!(
    r"^[^\x00-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*",
    r"[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000]",
    r"[^\x00-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
);
/// Input that is trimmed and must not end up empty: some character that is not whitespace.
pub const NON_BLANK_PATTERN: &str = r"[^\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";
pub const BLOCK_PATTERN: &str = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$";

/// Characters that may never appear in stored text. `allow_newlines` admits `\n` and `\t` for
/// multi-line fields such as notes.
fn is_forbidden(c: char, allow_newlines: bool) -> bool {
    if allow_newlines && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Normalises `raw` to trimmed NFC and checks its characters and length in Unicode scalar
/// values: at most `max` as sent (the way JSON Schema's `maxLength` counts) and once normalised
/// (NFC lengthens a few rare characters, such as `יִ`), at least `min` once trimmed.
pub fn clean(raw: &str, min: usize, max: usize, allow_newlines: bool) -> Result<String, TextError> {
    if raw.chars().any(|c| is_forbidden(c, allow_newlines)) {
        return Err(TextError::ForbiddenCharacter);
    }
    if raw.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    let normalized: String = raw.trim().nfc().collect();
    let length = normalized.chars().count();
    if length < min {
        return Err(TextError::TooShort { min });
    }
    if length > max {
        return Err(TextError::TooLong { max });
    }
    Ok(normalized)
}

/// Multi-line free text, such as a description or a note: 0 to `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeText<const MAX: usize>(String);

impl<const MAX: usize> FreeText<MAX> {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        clean(raw, 0, MAX, true).map(Self)
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<const MAX: usize> AsRef<str> for FreeText<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A set of short labels on a list item: at most 20 tags of 1 to 40 characters, de-duplicated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags(Vec<String>);

impl Tags {
    pub const MAX_TAGS: usize = 20;
    pub const MAX_TAG_CHARS: usize = 40;

    pub fn parse(raw: &[String]) -> Result<Self, TextError> {
        if raw.len() > Self::MAX_TAGS {
            return Err(TextError::TooLong { max: Self::MAX_TAGS });
        }
        let mut tags: Vec<String> = Vec::with_capacity(raw.len());
        for tag in raw {
            let tag = clean(tag, 1, Self::MAX_TAG_CHARS, false)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(Self(tags))
    }

    pub fn into_inner(self) -> Vec<String> {
        self.0
    }
}

impl std::error::Error for TextError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_and_nfd_spellings_are_stored_alike() {
        let nfd = "E\u{301}quipe";
        assert_eq!(clean(nfd, 1, 10, false).unwrap(), "\u{c9}quipe");
    }

    #[test]
    fn nul_controls_and_bidi_overrides_are_refused() {
        for bad in ["a\0b", "a\u{7}b", "a\u{202E}b", "a\u{2067}b", "a\nb"] {
            assert_eq!(clean(bad, 0, 10, false), Err(TextError::ForbiddenCharacter), "{bad:?}");
        }
        assert!(clean("line one\nline two", 0, 100, true).is_ok());
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(clean(&"🚀".repeat(10), 1, 10, false).is_ok());
        assert_eq!(clean(&"🚀".repeat(11), 1, 10, false), Err(TextError::TooLong { max: 10 }));
        assert_eq!(clean("   ", 1, 10, false), Err(TextError::TooShort { min: 1 }));
    }

    proptest::proptest! {
        #[test]
        fn the_patterns_accept_what_clean_accepts(
            raw in "[a-zé🚀 \t\n\r\x00-\x1f\u{7f}-\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}-\u{202f}\u{2066}-\u{2069}\u{3000}\u{feff}]{0,8}"
        ) {
            let matches = |pattern: &str| regex::Regex::new(pattern).unwrap().is_match(&raw);
            proptest::prop_assert_eq!(matches(LINE_PATTERN), clean(&raw, 1, 100, false).is_ok(), "line {:?}", raw);
            proptest::prop_assert_eq!(matches(BLOCK_PATTERN), clean(&raw, 0, 100, true).is_ok(), "block {:?}", raw);
            proptest::prop_assert_eq!(matches(NON_BLANK_PATTERN), !raw.trim().is_empty(), "non-blank {:?}", raw);
        }
    }

    #[test]
    fn tags_are_deduplicated_and_bounded() {
        let tags = Tags::parse(&["gym".into(), "gym".into(), " fit ".into()]).unwrap();
        assert_eq!(tags.into_inner(), vec!["gym", "fit"]);
        assert!(Tags::parse(&vec!["x".to_string(); 21]).is_err());
        assert!(Tags::parse(&[String::new()]).is_err());
    }
}
