//! TikAPI client against a wiremock server: the documented shapes, TikAPI's own error habits
//! (403 for rate limits, status inside a 200) and paging. Failure modes shared with the Research
//! client live in `failure_modes.rs`.

mod common;

use common::*;
use serde_json::{Value, json};
use std::time::Duration;
use wiremock::matchers::{any, header, method, path, query_param, query_param_is_missing};
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
async fn hashtag_videos_carry_their_authors_followers_exact_first() {
    let server = MockServer::start().await;
    // The real published TikAPI answer (`/public/posts`, the same item shape as a hashtag page):
    // `authorStats.followerCount` 12,900,000 and no `authorStatsV2`.
    let mut page = fixture("tikapi-public-posts-1.json");
    let mut exact = tikapi_item("exact.one", 1);
    exact["authorStats"] = json!({ "followerCount": 1_200_000 });
    exact["authorStatsV2"] = json!({ "followerCount": "1234567" });
    let mut unreadable = tikapi_item("odd.one", 2);
    unreadable["authorStats"] = json!({ "followerCount": "many" });
    let items = page["itemList"].as_array_mut().unwrap();
    items.extend([exact, unreadable, tikapi_item("bare.one", 3)]);
    page["challengeInfo"] = json!({ "challenge": { "id": "77", "title": "fixture" } });
    page["hasMore"] = json!(false);
    Mock::given(path("/public/hashtag"))
        .and(query_param("name", "fixture"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;

    let videos = tikapi(&server).hashtag_videos("fixture", 30).await.expect("hashtag videos");

    let counts: Vec<(&str, Option<i64>)> =
        videos.iter().map(|v| (v.author_handle.as_str(), v.author_followers)).collect();
    assert_eq!(counts.len(), 4, "{counts:?}");
    assert!(counts.contains(&("heresyourmonkeycontent", Some(12_900_000))), "the fixture's count: {counts:?}");
    assert!(counts.contains(&("exact.one", Some(1_234_567))), "statsV2 wins: {counts:?}");
    assert!(counts.contains(&("odd.one", None)), "an unreadable count is left out, the video kept: {counts:?}");
    assert!(counts.contains(&("bare.one", None)));
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

// ---- Comments --------------------------------------------------------------------------------

const VIDEO: &str = "7468123456789000001";

fn comments_route() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/public/comment/list"))
}

/// The query parameter `name` of every comment-list request the server saw, in order.
async fn sent_comment_params(server: &MockServer, name: &str) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .filter(|r| r.url.path() == "/public/comment/list")
        .map(|r| r.url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned()))
        .collect()
}

fn fixture(name: &str) -> Value {
    let file = format!("{}/tests/fixtures/tiktok/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&file).expect("fixture exists")).expect("fixture is JSON")
}

#[tokio::test]
async fn comments_read_a_page_exactly() {
    let server = MockServer::start().await;
    let mut no_region = tikapi_comment(2, "fan.two");
    no_region["user"].as_object_mut().unwrap().remove("region");
    no_region["text"] = json!("so \u{0}good");
    no_region["comment_language"] = json!(" ");
    let mut reply = tikapi_comment(3, "replier");
    reply["reply_id"] = json!("7470000000000000001");
    let body = tikapi_comment_page(vec![tikapi_comment(1, "@FanOne"), json!(null), no_region, reply], json!(3), 0);
    comments_route()
        .and(query_param("media_id", VIDEO))
        .and(query_param("count", "10"))
        .and(query_param_is_missing("cursor"))
        .and(header("X-API-KEY", TIKAPI_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let comments = tikapi(&server).comments("mayabakes", VIDEO, 10).await.expect("comments");

    let ids: Vec<&str> = comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["7470000000000000001", "7470000000000000002"], "the reply (reply_id not \"0\") is left out");
    let first = &comments[0];
    assert_eq!(first.text, "comment 1: recipe please");
    assert_eq!(first.posted_at.timestamp(), 1_739_200_001);
    assert_eq!(first.commenter_id.as_deref(), Some("6900000000000000001"));
    assert_eq!(first.commenter_handle.as_deref(), Some("fanone"), "handles are canonical");
    assert_eq!(first.commenter_region.as_deref(), Some("US"));
    assert_eq!((first.likes, first.language.as_deref()), (Some(4), Some("en")));
    let second = &comments[1];
    assert_eq!(second.text, "so good", "NUL characters are dropped");
    assert_eq!((second.commenter_region.as_deref(), second.language.as_deref()), (None, None));
    assert_eq!(second.posted_at.timestamp(), 1_739_200_002);
}

#[tokio::test]
async fn comments_page_by_cursor_asking_only_for_what_is_missing() {
    let server = MockServer::start().await;
    let page = |range: std::ops::RangeInclusive<u64>| range.map(|n| tikapi_comment(n, "fan")).collect::<Vec<_>>();
    comments_route()
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(page(1..=30), json!("30"), 1)))
        .expect(1)
        .mount(&server)
        .await;
    // Comment 30 comes again (offset paging while comments arrive): it must count once.
    comments_route()
        .and(query_param("cursor", "30"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(page(30..=49), json!(50), 1)))
        .expect(1)
        .mount(&server)
        .await;
    comments_route()
        .and(query_param("cursor", "50"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(page(50..=50), json!(51), 1)))
        .expect(1)
        .mount(&server)
        .await;
    let client = tikapi(&server);

    let comments = client.comments("mayabakes", VIDEO, 50).await.expect("comments");

    assert_eq!(comments.len(), 50);
    let mut ids: Vec<&str> = comments.iter().map(|c| c.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 50, "each comment once");
    assert_eq!(comments[49].id, "7470000000000000050");
    let counts = sent_comment_params(&server, "count").await;
    assert_eq!(counts, [Some("30".into()), Some("20".into()), Some("1".into())], "at most 30, then what is missing");
    let cursors = sent_comment_params(&server, "cursor").await;
    assert_eq!(cursors, [None, Some("30".into()), Some("50".into())], "the cursor goes back as sent");
    assert_eq!(client.requests_sent(), 3, "every page is a request");
}

