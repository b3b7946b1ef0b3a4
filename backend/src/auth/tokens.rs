//! Access tokens (short-lived JWTs, HS256 pinned, RFC 9068 `at+jwt`) and refresh tokens (opaque,
//! 256 random bits, stored only as SHA-256).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const ISSUER: &str = "zzyzx";
pub const AUDIENCE: &str = "zzyzx-api";
pub const ACCESS_TOKEN_TYPE: &str = "at+jwt";
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(15);
/// A refresh token must be used within this time (idle expiry).
pub const REFRESH_TOKEN_IDLE: Duration = Duration::days(7);
/// A session ends after this time whatever happens (absolute expiry).
pub const SESSION_LIFETIME: Duration = Duration::days(30);
const LEEWAY_SECONDS: u64 = 30;
pub const REFRESH_TOKEN_PREFIX: &str = "zzr_";

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    pub sub: Uuid,
    /// The session (refresh-token family) the token belongs to; revoking it ends the token.
    pub sid: Uuid,
    pub jti: Uuid,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

pub struct AccessToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid access token")]
pub struct InvalidToken;

impl TokenKeys {
    pub fn new(secret: &SecretString) -> Self {
        let bytes = secret.expose_secret().as_bytes();
        Self { encoding: EncodingKey::from_secret(bytes), decoding: DecodingKey::from_secret(bytes) }
    }

    pub fn issue(&self, user_id: Uuid, session_id: Uuid, now: DateTime<Utc>) -> anyhow::Result<AccessToken> {
        let expires_at = now + ACCESS_TOKEN_LIFETIME;
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id,
            sid: session_id,
            jti: Uuid::new_v4(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        let header = Header { typ: Some(ACCESS_TOKEN_TYPE.into()), ..Header::new(Algorithm::HS256) };
        let token = jsonwebtoken::encode(&header, &claims, &self.encoding)?;
        Ok(AccessToken { token, expires_at })
    }

    pub fn verify(&self, token: &str) -> Result<AccessClaims, InvalidToken> {
        let data =
            jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &validation()).map_err(|_| InvalidToken)?;
        if data.header.typ.as_deref() != Some(ACCESS_TOKEN_TYPE) {
            return Err(InvalidToken);
        }
        // A token signed with the right key but made to live longer than zzyzx issues them (or
        // issued in the future) was not made by zzyzx.
        let claims = data.claims;
        let leeway = i64::try_from(LEEWAY_SECONDS).unwrap_or(0);
        let longest = ACCESS_TOKEN_LIFETIME.num_seconds() + leeway;
        if claims.exp - claims.iat > longest || claims.iat > Utc::now().timestamp() + leeway {
            return Err(InvalidToken);
        }
        Ok(claims)
    }
}

fn validation() -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_required_spec_claims(&["exp", "iat", "nbf", "iss", "aud", "sub"]);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.validate_nbf = true;
    validation.leeway = LEEWAY_SECONDS;
    validation
}

/// A new opaque refresh token and the hash to store.
pub fn new_refresh_token() -> (String, Vec<u8>) {
    new_secret(REFRESH_TOKEN_PREFIX)
}

/// A new opaque secret (256 bits from the OS's CSPRNG after a type prefix such as `zzr_`) and the
/// hash to store.
pub fn new_secret(prefix: &str) -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_secret(&token);
    (token, hash)
}

pub fn hash_secret(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// A random secret for signing tokens, for when none is configured.
pub fn generate_signing_secret() -> String {
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_is_pinned_and_strict() {
        let v = validation();
        assert_eq!(v.algorithms, vec![Algorithm::HS256]);
        assert!(v.leeway <= 30);
        assert!(v.validate_exp && v.validate_nbf);
    }

    #[test]
    fn issued_tokens_carry_every_claim_and_verify() {
        let keys = TokenKeys::new(&SecretString::from("a test secret that is long enough"));
        let now = Utc::now();
        let token = keys.issue(Uuid::new_v4(), Uuid::new_v4(), now).unwrap();
        let claims = keys.verify(&token.token).unwrap();
        assert!(claims.exp - claims.iat <= 900);
        assert_eq!((claims.iss.as_str(), claims.aud.as_str()), (ISSUER, AUDIENCE));
        let other = TokenKeys::new(&SecretString::from("another secret entirely, also long"));
        assert!(other.verify(&token.token).is_err(), "a token signed with another key must fail");
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let (a, hash_a) = new_refresh_token();
        let (b, _) = new_refresh_token();
        assert_ne!(a, b);
        assert!(a.starts_with(REFRESH_TOKEN_PREFIX) && a.len() == 4 + 43);
        assert_eq!(hash_a, hash_secret(&a));
    }
}
