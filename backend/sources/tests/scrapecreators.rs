//! ScrapeCreators client against a wiremock server: every documented endpoint's shape, the
//! paging of each feed, credits running out (402), and ScrapeCreators' other error habits.
//! Failure modes shared with the other HTTP clients (timeouts, body caps, redirects, 5xx,
//! `Retry-After`) live in `failure_modes.rs`.
//!
//! The real TikTok captures in `fixtures/tiktok/` are the web `userInfo` payload that
//! `/v1/tiktok/profile` passes through, so the profile tests parse them too.

mod common;

use common::*;
use serde_json::{Value, json};
use std::time::Duration;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};
use zzyzx_sources::{ClientOptions, Source, SourceError};

fn profile_route(handle: &str) -> MockBuilder {
    Mock::given(method("GET")).and(path("/v1/tiktok/profile")).and(query_param("handle", handle))
}

fn videos_route() -> MockBuilder {
    Mock::given(method("GET")).and(path("/v3/tiktok/profile/videos"))
}

fn hashtag_route() -> MockBuilder {
    Mock::given(method("GET")).and(path("/v1/tiktok/search/hashtag"))
}

fn search_route() -> MockBuilder {
    Mock::given(method("GET")).and(path("/v1/tiktok/search/users"))
}

fn comments_route() -> MockBuilder {
    Mock::given(method("GET")).and(path("/v1/tiktok/video/comments"))
}

fn audience_route() -> MockBuilder {
    Mock::given(method("GET")).and(path("/v1/tiktok/user/audience"))
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn fixture(name: &str) -> Value {
    let file = format!("{}/tests/fixtures/tiktok/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"))
}

// ---- Profiles --------------------------------------------------------------------------------

#[tokio::test]
async fn profile_reads_the_documented_shape_and_sends_the_key() {
    let server = MockServer::start().await;
    profile_route("mayabakes")
        .and(header("x-api-key", SCRAPECREATORS_KEY))
        .respond_with(ok(sc_profile("mayabakes")))
        .expect(1)
        .mount(&server)
        .await;

    let profile = scrapecreators(&server).profile(" @MayaBakes ").await.expect("profile");

    assert_eq!(profile.platform_user_id, "6812345678901234567");
    assert_eq!(profile.handle, "mayabakes");
    assert_eq!(profile.sec_uid.as_deref(), Some("MS4wLjABAAAAexampleSecUid"));
    assert_eq!(profile.display_name.as_deref(), Some("Maya Bakes"));
    assert_eq!(profile.bio.as_deref(), Some("sourdough + chaos"));
    assert!(profile.avatar_url.as_deref().is_some_and(|u| u.contains("larger")), "largest avatar preferred");
    assert_eq!((profile.followers, profile.following, profile.likes, profile.videos), (284100, 412, 9100000, 731));
    assert!(profile.counts_may_be_rounded, "stats without statsV2 may be rounded");
    assert!(profile.verified);
    assert!(!profile.private);
}

#[tokio::test]
async fn profile_prefers_exact_stats_v2_strings_over_rounded_stats() {
    let server = MockServer::start().await;
    let mut body = sc_profile("mayabakes");
    // An overflowed 32-bit `heart` must not matter when statsV2 is there.
    body["stats"]["heart"] = json!(-2147483648i64);
    body["stats"]["heartCount"] = json!(-2147483648i64);
    body["statsV2"] = json!({
        "followerCount": "284113", "followingCount": "412", "heart": "9120455", "heartCount": "9120455", "videoCount": "731"
    });
    profile_route("mayabakes").respond_with(ok(body)).mount(&server).await;

    let profile = scrapecreators(&server).profile("mayabakes").await.expect("profile");

    assert_eq!((profile.followers, profile.likes), (284113, 9120455));
    assert!(!profile.counts_may_be_rounded);
}

/// A captured TikTok profile and what it must read as.
struct Capture {
    file: &'static str,
    /// Where the `userInfo` payload sits in the file.
    payload: fn(Value) -> Value,
    handle: &'static str,
    /// Followers, likes, videos.
    counts: (i64, i64, i64),
    rounded: bool,
}

