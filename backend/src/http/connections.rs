//! Creator-connected accounts. The brand's side (`/creators/{id}/connection`, `/connections`) makes
//! the connect link and sees each connection's state, its business access included; the creator's
//! side (`/connect/…`) needs no login: the link's secret is the credential, carried in the page's
//! fragment and then in request bodies, never in a URL. TikTok sends the creator back to
//! `/connect/callback` (Login Kit) and `/connect/business/callback` (the API for Business).

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use zzyzx_sources::tiktok_business::BUSINESS_SCOPES;
use zzyzx_sources::tiktok_login::LOGIN_SCOPES;

use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::{ApiError, Problem};
use crate::services::business_access;
use crate::services::connections::{self, Callback, ConnectSetup, Outcome};
use crate::state::AppState;
use crate::store::{BusinessStatus, Connection, ConnectionStatus};

/// The connection's business access: the creator's API for Business authorization, which reads
/// their account's audience.
#[derive(Debug, Serialize, ToSchema)]
pub struct BusinessAccessResponse {
    /// `not_connected` until the creator takes this step.
    pub status: BusinessStatus,
    /// The scopes granted, as TikTok named them (empty when its answer did not say).
    pub scopes: Vec<String>,
    pub connected_at: Option<DateTime<Utc>>,
    /// When the audience was last read (weekly while connected).
    pub last_read_at: Option<DateTime<Utc>>,
    /// Why the last read gave no audience or failed, why the last attempt connected nothing, or
    /// why it ended.
    pub last_error: Option<String>,
    /// Why this step is not possible on this server (null when it is).
    pub disabled_reason: Option<String>,
}

impl BusinessAccessResponse {
    fn of(c: &Connection, setup: &ConnectSetup) -> Self {
        Self {
            status: c.business_status,
            scopes: scope_list(&c.business_scopes),
            connected_at: c.business_connected_at,
            last_read_at: c.business_last_read_at,
            last_error: c.business_last_error.clone(),
            disabled_reason: setup.business_off_reason().map(String::from),
        }
    }
}

