//! The TikTok Research API client (`open.tiktokapis.com/v2/research/…`, academic access only):
//! a cached client-credentials token, user info, and the video query walked back from today in
//! 30-day windows. Every answer's `error.code` is checked, 200s included.
//!
//! Decisions on the points the documentation leaves open:
//! - **Token.** One token is cached and renewed five minutes before `expires_in` runs out; the
//!   renewal happens under a lock, so concurrent callers wait for one renewal and share it. On
//!   `access_token_invalid` the token is renewed once and that request retried once.
//! - **Quota.** TikTok answers 429 `rate_limit_exceeded` for short-term limits and for the spent
//!   daily quota alike (reference §3.6). A message naming the quota or the day means
//!   `QuotaExhausted` at once; otherwise the answer is `RateLimited`, until rate limits have
//!   persisted (three in a row, with no success between, over at least a minute), which is
//!   taken as the daily quota: `QuotaExhausted` until the next 00:00 UTC.
//! - **Missing users.** `invalid_params` whose message says the user cannot be found (as TikTok
//!   phrases it: "`username: …` is invalid: cannot find the user") is `NotFound`.
//! - **Ids.** The documented user fields carry no user id, so `Profile::platform_user_id` is the
//!   canonical handle, and `sec_uid` is `None`.
//! - **Windows.** Adjacent windows share their boundary day, because the documentation does not
//!   say whether `end_date` is inclusive; duplicates are dropped by video id.
//! - **Fields.** Only the original, documented field lists are requested (newer fields such as
//!   `video_duration` or `favorites_count` may be refused as `invalid_params`); they are read when
//!   present anyway.

use crate::http::{self, Http, Reply, Secret};
use crate::wire::{self, Count, Cursor, Flag, Id, decode, is_set};
use crate::{BuildError, Capabilities, ClientOptions, Profile, Source, SourceError, UserMatch, Video, VideoComment};
use async_trait::async_trait;
use chrono::{DateTime, Days, NaiveDate, Utc};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TOKEN_PATH: &str = "/v2/oauth/token/";
const USER_INFO_PATH: &str = "/v2/research/user/info/";
const VIDEO_QUERY_PATH: &str = "/v2/research/video/query/";
const COMMENT_LIST_PATH: &str = "/v2/research/video/comment/list/";
const COMMENT_FIELDS: &str = "id,video_id,text,like_count,parent_comment_id,create_time";
/// The most comments one page may ask for.
const COMMENTS_PER_PAGE: usize = 100;
/// Pages read for one video's comments at most, whatever `max` says.
const COMMENT_PAGES: usize = 5;

const USER_FIELDS: &str =
    "display_name,bio_description,avatar_url,is_verified,follower_count,following_count,likes_count,video_count";
const VIDEO_FIELDS: &str = "id,video_description,create_time,region_code,share_count,view_count,like_count,comment_count,hashtag_names,username";

/// The documented page maximum.
const MAX_COUNT: u32 = 100;
/// `end_date - start_date` for each window: 30 calendar days counting both ends, inside the
/// documented "no more than 30 days".
const WINDOW_SPAN_DAYS: u64 = 29;
/// The token is renewed this long before it expires.
const TOKEN_RENEW_MARGIN: Duration = Duration::from_secs(5 * 60);
/// Used when a token answer has no `expires_in`: the documented lifetime.
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(2 * 60 * 60);
const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// Rate limits persisting this long and this often (without a success) mean the daily quota.
const QUOTA_STREAK_CALLS: u32 = 3;
const QUOTA_STREAK_SPAN: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// A Research API client. Cheap to share behind an `Arc`; holds one connection pool and one token.
pub struct ResearchApi {
    http: Http,
    base_url: String,
    client_key: String,
    client_secret: Secret,
    videos_depth: usize,
    token: tokio::sync::Mutex<Option<CachedToken>>,
    rate_limits: Mutex<Option<RateLimitStreak>>,
    clock: Clock,
}

impl std::fmt::Debug for ResearchApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResearchApi")
            .field("base_url", &self.base_url)
            .field("client_key", &self.client_key)
            .field("client_secret", &self.client_secret)
            .field("videos_depth", &self.videos_depth)
            .finish_non_exhaustive()
    }
}

struct CachedToken {
    value: Secret,
    renew_at: Instant,
}

#[derive(Clone, Copy)]
struct RateLimitStreak {
    calls: u32,
    since: DateTime<Utc>,
}

