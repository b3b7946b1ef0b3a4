//! `/shared/dashboard` and `/shared/campaign`: what a share link opens, and nothing else.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use futures_util::future::LocalBoxFuture;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::CreatorSummary as AnalyticsSummary;

use crate::auth::tokens::hash_secret;
use crate::http::caller::credentials;
use crate::http::campaigns::report::CampaignReportResponse;
use crate::http::creators::videos::VideoResponse;
use crate::http::creators::{CreatorSummary, MetricsResponse};
use crate::http::lists::ListResponse;
use crate::http::lists::dashboard::{DashboardQuery, DashboardRow, DashboardTotals, build_dashboard};
use crate::http::problem::ApiError;
use crate::http::share_links::SHARE_PREFIX;
use crate::state::AppState;
use crate::store::ShareSubject;

/// What a share link opens: a list's dashboard or a campaign's report, in one workspace.
pub struct Shared {
    workspace_id: Uuid,
    subject: ShareSubject,
}

impl FromRequest for Shared {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let (state, token) = credentials(&request)?;
            if !token.starts_with(SHARE_PREFIX) || token.len() > 256 {
                return Err(ApiError::InvalidToken);
            }
            let (workspace_id, subject) =
                state.store.open_share_link(&hash_secret(&token), Utc::now()).await?.ok_or(ApiError::InvalidToken)?;
            Ok(Shared { workspace_id, subject })
        })
    }
}

/// A dashboard row as a share link shows it: without the list's notes and tags. It names every
/// field it shows, so a private field added to `DashboardRow` stays private until listed here.
#[derive(Debug, Serialize, ToSchema)]
pub struct SharedDashboardRow {
    pub item_id: Uuid,
    pub position: i64,
    pub creator: CreatorSummary,
    pub latest: Option<MetricsResponse>,
    pub summary: AnalyticsSummary,
    /// Followers on each of the last 30 days, oldest first; null where no snapshot exists.
    pub sparkline: Vec<Option<i64>>,
    /// The video of the last 90 days with the highest outlier multiple.
    pub top_video: Option<VideoResponse>,
}

impl From<DashboardRow> for SharedDashboardRow {
    fn from(row: DashboardRow) -> Self {
        let DashboardRow { item_id, position, note: _, tags: _, creator, latest, summary, sparkline, top_video } = row;
        Self { item_id, position, creator, latest, summary, sparkline, top_video }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SharedDashboardResponse {
    pub list: ListResponse,
    pub computed_at: DateTime<Utc>,
    pub sparkline_days: usize,
    pub totals: DashboardTotals,
    pub rows: Vec<SharedDashboardRow>,
}

/// The dashboard a share link opens, as its owners see it but without their notes and tags.
/// Send the link's secret as `Authorization: Bearer zzs_…`; no login.
#[utoipa::path(tag = "sharing", security(("share_link" = [])), params(DashboardQuery),
    responses((status = 200, description = "The shared dashboard", body = SharedDashboardResponse)))]
#[get("/shared/dashboard")]
async fn shared_dashboard(
    state: web::Data<AppState>,
    shared: Shared,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    // A campaign's link opens its report and nothing else.
    let ShareSubject::List(list_id) = shared.subject else { return Err(ApiError::InvalidToken) };
    let dashboard = build_dashboard(&state, shared.workspace_id, list_id, &query).await?;
    let shared = SharedDashboardResponse {
        list: dashboard.list,
        computed_at: dashboard.computed_at,
        sparkline_days: dashboard.sparkline_days,
        totals: dashboard.totals,
        rows: dashboard.rows.into_iter().map(Into::into).collect(),
    };
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(shared))
}

/// The campaign report a share link opens: totals, per-creator outcomes and estimates, without
/// contacts, discount codes, tracking links or order ids. Send the link's secret as
/// `Authorization: Bearer zzs_…`; no login.
#[utoipa::path(tag = "sharing", security(("share_link" = [])),
    responses((status = 200, description = "The shared report", body = CampaignReportResponse)))]
#[get("/shared/campaign")]
async fn shared_campaign(state: web::Data<AppState>, shared: Shared) -> Result<HttpResponse, ApiError> {
    let ShareSubject::Campaign(campaign_id) = shared.subject else { return Err(ApiError::InvalidToken) };
    let report = CampaignReportResponse::from(state.campaigns().report(shared.workspace_id, campaign_id).await?);
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(report))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(shared_dashboard).service(shared_campaign);
}
