//! `/creators/{id}/analytics`: growth, projection, engagement, outliers, rising, price, fit.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::CreatorAnalytics;

use super::videos::VideoResponse;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorAnalyticsResponse {
    pub creator_id: Uuid,
    pub computed_at: DateTime<Utc>,
    pub analytics: CreatorAnalytics,
    /// Every video the analytics name by id (the outliers, a spike's explaining video), with its
    /// caption, cover and link.
    pub videos: Vec<VideoResponse>,
}

/// A creator's analytics: growth, projection, engagement, outliers, rising, tier, fair price,
/// expected return, authenticity signals, audience fit, content signal and daily gains. Every
/// value names its formula, window and sample size.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses((status = 200, description = "The analytics", body = CreatorAnalyticsResponse)))]
#[get("/creators/{creator_id}/analytics")]
async fn creator_analytics(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CreatorAnalyticsResponse>, ApiError> {
    let report = state.analytics().creator(caller.workspace_id, *path).await?;
    Ok(web::Json(CreatorAnalyticsResponse {
        creator_id: report.creator_id,
        computed_at: report.computed_at,
        analytics: report.analytics,
        videos: report.videos.into_iter().map(VideoResponse::from).collect(),
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(creator_analytics);
}
