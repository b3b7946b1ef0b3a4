//! `/webhooks…`: endpoints that receive the workspace's events, signed the Standard Webhooks way,
//! with each endpoint's delivery log. Owners only, logged in: an endpoint's secret is shown once,
//! when it is made or rotated.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::body::Json;
use super::caller::{Caller, need};
use super::pagination::{Page, PageQuery, encode_cursor};
use super::problem::{ApiError, FieldError};
use crate::domain::text;
use crate::services::alerts::EventType;
use crate::services::webhooks::{EndpointChange, NewEndpoint, Webhooks};
use crate::state::AppState;
use crate::store::{WebhookDelivery, WebhookEndpoint};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookRequest {
    /// Where to POST events: `https`, on a public address (unless the operator allows private
    /// ones with `ZZYZX_WEBHOOK_ALLOW_PRIVATE`).
    #[schema(min_length = 1, max_length = 2048, example = "https://hooks.example.com/zzyzx")]
    pub url: String,
    /// What the endpoint is for.
    #[schema(max_length = 200, format = "text-line")]
    pub description: Option<String>,
    /// The event types it receives; at least one.
    #[schema(min_items = 1, max_items = 10)]
    pub event_types: Vec<EventType>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookRequest {
    #[schema(min_length = 1, max_length = 2048)]
    pub url: Option<String>,
    #[schema(max_length = 200, format = "text-line")]
    pub description: Option<String>,
    #[schema(min_items = 1, max_items = 10)]
    pub event_types: Option<Vec<EventType>>,
    /// `true` turns the endpoint on again (forgetting why it was turned off); `false` pauses it.
    pub enabled: Option<bool>,
    /// `true`: a new signing secret, in the answer; the old one stops working at once.
    pub rotate_secret: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    pub event_types: Vec<EventType>,
    pub enabled: bool,
    /// Since when every delivery has failed; null while deliveries succeed.
    pub failing_since: Option<DateTime<Utc>>,
    /// Why zzyzx turned the endpoint off, if it did.
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<WebhookEndpoint> for WebhookResponse {
    fn from(e: WebhookEndpoint) -> Self {
        Self {
            id: e.id,
            url: e.url,
            description: e.description,
            event_types: e.event_types.0.iter().filter_map(|t| EventType::parse(t)).collect(),
            enabled: e.enabled,
            failing_since: e.failing_since,
            disabled_reason: e.disabled_reason,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    pub webhook: WebhookResponse,
    /// The signing secret (`whsec_…`), shown this once: verify each delivery's `webhook-signature`
    /// with it, as the Standard Webhooks specification describes.
    pub secret: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhooksResponse {
    pub items: Vec<WebhookResponse>,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or its next retry.
    Pending,
    Delivered,
    /// Every attempt failed; it can be sent again by hand.
    Failed,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryResponse {
    pub id: Uuid,
    pub event_id: Uuid,
    #[schema(value_type = EventType)]
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt, when it answered.
    pub response_status: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<WebhookDelivery> for DeliveryResponse {
    fn from(d: WebhookDelivery) -> Self {
        Self {
            id: d.id,
            event_id: d.event_id,
            event_type: d.event_type,
            status: match d.status.as_str() {
                "delivered" => DeliveryStatus::Delivered,
                "failed" => DeliveryStatus::Failed,
                _ => DeliveryStatus::Pending,
            },
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at,
            last_attempt_at: d.last_attempt_at,
            response_status: d.response_status,
            last_error: d.last_error,
            delivered_at: d.delivered_at,
            created_at: d.created_at,
        }
    }
}

fn webhooks(state: &AppState) -> Webhooks<'_> {
    Webhooks { store: state.store.as_ref(), secrets: &state.webhook_secrets, policy: state.webhook_policy }
}

fn description(raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<String> {
    let raw = raw?;
    text::clean(raw, 0, 200, false).map_err(|e| errors.push(FieldError::body("/description", e))).ok()
}

fn event_types(types: Option<&[EventType]>, errors: &mut Vec<FieldError>) {
    if types.is_some_and(|t| t.is_empty() || t.len() > 10) {
        errors.push(FieldError::body("/event_types", "name between 1 and 10 event types"));
    }
}

/// The workspace's webhook endpoints.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    responses((status = 200, description = "The endpoints", body = WebhooksResponse)))]
#[get("/webhooks")]
async fn list_webhooks(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
) -> Result<web::Json<WebhooksResponse>, ApiError> {
    let items = state.store.webhooks(caller.workspace_id).await?;
    Ok(web::Json(WebhooksResponse { items: items.into_iter().map(Into::into).collect() }))
}

/// Registers an endpoint. The answer holds its signing secret, the only time it is shown.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), request_body = CreateWebhookRequest,
    responses((status = 201, description = "Created, with its secret", body = WebhookWithSecret)))]
#[post("/webhooks")]
async fn create_webhook(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<CreateWebhookRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let description = description(body.description.as_deref(), &mut errors);
    event_types(Some(&body.event_types), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let new =
        NewEndpoint { url: body.url, description: description.unwrap_or_default(), event_types: body.event_types };
    let (endpoint, secret) = webhooks(&state).create(caller.workspace_id, new).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(WebhookWithSecret { webhook: endpoint.into(), secret: Some(secret.expose_secret().to_owned()) }))
}

/// One endpoint.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("webhook_id" = Uuid, Path, description = "Endpoint id")),
    responses((status = 200, description = "The endpoint", body = WebhookResponse)))]
#[get("/webhooks/{webhook_id}")]
async fn get_webhook(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<web::Json<WebhookResponse>, ApiError> {
    Ok(web::Json(state.store.webhook(caller.workspace_id, *path).await?.into()))
}

/// Changes an endpoint: its URL, description, event types, whether it is on, or its secret.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("webhook_id" = Uuid, Path, description = "Endpoint id")),
    request_body = UpdateWebhookRequest,
    responses((status = 200, description = "Changed; `secret` is set when it was rotated", body = WebhookWithSecret)))]
#[patch("/webhooks/{webhook_id}")]
async fn update_webhook(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
    body: Json<UpdateWebhookRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let description = description(body.description.as_deref(), &mut errors);
    event_types(body.event_types.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let change = EndpointChange {
        url: body.url,
        description,
        event_types: body.event_types,
        enabled: body.enabled,
        rotate_secret: body.rotate_secret.unwrap_or(false),
    };
    let (endpoint, secret) = webhooks(&state).update(caller.workspace_id, *path, change).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(WebhookWithSecret { webhook: endpoint.into(), secret: secret.map(|s| s.expose_secret().to_owned()) }))
}

/// Removes an endpoint and its delivery log.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("webhook_id" = Uuid, Path, description = "Endpoint id")),
    responses((status = 204, description = "Removed")))]
