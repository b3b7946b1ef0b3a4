//! `/hashtags/{tag}/videos`: paste a hashtag, get its videos and their creators, one row each.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::caller::{Caller, need};
use zzyzx_analytics::CreatorSummary as AnalyticsSummary;

use crate::http::creators::videos::VideoResponse;
use crate::http::creators::{CreatorSummary, MetricsResponse};
use crate::http::problem::{ApiError, Problem};
use crate::services::discovery::{self, HashtagCreator};
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

/// A follower count and where it came from.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowerCount {
    pub count: i64,
    /// The source that gave it (`tikapi`, `demo`, …), or `manual` / `import` for a written point.
    pub source: String,
    pub captured_at: DateTime<Utc>,
}

/// One creator of a hashtag's videos.
#[derive(Debug, Serialize, ToSchema)]
pub struct HashtagCreatorResponse {
    pub creator: CreatorSummary,
    /// The creator is in one of this workspace's lists.
    pub tracked: bool,
    /// The creator's latest snapshot where zzyzx has one (tracked creators), else the count the
    /// hashtag's answer gave at `fetched_at`; null when neither exists (the Research API gives
    /// no author counts).
    pub followers: Option<FollowerCount>,
    /// The creator's latest snapshot, if any.
    pub latest: Option<MetricsResponse>,
    /// The creator's dashboard figures in this workspace, from every video zzyzx knows of theirs
    /// (engagement and median views need 3): fit or estimated fit with its interval, or the
    /// content signal.
    pub summary: AnalyticsSummary,
    /// Their videos among this hashtag's, and those videos' views together.
    pub videos_here: usize,
    pub views_here: i64,
}

impl HashtagCreatorResponse {
    fn new(creator: HashtagCreator, fetched_at: DateTime<Utc>, source: &str) -> Self {
        let HashtagCreator { row, tracked, videos_here, views_here, pulled_followers } = creator;
        let followers = match (&row.latest, pulled_followers) {
            (Some(latest), _) => Some(FollowerCount {
                count: latest.followers,
                source: latest.source.clone(),
                captured_at: latest.captured_at,
            }),
            (None, Some(count)) => Some(FollowerCount { count, source: source.to_owned(), captured_at: fetched_at }),
            (None, None) => None,
        };
        Self {
            creator: row.creator.into(),
            tracked,
            followers,
            latest: row.latest.map(Into::into),
            summary: row.summary,
            videos_here,
            views_here,
        }
    }
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
    /// The same videos' creators, one each, most views under the hashtag first.
    pub creators: Vec<HashtagCreatorResponse>,
}

/// Videos under a hashtag, through the data source (cached for a while), and their creators one
/// each with followers, engagement and fit; creators already in one of this workspace's lists are
/// marked.
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
    let creators = pull
        .creators
        .into_iter()
        .map(|creator| HashtagCreatorResponse::new(creator, pull.fetched_at, &pull.source))
        .collect();
    Ok(web::Json(HashtagResponse {
        tag: pull.tag,
        source: pull.source,
        fetched_at: pull.fetched_at,
        cached: pull.cached,
        videos: pull
            .videos
            .into_iter()
            .map(|v| HashtagVideoResponse { video: v.video.into(), creator: v.creator.into(), tracked: v.tracked })
            .collect(),
        creators,
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(hashtag_videos);
}
