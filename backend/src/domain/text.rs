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

    #[test]
    fn tags_are_deduplicated_and_bounded() {
        let tags = Tags::parse(&["gym".into(), "gym".into(), " fit ".into()]).unwrap();
        assert_eq!(tags.into_inner(), vec!["gym", "fit"]);
        assert!(Tags::parse(&vec!["x".to_string(); 21]).is_err());
        assert!(Tags::parse(&[String::new()]).is_err());
    }
}
