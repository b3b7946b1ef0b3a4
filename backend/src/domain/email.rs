//! An e-mail address, compared case-insensitively: stored trimmed and lowercased.

use std::fmt;
use validator::ValidateEmail;

use super::text::whitespace_class;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidEmail;

impl fmt::Display for InvalidEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("must be a valid e-mail address of at most 254 characters")
    }
}

impl Email {
    /// The addresses [`Email::parse`] takes with an ASCII domain, as a JSON Schema pattern (the
    /// HTML form rules the `validator` crate applies: up to 64 characters before the `@`).
    pub const PATTERN: &str = concat!(
        "^",
        whitespace_class!(),
        r"*[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@",
        r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*",
        whitespace_class!(),
        "*$"
    );

    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let email = raw.trim().to_lowercase();
        if raw.chars().count() > 254
            || email.len() > 254
            || email.chars().any(char::is_control)
            || !email.validate_email()
        {
            return Err(InvalidEmail);
        }
        Ok(Self(email))
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::error::Error for InvalidEmail {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_validates() {
        assert_eq!(Email::parse(" Maya@Example.COM ").unwrap().as_ref(), "maya@example.com");
        for bad in ["", "maya", "maya@", "@example.com", "ma ya@example.com", "a\0b@example.com"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
