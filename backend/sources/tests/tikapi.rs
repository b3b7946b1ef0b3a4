//! TikAPI client against a wiremock server: the documented shapes, TikAPI's own error habits
//! (403 for rate limits, status inside a 200) and paging. Failure modes shared with the Research
//! client live in `failure_modes.rs`.

mod common;

use common::*;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use zzyzx_sources::{ClientOptions, Source, SourceError};

fn check_route(handle: &str) -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/public/check")).and(query_param("username", handle))
}

// ---- Profiles --------------------------------------------------------------------------------

#[tokio::test]
async fn profile_reads_the_documented_check_shape_and_sends_the_key() {
    let server = MockServer::start().await;
    check_route("mayabakes")
        .and(header("X-API-KEY", TIKAPI_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_check("mayabakes")))
        .expect(1)
        .mount(&server)
        .await;

    let profile = tikapi(&server).profile("@MayaBakes").await.expect("profile");

    assert_eq!(profile.platform_user_id, "6812345678901234567");
    assert_eq!(profile.handle, "mayabakes");
    assert_eq!(profile.sec_uid.as_deref(), Some("MS4wLjABAAAAexampleSecUid"));
    assert_eq!(profile.display_name.as_deref(), Some("Maya Bakes"));
    assert_eq!(profile.bio.as_deref(), Some("sourdough + chaos"));
    assert!(profile.avatar_url.as_deref().is_some_and(|u| u.contains("larger")), "largest avatar preferred");
    assert_eq!((profile.followers, profile.following, profile.likes, profile.videos), (284100, 412, 9100000, 731));
    assert!(profile.counts_may_be_rounded, "stats without statsV2 may be rounded");
    assert!(!profile.private);
}

#[tokio::test]
async fn profile_prefers_exact_stats_v2_strings_over_rounded_stats() {
    let server = MockServer::start().await;
    let mut body = tikapi_check("mayabakes");
    // The overflowed 32-bit `heart` must not matter when statsV2 is there.
    body["userInfo"]["stats"]["heart"] = json!(-2147483648i64);
    body["userInfo"]["stats"]["heartCount"] = json!(-2147483648i64);
    body["userInfo"]["statsV2"] = json!({
        "followerCount": "284113", "followingCount": "412", "heart": "9120455", "heartCount": "9120455", "videoCount": "731"
    });
    check_route("mayabakes").respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;

    let profile = tikapi(&server).profile("mayabakes").await.expect("profile");

    assert_eq!((profile.followers, profile.likes), (284113, 9120455));
    assert!(!profile.counts_may_be_rounded);
}

#[tokio::test]
async fn profile_accepts_numeric_ids_and_missing_optional_fields() {
    let server = MockServer::start().await;
    let body = json!({
        "status": "success",
        "userInfo": {
            "user": { "id": 6812345678901234567u64, "uniqueId": "mayabakes", "secUid": "MS4wLjABAAAAexample" },
            "stats": { "followerCount": "1200", "followingCount": 3, "heart": 40, "videoCount": 2 }
        }
    });
    check_route("mayabakes").respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;

    let profile = tikapi(&server).profile("mayabakes").await.expect("profile");

    assert_eq!(profile.platform_user_id, "6812345678901234567");
    assert_eq!((profile.followers, profile.likes), (1200, 40));
    assert_eq!((profile.display_name, profile.avatar_url, profile.bio), (None, None, None));
    assert!(!profile.verified);
}

#[tokio::test]
async fn a_private_account_is_a_profile_marked_private() {
    let server = MockServer::start().await;
    for flag in ["privateAccount", "secret"] {
        server.verify().await;
        server.reset().await;
        let mut body = tikapi_check("mayabakes");
        body["userInfo"]["user"]["privateAccount"] = json!(false);
        body["userInfo"]["user"][flag] = json!(true);
        check_route("mayabakes").respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;

        let profile = tikapi(&server).profile("mayabakes").await.expect("profile");

        assert!(profile.private, "{flag}: true should mark the profile private");
        assert_eq!(profile.followers, 284100, "a private account's counts are still public");
    }
}

