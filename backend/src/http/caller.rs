//! Who is calling, and in which workspace. A request with credentials that fail never silently
//! becomes anonymous: it is refused.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use uuid::Uuid;

use super::problem::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::{Role, SessionAccess};

/// The header that picks the workspace a request acts in; without it, the caller's first one.
pub const WORKSPACE_HEADER: &str = "X-Workspace-Id";
/// Query parameters that would leak credentials into logs and histories.
const CREDENTIAL_PARAMETERS: [&str; 4] = ["api_key", "access_token", "token", "key"];

#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub workspace_id: Uuid,
    pub role: Role,
}

impl Caller {
    /// Refuses with 403 unless the caller's role is at least `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.role >= role { Ok(()) } else { Err(ApiError::Forbidden) }
    }
}

fn bearer_token(request: &HttpRequest) -> Result<String, ApiError> {
    let value = request.headers().get(header::AUTHORIZATION).ok_or(ApiError::AuthenticationRequired)?;
    let value = value.to_str().map_err(|_| ApiError::InvalidToken)?;
    let (scheme, token) = value.split_once(' ').ok_or(ApiError::InvalidToken)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::InvalidToken);
    }
    Ok(token.trim().to_owned())
}

fn requested_workspace(request: &HttpRequest) -> Result<Option<Uuid>, ApiError> {
    let Some(value) = request.headers().get(WORKSPACE_HEADER) else {
        return Ok(None);
    };
    value.to_str().ok().and_then(|raw| Uuid::parse_str(raw.trim()).ok()).map(Some).ok_or_else(|| {
        ApiError::bad_request(ErrorCode::InvalidWorkspaceHeader, format!("{WORKSPACE_HEADER} must be a workspace id."))
    })
}

fn refuse_credentials_in_query(request: &HttpRequest) -> Result<(), ApiError> {
    let leaked = request
        .query_string()
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .any(|name| CREDENTIAL_PARAMETERS.contains(&name.to_ascii_lowercase().as_str()));
    if leaked {
        return Err(ApiError::bad_request(
            ErrorCode::CredentialsInQuery,
            "Credentials are accepted only in the Authorization header, never in the URL.",
        ));
    }
    Ok(())
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            refuse_credentials_in_query(&request)?;
            let state = request
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| anyhow::anyhow!("application state is missing"))?;
            let token = bearer_token(&request)?;
            let workspace = requested_workspace(&request)?;
            let claims = state.keys.verify(&token).map_err(|_| ApiError::InvalidToken)?;
            let access = state.store.session_access(claims.sid, claims.sub, workspace, chrono::Utc::now()).await?;
            match access {
                SessionAccess::Granted { workspace_id, role } => {
                    tracing::Span::current().record("workspace_id", tracing::field::display(workspace_id));
                    Ok(Caller { user_id: claims.sub, session_id: claims.sid, workspace_id, role })
                }
                SessionAccess::NotAMember => Err(ApiError::NotFound),
                SessionAccess::Inactive => Err(ApiError::InvalidToken),
            }
        })
    }
}
