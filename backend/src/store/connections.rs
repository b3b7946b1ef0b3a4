//! Creator-connected accounts: the connect link a workspace sends a creator, the authorization
//! under way, the creator's tokens, and the optional second authorization of their account on the
//! API for Business (business access). Secrets reach the store only encrypted (tokens, the PKCE
//! verifier) or as SHA-256 (the link token, the OAuth states).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Result;
use crate::domain::MetricPoint;

/// Where a connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    /// A link was made; the creator has not authorized (yet).
    Pending,
    /// Authorized: zzyzx reads the account with the creator's token.
    Connected,
    /// TikTok refused the tokens (the creator revoked access, or it lapsed): history is kept, a
    /// new authorization through the same link reconnects.
    Revoked,
    /// The creator or the brand ended it: tokens deleted, history kept.
    Disconnected,
}

impl ConnectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionStatus::Pending => "pending",
            ConnectionStatus::Connected => "connected",
            ConnectionStatus::Revoked => "revoked",
            ConnectionStatus::Disconnected => "disconnected",
        }
    }
}

impl TryFrom<String> for ConnectionStatus {
    type Error = String;
    fn try_from(value: String) -> std::result::Result<Self, String> {
        match value.as_str() {
            "pending" => Ok(ConnectionStatus::Pending),
            "connected" => Ok(ConnectionStatus::Connected),
            "revoked" => Ok(ConnectionStatus::Revoked),
            "disconnected" => Ok(ConnectionStatus::Disconnected),
            other => Err(format!("unknown connection status {other:?}")),
        }
    }
}

/// Where a connection's business access (its API for Business authorization) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BusinessStatus {
    /// The creator never asked to share their audience.
    NotConnected,
    /// They started to; TikTok has not sent them back with a grant (yet).
    Pending,
    /// Authorized: zzyzx reads the account's audience with its own token.
    Connected,
    /// TikTok refused the business tokens: the audience read so far is kept.
    Revoked,
    /// The creator or the brand ended it, or it ended with the connection: tokens deleted.
    Disconnected,
}

impl TryFrom<String> for BusinessStatus {
    type Error = String;
    fn try_from(value: String) -> std::result::Result<Self, String> {
        match value.as_str() {
            "not_connected" => Ok(BusinessStatus::NotConnected),
            other => ConnectionStatus::try_from(other.to_owned()).map(|status| match status {
                ConnectionStatus::Pending => BusinessStatus::Pending,
                ConnectionStatus::Connected => BusinessStatus::Connected,
                ConnectionStatus::Revoked => BusinessStatus::Revoked,
                ConnectionStatus::Disconnected => BusinessStatus::Disconnected,
            }),
        }
    }
}

/// A connection as the brand and the creator see it: no secrets.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Connection {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub creator_id: Uuid,
    pub handle: String,
    #[sqlx(try_from = "String")]
    pub status: ConnectionStatus,
    pub link_prefix: String,
    /// Comma-separated, as TikTok granted them.
    pub scopes: String,
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub connected_at: Option<DateTime<Utc>>,
    pub last_synced_at: Option<DateTime<Utc>>,
    pub next_sync_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    #[sqlx(try_from = "String")]
    pub business_status: BusinessStatus,
    /// Comma-separated, as the API for Business named them.
    pub business_scopes: String,
    pub business_connected_at: Option<DateTime<Utc>>,
    /// When the business account's audience was last read.
    pub business_last_read_at: Option<DateTime<Utc>>,
    pub business_last_error: Option<String>,
}

/// A connection with its encrypted tokens, for the worker that reads the account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConnectionTokens {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub creator_id: Uuid,
    pub handle: String,
    pub open_id: Option<String>,
    pub scopes: String,
    pub access_token: Option<Vec<u8>>,
    pub refresh_token: Option<Vec<u8>>,
    pub access_expires_at: Option<DateTime<Utc>>,
    pub refresh_expires_at: Option<DateTime<Utc>>,
    /// Business access: the account's `business_id` and sealed tokens, while it is connected.
    pub business_id: Option<String>,
    pub business_scopes: Option<String>,
    pub business_access_token: Option<Vec<u8>>,
    pub business_refresh_token: Option<Vec<u8>>,
    pub business_access_expires_at: Option<DateTime<Utc>>,
    pub business_refresh_expires_at: Option<DateTime<Utc>>,
    pub business_last_read_at: Option<DateTime<Utc>>,
}

pub struct NewConnectionLink {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub creator_id: Uuid,
    pub link_prefix: String,
    pub link_hash: Vec<u8>,
    pub created_by: Uuid,
    pub now: DateTime<Utc>,
}

/// Tokens to store, encrypted.
pub struct SealedGrant {
    pub open_id: String,
    pub scopes: String,
    pub access_token: Vec<u8>,
    pub refresh_token: Vec<u8>,
    pub access_expires_at: DateTime<Utc>,
    pub refresh_expires_at: DateTime<Utc>,
}

