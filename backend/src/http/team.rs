//! `/workspace`, its members and invitations: brand staff working together. Owners invite by
//! e-mail with a role; the invitation is a single-use, expiring link that only that address can
//! accept, with a new account or an existing one. A workspace always keeps at least one owner.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::accounts::WorkspaceResponse;
use super::body::Json;
use super::caller::{Access, Caller, Person, authorize, need};
use super::problem::{ApiError, Denial, ErrorCode, FieldError, Problem};
use crate::auth::tokens::{hash_secret, new_secret};
use crate::domain::{Email, text};
use crate::state::AppState;
use crate::store::{Invitation, InvitationRefusal, Member, NewInvitation, Role};

pub const INVITATION_PREFIX: &str = "zzi_";
const DEFAULT_INVITATION_DAYS: i64 = 7;
const MAX_INVITATION_DAYS: i64 = 30;

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
pub struct UpdateWorkspaceRequest {
    #[schema(min_length = 1, max_length = 100, example = "Northwind Apparel")]
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    pub role: Role,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    /// Only this address can accept.
    #[schema(example = "sam@example.com", max_length = 254)]
    pub email: String,
    pub role: Role,
    /// Days until the link stops working: 1 to 30, 7 by default.
    #[schema(minimum = 1, maximum = 30)]
    pub expires_in_days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationResponse {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    /// The inviter's display name (null once their account is gone).
    pub invited_by: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl From<Invitation> for InvitationResponse {
    fn from(i: Invitation) -> Self {
        Self {
            id: i.id,
            email: i.email,
            role: i.role,
            invited_by: i.invited_by_name,
            expires_at: i.expires_at,
            created_at: i.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationsResponse {
    pub items: Vec<InvitationResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedInvitationResponse {
    pub invitation: InvitationResponse,
    /// The secret of the link, shown this once; zzyzx keeps only its hash.
    #[schema(example = "zzi_1Xo…")]
    pub token: String,
    /// Where the invitee opens it in the web app: append to the app's address. The token is in
    /// the fragment, so it never reaches a server log.
    #[schema(example = "/invite#zzi_1Xo…")]
    pub accept_path: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationTokenRequest {
    #[schema(max_length = 256)]
    pub token: String,
}

/// Whether an invitation can still be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
}

/// What the invitee sees before accepting.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPreviewResponse {
    pub workspace_name: String,
    pub email: String,
    pub role: Role,
    pub invited_by: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub status: InvitationStatus,
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

/// Invitations not yet accepted, revoked or expired. Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), responses((status = 200, description = "Pending invitations", body = InvitationsResponse)))]
#[get("/workspace/invitations")]
async fn list_invitations(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
) -> Result<web::Json<InvitationsResponse>, ApiError> {
    let invitations = state.store.pending_invitations(caller.workspace_id, Utc::now()).await?;
    Ok(web::Json(InvitationsResponse { items: invitations.into_iter().map(Into::into).collect() }))
}

/// Invites someone by e-mail with a role. The answer holds the link's secret, once: hand the
/// link over however you like (zzyzx sends no e-mail). Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), request_body = CreateInvitationRequest,
    responses(
        (status = 201, description = "Invited", body = CreatedInvitationResponse),
        (status = 409, description = "That address is already a member (`already_member`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/workspace/invitations")]
async fn create_invitation(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<CreateInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let email = Email::parse(&body.email).map_err(|e| errors.push(FieldError::body("/email", e))).ok();
    let days = body.expires_in_days.unwrap_or(DEFAULT_INVITATION_DAYS);
    if !(1..=MAX_INVITATION_DAYS).contains(&days) {
        errors.push(FieldError::body("/expires_in_days", format!("must be between 1 and {MAX_INVITATION_DAYS}")));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let (token, token_hash) = new_secret(INVITATION_PREFIX);
    let now = Utc::now();
    let invitation = state
        .store
        .create_invitation(NewInvitation {
            id: Uuid::new_v4(),
            workspace_id: caller.workspace_id,
            email: email.as_ref().to_owned(),
            role: body.role,
            token_hash,
            invited_by: caller.user_id,
            expires_at: now + Duration::days(days),
            now,
        })
        .await?;
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(CreatedInvitationResponse {
        invitation: invitation.into(),
        accept_path: format!("/invite#{token}"),
        token,
    }))
}

/// Revokes a pending invitation. Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), params(("invitation_id" = Uuid, Path, description = "Invitation id")),
    responses((status = 204, description = "Revoked")))]
#[delete("/workspace/invitations/{invitation_id}")]
async fn revoke_invitation(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.store.revoke_invitation(caller.workspace_id, *path, Utc::now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

fn invitation_hash(token: &str) -> Result<Vec<u8>, ApiError> {
    if !token.starts_with(INVITATION_PREFIX) || token.len() > 256 {
        return Err(ApiError::NotFound);
    }
    Ok(hash_secret(token))
}

/// What an invitation offers, for the page that accepts it. Needs no login: the token is the
/// credential.
#[utoipa::path(tag = "workspace", request_body = InvitationTokenRequest,
    responses(
        (status = 200, description = "The invitation", body = InvitationPreviewResponse),
        (status = 404, description = "No such invitation, or it was revoked", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/invitations/preview")]
async fn preview_invitation(
    state: web::Data<AppState>,
    body: Json<InvitationTokenRequest>,
) -> Result<web::Json<InvitationPreviewResponse>, ApiError> {
    let invitation =
        state.store.invitation_by_token(&invitation_hash(&body.token)?).await?.ok_or(ApiError::NotFound)?;
    let status = if invitation.accepted_at.is_some() {
        InvitationStatus::Accepted
    } else if invitation.expires_at <= Utc::now() {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    };
    Ok(web::Json(InvitationPreviewResponse {
        workspace_name: invitation.workspace_name,
        email: invitation.email,
        role: invitation.role,
        invited_by: invitation.invited_by_name,
        expires_at: invitation.expires_at,
        status,
    }))
}

/// Accepts an invitation as the logged-in user, whose e-mail address must be the invited one.
/// Works once, also for someone who belongs to no workspace now; the `X-Workspace-Id` header
/// plays no part. New people register first (with that address), then accept.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), request_body = InvitationTokenRequest,
    responses(
        (status = 200, description = "Joined; the workspace and your role there", body = WorkspaceResponse),
        (status = 403, description = "The invitation is for another e-mail address (`invitation_for_another_email`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already used (`invitation_used`), expired (`invitation_expired`), or you are a member (`already_member`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/invitations/accept")]
async fn accept_invitation(
    state: web::Data<AppState>,
    person: Person,
    body: Json<InvitationTokenRequest>,
) -> Result<web::Json<WorkspaceResponse>, ApiError> {
    let hash = invitation_hash(&body.token)?;
    let conflict = |code, detail: &str| ApiError::Conflict { code, detail: detail.into() };
    match state.store.accept_invitation(&hash, person.user_id, Utc::now()).await? {
        Ok(membership) => Ok(web::Json(membership.into())),
        Err(InvitationRefusal::NotFound) => Err(ApiError::NotFound),
        Err(InvitationRefusal::Used) => {
            Err(conflict(ErrorCode::InvitationUsed, "This invitation has been used; ask for a new one."))
        }
        Err(InvitationRefusal::Expired) => {
            Err(conflict(ErrorCode::InvitationExpired, "This invitation has expired; ask for a new one."))
        }
        Err(InvitationRefusal::AlreadyMember) => {
            Err(conflict(ErrorCode::AlreadyMember, "You are already a member of this workspace."))
        }
        Err(InvitationRefusal::OtherEmail) => Err(ApiError::Forbidden(Denial::OtherEmail)),
    }
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(get_workspace)
        .service(update_workspace)
        .service(list_members)
        .service(update_member)
        .service(remove_member)
        .service(list_invitations)
        .service(create_invitation)
        .service(revoke_invitation)
        .service(preview_invitation)
        .service(accept_invitation);
}
