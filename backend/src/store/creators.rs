//! Creators and their metric history: profiles, snapshots (shared when fetched, private to the
//! workspace that wrote or imported them), imports and search.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use uuid::Uuid;

use super::*;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Creator {
    pub id: Uuid,
    pub handle: String,
    pub platform_user_id: Option<String>,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub bio: Option<String>,
    pub verified: bool,
    pub region: Option<String>,
    pub status: String,
    pub next_fetch_at: Option<DateTime<Utc>>,
    pub last_fetched_at: Option<DateTime<Utc>>,
    pub failures: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Changes with every write of the creator's snapshots or videos.
    pub data_version: i64,
    /// Why the next fetch is when it is (`rising`, `campaign`, `climbing`, `regular`, `dormant`,
    /// `unwatched`); none before the first fetch.
    pub refresh_reason: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CreatorProfile {
    pub creator: Creator,
    pub latest: Option<Snapshot>,
    pub tracking_since: Option<DateTime<Utc>>,
    pub snapshot_count: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotSource {
    /// Written through the API, one point or a batch.
    Manual,
    /// Imported from CSV.
    Import,
}

impl SnapshotSource {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotSource::Manual => "manual",
            SnapshotSource::Import => "import",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    pub captured_at: DateTime<Utc>,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows_written: u64,
    pub creators_created: u64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SearchHit {
    pub id: Uuid,
    pub handle: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub verified: bool,
    pub followers: Option<i64>,
    /// The creator is in one of the workspace's lists.
    pub tracked: bool,
}

#[async_trait]
pub trait CreatorStore: Send + Sync {
    async fn creator(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<CreatorProfile>;
    async fn write_snapshots(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        points: &[MetricPoint],
        source: SnapshotSource,
        now: DateTime<Utc>,
    ) -> Result<u64>;
    /// Every point of the creator's history the workspace may see in the range, in order.
    async fn snapshots(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Snapshot>> {
        self.history(workspace_id, creator_id, from, to, Interval::Raw).await
    }
    /// [`CreatorStore::snapshots`] bucketed: the last point of each bucket (by the database where
    /// that is cheaper).
    async fn history(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        interval: Interval,
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

    /// Handles to ids, for creators the workspace knows.
    async fn known_creator_ids(&self, workspace_id: Uuid, handles: &[String]) -> Result<HashMap<String, Uuid>>;
    /// Prefix search over the handles and display names (case-insensitive) of the creators this
    /// workspace knows; never another workspace's.
    async fn search_creators(&self, workspace_id: Uuid, prefix: &str, limit: i64) -> Result<Vec<SearchHit>>;
    /// Creates the creators of these handles that do not exist yet (due for a fetch now) and lets
    /// the workspace see them all; handles to ids.
    async fn track_creators(
        &self,
        workspace_id: Uuid,
        handles: &[String],
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<HashMap<String, Uuid>>;
    /// Lets the workspace open these creators' profiles; `origin` says how it met them.
    async fn remember_creators(
        &self,
        workspace_id: Uuid,
        creator_ids: &[Uuid],
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<()>;
}
