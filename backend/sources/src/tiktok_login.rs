//! TikTok for a creator who connected their account: Login Kit's OAuth 2.0 (authorize, code
//! exchange, refresh, revoke) and what the creator's token reads: the Display API's
//! `/v2/user/info/` and `/v2/video/list/` (exact counts). A business account's audience needs the
//! API for Business's own authorization: see [`crate::tiktok_business`].
//!
//! Decisions on the points the documentation leaves open (reference §4 and §5):
//! - **PKCE.** `code_challenge` is the SHA-256 of the verifier written as lowercase hex, as TikTok's
//!   Login Kit guide computes it (not RFC 7636's base64url), with `code_challenge_method=S256`.
//! - **Errors.** The token endpoint answers OAuth-style `{error, error_description, log_id}`; the
//!   Display API answers `{data, error: {code, message, log_id}}` with `error.code == "ok"` on
//!   success. `invalid_grant` (a used, expired or revoked code or refresh token) means the authorization
//!   is gone; `access_token_invalid` means the access token is, which a refresh may cure.
//! - **Lifetimes.** `expires_in` and `refresh_expires_in` are read from every answer (the
//!   documentation gives 24 h / 365 d in one version and 2 h / 180 d in another); a refresh may
//!   rotate the refresh token, so the caller stores whatever comes back.

use crate::http::{self, Http, Reply, Secret};
use crate::wire::{self, Count, Flag, Id, decode, is_set};
use crate::{BuildError, ClientOptions, SourceError, Video};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::fmt;

const TOKEN_PATH: &str = "/v2/oauth/token/";
const REVOKE_PATH: &str = "/v2/oauth/revoke/";
const USER_INFO_PATH: &str = "/v2/user/info/";
const VIDEO_LIST_PATH: &str = "/v2/video/list/";

/// What zzyzx asks a creator for: who they are (basic, profile), their counts (stats) and their
/// public videos (video.list).
pub const LOGIN_SCOPES: &str = "user.info.basic,user.info.profile,user.info.stats,video.list";
/// Without these a connection cannot even say whose account it is.
pub const REQUIRED_SCOPES: [&str; 2] = ["user.info.basic", "user.info.profile"];

const USER_FIELDS: &str = "open_id,union_id,avatar_url,display_name,username,bio_description,is_verified,\
     follower_count,following_count,likes_count,video_count";
const VIDEO_FIELDS: &str = "id,create_time,title,video_description,duration,cover_image_url,share_url,view_count,like_count,comment_count,share_count";
/// The documented page maximum of `/v2/video/list/`.
const VIDEOS_PER_PAGE: usize = 20;

/// Where the client sends the creator and itself. The defaults are TikTok's production hosts;
/// tests and the end-to-end stand-in point them elsewhere.
#[derive(Debug, Clone)]
pub struct LoginConfig {
    pub client_key: String,
    pub client_secret: String,
    /// Registered with TikTok exactly as written here.
    pub redirect_url: String,
    /// `https://www.tiktok.com/v2/auth/authorize/`
    pub authorize_url: String,
    /// `https://open.tiktokapis.com`
    pub api_base_url: String,
}

impl LoginConfig {
    pub const AUTHORIZE_URL: &str = "https://www.tiktok.com/v2/auth/authorize/";
    pub const API_BASE_URL: &str = "https://open.tiktokapis.com";
}

/// Tokens from a code exchange or a refresh.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenGrant {
    /// The creator's id for this app (not their public TikTok id).
    pub open_id: String,
    /// The scopes the creator actually granted.
    pub scopes: Vec<String>,
    pub access_token: String,
    /// Seconds the access token lives from now.
    pub expires_in: i64,
    pub refresh_token: String,
    /// Seconds the refresh token lives from now.
    pub refresh_expires_in: i64,
}