#[tokio::test]
async fn real_tiktok_profiles_parse_as_scrapecreators_passes_them_through() {
    let cases = [
        Capture {
            file: "tiktokweb-user-detail-1.json",
            payload: |v| v[0].clone(),
            handle: "oddanimalspecimens",
            counts: (2_600_000, 44_600_000, 124),
            rounded: true,
        },
        Capture {
            file: "tiktokweb-user-detail-2.json",
            payload: |v| v[0].clone(),
            handle: "oddanimalspecimens",
            counts: (4_001_943, 77_615_151, 178),
            rounded: false,
        },
        Capture {
            file: "tiktokweb-user-detail-3.json",
            payload: |v| v["data"]["userInfo"].clone(),
            handle: "zg.520",
            counts: (427_682, 6_764_096, 1605),
            rounded: false,
        },
    ];
    let server = MockServer::start().await;
    for Capture { file, payload, handle, counts, rounded } in cases {
        server.verify().await;
        server.reset().await;
        let body = payload(fixture(file));
        assert!(body.is_object(), "{file}: payload not found");
        profile_route(handle).respond_with(ok(body)).expect(1).mount(&server).await;

        let profile = scrapecreators(&server).profile(handle).await.unwrap_or_else(|e| panic!("{file}: {e:?}"));

        assert_eq!(profile.handle, handle, "{file}");
        assert_eq!((profile.followers, profile.likes, profile.videos), counts, "{file}");
        assert_eq!(profile.counts_may_be_rounded, rounded, "{file}");
        assert!(!profile.private, "{file}");
        assert!(profile.sec_uid.as_deref().is_some_and(|s| s.starts_with("MS4wLjABAAAA")), "{file}");
    }
}

#[tokio::test]
async fn profile_accepts_numeric_ids_string_counts_and_missing_optional_fields_and_strips_nul() {
    let server = MockServer::start().await;
    let body = json!({
        "user": { "id": 6812345678901234567u64, "uniqueId": "mayabakes", "nickname": "\u{0}\u{0}Maya\u{0}" },
        "stats": { "followerCount": "1200", "followingCount": 3, "heart": 40, "videoCount": 2 }
    });
    profile_route("mayabakes").respond_with(ok(body)).mount(&server).await;

    let profile = scrapecreators(&server).profile("mayabakes").await.expect("profile");

    assert_eq!(profile.platform_user_id, "6812345678901234567");
    assert_eq!((profile.followers, profile.likes), (1200, 40));
    assert_eq!(profile.display_name.as_deref(), Some("Maya"), "NUL characters are dropped");
    assert_eq!((profile.avatar_url, profile.bio, profile.sec_uid), (None, None, None));
    assert!(!profile.verified);
}

#[tokio::test]
async fn a_private_account_is_a_profile_marked_private() {
    let server = MockServer::start().await;
    for flag in ["privateAccount", "secret"] {
        server.verify().await;
        server.reset().await;
        let mut body = sc_profile("mayabakes");
        body["user"][flag] = json!(true);
        profile_route("mayabakes").respond_with(ok(body)).mount(&server).await;

        let profile = scrapecreators(&server).profile("mayabakes").await.expect("profile");

        assert!(profile.private, "{flag}: true should mark the profile private");
        assert_eq!(profile.followers, 284100, "a private account's counts are still public");
    }
}

#[tokio::test]
async fn a_profile_without_a_user_or_counts_is_refused() {
    let server = MockServer::start().await;
    for body in [
        json!({ "success": true }),
        json!({ "user": sc_profile("mayabakes")["user"].clone() }),
        json!({ "user": sc_profile("mayabakes")["user"].clone(), "stats": { "followerCount": 5 } }),
        json!({ "user": { "uniqueId": "mayabakes" }, "stats": sc_profile("mayabakes")["stats"].clone() }),
        json!({ "user": "mayabakes", "stats": {} }),
    ] {
        server.verify().await;
        server.reset().await;
        profile_route("mayabakes").respond_with(ok(body.clone())).mount(&server).await;

        let err = scrapecreators(&server).profile("mayabakes").await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "{body} gave {err:?}");
    }
}

#[tokio::test]
async fn an_empty_handle_is_not_found_without_spending_a_credit() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(ok(json!({}))).expect(0).mount(&server).await;
    let client = scrapecreators(&server);

    assert_eq!(client.profile(" @ ").await.unwrap_err(), SourceError::NotFound);
    assert_eq!(client.videos("", None, 30).await.unwrap_err(), SourceError::NotFound);
    assert_eq!(client.audience("@").await.unwrap_err(), SourceError::NotFound);
    assert!(matches!(client.hashtag_videos(" # ", 30).await, Err(SourceError::Rejected(_))));
    assert_eq!(client.search_users("  ", 10).await, Ok(vec![]));
    assert_eq!(client.videos("maya", None, 0).await, Ok(vec![]));
}

// ---- Errors ----------------------------------------------------------------------------------