/// Business tokens to store, encrypted. The API for Business may leave out lifetimes and, on a
/// refresh, the refresh token.
#[derive(Debug, Clone)]
pub struct SealedBusinessGrant {
    pub business_id: String,
    pub scopes: String,
    pub access_token: Vec<u8>,
    pub refresh_token: Option<Vec<u8>>,
    pub access_expires_at: Option<DateTime<Utc>>,
    pub refresh_expires_at: Option<DateTime<Utc>>,
}

/// What one read of a connected account found, to store as `connected` data.
pub struct ConnectedData<'a> {
    /// The exact counts (absent without the stats scope).
    pub point: Option<MetricPoint>,
    pub videos: &'a [zzyzx_sources::Video],
}

#[async_trait]
pub trait ConnectionStore: Send + Sync {
    /// Makes the creator's connect link, or replaces the link of an existing connection (the old
    /// link stops working; the connection keeps its state). Not found unless the workspace knows
    /// the creator.
    async fn put_connection_link(&self, link: NewConnectionLink) -> Result<Connection>;
    async fn connection(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<Option<Connection>>;
    async fn connections(&self, workspace_id: Uuid) -> Result<Vec<Connection>>;
    async fn connection_by_link(&self, link_hash: &[u8]) -> Result<Option<Connection>>;
    /// Records an authorization under way (replacing any earlier one of the connection).
    async fn begin_authorization(
        &self,
        connection_id: Uuid,
        state_hash: &[u8],
        sealed_verifier: &[u8],
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The connection and sealed verifier of a live state, which is used up by this call.
    async fn take_authorization(&self, state_hash: &[u8], now: DateTime<Utc>) -> Result<Option<(Connection, Vec<u8>)>>;
    /// Stores the creator's tokens: connected, and due for a read now.
    async fn store_grant(&self, connection_id: Uuid, grant: &SealedGrant, now: DateTime<Utc>) -> Result<()>;
    /// Why an attempt to connect a pending connection failed (`last_error`, until one succeeds).
    async fn record_connect_attempt(&self, connection_id: Uuid, why: &str) -> Result<()>;
    /// Replaces the tokens after a refresh, keeping the connection's schedule.
    async fn replace_tokens(&self, connection_id: Uuid, grant: &SealedGrant, now: DateTime<Utc>) -> Result<()>;
    /// Ends a connection (revoked or disconnected): tokens and any authorization under way deleted,
    /// history kept; its business access ends with it. Returns the tokens it held (business ones
    /// included), so the caller can revoke them at TikTok.
    async fn end_connection(
        &self,
        connection_id: Uuid,
        status: ConnectionStatus,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<ConnectionTokens>>;
    /// Leases up to `limit` connected accounts due for a read, until `lease_until`.
    async fn claim_due_connections(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ConnectionTokens>>;
    /// Stores what a read found (a workspace-private snapshot, the videos) and when to read next.
    async fn record_connected_read(
        &self,
        connection: &ConnectionTokens,
        data: ConnectedData<'_>,
        next_sync_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// A failed read: the error to show, and when to try again.
    async fn record_connection_failure(
        &self,
        connection_id: Uuid,
        error: &str,
        next_sync_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()>;

    /// Records a business authorization under way for a connection (replacing any earlier one);
    /// business access that never started becomes pending.
    async fn begin_business_authorization(
        &self,
        connection_id: Uuid,
        state_hash: &[u8],
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The connection of a live business state, which is used up by this call.
    async fn take_business_authorization(&self, state_hash: &[u8], now: DateTime<Utc>) -> Result<Option<Connection>>;
    /// Stores the business tokens: business access connected. Only while the connection itself is
    /// connected; `false` (nothing stored) otherwise.
    async fn store_business_grant(
        &self,
        connection_id: Uuid,
        grant: &SealedBusinessGrant,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Why an attempt to authorize business access connected nothing (shown until one does; a
    /// connected business access keeps its state).
    async fn record_business_attempt(&self, connection_id: Uuid, why: &str) -> Result<()>;
    /// Replaces the business tokens after a refresh.
    async fn replace_business_tokens(
        &self,
        connection_id: Uuid,
        grant: &SealedBusinessGrant,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Ends business access (revoked or disconnected): its tokens and any authorization under way
    /// deleted, the audience read kept. Returns the sealed access token it held, to revoke at TikTok.
    async fn end_business_access(
        &self,
        connection_id: Uuid,
        status: ConnectionStatus,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<u8>>>;
    /// A read of the business audience happened; `note` says why it gave none (`None` when it did).
    async fn record_business_read(&self, connection_id: Uuid, note: Option<&str>, now: DateTime<Utc>) -> Result<()>;
    /// A read of the business audience failed: the error to show (tried again at the next read).
    async fn record_business_failure(&self, connection_id: Uuid, error: &str, now: DateTime<Utc>) -> Result<()>;
}
