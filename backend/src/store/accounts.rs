//! Users, their memberships and their sessions (refresh tokens rotate; a reused one ends its session).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::*;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Editor,
    Owner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "owner" => Some(Role::Owner),
            "editor" => Some(Role::Editor),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Role::parse(&raw).ok_or_else(|| format!("unknown role {raw:?}"))
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub failed_logins: i32,
    pub last_failed_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub struct NewUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Membership {
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub role: Role,
}

pub struct NewSession {
    pub id: Uuid,
    pub user_id: Uuid,
    pub now: DateTime<Utc>,
    /// The session ends here whatever happens (absolute lifetime).
    pub expires_at: DateTime<Utc>,
    pub refresh_token: NewRefreshToken,
}

pub struct NewRefreshToken {
    pub hash: Vec<u8>,
    pub now: DateTime<Utc>,
    /// Idle lifetime: the token must be used (rotated) before this.
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum RefreshOutcome {
    Rotated {
        user_id: Uuid,
        session_id: Uuid,
    },
    /// A token that was already used: its whole session has been revoked.
    Reused,
    /// Unknown, expired or revoked.
    Invalid,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SessionAccess {
    /// Logged out, revoked, expired, or the user is gone.
    Inactive,
    /// The session is fine but the user is not a member of the workspace asked for.
    NotAMember,
    Granted {
        workspace_id: Uuid,
        role: Role,
    },
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn create_user(&self, user: NewUser) -> Result<(User, Membership)>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    async fn user_by_id(&self, id: Uuid) -> Result<Option<User>>;
    async fn record_failed_login(&self, user_id: Uuid, at: DateTime<Utc>) -> Result<()>;
    async fn record_successful_login(&self, user_id: Uuid, rehashed_password: Option<String>) -> Result<()>;
    /// Replaces the password hash and revokes every session of the user.
    async fn set_password(&self, user_id: Uuid, password_hash: &str, now: DateTime<Utc>) -> Result<()>;
    async fn memberships(&self, user_id: Uuid) -> Result<Vec<Membership>>;
    async fn create_session(&self, session: NewSession) -> Result<()>;
    async fn rotate_refresh_token(&self, presented: &[u8], next: NewRefreshToken) -> Result<RefreshOutcome>;
    async fn revoke_session(&self, session_id: Uuid, now: DateTime<Utc>) -> Result<()>;
    async fn session_access(
        &self,
        session_id: Uuid,
        user_id: Uuid,
        workspace_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<SessionAccess>;
}