/// What one call to the API came to.
enum Outcome {
    Data(Value),
    TokenInvalid(String),
    Failed(SourceError),
}

impl ResearchApi {
    /// `base_url` is `https://open.tiktokapis.com` in production.
    pub fn new(
        client_key: impl Into<String>,
        client_secret: impl Into<String>,
        base_url: &str,
        options: ClientOptions,
    ) -> Result<Self, BuildError> {
        Ok(ResearchApi {
            http: Http::new("research", &options)?,
            base_url: http::base_url("research", base_url)?,
            client_key: client_key.into(),
            client_secret: Secret::new(client_secret.into()),
            videos_depth: options.videos_depth.max(1),
            token: tokio::sync::Mutex::new(None),
            rate_limits: Mutex::new(None),
            clock: Arc::new(Utc::now),
        })
    }

    /// Replaces the wall clock that dates windows, quota resets and `fetched_at` (for tests).
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    // ---- Token ---------------------------------------------------------------------------------

    async fn token(&self) -> Result<String, SourceError> {
        // Held across the renewal: concurrent callers wait here and then reuse the new token.
        let mut slot = self.token.lock().await;
        if let Some(token) = slot.as_ref()
            && Instant::now() < token.renew_at
        {
            return Ok(token.value.expose().to_string());
        }
        let fresh = self.fetch_token().await?;
        let value = fresh.value.expose().to_string();
        *slot = Some(fresh);
        Ok(value)
    }

    /// Drops the cached token if it is still the one that was refused (another caller may have
    /// renewed it already).
    async fn forget_token(&self, refused: &str) {
        let mut slot = self.token.lock().await;
        if slot.as_ref().is_some_and(|t| t.value.expose() == refused) {
            *slot = None;
        }
    }

