//! `/invitations/…`: what an invitation link's holder can do — preview it and accept it.

use actix_web::{post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::tokens::hash_secret;
use crate::http::auth::WorkspaceResponse;
use crate::http::body::Json;
use crate::http::caller::Person;
use crate::http::problem::{ApiError, Denial, ErrorCode, Problem};
use crate::http::workspace::invitations::INVITATION_PREFIX;
use crate::state::AppState;
use crate::store::{InvitationRefusal, Role};

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
    config.service(preview_invitation).service(accept_invitation);
}
