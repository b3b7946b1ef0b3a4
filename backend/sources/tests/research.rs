//! Research API client against a wiremock server: the client token (cached, shared, renewed),
//! `error.code` on every answer, quota signals, and the video query walked back in 30-day
//! windows. Failure modes shared with TikAPI live in `failure_modes.rs`.

mod common;

use chrono::{Duration as Days, TimeZone, Utc};
use common::*;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use wiremock::matchers::{any, body_partial_json, body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zzyzx_sources::{ClientOptions, ResearchApi, Source, SourceError};

fn user_info() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v2/research/user/info/"))
}

fn video_query() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v2/research/video/query/"))
}

fn token_route() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v2/oauth/token/"))
}

async fn bodies(server: &MockServer, route: &str) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == route)
        .map(|r| serde_json::from_slice(&r.body).expect("JSON request body"))
        .collect()
}

// ---- Token -----------------------------------------------------------------------------------

#[tokio::test]
async fn one_token_serves_many_requests_and_is_sent_as_a_bearer() {
    let server = MockServer::start().await;
    token_route()
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains(format!("client_key={CLIENT_KEY}")))
        .and(body_string_contains(format!("client_secret={CLIENT_SECRET}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 7200)))
        .expect(1)
        .mount(&server)
        .await;
    user_info()
        .and(header("authorization", format!("Bearer {TOKEN}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .expect(3)
        .mount(&server)
        .await;
    let client = research(&server);

    for _ in 0..3 {
        client.profile("mayabakes").await.expect("profile");
    }
}

#[tokio::test]
async fn concurrent_callers_share_one_token_renewal() {
    let server = MockServer::start().await;
    token_route()
        .respond_with(
            ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 7200)).set_delay(Duration::from_millis(150)),
        )
        .expect(1)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .expect(5)
        .mount(&server)
        .await;
    let client = Arc::new(research(&server));

    let calls: Vec<_> = (0..5)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.profile("mayabakes").await })
        })
        .collect();
    for call in calls {
        call.await.expect("task").expect("profile");
    }
}

#[tokio::test]
async fn an_invalid_token_is_renewed_once_and_the_request_retried_once() {
    let server = MockServer::start().await;
    token_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("clt.old", 7200)))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    token_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body("clt.new", 7200)))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    user_info()
        .and(header("authorization", "Bearer clt.old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(research_error("access_token_invalid", "token expired")))
        .expect(1)
        .mount(&server)
        .await;
    user_info()
        .and(header("authorization", "Bearer clt.new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .expect(2)
        .mount(&server)
        .await;
    let client = research(&server);

    client.profile("mayabakes").await.expect("profile after renewal");
    client.profile("mayabakes").await.expect("the renewed token is cached");
}

#[tokio::test]
async fn a_token_refused_twice_is_unauthorized_after_exactly_one_retry() {
    let server = MockServer::start().await;
    token_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 7200)))
        .expect(2)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(401).set_body_json(research_error("access_token_invalid", "nope")))
        .expect(2)
        .mount(&server)
        .await;

    let err = research(&server).profile("mayabakes").await.unwrap_err();

    assert!(matches!(err, SourceError::Unauthorized(_)), "got {err:?}");
}

#[tokio::test]
async fn an_access_token_invalid_inside_a_200_also_renews() {
    let server = MockServer::start().await;
    token_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 7200)))
        .expect(2)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_error("access_token_invalid", "")))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;

    research(&server).profile("mayabakes").await.expect("profile");
}

#[tokio::test]
async fn a_token_that_expires_at_once_is_not_reused() {
    let server = MockServer::start().await;
    token_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(token_body(TOKEN, 0)))
        .expect(2)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .expect(2)
        .mount(&server)
        .await;
    let client = research(&server);

    client.profile("a").await.expect("profile");
    client.profile("a").await.expect("profile");
}

#[tokio::test]
async fn refused_client_credentials_are_unauthorized_and_nothing_else_is_called() {
    let server = MockServer::start().await;
    for (status, body) in [
        (
            401,
            json!({ "error": "invalid_client", "error_description": "Client key or secret is incorrect.", "log_id": "x" }),
        ),
        (200, json!({ "error": "unauthorized_client", "error_description": "not approved" })),
        (401, json!({ "error": { "code": "scope_not_authorized", "message": "project not approved" } })),
    ] {
        server.verify().await;
        server.reset().await;
        token_route()
            .respond_with(ResponseTemplate::new(status).set_body_json(body.clone()))
            .expect(1)
            .mount(&server)
            .await;
        user_info().respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;

        let err = research(&server).profile("mayabakes").await.unwrap_err();

        assert!(matches!(err, SourceError::Unauthorized(_)), "{status} {body} gave {err:?}");
    }
}

