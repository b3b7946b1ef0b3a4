//! The TikAPI client (tikapi.io, unofficial and paid): profiles through `/public/check`, posts,
//! hashtag feeds, user search and a video's comments, read defensively and mapped onto
//! [`SourceError`].
//!
//! Decisions on the points the provider leaves open:
//! - **Private accounts.** `/public/check` still shows a private account's counts, so
//!   [`Source::profile`] returns them with `Profile::private = true` for the worker to mark the
//!   creator. [`Source::videos`] answers [`SourceError::Private`], since the posts are hidden. A
//!   body that carries TikTok's "private" status code (10222) and no user is `Private` too.
//! - **Missing users.** TikAPI's 404 means "unknown URL", not "unknown user" (reference §2.5), so a
//!   404 alone is `Rejected`. A missing user is recognised by TikTok's status codes passed through
//!   in `statusCode` (10201/10202) or by an error message saying the user does not exist.
//! - **403.** TikAPI uses it for bad keys *and* for "API Key Rate Limit reached"; the message
//!   decides between `RateLimited`, `QuotaExhausted` and `Unauthorized`.
//! - **Comments.** `/public/comment/list?media_id=&count=&cursor=` is documented by its
//!   parameters only (TikAPI's SDK: `media_id` digits, `count` at most 30, `cursor` a number); no
//!   sample answer is published. It is read as TikTok's app comment list inside TikAPI's envelope
//!   (`comments`, `cursor`, `has_more`), the shape ScrapeCreators passes through too, so both use
//!   `web::collect_comments`. Replies are told apart by `reply_id` (`"0"` on a top-level comment).

use crate::http::{self, Http, Reply, Secret};
use crate::web::{self, AppCommentPage, AppUser, AuthorFallback, WebChallenge, WebItem, WebProfile};
use crate::wire::{self, Cursor, Flag, decode, is_set};
use crate::{BuildError, Capabilities, ClientOptions, Profile, Source, SourceError, UserMatch, Video, VideoComment};
use async_trait::async_trait;
use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// TikAPI's page size: the default and the maximum.
const PAGE_SIZE: &str = "30";
/// [`PAGE_SIZE`] as a number, for pages that ask only for what is still missing.
const MAX_COUNT: usize = 30;

const COMMENTS_PATH: &str = "/public/comment/list";

/// Hashtag ids are remembered so later pulls skip the name lookup; the map is cleared when it
/// reaches this size rather than grown without bound.
const HASHTAG_ID_CACHE: usize = 1024;

/// A TikAPI client. Cheap to share behind an `Arc`; holds one connection pool.
#[derive(Debug)]
pub struct TikApi {
    http: Http,
    base_url: String,
    key: Secret,
    videos_depth: usize,
    hashtag_ids: Mutex<HashMap<String, String>>,
}

impl TikApi {
    /// `base_url` is `https://api.tikapi.io` in production (or the sandbox, or a mock in tests).
    pub fn new(key: impl Into<String>, base_url: &str, options: ClientOptions) -> Result<Self, BuildError> {
        Ok(TikApi {
            http: Http::new("tikapi", &options)?,
            base_url: http::base_url("tikapi", base_url)?,
            key: Secret::new(key.into()),
            videos_depth: options.videos_depth.max(1),
            hashtag_ids: Mutex::new(HashMap::new()),
        })
    }

    /// One GET, checked at the HTTP level and against the body's `status` / `statusCode`.
    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, SourceError> {
        let request = self
            .http
            .client()
            .get(format!("{}{path}", self.base_url))
            .query(query)
            .header("X-API-KEY", self.key.expose())
            .header(ACCEPT, "application/json");
        let reply = self.http.send(request).await?;
        check_reply(&reply)
    }

    async fn check_user(&self, handle: &str) -> Result<Profile, SourceError> {
        let body = self.get("/public/check", &[("username", handle)]).await?;
        let check: CheckBody = decode(body, "/public/check")?;
        let info = check.user_info.ok_or_else(|| SourceError::BadPayload("/public/check: no userInfo".into()))?;
        web::profile(info, handle, "/public/check userInfo")
    }