#[delete("/webhooks/{webhook_id}")]
async fn delete_webhook(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.store.delete_webhook(caller.workspace_id, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The endpoint's deliveries, newest first: status, attempts, the receiver's answer.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])), params(("webhook_id" = Uuid, Path, description = "Endpoint id"), PageQuery),
    responses((status = 200, description = "A page of deliveries", body = Page<DeliveryResponse>)))]
#[get("/webhooks/{webhook_id}/deliveries")]
async fn list_deliveries(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> Result<web::Json<Page<DeliveryResponse>>, ApiError> {
    let limit = page.limit()?;
    let before = page.cursor::<(DateTime<Utc>, Uuid)>()?;
    let mut deliveries = state.store.webhook_deliveries(caller.workspace_id, *path, before, limit + 1).await?;
    let next_cursor = (deliveries.len() as i64 > limit).then(|| {
        deliveries.truncate(limit as usize);
        encode_cursor(&deliveries.last().map(|d| (d.created_at, d.id)))
    });
    Ok(web::Json(Page { items: deliveries.into_iter().map(Into::into).collect(), next_cursor }))
}

/// Sends a delivery again now, once, whatever became of it.
#[utoipa::path(tag = "webhooks", security(("bearer" = [])),
    params(("webhook_id" = Uuid, Path, description = "Endpoint id"), ("delivery_id" = Uuid, Path, description = "Delivery id")),
    responses((status = 202, description = "Queued", body = DeliveryResponse)))]
#[post("/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver")]
async fn redeliver(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (webhook_id, delivery_id) = path.into_inner();
    let delivery = state.store.redeliver(caller.workspace_id, webhook_id, delivery_id, Utc::now()).await?;
    state.webhook_wake.notify_one();
    Ok(HttpResponse::Accepted().json(DeliveryResponse::from(delivery)))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_webhooks)
        .service(create_webhook)
        .service(get_webhook)
        .service(update_webhook)
        .service(delete_webhook)
        .service(list_deliveries)
        .service(redeliver);
}