#[tokio::test]
async fn tiktok_status_codes_in_the_body_map_to_creator_states() {
    let server = MockServer::start().await;
    for (code, http, expected) in [
        (10202, 200, SourceError::NotFound),
        (10201, 200, SourceError::NotFound),
        (10221, 200, SourceError::Banned),
        (10222, 200, SourceError::Private),
        (10202, 400, SourceError::NotFound),
    ] {
        server.verify().await;
        server.reset().await;
        let body = json!({ "status": "error", "message": "", "statusCode": code, "userInfo": {} });
        check_route("gone").respond_with(ResponseTemplate::new(http).set_body_json(body)).mount(&server).await;

        let err = tikapi(&server).profile("gone").await.unwrap_err();

        assert_eq!(err, expected, "statusCode {code} with HTTP {http}");
    }
}

#[tokio::test]
async fn a_missing_user_message_is_not_found_but_a_bare_404_is_an_unknown_url() {
    let server = MockServer::start().await;
    check_route("gone")
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "status": "error", "message": "This user doesn't exist" })),
        )
        .mount(&server)
        .await;
    assert_eq!(tikapi(&server).profile("gone").await.unwrap_err(), SourceError::NotFound);

    server.verify().await;
    server.reset().await;
    check_route("gone")
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({ "status": "error", "message": "Not Found" })))
        .mount(&server)
        .await;
    let err = tikapi(&server).profile("gone").await.unwrap_err();
    assert!(matches!(err, SourceError::Rejected(_)), "TikAPI's 404 means an unknown URL, got {err:?}");
}

#[tokio::test]
async fn forbidden_is_read_by_its_message() {
    let server = MockServer::start().await;
    let cases: [(&str, Expected); 4] = [
        ("API Key Rate Limit reached", |e| matches!(e, SourceError::RateLimited { .. })),
        ("Too many requests, slow down", |e| matches!(e, SourceError::RateLimited { .. })),
        ("Your monthly quota is exhausted", |e| matches!(e, SourceError::QuotaExhausted { resets_at: None })),
        ("Invalid API Key", |e| matches!(e, SourceError::Unauthorized(_))),
    ];
    for (message, expected) in cases {
        server.verify().await;
        server.reset().await;
        check_route("mayabakes")
            .respond_with(ResponseTemplate::new(403).set_body_json(json!({ "status": "error", "message": message })))
            .expect(1)
            .mount(&server)
            .await;

        let err = tikapi(&server).profile("mayabakes").await.unwrap_err();

        assert!(expected(&err), "403 {message:?} gave {err:?}");
    }
}

#[tokio::test]
async fn a_rate_limit_403_keeps_retry_after() {
    let server = MockServer::start().await;
    check_route("mayabakes")
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("Retry-After", "42")
                .set_body_json(json!({ "status": "error", "message": "API Key Rate Limit reached" })),
        )
        .mount(&server)
        .await;

    let err = tikapi(&server).profile("mayabakes").await.unwrap_err();

    assert_eq!(err, SourceError::RateLimited { retry_after: Some(Duration::from_secs(42)) });
}

#[tokio::test]
async fn a_status_other_than_success_inside_a_200_is_an_error() {
    let server = MockServer::start().await;
    for body in [
        json!({ "status": "error", "message": "Something went wrong upstream" }),
        json!({ "message": "no status at all", "userInfo": {} }),
    ] {
        server.verify().await;
        server.reset().await;
        check_route("mayabakes")
            .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
            .mount(&server)
            .await;

        let err = tikapi(&server).profile("mayabakes").await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "{body} gave {err:?}");
    }
}

#[tokio::test]
async fn a_check_answer_without_a_user_or_counts_is_refused() {
    let server = MockServer::start().await;
    for body in [
        json!({ "status": "success", "userInfo": {} }),
        json!({ "status": "success", "userInfo": { "user": tikapi_user("mayabakes") } }),
        json!({ "status": "success", "userInfo": { "user": tikapi_user("mayabakes"), "stats": { "followerCount": 5 } } }),
    ] {
        server.verify().await;
        server.reset().await;
        check_route("mayabakes")
            .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
            .mount(&server)
            .await;

        let err = tikapi(&server).profile("mayabakes").await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "{body} gave {err:?}");
    }
}

// ---- Videos ----------------------------------------------------------------------------------

