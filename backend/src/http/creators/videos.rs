//! `/creators/{id}/videos` and `/creators/{id}/top-video`.

use actix_web::{get, web};
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::http::caller::{Caller, need};
use crate::http::pagination::{Page, PageQuery, encode_cursor};
use crate::http::problem::ApiError;
use crate::state::AppState;
pub use crate::store::VideoResponse;
use crate::store::{VideoCursor, VideoOrder};

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
    /// Items per page, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]+$")]
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

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_videos).service(top_video);
}
