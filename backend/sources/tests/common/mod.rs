//! Helpers shared by the provider-client suites: clients pointed at a wiremock server with short
//! timeouts, and payloads in the documented shapes (values invented).
#![allow(dead_code)] // Each suite uses its own subset.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zzyzx_sources::{ClientOptions, ResearchApi, SourceError, TikApi};

pub const TIKAPI_KEY: &str = "test-tikapi-key";
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