impl fmt::Debug for TokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenGrant")
            .field("open_id", &self.open_id)
            .field("scopes", &self.scopes)
            .field("expires_in", &self.expires_in)
            .field("refresh_expires_in", &self.refresh_expires_in)
            .finish_non_exhaustive()
    }
}

/// The connected creator as `/v2/user/info/` describes them. Counts are `None` without the
/// `user.info.stats` scope; `username` without `user.info.profile`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectedProfile {
    pub open_id: String,
    /// Canonical: lowercase, without `@`.
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    pub bio: Option<String>,
    pub verified: bool,
    pub followers: Option<i64>,
    pub following: Option<i64>,
    pub likes: Option<i64>,
    pub videos: Option<i64>,
}

/// What went wrong with a connected account (Login Kit's or the API for Business's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// The authorization is gone: a used or expired code, an expired or revoked refresh token, or
    /// the creator said no. Only connecting again helps.
    #[error("authorization gone: {0}")]
    AuthorizationGone(String),
    /// The access token was refused; a refresh may bring a working one.
    #[error("access token refused: {0}")]
    TokenInvalid(String),
    /// The creator did not grant a scope this call needs.
    #[error("scope not granted: {0}")]
    ScopeMissing(String),
    /// Anything else: transient failures, zzyzx's own credentials refused, bad payloads.
    #[error(transparent)]
    Source(#[from] SourceError),
}

/// A Login Kit client. Cheap to share behind an `Arc`.
pub struct TikTokLogin {
    http: Http,
    client_key: String,
    client_secret: Secret,
    redirect_url: String,
    authorize_url: reqwest::Url,
    api_base_url: String,
    videos_depth: usize,
}

impl fmt::Debug for TikTokLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TikTokLogin")
            .field("client_key", &self.client_key)
            .field("client_secret", &self.client_secret)
            .field("redirect_url", &self.redirect_url)
            .field("api_base_url", &self.api_base_url)
            .finish_non_exhaustive()
    }
}

impl TikTokLogin {
    pub fn new(config: LoginConfig, options: ClientOptions) -> Result<Self, BuildError> {
        const NAME: &str = "tiktok login";
        Ok(TikTokLogin {
            http: Http::new(NAME, &options)?,
            client_key: config.client_key,
            client_secret: Secret::new(config.client_secret),
            redirect_url: http::redirect_url(NAME, &config.redirect_url)?,
            authorize_url: http::page_url(NAME, &config.authorize_url)?,
            api_base_url: http::base_url(NAME, &config.api_base_url)?,
            videos_depth: options.videos_depth.max(1),
        })
    }

    pub fn redirect_url(&self) -> &str {
        &self.redirect_url
    }

