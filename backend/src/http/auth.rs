//! `/auth`: register, log in, refresh, log out, who am I, change password.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr};
use utoipa::ToSchema;
use uuid::Uuid;

use super::body::Json;
use super::caller::{Caller, need};
use super::problem::{ApiError, FieldError};
use crate::auth::tokens::SESSION_LIFETIME;
use crate::domain::{Email, Password, text};
use crate::services::accounts::Session;
use crate::state::AppState;
use crate::store::{Membership, Role, User};

pub const REFRESH_COOKIE: &str = "zzyzx_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

/// Where the refresh token goes: an HttpOnly cookie for the web app (the default), or the
/// response body for clients without a cookie jar.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenDelivery {
    #[default]
    Cookie,
    Body,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Your e-mail address; used to log in.
    #[schema(example = "maya@example.com", max_length = 254, format = "email-address")]
    pub email: String,
    /// 15 to 128 characters, any characters; common passwords are refused.
    #[schema(min_length = 15, max_length = 128, format = Password, example = "sourdough starter saga")]
    pub password: String,
    #[schema(min_length = 1, max_length = 100, format = "text-line", example = "Maya")]
    pub display_name: String,
    #[serde(default)]
    pub refresh_token_delivery: TokenDelivery,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "maya@example.com", max_length = 254)]
    pub email: String,
    #[schema(max_length = 1024)]
    pub password: String,
    #[serde(default)]
    pub refresh_token_delivery: TokenDelivery,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token, when it is not sent as the cookie.
    #[schema(max_length = 256)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub refresh_token_delivery: TokenDelivery,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[schema(max_length = 1024, format = Password)]
    pub current_password: String,
    /// 15 to 128 characters, any characters; common passwords are refused.
    #[schema(min_length = 15, max_length = 128, format = Password)]
    pub new_password: String,
    #[serde(default)]
    pub refresh_token_delivery: TokenDelivery,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkspaceResponse {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub expires_at: DateTime<Utc>,
    /// Present only when `refresh_token_delivery` was `body`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub user: UserResponse,
    pub workspaces: Vec<WorkspaceResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    pub user: UserResponse,
    pub workspaces: Vec<WorkspaceResponse>,
    /// The workspace this request acted in.
    pub current_workspace_id: Uuid,
    pub role: Role,
}

impl From<User> for UserResponse {
    fn from(user: User) -> Self {
        Self { id: user.id, email: user.email, display_name: user.display_name, created_at: user.created_at }
    }
}

impl From<Membership> for WorkspaceResponse {
    fn from(m: Membership) -> Self {
        Self { id: m.workspace_id, name: m.workspace_name, role: m.role }
    }
}

fn client_address(request: &HttpRequest) -> IpAddr {
    request.peer_addr().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip())
}

fn refresh_cookie(request: &HttpRequest, value: String, max_age: CookieDuration) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(request.connection_info().scheme() == "https")
        .max_age(max_age)
        .finish()
}

fn session_response(
    request: &HttpRequest,
    session: Session,
    delivery: TokenDelivery,
    status: actix_web::http::StatusCode,
) -> HttpResponse {
    let now = Utc::now();
    let mut response = HttpResponse::build(status);
    response.insert_header(("Cache-Control", "no-store"));
    let refresh_token = match delivery {
        TokenDelivery::Body => Some(session.refresh_token),
        TokenDelivery::Cookie => {
            let max_age = CookieDuration::seconds(SESSION_LIFETIME.num_seconds());
            response.cookie(refresh_cookie(request, session.refresh_token, max_age));
            None
        }
    };
    response.json(SessionResponse {
        access_token: session.access.token,
        token_type: "Bearer".into(),
        expires_in: (session.access.expires_at - now).num_seconds(),
        expires_at: session.access.expires_at,
        refresh_token,
        user: session.user.into(),
        workspaces: session.memberships.into_iter().map(Into::into).collect(),
    })
}