#[tokio::test]
async fn statuses_and_bodies_map_to_typed_errors() {
    let json_error = |status: u16, message: &str| {
        ResponseTemplate::new(status).set_body_json(json!({ "success": false, "message": message }))
    };
    let cases: [(&str, ResponseTemplate, Expected); 19] = [
        ("401 bad key", json_error(401, "Invalid API key"), |e| matches!(e, SourceError::Unauthorized(_))),
        ("401 without a body", ResponseTemplate::new(401), |e| matches!(e, SourceError::Unauthorized(_))),
        ("403", json_error(403, "Forbidden"), |e| matches!(e, SourceError::Unauthorized(_))),
        (
            "402 out of credits",
            json_error(
                402,
                "Looks like you're out of credits :( You'll need to buy more to continue using the service.",
            ),
            |e| *e == SourceError::QuotaExhausted { resets_at: None },
        ),
        ("402 without a body", ResponseTemplate::new(402), |e| *e == SourceError::QuotaExhausted { resets_at: None }),
        ("404 from ScrapeCreators", json_error(404, "Not found"), |e| *e == SourceError::NotFound),
        ("404 saying private", json_error(404, "This account is private"), |e| *e == SourceError::Private),
        (
            "404 that is not ScrapeCreators' own",
            ResponseTemplate::new(404).set_body_raw(b"<html>no such route</html>".to_vec(), "text/html"),
            |e| matches!(e, SourceError::Rejected(_)),
        ),
        ("400 user not found", json_error(400, "User not found"), |e| *e == SourceError::NotFound),
        ("400 other", json_error(400, "handle is required"), |e| matches!(e, SourceError::Rejected(_))),
        (
            "400 with a TikTok status code",
            ResponseTemplate::new(400).set_body_json(json!({ "statusCode": 10221, "message": "" })),
            |e| *e == SourceError::Banned,
        ),
        ("429", ResponseTemplate::new(429).insert_header("Retry-After", "42"), |e| {
            *e == SourceError::RateLimited { retry_after: Some(Duration::from_secs(42)) }
        }),
        ("500", json_error(500, "upstream failed"), |e| matches!(e, SourceError::Unavailable(_))),
        ("503", ResponseTemplate::new(503), |e| matches!(e, SourceError::Unavailable(_))),
        (
            "200 with success false about credits",
            ok(json!({ "success": false, "message": "You're out of credits" })),
            |e| *e == SourceError::QuotaExhausted { resets_at: None },
        ),
        (
            "200 with success false otherwise",
            ok(json!({ "success": false, "error": "Something went wrong" })),
            |e| matches!(e, SourceError::BadPayload(m) if m.contains("Something went wrong")),
        ),
        ("200 with TikTok's not-found code", ok(json!({ "statusCode": 10202, "userInfo": {} })), |e| {
            *e == SourceError::NotFound
        }),
        ("200 with TikTok's private code", ok(json!({ "status_code": 10222 })), |e| *e == SourceError::Private),
        ("200 with an unknown TikTok code", ok(json!({ "statusCode": 99999 })), |e| {
            matches!(e, SourceError::BadPayload(_))
        }),
    ];
    let server = MockServer::start().await;
    for (what, template, expected) in cases {
        server.verify().await;
        server.reset().await;
        profile_route("mayabakes").respond_with(template).expect(1).mount(&server).await;

        let err = scrapecreators(&server).profile("mayabakes").await.unwrap_err();

        assert!(expected(&err), "{what} gave {err:?}");
    }
}

#[tokio::test]
async fn every_endpoint_answers_402_with_quota_exhausted() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(402).set_body_json(json!({ "message": "out of credits" })))
        .expect(6)
        .mount(&server)
        .await;
    let client = scrapecreators(&server);
    let spent = SourceError::QuotaExhausted { resets_at: None };

    assert_eq!(client.profile("maya").await.unwrap_err(), spent);
    assert_eq!(client.videos("maya", None, 30).await.unwrap_err(), spent);
    assert_eq!(client.hashtag_videos("bread", 30).await.unwrap_err(), spent);
    assert_eq!(client.search_users("maya", 10).await.unwrap_err(), spent);
    assert_eq!(client.comments("maya", "7468123456789000001", 20).await.unwrap_err(), spent);
    assert_eq!(client.audience("maya").await.unwrap_err(), spent);
}

// ---- Videos ----------------------------------------------------------------------------------

