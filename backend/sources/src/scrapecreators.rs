//! The ScrapeCreators client (api.scrapecreators.com: unofficial, paid per request in credits):
//! profiles, a creator's videos, hashtag videos and user search through [`Source`], plus a
//! video's comments and a creator's audience countries as methods of their own.
//!
//! Where each shape comes from. ScrapeCreators publishes its endpoint catalogue, parameters and a
//! sample answer per endpoint in its own CLI, `api-config/tiktok-apis.js` in
//! github.com/ScrapeCreators/scrapecreators-cli (commit 023960b); everything below is from there
//! unless it says otherwise. Most answers are TikTok's own JSON passed through:
//! - `GET /v1/tiktok/profile?handle=` answers TikTok's web `userInfo` at the top level: `user`,
//!   `stats` (rounded numbers), `itemList`. The sample has no `statsV2`, but the same payload
//!   straight from TikTok carries it (fixtures `tiktokweb-user-detail-2` and `-3`), so exact
//!   `statsV2` counts are read, and preferred, when present.
//! - `GET /v3/tiktok/profile/videos?handle=&max_cursor=` answers TikTok's app feed: `aweme_list`
//!   (`aweme_id`, `desc`, `create_time`, `author`, `statistics`, `video.duration` in
//!   **milliseconds**), `max_cursor` (a number, passed back as the `max_cursor` parameter) and
//!   `has_more` (0/1).
//! - `GET /v1/tiktok/search/hashtag?hashtag=&cursor=` (one tag per call) answers the same
//!   `aweme_list` with `cursor` and `has_more`; "TikTok can return duplicate results".
//! - `GET /v1/tiktok/search/users?query=&cursor=` answers `users[].user_info` (TikTok's app user:
//!   `unique_id`, `nickname`, `follower_count`, `avatar_thumb.url_list`, `custom_verify`) and
//!   `cursor`; the sample carries no `has_more`.
//! - `GET /v1/tiktok/video/comments?url=&cursor=` answers `comments[]` (`cid`, `text`,
//!   `create_time`, `digg_count`, `comment_language`, `user` {`uid`, `unique_id`, …}), `cursor`,
//!   `has_more` and `total`. It takes the video's URL, not its id.
//! - `GET /v1/tiktok/user/audience?handle=` answers `audienceLocations[]` {`country`,
//!   `countryCode`, `count`, `percentage`}, the percentage a string such as `"15.96%"`; it costs 26
//!   credits a call.
//! - The key goes in the `x-api-key` header (the catalogue's CLI sends it so, `src/api-client.js`).
//!   ScrapeCreators' own pages list only 200, 400, 401 and 500 (as copied from
//!   docs.scrapecreators.com in June 2025); 402 (out of credits), 404 (not found or not public) and
//!   429 (rate limited) come from a third party's published agent skill for ScrapeCreators and from
//!   users quoting the 402 body ("Looks like you're out of credits"). Error bodies are not
//!   documented, so their message is looked for in `message` and `error`.
//!
//! Decisions on the points the documentation leaves open:
//! - **Credits.** 402 is [`SourceError::QuotaExhausted`] without a reset time (credits are bought,
//!   not renewed), which pauses the source exactly as a spent quota does. A 2xx whose `success` is
//!   `false` is read by its message, so "out of credits" there means the same.
//! - **404.** ScrapeCreators' own 404 (a JSON body) is `NotFound`, or `Private` when its message
//!   says so. A 404 without JSON comes from something else on the way (a proxy, a wrong base URL)
//!   and is `Rejected`, so a misconfiguration cannot mark every creator as gone.
//! - **Full answers.** `trim=true` is not sent: the trimmed samples drop `has_more`, `cid` and the
//!   verification fields. Untrimmed video pages can run to about a megabyte, hence
//!   [`ScrapeCreators::client_options`], the body cap and timeout this client is built with.
//! - **Paging** follows the cursor while `has_more` says so, stops at `max`, at the
//!   `videos_depth` page budget, or when the cursor stops moving. User search, which sends no
//!   `has_more`, goes on only while a page brings new matches. Every page costs a credit.
//! - **Comments** are asked for by the canonical video URL (`tiktok.com/@handle/video/id`), built
//!   from the author's handle and the video id zzyzx already keeps. The answer is TikTok's app
//!   comment list, read as TikAPI's is (`web::collect_comments`): a `reply_id` other than `"0"`
//!   marks a reply, which is left out.