#[tokio::test]
async fn a_token_answer_without_a_token_is_a_bad_payload() {
    let server = MockServer::start().await;
    token_route()
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "expires_in": 7200 })))
        .mount(&server)
        .await;

    let err = research(&server).profile("mayabakes").await.unwrap_err();

    assert!(matches!(err, SourceError::BadPayload(_)), "got {err:?}");
}

// ---- User info -------------------------------------------------------------------------------

#[tokio::test]
async fn profile_reads_user_info_and_asks_for_the_documented_fields() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    user_info()
        .and(query_param(
            "fields",
            "display_name,bio_description,avatar_url,is_verified,follower_count,following_count,likes_count,video_count",
        ))
        .and(body_partial_json(json!({ "username": "mayabakes" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .expect(1)
        .mount(&server)
        .await;

    let profile = research(&server).profile("@MayaBakes").await.expect("profile");

    assert_eq!(profile.handle, "mayabakes");
    assert_eq!(profile.platform_user_id, "mayabakes", "no user id in the documented fields");
    assert_eq!((profile.followers, profile.following, profile.likes, profile.videos), (284113, 412, 9120455, 731));
    assert_eq!(profile.display_name.as_deref(), Some("Maya Bakes"));
    assert!(!profile.counts_may_be_rounded && !profile.private && !profile.verified);
    assert_eq!(profile.fetched_at, research_now());
}

#[tokio::test]
async fn profile_accepts_string_counts_and_missing_optional_fields_and_reads_is_private() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let data = json!({ "follower_count": "12", "following_count": 1, "likes_count": "0", "video_count": 0, "is_private": true });
    user_info().respond_with(ResponseTemplate::new(200).set_body_json(research_ok(data))).mount(&server).await;

    let profile = research(&server).profile("quiet").await.expect("profile");

    assert_eq!((profile.followers, profile.likes), (12, 0));
    assert_eq!((profile.display_name, profile.bio, profile.avatar_url), (None, None, None));
    assert!(profile.private);
}

#[tokio::test]
async fn a_user_tiktok_cannot_find_is_not_found() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    user_info()
        .respond_with(
            ResponseTemplate::new(400).set_body_json(research_error(
                "invalid_params",
                "`username: gone_user` is invalid: cannot find the user",
            )),
        )
        .mount(&server)
        .await;

    assert_eq!(research(&server).profile("gone_user").await.unwrap_err(), SourceError::NotFound);
}

#[tokio::test]
async fn other_invalid_params_are_rejected() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    user_info()
        .respond_with(
            ResponseTemplate::new(400).set_body_json(research_error("invalid_params", "fields: unknown field")),
        )
        .mount(&server)
        .await;

    let err = research(&server).profile("a").await.unwrap_err();

    assert!(matches!(err, SourceError::Rejected(_)), "got {err:?}");
}

#[tokio::test]
async fn errors_inside_a_200_are_errors() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let cases: [(Value, Expected); 4] = [
        (research_error("internal_error", "try later"), |e| matches!(e, SourceError::Unavailable(_))),
        (research_error("scope_permission_missed", ""), |e| matches!(e, SourceError::Unauthorized(_))),
        (research_error("something_new", "?"), |e| matches!(e, SourceError::BadPayload(_))),
        (json!({ "data": research_user() }), |e| matches!(e, SourceError::BadPayload(_))),
    ];
    for (body, expected) in cases {
        server.verify().await;
        server.reset().await;
        mount_token(&server).await;
        user_info().respond_with(ResponseTemplate::new(200).set_body_json(body.clone())).mount(&server).await;

        let err = research(&server).profile("a").await.unwrap_err();

        assert!(expected(&err), "{body} gave {err:?}");
    }
}

#[tokio::test]
async fn negative_and_absurd_user_counts_are_bad_payloads() {
    let server = MockServer::start().await;
    for bad in [json!(-5), json!(9223372036854775808u64), json!("18446744073709551616")] {
        server.verify().await;
        server.reset().await;
        mount_token(&server).await;
        let mut data = research_user();
        data["follower_count"] = bad.clone();
        user_info().respond_with(ResponseTemplate::new(200).set_body_json(research_ok(data))).mount(&server).await;

        let err = research(&server).profile("a").await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "follower_count {bad} gave {err:?}");
    }
}

// ---- Rate limits and quota -------------------------------------------------------------------