#[tokio::test]
async fn videos_page_with_max_cursor_while_has_more() {
    let server = MockServer::start().await;
    videos_route()
        .and(query_param("handle", "mayabakes"))
        .and(query_param_is_missing("max_cursor"))
        .and(header("x-api-key", SCRAPECREATORS_KEY))
        .respond_with(ok(sc_videos_page(
            vec![sc_aweme("mayabakes", 3), sc_aweme("mayabakes", 2)],
            Some(1_738_435_195_000),
            true,
        )))
        .expect(1)
        .mount(&server)
        .await;
    videos_route()
        .and(query_param("handle", "mayabakes"))
        .and(query_param("max_cursor", "1738435195000"))
        .respond_with(ok(sc_videos_page(
            // The boundary item repeats across pages: it must not be counted twice.
            vec![sc_aweme("mayabakes", 2), sc_aweme("mayabakes", 1)],
            Some(1_738_000_000_000),
            false,
        )))
        .expect(1)
        .mount(&server)
        .await;

    let videos = scrapecreators(&server).videos("@MayaBakes", Some("ignored"), 100).await.expect("videos");

    let ids: Vec<&str> = videos.iter().map(|v| v.platform_id.as_str()).collect();
    assert_eq!(
        ids,
        ["7468123456789000003", "7468123456789000002", "7468123456789000001"],
        "newest first, deduplicated"
    );
    let first = &videos[0];
    assert_eq!(first.author_handle, "mayabakes");
    assert_eq!(first.author_display_name.as_deref(), Some("Maya Bakes"));
    assert_eq!(first.author_avatar_url.as_deref(), Some("https://p16-sign-va.tiktokcdn.com/thumb.webp"));
    assert_eq!(first.share_url, "https://www.tiktok.com/@mayabakes/video/7468123456789000003");
    assert_eq!(first.hashtags, ["sourdough", "breadtok"]);
    assert_eq!(
        (first.views, first.likes, first.comments, first.shares, first.saves),
        (731554, 48211, 612, 1904, Some(5120))
    );
    assert_eq!(first.duration_seconds, Some(34), "34,467 ms is 34 s");
    assert_eq!(first.cover_url.as_deref(), Some("https://p16-sign.tiktokcdn-us.com/cover.heic?x-expires=1739563200"));
    assert_eq!(first.region.as_deref(), Some("US"));
    assert_eq!(first.description, "day 3 of the starter saga #sourdough");
    assert_eq!(first.posted_at.timestamp(), 1_739_000_000 + 3 * 3600);
}

#[tokio::test]
async fn durations_are_converted_from_milliseconds() {
    let server = MockServer::start().await;
    let cases = [
        (json!(89_131), Some(89)),
        (json!(173_675), Some(174)),
        (json!("60000"), Some(60)),
        (json!(0), Some(0)),
        (json!(null), None),
    ];
    let items: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(n, (duration, _))| {
            let mut item = sc_aweme("maya", n as u64);
            item["video"]["duration"] = duration.clone();
            item
        })
        .collect();
    videos_route().respond_with(ok(sc_videos_page(items, None, false))).mount(&server).await;

    let videos = scrapecreators(&server).videos("maya", None, 30).await.expect("videos");

    for (n, (duration, expected)) in cases.iter().enumerate() {
        let id = format!("74681234567890{:05}", n);
        let video = videos.iter().find(|v| v.platform_id == id).expect("every item is a video");
        assert_eq!(video.duration_seconds, *expected, "video.duration {duration}");
    }
}

#[tokio::test]
async fn paging_stops_at_has_more_false_even_with_a_cursor() {
    let server = MockServer::start().await;
    videos_route()
        .respond_with(ok(sc_videos_page(vec![sc_aweme("maya", 1)], Some(99), false)))
        .expect(1)
        .mount(&server)
        .await;

    let videos = scrapecreators(&server).videos("maya", None, 30).await.expect("videos");

    assert_eq!(videos.len(), 1);
}

#[tokio::test]
async fn videos_stop_once_max_is_reached() {
    let server = MockServer::start().await;
    let items: Vec<_> = (1..=30).map(|n| sc_aweme("maya", n)).collect();
    videos_route().respond_with(ok(sc_videos_page(items, Some(99), true))).expect(1).mount(&server).await;

    let videos = scrapecreators(&server).videos("maya", None, 20).await.expect("videos");

    assert_eq!(videos.len(), 20);
    assert_eq!(videos[0].platform_id, "7468123456789000030", "the newest 20 are kept");
}

/// Answers every page with `has_more` and a fresh cursor, read from `param`: a feed that never
/// ends.
struct EndlessFeed {
    param: &'static str,
}

impl Respond for EndlessFeed {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let cursor: u64 =
            request.url.query_pairs().find(|(k, _)| k == self.param).and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
        let item = sc_aweme("maya", cursor);
        let body = match self.param {
            "max_cursor" => sc_videos_page(vec![item], Some(cursor + 1), true),
            _ => sc_hashtag_page(vec![item], Some(cursor + 1), true),
        };
        ok(body)
    }
}

#[tokio::test]
async fn paging_stops_at_the_page_budget() {
    let server = MockServer::start().await;
    videos_route().respond_with(EndlessFeed { param: "max_cursor" }).expect(3).mount(&server).await;
    hashtag_route().respond_with(EndlessFeed { param: "cursor" }).expect(3).mount(&server).await;
    let client = scrapecreators_with(&server, ClientOptions { videos_depth: 3, ..options() });

    assert_eq!(client.videos("maya", None, 1000).await.expect("videos").len(), 3);
    assert_eq!(client.hashtag_videos("bread", 1000).await.expect("hashtag videos").len(), 3);
}

#[tokio::test]
async fn paging_stops_when_the_cursor_does_not_move() {
    let server = MockServer::start().await;
    videos_route()
        .and(query_param_is_missing("max_cursor"))
        .respond_with(ok(sc_videos_page(vec![sc_aweme("a", 1)], Some(5), true)))
        .expect(1)
        .mount(&server)
        .await;
    videos_route()
        .and(query_param("max_cursor", "5"))
        .respond_with(ok(sc_videos_page(vec![sc_aweme("a", 2)], Some(5), true)))
        .expect(1)
        .mount(&server)
        .await;

    let videos = scrapecreators(&server).videos("a", None, 1000).await.expect("videos");

    assert_eq!(videos.len(), 2);
}