    /// Walks item pages from `path` (posts or a hashtag feed) while `hasMore`, until `max` videos,
    /// the page budget, or a cursor that stops moving.
    async fn walk_items(
        &self,
        path: &str,
        query: &[(&str, &str)],
        mut page: Option<ItemPage>,
        max: usize,
        author: Option<&AuthorFallback>,
        mut pages_left: usize,
    ) -> Result<Vec<Video>, SourceError> {
        let mut videos = Vec::new();
        let mut seen = HashSet::new();
        let mut cursor: Option<String> = None;
        loop {
            let current = match page.take() {
                Some(p) => p,
                None => {
                    if pages_left == 0 {
                        break;
                    }
                    pages_left -= 1;
                    let mut params = query.to_vec();
                    if let Some(c) = cursor.as_deref() {
                        params.push(("cursor", c));
                    }
                    decode::<ItemPage>(self.get(path, &params).await?, path)?
                }
            };
            let current = current.flatten();
            web::collect_videos(current.item_list, |item| web::web_item_video(item, author), &mut seen, &mut videos)?;
            if videos.len() >= max || !is_set(current.has_more) {
                break;
            }
            match current.cursor.map(|c| c.as_query()) {
                Some(next) if cursor.as_deref() != Some(next.as_str()) => cursor = Some(next),
                // No cursor, or the same one again: paging would repeat the same page forever.
                _ => break,
            }
        }
        Ok(wire::newest_first(videos, max))
    }

    /// The hashtag's id, and the first page of items when the name had to be looked up.
    async fn hashtag_id(&self, tag: &str) -> Result<(String, Option<ItemPage>), SourceError> {
        if let Some(id) = self.cached_hashtag_id(tag) {
            return Ok((id, None));
        }
        let body = self.get("/public/hashtag", &[("name", tag), ("count", PAGE_SIZE)]).await?;
        let first: HashtagFirstPage = decode(body, "/public/hashtag")?;
        let id = first
            .challenge_info
            .and_then(|info| info.challenge)
            .and_then(|challenge| challenge.id)
            .ok_or_else(|| SourceError::BadPayload("/public/hashtag: no challengeInfo.challenge.id".into()))?;
        let id = id.get("challengeInfo.challenge.id")?.to_string();
        if let Ok(mut cache) = self.hashtag_ids.lock() {
            if cache.len() >= HASHTAG_ID_CACHE {
                cache.clear();
            }
            cache.insert(tag.to_string(), id.clone());
        }
        // The name lookup already carries the first page of items (reference §2.3).
        Ok((id, Some(first.page)))
    }

    fn cached_hashtag_id(&self, tag: &str) -> Option<String> {
        self.hashtag_ids.lock().ok().and_then(|cache| cache.get(tag).cloned())
    }
}

