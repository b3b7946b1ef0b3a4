//! `/discover/rising`: rising creators among all the workspace knows.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zzyzx_analytics::{CreatorSummary as AnalyticsSummary, Tier};

use crate::http::caller::{Caller, need};
use crate::http::creators::videos::VideoResponse;
use crate::http::creators::{CreatorSummary, MetricsResponse};
use crate::http::problem::ApiError;
use crate::services::analytics::RisingFilter;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RisingQuery {
    pub tier: Option<Tier>,
    /// Only creators with an audience fit score at least this (0–100); creators with unknown fit are left out.
    #[param(minimum = 0, maximum = 100)]
    pub min_fit: Option<u8>,
    /// `true`: only creators whose audience fit is known or estimated (any kind of audience
    /// profile); the content signal does not count.
    pub fit_known: Option<bool>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RisingCreator {
    pub creator: CreatorSummary,
    /// Present when the creator is known to this workspace (always, here), for the profile link.
    pub latest: Option<MetricsResponse>,
    pub summary: AnalyticsSummary,
    pub sparkline: Vec<Option<i64>>,
    pub top_video: Option<VideoResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RisingResponse {
    pub computed_at: DateTime<Utc>,
    pub items: Vec<RisingCreator>,
}

/// Rising creators among all this workspace tracks or has met (through hashtags or imports),
/// with the reasons in words; filterable by tier and audience fit.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(RisingQuery),
    responses((status = 200, description = "Rising creators, the fastest accelerating first", body = RisingResponse)))]
#[get("/discover/rising")]
async fn get_rising(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    query: web::Query<RisingQuery>,
) -> Result<web::Json<RisingResponse>, ApiError> {
    let filter = RisingFilter {
        tier: query.tier,
        min_fit: query.min_fit,
        fit_known: query.fit_known.unwrap_or(false),
        limit: query.limit.unwrap_or(50),
    };
    let rows = state.analytics().rising(caller.workspace_id, filter).await?;
    let items = rows
        .into_iter()
        .map(|row| RisingCreator {
            creator: row.creator.into(),
            latest: row.latest.map(Into::into),
            summary: row.summary,
            sparkline: row.sparkline,
            top_video: row.top_video,
        })
        .collect();
    Ok(web::Json(RisingResponse { computed_at: Utc::now(), items }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(get_rising);
}