    async fn fetch_token(&self) -> Result<CachedToken, SourceError> {
        let request = self.http.client().post(format!("{}{TOKEN_PATH}", self.base_url)).form(&[
            ("client_key", self.client_key.as_str()),
            ("client_secret", self.client_secret.expose()),
            ("grant_type", "client_credentials"),
        ]);
        let reply = self.http.send(request).await?;
        let body = match reply.json() {
            Ok(body) => body,
            Err(_) if !reply.status.is_success() => return Err(self.status_error(&reply, None)),
            Err(e) => return Err(e),
        };
        match body.get("error") {
            // OAuth-style failure: `{"error": "invalid_client", "error_description": …}`.
            Some(Value::String(code)) if !code.is_empty() => {
                let description = body.get("error_description").and_then(Value::as_str).unwrap_or("");
                return Err(match code.as_str() {
                    "rate_limit_exceeded" => self.rate_limited(description, &reply),
                    "invalid_request" => SourceError::Rejected(format!("token: {code}: {}", http::clip(description))),
                    _ => SourceError::Unauthorized(format!("token: {code}: {}", http::clip(description))),
                });
            }
            // v2-style failure: `{"error": {"code": …, "message": …}}`.
            Some(Value::Object(_)) => match self.interpret_body(&reply, &body) {
                Outcome::Data(_) => {}
                Outcome::TokenInvalid(message) => return Err(SourceError::Unauthorized(message)),
                Outcome::Failed(error) => return Err(error),
            },
            _ => {}
        }
        if !reply.status.is_success() {
            return Err(self.status_error(&reply, None));
        }
        let token: TokenBody = decode(body, "token answer")?;
        let value = token
            .access_token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| SourceError::BadPayload("token answer without access_token".into()))?;
        let lifetime = match token.expires_in {
            Some(count) => Duration::from_secs(count.get("expires_in")?.unsigned_abs()),
            None => DEFAULT_TOKEN_LIFETIME,
        }
        // A token claiming to live for years is still renewed daily.
        .min(MAX_TOKEN_LIFETIME);
        // Short-lived tokens are renewed at half-life rather than never being cached at all.
        let margin = TOKEN_RENEW_MARGIN.min(lifetime / 2);
        Ok(CachedToken { value: Secret::new(value), renew_at: Instant::now() + lifetime - margin })
    }

    // ---- Calls ---------------------------------------------------------------------------------

    /// POSTs `body` to `path` with `fields`, and returns the answer's `data`. Renews the token and
    /// retries once when TikTok calls it invalid.
    async fn call(&self, path: &str, fields: &str, body: &Value) -> Result<Value, SourceError> {
        let mut renewed = false;
        loop {
            let token = self.token().await?;
            let request = self
                .http
                .client()
                .post(format!("{}{path}", self.base_url))
                .query(&[("fields", fields)])
                .bearer_auth(&token)
                .json(body);
            let reply = self.http.send(request).await?;
            match self.interpret(&reply) {
                Outcome::Data(data) => {
                    self.note_success();
                    return Ok(data);
                }
                Outcome::TokenInvalid(_) if !renewed => {
                    renewed = true;
                    self.forget_token(&token).await;
                }
                Outcome::TokenInvalid(message) => return Err(SourceError::Unauthorized(message)),
                Outcome::Failed(error) => return Err(error),
            }
        }
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        match reply.json() {
            Ok(body) => self.interpret_body(reply, &body),
            Err(error) if reply.status.is_success() => Outcome::Failed(error),
            Err(_) => Outcome::Failed(self.status_error(reply, None)),
        }
    }

    /// Reads `error.code` first (it is more specific than the HTTP status), then the status.
    fn interpret_body(&self, reply: &Reply, body: &Value) -> Outcome {
        let error = body.get("error").filter(|e| e.is_object());
        let Some(code) = error.and_then(|e| e.get("code")).and_then(Value::as_str) else {
            return Outcome::Failed(if reply.status.is_success() {
                SourceError::BadPayload("answer without error.code".into())
            } else {
                self.status_error(reply, None)
            });
        };
        let message = error.and_then(|e| e.get("message")).and_then(Value::as_str).unwrap_or("");
        let detail = || format!("{code}: {}", http::clip(message));
        let failed = match code {
            "ok" if reply.status.is_success() => {
                return Outcome::Data(body.get("data").cloned().unwrap_or(Value::Null));
            }
            "ok" => self.status_error(reply, Some(message)),
            "access_token_invalid" => return Outcome::TokenInvalid(detail()),
            "scope_not_authorized" | "scope_permission_missed" | "invalid_client" | "unauthorized_client" => {
                SourceError::Unauthorized(detail())
            }
            "rate_limit_exceeded" => self.rate_limited(message, reply),
            "internal_error" | "timeout" => SourceError::Unavailable(detail()),
            "invalid_params" | "invalid_param" | "invalid_request" => {
                let m = message.to_lowercase();
                if ["cannot find", "can't find", "not exist", "not found"].iter().any(|w| m.contains(w)) {
                    SourceError::NotFound
                } else if m.contains("private") {
                    SourceError::Private
                } else {
                    SourceError::Rejected(detail())
                }
            }
            _ if reply.status.is_success() => {
                SourceError::BadPayload(format!("error inside a 2xx answer: {}", detail()))
            }
            _ => self.status_error(reply, Some(&detail())),
        };
        Outcome::Failed(failed)
    }

    fn status_error(&self, reply: &Reply, message: Option<&str>) -> SourceError {
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            self.rate_limited(message.unwrap_or(""), reply)
        } else {
            reply.status_error(message)
        }
    }

    /// A rate limit, or the daily quota when the message says so or the limits have persisted.
    fn rate_limited(&self, message: &str, reply: &Reply) -> SourceError {
        let now = self.now();
        let streak = match self.rate_limits.lock() {
            Ok(mut slot) => {
                let streak = match *slot {
                    Some(s) => RateLimitStreak { calls: s.calls.saturating_add(1), since: s.since },
                    None => RateLimitStreak { calls: 1, since: now },
                };
                *slot = Some(streak);
                streak
            }
            Err(_) => RateLimitStreak { calls: 1, since: now },
        };
        let m = message.to_lowercase();
        let says_quota = m.contains("quota") || m.contains("daily") || m.contains("per day");
        let persisted = streak.calls >= QUOTA_STREAK_CALLS && now - streak.since >= QUOTA_STREAK_SPAN;
        if says_quota || persisted {
            SourceError::QuotaExhausted { resets_at: Some(next_utc_midnight(now)) }
        } else {
            SourceError::RateLimited { retry_after: reply.retry_after() }
        }
    }

    fn note_success(&self) {
        if let Ok(mut slot) = self.rate_limits.lock() {
            *slot = None;
        }
    }

    // ---- Video walk ----------------------------------------------------------------------------

    /// Walks the video query back from today in 30-day windows, paging each window with `cursor`
    /// and `search_id`, until `max` videos or the request budget is spent.
    async fn query_videos(
        &self,
        condition: Value,
        max: usize,
        fallback_author: Option<&str>,
    ) -> Result<Vec<Video>, SourceError> {
        if max == 0 {
            return Ok(Vec::new());
        }
        let mut videos = Vec::new();
        let mut seen = HashSet::new();
        let mut requests_left = self.videos_depth;
        let mut window_end = self.now().date_naive();
        'windows: while requests_left > 0 {
            let window_start = window_end.checked_sub_days(Days::new(WINDOW_SPAN_DAYS)).unwrap_or(NaiveDate::MIN);
            let mut page: Option<(Cursor, String)> = None;
            let mut restarted = false;
            while requests_left > 0 {
                requests_left -= 1;
                let mut body = json!({
                    "query": { "and": [condition.clone()] },
                    "start_date": yyyymmdd(window_start),
                    "end_date": yyyymmdd(window_end),
                    "max_count": MAX_COUNT,
                });
                if let Some((cursor, search_id)) = &page {
                    body["cursor"] = cursor.as_json().clone();
                    body["search_id"] = Value::String(search_id.clone());
                }
                let data = match self.call(VIDEO_QUERY_PATH, VIDEO_FIELDS, &body).await {
                    Ok(data) => data,
                    // "Invalid count or cursor" mid-walk: restart the window once from its first
                    // page rather than retrying the same cursor (reference §3.5).
                    Err(SourceError::Rejected(_)) if page.is_some() && !restarted => {
                        restarted = true;
                        page = None;
                        continue;
                    }
                    Err(error) => return Err(error),
                };
                let data: VideoPage = decode(data, "video query data")?;
                collect_videos(data.videos, fallback_author, &mut seen, &mut videos)?;
                if videos.len() >= max {
                    break 'windows;
                }
                match (is_set(data.has_more), data.cursor, data.search_id) {
                    (true, Some(cursor), Some(search_id)) => {
                        page = Some((cursor, search_id.get("search_id")?.to_string()))
                    }
                    _ => break,
                }
            }
            window_end = window_start;
        }
        Ok(wire::newest_first(videos, max))
    }
}