    /// Where to send the creator: TikTok's consent page for [`LOGIN_SCOPES`], which comes back to
    /// the redirect URL with `code` and `state` (or `error`).
    pub fn authorize_url(&self, state: &str, code_verifier: &str) -> String {
        let mut url = self.authorize_url.clone();
        url.query_pairs_mut()
            .append_pair("client_key", &self.client_key)
            .append_pair("scope", LOGIN_SCOPES)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &self.redirect_url)
            .append_pair("state", state)
            .append_pair("code_challenge", &code_challenge(code_verifier))
            .append_pair("code_challenge_method", "S256");
        url.into()
    }

    /// Trades the code TikTok sent back for tokens.
    pub async fn exchange_code(&self, code: &str, code_verifier: &str) -> Result<TokenGrant, AccountError> {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &self.redirect_url),
            ("code_verifier", code_verifier),
        ])
        .await
    }

    /// New tokens for a refresh token; store the answer's refresh token, which may be a new one.
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenGrant, AccountError> {
        self.token(&[("grant_type", "refresh_token"), ("refresh_token", refresh_token)]).await
    }

    /// Ends the authorization at TikTok.
    pub async fn revoke(&self, access_token: &str) -> Result<(), AccountError> {
        let request = self.http.client().post(format!("{}{REVOKE_PATH}", self.api_base_url)).form(&[
            ("client_key", self.client_key.as_str()),
            ("client_secret", self.client_secret.expose()),
            ("token", access_token),
        ]);
        let reply = self.http.send(request).await?;
        match oauth_failure(&reply) {
            Some(error) => Err(error),
            None if reply.status.is_success() => Ok(()),
            None => Err(reply.status_error(None).into()),
        }
    }

    async fn token(&self, grant: &[(&str, &str)]) -> Result<TokenGrant, AccountError> {
        let mut form = vec![("client_key", self.client_key.as_str()), ("client_secret", self.client_secret.expose())];
        form.extend_from_slice(grant);
        let request = self.http.client().post(format!("{}{TOKEN_PATH}", self.api_base_url)).form(&form);
        let reply = self.http.send(request).await?;
        if let Some(error) = oauth_failure(&reply) {
            return Err(error);
        }
        if !reply.status.is_success() {
            return Err(reply.status_error(None).into());
        }
        let body: TokenBody = decode(reply.json()?, "token answer")?;
        let required = |value: Option<String>, field: &str| {
            value
                .filter(|v| !v.is_empty())
                .ok_or_else(|| SourceError::BadPayload(format!("token answer without {field}")))
        };
        let lifetime = |count: Option<Count>, field: &str| -> Result<i64, SourceError> {
            count.ok_or_else(|| SourceError::BadPayload(format!("token answer without {field}")))?.get(field)
        };
        Ok(TokenGrant {
            open_id: required(body.open_id, "open_id")?,
            scopes: body
                .scope
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            access_token: required(body.access_token, "access_token")?,
            expires_in: lifetime(body.expires_in, "expires_in")?,
            refresh_token: required(body.refresh_token, "refresh_token")?,
            refresh_expires_in: lifetime(body.refresh_expires_in, "refresh_expires_in")?,
        })
    }

    /// The creator's profile and, with `user.info.stats`, their exact counts.
    pub async fn user_info(&self, access_token: &str) -> Result<ConnectedProfile, AccountError> {
        let request = self
            .http
            .client()
            .get(format!("{}{USER_INFO_PATH}", self.api_base_url))
            .query(&[("fields", USER_FIELDS)])
            .bearer_auth(access_token);
        let data = display_data(&self.http.send(request).await?)?;
        let Some(user) = data.get("user").filter(|u| u.is_object()).cloned() else {
            return Err(SourceError::BadPayload("user info without data.user".into()).into());
        };
        let user: RawUser = decode(user, "user info")?;
        let count = |count: Option<Count>, field: &str| count.map(|c| c.get(field)).transpose();
        Ok(ConnectedProfile {
            open_id: user.open_id.as_ref().map(|id| id.get("open_id")).transpose()?.unwrap_or_default().to_string(),
            username: wire::text(user.username).map(|u| wire::canonical_handle(&u)).filter(|u| !u.is_empty()),
            display_name: wire::text(user.display_name),
            avatar_url: wire::text(user.avatar_url),
            bio: wire::text(user.bio_description),
            verified: is_set(user.is_verified),
            followers: count(user.follower_count, "follower_count")?,
            following: count(user.following_count, "following_count")?,
            likes: count(user.likes_count, "likes_count")?,
            videos: count(user.video_count, "video_count")?,
        })
    }

    /// Up to `max` of the creator's most recent public videos, with exact counts, paging with
    /// the answer's `cursor` while `has_more` says so (and `videos_depth` pages at most).
    pub async fn videos(&self, access_token: &str, handle: &str, max: usize) -> Result<Vec<Video>, AccountError> {
        let handle = wire::canonical_handle(handle);
        let mut videos: Vec<Video> = Vec::new();
        let mut cursor: Option<Value> = None;
        for _ in 0..self.videos_depth {
            if videos.len() >= max {
                break;
            }
            let mut body = json!({ "max_count": VIDEOS_PER_PAGE.min(max - videos.len()) });
            if let Some(cursor) = &cursor {
                body["cursor"] = cursor.clone();
            }
            let request = self
                .http
                .client()
                .post(format!("{}{VIDEO_LIST_PATH}", self.api_base_url))
                .query(&[("fields", VIDEO_FIELDS)])
                .bearer_auth(access_token)
                .json(&body);
            let data = display_data(&self.http.send(request).await?)?;
            let page: VideoPage = decode(data, "video list")?;
            for raw in page.videos.unwrap_or_default() {
                let video = to_video(raw, &handle)?;
                if !videos.iter().any(|v| v.platform_id == video.platform_id) {
                    videos.push(video);
                }
            }
            match page.cursor {
                Some(next) if is_set(page.has_more) && !next.is_null() && Some(&next) != cursor.as_ref() => {
                    cursor = Some(next)
                }
                _ => break,
            }
        }
        Ok(wire::newest_first(videos, max))
    }
}

