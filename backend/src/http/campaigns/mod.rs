//! `/campaigns` and `/campaigns/{id}`; everything under `/campaigns/{id}/…` is in this folder:
//! `creators` (the pipeline), `posts`, `orders` and `report` (with its CSV and share links).

pub mod creators;
pub mod orders;
pub mod posts;
pub mod report;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Rules;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::{ApiError, Problem};
use crate::services::campaigns::{CampaignCounts, CampaignInput, CampaignPatch, CampaignStatus, CampaignView, Product};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignResponse {
    pub id: Uuid,
    pub name: String,
    /// From the dates: `planned` before the start, `finished` after the end, `running` between.
    pub status: CampaignStatus,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub product: Product,
    /// Per creator who agrees, in the product's currency.
    pub fee: Option<f64>,
    pub overdue_days: i32,
    pub landing_url: Option<String>,
    pub rules: Rules,
    /// Made by the demo data: not a real campaign.
    pub demo: bool,
    pub counts: CampaignCounts,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<CampaignView> for CampaignResponse {
    fn from(view: CampaignView) -> Self {
        let c = view.campaign;
        Self {
            id: c.id,
            name: c.name,
            status: view.status,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            product: Product {
                name: c.product_name,
                unit_cost: c.unit_cost,
                shipping_cost: c.shipping_cost,
                retail_value: c.retail_value,
                currency: c.currency,
            },
            fee: c.fee,
            overdue_days: c.overdue_days,
            landing_url: c.landing_url,
            rules: c.rules.0,
            demo: c.demo,
            counts: view.counts,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignsResponse {
    pub items: Vec<CampaignResponse>,
}

/// The workspace's campaigns, the latest start first.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    responses((status = 200, description = "The campaigns", body = CampaignsResponse)))]
#[get("/campaigns")]
async fn list_campaigns(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
) -> Result<web::Json<CampaignsResponse>, ApiError> {
    let views = state.campaigns().list(caller.workspace_id).await?;
    Ok(web::Json(CampaignsResponse { items: views.into_iter().map(Into::into).collect() }))
}

/// Creates a campaign. Its detection rules are refused when one would match nearly everything
/// (fewer than 3 characters), with the rule's place in `errors`.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])), request_body = CampaignInput,
    responses(
        (status = 201, description = "Created", body = CampaignResponse),
        (status = 409, description = "A campaign with this name exists (`duplicate_campaign_name`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/campaigns")]
async fn create_campaign(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    body: Json<CampaignInput>,
) -> Result<HttpResponse, ApiError> {
    let view = state.campaigns().create(caller.workspace_id, body.into_inner(), false).await?;
    Ok(HttpResponse::Created().json(CampaignResponse::from(view)))
}

#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The campaign", body = CampaignResponse)))]
#[get("/campaigns/{campaign_id}")]
async fn get_campaign(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    Ok(web::Json(state.campaigns().get(caller.workspace_id, *path).await?.into()))
}

/// Changes a campaign: the fields given replace its own, checked as on creation.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")), request_body = CampaignPatch,
    responses(
        (status = 200, description = "Changed", body = CampaignResponse),
        (status = 409, description = "A campaign with this name exists (`duplicate_campaign_name`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/campaigns/{campaign_id}")]
async fn update_campaign(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<Uuid>,
    body: Json<CampaignPatch>,
) -> Result<web::Json<CampaignResponse>, ApiError> {
    Ok(web::Json(state.campaigns().update(caller.workspace_id, *path, body.into_inner()).await?.into()))
}

/// Deletes a campaign with its pipeline, posts, orders and share links. Owners only; the
/// creators and their history stay.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 204, description = "Deleted")))]
#[delete("/campaigns/{campaign_id}")]
async fn delete_campaign(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsDelete>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.store.delete_campaign(caller.workspace_id, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_campaigns)
        .service(create_campaign)
        .service(get_campaign)
        .service(update_campaign)
        .service(delete_campaign)
        .configure(creators::routes)
        .configure(posts::routes)
        .configure(orders::routes)
        .configure(report::routes);
}
