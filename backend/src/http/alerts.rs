//! `/events…`, `/inbox/…`, `/workspace/alert-rules` and `/workspace/digest`: what zzyzx noticed,
//! which events the workspace records, and each member's e-mail digest.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;
use utoipa::{IntoParams, PartialSchema, ToSchema};
use uuid::Uuid;

use super::body::Json;
use super::caller::{Caller, Credential, need};
use super::pagination::{Page, PageQuery, encode_cursor};
use super::problem::ApiError;
use crate::services::alerts::{self, AlertRules, EventBody, EventType};
use crate::services::workspace_settings;
use crate::state::AppState;
use crate::store::{EventFilter, EventRow};

/// An event in the inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    #[serde(flatten)]
    pub event: EventBody,
    /// Whether you have read it; null when asked with an API key (read marks are a member's own).
    pub read: Option<bool>,
}

impl From<EventRow> for EventView {
    fn from(row: EventRow) -> Self {
        let read = row.read;
        Self { event: row.into(), read }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Only events of this type.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<EventType>,
    /// Only events about this creator.
    pub creator_id: Option<Uuid>,
    /// `true`: only events you have not read (a member's own read marks; ignored for API keys).
    pub unread: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    pub unread: i64,
}

/// The member behind a request, when it was made by a person (an API key has no read marks).
fn reader<N>(caller: &Caller<N>) -> Option<Uuid> {
    matches!(caller.credential, Credential::Session(_)).then_some(caller.user_id)
}

/// What zzyzx noticed about the workspace's creators, campaigns and source, newest first.
#[utoipa::path(tag = "alerts", security(("bearer" = [])), params(EventsQuery, PageQuery),
    responses((status = 200, description = "A page of events", body = Page<EventView>)))]
#[get("/events")]
async fn list_events(
    state: web::Data<AppState>,
    caller: Caller<need::AlertsRead>,
    filter: web::Query<EventsQuery>,
    page: web::Query<PageQuery>,
) -> Result<web::Json<Page<EventView>>, ApiError> {
    let limit = page.limit()?;
    let before = page.cursor::<(DateTime<Utc>, Uuid)>()?;
    let filter = EventFilter {
        kind: filter.kind.map(|k| k.as_str().to_owned()),
        creator_id: filter.creator_id,
        unread_only: filter.unread.unwrap_or(false),
        created_after: None,
    };
    let mut events = state.store.events(caller.workspace_id, reader(&caller), &filter, before, limit + 1).await?;
    let next_cursor = (events.len() as i64 > limit).then(|| {
        events.truncate(limit as usize);
        encode_cursor(&events.last().map(|e| (e.occurred_at, e.id)))
    });
    Ok(web::Json(Page { items: events.into_iter().map(Into::into).collect(), next_cursor }))
}

/// How many events you have not read: the number on the bell.
#[utoipa::path(tag = "alerts", security(("bearer" = [])),
    responses((status = 200, description = "Unread events", body = UnreadCount)))]
#[get("/inbox/unread-count")]
async fn unread_count(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
) -> Result<web::Json<UnreadCount>, ApiError> {
    Ok(web::Json(UnreadCount { unread: state.store.unread_count(caller.workspace_id, caller.user_id).await? }))
}

/// One event.
#[utoipa::path(tag = "alerts", security(("bearer" = [])), params(("event_id" = Uuid, Path, description = "Event id")),
    responses((status = 200, description = "The event", body = EventView)))]
#[get("/events/{event_id}")]
async fn get_event(
    state: web::Data<AppState>,
    caller: Caller<need::AlertsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<EventView>, ApiError> {
    Ok(web::Json(state.store.event(caller.workspace_id, reader(&caller), *path).await?.into()))
}

/// Marks one event read, for you.
#[utoipa::path(tag = "alerts", security(("bearer" = [])), params(("event_id" = Uuid, Path, description = "Event id")),
    responses((status = 204, description = "Read")))]
