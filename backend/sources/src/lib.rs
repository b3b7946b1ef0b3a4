//! Where zzyzx's numbers come from. A [`Source`] answers for public TikTok creators: profiles with
//! their counts, recent videos, videos under a hashtag, and user search, as far as its
//! [`Capabilities`] go. Every failure is a typed [`SourceError`]; no client retries on its own
//! (the refresh worker owns retries, backoff and the circuit breaker), and none panics on what a
//! provider sends.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

pub mod demo;
mod http;
pub mod research;
pub mod scrapecreators;
pub mod tikapi;
pub mod tiktok_business;
pub mod tiktok_login;
mod web;
mod wire;

pub use demo::{
    DEMO_BRAND_HANDLE, DEMO_BRAND_HASHTAG, DEMO_CAMPAIGN_DAYS, DemoPoint, DemoSource, Pattern, demo_cycle_start,
    demo_discount_code, demo_handles, demo_history, demo_pattern, demo_seeded,
};
pub use research::ResearchApi;
pub use scrapecreators::ScrapeCreators;
pub use tikapi::TikApi;
pub use tiktok_business::{BusinessAccount, BusinessAudience, BusinessConfig, BusinessGrant, TikTokBusiness};
pub use tiktok_login::{AccountError, ConnectedProfile, LoginConfig, TikTokLogin, TokenGrant};

/// How a provider client talks HTTP. The defaults are zzyzx's provider-client policy; tests shorten
/// the timeouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOptions {
    /// The whole request, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Larger bodies are refused as [`SourceError::BadPayload`] without being read to the end.
    pub max_body_bytes: usize,
    /// The most provider requests one `videos`, `hashtag_videos` or `search_users` call may make
    /// (pages, and for the Research API also 30-day windows). Bounds quota spent on a single call.
    pub videos_depth: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(3),
            max_body_bytes: 1024 * 1024,
            videos_depth: 10,
        }
    }
}

/// A provider client could not be built from its configuration (a bad base URL, or no TLS backend).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the {client} client: {reason}")]
pub struct BuildError {
    pub client: &'static str,
    pub reason: String,
}

/// What a source can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Capabilities {
    pub profile: bool,
    pub videos: bool,
    pub hashtag_videos: bool,
    pub user_search: bool,
    /// The comments under a video, which audience estimates read.
    pub comments: bool,
    /// The countries of a creator's audience, as the provider reports them.
    pub audience: bool,
}

/// A creator's public profile and counts, as one source saw them at `fetched_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub platform_user_id: String,
    /// Canonical: lowercase, without `@`.
    pub handle: String,
    pub sec_uid: Option<String>,
    pub display_name: Option<String>,
    /// May carry an `x-expires` signature: good for hours, not forever.
    pub avatar_url: Option<String>,
    pub bio: Option<String>,
    pub verified: bool,
    pub region: Option<String>,
    pub private: bool,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
    /// True when the counts may be rounded (no exact `statsV2` strings were present).
    pub counts_may_be_rounded: bool,
    pub fetched_at: DateTime<Utc>,
}

/// One video with its latest public stats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// TikTok's id (a 64-bit number kept as a string).
    pub platform_id: String,
    /// Canonical handle of the author.
    pub author_handle: String,
    pub author_display_name: Option<String>,
    pub author_avatar_url: Option<String>,
    /// The author's followers when the answer carries them with the video (TikAPI's and
    /// ScrapeCreators' hashtag and video lists do; the Research API does not).
    pub author_followers: Option<i64>,
    pub posted_at: DateTime<Utc>,
    pub description: String,
    /// Hashtags without `#`, lowercase.
    pub hashtags: Vec<String>,
    pub duration_seconds: Option<i32>,
    /// A signed CDN URL: expires.
    pub cover_url: Option<String>,
    pub share_url: String,
    pub region: Option<String>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    pub saves: Option<i64>,
}

/// A creator found by user search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserMatch {
    pub handle: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub verified: bool,
    pub followers: Option<i64>,
}

/// One top-level comment under a video, with what is public about its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoComment {
    /// TikTok's comment id (`cid`).
    pub id: String,
    /// May be empty: TikTok allows sticker- and image-only comments.
    pub text: String,
    pub posted_at: DateTime<Utc>,
    /// The commenter's TikTok user id.
    pub commenter_id: Option<String>,
    /// Canonical handle of the commenter.
    pub commenter_handle: Option<String>,
    /// The commenter's region (a country code such as `US`), when the provider gives it.
    pub commenter_region: Option<String>,
    pub likes: Option<i64>,
    /// TikTok's guess at the comment's language (`en`, `es`, …).
    pub language: Option<String>,
}

