//! Who is calling, in which workspace, and whether they may do what the endpoint does. A request
//! with credentials that fail never silently becomes anonymous: it is refused.
//!
//! Every handler states what it needs in its signature, `Caller<need::ListsWrite>` say, and the
//! extractor refuses the request before the handler runs. A user's access token acts with the
//! user's role in the workspace; an API key (`zz_…`) acts in its own workspace with its scopes,
//! never with more than its creator's role there, and never manages the workspace or an account.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::Utc;
use futures_util::future::LocalBoxFuture;
use std::marker::PhantomData;
use std::time::{Duration, Instant};
use uuid::Uuid;

use super::problem::{ApiError, Denial, ErrorCode};
use crate::auth::api_keys::{self, Scope};
use crate::state::AppState;
use crate::store::{Role, SessionAccess};

/// The header that picks the workspace a request acts in; without it, the caller's first one.
pub const WORKSPACE_HEADER: &str = "X-Workspace-Id";
/// An API key's last use is recorded at most this often per instance.
const KEY_USE_RECORD_INTERVAL: Duration = Duration::from_secs(60);

/// What an endpoint needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any member, with a user's own token: their account, the member list.
    Member,
    /// Viewers and up; API keys with the scope.
    Read(Scope),
    /// Editors and up; API keys with the scope.
    Write(Scope),
    /// Owners, with a user's own token: members, invitations, API keys, share links, settings.
    Manage,
    /// Owners, with a user's token or an API key with the scope (keys act at most as editors, so
    /// in practice a person): deleting what editors make, such as a campaign.
    Delete(Scope),
}

/// The credential a request came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A user's access token naming their login session.
    Session(Uuid),
    /// An API key, with the scopes it was given.
    ApiKey { id: Uuid, scopes: Vec<Scope> },
}

/// Whether `role` with `credential` may do what `access` asks.
pub fn authorize(access: Access, role: Role, credential: &Credential) -> Result<(), ApiError> {
    let (needed_role, scope) = match access {
        Access::Member => (Role::Viewer, None),
        Access::Read(scope) => (Role::Viewer, Some(scope)),
        Access::Write(scope) => (Role::Editor, Some(scope)),
        Access::Manage => (Role::Owner, None),
        Access::Delete(scope) => (Role::Owner, Some(scope)),
    };
    if let Credential::ApiKey { scopes, .. } = credential {
        let scope = scope.ok_or(ApiError::Forbidden(Denial::ApiKey))?;
        if !scopes.contains(&scope) {
            return Err(ApiError::Forbidden(Denial::Scope(scope)));
        }
    }
    if role >= needed_role { Ok(()) } else { Err(ApiError::Forbidden(Denial::Role)) }
}

/// Marker types naming an [`Access`], for `Caller<N>`.
pub mod need {
    use super::{Access, Scope};

    pub trait Need {
        const ACCESS: Access;
    }