#[async_trait]
impl Source for ResearchApi {
    fn name(&self) -> &'static str {
        "research"
    }

    fn requests_sent(&self) -> u64 {
        self.http.requests_sent()
    }

    /// A token now and then, the user, then at most `videos_depth` video queries.
    fn requests_per_refresh(&self) -> u32 {
        u32::try_from(self.videos_depth).unwrap_or(u32::MAX).saturating_add(2)
    }

    /// At most five pages of comments, and a token now and then.
    fn requests_per_comments(&self) -> u32 {
        COMMENT_PAGES as u32 + 1
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            profile: true,
            videos: true,
            hashtag_videos: true,
            user_search: false,
            comments: true,
            audience: false,
        }
    }

    async fn profile(&self, handle: &str) -> Result<Profile, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        let data = self.call(USER_INFO_PATH, USER_FIELDS, &json!({ "username": handle })).await?;
        if data.is_null() {
            return Err(SourceError::BadPayload("user info answer without data".into()));
        }
        let user: UserInfo = decode(data, "user info data")?;
        let count = |field: &str, count: Option<&Count>| -> Result<i64, SourceError> {
            count.ok_or_else(|| SourceError::BadPayload(format!("user info without {field}")))?.get(field)
        };
        Ok(Profile {
            platform_user_id: handle.clone(),
            followers: count("follower_count", user.follower_count.as_ref())?,
            following: count("following_count", user.following_count.as_ref())?,
            likes: count("likes_count", user.likes_count.as_ref())?,
            videos: count("video_count", user.video_count.as_ref())?,
            handle,
            sec_uid: None,
            display_name: user.display_name.filter(|s| !s.is_empty()),
            avatar_url: user.avatar_url.filter(|s| !s.is_empty()),
            bio: user.bio_description.filter(|s| !s.is_empty()),
            verified: is_set(user.is_verified),
            region: None,
            private: is_set(user.is_private),
            // Official API integers, not the web's display-rounded numbers.
            counts_may_be_rounded: false,
            fetched_at: self.now(),
        })
    }

    async fn videos(&self, handle: &str, _sec_uid: Option<&str>, max: usize) -> Result<Vec<Video>, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        let condition = json!({ "operation": "EQ", "field_name": "username", "field_values": [handle] });
        self.query_videos(condition, max, Some(&handle)).await
    }

    async fn hashtag_videos(&self, tag: &str, max: usize) -> Result<Vec<Video>, SourceError> {
        let tag = wire::canonical_tag(tag);
        if tag.is_empty() {
            return Err(SourceError::Rejected("empty hashtag".into()));
        }
        let condition = json!({ "operation": "EQ", "field_name": "hashtag_name", "field_values": [tag] });
        self.query_videos(condition, max, None).await
    }

    /// The video's top-level comments, paged by `cursor`. The Research API names no commenter, so
    /// each comment counts as its own commenter in an estimate.
    async fn comments(&self, _handle: &str, video_id: &str, max: usize) -> Result<Vec<VideoComment>, SourceError> {
        let Ok(numeric_id) = video_id.trim().parse::<u64>() else {
            return Err(SourceError::Rejected(format!("not a TikTok video id: {}", http::clip(video_id))));
        };
        let mut comments = Vec::new();
        let mut cursor = 0_i64;
        for _ in 0..COMMENT_PAGES {
            if comments.len() >= max {
                break;
            }
            let count = (max - comments.len()).min(COMMENTS_PER_PAGE);
            let body = json!({ "video_id": numeric_id, "max_count": count, "cursor": cursor });
            let data = self.call(COMMENT_LIST_PATH, COMMENT_FIELDS, &body).await?;
            let page: CommentPage = serde_json::from_value(data)
                .map_err(|e| SourceError::BadPayload(format!("{COMMENT_LIST_PATH}: {e}")))?;
            for raw in page.comments.unwrap_or_default().into_iter().flatten() {
                if let Some(comment) = to_comment(raw, video_id)? {
                    comments.push(comment);
                }
            }
            let next = page.cursor.as_ref().map(|c| c.get("cursor")).transpose()?;
            match next {
                Some(next) if is_set(page.has_more) && next > cursor => cursor = next,
                _ => break,
            }
        }
        comments.truncate(max);
        Ok(comments)
    }

    async fn search_users(&self, _query: &str, _max: usize) -> Result<Vec<UserMatch>, SourceError> {
        // The Research API looks up exact usernames only; it has no search.
        Err(SourceError::Unsupported)
    }
}