#[tokio::test]
async fn hashtags_come_from_challenges_text_extra_and_the_caption() {
    let server = MockServer::start().await;
    let mut bare = sc_aweme("maya", 1);
    bare["text_extra"] = json!([]);
    bare["desc"] = json!("new loaf #SourDough #fypシ, thanks @joe");
    let mut challenges = sc_aweme("maya", 2);
    challenges["text_extra"] = json!(null);
    challenges["cha_list"] = json!([{ "cha_name": "BreadTok", "cid": "1234567" }, null]);
    challenges["desc"] = json!("no tags in words");
    videos_route().respond_with(ok(sc_videos_page(vec![bare, challenges], None, false))).mount(&server).await;

    let videos = scrapecreators(&server).videos("maya", None, 30).await.expect("videos");

    let tags = |id: &str| videos.iter().find(|v| v.platform_id == id).map(|v| v.hashtags.clone());
    assert_eq!(tags("7468123456789000001"), Some(vec!["sourdough".to_string(), "fypシ".to_string()]));
    assert_eq!(tags("7468123456789000002"), Some(vec!["breadtok".to_string()]));
}

#[tokio::test]
async fn items_without_statistics_are_skipped_but_a_page_of_nothing_usable_is_refused() {
    let server = MockServer::start().await;
    let card = json!({ "aweme_id": "1", "desc": "sponsored", "create_time": 1739000000 });
    videos_route()
        .respond_with(ok(sc_videos_page(vec![card.clone(), json!(null), sc_aweme("a", 1)], None, false)))
        .mount(&server)
        .await;
    assert_eq!(scrapecreators(&server).videos("a", None, 30).await.expect("videos").len(), 1);

    server.verify().await;
    server.reset().await;
    videos_route().respond_with(ok(sc_videos_page(vec![card], None, false))).mount(&server).await;
    let err = scrapecreators(&server).videos("a", None, 30).await.unwrap_err();
    assert!(matches!(err, SourceError::BadPayload(_)), "got {err:?}");
}

#[tokio::test]
async fn an_author_missing_from_the_item_is_the_creator_asked_for() {
    let server = MockServer::start().await;
    let mut item = sc_aweme("x", 1);
    item.as_object_mut().unwrap().remove("author");
    videos_route().respond_with(ok(sc_videos_page(vec![item], None, false))).mount(&server).await;

    let videos = scrapecreators(&server).videos("@Maya", None, 30).await.expect("videos");

    assert_eq!(videos[0].author_handle, "maya");
    assert_eq!(videos[0].share_url, "https://www.tiktok.com/@maya/video/7468123456789000001");
}

#[tokio::test]
async fn bad_values_in_a_feed_are_bad_payloads() {
    let server = MockServer::start().await;
    type Mutation = fn(&mut Value);
    let mutations: [(&str, Mutation); 6] = [
        ("negative views", |i| i["statistics"]["play_count"] = json!(-1)),
        ("absurd likes", |i| i["statistics"]["digg_count"] = json!(9223372036854775808u64)),
        ("a fractional id", |i| i["aweme_id"] = json!(7.468123456789e18)),
        ("a time beyond chrono", |i| i["create_time"] = json!(i64::MAX)),
        ("a negative duration", |i| i["video"]["duration"] = json!(-5)),
        ("a list where an object goes", |i| i["statistics"] = json!([1, 2])),
    ];
    for (what, mutate) in mutations {
        server.verify().await;
        server.reset().await;
        let mut item = sc_aweme("a", 1);
        mutate(&mut item);
        videos_route().respond_with(ok(sc_videos_page(vec![item], None, false))).mount(&server).await;

        let err = scrapecreators(&server).videos("a", None, 30).await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "{what} gave {err:?}");
    }
}

#[tokio::test]
async fn an_empty_feed_is_no_videos() {
    let server = MockServer::start().await;
    videos_route().respond_with(ok(sc_videos_page(vec![], None, false))).expect(1).mount(&server).await;

    assert_eq!(scrapecreators(&server).videos("maya", None, 30).await, Ok(vec![]));
}

// ---- Hashtags --------------------------------------------------------------------------------