#[async_trait]
impl Source for TikApi {
    fn name(&self) -> &'static str {
        "tikapi"
    }

    fn requests_sent(&self) -> u64 {
        self.http.requests_sent()
    }

    /// The profile, then at most `videos_depth` pages of videos.
    fn requests_per_refresh(&self) -> u32 {
        u32::try_from(self.videos_depth).unwrap_or(u32::MAX).saturating_add(1)
    }

    /// At most `videos_depth` pages of comments.
    fn requests_per_comments(&self) -> u32 {
        u32::try_from(self.videos_depth).unwrap_or(u32::MAX)
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            profile: true,
            videos: true,
            hashtag_videos: true,
            user_search: true,
            comments: true,
            audience: false,
        }
    }

    async fn profile(&self, handle: &str) -> Result<Profile, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        self.check_user(&handle).await
    }

    async fn videos(&self, handle: &str, sec_uid: Option<&str>, max: usize) -> Result<Vec<Video>, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        if max == 0 {
            return Ok(Vec::new());
        }
        let mut pages_left = self.videos_depth;
        let mut display_name = None;
        let sec_uid = match sec_uid.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.to_string(),
            None => {
                pages_left = pages_left.saturating_sub(1);
                let profile = self.check_user(&handle).await?;
                if profile.private {
                    return Err(SourceError::Private);
                }
                display_name = profile.display_name;
                profile.sec_uid.ok_or_else(|| SourceError::BadPayload("/public/check: no secUid".into()))?
            }
        };
        let author = AuthorFallback { handle, display_name };
        let query = [("secUid", sec_uid.as_str()), ("count", PAGE_SIZE)];
        self.walk_items("/public/posts", &query, None, max, Some(&author), pages_left).await
    }

    async fn hashtag_videos(&self, tag: &str, max: usize) -> Result<Vec<Video>, SourceError> {
        let tag = wire::canonical_tag(tag);
        if tag.is_empty() {
            return Err(SourceError::Rejected("empty hashtag".into()));
        }
        if max == 0 {
            return Ok(Vec::new());
        }
        let (id, first_page) = self.hashtag_id(&tag).await?;
        // The name lookup, when there was one, was a page already.
        let pages_left = if first_page.is_some() { self.videos_depth - 1 } else { self.videos_depth };
        let query = [("id", id.as_str()), ("count", PAGE_SIZE)];
        self.walk_items("/public/hashtag", &query, first_page, max, None, pages_left).await
    }

    /// The video's top-level comments, paged by `cursor`, each page asking for what is still
    /// missing (at most 30). The endpoint takes the video id alone, so `handle` is not needed.
    async fn comments(&self, _handle: &str, video_id: &str, max: usize) -> Result<Vec<VideoComment>, SourceError> {
        let video_id = video_id.trim();
        if video_id.is_empty() || !video_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SourceError::Rejected(format!("not a TikTok video id: {}", http::clip(video_id))));
        }
        let mut comments = Vec::new();
        let mut seen = HashSet::new();
        let mut cursor: Option<String> = None;
        for _ in 0..self.videos_depth {
            if comments.len() >= max {
                break;
            }
            let count = (max - comments.len()).min(MAX_COUNT).to_string();
            let mut params = vec![("media_id", video_id), ("count", count.as_str())];
            if let Some(c) = cursor.as_deref() {
                params.push(("cursor", c));
            }
            let page: AppCommentPage = decode(self.get(COMMENTS_PATH, &params).await?, COMMENTS_PATH)?;
            let next = page.next_cursor(cursor.as_deref());
            web::collect_comments(page.comments, &mut seen, &mut comments)?;
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        comments.truncate(max);
        Ok(comments)
    }

    async fn search_users(&self, query: &str, max: usize) -> Result<Vec<UserMatch>, SourceError> {
        let query = query.trim();
        if query.is_empty() || max == 0 {
            return Ok(Vec::new());
        }
        let mut matches: Vec<UserMatch> = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..self.videos_depth {
            let mut params = vec![("query", query)];
            if let Some(c) = cursor.as_deref() {
                params.push(("nextCursor", c));
            }
            let page: SearchPage = decode(self.get("/public/search/users", &params).await?, "/public/search/users")?;
            for entry in page.user_list.unwrap_or_default().into_iter().flatten() {
                if let Some(found) = web::user_match(entry.user_info)?
                    && !matches.iter().any(|m| m.handle == found.handle)
                {
                    matches.push(found);
                }
            }
            if matches.len() >= max || !is_set(page.has_more) {
                break;
            }
            match page.next_cursor.or(page.cursor).map(|c| c.as_query()) {
                Some(next) if cursor.as_deref() != Some(next.as_str()) => cursor = Some(next),
                _ => break,
            }
        }
        matches.truncate(max);
        Ok(matches)
    }
}

// ---- Reading answers -------------------------------------------------------------------------

/// Turns a reply into its JSON body, or the error it stands for.
fn check_reply(reply: &Reply) -> Result<Value, SourceError> {
    if !reply.status.is_success() {
        // TikAPI's own errors carry `{"status": "error", "message": …}`; a proxy's may not.
        let body = reply.json().ok();
        let message = body.as_ref().and_then(message_of);
        return Err(error_for_status(reply, body.as_ref(), message.as_deref()));
    }
    let body = reply.json()?;
    if !body.is_object() {
        return Err(SourceError::BadPayload("expected a JSON object".into()));
    }
    if let Some(code) = status_code(&body)
        && code != 0
    {
        return Err(condition_from_status_code(code, &body)
            .unwrap_or_else(|| SourceError::BadPayload(format!("TikTok status code {code} in a 2xx answer"))));
    }
    match body.get("status").and_then(Value::as_str) {
        Some("success") => Ok(body),
        status => {
            let message = message_of(&body).unwrap_or_default();
            Err(condition_from_message(&message, reply).unwrap_or_else(|| {
                SourceError::BadPayload(format!(
                    "status {:?} in a 2xx answer: {}",
                    status.unwrap_or("missing"),
                    http::clip(&message)
                ))
            }))
        }
    }
}