// ---- Wire shapes and conversions -----------------------------------------------------------------

#[derive(Deserialize)]
struct TokenBody {
    access_token: Option<String>,
    expires_in: Option<Count>,
}

#[derive(Deserialize)]
struct UserInfo {
    display_name: Option<String>,
    bio_description: Option<String>,
    avatar_url: Option<String>,
    is_verified: Option<Flag>,
    follower_count: Option<Count>,
    following_count: Option<Count>,
    likes_count: Option<Count>,
    video_count: Option<Count>,
    /// Only in one version of the documentation; read when present.
    is_private: Option<Flag>,
}

#[derive(Deserialize)]
struct VideoPage {
    videos: Option<Vec<Option<RawVideo>>>,
    cursor: Option<Cursor>,
    has_more: Option<Flag>,
    search_id: Option<Id>,
}

#[derive(Deserialize)]
struct CommentPage {
    comments: Option<Vec<Option<RawComment>>>,
    cursor: Option<Count>,
    has_more: Option<Flag>,
}

#[derive(Deserialize)]
struct RawComment {
    id: Option<Id>,
    text: Option<String>,
    like_count: Option<Count>,
    parent_comment_id: Option<Id>,
    create_time: Option<Count>,
}

/// A top-level comment (one whose parent is the video itself, or unnamed); replies are left out.
fn to_comment(raw: RawComment, video_id: &str) -> Result<Option<VideoComment>, SourceError> {
    let Some(id) = raw.id.as_ref() else { return Ok(None) };
    let id = id.get("comment id")?.to_string();
    if let Some(parent) = &raw.parent_comment_id
        && parent.get("parent_comment_id")? != video_id
    {
        return Ok(None);
    }
    let Some(created) = raw.create_time.as_ref() else { return Ok(None) };
    let Some(posted_at) = wire::unix_seconds(created.get("create_time")?) else {
        return Err(SourceError::BadPayload(format!("create_time out of range for comment {id}")));
    };
    Ok(Some(VideoComment {
        id,
        text: wire::text(raw.text).unwrap_or_default(),
        posted_at,
        commenter_id: None,
        commenter_handle: None,
        commenter_region: None,
        likes: raw.like_count.as_ref().map(|c| c.get("like_count")).transpose()?,
        language: None,
    }))
}

