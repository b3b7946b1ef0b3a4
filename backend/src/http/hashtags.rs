//! `/hashtags/{tag}/videos`: paste a hashtag, get its videos and their creators.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::caller::{Caller, need};
use crate::http::creators::CreatorSummary;
use crate::http::creators::videos::VideoResponse;
use crate::http::problem::{ApiError, Problem};
use crate::services::discovery;
use crate::state::AppState;

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

/// Videos under a hashtag, through the data source (cached for a while), with their creators;
/// creators already in one of this workspace's lists are marked.
#[utoipa::path(tag = "discovery", security(("bearer" = [])),
    params(("tag" = String, Path, format = "hashtag", description = "The hashtag, with or without `#` (URL-encoded): 1 to 100 letters, digits or `_`"), HashtagQuery),
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
    let pull = state.discovery().hashtag_videos(caller.workspace_id, tag, limit).await?;
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

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(hashtag_videos);
}
