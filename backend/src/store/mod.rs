//! Persistence. Handlers and services talk to the [`Store`] trait; PostgreSQL and SQLite each have
//! a native sqlx implementation. The SQL they share is written once (`sql_impl.rs`) and compiled
//! against each database's own types; where the dialects differ, each module says so itself.

mod models;
mod postgres;
mod sqlite;
mod teams;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

use crate::domain::{Handle, MetricPoint};
pub use models::*;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;
pub use teams::*;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Failures a caller can act on; everything else is `Unexpected` and becomes an opaque 500.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; the string names which one, for the error code.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The caller's idea of a list's order is out of date.
    #[error("stale version")]
    StaleVersion,
    /// The request names items that are not (all) in the list.
    #[error("item set mismatch")]
    ItemSetMismatch,
    #[error("limit reached: {0}")]
    LimitReached(&'static str),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            _ => StoreError::Unexpected(anyhow::Error::new(error)),
        }
    }
}

/// A write transaction. On SQLite it also holds the process's write lock, so writers queue here
/// instead of sleeping in SQLite's busy handler.
pub struct WriteTx<DB: sqlx::Database> {
    tx: sqlx::Transaction<'static, DB>,
    _write_lock: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<DB: sqlx::Database> WriteTx<DB> {
    fn new(tx: sqlx::Transaction<'static, DB>, write_lock: Option<tokio::sync::OwnedMutexGuard<()>>) -> Self {
        Self { tx, _write_lock: write_lock }
    }

    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl<DB: sqlx::Database> std::ops::Deref for WriteTx<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        &self.tx
    }
}

impl<DB: sqlx::Database> std::ops::DerefMut for WriteTx<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        &mut self.tx
    }
}

/// Turns a unique-constraint violation into `Conflict(code)`; other errors pass through.
fn on_unique_violation(code: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match error.as_database_error().map(|e| e.kind()) {
        Some(sqlx::error::ErrorKind::UniqueViolation) => StoreError::Conflict(code),
        _ => StoreError::from(error),
    }
}