use crate::http::{self, Http, Reply, Secret};
use crate::web::{self, AppCommentPage, AppUser, AuthorFallback, Aweme, WebProfile};
use crate::wire::{self, Count, Cursor, Flag, decode, is_set};
use crate::{
    AudienceCountry, BuildError, Capabilities, ClientOptions, Profile, Source, SourceError, UserMatch, Video,
    VideoComment,
};
use async_trait::async_trait;
use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;
use std::time::Duration;

const PROFILE_PATH: &str = "/v1/tiktok/profile";
const VIDEOS_PATH: &str = "/v3/tiktok/profile/videos";
const HASHTAG_PATH: &str = "/v1/tiktok/search/hashtag";
const USER_SEARCH_PATH: &str = "/v1/tiktok/search/users";
const COMMENTS_PATH: &str = "/v1/tiktok/video/comments";
const AUDIENCE_PATH: &str = "/v1/tiktok/user/audience";

/// A ScrapeCreators client. Cheap to share behind an `Arc`; holds one connection pool.
#[derive(Debug)]
pub struct ScrapeCreators {
    http: Http,
    base_url: String,
    key: Secret,
    videos_depth: usize,
}

/// Where an `aweme_list` feed keeps its cursor, going out and coming back.
struct Feed<'a> {
    path: &'static str,
    query: [(&'static str, &'a str); 1],
    cursor_param: &'static str,
    cursor_field: CursorField,
}

#[derive(Clone, Copy)]
enum CursorField {
    /// The profile feed answers `max_cursor` and takes it back as `max_cursor`.
    MaxCursor,
    /// Searches answer `cursor` and take it back as `cursor`.
    Cursor,
}

impl ScrapeCreators {
    /// `base_url` is `https://api.scrapecreators.com` in production (or a mock in tests).
    pub fn new(key: impl Into<String>, base_url: &str, options: ClientOptions) -> Result<Self, BuildError> {
        Ok(ScrapeCreators {
            http: Http::new("scrapecreators", &options)?,
            base_url: http::base_url("scrapecreators", base_url)?,
            key: Secret::new(key.into()),
            videos_depth: options.videos_depth.max(1),
        })
    }

    /// The provider-client policy with room for this provider: ScrapeCreators scrapes TikTok while
    /// the request waits (its own CLI allows a minute), and an untrimmed page of videos runs to
    /// about a megabyte.
    pub fn client_options() -> ClientOptions {
        ClientOptions { timeout: Duration::from_secs(30), max_body_bytes: 4 * 1024 * 1024, ..ClientOptions::default() }
    }

