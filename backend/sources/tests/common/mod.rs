//! Helpers shared by the provider-client suites: clients pointed at a wiremock server with short
//! timeouts, and payloads in the documented shapes (values invented).
#![allow(dead_code)] // Each suite uses its own subset.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zzyzx_sources::{ClientOptions, ResearchApi, ScrapeCreators, SourceError, TikApi};

pub const TIKAPI_KEY: &str = "test-tikapi-key";
pub const SCRAPECREATORS_KEY: &str = "test-scrapecreators-key";
pub const CLIENT_KEY: &str = "test-client-key";
pub const CLIENT_SECRET: &str = "test-client-secret";
pub const TOKEN: &str = "clt.test-token";

/// What a table-driven test expects of an error.
pub type Expected = fn(&SourceError) -> bool;

/// Short timeouts keep the slow-provider tests fast; the cap is the production one.
pub fn options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(300),
        connect_timeout: Duration::from_millis(300),
        ..ClientOptions::default()
    }
}

pub fn tikapi(server: &MockServer) -> TikApi {
    TikApi::new(TIKAPI_KEY, &server.uri(), options()).expect("client builds")
}

pub fn tikapi_with(server: &MockServer, options: ClientOptions) -> TikApi {
    TikApi::new(TIKAPI_KEY, &server.uri(), options).expect("client builds")
}

pub fn scrapecreators(server: &MockServer) -> ScrapeCreators {
    scrapecreators_with(server, options())
}

pub fn scrapecreators_with(server: &MockServer, options: ClientOptions) -> ScrapeCreators {
    ScrapeCreators::new(SCRAPECREATORS_KEY, &server.uri(), options).expect("client builds")
}

/// 2026-03-15T10:00:00Z: the research suite's "today".
pub fn research_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 15, 10, 0, 0).unwrap()
}

pub fn research(server: &MockServer) -> ResearchApi {
    research_with(server, options())
}

pub fn research_with(server: &MockServer, options: ClientOptions) -> ResearchApi {
    ResearchApi::new(CLIENT_KEY, CLIENT_SECRET, &server.uri(), options).expect("client builds").with_clock(research_now)
}

/// A clock the test can move forward.
pub fn manual_clock(start: DateTime<Utc>) -> (Arc<Mutex<DateTime<Utc>>>, impl Fn() -> DateTime<Utc> + Send + Sync) {
    let shared = Arc::new(Mutex::new(start));
    let reader = shared.clone();
    (shared, move || *reader.lock().unwrap())
}

/// Mounts a token endpoint that hands out [`TOKEN`] for two hours.
pub async fn mount_token(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 7200)))
        .mount(server)
        .await;
}

pub fn token_body(token: &str, expires_in: i64) -> Value {
    json!({ "access_token": token, "expires_in": expires_in, "token_type": "Bearer" })
}

// ---- TikAPI payloads -------------------------------------------------------------------------

pub fn tikapi_user(handle: &str) -> Value {
    json!({
        "id": "6812345678901234567",
        "uniqueId": handle,
        "nickname": "Maya Bakes",
        "avatarThumb": "https://p16-sign-va.tiktokcdn.com/thumb.jpeg?x-expires=1739200000",
        "avatarLarger": "https://p16-sign-va.tiktokcdn.com/larger.jpeg?x-expires=1739200000",
        "signature": "sourdough + chaos",
        "verified": false,
        "secUid": "MS4wLjABAAAAexampleSecUid",
        "privateAccount": false
    })
}

/// `/public/check` with rounded `stats` only.
pub fn tikapi_check(handle: &str) -> Value {
    json!({
        "status": "success",
        "message": null,
        "statusCode": 0,
        "userInfo": {
            "user": tikapi_user(handle),
            "stats": { "followerCount": 284100, "followingCount": 412, "heartCount": 9100000, "heart": 9100000, "videoCount": 731, "diggCount": 5120 }
        }
    })
}