/// PKCE's `code_challenge` for `verifier`, as TikTok's Login Kit computes it: SHA-256, lowercase hex.
pub fn code_challenge(verifier: &str) -> String {
    Sha256::digest(verifier.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The OAuth-style failure in a token, refresh or revoke answer, if it is one.
fn oauth_failure(reply: &Reply) -> Option<AccountError> {
    let body = reply.json().ok();
    let code = body.as_ref().and_then(|b| b.get("error")).and_then(Value::as_str).filter(|c| !c.is_empty());
    let Some(code) = code else {
        // A failure status without a readable body is still a failure, read by status.
        return (!reply.status.is_success()).then(|| match reply.status {
            StatusCode::UNAUTHORIZED => {
                AccountError::Source(SourceError::Unauthorized(format!("{}: credentials refused", reply.status)))
            }
            _ => reply.status_error(None).into(),
        });
    };
    let description = body.as_ref().and_then(|b| b.get("error_description")).and_then(Value::as_str).unwrap_or("");
    let detail = format!("{code}: {}", http::clip(description));
    Some(match code {
        "invalid_grant" | "access_denied" => AccountError::AuthorizationGone(detail),
        "invalid_client" | "unauthorized_client" => AccountError::Source(SourceError::Unauthorized(detail)),
        "invalid_scope" => AccountError::ScopeMissing(detail),
        "rate_limit_exceeded" => AccountError::Source(SourceError::RateLimited { retry_after: reply.retry_after() }),
        "server_error" | "temporarily_unavailable" | "internal_error" => {
            AccountError::Source(SourceError::Unavailable(detail))
        }
        _ => AccountError::Source(SourceError::Rejected(detail)),
    })
}

/// `data` of a Display API answer, after checking `error.code` (on 200s too) and the status.
fn display_data(reply: &Reply) -> Result<Value, AccountError> {
    let body = match reply.json() {
        Ok(body) => body,
        Err(error) if reply.status.is_success() => return Err(error.into()),
        Err(_) => return Err(status_failure(reply, None)),
    };
    let error = body.get("error").filter(|e| e.is_object());
    let Some(code) = error.and_then(|e| e.get("code")).and_then(Value::as_str) else {
        return Err(if reply.status.is_success() {
            SourceError::BadPayload("answer without error.code".into()).into()
        } else {
            status_failure(reply, None)
        });
    };
    let message = error.and_then(|e| e.get("message")).and_then(Value::as_str).unwrap_or("");
    let detail = format!("{code}: {}", http::clip(message));
    Err(match code {
        "ok" if reply.status.is_success() => return Ok(body.get("data").cloned().unwrap_or(Value::Null)),
        "ok" => status_failure(reply, Some(message)),
        "access_token_invalid" => AccountError::TokenInvalid(detail),
        "scope_not_authorized" | "scope_permission_missed" => AccountError::ScopeMissing(detail),
        "invalid_client" | "unauthorized_client" => SourceError::Unauthorized(detail).into(),
        "rate_limit_exceeded" => SourceError::RateLimited { retry_after: reply.retry_after() }.into(),
        "internal_error" | "timeout" => SourceError::Unavailable(detail).into(),
        _ if reply.status.is_success() => {
            SourceError::BadPayload(format!("error inside a 2xx answer: {detail}")).into()
        }
        _ => status_failure(reply, Some(&detail)),
    })
}

/// A failed Display API answer read by its status: a 401 is the access token.
fn status_failure(reply: &Reply, message: Option<&str>) -> AccountError {
    match reply.status {
        StatusCode::UNAUTHORIZED => {
            AccountError::TokenInvalid(format!("{}: {}", reply.status, message.unwrap_or("token refused")))
        }
        _ => reply.status_error(message).into(),
    }
}

fn to_video(raw: RawVideo, handle: &str) -> Result<Video, SourceError> {
    let id = raw.id.ok_or_else(|| SourceError::BadPayload("video without id".into()))?;
    let id = id.get("id")?.to_string();
    let created = raw.create_time.ok_or_else(|| SourceError::BadPayload(format!("video {id} without create_time")))?;
    let posted_at = wire::unix_seconds(created.get("create_time")?)
        .ok_or_else(|| SourceError::BadPayload(format!("video {id}: create_time out of range")))?;
    let description = wire::text(raw.video_description).or_else(|| wire::text(raw.title)).unwrap_or_default();
    let count =
        |count: Option<Count>, field: &str| count.map(|c| c.get(field)).transpose().map(Option::unwrap_or_default);
    Ok(Video {
        hashtags: wire::video_hashtags([], &description),
        share_url: wire::text(raw.share_url).unwrap_or_else(|| wire::share_url(handle, &id)),
        author_handle: handle.to_string(),
        author_display_name: None,
        author_avatar_url: None,
        author_followers: None,
        posted_at,
        description,
        duration_seconds: raw.duration.map(|d| d.get("duration")).transpose()?.and_then(|d| i32::try_from(d).ok()),
        cover_url: wire::text(raw.cover_image_url),
        region: None,
        views: count(raw.view_count, "view_count")?,
        likes: count(raw.like_count, "like_count")?,
        comments: count(raw.comment_count, "comment_count")?,
        shares: count(raw.share_count, "share_count")?,
        saves: None,
        platform_id: id,
    })
}

#[derive(Deserialize)]
struct TokenBody {
    open_id: Option<String>,
    scope: Option<String>,
    access_token: Option<String>,
    expires_in: Option<Count>,
    refresh_token: Option<String>,
    refresh_expires_in: Option<Count>,
}

#[derive(Deserialize)]
struct RawUser {
    open_id: Option<Id>,
    username: Option<String>,
    display_name: Option<String>,
    avatar_url: Option<String>,
    bio_description: Option<String>,
    is_verified: Option<Flag>,
    follower_count: Option<Count>,
    following_count: Option<Count>,
    likes_count: Option<Count>,
    video_count: Option<Count>,
}

#[derive(Deserialize)]
struct VideoPage {
    videos: Option<Vec<RawVideo>>,
    cursor: Option<Value>,
    has_more: Option<Flag>,
}

#[derive(Deserialize)]
struct RawVideo {
    id: Option<Id>,
    create_time: Option<Count>,
    title: Option<String>,
    video_description: Option<String>,
    duration: Option<Count>,
    cover_image_url: Option<String>,
    share_url: Option<String>,
    view_count: Option<Count>,
    like_count: Option<Count>,
    comment_count: Option<Count>,
    share_count: Option<Count>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_challenge_is_the_hex_sha256_of_the_verifier() {
        // RFC 7636's example verifier; its SHA-256 written as hex rather than base64url.
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3"
        );
    }
}
