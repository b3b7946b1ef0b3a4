//! Videos: a creator's pages of videos, the top video, and hashtag pulls.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use uuid::Uuid;

use super::*;

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
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

// A video as the API shows it (and as kept dashboard rows hold their top video).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct VideoResponse {
    /// TikTok's video id (a string: it does not fit a JSON number exactly).
    #[schema(example = "7468123456789012345")]
    pub id: String,
    pub creator_id: Uuid,
    pub posted_at: DateTime<Utc>,
    pub description: String,
    pub hashtags: Vec<String>,
    pub duration_seconds: Option<i32>,
    /// A signed CDN link that expires within hours.
    pub cover_url: Option<String>,
    #[schema(example = "https://www.tiktok.com/@mayabakes/video/7468123456789012345")]
    pub share_url: String,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    pub saves: Option<i64>,
    /// The data source that fetched it.
    pub source: String,
    pub fetched_at: DateTime<Utc>,
}

impl From<VideoRow> for VideoResponse {
    fn from(v: VideoRow) -> Self {
        Self {
            id: v.platform_id,
            creator_id: v.creator_id,
            posted_at: v.posted_at,
            description: v.description,
            hashtags: v.hashtags.0,
            duration_seconds: v.duration_seconds,
            cover_url: v.cover_url,
            share_url: v.share_url,
            views: v.views,
            likes: v.likes,
            comments: v.comments,
            shares: v.shares,
            saves: v.saves,
            source: v.source,
            fetched_at: v.fetched_at,
        }
    }
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

/// A video found under a hashtag, with its author and whether the workspace tracks them.
#[derive(Debug, Clone)]
pub struct HashtagVideo {
    pub video: VideoRow,
    pub creator: Creator,
    pub tracked: bool,
}

/// A stored hashtag pull, its videos read for one workspace.
pub struct HashtagPullRow {
    pub fetched_at: DateTime<Utc>,
    /// The source that answered the pull.
    pub source: String,
    /// Most viewed first.
    pub videos: Vec<HashtagVideo>,
    /// Followers of each author (by handle) as the pull's answer gave them; empty when it gave none.
    pub author_followers: BTreeMap<String, i64>,
}

#[async_trait]
pub trait VideoStore: Send + Sync {
    /// Full rows of these videos (by TikTok id), for showing them.
    async fn videos_by_platform_ids(&self, platform_ids: &[String]) -> Result<Vec<VideoRow>>;
    async fn creator_videos(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        order: VideoOrder,
        after: Option<VideoCursor>,
        limit: i64,
    ) -> Result<Vec<VideoRow>>;
    async fn top_video(&self, workspace_id: Uuid, creator_id: Uuid, since: DateTime<Utc>) -> Result<Option<VideoRow>>;
    /// Writes a video's stats at past moments, as fetches would have (at most one per hour): for
    /// demo data and backfills. Does nothing for a video not stored.
    async fn write_video_history(&self, platform_id: &str, points: &[VideoPoint]) -> Result<u64>;
    /// The last pull of `tag`, if any.
    async fn hashtag_pull(&self, workspace_id: Uuid, tag: &str) -> Result<Option<HashtagPullRow>>;
    /// Stores a pull of `tag`: creates unknown authors, upserts the videos and keeps what the pull
    /// said of its authors' followers.
    async fn store_hashtag_pull(
        &self,
        workspace_id: Uuid,
        tag: &str,
        source: &'static str,
        videos: &[zzyzx_sources::Video],
        now: DateTime<Utc>,
    ) -> Result<HashtagPullRow>;
}