fn error_for_status(reply: &Reply, body: Option<&Value>, message: Option<&str>) -> SourceError {
    let status = reply.status;
    let message_condition = message.and_then(|m| condition_from_message(m, reply));
    match status {
        // 403 is both "bad key" and "API Key Rate Limit reached" (reference §2.5).
        StatusCode::FORBIDDEN => match message_condition {
            Some(e @ (SourceError::RateLimited { .. } | SourceError::QuotaExhausted { .. })) => e,
            _ => reply.status_error(message),
        },
        StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS | StatusCode::REQUEST_TIMEOUT => {
            reply.status_error(message)
        }
        s if s.is_client_error() => body
            .and_then(|b| status_code(b).and_then(|code| condition_from_status_code(code, b)))
            .or(message_condition)
            .unwrap_or_else(|| reply.status_error(message)),
        _ => reply.status_error(message),
    }
}

fn message_of(body: &Value) -> Option<String> {
    body.get("message").and_then(Value::as_str).map(str::to_string)
}

fn status_code(body: &Value) -> Option<i64> {
    match body.get("statusCode")? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// TikTok's status codes, which TikAPI passes through (reference §6.2).
fn condition_from_status_code(code: i64, body: &Value) -> Option<SourceError> {
    web::status_code_condition(code, &message_of(body).unwrap_or_default())
}

/// Reads TikAPI's error messages. Only specific wording counts: a bare "Not Found" is the
/// unknown-URL 404, not a missing user.
fn condition_from_message(message: &str, reply: &Reply) -> Option<SourceError> {
    let m = message.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| m.contains(w));
    if has(&["rate limit", "too many requests"]) {
        Some(SourceError::RateLimited { retry_after: reply.retry_after() })
    } else if has(&["quota", "credits", "limit reached", "plan limit", "subscription"]) {
        Some(SourceError::QuotaExhausted { resets_at: None })
    } else if has(&["user", "account", "profile"])
        && has(&["not exist", "doesn't exist", "does not exist", "not found", "couldn't find", "could not find"])
    {
        Some(SourceError::NotFound)
    } else if has(&["private account", "account is private", "is private"]) {
        Some(SourceError::Private)
    } else if has(&["banned", "suspended"]) {
        Some(SourceError::Banned)
    } else {
        None
    }
}

// ---- Wire shapes -----------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckBody {
    user_info: Option<WebProfile>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemPage {
    item_list: Option<Vec<Option<WebItem>>>,
    /// The older reference wraps the whole page in `itemStruct`.
    item_struct: Option<Box<ItemPage>>,
    cursor: Option<Cursor>,
    has_more: Option<Flag>,
}

impl ItemPage {
    fn flatten(self) -> ItemPage {
        match (self.item_list.is_none(), self.item_struct) {
            (true, Some(inner)) => inner.flatten(),
            (_, _) => ItemPage { item_struct: None, ..self },
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HashtagFirstPage {
    challenge_info: Option<ChallengeInfo>,
    #[serde(flatten)]
    page: ItemPage,
}

#[derive(Deserialize)]
struct ChallengeInfo {
    challenge: Option<WebChallenge>,
}

/// TikTok's search payload is snake case, TikAPI's own paging field camel case.
#[derive(Deserialize)]
struct SearchPage {
    user_list: Option<Vec<Option<SearchEntry>>>,
    #[serde(alias = "hasMore")]
    has_more: Option<Flag>,
    #[serde(rename = "nextCursor")]
    next_cursor: Option<Cursor>,
    cursor: Option<Cursor>,
}

#[derive(Deserialize)]
struct SearchEntry {
    user_info: Option<AppUser>,
}
