//! Secrets zzyzx must be able to read back (a connected creator's TikTok tokens, an authorization's
//! PKCE verifier) are sealed with XChaCha20-Poly1305 under `ZZYZX_ENCRYPTION_KEY`. A sealed value
//! is a version byte, a random 24-byte nonce and the ciphertext with its tag; the associated data
//! names the row and column, so a sealed value copied into another row or column does not open.

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

const VERSION: u8 = 1;
const NONCE_BYTES: usize = 24;

#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([key redacted])")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a sealed value did not open: another key, another row, or damaged")]
pub struct Unsealable;

impl Sealer {
    /// From the configured key: 32 bytes written in base64 (standard or URL-safe, padded or not),
    /// as `openssl rand -base64 32` prints them.
    pub fn from_config(key: &SecretString) -> anyhow::Result<Self> {
        let text = key.expose_secret().trim();
        let bytes = STANDARD
            .decode(text)
            .or_else(|_| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')))
            .context("ZZYZX_ENCRYPTION_KEY is not base64: make one with `openssl rand -base64 32`")?;
        anyhow::ensure!(
            bytes.len() == 32,
            "ZZYZX_ENCRYPTION_KEY must be 32 bytes (it is {}): make one with `openssl rand -base64 32`",
            bytes.len()
        );
        let cipher = XChaCha20Poly1305::new_from_slice(&bytes).context("ZZYZX_ENCRYPTION_KEY must be 32 bytes")?;
        Ok(Sealer { cipher })
    }

    pub fn seal(&self, plaintext: &[u8], row: Uuid, column: &str) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let aad = associated_data(row, column);
        let ciphertext = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: &aad })
            .expect("XChaCha20-Poly1305 encrypts any message shorter than 256 GiB");
        let mut sealed = Vec::with_capacity(1 + NONCE_BYTES + ciphertext.len());
        sealed.push(VERSION);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    pub fn open(&self, sealed: &[u8], row: Uuid, column: &str) -> Result<Vec<u8>, Unsealable> {
        let Some((&VERSION, rest)) = sealed.split_first() else { return Err(Unsealable) };
        if rest.len() < NONCE_BYTES {
            return Err(Unsealable);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| Unsealable)?;
        let aad = associated_data(row, column);
        self.cipher.decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: &aad }).map_err(|_| Unsealable)
    }

    pub fn open_text(&self, sealed: &[u8], row: Uuid, column: &str) -> Result<String, Unsealable> {
        String::from_utf8(self.open(sealed, row, column)?).map_err(|_| Unsealable)
    }
}

fn associated_data(row: Uuid, column: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + column.len());
    aad.extend_from_slice(row.as_bytes());
    aad.extend_from_slice(column.as_bytes());
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> Sealer {
        Sealer::from_config(&SecretString::from(STANDARD.encode([byte; 32]))).unwrap()
    }

    #[test]
    fn a_sealed_value_opens_only_with_its_key_row_and_column() {
        let (row, other_row) = (Uuid::new_v4(), Uuid::new_v4());
        let sealed = sealer(7).seal(b"act.secret-token", row, "access_token");
        assert!(!sealed.windows(6).any(|w| w == b"secret"), "the plaintext is not in the sealed value");
        assert_eq!(sealer(7).open(&sealed, row, "access_token").unwrap(), b"act.secret-token");
        assert_eq!(sealer(8).open(&sealed, row, "access_token"), Err(Unsealable));
        assert_eq!(sealer(7).open(&sealed, other_row, "access_token"), Err(Unsealable));
        assert_eq!(sealer(7).open(&sealed, row, "refresh_token"), Err(Unsealable));
        let mut damaged = sealed.clone();
        *damaged.last_mut().unwrap() ^= 1;
        assert_eq!(sealer(7).open(&damaged, row, "access_token"), Err(Unsealable));
        assert_eq!(sealer(7).open(&[], row, "access_token"), Err(Unsealable));
        assert_eq!(sealer(7).open(&[VERSION, 1, 2], row, "access_token"), Err(Unsealable));
    }

    #[test]
    fn each_seal_uses_a_fresh_nonce() {
        let row = Uuid::new_v4();
        assert_ne!(sealer(1).seal(b"same", row, "c"), sealer(1).seal(b"same", row, "c"));
    }

    #[test]
    fn keys_are_32_bytes_of_base64_in_either_alphabet() {
        let key = [0xfb; 32];
        assert!(Sealer::from_config(&SecretString::from(STANDARD.encode(key))).is_ok());
        assert!(Sealer::from_config(&SecretString::from(URL_SAFE_NO_PAD.encode(key))).is_ok());
        for bad in ["", "not base64!", &STANDARD.encode([1u8; 16])] {
            let error = Sealer::from_config(&SecretString::from(bad.to_string())).unwrap_err();
            assert!(error.to_string().contains("ZZYZX_ENCRYPTION_KEY"), "{error}");
        }
    }
}