/// Creates an account and its personal workspace, and logs in.
///
/// Registration tells you when an e-mail address is taken (409): zzyzx sends no e-mail, so it
/// cannot hide that without locking people out. It is throttled per client address like login.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created and logged in", body = SessionResponse),
        (status = 409, description = "The e-mail address is taken (`email_taken`)", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address", body = super::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
async fn register(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let email = Email::parse(&body.email).map_err(|e| errors.push(FieldError::body("/email", e))).ok();
    let password = Password::parse(body.password).map_err(|e| errors.push(FieldError::body("/password", e))).ok();
    let display_name = text::clean(&body.display_name, 1, 100, false)
        .map_err(|e| errors.push(FieldError::body("/display_name", e)))
        .ok();
    let (Some(email), Some(password), Some(display_name)) = (email, password, display_name) else {
        return Err(ApiError::Validation(errors));
    };
    let session = state.accounts().register(email, password, display_name, client_address(&request)).await?;
    Ok(session_response(&request, session, body.refresh_token_delivery, actix_web::http::StatusCode::CREATED))
}

/// Logs in with e-mail and password.
///
/// An unknown e-mail and a wrong password get the same answer. After 5 consecutive failures an
/// account waits 1 s, then 2 s, 4 s … (at most 15 minutes) between attempts, and each client
/// address may try 20 times a minute; both answer 429 with `Retry-After`.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = SessionResponse),
        (status = 401, description = "Wrong e-mail or password (`invalid_credentials`)", body = super::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = super::problem::Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/login")]
async fn login(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let session = state.accounts().login(&body.email, body.password, client_address(&request)).await?;
    Ok(session_response(&request, session, body.refresh_token_delivery, actix_web::http::StatusCode::OK))
}

/// Exchanges a refresh token (the cookie, or `refresh_token` in the body) for new tokens.
///
/// Every refresh token works once. Presenting one again revokes its whole session.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = SessionResponse),
        (status = 204, description = "No refresh token was presented (no cookie, none in the body): there is no session to renew. A page load checks for a session this way without an error"),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = super::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
async fn refresh(
    request: HttpRequest,
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let Some(presented) = body.refresh_token.or_else(|| request.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
    else {
        return Ok(HttpResponse::NoContent().insert_header(("Cache-Control", "no-store")).finish());
    };
    let session = state.accounts().refresh(&presented).await?;
    Ok(session_response(&request, session, body.refresh_token_delivery, actix_web::http::StatusCode::OK))
}

/// Ends this session: its refresh token and access tokens stop working at once.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 204, description = "Logged out")))]
#[post("/auth/logout")]
async fn logout(
    request: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
) -> Result<HttpResponse, ApiError> {
    state.store.revoke_session(caller.session_id()?, Utc::now()).await?;
    Ok(HttpResponse::NoContent().cookie(refresh_cookie(&request, String::new(), CookieDuration::ZERO)).finish())
}

/// The logged-in user, their workspaces, and the workspace this request acts in.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 200, description = "You", body = MeResponse)))]
#[get("/auth/me")]
async fn me(state: web::Data<AppState>, caller: Caller<need::Member>) -> Result<web::Json<MeResponse>, ApiError> {
    let user = state.store.user_by_id(caller.user_id).await?.ok_or(ApiError::InvalidToken)?;
    let workspaces = state.store.memberships(caller.user_id).await?;
    Ok(web::Json(MeResponse {
        user: user.into(),
        workspaces: workspaces.into_iter().map(Into::into).collect(),
        current_workspace_id: caller.workspace_id,
        role: caller.role,
    }))
}

/// Changes your password. Every session ends (other devices must log in again); this client
/// gets a new one.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 200, description = "Password changed; new tokens", body = SessionResponse))
)]
#[post("/auth/password")]
async fn change_password(
    request: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let new = Password::parse(body.new_password).map_err(|e| ApiError::invalid("/new_password", e))?;
    let session =
        state.accounts().change_password(caller.user_id, body.current_password, new, client_address(&request)).await?;
    Ok(session_response(&request, session, body.refresh_token_delivery, actix_web::http::StatusCode::OK))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(register).service(login).service(refresh).service(logout).service(me).service(change_password);
}
