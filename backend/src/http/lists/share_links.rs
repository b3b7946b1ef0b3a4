//! `/lists/{id}/share-links`: public, read-only links to a list's dashboard for people without an
//! account. A link is unguessable (256 random bits), revocable and may expire; its secret
//! travels in the page's fragment and then in the `Authorization` header, never in a URL.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::tokens::new_secret;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::state::AppState;
use crate::store::{NewShareLink, ShareLink};

pub const SHARE_PREFIX: &str = "zzs_";
/// How much of a link's secret is kept in the clear, to tell links apart.
const DISPLAY_PREFIX_LENGTH: usize = 10;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateShareLinkRequest {
    /// When the link stops working; never, if absent. Must be in the future.
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShareLinkResponse {
    pub id: Uuid,
    pub list_id: Uuid,
    #[schema(example = "zzs_Xb3k9Q")]
    pub prefix: String,
    /// The display name of the owner who made it (null once their account is gone).
    pub created_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// To the minute.
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ShareLink> for ShareLinkResponse {
    fn from(l: ShareLink) -> Self {
        Self {
            id: l.id,
            list_id: l.list_id,
            prefix: l.prefix,
            created_by: l.created_by,
            created_at: l.created_at,
            expires_at: l.expires_at,
            last_used_at: l.last_used_at,
            revoked_at: l.revoked_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShareLinksResponse {
    pub items: Vec<ShareLinkResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedShareLinkResponse {
    pub link: ShareLinkResponse,
    /// The link's secret, shown this once.
    pub token: String,
    /// The public page: append to the web app's address.
    #[schema(example = "/share#zzs_Xb3k9Q…")]
    pub path: String,
}

/// A list's share links, newest first, revoked ones included. Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    responses((status = 200, description = "The links", body = ShareLinksResponse)))]
#[get("/lists/{list_id}/share-links")]
async fn list_links(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ShareLinksResponse>, ApiError> {
    let links = state.store.share_links(caller.workspace_id, *path).await?;
    Ok(web::Json(ShareLinksResponse { items: links.into_iter().map(Into::into).collect() }))
}

/// Makes a public, read-only link to the list's dashboard. Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    request_body = CreateShareLinkRequest,
    responses((status = 201, description = "Created; `path` is the page to hand out", body = CreatedShareLinkResponse)))]
#[post("/lists/{list_id}/share-links")]
async fn create_link(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
    body: Json<CreateShareLinkRequest>,
) -> Result<HttpResponse, ApiError> {
    let now = Utc::now();
    if body.expires_at.is_some_and(|at| at <= now) {
        return Err(ApiError::invalid("/expires_at", "must be in the future"));
    }
    let (token, token_hash) = new_secret(SHARE_PREFIX);
    let link = state
        .store
        .create_share_link(NewShareLink {
            id: Uuid::new_v4(),
            workspace_id: caller.workspace_id,
            list_id: *path,
            prefix: token[..DISPLAY_PREFIX_LENGTH].to_owned(),
            token_hash,
            created_by: caller.user_id,
            expires_at: body.expires_at,
            now,
        })
        .await?;
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(CreatedShareLinkResponse {
        link: link.into(),
        path: format!("/share#{token}"),
        token,
    }))
}

/// Revokes a share link: its page stops working at once. Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])),
    params(("list_id" = Uuid, Path, description = "List id"), ("link_id" = Uuid, Path, description = "Share link id")),
    responses((status = 200, description = "Revoked", body = ShareLinkResponse)))]
#[delete("/lists/{list_id}/share-links/{link_id}")]
async fn revoke_link(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<ShareLinkResponse>, ApiError> {
    let (list_id, link_id) = path.into_inner();
    Ok(web::Json(state.store.revoke_share_link(caller.workspace_id, list_id, link_id, Utc::now()).await?.into()))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_links).service(create_link).service(revoke_link);
}
