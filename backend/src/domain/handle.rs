//! A TikTok handle in canonical form: lowercase, without `@`, 2 to 24 characters of ASCII
//! letters, digits, `_` and `.`, not ending in `.`. Accepts `name`, `@Name` and profile URLs.

use std::fmt;

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

impl Handle {
    pub const MIN_CHARS: usize = 2;
    pub const MAX_CHARS: usize = 24;
    /// Longest input taken, URL and all.
    pub const MAX_INPUT_CHARS: usize = 200;

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
        fn canonical_form_is_a_fixed_point(raw in "@?[A-Za-z0-9_.]{0,30}") {
            if let Ok(handle) = Handle::parse(&raw) {
                prop_assert_eq!(Handle::parse(handle.as_ref()), Ok(handle.clone()));
                prop_assert!(handle.as_ref().len() <= 24 && !handle.as_ref().ends_with('.'));
            }
        }
    }
}