    /// Up to `max` top-level comments under a video, newest pages first as ScrapeCreators serves
    /// them. `author_handle` and `video_id` make the video's URL, which is what the endpoint takes.
    pub async fn comments(
        &self,
        author_handle: &str,
        video_id: &str,
        max: usize,
    ) -> Result<Vec<VideoComment>, SourceError> {
        let handle = wire::canonical_handle(author_handle);
        let video_id = video_id.trim();
        if handle.is_empty() || video_id.is_empty() || !video_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SourceError::Rejected(format!("not a TikTok video: @{handle} {}", http::clip(video_id))));
        }
        if max == 0 {
            return Ok(Vec::new());
        }
        let url = wire::share_url(&handle, video_id);
        let mut comments: Vec<VideoComment> = Vec::new();
        let mut seen = HashSet::new();
        let mut cursor: Option<String> = None;
        for _ in 0..self.videos_depth {
            let body = {
                let mut params = vec![("url", url.as_str())];
                if let Some(c) = cursor.as_deref() {
                    params.push(("cursor", c));
                }
                self.get(COMMENTS_PATH, &params).await?
            };
            let page: AppCommentPage = decode(body, COMMENTS_PATH)?;
            let next = page.next_cursor(cursor.as_deref());
            web::collect_comments(page.comments, &mut seen, &mut comments)?;
            match next {
                Some(next) if comments.len() < max => cursor = Some(next),
                _ => break,
            }
        }
        comments.truncate(max);
        Ok(comments)
    }

    /// Where a creator's audience is, by country, largest share first. ScrapeCreators documents
    /// only "where their followers are located by country"; its counts are small (tens for an
    /// account with millions of followers), so the shares describe a sample, not a census.
    /// Costs 26 credits.
    pub async fn audience(&self, handle: &str) -> Result<Vec<AudienceCountry>, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        let body = self.get(AUDIENCE_PATH, &[("handle", handle.as_str())]).await?;
        let answer: AudienceAnswer = decode(body, AUDIENCE_PATH)?;
        let entries: Vec<RawCountry> = answer.audience_locations.unwrap_or_default().into_iter().flatten().collect();
        let total = entries.len();
        let mut countries: Vec<AudienceCountry> = Vec::new();
        for entry in entries {
            if let Some(country) = to_country(entry)?
                && !countries.iter().any(|c| c.code == country.code)
            {
                countries.push(country);
            }
        }
        if total > 0 && countries.is_empty() {
            return Err(SourceError::BadPayload(format!("none of the {total} audience countries is usable")));
        }
        countries.sort_by(|a, b| b.percentage.total_cmp(&a.percentage).then_with(|| a.code.cmp(&b.code)));
        Ok(countries)
    }

    /// One GET with the key, checked at the HTTP level and against the body's own flags.
    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, SourceError> {
        let request = self
            .http
            .client()
            .get(format!("{}{path}", self.base_url))
            .query(query)
            .header("x-api-key", self.key.expose())
            .header(ACCEPT, "application/json");
        let reply = self.http.send(request).await?;
        check_reply(&reply)
    }

    /// Walks an `aweme_list` feed while `has_more`, until `max` videos, the page budget, or a
    /// cursor that stops moving.
    async fn walk_feed(
        &self,
        feed: Feed<'_>,
        max: usize,
        author: Option<&AuthorFallback>,
    ) -> Result<Vec<Video>, SourceError> {
        let mut videos = Vec::new();
        let mut seen = HashSet::new();
        let mut cursor: Option<String> = None;
        for _ in 0..self.videos_depth {
            let body = {
                let mut params = feed.query.to_vec();
                if let Some(c) = cursor.as_deref() {
                    params.push((feed.cursor_param, c));
                }
                self.get(feed.path, &params).await?
            };
            let page: FeedPage = decode(body, feed.path)?;
            web::collect_videos(page.aweme_list, |item| web::aweme_video(item, author), &mut seen, &mut videos)?;
            if videos.len() >= max || !is_set(page.has_more) {
                break;
            }
            let next = match feed.cursor_field {
                CursorField::MaxCursor => page.max_cursor,
                CursorField::Cursor => page.cursor,
            };
            match next.map(|c| c.as_query()) {
                Some(next) if cursor.as_deref() != Some(next.as_str()) => cursor = Some(next),
                // No cursor, or the same one again: paging would buy the same page forever.
                _ => break,
            }
        }
        Ok(wire::newest_first(videos, max))
    }
}

