//! API keys for third-party tools (security.md §1.8). A key reads `zz_` + 32 random base62
//! characters (about 190 bits from a CSPRNG) + a 6-character base62 CRC-32 of them, 41 characters
//! in all. As with GitHub's tokens, the prefix lets people and secret scanners recognise a key,
//! and the checksum refuses a mistyped or made-up one before any database lookup. Only the
//! SHA-256 of a key is stored.

use rand::Rng;
use rand::distr::Alphanumeric;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::tokens::hash_secret;

pub const PREFIX: &str = "zz_";
const RANDOM_LENGTH: usize = 32;
const CHECKSUM_LENGTH: usize = 6;
pub const KEY_LENGTH: usize = PREFIX.len() + RANDOM_LENGTH + CHECKSUM_LENGTH;
/// How much of a key is kept in the clear, to tell keys apart in a list.
pub const DISPLAY_PREFIX_LENGTH: usize = 12;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// What a key may do. A key never does more than its creator's role allows, and never manages
/// the workspace (members, keys, share links, settings) or an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
pub enum Scope {
    /// Read lists, their items and dashboards.
    #[serde(rename = "lists:read")]
    ListsRead,
    /// Create, change, reorder and delete lists and their items.
    #[serde(rename = "lists:write")]
    ListsWrite,
    /// Read creators, their history, videos, analytics and audiences; search; hashtags; jobs.
    #[serde(rename = "creators:read")]
    CreatorsRead,
    /// Write and import metrics and audiences; ask for refreshes.
    #[serde(rename = "creators:write")]
    CreatorsWrite,
    /// Read campaigns, their creators, posts, orders and reports.
    #[serde(rename = "campaigns:read")]
    CampaignsRead,
    /// Create and change campaigns; move creators through them; attach posts; add and import orders.
    #[serde(rename = "campaigns:write")]
    CampaignsWrite,
    /// Read the events inbox and the alert rules.
    #[serde(rename = "alerts:read")]
    AlertsRead,
    /// Change the alert rules.
    #[serde(rename = "alerts:write")]
    AlertsWrite,
}

impl Scope {
    pub const ALL: [Scope; 8] = [
        Scope::ListsRead,
        Scope::ListsWrite,
        Scope::CreatorsRead,
        Scope::CreatorsWrite,
        Scope::CampaignsRead,
        Scope::CampaignsWrite,
        Scope::AlertsRead,
        Scope::AlertsWrite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ListsRead => "lists:read",
            Scope::ListsWrite => "lists:write",
            Scope::CreatorsRead => "creators:read",
            Scope::CreatorsWrite => "creators:write",
            Scope::CampaignsRead => "campaigns:read",
            Scope::CampaignsWrite => "campaigns:write",
            Scope::AlertsRead => "alerts:read",
            Scope::AlertsWrite => "alerts:write",
        }
    }

    pub fn parse(raw: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == raw)
    }

    /// Scopes as stored: space-separated, sorted, without repeats.
    pub fn join(scopes: &[Scope]) -> String {
        let mut scopes = scopes.to_vec();
        scopes.sort();
        scopes.dedup();
        scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Stored scopes back; unknown names (from a newer version) are ignored.
    pub fn split(stored: &str) -> Vec<Scope> {
        stored.split_whitespace().filter_map(Scope::parse).collect()
    }
}

fn checksum(random: &str) -> String {
    let mut value = crc32fast::hash(random.as_bytes());
    let mut digits = [b'0'; CHECKSUM_LENGTH];
    for digit in digits.iter_mut().rev() {
        *digit = BASE62[(value % 62) as usize];
        value /= 62;
    }
    String::from_utf8_lossy(&digits).into_owned()
}

/// A new key, its display prefix and the hash to store.
pub fn generate() -> (String, String, Vec<u8>) {
    let random: String = rand::rng().sample_iter(Alphanumeric).take(RANDOM_LENGTH).map(char::from).collect();
    let key = format!("{PREFIX}{random}{}", checksum(&random));
    let prefix = key[..DISPLAY_PREFIX_LENGTH].to_owned();
    let hash = hash_secret(&key);
    (key, prefix, hash)
}

/// Whether `token` has a key's shape; a key with a wrong checksum does not.
pub fn looks_like_key(token: &str) -> bool {
    token.starts_with(PREFIX)
}

/// The hash to look a presented key up by, or `None` when it cannot be a key we issued.
pub fn verify_format(token: &str) -> Option<Vec<u8>> {
    let body = token.strip_prefix(PREFIX)?;
    if body.len() != RANDOM_LENGTH + CHECKSUM_LENGTH || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (random, presented) = body.split_at(RANDOM_LENGTH);
    (checksum(random) == presented).then(|| hash_secret(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_have_the_documented_shape_and_verify() {
        let (key, prefix, hash) = generate();
        assert_eq!(key.len(), KEY_LENGTH);
        assert!(key.starts_with("zz_") && key.starts_with(&prefix) && prefix.len() == DISPLAY_PREFIX_LENGTH);
        assert_eq!(verify_format(&key), Some(hash.clone()));
        assert_eq!(hash, hash_secret(&key));
        let (other, _, _) = generate();
        assert_ne!(key, other);
    }

    #[test]
    fn a_changed_character_fails_the_checksum() {
        let (key, _, _) = generate();
        for position in PREFIX.len()..KEY_LENGTH {
            let mut bytes = key.clone().into_bytes();
            bytes[position] = if bytes[position] == b'a' { b'b' } else { b'a' };
            let mistyped = String::from_utf8(bytes).unwrap();
            assert_eq!(verify_format(&mistyped), None, "position {position}");
        }
    }

    #[test]
    fn other_shapes_are_refused() {
        let (key, _, _) = generate();
        for bad in ["", "zz_", "zzr_abc", &key[..KEY_LENGTH - 1], &format!("{key}x"), &key.replace("zz_", "zx_")] {
            assert_eq!(verify_format(bad), None, "{bad}");
        }
        let with_symbol = format!("zz_{}", "-".repeat(RANDOM_LENGTH + CHECKSUM_LENGTH));
        assert_eq!(verify_format(&with_symbol), None);
    }

    #[test]
    fn scopes_round_trip_through_storage() {
        let stored = Scope::join(&[Scope::CreatorsRead, Scope::ListsRead, Scope::ListsRead]);
        assert_eq!(stored, "lists:read creators:read");
        assert_eq!(Scope::split(&stored), vec![Scope::ListsRead, Scope::CreatorsRead]);
        assert_eq!(Scope::split("lists:read admin"), vec![Scope::ListsRead]);
    }
}
