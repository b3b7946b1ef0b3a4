//! An e-mail address, compared case-insensitively: stored trimmed and lowercased.

use std::fmt;
use validator::ValidateEmail;

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