#[tokio::test]
async fn hashtag_videos_page_with_the_cursor_and_drop_duplicates() {
    let server = MockServer::start().await;
    hashtag_route()
        .and(query_param("hashtag", "sourdough"))
        .and(query_param_is_missing("cursor"))
        .and(header("x-api-key", SCRAPECREATORS_KEY))
        .respond_with(ok(sc_hashtag_page(
            // TikTok can repeat a video within and across pages.
            vec![sc_aweme("maya", 2), sc_aweme("maya", 2), sc_aweme("joe", 3)],
            Some(12),
            true,
        )))
        .expect(1)
        .mount(&server)
        .await;
    hashtag_route()
        .and(query_param("hashtag", "sourdough"))
        .and(query_param("cursor", "12"))
        .respond_with(ok(sc_hashtag_page(vec![sc_aweme("joe", 3), sc_aweme("bex", 1)], Some(24), false)))
        .expect(1)
        .mount(&server)
        .await;

    let videos = scrapecreators(&server).hashtag_videos("#SourDough", 50).await.expect("hashtag videos");

    let authors: Vec<&str> = videos.iter().map(|v| v.author_handle.as_str()).collect();
    assert_eq!(authors, ["joe", "maya", "bex"], "newest first, each video once");
    assert!(videos.iter().all(|v| v.author_followers.is_none()), "these authors carry no count");
}

#[tokio::test]
async fn hashtag_videos_carry_their_authors_followers_as_numbers_or_strings() {
    let server = MockServer::start().await;
    let (mut maya, mut joe, mut odd) = (sc_aweme("maya", 2), sc_aweme("joe", 3), sc_aweme("odd", 1));
    maya["author"]["follower_count"] = json!(284_113);
    joe["author"]["follower_count"] = json!("1200");
    odd["author"]["follower_count"] = json!(-5);
    hashtag_route()
        .and(query_param("hashtag", "sourdough"))
        .respond_with(ok(sc_hashtag_page(vec![maya, joe, odd], None, false)))
        .mount(&server)
        .await;

    let videos = scrapecreators(&server).hashtag_videos("sourdough", 50).await.expect("hashtag videos");

    let counts: Vec<(&str, Option<i64>)> =
        videos.iter().map(|v| (v.author_handle.as_str(), v.author_followers)).collect();
    assert_eq!(counts, [("joe", Some(1_200)), ("maya", Some(284_113)), ("odd", None)]);
}

#[tokio::test]
async fn hashtag_videos_stop_at_max() {
    let server = MockServer::start().await;
    let items: Vec<_> = (1..=12).map(|n| sc_aweme("maya", n)).collect();
    hashtag_route().respond_with(ok(sc_hashtag_page(items, Some(12), true))).expect(1).mount(&server).await;

    let videos = scrapecreators(&server).hashtag_videos("bread", 5).await.expect("hashtag videos");

    assert_eq!(videos.len(), 5);
}

// ---- User search -----------------------------------------------------------------------------

#[tokio::test]
async fn user_search_reads_user_info_entries_and_pages_with_the_cursor() {
    let server = MockServer::start().await;
    let first = json!({
        "cursor": 10,
        "users": [
            { "challenges": null, "items": null, "user_info": {
                "uid": "6881290705605477381", "unique_id": "MayaBakes", "nickname": "Maya Bakes", "sec_uid": "S1",
                "follower_count": 284113, "custom_verify": "Verified account", "is_private_account": 0,
                "avatar_thumb": { "url_list": ["https://p16-amd-va.tiktokcdn.com/thumb.webp"] } } },
            { "user_info": { "unique_id": "maya.bakes.too", "custom_verify": "", "enterprise_verify_reason": "" } },
            { "user_info": { "nickname": "no handle, skipped" } },
            null
        ]
    });
    search_route()
        .and(query_param("query", "maya bakes"))
        .and(query_param_is_missing("cursor"))
        .and(header("x-api-key", SCRAPECREATORS_KEY))
        .respond_with(ok(first))
        .expect(1)
        .mount(&server)
        .await;
    // A trimmed page: the user fields sit on the entry itself.
    let second = json!({
        "cursor": 20,
        "users": [
            { "unique_id": "mayabakes", "follower_count": 1 },
            { "unique_id": "MayaBakesAgain", "follower_count": "12", "avatar_medium": { "url_list": ["https://m.webp"] } }
        ]
    });
    search_route().and(query_param("cursor", "10")).respond_with(ok(second)).expect(1).mount(&server).await;
    // Without `has_more`, a page that brings nobody new ends the search.
    search_route()
        .and(query_param("cursor", "20"))
        .respond_with(ok(json!({ "cursor": 30, "users": [ { "user_info": { "unique_id": "mayabakes" } } ] })))
        .expect(1)
        .mount(&server)
        .await;

    let found = scrapecreators(&server).search_users("  maya bakes ", 10).await.expect("search");

    let handles: Vec<&str> = found.iter().map(|m| m.handle.as_str()).collect();
    assert_eq!(handles, ["mayabakes", "maya.bakes.too", "mayabakesagain"]);
    assert_eq!(found[0].followers, Some(284113));
    assert!(found[0].verified, "custom_verify marks a verified account");
    assert_eq!(found[0].display_name.as_deref(), Some("Maya Bakes"));
    assert_eq!(found[0].avatar_url.as_deref(), Some("https://p16-amd-va.tiktokcdn.com/thumb.webp"));
    assert_eq!((found[1].display_name.clone(), found[1].followers, found[1].verified), (None, None, false));
    assert_eq!((found[2].followers, found[2].avatar_url.as_deref()), (Some(12), Some("https://m.webp")));
}