/// Answers every page with `has_more` and a fresh cursor: comments that never end.
struct EndlessComments;

impl Respond for EndlessComments {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let cursor: u64 =
            request.url.query_pairs().find(|(k, _)| k == "cursor").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
        ResponseTemplate::new(200).set_body_json(tikapi_comment_page(
            vec![tikapi_comment(cursor, "fan")],
            json!(cursor + 1),
            1,
        ))
    }
}

#[tokio::test]
async fn comments_stop_at_the_page_budget_at_max_and_when_the_cursor_is_stuck() {
    let server = MockServer::start().await;
    comments_route().respond_with(EndlessComments).expect(3).mount(&server).await;
    let client = tikapi_with(&server, ClientOptions { videos_depth: 3, ..options() });
    assert_eq!(client.requests_per_comments(), 3, "the budget the worker reserves is the page bound");

    let comments = client.comments("mayabakes", VIDEO, 1000).await.expect("comments");

    assert_eq!(comments.len(), 3, "videos_depth pages, then stop");

    server.verify().await;
    server.reset().await;
    let full_page: Vec<Value> = (1..=30).map(|n| tikapi_comment(n, "fan")).collect();
    comments_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(full_page, json!(30), 1)))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(tikapi(&server).comments("mayabakes", VIDEO, 7).await.expect("comments").len(), 7);

    server.verify().await;
    server.reset().await;
    comments_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(
            vec![tikapi_comment(1, "fan")],
            json!(0),
            1,
        )))
        .expect(2)
        .mount(&server)
        .await;
    let comments = tikapi(&server).comments("mayabakes", VIDEO, 50).await.expect("comments");
    assert_eq!(comments.len(), 1, "a cursor that does not move ends the walk after one repeat");
}

#[tokio::test]
async fn null_missing_or_empty_comments_are_no_comments() {
    let server = MockServer::start().await;
    for body in [
        json!({ "status": "success", "comments": null, "cursor": 0, "has_more": 0, "total": 0 }),
        json!({ "status": "success", "cursor": 0, "has_more": false }),
        json!({ "status": "success" }),
        json!({ "status": "success", "comments": [], "has_more": 0 }),
    ] {
        server.verify().await;
        server.reset().await;
        comments_route()
            .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
            .expect(1)
            .mount(&server)
            .await;

        let comments = tikapi(&server).comments("mayabakes", VIDEO, 50).await;

        assert_eq!(comments, Ok(vec![]), "{body}");
    }
}

