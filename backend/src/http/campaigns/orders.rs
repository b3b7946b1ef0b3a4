//! `/campaigns/{id}/orders…`: orders attributed to the campaign's creators, entered by hand or
//! imported from a shop's export. An order id counts once per campaign.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::body::{CsvBody, Json};
use crate::http::caller::{Caller, need};
use crate::http::imports::ImportQuery;
use crate::http::problem::{ApiError, FieldError, Problem};
use crate::services::campaigns::OrderInput;
use crate::state::AppState;
use crate::store::Order;

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignOrderResponse {
    pub id: Uuid,
    /// The shop's order id.
    pub order_id: String,
    pub ordered_at: NaiveDate,
    pub entry_id: Uuid,
    pub handle: String,
    pub code: Option<String>,
    pub utm: Option<String>,
    pub amount: f64,
    pub currency: String,
    /// `manual`, `import` or `demo`.
    pub source: String,
}

impl From<Order> for CampaignOrderResponse {
    fn from(o: Order) -> Self {
        Self {
            id: o.id,
            order_id: o.order_id,
            ordered_at: o.ordered_at,
            entry_id: o.entry_id,
            handle: o.handle,
            code: o.code,
            utm: o.utm,
            amount: o.amount,
            currency: o.currency,
            source: o.source,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignOrdersResponse {
    pub items: Vec<CampaignOrderResponse>,
}

/// A row whose code or UTM value names no creator of the campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnmatchedRow {
    pub line: u64,
    pub value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderImportResponse {
    pub rows_written: u64,
    /// Orders the campaign had already, by order id: not counted twice.
    pub duplicates: u64,
    /// Bad rows and unmatched rows.
    pub rows_rejected: usize,
    /// The first 100 bad rows, with their line numbers.
    pub errors: Vec<FieldError>,
    /// The first 100 rows whose code or UTM value matched no creator.
    pub unmatched: Vec<UnmatchedRow>,
}

/// The campaign's orders, the latest first.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The orders", body = CampaignOrdersResponse)))]
#[get("/campaigns/{campaign_id}/orders")]
async fn list_orders(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignOrdersResponse>, ApiError> {
    let orders = state.store.campaign_orders(caller.workspace_id, *path).await?;
    Ok(web::Json(CampaignOrdersResponse { items: orders.into_iter().map(Into::into).collect() }))
}

/// Adds an order by hand, attributed to one creator of the campaign.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")), request_body = OrderInput,
    responses(
        (status = 201, description = "Added", body = CampaignOrderResponse),
        (status = 409, description = "The campaign has an order with this id (`duplicate_order`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/campaigns/{campaign_id}/orders")]
async fn add_order(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<Uuid>,
    body: Json<OrderInput>,
) -> Result<HttpResponse, ApiError> {
    let order = state.campaigns().add_order(caller.workspace_id, *path, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(CampaignOrderResponse::from(order)))
}

/// Imports a shop's orders from CSV (`date,order_id,code,utm,amount,currency`). A row's `code`
/// is matched to a creator's discount code and its `utm` to a creator's handle (their UTM
/// link's `utm_content`), case-insensitively. An order id the campaign has is skipped and
/// counted in `duplicates`. Rows that match no creator are listed in `unmatched`, never dropped
/// silently: all-or-nothing (the default) rejects the file over them; `partial` writes the rest.
/// Body up to 16 MiB.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "Imported", body = OrderImportResponse),
        (status = 422, description = "Bad or unmatched rows, listed with line numbers; nothing imported (`import_rejected`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/campaigns/{campaign_id}/orders/import")]
async fn import_orders(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<Uuid>,
    query: web::Query<ImportQuery>,
    body: CsvBody,
) -> Result<web::Json<OrderImportResponse>, ApiError> {
    let imported = state.campaigns().import_orders(caller.workspace_id, *path, body.0, query.partial()).await?;
    Ok(web::Json(OrderImportResponse {
        rows_written: imported.rows_written,
        duplicates: imported.duplicates,
        rows_rejected: imported.rows_rejected,
        errors: imported.errors.into_iter().map(Into::into).collect(),
        unmatched: imported.unmatched.into_iter().map(|(line, value)| UnmatchedRow { line, value }).collect(),
    }))
}

#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("order_id" = Uuid, Path, description = "The order's `id` (not the shop's order id)")),
    responses((status = 204, description = "Deleted")))]
#[delete("/campaigns/{campaign_id}/orders/{order_id}")]
async fn delete_order(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (campaign_id, order_id) = path.into_inner();
    state.store.delete_campaign_order(caller.workspace_id, campaign_id, order_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_orders).service(add_order).service(import_orders).service(delete_order);
}