#[tokio::test]
async fn a_quota_message_means_quota_exhausted_until_utc_midnight() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    user_info()
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_json(research_error("rate_limit_exceeded", "Daily quota limit exceeded")),
        )
        .mount(&server)
        .await;

    let err = research(&server).profile("a").await.unwrap_err();

    assert_eq!(
        err,
        SourceError::QuotaExhausted { resets_at: Some(Utc.with_ymd_and_hms(2026, 3, 16, 0, 0, 0).unwrap()) }
    );
}

#[tokio::test]
async fn rate_limits_that_persist_are_taken_for_the_daily_quota() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    user_info()
        .respond_with(ResponseTemplate::new(429).set_body_json(research_error("rate_limit_exceeded", "slow down")))
        .expect(4)
        .mount(&server)
        .await;
    let (clock, read) = manual_clock(research_now());
    let client = ResearchApi::new(CLIENT_KEY, CLIENT_SECRET, &server.uri(), options()).unwrap().with_clock(read);
    let advance = |seconds| {
        let mut now = clock.lock().unwrap();
        *now += Days::seconds(seconds);
    };

    // Three in quick succession are still short-term limits…
    for _ in 0..3 {
        assert_eq!(client.profile("a").await.unwrap_err(), SourceError::RateLimited { retry_after: None });
    }
    // …but still limited a minute after the first one, it is the day's quota.
    advance(61);
    assert_eq!(
        client.profile("a").await.unwrap_err(),
        SourceError::QuotaExhausted { resets_at: Some(Utc.with_ymd_and_hms(2026, 3, 16, 0, 0, 0).unwrap()) }
    );
}

#[tokio::test]
async fn a_success_ends_a_rate_limit_streak() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    user_info()
        .respond_with(ResponseTemplate::new(429).set_body_json(research_error("rate_limit_exceeded", "slow down")))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(research_user())))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    user_info()
        .respond_with(ResponseTemplate::new(429).set_body_json(research_error("rate_limit_exceeded", "slow down")))
        .with_priority(3)
        .mount(&server)
        .await;
    let (clock, read) = manual_clock(research_now());
    let client = ResearchApi::new(CLIENT_KEY, CLIENT_SECRET, &server.uri(), options()).unwrap().with_clock(read);

    for _ in 0..2 {
        assert!(matches!(client.profile("a").await, Err(SourceError::RateLimited { .. })));
    }
    client.profile("a").await.expect("the limit lifted");
    *clock.lock().unwrap() += Days::seconds(120);
    assert!(matches!(client.profile("a").await, Err(SourceError::RateLimited { .. })), "a new streak starts");
}

// ---- Video query -----------------------------------------------------------------------------

#[tokio::test]
async fn videos_walk_back_in_30_day_windows_paging_with_cursor_and_search_id() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let window = |start: &str, end: &str| body_partial_json(json!({ "start_date": start, "end_date": end }));
    // Window 1 (today back 29 days): two pages.
    video_query()
        .and(window("20260214", "20260315"))
        .and(body_partial_json(json!({ "max_count": 100 })))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(
            vec![research_video("mayabakes", 10), research_video("mayabakes", 9)],
            true,
            2,
            "search-1",
        )))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    video_query()
        .and(window("20260214", "20260315"))
        .and(body_partial_json(json!({ "cursor": 2, "search_id": "search-1" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(
            vec![research_video("mayabakes", 8)],
            false,
            3,
            "search-1",
        )))
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    // Window 2: nothing posted.
    video_query()
        .and(window("20260116", "20260214"))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(vec![], false, 0, "search-2")))
        .expect(1)
        .mount(&server)
        .await;
    // Window 3: enough to reach max; its second page is never asked for.
    video_query()
        .and(window("20251218", "20260116"))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(
            (1..=3).map(|n| research_video("mayabakes", n)).collect(),
            true,
            3,
            "search-3",
        )))
        .expect(1)
        .mount(&server)
        .await;

    let videos = research(&server).videos("mayabakes", None, 5).await.expect("videos");

    assert_eq!(videos.len(), 5);
    assert_eq!(videos[0].platform_id, "7468123456789000010", "ids keep every digit; newest first");
    assert_eq!(videos[0].hashtags, ["sourdough", "breadtok"]);
    assert_eq!(videos[0].share_url, "https://www.tiktok.com/@mayabakes/video/7468123456789000010");
    assert_eq!((videos[0].views, videos[0].likes, videos[0].saves), (731554, 48211, None));
    let sent = bodies(&server, "/v2/research/video/query/").await;
    assert_eq!(sent.len(), 4);
    for body in &sent {
        assert_eq!(
            body["query"],
            json!({ "and": [ { "operation": "EQ", "field_name": "username", "field_values": ["mayabakes"] } ] })
        );
    }
    assert!(sent[0].get("cursor").is_none() && sent[0].get("search_id").is_none(), "first page has no cursor");
    assert!(sent[2].get("cursor").is_none(), "a new window starts without a cursor");
    let fields = server.received_requests().await.unwrap_or_default();
    let query = fields
        .iter()
        .find(|r| r.url.path() == "/v2/research/video/query/")
        .map(|r| r.url.query().unwrap_or("").to_string());
    assert!(query.is_some_and(|q| q.contains("fields=id%2Cvideo_description%2Ccreate_time")), "fields are requested");
}