/// One `/public/posts` item; `n` makes ids and times distinct (newer for larger `n`).
pub fn tikapi_item(handle: &str, n: u64) -> Value {
    json!({
        "id": format!("74681234567890{:05}", n),
        "desc": format!("day {n} of the starter saga #sourdough"),
        "createTime": 1_739_000_000u64 + n * 3600,
        "video": { "id": format!("74681234567890{:05}", n), "duration": 34, "cover": "https://p16-sign-va.tiktokcdn.com/cover.image?x-expires=1739200000" },
        "author": { "id": "6812345678901234567", "uniqueId": handle, "nickname": "Maya Bakes", "secUid": "MS4wLjABAAAAexampleSecUid" },
        "challenges": [ { "id": "1234567", "title": "sourdough" } ],
        "textExtra": [ { "hashtagName": "Sourdough" }, { "hashtagName": "BreadTok" } ],
        "stats": { "playCount": 731554, "diggCount": 48211, "commentCount": 612, "shareCount": 1904, "collectCount": 5120 }
    })
}

pub fn tikapi_page(items: Vec<Value>, cursor: Option<&str>, has_more: bool) -> Value {
    let mut page = json!({ "status": "success", "statusCode": 0, "itemList": items, "hasMore": has_more });
    if let Some(c) = cursor {
        page["cursor"] = json!(c);
    }
    page
}

/// One `/public/comment/list` entry: TikTok's app comment, top level (`reply_id` `"0"`); `n` makes
/// ids and times distinct.
pub fn tikapi_comment(n: u64, commenter: &str) -> Value {
    json!({
        "cid": format!("74700000000000{:05}", n),
        "aweme_id": "7468123456789000001",
        "text": format!("comment {n}: recipe please"),
        "create_time": 1_739_200_000u64 + n,
        "digg_count": 3 + n,
        "reply_id": "0",
        "reply_to_reply_id": "0",
        "reply_comment_total": 0,
        "comment_language": "en",
        "status": 1,
        "user": {
            "uid": format!("69000000000000{:05}", n),
            "unique_id": commenter,
            "nickname": "A Fan",
            "region": "US",
            "avatar_thumb": { "url_list": ["https://p16-sign-va.tiktokcdn.com/fan.webp"] }
        }
    })
}

/// A `/public/comment/list` answer: TikAPI's envelope around TikTok's comment page.
pub fn tikapi_comment_page(comments: Vec<Value>, cursor: Value, has_more: u8) -> Value {
    json!({ "status": "success", "comments": comments, "cursor": cursor, "has_more": has_more, "total": 269 })
}

// ---- Research API payloads -------------------------------------------------------------------

pub fn research_ok(data: Value) -> Value {
    json!({ "data": data, "error": { "code": "ok", "message": "", "log_id": "20260315100000ABCDEF" } })
}

pub fn research_error(code: &str, message: &str) -> Value {
    json!({ "error": { "code": code, "message": message, "log_id": "20260315100000ABCDEF" } })
}

pub fn research_user() -> Value {
    json!({
        "display_name": "Maya Bakes",
        "bio_description": "sourdough + chaos",
        "avatar_url": "https://p16-sign-va.tiktokcdn.com/avatar.jpeg",
        "is_verified": false,
        "follower_count": 284113,
        "following_count": 412,
        "likes_count": 9120455,
        "video_count": 731
    })
}

pub fn research_video(handle: &str, n: u64) -> Value {
    json!({
        "id": 7468123456789000000u64 + n,
        "create_time": 1_773_000_000u64 + n * 3600,
        "username": handle,
        "region_code": "US",
        "video_description": "day 3 of the starter saga #sourdough #breadtok",
        "like_count": 48211,
        "comment_count": 612,
        "share_count": 1904,
        "view_count": 731554,
        "hashtag_names": ["sourdough", "BreadTok"]
    })
}

pub fn research_page(videos: Vec<Value>, has_more: bool, cursor: u64, search_id: &str) -> Value {
    research_ok(json!({ "videos": videos, "cursor": cursor, "has_more": has_more, "search_id": search_id }))
}

// ---- ScrapeCreators payloads -----------------------------------------------------------------
// Written from the field lists in ScrapeCreators' endpoint catalogue (see the client's module
// documentation); values invented.

