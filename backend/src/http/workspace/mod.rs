//! `/workspace` and everything under it: members, invitations, analytics settings and the
//! target audience.

pub mod invitations;
pub mod members;
pub mod settings;

use actix_web::{get, patch, web};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::text;
use crate::http::auth::WorkspaceResponse;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateWorkspaceRequest {
    #[schema(min_length = 1, max_length = 100, format = "text-line", example = "Northwind Apparel")]
    pub name: String,
}

async fn workspace_response(
    state: &AppState,
    user_id: Uuid,
    workspace_id: Uuid,
) -> Result<WorkspaceResponse, ApiError> {
    let memberships = state.store.memberships(user_id).await?;
    memberships.into_iter().find(|m| m.workspace_id == workspace_id).map(Into::into).ok_or(ApiError::NotFound)
}

/// The workspace this request acts in, and your role there.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), responses((status = 200, description = "The workspace", body = WorkspaceResponse)))]
#[get("/workspace")]
async fn get_workspace(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
) -> Result<web::Json<WorkspaceResponse>, ApiError> {
    Ok(web::Json(workspace_response(&state, caller.user_id, caller.workspace_id).await?))
}

/// Renames the workspace. Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), request_body = UpdateWorkspaceRequest,
    responses((status = 200, description = "Renamed", body = WorkspaceResponse)))]
#[patch("/workspace")]
async fn update_workspace(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<UpdateWorkspaceRequest>,
) -> Result<web::Json<WorkspaceResponse>, ApiError> {
    let name = text::clean(&body.name, 1, 100, false).map_err(|e| ApiError::invalid("/name", e))?;
    state.store.rename_workspace(caller.workspace_id, &name, Utc::now()).await?;
    Ok(web::Json(workspace_response(&state, caller.user_id, caller.workspace_id).await?))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(get_workspace)
        .service(update_workspace)
        .configure(invitations::routes)
        .configure(members::routes)
        .configure(settings::routes);
}
