//! The TikAPI client (tikapi.io, unofficial and paid): profiles through `/public/check`, posts,
//! hashtag feeds and user search, read defensively and mapped onto [`SourceError`].
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

use crate::http::{self, Http, Reply, Secret};
use crate::wire::{self, Count, Cursor, Flag, Id, decode, is_set};
use crate::{BuildError, Capabilities, ClientOptions, Profile, Source, SourceError, UserMatch, Video};
use async_trait::async_trait;
use chrono::Utc;
use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// TikAPI's page size: the default and the maximum.
const PAGE_SIZE: &str = "30";

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
        profile_from_check(check, handle)
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
            collect_items(current.item_list, author, &mut seen, &mut videos)?;
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

    fn capabilities(&self) -> Capabilities {
        Capabilities { profile: true, videos: true, hashtag_videos: true, user_search: true }
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
                if let Some(found) = user_match(entry.user_info)?
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
    let message = message_of(body).unwrap_or_default();
    match code {
        10201 | 10202 => Some(SourceError::NotFound),
        10221 => Some(SourceError::Banned),
        10222 => Some(SourceError::Private),
        10205 => Some(SourceError::NotFound),
        10209 | 10211 | 10212 => Some(SourceError::Rejected(format!("hashtag unavailable ({code}) {message}"))),
        _ => None,
    }
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
    user_info: Option<UserInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserInfo {
    user: Option<RawUser>,
    stats: Option<UserStats>,
    stats_v2: Option<UserStats>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawUser {
    id: Option<Id>,
    unique_id: Option<String>,
    nickname: Option<String>,
    avatar_larger: Option<String>,
    avatar_medium: Option<String>,
    avatar_thumb: Option<String>,
    signature: Option<String>,
    verified: Option<Flag>,
    sec_uid: Option<String>,
    private_account: Option<Flag>,
    /// TikTok's older name for a private account.
    secret: Option<Flag>,
    region: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserStats {
    follower_count: Option<Count>,
    following_count: Option<Count>,
    heart_count: Option<Count>,
    heart: Option<Count>,
    video_count: Option<Count>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemPage {
    item_list: Option<Vec<Option<RawItem>>>,
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
    challenge: Option<Challenge>,
}

#[derive(Deserialize)]
struct Challenge {
    id: Option<Id>,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawItem {
    id: Option<Id>,
    desc: Option<String>,
    create_time: Option<Count>,
    video: Option<RawVideoInfo>,
    author: Option<RawUser>,
    challenges: Option<Vec<Option<Challenge>>>,
    text_extra: Option<Vec<Option<TextExtra>>>,
    stats: Option<ItemStats>,
    stats_v2: Option<ItemStats>,
    location_created: Option<String>,
    /// Some answers wrap each item as `{ "itemStruct": { … } }`.
    item_struct: Option<Box<RawItem>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawVideoInfo {
    id: Option<Id>,
    duration: Option<Count>,
    cover: Option<String>,
    origin_cover: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TextExtra {
    hashtag_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemStats {
    play_count: Option<Count>,
    digg_count: Option<Count>,
    comment_count: Option<Count>,
    share_count: Option<Count>,
    /// Saves. (A `saveCount` field does not exist; reference §2.4.)
    collect_count: Option<Count>,
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
    user_info: Option<SearchUser>,
}

/// TikTok's web search shape (snake case); the TikAPI shape is unconfirmed, so every field is
/// optional and only `unique_id` is required of an entry.
#[derive(Deserialize)]
struct SearchUser {
    unique_id: Option<String>,
    nickname: Option<String>,
    follower_count: Option<Count>,
    avatar_thumb: Option<Value>,
    avatar_medium: Option<Value>,
    verified: Option<Flag>,
    custom_verify: Option<String>,
    enterprise_verify_reason: Option<String>,
}

// ---- Conversions -----------------------------------------------------------------------------

/// Who a video belongs to when the item itself does not say (posts are the creator's own).
struct AuthorFallback {
    handle: String,
    display_name: Option<String>,
}

fn profile_from_check(check: CheckBody, requested: &str) -> Result<Profile, SourceError> {
    let info = check.user_info.ok_or_else(|| SourceError::BadPayload("/public/check: no userInfo".into()))?;
    let user = info.user.ok_or_else(|| SourceError::BadPayload("/public/check: no userInfo.user".into()))?;
    let id = user.id.as_ref().ok_or_else(|| SourceError::BadPayload("/public/check: no user id".into()))?;
    let platform_user_id = id.get("userInfo.user.id")?.to_string();
    let exact = info.stats_v2.as_ref();
    let rounded = info.stats.as_ref();
    let mut any_rounded = false;
    let mut pick = |name: &str, read: &dyn Fn(&UserStats) -> Option<&Count>| -> Result<i64, SourceError> {
        if let Some(count) = exact.and_then(read) {
            return count.get(&format!("statsV2.{name}"));
        }
        if let Some(count) = rounded.and_then(read) {
            any_rounded = true;
            return count.get(&format!("stats.{name}"));
        }
        Err(SourceError::BadPayload(format!("/public/check: no {name}")))
    };
    let followers = pick("followerCount", &|s| s.follower_count.as_ref())?;
    let following = pick("followingCount", &|s| s.following_count.as_ref())?;
    // `heartCount` before `heart`: `heart` is the field seen overflowing to a negative 32-bit value.
    let likes = pick("heartCount", &|s| s.heart_count.as_ref().or(s.heart.as_ref()))?;
    let videos = pick("videoCount", &|s| s.video_count.as_ref())?;
    let handle = user
        .unique_id
        .as_deref()
        .map(wire::canonical_handle)
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| requested.to_string());
    Ok(Profile {
        platform_user_id,
        handle,
        sec_uid: user.sec_uid.filter(|s| !s.is_empty()),
        display_name: user.nickname.filter(|s| !s.is_empty()),
        avatar_url: user.avatar_larger.or(user.avatar_medium).or(user.avatar_thumb).filter(|s| !s.is_empty()),
        bio: user.signature.filter(|s| !s.is_empty()),
        verified: is_set(user.verified),
        region: user.region.filter(|s| !s.is_empty()),
        private: is_set(user.private_account) || is_set(user.secret),
        followers,
        following,
        likes,
        videos,
        counts_may_be_rounded: any_rounded,
        fetched_at: Utc::now(),
    })
}

/// Adds a page's items to `out`, skipping duplicates and entries that are not measurable videos
/// (no id, time, author or stats: ads and cards sit in feeds too). A page whose every entry is
/// unusable is refused, so a changed shape cannot pass for "no videos".
fn collect_items(
    items: Option<Vec<Option<RawItem>>>,
    author: Option<&AuthorFallback>,
    seen: &mut HashSet<String>,
    out: &mut Vec<Video>,
) -> Result<(), SourceError> {
    let items: Vec<RawItem> = items.unwrap_or_default().into_iter().flatten().collect();
    let total = items.len();
    let mut usable = 0;
    for item in items {
        if let Some(video) = to_video(item, author)? {
            usable += 1;
            if seen.insert(video.platform_id.clone()) {
                out.push(video);
            }
        }
    }
    if total > 0 && usable == 0 {
        return Err(SourceError::BadPayload(format!("none of the {total} items on the page is a usable video")));
    }
    Ok(())
}

fn to_video(item: RawItem, fallback: Option<&AuthorFallback>) -> Result<Option<Video>, SourceError> {
    let item = match item.item_struct {
        Some(inner) => *inner,
        None => item,
    };
    let Some(id) = item.id.as_ref().or(item.video.as_ref().and_then(|v| v.id.as_ref())) else {
        return Ok(None);
    };
    let platform_id = id.get("item id")?.to_string();
    let Some(created) = item.create_time.as_ref() else { return Ok(None) };
    let Some(posted_at) = wire::unix_seconds(created.get("createTime")?) else {
        return Err(SourceError::BadPayload(format!("createTime out of range for item {platform_id}")));
    };
    let author_handle = item
        .author
        .as_ref()
        .and_then(|a| a.unique_id.as_deref())
        .map(wire::canonical_handle)
        .filter(|h| !h.is_empty())
        .or_else(|| fallback.map(|f| f.handle.clone()));
    let Some(author_handle) = author_handle else { return Ok(None) };

    let exact = item.stats_v2.as_ref();
    let rounded = item.stats.as_ref();
    let read = |name: &str, get: &dyn Fn(&ItemStats) -> Option<&Count>| -> Result<Option<i64>, SourceError> {
        match (exact.and_then(get), rounded.and_then(get)) {
            (Some(c), _) => c.get(&format!("statsV2.{name}")).map(Some),
            (None, Some(c)) => c.get(&format!("stats.{name}")).map(Some),
            (None, None) => Ok(None),
        }
    };
    let views = read("playCount", &|s| s.play_count.as_ref())?;
    let likes = read("diggCount", &|s| s.digg_count.as_ref())?;
    let comments = read("commentCount", &|s| s.comment_count.as_ref())?;
    let shares = read("shareCount", &|s| s.share_count.as_ref())?;
    let saves = read("collectCount", &|s| s.collect_count.as_ref())?;
    let (Some(views), Some(likes), Some(comments), Some(shares)) = (views, likes, comments, shares) else {
        return Ok(None);
    };

    let challenge_titles = item.challenges.iter().flatten().flatten().filter_map(|c| c.title.as_deref());
    let text_tags = item.text_extra.iter().flatten().flatten().filter_map(|t| t.hashtag_name.as_deref());
    let hashtags = wire::video_hashtags(challenge_titles.chain(text_tags), item.desc.as_deref().unwrap_or_default());

    let duration_seconds = match item.video.as_ref().and_then(|v| v.duration.as_ref()) {
        Some(d) => i32::try_from(d.get("video.duration")?).ok(),
        None => None,
    };
    let cover_url =
        item.video.as_ref().and_then(|v| v.cover.clone().or(v.origin_cover.clone())).filter(|s| !s.is_empty());
    let author = item.author.as_ref();
    let author_display_name = author
        .and_then(|a| a.nickname.clone())
        .or_else(|| fallback.filter(|f| f.handle == author_handle).and_then(|f| f.display_name.clone()))
        .filter(|s| !s.is_empty());
    let author_avatar_url = author
        .and_then(|a| a.avatar_thumb.clone().or(a.avatar_medium.clone()).or(a.avatar_larger.clone()))
        .filter(|s| !s.is_empty());

    Ok(Some(Video {
        share_url: wire::share_url(&author_handle, &platform_id),
        platform_id,
        author_handle,
        author_display_name,
        author_avatar_url,
        posted_at,
        description: item.desc.unwrap_or_default(),
        hashtags,
        duration_seconds,
        cover_url,
        region: item.location_created.filter(|s| !s.is_empty()),
        views,
        likes,
        comments,
        shares,
        saves,
    }))
}

fn user_match(user: Option<SearchUser>) -> Result<Option<UserMatch>, SourceError> {
    let Some(user) = user else { return Ok(None) };
    let Some(handle) = user.unique_id.as_deref().map(wire::canonical_handle).filter(|h| !h.is_empty()) else {
        return Ok(None);
    };
    let followers = match &user.follower_count {
        Some(count) => Some(count.get("follower_count")?),
        None => None,
    };
    let has_text = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    Ok(Some(UserMatch {
        handle,
        display_name: user.nickname.filter(|s| !s.is_empty()),
        avatar_url: user
            .avatar_thumb
            .as_ref()
            .and_then(avatar_url)
            .or(user.avatar_medium.as_ref().and_then(avatar_url)),
        verified: is_set(user.verified) || has_text(&user.custom_verify) || has_text(&user.enterprise_verify_reason),
        followers,
    }))
}

/// An avatar sent either as a URL or as TikTok's `{ "url_list": [...] }`.
fn avatar_url(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Object(map) => map
            .get("url_list")
            .and_then(Value::as_array)
            .and_then(|urls| urls.iter().find_map(|u| u.as_str().filter(|s| !s.is_empty())))
            .map(str::to_string),
        _ => None,
    }
}