/// `/v1/tiktok/profile`: TikTok's web `userInfo` at the top level, rounded `stats` only.
pub fn sc_profile(handle: &str) -> Value {
    json!({
        "user": {
            "id": "6812345678901234567",
            "uniqueId": handle,
            "nickname": "Maya Bakes",
            "avatarLarger": "https://p16-sign-va.tiktokcdn.com/larger.jpeg?x-expires=1739200000",
            "avatarThumb": "https://p16-sign-va.tiktokcdn.com/thumb.jpeg?x-expires=1739200000",
            "signature": "sourdough + chaos",
            "verified": true,
            "secUid": "MS4wLjABAAAAexampleSecUid",
            "privateAccount": false,
            "secret": false
        },
        "stats": { "followerCount": 284100, "followingCount": 412, "heart": 9100000, "heartCount": 9100000, "videoCount": 731, "diggCount": 0 },
        "itemList": []
    })
}

/// One `aweme_list` entry in TikTok's app shape; `n` makes ids and times distinct (newer for
/// larger `n`). `video.duration` is in milliseconds.
pub fn sc_aweme(handle: &str, n: u64) -> Value {
    json!({
        "aweme_id": format!("74681234567890{:05}", n),
        "desc": format!("day {n} of the starter saga #sourdough"),
        "create_time": 1_739_000_000u64 + n * 3600,
        "region": "US",
        "author": {
            "uid": "6812345678901234567",
            "unique_id": handle,
            "nickname": "Maya Bakes",
            "sec_uid": "MS4wLjABAAAAexampleSecUid",
            "avatar_thumb": { "uri": "thumb", "url_list": ["https://p16-sign-va.tiktokcdn.com/thumb.webp"] }
        },
        "statistics": {
            "aweme_id": format!("74681234567890{:05}", n),
            "play_count": 731554, "digg_count": 48211, "comment_count": 612, "share_count": 1904,
            "collect_count": 5120, "download_count": 9
        },
        "video": {
            "duration": 34_467,
            "cover": { "uri": "cover", "url_list": ["https://p16-sign.tiktokcdn-us.com/cover.heic?x-expires=1739563200"] }
        },
        "text_extra": [ { "hashtag_name": "Sourdough" }, { "hashtag_name": "BreadTok" } ],
        "cha_list": null,
        "is_ad": false
    })
}

/// A page of the profile feed (`/v3/tiktok/profile/videos`), paged by `max_cursor`.
pub fn sc_videos_page(items: Vec<Value>, max_cursor: Option<u64>, has_more: bool) -> Value {
    let mut page = json!({ "aweme_list": items, "has_more": u8::from(has_more), "status_code": 0 });
    if let Some(c) = max_cursor {
        page["max_cursor"] = json!(c);
        page["min_cursor"] = json!(c + 1);
    }
    page
}

/// A page of a search feed (`/v1/tiktok/search/hashtag`), paged by `cursor`.
pub fn sc_hashtag_page(items: Vec<Value>, cursor: Option<u64>, has_more: bool) -> Value {
    let mut page = json!({ "aweme_list": items, "has_more": u8::from(has_more), "status_code": 0 });
    if let Some(c) = cursor {
        page["cursor"] = json!(c);
    }
    page
}

/// One `/v1/tiktok/video/comments` entry.
pub fn sc_comment(n: u64, commenter: &str) -> Value {
    json!({
        "cid": format!("74632762889598{:05}", n),
        "aweme_id": "7468123456789000001",
        "text": format!("comment {n}: where is the recipe"),
        "create_time": 1_739_100_000u64 + n,
        "digg_count": 10 + n,
        "reply_comment_total": 1,
        "comment_language": "en",
        "user": {
            "uid": format!("68510910247700{:05}", n),
            "unique_id": commenter,
            "nickname": "A Fan",
            "sec_uid": "MS4wLjABAAAAcommenter",
            "region": "GB",
            "avatar_thumb": { "url_list": ["https://p16-sign.tiktokcdn-us.com/fan.jpg"] }
        }
    })
}

/// `/v1/tiktok/user/audience`.
pub fn sc_audience() -> Value {
    json!({
        "success": true,
        "audienceLocations": [
            { "country": "United States", "countryCode": "US", "count": 34, "percentage": "6.54%" },
            { "country": "Mexico", "countryCode": "MX", "count": 83, "percentage": "15.96%" },
            { "country": "Spain", "countryCode": "ES", "count": 15, "percentage": "2.88%" }
        ]
    })
}