/// One country's share of a creator's audience, as a provider estimated it.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceCountry {
    /// ISO 3166-1 alpha-2, upper case (`MX`).
    pub code: String,
    /// The provider's English name for the country.
    pub name: Option<String>,
    /// How many people in the provider's sample were placed in this country.
    pub count: i64,
    /// Share of the sample, 0–100.
    pub percentage: f64,
}

/// What went wrong, in terms the refresh worker can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The account does not exist (or no longer does).
    #[error("creator not found")]
    NotFound,
    #[error("the account is private")]
    Private,
    #[error("the account is banned or suspended")]
    Banned,
    /// Slow down: wait at least `retry_after` when the provider said so.
    #[error("rate limited")]
    RateLimited { retry_after: Option<Duration> },
    /// The provider's quota is spent until `resets_at` (when known).
    #[error("quota exhausted")]
    QuotaExhausted { resets_at: Option<DateTime<Utc>> },
    /// The key or credentials were refused: nothing works until the operator fixes them.
    #[error("credentials refused: {0}")]
    Unauthorized(String),
    /// A transient failure: connection, timeout, 5xx. Worth retrying later.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// The provider answered, but with something zzyzx cannot trust (bad JSON, HTML, negative
    /// counts, too large, a redirect elsewhere). Not retried at once.
    #[error("bad payload: {0}")]
    BadPayload(String),
    /// The request itself was refused as invalid (a 4xx other than the above).
    #[error("request refused: {0}")]
    Rejected(String),
    /// This source cannot answer that kind of question.
    #[error("not supported by this source")]
    Unsupported,
}

impl SourceError {
    /// A short, stable name of the kind of failure, for metrics and logs.
    pub fn kind(&self) -> &'static str {
        match self {
            SourceError::NotFound => "not_found",
            SourceError::Private => "private",
            SourceError::Banned => "banned",
            SourceError::RateLimited { .. } => "rate_limited",
            SourceError::QuotaExhausted { .. } => "quota_exhausted",
            SourceError::Unauthorized(_) => "unauthorized",
            SourceError::Unavailable(_) => "unavailable",
            SourceError::BadPayload(_) => "bad_payload",
            SourceError::Rejected(_) => "rejected",
            SourceError::Unsupported => "unsupported",
        }
    }

    /// Whether the creator should be marked rather than retried.
    pub fn is_permanent_for_creator(&self) -> bool {
        matches!(self, SourceError::NotFound | SourceError::Private | SourceError::Banned)
    }
}

#[async_trait]
pub trait Source: Send + Sync + 'static {
    /// `tikapi`, `research`, `scrapecreators` or `demo`: stored with every snapshot as its source.
    fn name(&self) -> &'static str;
    fn capabilities(&self) -> Capabilities;
    /// Requests sent to the provider so far by this client, answered or not: what a daily
    /// budget counts.
    fn requests_sent(&self) -> u64;
    /// The most requests one refresh (the profile, then the recent videos) can send.
    fn requests_per_refresh(&self) -> u32;
    /// The most requests reading one video's comments can send.
    fn requests_per_comments(&self) -> u32 {
        1
    }
    async fn profile(&self, handle: &str) -> Result<Profile, SourceError>;
    /// Up to `max` most recent videos. `sec_uid` saves a lookup where the source needs it.
    async fn videos(&self, handle: &str, sec_uid: Option<&str>, max: usize) -> Result<Vec<Video>, SourceError>;
    /// Up to `max` videos under a hashtag (without `#`).
    async fn hashtag_videos(&self, tag: &str, max: usize) -> Result<Vec<Video>, SourceError>;
    async fn search_users(&self, query: &str, max: usize) -> Result<Vec<UserMatch>, SourceError>;
    /// Up to `max` top-level comments under `handle`'s video `video_id`, newest first: the sample
    /// an audience estimate reads. A source without them says `Unsupported` (and its capabilities
    /// say so).
    async fn comments(&self, _handle: &str, _video_id: &str, _max: usize) -> Result<Vec<VideoComment>, SourceError> {
        Err(SourceError::Unsupported)
    }

    /// The countries of `handle`'s audience as the provider reports them, largest share first. A
    /// source without them says `Unsupported` (and its capabilities say so).
    async fn audience(&self, _handle: &str) -> Result<Vec<AudienceCountry>, SourceError> {
        Err(SourceError::Unsupported)
    }
}
