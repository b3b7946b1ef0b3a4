//! Login Kit client against a wiremock server playing TikTok's documented shapes (reference §4):
//! the authorize URL, code exchange and refresh (form bodies, lifetimes read from the
//! answer, rotation), OAuth error bodies, the Display API's `error.code` envelope and video paging.

mod common;

use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{body_partial_json, body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zzyzx_sources::tiktok_login::{LOGIN_SCOPES, code_challenge};
use zzyzx_sources::{AccountError, LoginConfig, SourceError, TikTokLogin};

const REDIRECT: &str = "https://zzyzx.example/api/v1/connect/callback";
const ACCESS: &str = "act.example-access";
const REFRESH: &str = "rft.example-refresh";

fn login(server: &MockServer) -> TikTokLogin {
    TikTokLogin::new(
        LoginConfig {
            client_key: CLIENT_KEY.into(),
            client_secret: CLIENT_SECRET.into(),
            redirect_url: REDIRECT.into(),
            authorize_url: format!("{}/v2/auth/authorize/", server.uri()),
            api_base_url: server.uri(),
        },
        options(),
    )
    .expect("client")
}

fn token_answer(access: &str, refresh: &str, scope: &str) -> Value {
    json!({
        "access_token": access, "expires_in": 86400, "open_id": "-000Example1a2b3c4d5e6f",
        "refresh_expires_in": 31536000, "refresh_token": refresh, "scope": scope, "token_type": "Bearer"
    })
}

fn ok(data: Value) -> Value {
    json!({"data": data, "error": {"code": "ok", "message": "", "log_id": "20250301123500ABCDEF0123456789CD"}})
}

fn failure(code: &str, message: &str) -> Value {
    json!({"error": {"code": code, "message": message, "log_id": "20250301123500ABCDEF0123456789CD"}})
}

fn oauth_error(code: &str, description: &str) -> Value {
    json!({"error": code, "error_description": description, "log_id": "20250301123500ABCDEF0123456789CD"})
}

/// The documented example user (reference §4.4).
fn user() -> Value {
    json!({"user": {
        "open_id": "-000Example1a2b3c4d5e6f", "union_id": "c9e1Example-union",
        "avatar_url": "https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/example~c5_168x168.jpeg",
        "display_name": "Maya\u{0000} Bakes", "username": "MayaBakes", "bio_description": "sourdough + chaos",
        "is_verified": false, "follower_count": 284113, "following_count": 412, "likes_count": 9120455, "video_count": 731
    }})
}

fn video(n: u64) -> Value {
    json!({
        "id": format!("74681234567890{n:05}"), "create_time": 1739112000 - n as i64 * 86400,
        "cover_image_url": "https://p16-sign.tiktokcdn-us.com/example?x-expires=1739200000",
        "share_url": format!("https://www.tiktok.com/@mayabakes/video/74681234567890{n:05}"),
        "video_description": "day 3 of the starter saga #Sourdough #bread", "duration": 34, "title": "starter saga",
        "like_count": 48211, "comment_count": 612, "share_count": 1904, "view_count": 731554
    })
}

/// A status and body TikTok answers, and what the client should make of them.
type ErrorCase = (u16, Value, fn(&AccountError) -> bool);

#[test]
fn the_authorize_url_asks_for_the_scopes_with_state_and_a_pkce_challenge() {
    let client = TikTokLogin::new(
        LoginConfig {
            client_key: CLIENT_KEY.into(),
            client_secret: CLIENT_SECRET.into(),
            redirect_url: REDIRECT.into(),
            authorize_url: LoginConfig::AUTHORIZE_URL.into(),
            api_base_url: LoginConfig::API_BASE_URL.into(),
        },
        options(),
    )
    .unwrap();
    let url = reqwest::Url::parse(&client.authorize_url("state-123", "verifier-abc")).unwrap();
    assert_eq!(url.as_str().split('?').next(), Some("https://www.tiktok.com/v2/auth/authorize/"));
    let pairs: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(pairs["client_key"], CLIENT_KEY);
    assert_eq!(pairs["scope"], LOGIN_SCOPES);
    assert_eq!(pairs["response_type"], "code");
    assert_eq!(pairs["redirect_uri"], REDIRECT);
    assert_eq!(pairs["state"], "state-123");
    assert_eq!(pairs["code_challenge"], code_challenge("verifier-abc"));
    assert_eq!(pairs["code_challenge_method"], "S256");
    assert!(!url.as_str().contains(CLIENT_SECRET));
}

#[test]
fn a_redirect_url_with_a_query_is_refused() {
    let config = LoginConfig {
        client_key: CLIENT_KEY.into(),
        client_secret: CLIENT_SECRET.into(),
        redirect_url: "https://zzyzx.example/callback?x=1".into(),
        authorize_url: LoginConfig::AUTHORIZE_URL.into(),
        api_base_url: LoginConfig::API_BASE_URL.into(),
    };
    assert!(TikTokLogin::new(config, options()).is_err());
}

#[tokio::test]
async fn a_code_is_exchanged_with_the_verifier_and_the_granted_scopes_are_read() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains("code=the-code"))
        .and(body_string_contains("code_verifier=the-verifier"))
        .and(body_string_contains(format!("client_secret={CLIENT_SECRET}")))
        .and(body_string_contains("redirect_uri=https%3A%2F%2Fzzyzx.example%2Fapi%2Fv1%2Fconnect%2Fcallback"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_answer(
            ACCESS,
            REFRESH,
            "user.info.basic,user.info.profile",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let grant = login(&server).exchange_code("the-code", "the-verifier").await.unwrap();
    assert_eq!(grant.open_id, "-000Example1a2b3c4d5e6f");
    assert_eq!(grant.scopes, ["user.info.basic", "user.info.profile"]);
    assert_eq!((grant.expires_in, grant.refresh_expires_in), (86400, 31536000));
    assert_eq!((grant.access_token.as_str(), grant.refresh_token.as_str()), (ACCESS, REFRESH));
    assert!(!format!("{grant:?}").contains(ACCESS), "tokens never print");
}

#[tokio::test]
async fn a_refresh_returns_the_rotated_refresh_token_and_the_newer_lifetimes() {
    let server = MockServer::start().await;
    let mut rotated = token_answer("act.new", "rft.new", LOGIN_SCOPES);
    rotated["expires_in"] = json!(7200);
    rotated["refresh_expires_in"] = json!("15552000");
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(format!("refresh_token={REFRESH}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(rotated))
        .expect(1)
        .mount(&server)
        .await;
    let grant = login(&server).refresh(REFRESH).await.unwrap();
    assert_eq!((grant.access_token.as_str(), grant.refresh_token.as_str()), ("act.new", "rft.new"));
    assert_eq!((grant.expires_in, grant.refresh_expires_in), (7200, 15552000));
    assert_eq!(grant.scopes.len(), 4);
}

#[tokio::test]
async fn oauth_error_bodies_are_told_apart() {
    let cases: [ErrorCase; 6] = [
        (400, oauth_error("invalid_grant", "Refresh token is expired."), |e| {
            matches!(e, AccountError::AuthorizationGone(_))
        }),
        (400, oauth_error("access_denied", "The user denied."), |e| matches!(e, AccountError::AuthorizationGone(_))),
        (401, oauth_error("invalid_client", "Client key or secret is incorrect."), |e| {
            matches!(e, AccountError::Source(SourceError::Unauthorized(_)))
        }),
        (
            400,
            oauth_error("invalid_request", "Code verifier or code challenge is invalid."),
            |e| matches!(e, AccountError::Source(SourceError::Rejected(m)) if m.contains("code challenge")),
        ),
        (429, oauth_error("rate_limit_exceeded", ""), |e| {
            matches!(e, AccountError::Source(SourceError::RateLimited { .. }))
        }),
        // TikTok answers errors with 200 too.
        (
            200,
            oauth_error("invalid_grant", "Authorization code is expired."),
            |e| matches!(e, AccountError::AuthorizationGone(m) if m.contains("expired")),
        ),
    ];
    for (status, body, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(path("/v2/oauth/token/"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body.clone()))
            .mount(&server)
            .await;
        let error = login(&server).refresh(REFRESH).await.unwrap_err();
        assert!(expected(&error), "{status} {body}: {error:?}");
    }
}

#[tokio::test]
async fn a_token_answer_without_tokens_or_with_html_is_a_bad_payload() {
    for template in [
        ResponseTemplate::new(200).set_body_json(json!({"open_id": "x", "expires_in": 1})),
        ResponseTemplate::new(200).set_body_string("<html>blocked</html>"),
        ResponseTemplate::new(502).set_body_string("bad gateway"),
    ] {
        let server = MockServer::start().await;
        Mock::given(path("/v2/oauth/token/")).respond_with(template).mount(&server).await;
        let error = login(&server).exchange_code("c", "v").await.unwrap_err();
        assert!(
            matches!(error, AccountError::Source(SourceError::BadPayload(_) | SourceError::Unavailable(_))),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn user_info_reads_exact_counts_and_cleans_the_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/user/info/"))
        .and(header("authorization", format!("Bearer {ACCESS}")))
        .and(query_param("fields", "open_id,union_id,avatar_url,display_name,username,bio_description,is_verified,follower_count,following_count,likes_count,video_count"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(user())))
        .mount(&server)
        .await;
    let profile = login(&server).user_info(ACCESS).await.unwrap();
    assert_eq!(profile.username.as_deref(), Some("mayabakes"));
    assert_eq!(profile.display_name.as_deref(), Some("Maya Bakes"));
    assert_eq!((profile.followers, profile.likes, profile.videos), (Some(284113), Some(9120455), Some(731)));
}

#[tokio::test]
async fn user_info_without_the_stats_scope_has_no_counts() {
    let server = MockServer::start().await;
    let basic = json!({"user": {"open_id": "-000Example", "display_name": "Maya", "username": "mayabakes"}});
    Mock::given(path("/v2/user/info/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(basic)))
        .mount(&server)
        .await;
    let profile = login(&server).user_info(ACCESS).await.unwrap();
    assert_eq!(profile.followers, None);
}

#[tokio::test]
async fn display_api_errors_are_read_from_error_code() {
    let cases: [ErrorCase; 6] = [
        (401, failure("access_token_invalid", "The access token is invalid or not found in the request."), |e| {
            matches!(e, AccountError::TokenInvalid(_))
        }),
        (401, failure("scope_not_authorized", "The user did not authorize the scope required."), |e| {
            matches!(e, AccountError::ScopeMissing(_))
        }),
        (429, failure("rate_limit_exceeded", "Too many requests."), |e| {
            matches!(e, AccountError::Source(SourceError::RateLimited { .. }))
        }),
        (500, failure("internal_error", "Something went wrong."), |e| {
            matches!(e, AccountError::Source(SourceError::Unavailable(_)))
        }),
        (200, json!({"data": {}}), |e| matches!(e, AccountError::Source(SourceError::BadPayload(_)))),
        (401, json!({}), |e| matches!(e, AccountError::TokenInvalid(_))),
    ];
    for (status, body, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(path("/v2/user/info/"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body.clone()))
            .mount(&server)
            .await;
        let error = login(&server).user_info(ACCESS).await.unwrap_err();
        assert!(expected(&error), "{status} {body}: {error:?}");
    }
}

#[tokio::test]
async fn videos_are_paged_with_the_answers_cursor_until_has_more_is_false() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(body_partial_json(json!({"cursor": 1738000000000u64})))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(json!({
            "videos": [video(20), video(21)], "cursor": 1737000000000u64, "has_more": false
        }))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .and(body_partial_json(json!({"max_count": 20})))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(json!({
            "videos": (0..20).map(video).collect::<Vec<_>>(), "cursor": 1738000000000u64, "has_more": true
        }))))
        .expect(1)
        .mount(&server)
        .await;
    let videos = login(&server).videos(ACCESS, "@MayaBakes", 50).await.unwrap();
    assert_eq!(videos.len(), 22);
    let newest = &videos[0];
    assert_eq!(newest.platform_id, "7468123456789000000");
    assert_eq!(newest.author_handle, "mayabakes");
    assert_eq!((newest.views, newest.likes, newest.saves), (731554, 48211, None));
    assert_eq!(newest.hashtags, ["sourdough", "bread"]);
    assert_eq!(newest.duration_seconds, Some(34));
}

#[tokio::test]
async fn a_video_with_an_id_as_a_rounded_number_fails_the_call() {
    let server = MockServer::start().await;
    let mut bad = video(1);
    bad["id"] = json!(7.468123456789e18);
    Mock::given(path("/v2/video/list/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(ok(json!({"videos": [bad], "cursor": 0, "has_more": false}))),
        )
        .mount(&server)
        .await;
    let error = login(&server).videos(ACCESS, "mayabakes", 10).await.unwrap_err();
    assert!(matches!(error, AccountError::Source(SourceError::BadPayload(_))), "{error:?}");
}

#[tokio::test]
async fn revoke_posts_the_token_with_the_app_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/oauth/revoke/"))
        .and(body_string_contains(format!("token={ACCESS}")))
        .and(body_string_contains(format!("client_key={CLIENT_KEY}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    login(&server).revoke(ACCESS).await.unwrap();
}
