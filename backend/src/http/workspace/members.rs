//! `/workspace/members`: roles, removal and leaving; a workspace always keeps an owner.

use actix_web::{HttpResponse, delete, get, patch, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::body::Json;
use crate::http::caller::{Access, Caller, authorize, need};
use crate::http::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::store::{Member, Role};

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberResponse {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

impl From<Member> for MemberResponse {
    fn from(m: Member) -> Self {
        Self { user_id: m.user_id, email: m.email, display_name: m.display_name, role: m.role, joined_at: m.joined_at }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembersResponse {
    pub items: Vec<MemberResponse>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    pub role: Role,
}

/// The workspace's members, longest-standing first.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), responses((status = 200, description = "The members", body = MembersResponse)))]
#[get("/workspace/members")]
async fn list_members(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
) -> Result<web::Json<MembersResponse>, ApiError> {
    let members = state.store.members(caller.workspace_id).await?;
    Ok(web::Json(MembersResponse { items: members.into_iter().map(Into::into).collect() }))
}

/// Changes a member's role. Owners only; the last owner cannot step down.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), params(("user_id" = Uuid, Path, description = "The member's user id")),
    request_body = UpdateMemberRequest,
    responses(
        (status = 200, description = "Changed", body = MemberResponse),
        (status = 409, description = "It would leave the workspace without an owner (`last_owner`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/workspace/members/{user_id}")]
async fn update_member(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
    body: Json<UpdateMemberRequest>,
) -> Result<web::Json<MemberResponse>, ApiError> {
    let member = state.store.set_member_role(caller.workspace_id, *path, body.role, Utc::now()).await?;
    Ok(web::Json(member.into()))
}

/// Removes a member (owners), or leaves the workspace (anyone, with their own id). The API keys
/// the member made here stop working. The last owner cannot leave.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), params(("user_id" = Uuid, Path, description = "The member's user id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "It would leave the workspace without an owner (`last_owner`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/workspace/members/{user_id}")]
async fn remove_member(
    state: web::Data<AppState>,
    caller: Caller<need::Member>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    if *path != caller.user_id {
        authorize(Access::Manage, caller.role, &caller.credential)?;
    }
    state.store.remove_member(caller.workspace_id, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_members).service(update_member).service(remove_member);
}
