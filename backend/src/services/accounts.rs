//! Registration, login, token refresh and password change (security.md §1).

use chrono::Utc;
use std::net::IpAddr;
use uuid::Uuid;

use super::{Result, ServiceError};
use crate::auth::passwords::{PasswordHashing, Verification};
use crate::auth::throttle::{AddressLimiter, account_retry_after};
use crate::auth::tokens::{self, AccessToken, REFRESH_TOKEN_IDLE, SESSION_LIFETIME, TokenKeys};
use crate::domain::{Email, Password};
use crate::store::{Membership, NewRefreshToken, NewSession, NewUser, RefreshOutcome, Store, User};

/// What accounts need: the store, password hashing, token keys and the per-address limiter.
pub struct Accounts<'a> {
    pub store: &'a dyn Store,
    pub hashing: &'a PasswordHashing,
    pub keys: &'a TokenKeys,
    pub attempts: &'a AddressLimiter,
}

/// A started or renewed session: what the client needs to make requests.
pub struct Session {
    pub user: User,
    pub memberships: Vec<Membership>,
    pub access: AccessToken,
    pub refresh_token: String,
}

impl Accounts<'_> {
    pub async fn register(
        &self,
        email: Email,
        password: Password,
        display_name: String,
        client: IpAddr,
    ) -> Result<Session> {
        self.attempts.check(client).map_err(|retry_after| ServiceError::TooManyRequests { retry_after })?;
        let password_hash = self.hashing.hash(&password).await?;
        let now = Utc::now();
        let workspace_name = format!("{display_name}'s workspace");
        let (user, membership) = self
            .store
            .create_user(NewUser {
                id: Uuid::now_v7(),
                email: email.as_ref().to_owned(),
                display_name,
                password_hash,
                workspace_id: Uuid::now_v7(),
                workspace_name,
                now,
            })
            .await?;
        self.start_session(user, vec![membership]).await
    }

    /// Logs in. Unknown e-mail and wrong password answer alike, and cost the same (a dummy hash).
    pub async fn login(&self, email: &str, password: String, client: IpAddr) -> Result<Session> {
        self.attempts.check(client).map_err(|retry_after| ServiceError::TooManyRequests { retry_after })?;
        let now = Utc::now();
        let user = match Email::parse(email) {
            Ok(email) => self.store.user_by_email(email.as_ref()).await?,
            Err(_) => None,
        };
        if let Some(retry_after) =
            user.as_ref().and_then(|u| account_retry_after(u.failed_logins, u.last_failed_login_at, now))
        {
            return Err(ServiceError::TooManyRequests { retry_after });
        }
        let stored_hash = user.as_ref().map(|u| u.password_hash.clone());
        match (self.hashing.verify(password, stored_hash).await?, user) {
            (Verification::Valid { rehashed }, Some(user)) => {
                self.store.record_successful_login(user.id, rehashed).await?;
                let memberships = self.store.memberships(user.id).await?;
                self.start_session(user, memberships).await
            }
            (_, Some(user)) => {
                self.store.record_failed_login(user.id, now).await?;
                Err(ServiceError::InvalidCredentials)
            }
            (_, None) => Err(ServiceError::InvalidCredentials),
        }
    }

    /// Exchanges a refresh token for a new pair. A token presented twice ends its whole session.
    pub async fn refresh(&self, presented: &str) -> Result<Session> {
        let now = Utc::now();
        let (refresh_token, hash) = tokens::new_refresh_token();
        let outcome = self
            .store
            .rotate_refresh_token(
                &tokens::hash_secret(presented),
                NewRefreshToken { hash, now, expires_at: now + REFRESH_TOKEN_IDLE },
            )
            .await?;
        let RefreshOutcome::Rotated { user_id, session_id } = outcome else {
            if outcome == RefreshOutcome::Reused {
                tracing::warn!("a refresh token was used twice; its session is revoked");
            }
            return Err(ServiceError::InvalidToken);
        };
        let user = self.store.user_by_id(user_id).await?.ok_or(ServiceError::InvalidToken)?;
        let memberships = self.store.memberships(user_id).await?;
        let access = self.keys.issue(user_id, session_id, now)?;
        Ok(Session { user, memberships, access, refresh_token })
    }

    /// Changes the password, ends every session of the user, and starts a new one for this client.
    /// The current password is checked under the same limits as a login: the client address's
    /// attempts a minute and the account's backoff after failures, which a wrong current password
    /// counts towards.
    pub async fn change_password(
        &self,
        user_id: Uuid,
        current: String,
        new: Password,
        client: IpAddr,
    ) -> Result<Session> {
        self.attempts.check(client).map_err(|retry_after| ServiceError::TooManyRequests { retry_after })?;
        let now = Utc::now();
        let user = self.store.user_by_id(user_id).await?.ok_or(ServiceError::InvalidToken)?;
        if let Some(retry_after) = account_retry_after(user.failed_logins, user.last_failed_login_at, now) {
            return Err(ServiceError::TooManyRequests { retry_after });
        }
        match self.hashing.verify(current, Some(user.password_hash.clone())).await? {
            Verification::Invalid => {
                self.store.record_failed_login(user.id, now).await?;
                return Err(ServiceError::invalid("/current_password", "is incorrect"));
            }
            Verification::Valid { .. } => self.store.record_successful_login(user.id, None).await?,
        }
        let new_hash = self.hashing.hash(&new).await?;
        self.store.set_password(user_id, &new_hash, Utc::now()).await?;
        let memberships = self.store.memberships(user_id).await?;
        self.start_session(user, memberships).await
    }

    async fn start_session(&self, user: User, memberships: Vec<Membership>) -> Result<Session> {
        let now = Utc::now();
        let session_id = Uuid::now_v7();
        let (refresh_token, hash) = tokens::new_refresh_token();
        self.store
            .create_session(NewSession {
                id: session_id,
                user_id: user.id,
                now,
                expires_at: now + SESSION_LIFETIME,
                refresh_token: NewRefreshToken { hash, now, expires_at: now + REFRESH_TOKEN_IDLE },
            })
            .await?;
        let access = self.keys.issue(user.id, session_id, now)?;
        Ok(Session { user, memberships, access, refresh_token })
    }
}
