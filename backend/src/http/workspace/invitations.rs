//! `/workspace/invitations`: owners invite an e-mail address with a role and hand over a
//! single-use link.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::tokens::new_secret;
use crate::domain::Email;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::{ApiError, FieldError, Problem};
use crate::services::mail::{Mail, escape_html};
use crate::state::AppState;
use crate::store::{Invitation, NewInvitation, Role};

pub const INVITATION_PREFIX: &str = "zzi_";
const DEFAULT_INVITATION_DAYS: i64 = 7;
const MAX_INVITATION_DAYS: i64 = 30;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    /// Only this address can accept.
    #[schema(example = "sam@example.com", max_length = 254, format = "email-address")]
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
    /// Whether zzyzx e-mailed the link to the invitee (only when the server has SMTP set up);
    /// otherwise hand it over yourself.
    pub emailed: bool,
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

/// Invites someone by e-mail with a role. The answer holds the link's secret, once. When the server
/// can send e-mail (`ZZYZX_SMTP_URL`), the link is also e-mailed to the invitee; otherwise hand it
/// over however you like. Owners only.
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
    let accept_path = format!("/invite#{token}");
    let emailed = match &state.mailer {
        Some(mailer) => {
            let mail = invitation_mail(&invitation, &format!("{}{accept_path}", mailer.public_url));
            match mailer.send(mail).await {
                Ok(()) => true,
                Err(error) => {
                    tracing::warn!(error = ?error, "the invitation could not be e-mailed");
                    false
                }
            }
        }
        None => false,
    };
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(CreatedInvitationResponse {
        invitation: invitation.into(),
        accept_path,
        token,
        emailed,
    }))
}

fn invitation_mail(invitation: &Invitation, link: &str) -> Mail {
    let inviter = invitation.invited_by_name.as_deref().unwrap_or("A colleague");
    let role = invitation.role.as_str();
    let until = invitation.expires_at.format("%-d %b %Y");
    Mail {
        to: invitation.email.clone(),
        subject: format!("{inviter} invited you to zzyzx"),
        text: format!(
            "{inviter} invited you to their zzyzx workspace as {role}.\n\nAccept: {link}\n\nThe link works once, until {until}.\n"
        ),
        html: format!(
            "<p>{} invited you to their zzyzx workspace as {role}.</p><p><a href=\"{}\">Accept the invitation</a></p>\
             <p>The link works once, until {until}.</p>",
            escape_html(inviter),
            escape_html(link)
        ),
    }
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

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_invitations).service(create_invitation).service(revoke_invitation);
}