fn scope_list(scopes: &str) -> Vec<String> {
    scopes.split(',').filter(|s| !s.is_empty()).map(String::from).collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectionResponse {
    pub id: Uuid,
    pub creator_id: Uuid,
    pub handle: String,
    pub status: ConnectionStatus,
    /// The start of the current connect link, to tell links apart.
    #[schema(example = "zzc_Xb3k9Q")]
    pub link_prefix: String,
    /// The scopes the creator granted (empty until they authorize).
    pub scopes: Vec<String>,
    /// Who made the link (null once their account is gone).
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub connected_at: Option<DateTime<Utc>>,
    /// When zzyzx last read the account.
    pub last_synced_at: Option<DateTime<Utc>>,
    /// When it reads it next (connected only).
    pub next_sync_at: Option<DateTime<Utc>>,
    /// Why the last read failed, why the last attempt to connect did not (pending), or why the
    /// connection ended.
    pub last_error: Option<String>,
    /// Whether the creator also shares their business account's audience.
    pub business: BusinessAccessResponse,
}

impl ConnectionResponse {
    fn of(c: Connection, setup: &ConnectSetup) -> Self {
        Self {
            business: BusinessAccessResponse::of(&c, setup),
            id: c.id,
            creator_id: c.creator_id,
            handle: c.handle,
            status: c.status,
            link_prefix: c.link_prefix,
            scopes: scope_list(&c.scopes),
            created_by: c.created_by,
            created_at: c.created_at,
            updated_at: c.updated_at,
            connected_at: c.connected_at,
            last_synced_at: c.last_synced_at,
            next_sync_at: (c.status == ConnectionStatus::Connected).then_some(c.next_sync_at).flatten(),
            last_error: c.last_error,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectionsResponse {
    pub items: Vec<ConnectionResponse>,
    /// Why creators cannot connect on this server (null when they can).
    pub disabled_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedConnectLinkResponse {
    pub connection: ConnectionResponse,
    /// The link's secret, shown this once. Making a new link retires the old one.
    pub token: String,
    /// The creator's page: append to the web app's address.
    #[schema(example = "/connect#zzc_Xb3k9Q…")]
    pub path: String,
}

/// Every connection of the workspace, by handle.
#[utoipa::path(tag = "creators", security(("bearer" = [])),
    responses((status = 200, description = "The connections", body = ConnectionsResponse)))]
#[get("/connections")]
async fn list_connections(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<ConnectionsResponse>, ApiError> {
    let items = state.store.connections(caller.workspace_id).await?;
    Ok(web::Json(ConnectionsResponse {
        items: items.into_iter().map(|c| ConnectionResponse::of(c, &state.connect)).collect(),
        disabled_reason: state.connect.off_reason().map(String::from),
    }))
}

/// The creator's connection, if the workspace made one.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses(
        (status = 200, description = "The connection", body = ConnectionResponse),
        (status = 404, description = "No such creator, or no connection yet", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/creators/{creator_id}/connection")]
async fn get_connection(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ConnectionResponse>, ApiError> {
    let connection = state.store.connection(caller.workspace_id, *path).await?.ok_or(ApiError::NotFound)?;
    Ok(web::Json(ConnectionResponse::of(connection, &state.connect)))
}

/// Makes the creator's connect link, to send them. A connection that exists keeps its state; its
/// old link stops working.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses(
        (status = 201, description = "The link, shown this once", body = CreatedConnectLinkResponse),
        (status = 404, description = "No such creator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Creator connections are off on this server (`source_unavailable`); the detail says which setting is missing", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/creators/{creator_id}/connection")]
async fn create_connect_link(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let link =
        connections::create_link(state.store.as_ref(), &state.connect, caller.workspace_id, *path, caller.user_id)
            .await?;
    Ok(HttpResponse::Created().json(CreatedConnectLinkResponse {
        connection: ConnectionResponse::of(link.connection, &state.connect),
        path: format!("/connect#{}", link.token),
        token: link.token,
    }))
}

/// Ends the creator's connection: their tokens are revoked at TikTok and deleted; what was read
/// stays. The link keeps working, so the creator can connect again.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses(
        (status = 204, description = "Disconnected"),
        (status = 404, description = "No such creator, or no connection", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/creators/{creator_id}/connection")]
async fn disconnect_creator(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let connection = state.store.connection(caller.workspace_id, *path).await?.ok_or(ApiError::NotFound)?;
    connections::disconnect(state.store.as_ref(), &state.connect, &connection, "Disconnected by the brand.").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ends the creator's business access only: its token is revoked at TikTok and deleted; the
/// audience read stays, and the connection goes on. The creator can authorize it again.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses(
        (status = 204, description = "Business access ended (or there was none)"),
        (status = 404, description = "No such creator, or no connection", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/creators/{creator_id}/connection/business")]
async fn disconnect_creator_business(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let connection = state.store.connection(caller.workspace_id, *path).await?.ok_or(ApiError::NotFound)?;
    let by = "Ended by the brand.";
    business_access::disconnect(state.store.as_ref(), &state.connect, &connection, by).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectTokenRequest {
    /// The connect link's secret (after `#` in the link).
    #[schema(max_length = 128)]
    pub token: String,
}

/// What the creator sees before connecting.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConnectPreviewResponse {
    /// The brand asking.
    pub workspace_name: String,
    /// The account the link is for; only that account can connect.
    pub handle: String,
    pub status: ConnectionStatus,
    /// What zzyzx asks TikTok for.
    pub scopes: Vec<String>,
    pub connected_at: Option<DateTime<Utc>>,
    /// Why connecting is not possible on this server now (null when it is).
    pub disabled_reason: Option<String>,
    /// What sharing the business account's audience asks TikTok for (the API for Business).
    pub business_scopes: Vec<String>,
    /// Whether the business audience is shared, and whether it can be here.
    pub business: BusinessAccessResponse,
}

/// What a connect link is for. Needs no login: the link's secret is the credential.
#[utoipa::path(tag = "connect", request_body = ConnectTokenRequest,
    responses(
        (status = 200, description = "The link's connection", body = ConnectPreviewResponse),
        (status = 404, description = "No such link, or it was replaced", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/connect/preview")]
async fn preview_connect_link(
    state: web::Data<AppState>,
    body: Json<ConnectTokenRequest>,
) -> Result<web::Json<ConnectPreviewResponse>, ApiError> {
    let connection = connections::by_link(state.store.as_ref(), &body.token).await?;
    Ok(web::Json(ConnectPreviewResponse {
        business: BusinessAccessResponse::of(&connection, &state.connect),
        business_scopes: scope_list(BUSINESS_SCOPES),
        workspace_name: connection.workspace_name,
        handle: connection.handle,
        status: connection.status,
        scopes: scope_list(LOGIN_SCOPES),
        connected_at: connection.connected_at,
        disabled_reason: state.connect.off_reason().map(String::from),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorizeResponse {
    /// TikTok's consent page: send the creator's browser there. Good for 15 minutes, once.
    pub authorize_url: String,
}

/// Starts sharing the business account's audience, once connected: where to send the creator to
/// authorize zzyzx on the API for Business (with a fresh `state`).
#[utoipa::path(tag = "connect", request_body = ConnectTokenRequest,
    responses(
        (status = 200, description = "TikTok's consent page", body = AuthorizeResponse),
        (status = 404, description = "No such link, or it was replaced", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account is not connected (`not_connected`), or this step is off on this server (`source_unavailable`; the detail says which setting is missing)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/connect/business/authorize")]
async fn start_business_authorization(
    state: web::Data<AppState>,
    body: Json<ConnectTokenRequest>,
) -> Result<web::Json<AuthorizeResponse>, ApiError> {
    let authorize_url = business_access::authorize(state.store.as_ref(), &state.connect, &body.token).await?;
    Ok(web::Json(AuthorizeResponse { authorize_url }))
}

/// Stops sharing the business account's audience, from the creator's side: the business token is
/// revoked and deleted; the audience read stays, and the account stays connected.
#[utoipa::path(tag = "connect", request_body = ConnectTokenRequest,
    responses(
        (status = 204, description = "Business access ended (or there was none)"),
        (status = 404, description = "No such link, or it was replaced", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/connect/business/disconnect")]
async fn disconnect_business_by_link(
    state: web::Data<AppState>,
    body: Json<ConnectTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let connection = connections::by_link(state.store.as_ref(), &body.token).await?;
    let by = "Stopped by the creator.";
    business_access::disconnect(state.store.as_ref(), &state.connect, &connection, by).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Starts connecting: where to send the creator to authorize zzyzx on TikTok (with a fresh
/// `state` and PKCE challenge).
#[utoipa::path(tag = "connect", request_body = ConnectTokenRequest,
    responses(
        (status = 200, description = "TikTok's consent page", body = AuthorizeResponse),
        (status = 404, description = "No such link, or it was replaced", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Creator connections are off on this server (`source_unavailable`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/connect/authorize")]
async fn start_authorization(
    state: web::Data<AppState>,
    body: Json<ConnectTokenRequest>,
) -> Result<web::Json<AuthorizeResponse>, ApiError> {
    let authorize_url = connections::authorize(state.store.as_ref(), &state.connect, &body.token).await?;
    Ok(web::Json(AuthorizeResponse { authorize_url }))
}

/// Ends the connection from the creator's side: tokens revoked and deleted; what was read stays.
#[utoipa::path(tag = "connect", request_body = ConnectTokenRequest,
    responses(
        (status = 204, description = "Disconnected"),
        (status = 404, description = "No such link, or it was replaced", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/connect/disconnect")]
async fn disconnect_by_link(
    state: web::Data<AppState>,
    body: Json<ConnectTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let connection = connections::by_link(state.store.as_ref(), &body.token).await?;
    connections::disconnect(state.store.as_ref(), &state.connect, &connection, "Disconnected by the creator.").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What TikTok sends back: `code` and `state`, or `error` and `error_description`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    /// The scopes granted, comma-separated (the token answer is what counts).
    pub scopes: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// TikTok's redirect back after the creator's decision. Always answers with a redirect to the web
/// app's `/connect/done?outcome=…` page: `connected`, `denied`, `invalid_state` (forged, used or
/// older than 15 minutes), `wrong_account`, `missing_scopes`, `failed` or `disabled`.
#[utoipa::path(tag = "connect", params(CallbackQuery),
    responses((status = 303, description = "To the result page", headers(("Location" = String, description = "`/connect/done?outcome=…`")))))]
#[get("/connect/callback")]
async fn connect_callback(
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let callback = Callback {
        code: query.code,
        state: query.state,
        error: query.error,
        error_description: query.error_description,
    };
    let outcome = connections::complete(state.store.as_ref(), &state.connect, callback).await;
    done(outcome, None)
}

/// What the API for Business sends back: a code (`code`, or `auth_code` from the Business portal's
/// page) and `state`, or `error` and `error_description`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BusinessCallbackQuery {
    pub code: Option<String>,
    /// The code, as the Business portal's authorization page names it.
    pub auth_code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// TikTok's redirect back after the creator's decision on sharing their business audience. Always
/// answers with a redirect to `/connect/done?step=business&outcome=…`: `connected`, `denied`,
/// `invalid_state`, `wrong_account` (another account authorized), `missing_scopes` (TikTok did not
/// say which account), `failed`, `not_connected` (the connection ended meanwhile) or `disabled`.
#[utoipa::path(tag = "connect", params(BusinessCallbackQuery),
    responses((status = 303, description = "To the result page", headers(("Location" = String, description = "`/connect/done?step=business&outcome=…`")))))]
#[get("/connect/business/callback")]
async fn connect_business_callback(
    state: web::Data<AppState>,
    query: web::Query<BusinessCallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let callback = Callback {
        code: query.code.filter(|code| !code.is_empty()).or(query.auth_code),
        state: query.state,
        error: query.error,
        error_description: query.error_description,
    };
    let outcome = business_access::complete(state.store.as_ref(), &state.connect, callback).await;
    done(outcome, Some("business"))
}

/// The redirect to the web app's result page for how an authorization ended.
fn done(outcome: crate::services::Result<Outcome>, step: Option<&str>) -> Result<HttpResponse, ApiError> {
    let mut location = url::form_urlencoded::Serializer::new(String::new());
    if let Some(step) = step {
        location.append_pair("step", step);
    }
    match outcome {
        Ok(outcome) => {
            location.append_pair("outcome", outcome.name());
            match &outcome {
                Outcome::Connected { handle }
                | Outcome::MissingScopes { handle }
                | Outcome::Failed { handle }
                | Outcome::NotConnected { handle } => {
                    location.append_pair("handle", handle);
                }
                Outcome::WrongAccount { expected, authorized } => {
                    location.append_pair("handle", expected);
                    if let Some(authorized) = authorized {
                        location.append_pair("authorized", authorized);
                    }
                }
                Outcome::Denied | Outcome::InvalidState => {}
            }
        }
        Err(crate::services::ServiceError::SourceUnavailable(_)) => {
            location.append_pair("outcome", "disabled");
        }
        Err(error) => return Err(error.into()),
    }
    let location = format!("/connect/done?{}", location.finish());
    Ok(HttpResponse::SeeOther().insert_header((LOCATION, location)).finish())
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_connections)
        .service(get_connection)
        .service(create_connect_link)
        .service(disconnect_creator)
        .service(disconnect_creator_business)
        .service(preview_connect_link)
        .service(start_authorization)
        .service(disconnect_by_link)
        .service(connect_callback)
        .service(start_business_authorization)
        .service(disconnect_business_by_link)
        .service(connect_business_callback);
}