#[tokio::test]
async fn videos_page_with_the_cursor_while_has_more() {
    let server = MockServer::start().await;
    let posts = || {
        Mock::given(method("GET"))
            .and(path("/public/posts"))
            .and(query_param("secUid", "SEC"))
            .and(query_param("count", "30"))
    };
    posts()
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(
            vec![tikapi_item("mayabakes", 3), tikapi_item("mayabakes", 2)],
            Some("1739000000000"),
            true,
        )))
        .expect(1)
        .mount(&server)
        .await;
    posts()
        .and(query_param("cursor", "1739000000000"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(
            // The boundary item repeats across pages: it must not be counted twice.
            vec![tikapi_item("mayabakes", 2), tikapi_item("mayabakes", 1)],
            Some("1738000000000"),
            false,
        )))
        .expect(1)
        .mount(&server)
        .await;

    let videos = tikapi(&server).videos("mayabakes", Some("SEC"), 100).await.expect("videos");

    let ids: Vec<&str> = videos.iter().map(|v| v.platform_id.as_str()).collect();
    assert_eq!(
        ids,
        ["7468123456789000003", "7468123456789000002", "7468123456789000001"],
        "newest first, deduplicated"
    );
    let first = &videos[0];
    assert_eq!(first.author_handle, "mayabakes");
    assert_eq!(first.share_url, "https://www.tiktok.com/@mayabakes/video/7468123456789000003");
    assert_eq!(first.hashtags, ["sourdough", "breadtok"]);
    assert_eq!(
        (first.views, first.likes, first.comments, first.shares, first.saves),
        (731554, 48211, 612, 1904, Some(5120))
    );
    assert_eq!(first.duration_seconds, Some(34));
    assert_eq!(first.posted_at.timestamp(), 1_739_000_000 + 3 * 3600);
}

#[tokio::test]
async fn videos_look_up_the_sec_uid_when_not_given() {
    let server = MockServer::start().await;
    check_route("mayabakes")
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_check("mayabakes")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/public/posts"))
        .and(query_param("secUid", "MS4wLjABAAAAexampleSecUid"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(
            vec![tikapi_item("mayabakes", 1)],
            None,
            false,
        )))
        .expect(1)
        .mount(&server)
        .await;

    let videos = tikapi(&server).videos("mayabakes", None, 30).await.expect("videos");

    assert_eq!(videos.len(), 1);
}

#[tokio::test]
async fn a_private_account_has_no_videos_to_read() {
    let server = MockServer::start().await;
    let mut body = tikapi_check("mayabakes");
    body["userInfo"]["user"]["privateAccount"] = json!(true);
    check_route("mayabakes").respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    Mock::given(path("/public/posts")).respond_with(ResponseTemplate::new(500)).expect(0).mount(&server).await;

    assert_eq!(tikapi(&server).videos("mayabakes", None, 30).await.unwrap_err(), SourceError::Private);
}