#[tokio::test]
async fn hashtag_videos_query_by_hashtag_name() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    video_query()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(
            vec![research_video("maya", 2), research_video("joe", 1)],
            false,
            2,
            "s",
        )))
        .expect(1)
        .mount(&server)
        .await;

    let videos = research(&server).hashtag_videos("#SourDough", 2).await.expect("videos");

    assert_eq!(videos.iter().map(|v| v.author_handle.as_str()).collect::<Vec<_>>(), ["maya", "joe"]);
    let sent = bodies(&server, "/v2/research/video/query/").await;
    assert_eq!(
        sent[0]["query"],
        json!({ "and": [ { "operation": "EQ", "field_name": "hashtag_name", "field_values": ["sourdough"] } ] })
    );
}

#[tokio::test]
async fn a_dormant_creator_costs_at_most_the_request_budget() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    video_query()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(vec![], false, 0, "s")))
        .expect(4)
        .mount(&server)
        .await;
    let client = research_with(&server, ClientOptions { videos_depth: 4, ..options() });

    assert_eq!(client.videos("quiet", None, 30).await, Ok(vec![]));
    let sent = bodies(&server, "/v2/research/video/query/").await;
    let ends: Vec<&str> = sent.iter().map(|b| b["end_date"].as_str().unwrap_or("")).collect();
    assert_eq!(ends, ["20260315", "20260214", "20260116", "20251218"]);
}

#[tokio::test]
async fn an_invalid_cursor_mid_walk_restarts_the_window_once() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    video_query()
        .and(body_partial_json(json!({ "cursor": 1 })))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(research_error("invalid_params", "Invalid count or cursor")),
        )
        .expect(2)
        .with_priority(1)
        .mount(&server)
        .await;
    video_query()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(
            vec![research_video("a", 1)],
            true,
            1,
            "s",
        )))
        .expect(2)
        .with_priority(2)
        .mount(&server)
        .await;

    let err = research(&server).videos("a", None, 30).await.unwrap_err();

    assert!(matches!(err, SourceError::Rejected(_)), "a second failure ends the walk, got {err:?}");
}

#[tokio::test]
async fn video_ids_as_strings_favourites_and_durations_are_read() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let mut video = research_video("a", 1);
    video["id"] = json!("7468123456789012345");
    video["favourites_count"] = json!(77);
    video["video_duration"] = json!("34");
    video["create_time"] = json!("1773000000");
    video_query()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(vec![video], false, 1, "s")))
        .mount(&server)
        .await;

    let videos = research(&server).videos("a", None, 30).await.expect("videos");

    assert_eq!(videos[0].platform_id, "7468123456789012345");
    assert_eq!((videos[0].saves, videos[0].duration_seconds), (Some(77), Some(34)));
}

#[tokio::test]
async fn a_video_without_hashtag_names_takes_its_captions_tags() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let mut bare = research_video("a", 1);
    bare["video_description"] = json!("new drop #LinenTee #fitcheck");
    bare.as_object_mut().unwrap().remove("hashtag_names");
    let mut listed = research_video("a", 2);
    listed["video_description"] = json!("again #linentee");
    listed["hashtag_names"] = json!(["gifted"]);
    video_query()
        .respond_with(ResponseTemplate::new(200).set_body_json(research_page(vec![bare, listed], false, 2, "s")))
        .mount(&server)
        .await;

    let videos = research(&server).videos("a", None, 30).await.expect("videos");

    assert_eq!(videos.len(), 2);
    assert!(videos.iter().any(|v| v.hashtags == ["linentee", "fitcheck"]), "the caption's tags: {videos:?}");
    assert!(videos.iter().any(|v| v.hashtags == ["gifted"]), "the listed tags win over the caption's");
}

