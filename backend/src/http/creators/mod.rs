//! `/creators/search` and `/creators/{id}`: finding creators and reading one; everything under
//! `/creators/{id}/…` is in this folder, one file per sub-resource.

pub mod analytics;
pub mod audience;
pub mod metrics;
pub mod refresh;
pub mod videos;

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::text;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::state::AppState;
use crate::store::{Creator, CreatorProfile, Snapshot};

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorSummary {
    pub id: Uuid,
    /// Canonical handle: lowercase, without `@`.
    #[schema(example = "mayabakes")]
    pub handle: String,
    pub display_name: Option<String>,
    /// May expire: TikTok's CDN signs avatar URLs for a limited time.
    pub avatar_url: Option<String>,
    pub verified: bool,
    /// `active`, `not_found`, `private` or `banned`.
    pub status: String,
    #[schema(example = "https://www.tiktok.com/@mayabakes")]
    pub profile_url: String,
}

impl From<Creator> for CreatorSummary {
    fn from(c: Creator) -> Self {
        Self {
            id: c.id,
            profile_url: format!("https://www.tiktok.com/@{}", c.handle),
            handle: c.handle,
            display_name: c.display_name,
            avatar_url: c.avatar_url,
            verified: c.verified,
            status: c.status,
        }
    }
}

/// A creator's counts at one moment, and where they came from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MetricsResponse {
    pub captured_at: DateTime<Utc>,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
    /// `manual`, `import`, or the data source that fetched it (`tikapi`, `scrapecreators`, `research`, `demo`).
    pub source: String,
}

impl From<Snapshot> for MetricsResponse {
    fn from(s: Snapshot) -> Self {
        Self {
            captured_at: s.captured_at,
            followers: s.followers,
            following: s.following,
            likes: s.likes,
            videos: s.videos,
            source: s.source,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackingResponse {
    pub status: String,
    pub next_fetch_at: Option<DateTime<Utc>>,
    pub last_fetched_at: Option<DateTime<Utc>>,
    /// Consecutive failed fetches.
    pub failures: i32,
    pub last_error: Option<String>,
    /// Why the next fetch is when it is: `rising` (every 6 h by default), `campaign` (8 h),
    /// `climbing` (a recent video still gaining views, 12 h), `regular` (24 h), `dormant` (no
    /// video in 30 days, 3 days) or `unwatched` (in no list opened in 30 days, a week); none
    /// before the first fetch.
    #[schema(example = "rising")]
    pub refresh_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorResponse {
    #[serde(flatten)]
    pub summary: CreatorSummary,
    pub bio: Option<String>,
    pub region: Option<String>,
    pub latest: Option<MetricsResponse>,
    /// The first snapshot this workspace can see.
    pub tracking_since: Option<DateTime<Utc>>,
    pub snapshot_count: i64,
    pub tracking: TrackingResponse,
}

impl From<CreatorProfile> for CreatorResponse {
    fn from(p: CreatorProfile) -> Self {
        let tracking = TrackingResponse {
            status: p.creator.status.clone(),
            next_fetch_at: p.creator.next_fetch_at,
            last_fetched_at: p.creator.last_fetched_at,
            failures: p.creator.failures,
            last_error: p.creator.last_error.clone(),
            refresh_reason: p.creator.refresh_reason.clone(),
        };
        Self {
            bio: p.creator.bio.clone(),
            region: p.creator.region.clone(),
            summary: p.creator.into(),
            latest: p.latest.map(Into::into),
            tracking_since: p.tracking_since,
            snapshot_count: p.snapshot_count,
            tracking,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What was typed: the start of a handle (with or without `@`) or of a display name.
    #[param(min_length = 1, max_length = 100, format = "text-line")]
    pub q: String,
    /// Suggestions, 1 to 20 (default 10).
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
    let q = text::clean(&query.q, 1, 100, false).map_err(|e| ApiError::invalid_parameter("q", e))?;
    let suggestions = state.discovery().search(caller.workspace_id, &q, limit).await?;
    let items = suggestions
        .into_iter()
        .filter_map(|s| match (s.hit, s.from_source) {
            (Some(hit), _) => Some(SearchResult {
                creator_id: Some(hit.id),
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

/// A creator this workspace tracks: profile, latest counts and tracking state.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses((status = 200, description = "The creator", body = CreatorResponse)))]
#[get("/creators/{creator_id}")]
async fn get_creator(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CreatorResponse>, ApiError> {
    Ok(web::Json(state.store.creator(caller.workspace_id, *path).await?.into()))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(search_creators)
        .service(get_creator)
        .configure(analytics::routes)
        .configure(audience::routes)
        .configure(metrics::routes)
        .configure(refresh::routes)
        .configure(videos::routes);
}