#[tokio::test]
async fn videos_stop_once_max_is_reached() {
    let server = MockServer::start().await;
    let items: Vec<_> = (1..=30).map(|n| tikapi_item("mayabakes", n)).collect();
    Mock::given(path("/public/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(items, Some("99"), true)))
        .expect(1)
        .mount(&server)
        .await;

    let videos = tikapi(&server).videos("mayabakes", Some("SEC"), 20).await.expect("videos");

    assert_eq!(videos.len(), 20);
    assert_eq!(videos[0].platform_id, "7468123456789000030", "the newest 20 are kept");
}

#[tokio::test]
async fn an_empty_feed_is_no_videos() {
    let server = MockServer::start().await;
    Mock::given(path("/public/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![], None, false)))
        .expect(1)
        .mount(&server)
        .await;

    assert_eq!(tikapi(&server).videos("mayabakes", Some("SEC"), 30).await, Ok(vec![]));
}

/// Answers every page with `hasMore` and a fresh cursor: a feed that never ends.
struct EndlessFeed;

impl Respond for EndlessFeed {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let cursor: u64 =
            request.url.query_pairs().find(|(k, _)| k == "cursor").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
        let next = (cursor + 1).to_string();
        ResponseTemplate::new(200).set_body_json(tikapi_page(vec![tikapi_item("mayabakes", cursor)], Some(&next), true))
    }
}

#[tokio::test]
async fn paging_stops_at_the_page_budget() {
    let server = MockServer::start().await;
    Mock::given(path("/public/posts")).respond_with(EndlessFeed).expect(3).mount(&server).await;
    let client = tikapi_with(&server, ClientOptions { videos_depth: 3, ..options() });

    let videos = client.videos("mayabakes", Some("SEC"), 1000).await.expect("videos");

    assert_eq!(videos.len(), 3);
}

#[tokio::test]
async fn paging_stops_when_the_cursor_does_not_move() {
    let server = MockServer::start().await;
    Mock::given(path("/public/posts"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![tikapi_item("a", 1)], Some("5"), true)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/public/posts"))
        .and(query_param("cursor", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![tikapi_item("a", 2)], Some("5"), true)))
        .expect(1)
        .mount(&server)
        .await;

    let videos = tikapi(&server).videos("a", Some("SEC"), 1000).await.expect("videos");

    assert_eq!(videos.len(), 2);
}

#[tokio::test]
async fn items_without_stats_are_skipped_but_a_page_of_nothing_usable_is_refused() {
    let server = MockServer::start().await;
    let ad = json!({ "id": "1", "desc": "sponsored", "createTime": 1739000000 });
    Mock::given(path("/public/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(
            vec![ad.clone(), tikapi_item("a", 1)],
            None,
            false,
        )))
        .mount(&server)
        .await;
    assert_eq!(tikapi(&server).videos("a", Some("SEC"), 30).await.expect("videos").len(), 1);

    server.verify().await;
    server.reset().await;
    Mock::given(path("/public/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![ad], None, false)))
        .mount(&server)
        .await;
    let err = tikapi(&server).videos("a", Some("SEC"), 30).await.unwrap_err();
    assert!(matches!(err, SourceError::BadPayload(_)), "got {err:?}");
}

#[tokio::test]
async fn negative_and_absurd_video_counts_are_refused() {
    let server = MockServer::start().await;
    for bad in [json!(-1), json!(9223372036854775808u64), json!("-7")] {
        server.verify().await;
        server.reset().await;
        let mut item = tikapi_item("a", 1);
        item["stats"]["playCount"] = bad.clone();
        Mock::given(path("/public/posts"))
            .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![item], None, false)))
            .mount(&server)
            .await;

        let err = tikapi(&server).videos("a", Some("SEC"), 30).await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "playCount {bad} gave {err:?}");
    }
}

