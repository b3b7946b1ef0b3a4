//! Fetched data: refresh now and its job, videos, top video, creator search, hashtag pulls, and
//! the data source's status.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::caller::{Caller, need};
use super::creators::CreatorSummary;
use super::pagination::{Page, PageQuery, encode_cursor};
use super::problem::{ApiError, Problem};
use crate::refresh::policy::BreakerState;
use crate::services::discovery;
use crate::state::AppState;
use crate::store::{Job, VideoCursor, VideoOrder, VideoRow};

#[derive(Debug, Serialize, ToSchema)]
pub struct JobResponse {
    pub id: Uuid,
    /// `refresh`.
    pub kind: String,
    /// `queued`, `running`, `succeeded` or `failed`.
    pub status: String,
    /// 0 to 100.
    pub progress: i32,
    pub message: Option<String>,
    pub creator_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobResponse {
    fn from(j: Job) -> Self {
        Self {
            id: j.id,
            kind: j.kind,
            status: j.status,
            progress: j.progress,
            message: j.message,
            creator_id: j.creator_id,
            created_at: j.created_at,
            updated_at: j.updated_at,
            finished_at: j.finished_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
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

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VideoSort {
    /// Newest first (the default).
    #[default]
    Recent,
    /// Most viewed first.
    Views,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VideosQuery {
    pub sort: Option<VideoSort>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TopVideoQuery {
    /// The window in days, 1 to 3650 (default 90).
    #[param(minimum = 1, maximum = 3650)]
    pub days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopVideoResponse {
    pub days: i64,
    /// Absent when the creator posted nothing zzyzx knows of in the window.
    pub video: Option<VideoResponse>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What was typed: the start of a handle (with or without `@`) or of a display name.
    #[param(min_length = 1, max_length = 100)]
    pub q: String,
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    /// Present when this workspace can open the creator's profile.
    pub creator_id: Option<Uuid>,
    pub handle: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub verified: bool,
    pub followers: Option<i64>,
    /// In one of this workspace's lists.
    pub tracked: bool,
    /// Found by the data source's user search rather than among known creators.
    pub from_source: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub items: Vec<SearchResult>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HashtagQuery {
    /// Videos to pull, 1 to 200 (default 60).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HashtagVideoResponse {
    pub video: VideoResponse,
    pub creator: CreatorSummary,
    /// The creator is in one of this workspace's lists.
    pub tracked: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HashtagResponse {
    /// The hashtag, lowercase and without `#`.
    pub tag: String,
    pub source: String,
    pub fetched_at: DateTime<Utc>,
    /// Served from an earlier pull rather than fetched now.
    pub cached: bool,
    pub videos: Vec<HashtagVideoResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceCapabilities {
    pub profile: bool,
    pub videos: bool,
    pub hashtag_videos: bool,
    pub user_search: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceStatusResponse {
    /// `tikapi`, `research`, `demo` or `none`.
    pub source: String,
    pub capabilities: SourceCapabilities,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    /// Calls are paused until then (an exhausted quota, refused credentials).
    pub paused_until: Option<DateTime<Utc>>,
    pub pause_reason: Option<String>,
    /// This instance's circuit breaker, when it runs a refresh worker.
    pub breaker: Option<BreakerState>,
}

/// Fetches the creator again as soon as a worker is free; poll the job for the outcome.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses(
        (status = 202, description = "Queued", body = JobResponse),
        (status = 409, description = "No data source is configured (`source_unavailable`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/creators/{creator_id}/refresh")]
async fn refresh_creator(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    if state.source.is_none() {
        state.store.creator(caller.workspace_id, *path).await?;
        return Err(ApiError::SourceUnavailable(
            "No data source is configured (ZZYZX_SOURCE), so nothing can be fetched.",
        ));
    }
    let job = state.store.request_refresh(caller.workspace_id, *path, Uuid::now_v7(), Utc::now()).await?;
    state.refresh_wake.notify_one();
    Ok(HttpResponse::Accepted().json(JobResponse::from(job)))
}

/// A long operation's progress and outcome.
#[utoipa::path(tag = "jobs", security(("bearer" = [])), params(("job_id" = Uuid, Path, description = "Job id")),
    responses((status = 200, description = "The job", body = JobResponse)))]
#[get("/jobs/{job_id}")]
async fn get_job(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<JobResponse>, ApiError> {
    Ok(web::Json(state.store.job(caller.workspace_id, *path).await?.into()))
}

/// The creator's videos zzyzx has fetched, newest or most viewed first.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id"), VideosQuery),
    responses((status = 200, description = "A page of videos", body = Page<VideoResponse>)))]
#[get("/creators/{creator_id}/videos")]
async fn list_videos(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
    query: web::Query<VideosQuery>,
) -> Result<web::Json<Page<VideoResponse>>, ApiError> {
    let page = PageQuery { limit: query.limit, cursor: query.cursor.clone() };
    let limit = page.limit()?;
    let after = page.cursor::<VideoCursor>()?;
    let order = match query.sort.unwrap_or_default() {
        VideoSort::Recent => VideoOrder::Recent,
        VideoSort::Views => VideoOrder::Views,
    };
    let mut videos = state.store.creator_videos(caller.workspace_id, *path, order, after, limit + 1).await?;
    let next_cursor = (videos.len() as i64 > limit).then(|| {
        videos.truncate(limit as usize);
        let last = videos.last().expect("a full page has a last video");
        encode_cursor(&match order {
            VideoOrder::Recent => VideoCursor::Recent { posted_at: last.posted_at, id: last.id },
            VideoOrder::Views => VideoCursor::Views { views: last.views, id: last.id },
        })
    });
    Ok(web::Json(Page { items: videos.into_iter().map(Into::into).collect(), next_cursor }))
}

/// The creator's most viewed video posted in the window (default 90 days).
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id"), TopVideoQuery),
    responses((status = 200, description = "The top video, if any", body = TopVideoResponse)))]
#[get("/creators/{creator_id}/top-video")]
async fn top_video(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
    query: web::Query<TopVideoQuery>,
) -> Result<web::Json<TopVideoResponse>, ApiError> {
    let days = query.days.unwrap_or(90);
    if !(1..=3650).contains(&days) {
        return Err(ApiError::invalid_parameter("days", "must be between 1 and 3650"));
    }
    let video = state.store.top_video(caller.workspace_id, *path, Utc::now() - Duration::days(days)).await?;
    Ok(web::Json(TopVideoResponse { days, video: video.map(Into::into) }))
}

/// Autocomplete: known creators whose handle or display name starts with `q`, then matches from
/// the data source's user search (where it has one).
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(SearchQuery),
    responses((status = 200, description = "Suggestions", body = SearchResponse)))]
#[get("/creators/search")]
async fn search_creators(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    query: web::Query<SearchQuery>,
) -> Result<web::Json<SearchResponse>, ApiError> {
    let limit = query.limit.unwrap_or(10);
    if !(1..=20).contains(&limit) {
        return Err(ApiError::invalid_parameter("limit", "must be between 1 and 20"));
    }
    let q = query.q.trim();
    if q.is_empty() || q.chars().count() > 100 || q.chars().any(char::is_control) {
        return Err(ApiError::invalid_parameter("q", "must be 1 to 100 characters without control characters"));
    }
    let suggestions = discovery::search(&state, caller.workspace_id, q, limit).await?;
    let items = suggestions
        .into_iter()
        .filter_map(|s| match (s.hit, s.from_source) {
            (Some(hit), _) => Some(SearchResult {
                creator_id: hit.known.then_some(hit.id),
                handle: hit.handle,
                display_name: hit.display_name,
                avatar_url: hit.avatar_url,
                verified: hit.verified,
                followers: hit.followers,
                tracked: hit.tracked,
                from_source: false,
            }),
            (None, Some(found)) => Some(SearchResult {
                creator_id: None,
                handle: found.handle,
                display_name: found.display_name,
                avatar_url: found.avatar_url,
                verified: found.verified,
                followers: found.followers,
                tracked: false,
                from_source: true,
            }),
            (None, None) => None,
        })
        .collect();
    Ok(web::Json(SearchResponse { items }))
}

/// Videos under a hashtag, through the data source (cached for a while), with their creators;
/// creators already in one of this workspace's lists are marked.
#[utoipa::path(tag = "discovery", security(("bearer" = [])),
    params(("tag" = String, Path, description = "The hashtag, with or without `#` (URL-encoded)"), HashtagQuery),
    responses(
        (status = 200, description = "The videos", body = HashtagResponse),
        (status = 409, description = "No data source that can pull hashtags (`source_unavailable`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The data source is rate limiting", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "The data source failed (`upstream_failed`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/hashtags/{tag}/videos")]
async fn hashtag_videos(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<String>,
    query: web::Query<HashtagQuery>,
) -> Result<web::Json<HashtagResponse>, ApiError> {
    let limit = query.limit.unwrap_or(60);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid_parameter("limit", "must be between 1 and 200"));
    }
    let tag = discovery::parse_hashtag(&path)?;
    let pull = discovery::hashtag_videos(&state, caller.workspace_id, tag, limit).await?;
    Ok(web::Json(HashtagResponse {
        tag: pull.tag,
        source: pull.source.into(),
        fetched_at: pull.fetched_at,
        cached: pull.cached,
        videos: pull
            .videos
            .into_iter()
            .map(|v| HashtagVideoResponse { video: v.video.into(), creator: v.creator.into(), tracked: v.tracked })
            .collect(),
    }))
}

/// The configured data source: what it can do, its last success and error, pauses, breaker.
#[utoipa::path(tag = "sources", security(("bearer" = [])),
    responses((status = 200, description = "The source's status", body = SourceStatusResponse)))]
