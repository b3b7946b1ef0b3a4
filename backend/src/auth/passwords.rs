//! argon2id password hashing with OWASP's parameters (19 MiB, 2 iterations, 1 lane), run off the
//! async executor and bounded by a semaphore: each hash holds 19 MiB while it runs.

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

use crate::domain::Password;

/// Memory in KiB (the crate's unit): 19 MiB.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).expect("OWASP's argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Verified against when the e-mail is unknown, so that a login costs the same either way.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hasher()
        .hash_password(b"zzyzx dummy password for unknown accounts", &SaltString::generate(&mut OsRng))
        .expect("hashing a constant succeeds")
        .to_string()
});

#[derive(Clone)]
pub struct PasswordHashing {
    permits: Arc<Semaphore>,
}

pub enum Verification {
    Valid { rehashed: Option<String> },
    Invalid,
}

impl PasswordHashing {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self { permits: Arc::new(Semaphore::new(2 * cores)) }
    }

    pub async fn hash(&self, password: &Password) -> anyhow::Result<String> {
        let password = password.expose().to_owned();
        self.run(move || {
            hasher()
                .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
                .map(|hash| hash.to_string())
                .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
        })
        .await
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is no account, and
    /// returns a new hash when `stored` uses weaker parameters than today's.
    pub async fn verify(&self, password: String, stored: Option<String>) -> anyhow::Result<Verification> {
        self.run(move || {
            let known = stored.is_some();
            let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash is unreadable: {e}"))?;
            if hasher().verify_password(password.as_bytes(), &parsed).is_err() || !known {
                return Ok(Verification::Invalid);
            }
            let current = Params::try_from(&parsed).is_ok_and(|p| {
                parsed.algorithm.as_str() == "argon2id" && p.m_cost() >= MEMORY_KIB && p.t_cost() >= ITERATIONS
            });
            let rehashed = if current {
                None
            } else {
                let salt = SaltString::generate(&mut OsRng);
                let hash = hasher()
                    .hash_password(password.as_bytes(), &salt)
                    .map_err(|e| anyhow::anyhow!("rehashing failed: {e}"))?;
                Some(hash.to_string())
            };
            Ok(Verification::Valid { rehashed })
        })
        .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await.context("password hashing is shutting down")?;
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(work)).await.context("password hashing task failed")?
    }
}

impl Default for PasswordHashing {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_owasp_parameters_and_verifies() {
        let hashing = PasswordHashing::new();
        let password = Password::parse("correct horse battery staple".into()).unwrap();
        let hash = hashing.hash(&password).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        let salt_b64 = hash.split('$').nth(4).unwrap();
        assert!(salt_b64.len() >= 22, "salt must be at least 16 bytes, got {salt_b64}");

        assert!(matches!(
            hashing.verify("correct horse battery staple".into(), Some(hash.clone())).await.unwrap(),
            Verification::Valid { rehashed: None }
        ));
        assert!(matches!(
            hashing.verify("wrong horse battery staple".into(), Some(hash)).await.unwrap(),
            Verification::Invalid
        ));
        assert!(matches!(hashing.verify("anything at all here".into(), None).await.unwrap(), Verification::Invalid));
    }

    #[tokio::test]
    async fn weaker_hashes_are_upgraded_on_login() {
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8 * 1024, 1, 1, None).unwrap())
            .hash_password(b"correct horse battery staple", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        let outcome = PasswordHashing::new().verify("correct horse battery staple".into(), Some(weak)).await.unwrap();
        let Verification::Valid { rehashed: Some(new_hash) } = outcome else { panic!("expected a rehash") };
        assert!(new_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }
}
