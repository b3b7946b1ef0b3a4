//! What analytics read: the workspace's settings and target audience, audience profiles, and each
//! creator's inputs in bulk.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use uuid::Uuid;

use super::*;

/// A workspace's analytics documents, as stored (the analytics crate defines their shape).
#[derive(Debug, Clone, Default)]
pub struct WorkspaceDocuments {
    pub analytics: Option<serde_json::Value>,
    pub target_audience: Option<serde_json::Value>,
    pub alert_rules: Option<serde_json::Value>,
}

pub type Shares = sqlx::types::Json<std::collections::BTreeMap<String, f64>>;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AudienceRow {
    pub id: Uuid,
    pub creator_id: Uuid,
    /// An [`zzyzx_analytics::AudienceKind`] as stored.
    pub kind: String,
    pub source: String,
    pub captured_at: DateTime<Utc>,
    pub sample_size: Option<i64>,
    pub ages: Shares,
    pub genders: Shares,
    pub countries: Shares,
    pub languages: Shares,
    pub created_at: DateTime<Utc>,
    /// For an estimate: its sample and each share's interval (a `zzyzx_analytics::AudienceEstimate`).
    pub estimate: Option<sqlx::types::Json<serde_json::Value>>,
}

/// Which creators an analytics query covers.
#[derive(Debug, Clone)]
pub enum CreatorScope {
    /// The creators in one list.
    List(Uuid),
    /// Every creator the workspace knows (tracked, imported, met through hashtags).
    Workspace,
    One(Uuid),
    /// These creators, as far as the workspace knows them.
    Some(Vec<Uuid>),
}

/// One snapshot as analytics read it: (captured_at, followers, following, likes, videos).
pub type SnapshotTuple = (DateTime<Utc>, i64, i64, i64, i64);

/// The facts about a video that analytics read (no texts or links).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct VideoFacts {
    pub platform_id: String,
    pub posted_at: DateTime<Utc>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    pub saves: Option<i64>,
    pub hashtags: Vec<String>,
    pub region: Option<String>,
}

/// What analytics need of each creator in a scope.
#[derive(Debug, Clone, Default)]
pub struct CreatorInputs {
    /// Ascending by time.
    pub snapshots: Vec<SnapshotTuple>,
    /// Newest first.
    pub videos: Vec<VideoFacts>,
}

#[async_trait]
pub trait AnalyticsStore: Send + Sync {
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
    async fn put_alert_rules(&self, workspace_id: Uuid, rules: &serde_json::Value, now: DateTime<Utc>) -> Result<()>;
    /// Records audience profiles; every creator must be known to the workspace.
    async fn add_audience_profiles(&self, workspace_id: Uuid, profiles: &[AudienceRow]) -> Result<u64>;
    /// When the refresh worker last recorded an audience of `kind` (`estimated` from comments,
    /// `provider` as the source reported it) for the creator, in any workspace.
    async fn last_source_audience(&self, creator_id: Uuid, kind: &str) -> Result<Option<DateTime<Utc>>>;
    /// Records an audience the refresh worker estimated or the source reported, in every workspace
    /// that has the creator in a list, each its own copy (`profile.id` is replaced); how many
    /// workspaces got it.
    async fn record_source_audience(&self, profile: &AudienceRow) -> Result<u64>;
    /// The workspace's audience profiles of a creator, newest first.
    async fn audience_profiles(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<Vec<AudienceRow>>;
    /// The audience profile fit uses for each creator in the scope: the best kind
    /// ([`zzyzx_analytics::AudienceKind::precedence`]), the newest within it; without an
    /// estimate's details (`estimate` is `None`).
    async fn latest_audiences(&self, workspace_id: Uuid, scope: CreatorScope) -> Result<HashMap<Uuid, AudienceRow>>;
    /// Snapshots since `snapshots_since` and, unless `videos_since` is `None`, videos posted
    /// since then of each creator in the scope, as the workspace sees them.
    async fn creator_inputs(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        snapshots_since: DateTime<Utc>,
        videos_since: Option<DateTime<Utc>>,
    ) -> Result<HashMap<Uuid, CreatorInputs>>;
    /// The creators in the scope, with their latest snapshot.
    async fn creators_in_scope(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
    ) -> Result<Vec<(Creator, Option<Snapshot>)>>;
}
