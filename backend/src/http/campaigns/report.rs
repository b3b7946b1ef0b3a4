//! `/campaigns/{id}/report`, its CSV, and its share links: what the campaign cost, reached and
//! returned, per creator beside the estimate made before, and the rates it measured.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::Measure;
use zzyzx_analytics::campaign::{CampaignTotals, EntryOutcome, Proposals};

use super::CampaignResponse;
use crate::domain::Stage;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::http::share_links::{
    self, CreateShareLinkRequest, CreatedShareLinkResponse, ShareLinkResponse, ShareLinksResponse,
};
use crate::services::campaigns::{Estimate, Report};
use crate::state::AppState;
use crate::store::ShareSubject;

/// One creator's outcome beside what was expected of them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportCreator {
    pub entry_id: Uuid,
    pub handle: String,
    pub stage: Stage,
    /// What happened, in the campaign's currency.
    pub actual: EntryOutcome,
    /// What zzyzx expected before (views.median.v1, returns.orders.v1, price.cpm_range.v1), frozen when the
    /// creator joined and again when shipped; null for a creator added before estimates were kept.
    pub estimate: Option<Estimate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignReportResponse {
    pub campaign: CampaignResponse,
    /// Currency of every amount except `totals.other_currencies` and the estimates.
    pub currency: String,
    pub computed_at: DateTime<Utc>,
    pub totals: CampaignTotals,
    pub creators: Vec<ReportCreator>,
    /// Rates measured by the campaign, to replace the workspace's assumptions if the brand wants.
    pub proposals: Proposals,
}

impl From<Report> for CampaignReportResponse {
    fn from(report: Report) -> Self {
        let creators = report
            .entries
            .into_iter()
            .zip(report.outcome.entries)
            .map(|(entry, actual)| ReportCreator {
                entry_id: entry.id,
                handle: entry.creator.handle,
                stage: entry.stage,
                actual,
                estimate: entry.estimate.and_then(|value| serde_json::from_value(value).ok()),
            })
            .collect();
        Self {
            currency: report.view.campaign.currency.clone(),
            campaign: report.view.into(),
            computed_at: report.computed_at,
            totals: report.outcome.totals,
            creators,
            proposals: report.outcome.proposals,
        }
    }
}

/// The campaign's report: cost, post rate and time to post, reach and engagement, orders,
/// revenue and ROAS, each with its formula and sample, and `not_enough_data` rather than a guess.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The report", body = CampaignReportResponse)))]
#[get("/campaigns/{campaign_id}/report")]
async fn get_report(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignReportResponse>, ApiError> {
    Ok(web::Json(state.campaigns().report(caller.workspace_id, *path).await?.into()))
}

fn amount(value: f64) -> String {
    format!("{value:.2}")
}

fn measure(m: &Measure<f64>) -> String {
    m.value.map(amount).unwrap_or_default()
}

fn optional(value: Option<f64>) -> String {
    value.map(amount).unwrap_or_default()
}

/// The report as CSV: one row per creator, then the totals. Cells that a spreadsheet would read
/// as a formula are neutralised.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The report", content_type = "text/csv", body = String)))]
#[get("/campaigns/{campaign_id}/report.csv")]
async fn report_csv(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let report = CampaignReportResponse::from(state.campaigns().report(caller.workspace_id, *path).await?);
    let header = [
        "handle",
        "stage",
        "currency",
        "cost",
        "posts",
        "views",
        "engagements",
        "orders",
        "revenue",
        "cost_per_1000_views",
        "roas",
        "expected_views",
        "expected_orders",
        "fair_price_low",
        "fair_price_high",
        "estimate_currency",
    ];
    let currency = report.currency.clone();
    let mut rows: Vec<Vec<String>> = report
        .creators
        .iter()
        .map(|c| {
            let estimate = c.estimate.as_ref();
            vec![
                c.handle.clone(),
                c.stage.as_str().to_owned(),
                currency.clone(),
                amount(c.actual.cost),
                c.actual.posts.to_string(),
                c.actual.views.to_string(),
                c.actual.engagements.to_string(),
                c.actual.orders.to_string(),
                amount(c.actual.revenue),
                measure(&c.actual.cost_per_thousand_views),
                measure(&c.actual.roas),
                optional(estimate.and_then(|e| e.expected_views)),
                optional(estimate.and_then(|e| e.expected_orders)),
                optional(estimate.and_then(|e| e.fair_price_low)),
                optional(estimate.and_then(|e| e.fair_price_high)),
                estimate.map(|e| e.currency.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    let t = &report.totals;
    rows.push(vec![
        "(all creators)".to_owned(),
        String::new(),
        currency.clone(),
        amount(t.cost.total),
        t.posts.to_string(),
        t.views.to_string(),
        t.engagements.to_string(),
        t.orders.to_string(),
        amount(t.revenue),
        measure(&t.cost_per_thousand_views),
        measure(&t.roas),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    crate::http::csv::csv_download("campaign-report.csv", &header, rows)
}

/// The report's share links, newest first, revoked ones included. Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])), params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The links", body = ShareLinksResponse)))]
#[get("/campaigns/{campaign_id}/share-links")]
async fn list_report_links(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ShareLinksResponse>, ApiError> {
    share_links::list(&state, &caller, ShareSubject::Campaign(*path)).await
}

/// Makes a public, read-only link to the campaign's report (no contacts, codes or order ids).
/// Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])), params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    request_body = CreateShareLinkRequest,
    responses((status = 201, description = "Created; `path` is the page to hand out", body = CreatedShareLinkResponse)))]
#[post("/campaigns/{campaign_id}/share-links")]
async fn create_report_link(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
    body: Json<CreateShareLinkRequest>,
) -> Result<HttpResponse, ApiError> {
    share_links::create(&state, &caller, ShareSubject::Campaign(*path), &body).await
}

/// Revokes a report's share link. Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("link_id" = Uuid, Path, description = "Share link id")),
    responses((status = 200, description = "Revoked", body = ShareLinkResponse)))]
#[delete("/campaigns/{campaign_id}/share-links/{link_id}")]
async fn revoke_report_link(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ShareLinkResponse>, ApiError> {
    let (campaign_id, link_id) = path.into_inner();
    share_links::revoke(&state, &caller, ShareSubject::Campaign(campaign_id), link_id).await
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(get_report)
        .service(report_csv)
        .service(list_report_links)
        .service(create_report_link)
        .service(revoke_report_link);
}