#[tokio::test]
async fn user_search_stops_at_max_and_at_has_more_false() {
    let server = MockServer::start().await;
    let users: Vec<Value> = (0..8).map(|n| json!({ "user_info": { "unique_id": format!("maya{n}") } })).collect();
    search_route()
        .and(query_param("query", "maya"))
        .respond_with(ok(json!({ "cursor": 8, "has_more": true, "users": users })))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(scrapecreators(&server).search_users("maya", 5).await.expect("search").len(), 5);

    server.verify().await;
    server.reset().await;
    search_route()
        .respond_with(ok(json!({ "cursor": 1, "has_more": 0, "users": [ { "user_info": { "unique_id": "solo" } } ] })))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(scrapecreators(&server).search_users("solo", 5).await.expect("search").len(), 1);
}

// ---- Comments --------------------------------------------------------------------------------

#[tokio::test]
async fn comments_are_read_page_by_page_from_the_video_url() {
    let server = MockServer::start().await;
    let url = "https://www.tiktok.com/@mayabakes/video/7468123456789000001";
    comments_route()
        .and(query_param("url", url))
        .and(query_param_is_missing("cursor"))
        .and(header("x-api-key", SCRAPECREATORS_KEY))
        .respond_with(ok(json!({
            "comments": [ sc_comment(1, "FanOne"), sc_comment(2, "fantwo") ],
            "cursor": 20, "has_more": 1, "total": 269, "status_code": 0
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut without_region = sc_comment(3, "fanthree");
    without_region["user"].as_object_mut().unwrap().remove("region");
    without_region["text"] = json!("so \u{0}good");
    comments_route()
        .and(query_param("url", url))
        .and(query_param("cursor", "20"))
        .respond_with(ok(json!({
            "comments": [ sc_comment(2, "fantwo"), without_region ], "cursor": 40, "has_more": 0, "total": 269
        })))
        .expect(1)
        .mount(&server)
        .await;

    let comments = scrapecreators(&server).comments("@MayaBakes", "7468123456789000001", 100).await.expect("comments");

    let ids: Vec<&str> = comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["7463276288959800001", "7463276288959800002", "7463276288959800003"], "each comment once");
    let first = &comments[0];
    assert_eq!(first.text, "comment 1: where is the recipe");
    assert_eq!(first.commenter_id.as_deref(), Some("6851091024770000001"));
    assert_eq!(first.commenter_handle.as_deref(), Some("fanone"));
    assert_eq!(first.commenter_region.as_deref(), Some("GB"));
    assert_eq!(first.posted_at.timestamp(), 1_739_100_001);
    assert_eq!((first.likes, first.language.as_deref()), (Some(11), Some("en")));
    assert_eq!((comments[2].commenter_region.as_deref(), comments[2].text.as_str()), (None, "so good"));
}

#[tokio::test]
async fn comments_leave_out_replies() {
    let server = MockServer::start().await;
    let mut reply = sc_comment(2, "replier");
    reply["reply_id"] = json!("7463276288959800001");
    let mut top_level = sc_comment(1, "fan");
    top_level["reply_id"] = json!("0");
    comments_route()
        .respond_with(ok(json!({ "comments": [ top_level, reply ], "has_more": 0 })))
        .expect(1)
        .mount(&server)
        .await;

    let comments = scrapecreators(&server).comments("maya", "7468123456789000001", 20).await.expect("comments");

    let ids: Vec<&str> = comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["7463276288959800001"], "only the top-level comment");
}

#[tokio::test]
async fn comments_stop_at_max() {
    let server = MockServer::start().await;
    let page: Vec<Value> = (1..=20).map(|n| sc_comment(n, "fan")).collect();
    comments_route()
        .respond_with(ok(json!({ "comments": page, "cursor": 20, "has_more": 1 })))
        .expect(1)
        .mount(&server)
        .await;

    let comments = scrapecreators(&server).comments("maya", "7468123456789000001", 7).await.expect("comments");

    assert_eq!(comments.len(), 7);
}

#[tokio::test]
async fn comments_refuse_what_is_not_a_video_without_spending_a_credit() {
    let server = MockServer::start().await;
    comments_route().respond_with(ok(json!({ "comments": [] }))).expect(0).mount(&server).await;
    let client = scrapecreators(&server);

    for (handle, id) in [("maya", "12ab"), ("maya", ""), ("", "7468123456789000001"), ("maya", "1/../2")] {
        let err = client.comments(handle, id, 20).await.unwrap_err();
        assert!(matches!(err, SourceError::Rejected(_)), "@{handle} {id:?} gave {err:?}");
    }
}

#[tokio::test]
async fn comments_without_ids_or_times_are_skipped_but_a_page_of_nothing_usable_is_refused() {
    let server = MockServer::start().await;
    let mut no_time = sc_comment(1, "fan");
    no_time.as_object_mut().unwrap().remove("create_time");
    comments_route()
        .respond_with(ok(
            json!({ "comments": [ no_time.clone(), { "text": "no id" }, sc_comment(2, "fan") ], "has_more": 0 }),
        ))
        .mount(&server)
        .await;
    let comments = scrapecreators(&server).comments("maya", "1", 20).await.expect("comments");
    assert_eq!(comments.len(), 1);

    server.verify().await;
    server.reset().await;
    comments_route().respond_with(ok(json!({ "comments": [ no_time ], "has_more": 0 }))).mount(&server).await;
    let err = scrapecreators(&server).comments("maya", "1", 20).await.unwrap_err();
    assert!(matches!(err, SourceError::BadPayload(_)), "got {err:?}");
}

// ---- Audience --------------------------------------------------------------------------------

#[tokio::test]
async fn audience_reads_country_shares_largest_first() {
    let server = MockServer::start().await;
    audience_route()
        .and(query_param("handle", "shakira"))
        .and(header("x-api-key", SCRAPECREATORS_KEY))
        .respond_with(ok(sc_audience()))
        .expect(1)
        .mount(&server)
        .await;

    let countries = scrapecreators(&server).audience("@Shakira").await.expect("audience");

    let summary: Vec<(&str, Option<&str>, i64, f64)> =
        countries.iter().map(|c| (c.code.as_str(), c.name.as_deref(), c.count, c.percentage)).collect();
    assert_eq!(
        summary,
        [("MX", Some("Mexico"), 83, 15.96), ("US", Some("United States"), 34, 6.54), ("ES", Some("Spain"), 15, 2.88)]
    );
}

#[tokio::test]
async fn audience_entries_are_read_defensively() {
    let server = MockServer::start().await;
    let body = json!({ "audienceLocations": [
        { "country": "Mexico", "countryCode": "mx", "count": "83", "percentage": 15.96 },
        { "country": "Nowhere", "count": 3, "percentage": "1%" },
        { "country": "Mexico again", "countryCode": "MX", "count": 1, "percentage": "0.5%" },
        null
    ]});
    audience_route().respond_with(ok(body)).mount(&server).await;

    let countries = scrapecreators(&server).audience("maya").await.expect("audience");

    assert_eq!(countries.len(), 1, "entries without a code are skipped, a repeated code kept once");
    assert_eq!((countries[0].code.as_str(), countries[0].count, countries[0].percentage), ("MX", 83, 15.96));
}

#[tokio::test]
async fn audience_with_no_data_is_empty_and_bad_values_are_refused() {
    let server = MockServer::start().await;
    audience_route().respond_with(ok(json!({ "success": true, "audienceLocations": [] }))).mount(&server).await;
    assert_eq!(scrapecreators(&server).audience("maya").await, Ok(vec![]));

    for bad in [
        json!({ "audienceLocations": [ { "countryCode": "US", "count": -4, "percentage": "6%" } ] }),
        json!({ "audienceLocations": [ { "countryCode": "US", "count": 4, "percentage": "106%" } ] }),
        json!({ "audienceLocations": [ { "countryCode": "US", "count": 4, "percentage": "six" } ] }),
        json!({ "audienceLocations": [ { "country": "United States" } ] }),
        json!({ "audienceLocations": "US" }),
    ] {
        server.verify().await;
        server.reset().await;
        audience_route().respond_with(ok(bad.clone())).mount(&server).await;

        let err = scrapecreators(&server).audience("maya").await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "{bad} gave {err:?}");
    }
}

// ---- The client ------------------------------------------------------------------------------

#[tokio::test]
async fn the_client_reports_its_name_and_capabilities_and_hides_its_key() {
    let server = MockServer::start().await;
    let client = scrapecreators(&server);
    assert_eq!(client.name(), "scrapecreators");
    let caps = client.capabilities();
    assert!(caps.profile && caps.videos && caps.hashtag_videos && caps.user_search);
    assert!(!format!("{client:?}").contains(SCRAPECREATORS_KEY), "Debug must not print the key");
}

#[test]
fn the_client_is_built_with_room_for_full_video_pages() {
    let options = zzyzx_sources::ScrapeCreators::client_options();
    assert!(options.max_body_bytes >= 4 * 1024 * 1024, "an untrimmed page of videos is about a megabyte");
    assert!(options.timeout >= Duration::from_secs(30), "ScrapeCreators scrapes while the request waits");
    assert!(zzyzx_sources::ScrapeCreators::new("k", "ftp://nowhere", options).is_err(), "base URLs are checked");
}
