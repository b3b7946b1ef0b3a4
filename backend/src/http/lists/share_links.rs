//! `/lists/{id}/share-links`: public, read-only links to a list's dashboard (see `http::share_links`).

use actix_web::{HttpResponse, delete, get, post, web};
use uuid::Uuid;

use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::http::share_links::{
    self, CreateShareLinkRequest, CreatedShareLinkResponse, ShareLinkResponse, ShareLinksResponse,
};
use crate::state::AppState;
use crate::store::ShareSubject;

/// A list's share links, newest first, revoked ones included. Owners only.
#[utoipa::path(tag = "sharing", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    responses((status = 200, description = "The links", body = ShareLinksResponse)))]
#[get("/lists/{list_id}/share-links")]
async fn list_links(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ShareLinksResponse>, ApiError> {
    share_links::list(&state, &caller, ShareSubject::List(*path)).await
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
    share_links::create(&state, &caller, ShareSubject::List(*path), &body).await
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
    share_links::revoke(&state, &caller, ShareSubject::List(list_id), link_id).await
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_links).service(create_link).service(revoke_link);
}