#[tokio::test]
async fn comments_answer_tikapi_error_bodies_with_typed_errors() {
    let server = MockServer::start().await;
    let cases: [(u16, Value, Expected); 6] = [
        (400, fixture("tikapi-error-400-1.json"), |e| matches!(e, SourceError::Rejected(_))),
        (403, fixture("tikapi-error-403-1.json"), |e| matches!(e, SourceError::Unauthorized(_))),
        (404, fixture("tikapi-error-404-1.json"), |e| matches!(e, SourceError::Rejected(_))),
        (405, fixture("tikapi-error-405-1.json"), |e| matches!(e, SourceError::Rejected(_))),
        (403, json!({ "status": "error", "message": "API Key Rate Limit reached" }), |e| {
            matches!(e, SourceError::RateLimited { .. })
        }),
        (200, json!({ "status": "error", "message": "Something went wrong." }), |e| {
            matches!(e, SourceError::BadPayload(_))
        }),
    ];
    for (status, body, expected) in cases {
        server.verify().await;
        server.reset().await;
        comments_route()
            .respond_with(ResponseTemplate::new(status).set_body_json(body.clone()))
            .expect(1)
            .mount(&server)
            .await;

        let err = tikapi(&server).comments("mayabakes", VIDEO, 50).await.unwrap_err();

        assert!(expected(&err), "{status} {body} gave {err:?}");
    }
}

#[tokio::test]
async fn comments_of_a_bad_video_id_call_nothing() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(500)).expect(0).mount(&server).await;
    let client = tikapi(&server);

    for id in ["not-an-id", "", "  ", "12ab", "1/../2", "-5", "+5", "7468123456789000001&count=99"] {
        let err = client.comments("mayabakes", id, 50).await.unwrap_err();
        assert!(matches!(err, SourceError::Rejected(_)), "{id:?} gave {err:?}");
    }
    assert_eq!(client.requests_sent(), 0);
}

#[tokio::test]
async fn comment_ids_counts_times_and_flags_may_come_as_numbers_or_strings() {
    let server = MockServer::start().await;
    let mut numeric = tikapi_comment(1, "fan");
    numeric["cid"] = json!(7470000000000000001u64);
    numeric["user"]["uid"] = json!(6900000000000000001u64);
    numeric["reply_id"] = json!(0);
    let mut textual = tikapi_comment(2, "fan");
    textual["create_time"] = json!("1739200002");
    textual["digg_count"] = json!("12");
    let body = json!({ "status": "success", "comments": [numeric, textual], "cursor": "2", "has_more": false });
    comments_route().respond_with(ResponseTemplate::new(200).set_body_json(body)).expect(1).mount(&server).await;

    let comments = tikapi(&server).comments("mayabakes", VIDEO, 50).await.expect("comments");

    assert_eq!(comments[0].id, "7470000000000000001", "ids above 2^53 kept exactly");
    assert_eq!(comments[0].commenter_id.as_deref(), Some("6900000000000000001"));
    assert_eq!((comments[1].posted_at.timestamp(), comments[1].likes), (1_739_200_002, Some(12)));

    server.verify().await;
    server.reset().await;
    let mut rounded = tikapi_comment(1, "fan");
    rounded["cid"] = json!(7.47e18);
    comments_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(vec![rounded], json!(1), 0)))
        .mount(&server)
        .await;
    let err = tikapi(&server).comments("mayabakes", VIDEO, 50).await.unwrap_err();
    assert!(matches!(err, SourceError::BadPayload(_)), "a float id has lost digits, got {err:?}");
}

#[tokio::test]
async fn a_page_of_replies_is_no_comments_but_a_page_of_nothing_usable_is_refused() {
    let server = MockServer::start().await;
    let mut reply = tikapi_comment(1, "fan");
    reply["reply_id"] = json!("7470000000000000009");
    comments_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(vec![reply], json!(1), 0)))
        .mount(&server)
        .await;
    assert_eq!(tikapi(&server).comments("mayabakes", VIDEO, 50).await, Ok(vec![]));

    server.verify().await;
    server.reset().await;
    let mut no_time = tikapi_comment(1, "fan");
    no_time.as_object_mut().unwrap().remove("create_time");
    comments_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(tikapi_comment_page(
            vec![no_time, json!({ "text": "no id" })],
            json!(2),
            0,
        )))
        .mount(&server)
        .await;
    let err = tikapi(&server).comments("mayabakes", VIDEO, 50).await.unwrap_err();
    assert!(matches!(err, SourceError::BadPayload(_)), "got {err:?}");
}

#[tokio::test]
async fn the_client_reports_its_name_and_capabilities() {
    let server = MockServer::start().await;
    let client = tikapi(&server);
    assert_eq!(client.name(), "tikapi");
    let caps = client.capabilities();
    assert!(caps.profile && caps.videos && caps.hashtag_videos && caps.user_search && caps.comments);
    assert!(!caps.audience, "TikAPI reports no audience countries");
    assert_eq!(client.requests_per_comments(), 10, "the default videos_depth bounds comment pages");
    assert!(!format!("{client:?}").contains(TIKAPI_KEY), "Debug must not print the key");
}