#[derive(Deserialize)]
struct RawVideo {
    id: Option<Id>,
    create_time: Option<Count>,
    username: Option<String>,
    region_code: Option<String>,
    video_description: Option<String>,
    like_count: Option<Count>,
    comment_count: Option<Count>,
    share_count: Option<Count>,
    view_count: Option<Count>,
    hashtag_names: Option<Vec<Option<String>>>,
    video_duration: Option<Count>,
    /// Spelled both ways in the documentation (reference §3.4).
    #[serde(alias = "favourites_count")]
    favorites_count: Option<Count>,
}

/// Adds a page's videos to `out` (skipping duplicates and incomplete entries); a page whose every
/// entry is unusable is refused rather than read as "no videos".
fn collect_videos(
    videos: Option<Vec<Option<RawVideo>>>,
    fallback_author: Option<&str>,
    seen: &mut HashSet<String>,
    out: &mut Vec<Video>,
) -> Result<(), SourceError> {
    let videos: Vec<RawVideo> = videos.unwrap_or_default().into_iter().flatten().collect();
    let total = videos.len();
    let mut usable = 0;
    for raw in videos {
        if let Some(video) = to_video(raw, fallback_author)? {
            usable += 1;
            if seen.insert(video.platform_id.clone()) {
                out.push(video);
            }
        }
    }
    if total > 0 && usable == 0 {
        return Err(SourceError::BadPayload(format!("none of the {total} videos on the page is usable")));
    }
    Ok(())
}

fn to_video(raw: RawVideo, fallback_author: Option<&str>) -> Result<Option<Video>, SourceError> {
    let Some(id) = raw.id.as_ref() else { return Ok(None) };
    let platform_id = id.get("video id")?.to_string();
    let Some(created) = raw.create_time.as_ref() else { return Ok(None) };
    let Some(posted_at) = wire::unix_seconds(created.get("create_time")?) else {
        return Err(SourceError::BadPayload(format!("create_time out of range for video {platform_id}")));
    };
    let author_handle = raw
        .username
        .as_deref()
        .map(wire::canonical_handle)
        .filter(|h| !h.is_empty())
        .or_else(|| fallback_author.map(str::to_string));
    let Some(author_handle) = author_handle else { return Ok(None) };
    let (Some(views), Some(likes), Some(comments), Some(shares)) =
        (&raw.view_count, &raw.like_count, &raw.comment_count, &raw.share_count)
    else {
        return Ok(None);
    };
    let duration_seconds = match &raw.video_duration {
        Some(d) => i32::try_from(d.get("video_duration")?).ok(),
        None => None,
    };
    let saves = match &raw.favorites_count {
        Some(c) => Some(c.get("favorites_count")?),
        None => None,
    };
    let hashtags = wire::video_hashtags(
        raw.hashtag_names.iter().flatten().flatten().map(String::as_str),
        raw.video_description.as_deref().unwrap_or_default(),
    );
    Ok(Some(Video {
        share_url: wire::share_url(&author_handle, &platform_id),
        views: views.get("view_count")?,
        likes: likes.get("like_count")?,
        comments: comments.get("comment_count")?,
        shares: shares.get("share_count")?,
        saves,
        platform_id,
        author_handle,
        author_display_name: None,
        author_avatar_url: None,
        author_followers: None,
        posted_at,
        description: raw.video_description.unwrap_or_default(),
        hashtags,
        duration_seconds,
        cover_url: None,
        region: raw.region_code.filter(|s| !s.is_empty()),
    }))
}

fn yyyymmdd(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// When the Research quotas reset: 00:00 UTC after `now`.
fn next_utc_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive()
        .checked_add_days(Days::new(1))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn quota_resets_at_the_next_utc_midnight() {
        let now = Utc.with_ymd_and_hms(2026, 3, 31, 23, 59, 59).unwrap();
        assert_eq!(next_utc_midnight(now), Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap());
        let midnight = Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap();
        assert_eq!(next_utc_midnight(midnight), Utc.with_ymd_and_hms(2026, 4, 2, 0, 0, 0).unwrap());
    }

    #[test]
    fn dates_are_yyyymmdd() {
        assert_eq!(yyyymmdd(NaiveDate::from_ymd_opt(2025, 2, 1).unwrap()), "20250201");
    }
}
