//! A TikTok handle in canonical form: lowercase, without `@`, 2 to 24 characters of ASCII
//! letters, digits, `_` and `.`, not ending in `.`. Accepts `name`, `@Name` and profile URLs.

use std::fmt;

use super::text::whitespace_class;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Handle(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidHandle;

impl fmt::Display for InvalidHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "must be a TikTok handle (2 to 24 letters, digits, '_' or '.', not ending in '.'), \
             optionally with '@' or as a tiktok.com profile URL",
        )
    }
}

/// A handle as typed, unanchored: `name`, `@name` or a profile URL (whatever follows the handle).
macro_rules! handle_as_typed {
    () => {
        concat!(
            r"(?:@?[A-Za-z0-9_.]{1,23}[A-Za-z0-9_]",
            r"|(?:https?://)?(?:www\.|m\.)?tiktok\.com/@[A-Za-z0-9_.]{1,23}[A-Za-z0-9_](?:[/?#][\s\S]*)?)"
        )
    };
}

impl Handle {
    pub const MIN_CHARS: usize = 2;
    pub const MAX_CHARS: usize = 24;
    /// Longest input taken, URL and all.
    pub const MAX_INPUT_CHARS: usize = 200;
    /// What [`Handle::parse`] accepts (up to [`Handle::MAX_INPUT_CHARS`]), as a JSON Schema pattern.
    pub const PATTERN: &str = concat!("^", whitespace_class!(), "*", handle_as_typed!(), whitespace_class!(), "*$");
    /// The same, or nothing but whitespace (a field left blank).
    pub const PATTERN_OR_BLANK: &str =
        concat!("^", whitespace_class!(), "*(?:", handle_as_typed!(), ")?", whitespace_class!(), "*$");

    pub fn parse(raw: &str) -> Result<Self, InvalidHandle> {
        if raw.chars().count() > Self::MAX_INPUT_CHARS {
            return Err(InvalidHandle);
        }
        let raw = raw.trim();
        let candidate = Self::from_profile_url(raw).unwrap_or(raw);
        let candidate = candidate.strip_prefix('@').unwrap_or(candidate);
        let valid_chars = candidate.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        if !valid_chars || !(Self::MIN_CHARS..=Self::MAX_CHARS).contains(&candidate.len()) || candidate.ends_with('.') {
            return Err(InvalidHandle);
        }
        Ok(Self(candidate.to_ascii_lowercase()))
    }

    /// `https://www.tiktok.com/@name`, `tiktok.com/@name/video/123?lang=en` → `@name`.
    fn from_profile_url(raw: &str) -> Option<&str> {
        let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://")).unwrap_or(raw);
        let rest = rest.strip_prefix("www.").or_else(|| rest.strip_prefix("m.")).unwrap_or(rest);
        let path = rest.strip_prefix("tiktok.com/")?;
        let segment = path.split(['/', '?', '#']).next()?;
        segment.starts_with('@').then_some(segment)
    }
}

impl AsRef<str> for Handle {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidHandle {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_names_at_names_and_profile_urls() {
        let cases = [
            ("mayabakes", "mayabakes"),
            ("@Some.User_1", "some.user_1"),
            ("https://www.tiktok.com/@MayaBakes", "mayabakes"),
            ("tiktok.com/@maya.bakes/video/7468123456789012345?lang=en", "maya.bakes"),
            ("https://m.tiktok.com/@ab", "ab"),
        ];
        for (raw, expected) in cases {
            assert_eq!(Handle::parse(raw).map(|h| h.0), Ok(expected.to_string()), "{raw}");
        }
    }

    #[test]
    fn refuses_look_alikes_and_bad_lengths() {
        let cyrillic_e = "som\u{435}_user";
        for raw in [cyrillic_e, "a", &"a".repeat(25), "name.", "na me", "", "@", "ｆｕｌｌ", "https://evil.com/@maya"]
        {
            assert_eq!(Handle::parse(raw), Err(InvalidHandle), "{raw:?} should be refused");
        }
    }

    proptest! {
        #[test]
        fn the_patterns_accept_what_parse_accepts(
            raw in "[ \t@]{0,2}((https?://)?(www\\.|m\\.)?tiktok\\.com/)?@?[a-zA-Z0-9_.]{0,26}([/?#][a-z ]{0,4})?[ \u{85}]{0,2}|[ -~é]{0,12}"
        ) {
            let matches = |pattern: &str| regex::Regex::new(pattern).unwrap().is_match(&raw);
            prop_assert_eq!(matches(Handle::PATTERN), Handle::parse(&raw).is_ok(), "{:?}", raw);
            let blank_or_valid = raw.trim().is_empty() || Handle::parse(&raw).is_ok();
            prop_assert_eq!(matches(Handle::PATTERN_OR_BLANK), blank_or_valid, "{:?}", raw);
        }

        #[test]
        fn canonical_form_is_a_fixed_point(raw in "@?[A-Za-z0-9_.]{0,30}") {
            if let Ok(handle) = Handle::parse(&raw) {
                prop_assert_eq!(Handle::parse(handle.as_ref()), Ok(handle.clone()));
                prop_assert!(handle.as_ref().len() <= 24 && !handle.as_ref().ends_with('.'));
            }
        }
    }
}
