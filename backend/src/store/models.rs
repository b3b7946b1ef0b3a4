//! Rows and commands exchanged with the store. API types live in `http`; these never leave the
//! server as they are.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::Handle;

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

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct List {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub name: String,
    pub description: String,
    pub version: i64,
    pub item_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewList {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub name: String,
    pub description: String,
    pub now: DateTime<Utc>,
}

pub struct ListChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub now: DateTime<Utc>,
}

pub struct NewListItem {
    pub id: Uuid,
    pub handle: Handle,
    pub note: String,
    pub tags: Vec<String>,
    pub now: DateTime<Utc>,
}

pub struct ItemChange {
    pub note: Option<String>,
    pub tags: Option<Vec<String>>,
    pub now: DateTime<Utc>,
}

pub enum Reorder {
    /// Move one item to `position` (0-based; past the end means last).
    Move { item_id: Uuid, position: i64, expected_version: i64, now: DateTime<Utc> },
    /// Set the whole order: `item_ids` must be exactly the list's items.
    Set { item_ids: Vec<Uuid>, expected_version: i64, now: DateTime<Utc> },
}

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

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Snapshot {
    pub captured_at: DateTime<Utc>,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    pub id: Uuid,
    pub list_id: Uuid,
    pub position: i64,
    pub note: String,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub creator: Creator,
    pub latest: Option<Snapshot>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows_written: u64,
    pub creators_created: u64,
}

/// A creator a worker has leased for fetching.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedCreator {
    pub id: Uuid,
    pub handle: String,
    pub sec_uid: Option<String>,
    pub failures: i32,
}

/// What a successful fetch writes, all at once.
pub struct FetchSuccess {
    pub creator_id: Uuid,
    /// The creator's canonical handle: only its own videos are kept.
    pub handle: String,
    pub source: &'static str,
    pub profile: zzyzx_sources::Profile,
    pub videos: Vec<zzyzx_sources::Video>,
    pub next_fetch_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
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
pub struct VideoRow {
    pub id: Uuid,
    pub platform_id: String,
    pub creator_id: Uuid,
    pub posted_at: DateTime<Utc>,
    pub description: String,
    pub hashtags: sqlx::types::Json<Vec<String>>,
    pub duration_seconds: Option<i32>,
    pub cover_url: Option<String>,
    pub share_url: String,
    pub region: Option<String>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    pub saves: Option<i64>,
    pub source: String,
    pub fetched_at: DateTime<Utc>,
}

/// Where a page of videos starts: after this (key, id) in the chosen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum VideoCursor {
    Recent { posted_at: DateTime<Utc>, id: Uuid },
    Views { views: i64, id: Uuid },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoOrder {
    Recent,
    Views,
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

/// A change to a source's shared state.
pub enum SourceEvent {
    Success,
    Error(String),
    Paused { until: DateTime<Utc>, reason: String },
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SearchHit {
    pub id: Uuid,
    pub handle: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub verified: bool,
    pub followers: Option<i64>,
    /// The workspace may open this creator's profile.
    pub known: bool,
    /// The creator is in one of the workspace's lists.
    pub tracked: bool,
}

/// A video found under a hashtag, with its author and whether the workspace tracks them.
#[derive(Debug, Clone)]
pub struct HashtagVideo {
    pub video: VideoRow,
    pub creator: Creator,
    pub tracked: bool,
}

/// A workspace's analytics documents, as stored (the analytics crate defines their shape).
#[derive(Debug, Clone, Default)]
pub struct WorkspaceDocuments {
    pub analytics: Option<serde_json::Value>,
    pub target_audience: Option<serde_json::Value>,
}

pub type Shares = sqlx::types::Json<std::collections::BTreeMap<String, f64>>;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AudienceRow {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub source: String,
    pub captured_at: DateTime<Utc>,
    pub sample_size: Option<i64>,
    pub ages: Shares,
    pub genders: Shares,
    pub countries: Shares,
    pub languages: Shares,
    pub created_at: DateTime<Utc>,
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