#[get("/sources/status")]
async fn source_status(
    state: web::Data<AppState>,
    _caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<SourceStatusResponse>, ApiError> {
    let Some(source) = &state.source else {
        return Ok(web::Json(SourceStatusResponse {
            source: "none".into(),
            capabilities: SourceCapabilities {
                profile: false,
                videos: false,
                hashtag_videos: false,
                user_search: false,
            },
            last_success_at: None,
            last_error: None,
            last_error_at: None,
            paused_until: None,
            pause_reason: None,
            breaker: None,
        }));
    };
    let recorded = state.store.source_state(source.name()).await?;
    let capabilities = source.capabilities();
    Ok(web::Json(SourceStatusResponse {
        source: source.name().into(),
        capabilities: SourceCapabilities {
            profile: capabilities.profile,
            videos: capabilities.videos,
            hashtag_videos: capabilities.hashtag_videos,
            user_search: capabilities.user_search,
        },
        last_success_at: recorded.last_success_at,
        last_error: recorded.last_error,
        last_error_at: recorded.last_error_at,
        paused_until: recorded.paused_until.filter(|until| *until > Utc::now()),
        pause_reason: recorded.pause_reason.filter(|_| recorded.paused_until.is_some_and(|until| until > Utc::now())),
        breaker: state.worker.as_ref().map(|w| w.breaker_state()),
    }))
}

/// Registered before `/creators/{creator_id}` so that `search` is not taken for an id.
pub fn routes_before_creators(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(search_creators);
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(refresh_creator)
        .service(get_job)
        .service(list_videos)
        .service(top_video)
        .service(hashtag_videos)
        .service(source_status);
}
