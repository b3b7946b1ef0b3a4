//! Share links: public, read-only links to a list's dashboard or a campaign's report for people
//! without an account. A link is unguessable (256 random bits), revocable and may expire; its secret
//! travels in the page's fragment and then in the `Authorization` header, never in a URL.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::tokens::new_secret;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::state::AppState;
use crate::store::ShareSubject;
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
    /// The list whose dashboard it opens (null for a campaign's link).
    pub list_id: Option<Uuid>,
    /// The campaign whose report it opens (null for a list's link).
    pub campaign_id: Option<Uuid>,
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
            campaign_id: l.campaign_id,
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

pub async fn list(
    state: &AppState,
    caller: &Caller<need::Manage>,
    subject: ShareSubject,
) -> Result<web::Json<ShareLinksResponse>, ApiError> {
    let links = state.store.share_links(caller.workspace_id, subject).await?;
    Ok(web::Json(ShareLinksResponse { items: links.into_iter().map(Into::into).collect() }))
}

/// Makes a link; its secret is in the response and nowhere else.
pub async fn create(
    state: &AppState,
    caller: &Caller<need::Manage>,
    subject: ShareSubject,
    body: &CreateShareLinkRequest,
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
            subject,
            prefix: token[..DISPLAY_PREFIX_LENGTH].to_owned(),
            token_hash,
            created_by: caller.user_id,
            expires_at: body.expires_at,
            now,
        })
        .await?;
    let page = match subject {
        ShareSubject::List(_) => "/share",
        ShareSubject::Campaign(_) => "/share/campaign",
    };
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(CreatedShareLinkResponse {
        link: link.into(),
        path: format!("{page}#{token}"),
        token,
    }))
}

pub async fn revoke(
    state: &AppState,
    caller: &Caller<need::Manage>,
    subject: ShareSubject,
    link_id: Uuid,
) -> Result<web::Json<ShareLinkResponse>, ApiError> {
    Ok(web::Json(state.store.revoke_share_link(caller.workspace_id, subject, link_id, Utc::now()).await?.into()))
}
