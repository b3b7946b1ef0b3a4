//! Refreshing creators from a data source: leases, fetch outcomes, refresh jobs and the source's
//! shared state.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use uuid::Uuid;

use super::*;

/// A creator a worker has leased for fetching.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedCreator {
    pub id: Uuid,
    pub handle: String,
    pub sec_uid: Option<String>,
    pub failures: i32,
    /// As it was when claimed (`active`, `not_found`, `private`, `banned`).
    pub status: String,
    /// What post detection checked at the creator's last refresh (see [`FetchCheck::seen`]);
    /// moved into `detection` by the claim.
    pub detection_seen: Option<String>,
    /// The creator is in a campaign, so its fetch runs post detection: what the claim read.
    #[sqlx(skip)]
    pub detection: Option<DetectionClaim>,
    /// In a list someone opened in the last 30 days, or in a campaign: read with the claim.
    #[sqlx(skip)]
    pub watched: bool,
    /// The views of its videos of the last few days as last stored, by TikTok id: read with the
    /// claim, to tell a video still climbing.
    #[sqlx(skip)]
    pub recent_views: HashMap<String, i64>,
}

/// What a successful fetch writes, all at once.
#[derive(Clone)]
pub struct FetchSuccess {
    pub creator_id: Uuid,
    /// The creator's canonical handle: only its own videos are kept.
    pub handle: String,
    pub source: &'static str,
    pub profile: zzyzx_sources::Profile,
    pub videos: Vec<zzyzx_sources::Video>,
    pub next_fetch_at: DateTime<Utc>,
    /// Why it is due then (`rising`, `regular`, …), and the claim priority that follows.
    pub refresh_reason: &'static str,
    pub refresh_priority: i16,
    pub now: DateTime<Utc>,
    /// The creator is in a campaign: look for its posts among the videos (what the claim read).
    pub detection: Option<DetectionClaim>,
    /// What detection made of the videos, and what it read to match them, before the write's
    /// transaction. `None` until then.
    pub prepared: Option<PreparedDetection>,
}

/// What detection made of a fetch before its write: the check, and when it had to read the
/// creator's entries and posts, what to write (matched outside the write's transaction).
#[derive(Debug, Clone)]
pub struct PreparedDetection {
    pub check: FetchCheck,
    pub writes: Option<DetectionWrites>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreatorStatus {
    Active,
    NotFound,
    Private,
    Banned,
}

impl CreatorStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CreatorStatus::Active => "active",
            CreatorStatus::NotFound => "not_found",
            CreatorStatus::Private => "private",
            CreatorStatus::Banned => "banned",
        }
    }
}

pub struct FetchFailure {
    pub creator_id: Uuid,
    pub error: String,
    pub status: CreatorStatus,
    pub next_fetch_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub kind: String,
    pub creator_id: Option<Uuid>,
    pub status: String,
    pub progress: i32,
    pub message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct SourceState {
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub paused_until: Option<DateTime<Utc>>,
    pub pause_reason: Option<String>,
}

/// The refresh queue as a monitor sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RefreshQueue {
    /// Creators in a list whose next fetch has passed and that no worker holds.
    pub due: i64,
    /// Creators a worker holds now.
    pub leased: i64,
    /// How long the oldest live lease has been held.
    pub oldest_lease_age_seconds: Option<f64>,
}

/// A change to a source's shared state.
pub enum SourceEvent {
    Success,
    Error(String),
    Paused { until: DateTime<Utc>, reason: String },
}

#[async_trait]
pub trait RefreshStore: Send + Sync {
    /// Leases up to `limit` due creators (in a list or campaign, next fetch passed, no live lease)
    /// to `owner`: those someone asked to refresh first, then those due for over a week, then by
    /// refresh priority, then the longest due. `watched_since`: a list opened since then watches
    /// its creators.
    async fn claim_due_creators(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
        watched_since: DateTime<Utc>,
    ) -> Result<Vec<ClaimedCreator>>;
    /// Writes each fetched profile, its snapshot (at most one per creator per hour) and videos,
    /// and releases the lease; finishes the creator's pending refresh jobs; finds the campaign
    /// posts among the videos and schedules the checks of the creator's posts. A batch's worth in
    /// one transaction: a failure writes none of them. The campaign posts it stored, new.
    async fn record_fetch_successes(&self, successes: Vec<FetchSuccess>) -> Result<Vec<Uuid>>;
    async fn record_fetch_failure(&self, failure: FetchFailure) -> Result<()>;
    /// Gives a leased creator back, due at `next_fetch_at`, without counting a failure.
    async fn reschedule_creator(&self, creator_id: Uuid, next_fetch_at: DateTime<Utc>) -> Result<()>;
    async fn refresh_queue(&self, now: DateTime<Utc>) -> Result<RefreshQueue>;
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
    /// Brings these creators' next fetch forward to `by` (never later than it was), for `reason`.
    async fn hasten_refresh(&self, creator_ids: &[Uuid], by: DateTime<Utc>, reason: &str, priority: i16) -> Result<()>;
    /// Reserves up to `wanted` of `source`'s requests on `day` without passing `budget` in all;
    /// how many were granted (all or, when less is left, what is left; none under a race).
    async fn reserve_requests(&self, source: &str, day: NaiveDate, wanted: i64, budget: i64) -> Result<i64>;
    /// Gives back reserved requests that were not sent.
    async fn release_requests(&self, source: &str, day: NaiveDate, unused: i64) -> Result<()>;
    /// The requests reserved at `source` on `day`.
    async fn requests_on(&self, source: &str, day: NaiveDate) -> Result<i64>;
    /// How many tracked creators (in a list or campaign) are due for each refresh reason
    /// (`None`: not fetched since reasons were kept).
    async fn refresh_reasons(&self) -> Result<Vec<(Option<String>, i64)>>;
    /// Someone opened the list: its creators count as watched again. Creators left unwatched are
    /// made due now. Writes at most once an hour per list.
    async fn list_viewed(&self, list_id: Uuid, now: DateTime<Utc>) -> Result<()>;
}
