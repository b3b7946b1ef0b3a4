//! `/api-keys`: keys for third-party tools (spreadsheet syncs, CRMs, scripts). Owners make them
//! with a name and scopes; the key is shown once, kept only as a hash, listed by its prefix and
//! revocable at once. Managing keys takes a person: a key cannot make or revoke keys.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::body::Json;
use super::caller::{Caller, need};
use super::problem::{ApiError, FieldError};
use crate::auth::api_keys::{self, Scope};
use crate::domain::text;
use crate::state::AppState;
use crate::store::{ApiKey, NewApiKey};

const DEFAULT_KEY_DAYS: i64 = 365;
/// Keys live at most a year (security.md §1.8); make a new one before then.
const MAX_KEY_DAYS: i64 = 365;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    /// What the key is for, to recognise it later.
    #[schema(min_length = 1, max_length = 100, format = "text-line", example = "Google Sheets sync")]
    pub name: String,
    /// At least one. Scopes are separate: a key that writes lists and reads them back needs
    /// both `lists:write` and `lists:read`.
    #[schema(min_items = 1)]
    pub scopes: Vec<Scope>,
    /// Days until the key stops working: 1 to 365, 365 by default.
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeyResponse {
    pub id: Uuid,
    pub name: String,
    /// The key's first characters, to tell keys apart; the rest is never shown again.
    #[schema(example = "zz_4fQ9xB2mK")]
    pub prefix: String,
    pub scopes: Vec<Scope>,
    /// The display name of the member who made it (null once their account is gone).
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// To the minute.
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiKey> for ApiKeyResponse {
    fn from(k: ApiKey) -> Self {
        Self {
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            scopes: Scope::split(&k.scopes),
            created_by: k.created_by,
            created_at: k.created_at,
            expires_at: k.expires_at,
            last_used_at: k.last_used_at,
            revoked_at: k.revoked_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKeysResponse {
    pub items: Vec<ApiKeyResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiKeyResponse {
    pub key: ApiKeyResponse,
    /// The key itself, shown this once: send it as `Authorization: Bearer <secret>`.
    #[schema(example = "zz_4fQ9xB2mKc7LrT0pWn3sVa8dYe1gHj5u0Zk2Ab")]
    pub secret: String,
}

/// The workspace's API keys, newest first, revoked ones included.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])), responses((status = 200, description = "The keys", body = ApiKeysResponse)))]
#[get("/api-keys")]
async fn list_keys(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
) -> Result<web::Json<ApiKeysResponse>, ApiError> {
    let keys = state.store.api_keys(caller.workspace_id).await?;
    Ok(web::Json(ApiKeysResponse { items: keys.into_iter().map(Into::into).collect() }))
}

/// Makes a key. The answer is the only time the key is shown. Owners only, logged in.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])), request_body = CreateApiKeyRequest,
    responses((status = 201, description = "Created; `secret` is the key", body = CreatedApiKeyResponse)))]
#[post("/api-keys")]
async fn create_key(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<CreateApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let name = text::clean(&body.name, 1, 100, false).map_err(|e| errors.push(FieldError::body("/name", e))).ok();
    if body.scopes.is_empty() {
        errors.push(FieldError::body("/scopes", "name at least one scope"));
    }
    let days = body.expires_in_days.unwrap_or(DEFAULT_KEY_DAYS);
    if !(1..=MAX_KEY_DAYS).contains(&days) {
        errors.push(FieldError::body("/expires_in_days", format!("must be between 1 and {MAX_KEY_DAYS}")));
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let (secret, prefix, key_hash) = api_keys::generate();
    let now = Utc::now();
    let key = state
        .store
        .create_api_key(NewApiKey {
            id: Uuid::new_v4(),
            workspace_id: caller.workspace_id,
            user_id: caller.user_id,
            name,
            prefix,
            key_hash,
            scopes: Scope::join(&body.scopes),
            expires_at: now + Duration::days(days),
            now,
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(CreatedApiKeyResponse { key: key.into(), secret }))
}

/// Revokes a key: the next request made with it is refused. Owners only, logged in.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])), params(("key_id" = Uuid, Path, description = "Key id")),
    responses((status = 200, description = "Revoked", body = ApiKeyResponse)))]
#[delete("/api-keys/{key_id}")]
async fn revoke_key(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ApiKeyResponse>, ApiError> {
    Ok(web::Json(state.store.revoke_api_key(caller.workspace_id, *path, Utc::now()).await?.into()))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_keys).service(create_key).service(revoke_key);
}