#[async_trait]
impl Source for ScrapeCreators {
    fn name(&self) -> &'static str {
        "scrapecreators"
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
            audience: true,
        }
    }

    async fn profile(&self, handle: &str) -> Result<Profile, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        let body = self.get(PROFILE_PATH, &[("handle", handle.as_str())]).await?;
        let info: WebProfile = decode(body, PROFILE_PATH)?;
        web::profile(info, &handle, PROFILE_PATH)
    }

    /// The feed is asked for by handle, so `sec_uid` is not needed (ScrapeCreators takes a user
    /// id, not a secUid, to go faster).
    async fn videos(&self, handle: &str, _sec_uid: Option<&str>, max: usize) -> Result<Vec<Video>, SourceError> {
        let handle = wire::canonical_handle(handle);
        if handle.is_empty() {
            return Err(SourceError::NotFound);
        }
        if max == 0 {
            return Ok(Vec::new());
        }
        let feed = Feed {
            path: VIDEOS_PATH,
            query: [("handle", handle.as_str())],
            cursor_param: "max_cursor",
            cursor_field: CursorField::MaxCursor,
        };
        let author = AuthorFallback { handle: handle.clone(), display_name: None };
        self.walk_feed(feed, max, Some(&author)).await
    }

    async fn hashtag_videos(&self, tag: &str, max: usize) -> Result<Vec<Video>, SourceError> {
        let tag = wire::canonical_tag(tag);
        if tag.is_empty() {
            return Err(SourceError::Rejected("empty hashtag".into()));
        }
        if max == 0 {
            return Ok(Vec::new());
        }
        let feed = Feed {
            path: HASHTAG_PATH,
            query: [("hashtag", tag.as_str())],
            cursor_param: "cursor",
            cursor_field: CursorField::Cursor,
        };
        self.walk_feed(feed, max, None).await
    }

    async fn comments(&self, handle: &str, video_id: &str, max: usize) -> Result<Vec<VideoComment>, SourceError> {
        ScrapeCreators::comments(self, handle, video_id, max).await
    }

    async fn audience(&self, handle: &str) -> Result<Vec<AudienceCountry>, SourceError> {
        ScrapeCreators::audience(self, handle).await
    }

    async fn search_users(&self, query: &str, max: usize) -> Result<Vec<UserMatch>, SourceError> {
        let query = query.trim();
        if query.is_empty() || max == 0 {
            return Ok(Vec::new());
        }
        let mut matches: Vec<UserMatch> = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..self.videos_depth {
            let body = {
                let mut params = vec![("query", query)];
                if let Some(c) = cursor.as_deref() {
                    params.push(("cursor", c));
                }
                self.get(USER_SEARCH_PATH, &params).await?
            };
            let page: SearchPage = decode(body, USER_SEARCH_PATH)?;
            let before = matches.len();
            for entry in page.users.unwrap_or_default().into_iter().flatten() {
                // Untrimmed entries wrap the user in `user_info`; trimmed ones are the user.
                let user = entry.user_info.unwrap_or(entry.user);
                if let Some(found) = web::user_match(Some(user))?
                    && !matches.iter().any(|m| m.handle == found.handle)
                {
                    matches.push(found);
                }
            }
            let more = match page.has_more {
                Some(flag) => flag.0,
                None => matches.len() > before,
            };
            if matches.len() >= max || !more {
                break;
            }
            match page.cursor.map(|c| c.as_query()) {
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
        let body = reply.json().ok();
        let message = body.as_ref().and_then(message_of);
        return Err(error_for_status(reply, body.as_ref(), message.as_deref()));
    }
    let body = reply.json()?;
    if !body.is_object() {
        return Err(SourceError::BadPayload("expected a JSON object".into()));
    }
    if body.get("success").and_then(Value::as_bool) == Some(false) {
        let message = message_of(&body).unwrap_or_default();
        return Err(condition_from_message(&message, reply).unwrap_or_else(|| {
            SourceError::BadPayload(format!("success: false in a 2xx answer: {}", http::clip(&message)))
        }));
    }
    if let Some(code) = tiktok_status_code(&body)
        && code != 0
    {
        let message = message_of(&body).unwrap_or_default();
        return Err(web::status_code_condition(code, &message)
            .unwrap_or_else(|| SourceError::BadPayload(format!("TikTok status code {code} in a 2xx answer"))));
    }
    Ok(body)
}

fn error_for_status(reply: &Reply, body: Option<&Value>, message: Option<&str>) -> SourceError {
    let message_condition = message.and_then(|m| condition_from_message(m, reply));
    match reply.status {
        StatusCode::PAYMENT_REQUIRED => SourceError::QuotaExhausted { resets_at: None },
        StatusCode::UNAUTHORIZED
        | StatusCode::FORBIDDEN
        | StatusCode::TOO_MANY_REQUESTS
        | StatusCode::REQUEST_TIMEOUT => reply.status_error(message),
        StatusCode::NOT_FOUND => match (message_condition, body) {
            (Some(e @ (SourceError::NotFound | SourceError::Private | SourceError::Banned)), _) => e,
            (_, Some(_)) => SourceError::NotFound,
            (_, None) => reply.status_error(message),
        },
        s if s.is_client_error() => body
            .and_then(|b| {
                tiktok_status_code(b).and_then(|code| web::status_code_condition(code, message.unwrap_or("")))
            })
            .or(message_condition)
            .unwrap_or_else(|| reply.status_error(message)),
        _ => reply.status_error(message),
    }
}

/// The provider's explanation: `message`, or `error` as a string or as `{ "message": … }`.
fn message_of(body: &Value) -> Option<String> {
    let error = body.get("error");
    body.get("message")
        .and_then(Value::as_str)
        .or_else(|| error.and_then(Value::as_str))
        .or_else(|| error.and_then(|e| e.get("message")).and_then(Value::as_str))
        .map(str::to_string)
}

/// TikTok's own status, passed through as `statusCode` (web) or `status_code` (app).
fn tiktok_status_code(body: &Value) -> Option<i64> {
    match body.get("statusCode").or_else(|| body.get("status_code"))? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Reads an error message. Only specific wording counts.
fn condition_from_message(message: &str, reply: &Reply) -> Option<SourceError> {
    let m = message.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| m.contains(w));
    if has(&["rate limit", "too many requests"]) {
        Some(SourceError::RateLimited { retry_after: reply.retry_after() })
    } else if has(&["out of credits", "credits", "buy more"]) {
        Some(SourceError::QuotaExhausted { resets_at: None })
    } else if has(&["private"]) {
        Some(SourceError::Private)
    } else if has(&["banned", "suspended"]) {
        Some(SourceError::Banned)
    } else if has(&["user", "account", "profile", "video", "hashtag"])
        && has(&["not exist", "doesn't exist", "does not exist", "not found", "couldn't find", "could not find"])
    {
        Some(SourceError::NotFound)
    } else {
        None
    }
}

// ---- Wire shapes -----------------------------------------------------------------------------

#[derive(Deserialize)]
struct FeedPage {
    aweme_list: Option<Vec<Option<Aweme>>>,
    has_more: Option<Flag>,
    max_cursor: Option<Cursor>,
    cursor: Option<Cursor>,
}

#[derive(Deserialize)]
struct SearchPage {
    users: Option<Vec<Option<SearchEntry>>>,
    cursor: Option<Cursor>,
    has_more: Option<Flag>,
}

#[derive(Deserialize)]
struct SearchEntry {
    user_info: Option<AppUser>,
    #[serde(flatten)]
    user: AppUser,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AudienceAnswer {
    audience_locations: Option<Vec<Option<RawCountry>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCountry {
    country: Option<String>,
    country_code: Option<String>,
    count: Option<Count>,
    percentage: Option<Value>,
}

// ---- Conversions -----------------------------------------------------------------------------

/// A country, or `None` for an entry without a usable code, count or share.
fn to_country(raw: RawCountry) -> Result<Option<AudienceCountry>, SourceError> {
    let Some(code) = wire::country_code(raw.country_code.as_deref()) else { return Ok(None) };
    let (Some(count), Some(percentage)) = (raw.count.as_ref(), raw.percentage.as_ref()) else { return Ok(None) };
    Ok(Some(AudienceCountry {
        count: count.get(&format!("audienceLocations[{code}].count"))?,
        percentage: percentage_of(percentage)
            .map_err(|reason| SourceError::BadPayload(format!("audienceLocations[{code}].percentage: {reason}")))?,
        name: wire::text(raw.country.map(|c| c.trim().to_string())),
        code,
    }))
}

/// A share sent as `"15.96%"`, `"15.96"` or `15.96`, between 0 and 100.
fn percentage_of(value: &Value) -> Result<f64, String> {
    let share = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().trim_end_matches('%').trim_end().parse::<f64>().ok(),
        _ => None,
    };
    match share {
        Some(p) if p.is_finite() && (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("not a percentage: {}", http::clip(&value.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn percentages_are_read_as_sent_and_checked() {
        for (input, expected) in
            [(json!("15.96%"), 15.96), (json!(" 6.54 % "), 6.54), (json!("100"), 100.0), (json!(0), 0.0)]
        {
            assert_eq!(percentage_of(&input), Ok(expected), "{input}");
        }
        for input in [json!("-1%"), json!("101%"), json!("NaN"), json!("lots"), json!(null), json!([1])] {
            assert!(percentage_of(&input).is_err(), "{input} should be refused");
        }
    }

    proptest! {
        #[test]
        fn percentage_parsing_never_panics(text in ".*") {
            let _ = percentage_of(&Value::String(text));
        }
    }
}