#[tokio::test]
async fn saves_come_from_collect_count_only() {
    let server = MockServer::start().await;
    let mut item = tikapi_item("a", 1);
    item["stats"].as_object_mut().unwrap().remove("collectCount");
    item["stats"]["saveCount"] = json!(999);
    Mock::given(path("/public/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![item], None, false)))
        .mount(&server)
        .await;

    let videos = tikapi(&server).videos("a", Some("SEC"), 30).await.expect("videos");

    assert_eq!(videos[0].saves, None);
}

// ---- Hashtags --------------------------------------------------------------------------------

#[tokio::test]
async fn hashtag_videos_resolve_the_name_once_then_page_by_id() {
    let server = MockServer::start().await;
    let mut first = tikapi_page(vec![tikapi_item("maya", 2)], Some("30"), true);
    first["challengeInfo"] =
        json!({ "challenge": { "id": 1234567, "title": "sourdough" }, "stats": { "videoCount": 2100000 } });
    Mock::given(path("/public/hashtag"))
        .and(query_param("name", "sourdough"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .expect(1)
        .mount(&server)
        .await;
    // The older shape: each item wrapped in `itemStruct`.
    let wrapped = json!({ "itemStruct": tikapi_item("joe", 1) });
    Mock::given(path("/public/hashtag"))
        .and(query_param("id", "1234567"))
        .and(query_param("cursor", "30"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![wrapped], Some("60"), false)))
        .expect(1)
        .mount(&server)
        .await;
    // Later pulls skip the name lookup.
    Mock::given(path("/public/hashtag"))
        .and(query_param("id", "1234567"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_page(vec![tikapi_item("maya", 3)], None, false)))
        .expect(1)
        .mount(&server)
        .await;
    let client = tikapi(&server);

    let videos = client.hashtag_videos("#SourDough", 50).await.expect("hashtag videos");
    let authors: Vec<&str> = videos.iter().map(|v| v.author_handle.as_str()).collect();
    assert_eq!(authors, ["maya", "joe"]);

    let again = client.hashtag_videos("sourdough", 50).await.expect("hashtag videos");
    assert_eq!(again.len(), 1);
}

#[tokio::test]
async fn hashtag_pages_wrapped_in_item_struct_are_read() {
    let server = MockServer::start().await;
    let body = json!({
        "status": "success",
        "challengeInfo": { "challenge": { "id": "42", "title": "thrift" } },
        "itemStruct": { "cursor": 60, "hasMore": false, "itemList": [ tikapi_item("bex", 1), tikapi_item("sal", 2) ] }
    });
    Mock::given(path("/public/hashtag"))
        .and(query_param("name", "thrift"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let videos = tikapi(&server).hashtag_videos("thrift", 30).await.expect("hashtag videos");

    assert_eq!(videos.len(), 2);
}

#[tokio::test]
async fn an_unknown_hashtag_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(path("/public/hashtag"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "status": "success", "statusCode": 10205, "challengeInfo": {} })),
        )
        .mount(&server)
        .await;

    assert_eq!(tikapi(&server).hashtag_videos("nosuchtagatall", 30).await.unwrap_err(), SourceError::NotFound);
}

// ---- User search -----------------------------------------------------------------------------

#[tokio::test]
async fn user_search_reads_tiktok_search_entries_and_pages_with_next_cursor() {
    let server = MockServer::start().await;
    let first = json!({
        "status": "success",
        "user_list": [
            { "user_info": { "uid": "6812345678901234567", "unique_id": "mayabakes", "nickname": "Maya Bakes", "sec_uid": "S1",
                             "follower_count": 284113, "custom_verify": "Verified account",
                             "avatar_thumb": { "url_list": ["https://p16-sign-va.tiktokcdn.com/thumb.webp"] } } },
            { "user_info": { "unique_id": "maya.bakes.too" } },
            { "user_info": { "nickname": "no handle, skipped" } },
            null
        ],
        "has_more": 1,
        "nextCursor": "10"
    });
    Mock::given(path("/public/search/users"))
        .and(query_param("query", "maya bakes"))
        .and(query_param_is_missing("nextCursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .expect(1)
        .mount(&server)
        .await;
    let second = json!({
        "status": "success",
        "user_list": [ { "user_info": { "unique_id": "MayaBakesAgain", "follower_count": "12" } } ],
        "has_more": 0
    });
    Mock::given(path("/public/search/users"))
        .and(query_param("nextCursor", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .expect(1)
        .mount(&server)
        .await;

    let found = tikapi(&server).search_users("maya bakes", 10).await.expect("search");

    let handles: Vec<&str> = found.iter().map(|m| m.handle.as_str()).collect();
    assert_eq!(handles, ["mayabakes", "maya.bakes.too", "mayabakesagain"]);
    assert_eq!(found[0].followers, Some(284113));
    assert!(found[0].verified);
    assert_eq!(found[0].avatar_url.as_deref(), Some("https://p16-sign-va.tiktokcdn.com/thumb.webp"));
    assert_eq!((found[1].display_name.clone(), found[1].followers, found[1].verified), (None, None, false));
    assert_eq!(found[2].followers, Some(12));
}

#[tokio::test]
async fn user_search_with_no_results_is_empty() {
    let server = MockServer::start().await;
    Mock::given(path("/public/search/users"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "status": "success", "user_list": [], "has_more": false })),
        )
        .expect(1)
        .mount(&server)
        .await;

    assert_eq!(tikapi(&server).search_users("zzzz", 10).await, Ok(vec![]));
}

#[tokio::test]
async fn the_client_reports_its_name_and_capabilities() {
    let server = MockServer::start().await;
    let client = tikapi(&server);
    assert_eq!(client.name(), "tikapi");
    let caps = client.capabilities();
    assert!(caps.profile && caps.videos && caps.hashtag_videos && caps.user_search);
    assert!(!format!("{client:?}").contains(TIKAPI_KEY), "Debug must not print the key");
}
