//! Third-party access: API keys and share links. Every secret reaches the store only as its
//! SHA-256.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Result, Role};

pub struct NewApiKey {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub key_hash: Vec<u8>,
    /// Space-separated scope names.
    pub scopes: String,
    pub expires_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub created_by: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What a live API key may do: act in its workspace as its creator, within its scopes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKeyAccess {
    pub key_id: Uuid,
    pub user_id: Uuid,
    pub workspace_id: Uuid,
    /// The creator's role in the workspace now, not when the key was made.
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub scopes: String,
}

/// What a share link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareSubject {
    /// A list's dashboard.
    List(Uuid),
    /// A campaign's report.
    Campaign(Uuid),
}

pub struct NewShareLink {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub subject: ShareSubject,
    pub prefix: String,
    pub token_hash: Vec<u8>,
    pub created_by: Uuid,
    pub expires_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShareLink {
    pub id: Uuid,
    pub list_id: Option<Uuid>,
    pub campaign_id: Option<Uuid>,
    pub prefix: String,
    pub created_by: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait SharingStore: Send + Sync {
    async fn create_api_key(&self, key: NewApiKey) -> Result<ApiKey>;
    async fn api_keys(&self, workspace_id: Uuid) -> Result<Vec<ApiKey>>;
    async fn revoke_api_key(&self, workspace_id: Uuid, key_id: Uuid, now: DateTime<Utc>) -> Result<ApiKey>;
    /// The key with this hash if it is live (not revoked or expired, its creator still a member).
    async fn api_key_access(&self, key_hash: &[u8], now: DateTime<Utc>) -> Result<Option<ApiKeyAccess>>;
    async fn touch_api_key(&self, key_id: Uuid, now: DateTime<Utc>) -> Result<()>;
    async fn create_share_link(&self, link: NewShareLink) -> Result<ShareLink>;
    async fn share_links(&self, workspace_id: Uuid, subject: ShareSubject) -> Result<Vec<ShareLink>>;
    async fn revoke_share_link(
        &self,
        workspace_id: Uuid,
        subject: ShareSubject,
        link_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<ShareLink>;
    /// The workspace and subject a live share link opens, recording its use.
    async fn open_share_link(&self, token_hash: &[u8], now: DateTime<Utc>) -> Result<Option<(Uuid, ShareSubject)>>;
}