    macro_rules! needs {
        ($($(#[$doc:meta])* $name:ident => $access:expr;)*) => {$(
            $(#[$doc])*
            pub struct $name;
            impl Need for $name {
                const ACCESS: Access = $access;
            }
        )*};
    }

    needs! {
        /// Any member, with their own token.
        Member => Access::Member;
        ListsRead => Access::Read(Scope::ListsRead);
        ListsWrite => Access::Write(Scope::ListsWrite);
        CreatorsRead => Access::Read(Scope::CreatorsRead);
        CreatorsWrite => Access::Write(Scope::CreatorsWrite);
        CampaignsRead => Access::Read(Scope::CampaignsRead);
        CampaignsWrite => Access::Write(Scope::CampaignsWrite);
        AlertsRead => Access::Read(Scope::AlertsRead);
        AlertsWrite => Access::Write(Scope::AlertsWrite);
        /// Owners: deleting a campaign.
        CampaignsDelete => Access::Delete(Scope::CampaignsWrite);
        /// Owners, with their own token.
        Manage => Access::Manage;
    }
}

#[derive(Debug)]
pub struct Caller<N> {
    pub user_id: Uuid,
    pub workspace_id: Uuid,
    /// The user's role in the workspace (an API key's creator's).
    pub role: Role,
    pub credential: Credential,
    need: PhantomData<N>,
}

impl<N> Caller<N> {
    /// The login session, for requests made with a user's token (every `Member` and `Manage`
    /// endpoint).
    pub fn session_id(&self) -> Result<Uuid, ApiError> {
        match self.credential {
            Credential::Session(id) => Ok(id),
            Credential::ApiKey { .. } => Err(ApiError::Forbidden(Denial::ApiKey)),
        }
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

/// The application state and the request's bearer token. (Credentials in a URL never get this
/// far: see `request_guard`.)
pub(super) fn credentials(request: &HttpRequest) -> Result<(&web::Data<AppState>, String), ApiError> {
    let state =
        request.app_data::<web::Data<AppState>>().ok_or_else(|| anyhow::anyhow!("application state is missing"))?;
    Ok((state, bearer_token(request)?))
}

/// (user, workspace, role, credential) of a user's access token.
async fn session_caller(
    state: &AppState,
    token: &str,
    workspace: Option<Uuid>,
) -> Result<(Uuid, Uuid, Role, Credential), ApiError> {
    let claims = state.keys.verify(token).map_err(|_| ApiError::InvalidToken)?;
    match state.store.session_access(claims.sid, claims.sub, workspace, Utc::now()).await? {
        SessionAccess::Granted { workspace_id, role } => {
            Ok((claims.sub, workspace_id, role, Credential::Session(claims.sid)))
        }
        SessionAccess::NotAMember => Err(ApiError::NotFound),
        SessionAccess::Inactive => Err(ApiError::InvalidToken),
    }
}

/// (user, workspace, role, credential) of an API key, after its rate limit.
async fn key_caller(
    state: &AppState,
    token: &str,
    workspace: Option<Uuid>,
) -> Result<(Uuid, Uuid, Role, Credential), ApiError> {
    // A mistyped or made-up key fails its checksum here, before any database lookup.
    let hash = api_keys::verify_format(token).ok_or(ApiError::InvalidToken)?;
    let now = Utc::now();
    let access = state.store.api_key_access(&hash, now).await?.ok_or(ApiError::InvalidToken)?;
    if workspace.is_some_and(|requested| requested != access.workspace_id) {
        return Err(ApiError::NotFound);
    }
    state.api_key_requests.check(access.key_id).map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    if should_record_use(state, access.key_id) {
        state.store.touch_api_key(access.key_id, now).await?;
    }
    // A key edits at most: managing the workspace takes a person.
    let role = access.role.min(Role::Editor);
    let credential = Credential::ApiKey { id: access.key_id, scopes: Scope::split(&access.scopes) };
    Ok((access.user_id, access.workspace_id, role, credential))
}

fn should_record_use(state: &AppState, key_id: Uuid) -> bool {
    let Ok(mut uses) = state.api_key_uses.lock() else { return true };
    let now = Instant::now();
    let due = uses.get(&key_id).is_none_or(|last| now.duration_since(*last) >= KEY_USE_RECORD_INTERVAL);
    if due {
        if uses.len() > 100_000 {
            uses.retain(|_, last| now.duration_since(*last) < KEY_USE_RECORD_INTERVAL);
        }
        uses.insert(key_id, now);
    }
    due
}

impl<N: need::Need + 'static> FromRequest for Caller<N> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let (state, token) = credentials(&request)?;
            let workspace = requested_workspace(&request)?;
            let (user_id, workspace_id, role, credential) = if api_keys::looks_like_key(&token) {
                key_caller(state, &token, workspace).await?
            } else {
                session_caller(state, &token, workspace).await?
            };
            tracing::Span::current().record("workspace_id", tracing::field::display(workspace_id));
            authorize(N::ACCESS, role, &credential)?;
            Ok(Caller { user_id, workspace_id, role, credential, need: PhantomData })
        })
    }
}

/// A logged-in person, whatever workspaces they belong to (none at all, even): for joining one.
/// The workspace header plays no part; API keys are refused.
pub struct Person {
    pub user_id: Uuid,
}

impl FromRequest for Person {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let (state, token) = credentials(&request)?;
            if api_keys::looks_like_key(&token) {
                return Err(ApiError::Forbidden(Denial::ApiKey));
            }
            let claims = state.keys.verify(&token).map_err(|_| ApiError::InvalidToken)?;
            match state.store.session_access(claims.sid, claims.sub, None, Utc::now()).await? {
                SessionAccess::Granted { .. } | SessionAccess::NotAMember => Ok(Person { user_id: claims.sub }),
                SessionAccess::Inactive => Err(ApiError::InvalidToken),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(scopes: &[Scope]) -> Credential {
        Credential::ApiKey { id: Uuid::nil(), scopes: scopes.to_vec() }
    }

    #[test]
    fn roles_rank_read_write_manage() {
        let session = Credential::Session(Uuid::nil());
        let read = Access::Read(Scope::ListsRead);
        let write = Access::Write(Scope::ListsWrite);
        for (role, allowed) in [
            (Role::Viewer, [true, true, false, false]),
            (Role::Editor, [true, true, true, false]),
            (Role::Owner, [true, true, true, true]),
        ] {
            let got = [Access::Member, read, write, Access::Manage].map(|a| authorize(a, role, &session).is_ok());
            assert_eq!(got, allowed, "{role:?}");
        }
    }

    #[test]
    fn keys_need_the_scope_and_never_manage() {
        let reader = key(&[Scope::ListsRead]);
        assert!(authorize(Access::Read(Scope::ListsRead), Role::Editor, &reader).is_ok());
        for access in
            [Access::Write(Scope::ListsWrite), Access::Read(Scope::CreatorsRead), Access::Member, Access::Manage]
        {
            assert!(matches!(authorize(access, Role::Owner, &reader), Err(ApiError::Forbidden(_))), "{access:?}");
        }
    }

    #[test]
    fn a_key_never_does_more_than_its_creators_role() {
        let writer = key(&Scope::ALL);
        assert!(authorize(Access::Write(Scope::ListsWrite), Role::Viewer, &writer).is_err());
        assert!(authorize(Access::Write(Scope::ListsWrite), Role::Editor, &writer).is_ok());
    }
}