#[tokio::test]
async fn negative_and_absurd_video_counts_are_bad_payloads() {
    let server = MockServer::start().await;
    for bad in [json!(-1), json!(9223372036854775808u64)] {
        server.verify().await;
        server.reset().await;
        mount_token(&server).await;
        let mut video = research_video("a", 1);
        video["view_count"] = bad.clone();
        video_query()
            .respond_with(ResponseTemplate::new(200).set_body_json(research_page(vec![video], false, 1, "s")))
            .mount(&server)
            .await;

        let err = research(&server).videos("a", None, 30).await.unwrap_err();

        assert!(matches!(err, SourceError::BadPayload(_)), "view_count {bad} gave {err:?}");
    }
}

fn comment_list() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v2/research/video/comment/list/"))
}

#[tokio::test]
async fn comments_read_the_real_comment_list_exactly() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let file = format!("{}/tests/fixtures/tiktok/researchapi-video-comment-list-1.json", env!("CARGO_MANIFEST_DIR"));
    let body: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    comment_list()
        .and(query_param("fields", "id,video_id,text,like_count,parent_comment_id,create_time"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let comments = research(&server).comments("anyone", "7385291383449439519", 50).await.expect("comments");

    assert_eq!(comments.len(), 6, "every top-level comment, empty texts included");
    assert_eq!(comments[0].id, "7386111312293610270", "ids above 2^53 kept exactly");
    let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["OMG so cute", "OMG pumpkin", "heart melting"]);
    assert!(comments.iter().all(|c| c.commenter_id.is_none() && c.likes == Some(0)));
    assert_eq!(comments[0].posted_at, Utc.timestamp_opt(1_719_713_129, 0).unwrap());
    // One page: `has_more` is false. The id goes as a number, exactly.
    let sent = bodies(&server, "/v2/research/video/comment/list/").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["video_id"].as_u64(), Some(7_385_291_383_449_439_519));
    assert_eq!((sent[0]["max_count"].as_u64(), sent[0]["cursor"].as_i64()), (Some(50), Some(0)));
}

#[tokio::test]
async fn comments_page_by_cursor_leave_out_replies_and_stop_at_max() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let comment = |id: u64, parent: u64| json!({"id": id, "video_id": 7, "parent_comment_id": parent, "text": format!("comment {id}"), "like_count": "3", "create_time": 1_719_713_129u64});
    comment_list()
        .and(body_partial_json(json!({"cursor": 0})))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(json!({
            "comments": [comment(1, 7), comment(2, 1), comment(3, 7)], "cursor": 3, "has_more": true
        }))))
        .mount(&server)
        .await;
    comment_list()
        .and(body_partial_json(json!({"cursor": 3})))
        .respond_with(ResponseTemplate::new(200).set_body_json(research_ok(json!({
            "comments": [comment(4, 7), comment(5, 7)], "cursor": 5, "has_more": true
        }))))
        .mount(&server)
        .await;

    let comments = research(&server).comments("a", "7", 3).await.expect("comments");

    assert_eq!(
        comments.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["1", "3", "4"],
        "the reply (2) is left out"
    );
    assert_eq!(comments[0].likes, Some(3));
    let sent = bodies(&server, "/v2/research/video/comment/list/").await;
    assert_eq!(
        sent.iter().map(|b| b["max_count"].as_u64().unwrap()).collect::<Vec<_>>(),
        [3, 1],
        "asks only for what is missing"
    );
}

#[tokio::test]
async fn comments_of_a_bad_video_id_call_nothing_and_errors_stay_errors() {
    let server = MockServer::start().await;
    mount_token(&server).await;
    let source = research(&server);
    assert!(matches!(source.comments("a", "not-an-id", 10).await, Err(SourceError::Rejected(_))));
    assert!(bodies(&server, "/v2/research/video/comment/list/").await.is_empty());
    comment_list()
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"data": {}, "error": {"code": "invalid_params", "message": "video_id not found"}}),
            ),
        )
        .mount(&server)
        .await;
    assert!(source.comments("a", "123", 10).await.is_err());
}

#[tokio::test]
async fn user_search_is_unsupported_and_calls_nothing() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(500)).expect(0).mount(&server).await;
    let client = research(&server);

    assert_eq!(client.search_users("maya", 10).await, Err(SourceError::Unsupported));
    assert_eq!(client.name(), "research");
    assert!(!client.capabilities().user_search);
    assert!(!format!("{client:?}").contains(CLIENT_SECRET), "Debug must not print the secret");
}