/// Opens the database named by `url` (`postgres://…` or `sqlite://…`) and applies migrations.
pub async fn connect(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else {
        anyhow::bail!("unsupported database URL scheme: use postgres://… or sqlite://…")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

#[async_trait]
pub trait Store: TeamStore + Send + Sync + 'static {
    fn backend(&self) -> Backend;
    async fn migrate(&self) -> anyhow::Result<()>;
    async fn ping(&self) -> Result<()>;

    /// The value stored under `key`, storing `value` first when there is none.
    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String>;

    // Accounts and sessions.
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

    // Lists and their items.
    async fn create_list(&self, list: NewList) -> Result<List>;
    async fn lists(&self, workspace_id: Uuid, after: Option<Uuid>, limit: i64) -> Result<Vec<List>>;
    async fn list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<List>;
    async fn update_list(&self, workspace_id: Uuid, list_id: Uuid, change: ListChange) -> Result<List>;
    async fn delete_list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<()>;
    async fn add_list_item(&self, workspace_id: Uuid, list_id: Uuid, item: NewListItem) -> Result<ListItem>;
    /// Items in list order from position `from`, and the list's version.
    async fn list_items(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        from: i64,
        limit: i64,
    ) -> Result<(i64, Vec<ListItem>)>;
    async fn update_list_item(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
        change: ItemChange,
    ) -> Result<ListItem>;
    /// Removes an item and returns the list's new version. The creator and its history stay.
    async fn remove_list_item(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn reorder_list(&self, workspace_id: Uuid, list_id: Uuid, reorder: Reorder) -> Result<i64>;

    // Creators and their metric history.
    async fn creator(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<CreatorProfile>;
    async fn write_snapshots(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        points: &[MetricPoint],
        source: SnapshotSource,
        now: DateTime<Utc>,
    ) -> Result<u64>;
    async fn snapshots(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Snapshot>>;
    /// Writes rows for creators named by handle, creating unknown creators; one transaction.
    async fn import_snapshots(
        &self,
        workspace_id: Uuid,
        rows: &[(Handle, MetricPoint)],
        source: SnapshotSource,
        now: DateTime<Utc>,
    ) -> Result<ImportSummary>;

    /// Writes fetched (shared) snapshots in bulk, as a source would have: for demo data and
    /// backfills. At most one per creator per hour.
    async fn write_fetched_snapshots(
        &self,
        rows: &[(Uuid, MetricPoint)],
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<u64>;

    // Refreshing creators from a data source.
    /// Leases up to `limit` due creators (in a list, next fetch passed, no live lease) to `owner`.
    async fn claim_due_creators(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedCreator>>;
    /// Writes a fetched profile, its snapshot (at most one per creator per hour) and videos, and
    /// releases the lease; finishes the creator's pending refresh jobs.
    async fn record_fetch_success(&self, success: FetchSuccess) -> Result<()>;
    async fn record_fetch_failure(&self, failure: FetchFailure) -> Result<()>;
    /// Gives a leased creator back, due at `next_fetch_at`, without counting a failure.
    async fn reschedule_creator(&self, creator_id: Uuid, next_fetch_at: DateTime<Utc>) -> Result<()>;
    /// Gives back every lease `owner` holds (graceful shutdown).
    async fn release_leases(&self, owner: &str) -> Result<u64>;
    /// Makes a creator due now and records a job the client can poll.
    async fn request_refresh(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        job_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Job>;
    async fn job(&self, workspace_id: Uuid, job_id: Uuid) -> Result<Job>;
    async fn source_state(&self, source: &str) -> Result<SourceState>;
    async fn record_source_event(&self, source: &str, event: SourceEvent, now: DateTime<Utc>) -> Result<()>;

    // Analytics inputs.
    async fn workspace_documents(&self, workspace_id: Uuid) -> Result<WorkspaceDocuments>;
    async fn put_analytics_settings(
        &self,
        workspace_id: Uuid,
        settings: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<()>;
    async fn put_target_audience(
        &self,
        workspace_id: Uuid,
        target: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Records audience profiles; every creator must be known to the workspace.
    async fn add_audience_profiles(&self, workspace_id: Uuid, profiles: &[AudienceRow]) -> Result<u64>;
    /// The workspace's audience profiles of a creator, newest first.
    async fn audience_profiles(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<Vec<AudienceRow>>;
    /// The newest audience profile of each creator in the scope.
    async fn latest_audiences(&self, workspace_id: Uuid, scope: CreatorScope) -> Result<HashMap<Uuid, AudienceRow>>;
    /// Snapshots since `snapshots_since` and videos posted since `videos_since` of each creator
    /// in the scope, as the workspace sees them.
    async fn creator_inputs(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        snapshots_since: DateTime<Utc>,
        videos_since: DateTime<Utc>,
    ) -> Result<HashMap<Uuid, CreatorInputs>>;
    /// Full rows of these videos (by TikTok id), for showing them.
    async fn videos_by_platform_ids(&self, platform_ids: &[String]) -> Result<Vec<VideoRow>>;
    /// The creators in the scope, with their latest snapshot.
    async fn creators_in_scope(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
    ) -> Result<Vec<(Creator, Option<Snapshot>)>>;
    /// Handles to ids, for creators the workspace knows.
    async fn known_creator_ids(&self, workspace_id: Uuid, handles: &[String]) -> Result<HashMap<String, Uuid>>;

    // Videos, hashtags and search.
    async fn creator_videos(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        order: VideoOrder,
        after: Option<VideoCursor>,
        limit: i64,
    ) -> Result<Vec<VideoRow>>;
    async fn top_video(&self, workspace_id: Uuid, creator_id: Uuid, since: DateTime<Utc>) -> Result<Option<VideoRow>>;
    /// Prefix search over every known creator's handle and display name (case-insensitive).
    async fn search_creators(&self, workspace_id: Uuid, prefix: &str, limit: i64) -> Result<Vec<SearchHit>>;
    /// The videos of the last pull of `tag`, if any, and when it was made.
    async fn hashtag_pull(&self, workspace_id: Uuid, tag: &str) -> Result<Option<(DateTime<Utc>, Vec<HashtagVideo>)>>;
    /// Stores a pull of `tag`: creates unknown authors and upserts the videos.
    async fn store_hashtag_pull(
        &self,
        workspace_id: Uuid,
        tag: &str,
        source: &'static str,
        videos: &[zzyzx_sources::Video],
        now: DateTime<Utc>,
    ) -> Result<Vec<HashtagVideo>>;
    /// Lets the workspace open these creators' profiles; `origin` says how it met them.
    async fn remember_creators(
        &self,
        workspace_id: Uuid,
        creator_ids: &[Uuid],
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<()>;
}