#[post("/events/{event_id}/read")]
async fn mark_read(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.store.mark_read(caller.workspace_id, caller.user_id, *path, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks every event so far read, for you.
#[utoipa::path(tag = "alerts", security(("bearer" = [])), responses((status = 204, description = "All read")))]
#[post("/inbox/read-all")]
async fn mark_all_read(state: web::Data<AppState>, caller: Caller<need::Member>) -> Result<HttpResponse, ApiError> {
    state.store.mark_all_read(caller.workspace_id, caller.user_id, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Which events the workspace records, about which creators, at which thresholds (defaults until saved).
#[utoipa::path(tag = "alerts", security(("bearer" = [])),
    responses((status = 200, description = "The rules", body = AlertRules)))]
#[get("/workspace/alert-rules")]
async fn get_rules(
    state: web::Data<AppState>,
    caller: Caller<need::AlertsRead>,
) -> Result<web::Json<AlertRules>, ApiError> {
    Ok(web::Json(workspace_settings::get(state.store.as_ref(), caller.workspace_id).await?))
}

/// `AlertRules` as a request body: a field left out takes its default, so none is required (an
/// answer always has them all).
struct AlertRulesInput;

impl PartialSchema for AlertRulesInput {
    fn schema() -> RefOr<Schema> {
        super::body::all_optional::<AlertRules>()
    }
}

impl ToSchema for AlertRulesInput {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        AlertRules::schemas(schemas);
    }
}

/// Replaces the alert rules; a field left out takes its default. Owners and editors.
#[utoipa::path(tag = "alerts", security(("bearer" = [])), request_body = AlertRulesInput,
    responses((status = 200, description = "Saved", body = AlertRules)))]
#[put("/workspace/alert-rules")]
async fn put_rules(
    state: web::Data<AppState>,
    caller: Caller<need::AlertsWrite>,
    body: Json<AlertRules>,
) -> Result<web::Json<AlertRules>, ApiError> {
    Ok(web::Json(alerts::put_rules(state.store.as_ref(), caller.workspace_id, body.into_inner()).await?))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DigestFrequency {
    Off,
    Daily,
    Weekly,
}

impl DigestFrequency {
    fn as_str(self) -> &'static str {
        match self {
            DigestFrequency::Off => "off",
            DigestFrequency::Daily => "daily",
            DigestFrequency::Weekly => "weekly",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DigestSettings {
    pub frequency: DigestFrequency,
    /// Whether this server can send e-mail (`ZZYZX_SMTP_URL`); without it no digest is sent.
    pub email_configured: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DigestRequest {
    pub frequency: DigestFrequency,
}

async fn digest_settings(state: &AppState, workspace_id: Uuid, user_id: Uuid) -> Result<DigestSettings, ApiError> {
    let frequency = match state.store.digest_frequency(workspace_id, user_id).await?.as_str() {
        "daily" => DigestFrequency::Daily,
        "weekly" => DigestFrequency::Weekly,
        _ => DigestFrequency::Off,
    };
    Ok(DigestSettings { frequency, email_configured: state.mailer.is_some() })
}

/// Your e-mail digest of this workspace's events: off, daily or weekly.
#[utoipa::path(tag = "alerts", security(("bearer" = [])),
    responses((status = 200, description = "Your digest", body = DigestSettings)))]
#[get("/workspace/digest")]
async fn get_digest(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
) -> Result<web::Json<DigestSettings>, ApiError> {
    Ok(web::Json(digest_settings(&state, caller.workspace_id, caller.user_id).await?))
}

/// Sets your digest; the first one covers what happens from now on.
#[utoipa::path(tag = "alerts", security(("bearer" = [])), request_body = DigestRequest,
    responses((status = 200, description = "Saved", body = DigestSettings)))]
#[put("/workspace/digest")]
async fn put_digest(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
    body: Json<DigestRequest>,
) -> Result<web::Json<DigestSettings>, ApiError> {
    state.store.put_digest_frequency(caller.workspace_id, caller.user_id, body.frequency.as_str(), Utc::now()).await?;
    Ok(web::Json(digest_settings(&state, caller.workspace_id, caller.user_id).await?))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_events)
        .service(unread_count)
        .service(mark_all_read)
        .service(get_event)
        .service(mark_read)
        .service(get_rules)
        .service(put_rules)
        .service(get_digest)
        .service(put_digest);
}
