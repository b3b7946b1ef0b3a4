//! Creator-connected accounts end to end, against wiremock playing TikTok's OAuth, Display API and
//! API for Business: the brand's link, the creator's consent (granted, denied, a forged or replayed
//! `state`, another account, missing scopes), sealed tokens, reads labelled `connected` and private
//! to the workspace, refresh with rotation, a revoked refresh token, disconnecting, and the
//! feature switched off. Then business access, the second step: the API for Business's own
//! authorization, the audience read with its token in `Access-Token`, its refresh and revocation,
//! its error envelope, and ending it alone or with the connection.

use crate::both_databases;
use crate::helpers::*;
use base64::Engine;
use chrono::{Duration as ChronoDuration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use wiremock::matchers::{body_partial_json, body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zzyzx::services::connections::{self, ConnectSetup, Connector};
use zzyzx::store::ConnectionStatus;

const ACCESS: &str = "act.first-access-token";
const REFRESH: &str = "rft.first-refresh-token";

fn connector(server: &MockServer) -> Arc<Connector> {
    test_connector(&server.uri())
}

async fn app_with(db: Db, connector: &Arc<Connector>) -> TestApp {
    let connector = connector.clone();
    spawn_app_with(db, move |state| state.connect = ConnectSetup::On(connector)).await
}

fn token_answer(access: &str, refresh: &str, scope: &str) -> Value {
    json!({"access_token": access, "expires_in": 86400, "open_id": "-000open", "refresh_expires_in": 31536000,
           "refresh_token": refresh, "scope": scope, "token_type": "Bearer"})
}

const ALL_SCOPES: &str = "user.info.basic,user.info.profile,user.info.stats,video.list";

fn ok(data: Value) -> Value {
    json!({"data": data, "error": {"code": "ok", "message": "", "log_id": "log"}})
}

fn user(username: &str, followers: i64) -> Value {
    ok(json!({"user": {"open_id": "-000open", "display_name": "Maya", "username": username, "is_verified": false,
        "follower_count": followers, "following_count": 12, "likes_count": 9000, "video_count": 31}}))
}

async fn mount_account(server: &MockServer, username: &str, followers: i64) {
    Mock::given(method("GET"))
        .and(path("/v2/user/info/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user(username, followers)))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/video/list/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(json!({
            "videos": [{"id": "7468000000000000001", "create_time": Utc::now().timestamp() - 3600,
                        "video_description": "wearing @sunnythreads #ad", "duration": 21,
                        "view_count": 5000, "like_count": 400, "comment_count": 12, "share_count": 3}],
            "cursor": 0, "has_more": false}))))
        .mount(server)
        .await;
}

async fn mount_exchange(server: &MockServer, scope: &str) {
    Mock::given(method("POST"))
        .and(path("/v2/oauth/token/"))
        .and(body_string_contains("grant_type=authorization_code"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_answer(ACCESS, REFRESH, scope)))
        .mount(server)
        .await;
}

/// A workspace tracking `handle` in a list: (owner, creator id).
async fn tracked(app: &TestApp, handle: &str) -> (TestUser, String) {
    let owner = app.new_user().await;
    let list = app.create_list(&owner, "Seeding").await;
    let item = app.add_item(&owner, list["id"].as_str().unwrap(), handle).await;
    (owner, item["creator"]["id"].as_str().unwrap().to_owned())
}

/// The latest counts' source, as the workspace's lists show it.
async fn latest_in_lists(app: &TestApp, user: &TestUser) -> Value {
    let lists = expect_json(app.get(&user.token, "/lists").await, StatusCode::OK).await;
    let items = app.items(user, lists["items"][0]["id"].as_str().unwrap()).await;
    items["items"][0]["latest"]["source"].clone()
}

async fn make_link(app: &TestApp, owner: &TestUser, creator: &str) -> String {
    let created = expect_json(
        app.post(&owner.token, &format!("/creators/{creator}/connection"), json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let token = created["token"].as_str().unwrap().to_owned();
    assert_eq!(created["path"], format!("/connect#{token}"));
    token
}

/// Presses "Connect": the `state` and `code_challenge` TikTok's page was sent.
async fn authorize(app: &TestApp, link: &str) -> HashMap<String, String> {
    let answer = expect_json(
        app.send(Method::POST, "/connect/authorize", None, Some(json!({"token": link}))).await,
        StatusCode::OK,
    )
    .await;
    let url = reqwest::Url::parse(answer["authorize_url"].as_str().unwrap()).unwrap();
    url.query_pairs().into_owned().collect()
}

async fn callback(app: &TestApp, query: &str) -> String {
    let response = app.client.get(app.url(&format!("/connect/callback?{query}"))).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn connection(app: &TestApp, owner: &TestUser, creator: &str) -> Value {
    expect_json(app.get(&owner.token, &format!("/creators/{creator}/connection")).await, StatusCode::OK).await
}

/// Makes the link, authorizes and comes back with a code: connected.
async fn connect(app: &TestApp, owner: &TestUser, creator: &str) -> String {
    let link = make_link(app, owner, creator).await;
    let sent = authorize(app, &link).await;
    let location = callback(app, &format!("code=the-code&state={}&scopes={ALL_SCOPES}", sent["state"])).await;
    assert!(location.starts_with("/connect/done?outcome=connected"), "{location}");
    link
}

const BUSINESS_ACCESS: &str = "act.business-first";
const BUSINESS_REFRESH: &str = "rft.business-first";
const BUSINESS_ID: &str = "-000business";
const BUSINESS_TOKEN: &str = "/open_api/v1.3/tt_user/oauth2/token/";
const BUSINESS_REFRESH_PATH: &str = "/open_api/v1.3/tt_user/oauth2/refresh_token/";
const BUSINESS_REVOKE: &str = "/open_api/v1.3/tt_user/oauth2/revoke/";
const BUSINESS_GET: &str = "/open_api/v1.3/business/get/";

/// The API for Business's envelope.
fn envelope(code: i64, message: &str, data: Value) -> Value {
    json!({"code": code, "message": message, "request_id": "202512130000", "data": data})
}

fn business_grant(access: &str, refresh: &str, expires_in: i64) -> Value {
    envelope(
        0,
        "OK",
        json!({"open_id": BUSINESS_ID, "access_token": access, "refresh_token": refresh,
        "expires_in": expires_in, "refresh_token_expires_in": 31536000, "scope": "user.info.basic,user.insights,user.account.type"}),
    )
}

fn business_account(username: &str) -> Value {
    envelope(
        0,
        "OK",
        json!({"username": username,
        "audience_countries": [{"country": "US", "percentage": 0.6}, {"country": "CA", "percentage": 0.1}],
        "audience_genders": [{"gender": "Female", "percentage": 0.7}, {"gender": "Male", "percentage": 0.3}],
        "audience_ages": [{"age": "18-24", "percentage": 0.5}]}),
    )
}

async fn mount_business_exchange(server: &MockServer, expires_in: i64) {
    Mock::given(method("POST"))
        .and(path(BUSINESS_TOKEN))
        .and(body_partial_json(json!({"grant_type": "authorization_code"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(business_grant(
            BUSINESS_ACCESS,
            BUSINESS_REFRESH,
            expires_in,
        )))
        .mount(server)
        .await;
}

/// `/business/get/` answering `body` to `token` (in `Access-Token`).
async fn mount_business_get(server: &MockServer, token: &str, body: Value) {
    Mock::given(method("GET"))
        .and(path(BUSINESS_GET))
        .and(header("access-token", token))
        .and(query_param("business_id", BUSINESS_ID))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

async fn requests_to(server: &MockServer, at: &str) -> Vec<Request> {
    server.received_requests().await.unwrap().into_iter().filter(|r| r.url.path() == at).collect()
}

/// Presses "Share audience demographics": what TikTok's page was sent.
async fn authorize_business(app: &TestApp, link: &str) -> HashMap<String, String> {
    let answer = expect_json(
        app.send(Method::POST, "/connect/business/authorize", None, Some(json!({"token": link}))).await,
        StatusCode::OK,
    )
    .await;
    let url = reqwest::Url::parse(answer["authorize_url"].as_str().unwrap()).unwrap();
    url.query_pairs().into_owned().collect()
}

async fn business_callback(app: &TestApp, query: &str) -> String {
    let response = app.client.get(app.url(&format!("/connect/business/callback?{query}"))).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The connection's business access, as the brand sees it.
async fn business_of(app: &TestApp, owner: &TestUser, creator: &str) -> Value {
    connection(app, owner, creator).await["business"].clone()
}

/// Authorizes business access from the link and comes back with a code: connected.
async fn share_audience(app: &TestApp, link: &str) {
    let sent = authorize_business(app, link).await;
    let location = business_callback(app, &format!("code=business-code&state={}", sent["state"])).await;
    assert_eq!(location, "/connect/done?step=business&outcome=connected&handle=mayabakes");
}

/// Claims the connection due at `at` and reads it.
async fn read_at(app: &TestApp, connector: &Arc<Connector>, at: chrono::DateTime<Utc>) -> connections::SyncResult {
    let due = app.store.claim_due_connections(at, at + ChronoDuration::minutes(10), 10).await.unwrap();
    assert_eq!(due.len(), 1, "one connection due at {at}");
    connections::sync_one(app.store.as_ref(), connector, due[0].clone(), at).await.unwrap()
}

/// The connected audience profiles of the creator, as the brand sees them.
async fn connected_audiences(app: &TestApp, owner: &TestUser, creator: &str) -> Vec<Value> {
    let audience =
        expect_json(app.get(&owner.token, &format!("/creators/{creator}/audience")).await, StatusCode::OK).await;
    audience.as_array().unwrap().iter().filter(|p| p["kind"] == "connected").cloned().collect()
}

both_databases! {
    db:
    async fn a_creator_connects_and_their_exact_numbers_are_read_privately(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "MayaBakes", 284_113).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = make_link(&app, &owner, &creator).await;

        let preview = expect_json(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": link}))).await, StatusCode::OK).await;
        assert_eq!((preview["handle"].as_str(), preview["status"].as_str()), (Some("mayabakes"), Some("pending")));
        assert_eq!(preview["disabled_reason"], Value::Null);

        let sent = authorize(&app, &link).await;
        assert_eq!(sent["code_challenge_method"], "S256");
        assert_eq!(sent["scope"], ALL_SCOPES);
        assert_eq!(sent["redirect_uri"], "http://127.0.0.1:8080/api/v1/connect/callback");
        // The verifier behind the challenge is the one the code exchange sends.
        let state = sent["state"].clone();
        let location = callback(&app, &format!("code=the-code&state={state}&scopes={ALL_SCOPES}")).await;
        assert_eq!(location, "/connect/done?outcome=connected&handle=mayabakes");
        let exchange = server.received_requests().await.unwrap().into_iter().find(|r| r.url.path() == "/v2/oauth/token/").unwrap();
        let form: HashMap<String, String> = url::form_urlencoded::parse(&exchange.body).into_owned().collect();
        assert_eq!(zzyzx_sources::tiktok_login::code_challenge(&form["code_verifier"]), sent["code_challenge"]);

        // The state works once.
        let replayed = callback(&app, &format!("code=the-code&state={state}")).await;
        assert_eq!(replayed, "/connect/done?outcome=invalid_state");

        let shown = connection(&app, &owner, &creator).await;
        assert_eq!(shown["status"], "connected");
        assert_eq!(shown["scopes"].as_array().unwrap().len(), 4);

        // Tokens are sealed at rest.
        let due = app.store.claim_due_connections(Utc::now(), Utc::now() + ChronoDuration::minutes(10), 10).await.unwrap();
        assert_eq!(due.len(), 1);
        let sealed = due[0].access_token.clone().unwrap();
        assert!(!sealed.windows(ACCESS.len()).any(|w| w == ACCESS.as_bytes()));
        assert_eq!(connector.sealer.open_text(&sealed, due[0].id, "access_token").unwrap(), ACCESS);

        let result = connections::sync_one(app.store.as_ref(), &connector, due[0].clone(), Utc::now()).await.unwrap();
        assert_eq!(result, connections::SyncResult::Read);
        let owner_ws = owner.workspace_id;
        let creator_id = creator.parse().unwrap();
        let snapshots = app.store.snapshots(owner_ws, creator_id, Utc::now() - ChronoDuration::days(1), Utc::now()).await.unwrap();
        let connected: Vec<_> = snapshots.iter().filter(|s| s.source == "connected").collect();
        assert_eq!(connected.len(), 1);
        assert_eq!(connected[0].followers, 284_113);
        let videos = expect_json(app.get(&owner.token, &format!("/creators/{creator}/videos")).await, StatusCode::OK).await;
        assert!(videos["items"].as_array().unwrap().iter().any(|v| v["source"] == "connected" && v["views"] == 5000), "{videos}");
        // The Login Kit token reads no audience: that takes business access.
        assert!(server.received_requests().await.unwrap().iter().all(|r| r.url.path() != BUSINESS_GET), "the Login Kit token never goes to the API for Business");
        let audience = expect_json(app.get(&owner.token, &format!("/creators/{creator}/audience")).await, StatusCode::OK).await;
        assert_eq!(audience, json!([]));
        let shown = connection(&app, &owner, &creator).await;
        assert!(shown["last_synced_at"].is_string() && shown["next_sync_at"].is_string());

        // While connected, the connection's counts win: a fetched snapshot of the span is hidden
        // from this workspace (and only from it).
        let fetched_at = Utc::now();
        let fetched = zzyzx::domain::MetricPoint { captured_at: fetched_at, followers: 284_000, following: 12, likes: 9000, videos: 31 };
        app.store.write_fetched_snapshots(&[(creator_id, fetched)], "tikapi", fetched_at).await.unwrap();
        let snapshots = app.store.snapshots(owner_ws, creator_id, Utc::now() - ChronoDuration::days(1), Utc::now()).await.unwrap();
        assert!(snapshots.iter().all(|s| s.source != "tikapi"), "{snapshots:?}");
        let profile = expect_json(app.get(&owner.token, &format!("/creators/{creator}")).await, StatusCode::OK).await;
        assert_eq!(profile["latest"]["source"], "connected", "{profile}");
        assert_eq!(latest_in_lists(&app, &owner).await, "connected");
        let inputs = app.store.creator_inputs(owner_ws, zzyzx::store::CreatorScope::One(creator_id), Utc::now() - ChronoDuration::days(1), None).await.unwrap();
        let points: Vec<i64> = inputs[&creator_id].snapshots.iter().map(|point| point.1).collect();
        assert!(points.contains(&284_113) && !points.contains(&284_000), "analytics read the connection's counts: {points:?}");

        // Another workspace tracking the same creator sees none of it.
        let other = app.new_user().await;
        let list = app.create_list(&other, "Mine").await;
        app.add_item(&other, list["id"].as_str().unwrap(), "mayabakes").await;
        let theirs = app.store.snapshots(other.workspace_id, creator_id, Utc::now() - ChronoDuration::days(1), Utc::now()).await.unwrap();
        assert!(theirs.iter().all(|s| s.source != "connected"));
        assert!(theirs.iter().any(|s| s.source == "tikapi"), "the fetched snapshot is theirs to see");
        assert_eq!(latest_in_lists(&app, &other).await, "tikapi");
        let found = expect_json(app.get(&owner.token, "/creators/search?q=maya").await, StatusCode::OK).await;
        assert_eq!(found["items"][0]["followers"], 284_113, "{found}");
        expect_problem(app.get(&other.token, &format!("/creators/{creator}/connection")).await, StatusCode::NOT_FOUND, "not_found").await;
        let audience = expect_json(app.get(&other.token, &format!("/creators/{creator}/audience")).await, StatusCode::OK).await;
        assert_eq!(audience, json!([]));
        let listed = expect_json(app.get(&other.token, "/connections").await, StatusCode::OK).await;
        assert_eq!(listed["items"], json!([]));
    }

    async fn a_denied_consent_a_forged_state_and_an_old_one_connect_nothing(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = make_link(&app, &owner, &creator).await;

        let sent = authorize(&app, &link).await;
        let denied = callback(&app, &format!("error=access_denied&error_description=The+user+denied&state={}", sent["state"])).await;
        assert_eq!(denied, "/connect/done?outcome=denied");
        // The brand sees why, on the still pending connection; a forged state tells it nothing.
        let pending = connection(&app, &owner, &creator).await;
        assert_eq!((pending["status"].as_str(), pending["last_error"].as_str()), (Some("pending"), Some("The creator declined on TikTok.")));
        assert_eq!(callback(&app, "code=the-code&state=forged").await, "/connect/done?outcome=invalid_state");
        assert_eq!(callback(&app, "code=the-code").await, "/connect/done?outcome=invalid_state");
        // A second "Connect" replaces the first authorization: the first state is dead.
        let first = authorize(&app, &link).await;
        let _second = authorize(&app, &link).await;
        assert_eq!(callback(&app, &format!("code=c&state={}", first["state"])).await, "/connect/done?outcome=invalid_state");
        assert_eq!(connection(&app, &owner, &creator).await["status"], "pending");
        assert!(server.received_requests().await.unwrap().iter().all(|r| r.url.path() != "/v2/oauth/token/"));
    }

    async fn another_account_or_missing_scopes_are_refused_and_the_token_revoked(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "someone.else", 10).await;
        Mock::given(path("/v2/oauth/revoke/")).and(body_string_contains(format!("token={ACCESS}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).expect(1).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = make_link(&app, &owner, &creator).await;
        let sent = authorize(&app, &link).await;
        let location = callback(&app, &format!("code=c&state={}", sent["state"])).await;
        assert_eq!(location, "/connect/done?outcome=wrong_account&handle=mayabakes&authorized=someone.else");
        let pending = connection(&app, &owner, &creator).await;
        assert_eq!(pending["status"], "pending");
        assert_eq!(pending["last_error"], "The creator authorized another account (@someone.else).");

        let server = MockServer::start().await;
        let connector = self::connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, "user.info.basic,video.list").await;
        Mock::given(path("/v2/oauth/revoke/")).respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).expect(1).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = make_link(&app, &owner, &creator).await;
        let sent = authorize(&app, &link).await;
        let location = callback(&app, &format!("code=c&state={}", sent["state"])).await;
        assert_eq!(location, "/connect/done?outcome=missing_scopes&handle=mayabakes");
        assert_eq!(connection(&app, &owner, &creator).await["last_error"], "The creator left out permissions zzyzx needs.");
    }

    async fn an_expired_code_or_tiktok_errors_end_on_a_page_not_an_error(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        Mock::given(path("/v2/oauth/token/"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"error": "invalid_grant", "error_description": "Authorization code is expired.", "log_id": "l"})))
            .up_to_n_times(1).mount(&server).await;
        Mock::given(path("/v2/oauth/token/")).respond_with(ResponseTemplate::new(500).set_body_string("oops")).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = make_link(&app, &owner, &creator).await;
        let sent = authorize(&app, &link).await;
        assert_eq!(callback(&app, &format!("code=old&state={}", sent["state"])).await, "/connect/done?outcome=denied");
        let sent = authorize(&app, &link).await;
        assert_eq!(callback(&app, &format!("code=c&state={}", sent["state"])).await, "/connect/done?outcome=failed&handle=mayabakes");
    }

    async fn tokens_are_refreshed_before_expiry_and_a_rotated_refresh_token_is_kept(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        Mock::given(method("POST")).and(path("/v2/oauth/token/")).and(body_string_contains("grant_type=authorization_code"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": ACCESS, "expires_in": 600, "open_id": "-000open",
                "refresh_expires_in": 15552000, "refresh_token": REFRESH, "scope": ALL_SCOPES, "token_type": "Bearer"})))
            .mount(&server).await;
        Mock::given(path("/v2/oauth/token/")).and(body_string_contains(format!("refresh_token={REFRESH}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_answer("act.second", "rft.second", ALL_SCOPES)))
            .expect(1).mount(&server).await;
        mount_account(&server, "mayabakes", 100).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        connect(&app, &owner, &creator).await;

        // Ten minutes left: refreshed first, and the new tokens stored.
        let due = app.store.claim_due_connections(Utc::now(), Utc::now() + ChronoDuration::minutes(10), 10).await.unwrap();
        assert_eq!(connections::sync_one(app.store.as_ref(), &connector, due[0].clone(), Utc::now()).await.unwrap(), connections::SyncResult::Read);
        let reads: Vec<_> = server.received_requests().await.unwrap().into_iter().filter(|r| r.url.path() == "/v2/user/info/").collect();
        assert_eq!(reads.len(), 2, "one to check the account at connection, one read");
        assert_eq!(reads[1].headers["authorization"], "Bearer act.second");
        let later = Utc::now() + ChronoDuration::hours(7);
        let due = app.store.claim_due_connections(later, later + ChronoDuration::minutes(10), 10).await.unwrap();
        assert_eq!(connector.sealer.open_text(due[0].refresh_token.as_ref().unwrap(), due[0].id, "refresh_token").unwrap(), "rft.second");
    }

    async fn a_refused_token_is_refreshed_once_and_a_revoked_authorization_keeps_the_history(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        Mock::given(path("/v2/user/info/")).and(wiremock::matchers::header("authorization", format!("Bearer {ACCESS}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(user("mayabakes", 100))).up_to_n_times(2).mount(&server).await;
        Mock::given(path("/v2/user/info/"))
            .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {"code": "access_token_invalid", "message": "The access token is invalid or not found in the request.", "log_id": "l"}})))
            .mount(&server).await;
        Mock::given(path("/v2/video/list/")).respond_with(ResponseTemplate::new(200).set_body_json(ok(json!({"videos": [], "cursor": 0, "has_more": false})))).mount(&server).await;
        Mock::given(path("/v2/oauth/token/")).and(body_string_contains("grant_type=refresh_token"))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_grant", "error_description": "Refresh token is invalid or expired.", "log_id": "l"})))
            .expect(1).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        connect(&app, &owner, &creator).await;
        let due = app.store.claim_due_connections(Utc::now(), Utc::now() + ChronoDuration::minutes(10), 10).await.unwrap();
        assert_eq!(connections::sync_one(app.store.as_ref(), &connector, due[0].clone(), Utc::now()).await.unwrap(), connections::SyncResult::Read);

        // The creator revokes access on TikTok: the token is refused, the refresh too.
        let later = Utc::now() + ChronoDuration::hours(7);
        let due = app.store.claim_due_connections(later, later + ChronoDuration::minutes(10), 10).await.unwrap();
        assert_eq!(connections::sync_one(app.store.as_ref(), &connector, due[0].clone(), later).await.unwrap(), connections::SyncResult::Revoked);
        let shown = connection(&app, &owner, &creator).await;
        assert_eq!(shown["status"], "revoked");
        assert!(shown["last_error"].as_str().unwrap().contains("invalid_grant"), "{shown}");
        assert_eq!(shown["next_sync_at"], Value::Null);
        let history = app.store.snapshots(owner.workspace_id, creator.parse().unwrap(), Utc::now() - ChronoDuration::days(1), Utc::now()).await.unwrap();
        assert!(history.iter().any(|s| s.source == "connected"), "history stays");
        assert!(app.store.claim_due_connections(later + ChronoDuration::days(1), later + ChronoDuration::days(2), 10).await.unwrap().is_empty());
    }

    async fn the_creator_or_the_brand_can_disconnect_and_the_token_is_revoked(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "mayabakes", 100).await;
        Mock::given(path("/v2/oauth/revoke/")).and(body_string_contains(format!("token={ACCESS}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).expect(2).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;
        let response = app.send(Method::POST, "/connect/disconnect", None, Some(json!({"token": link}))).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let shown = connection(&app, &owner, &creator).await;
        assert_eq!((shown["status"].as_str(), shown["last_error"].as_str()), (Some("disconnected"), Some("Disconnected by the creator.")));
        let preview = expect_json(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": link}))).await, StatusCode::OK).await;
        assert_eq!(preview["status"], "disconnected");

        // The same link connects again; then the brand ends it.
        let sent = authorize(&app, &link).await;
        assert!(callback(&app, &format!("code=c&state={}", sent["state"])).await.contains("outcome=connected"));
        assert_eq!(app.delete(&owner.token, &format!("/creators/{creator}/connection")).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(connection(&app, &owner, &creator).await["status"], "disconnected");
        assert_eq!(app.store.connection(owner.workspace_id, creator.parse().unwrap()).await.unwrap().unwrap().status, ConnectionStatus::Disconnected);
        // Once it ended, fetched snapshots count again.
        let after = Utc::now() + ChronoDuration::seconds(1);
        let fetched = zzyzx::domain::MetricPoint { captured_at: after, followers: 99, following: 1, likes: 1, videos: 1 };
        app.store.write_fetched_snapshots(&[(creator.parse().unwrap(), fetched)], "tikapi", after).await.unwrap();
        let history = app.store.snapshots(owner.workspace_id, creator.parse().unwrap(), after - ChronoDuration::hours(1), after).await.unwrap();
        assert!(history.iter().any(|s| s.source == "tikapi"), "{history:?}");
        assert_eq!(latest_in_lists(&app, &owner).await, "tikapi", "after the connection, the newest fetched point");

        // A new link retires the old one.
        let new_link = make_link(&app, &owner, &creator).await;
        assert_eq!(connection(&app, &owner, &creator).await["status"], "disconnected", "a new link keeps the state");
        expect_problem(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": link}))).await, StatusCode::NOT_FOUND, "not_found").await;
        expect_json(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": new_link}))).await, StatusCode::OK).await;
    }

}

both_databases! {
    db:
    async fn a_connected_creator_shares_their_business_audience_read_with_its_own_token(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "mayabakes", 100).await;
        mount_business_exchange(&server, 30 * 86400).await;
        mount_business_get(&server, BUSINESS_ACCESS, business_account("MayaBakes")).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;

        let preview = expect_json(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": link}))).await, StatusCode::OK).await;
        assert_eq!((preview["business"]["status"].as_str(), &preview["business"]["disabled_reason"]), (Some("not_connected"), &Value::Null));
        assert_eq!(preview["business_scopes"], json!(["user.info.basic", "user.insights", "user.account.type"]));
        assert_eq!(read_at(&app, &connector, Utc::now()).await, connections::SyncResult::Read);
        assert!(requests_to(&server, BUSINESS_GET).await.is_empty(), "no business access, no business read");

        let sent = authorize_business(&app, &link).await;
        assert_eq!((sent["client_key"].as_str(), sent["app_id"].as_str()), ("test-business-app", "test-business-app"));
        assert_eq!(sent["scope"], "user.info.basic,user.insights,user.account.type");
        assert_eq!(sent["redirect_uri"], "http://127.0.0.1:8080/api/v1/connect/business/callback");
        assert!(!sent.contains_key("code_challenge"));
        let state = sent["state"].clone();
        let location = business_callback(&app, &format!("code=business-code&state={state}")).await;
        assert_eq!(location, "/connect/done?step=business&outcome=connected&handle=mayabakes");

        // The code was traded in a JSON body, and the audience read at once with the business token.
        let exchange = &requests_to(&server, BUSINESS_TOKEN).await[0];
        let body: Value = serde_json::from_slice(&exchange.body).unwrap();
        assert_eq!(body, json!({"client_id": "test-business-app", "client_secret": "test-business-secret", "grant_type": "authorization_code",
            "auth_code": "business-code", "redirect_uri": "http://127.0.0.1:8080/api/v1/connect/business/callback"}));
        let reads = requests_to(&server, BUSINESS_GET).await;
        assert_eq!(reads.len(), 1);
        assert_eq!(reads[0].headers["access-token"], BUSINESS_ACCESS);
        assert!(!reads[0].headers.contains_key("authorization"), "the token goes in Access-Token, never as a Bearer");
        let audiences = connected_audiences(&app, &owner, &creator).await;
        assert_eq!(audiences.len(), 1);
        assert_eq!((audiences[0]["used_for_fit"].as_bool(), audiences[0]["countries"]["US"].as_f64()), (Some(true), Some(0.6)));
        let business = business_of(&app, &owner, &creator).await;
        assert_eq!((business["status"].as_str(), &business["last_error"]), (Some("connected"), &Value::Null), "{business}");
        assert!(business["last_read_at"].is_string() && business["connected_at"].is_string());
        assert_eq!(business["scopes"], json!(["user.info.basic", "user.insights", "user.account.type"]));

        // The state works once.
        assert_eq!(business_callback(&app, &format!("code=business-code&state={state}")).await, "/connect/done?step=business&outcome=invalid_state");

        // Sealed at rest, bound to their column.
        let later = Utc::now() + ChronoDuration::hours(7);
        let due = app.store.claim_due_connections(later, later + ChronoDuration::minutes(10), 10).await.unwrap();
        let sealed = due[0].business_access_token.clone().unwrap();
        assert!(!sealed.windows(BUSINESS_ACCESS.len()).any(|w| w == BUSINESS_ACCESS.as_bytes()));
        assert_eq!(connector.sealer.open_text(&sealed, due[0].id, "business_access_token").unwrap(), BUSINESS_ACCESS);
        assert!(connector.sealer.open_text(&sealed, due[0].id, "access_token").is_err(), "a business token does not open as a Login Kit one");
        let sealed_refresh = due[0].business_refresh_token.clone().unwrap();
        assert!(!sealed_refresh.windows(BUSINESS_REFRESH.len()).any(|w| w == BUSINESS_REFRESH.as_bytes()));
        assert_eq!(due[0].business_id.as_deref(), Some(BUSINESS_ID));

        // Within the week, the connection's reads leave the audience alone.
        assert_eq!(connections::sync_one(app.store.as_ref(), &connector, due[0].clone(), later).await.unwrap(), connections::SyncResult::Read);
        assert_eq!(requests_to(&server, BUSINESS_GET).await.len(), 1);
        // A week on, it is read again (the Login Kit token refreshed), with the business token only.
        Mock::given(path("/v2/oauth/token/")).and(body_string_contains("grant_type=refresh_token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_answer(ACCESS, REFRESH, ALL_SCOPES))).mount(&server).await;
        assert_eq!(read_at(&app, &connector, Utc::now() + ChronoDuration::days(8)).await, connections::SyncResult::Read);
        let reads = requests_to(&server, BUSINESS_GET).await;
        assert_eq!(reads.len(), 2);
        assert!(reads.iter().all(|r| r.headers["access-token"] == BUSINESS_ACCESS), "never the Login Kit token");
        assert_eq!(connected_audiences(&app, &owner, &creator).await.len(), 2);
    }

    async fn business_access_needs_the_connection_a_consent_a_live_state_and_the_same_account(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "mayabakes", 100).await;
        mount_business_exchange(&server, 86400).await;
        Mock::given(path(BUSINESS_GET)).respond_with(ResponseTemplate::new(200).set_body_json(business_account("someone.else")))
            .up_to_n_times(1).mount(&server).await;
        Mock::given(path(BUSINESS_GET)).respond_with(ResponseTemplate::new(200).set_body_json(envelope(0, "OK", json!({"display_name": "Maya"}))))
            .mount(&server).await;
        Mock::given(path(BUSINESS_REVOKE)).and(body_partial_json(json!({"access_token": BUSINESS_ACCESS})))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(0, "OK", json!({})))).expect(2).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = make_link(&app, &owner, &creator).await;

        // Not connected yet: refused with a code the app can switch on.
        let refused = app.send(Method::POST, "/connect/business/authorize", None, Some(json!({"token": link}))).await;
        expect_problem(refused, StatusCode::CONFLICT, "not_connected").await;
        let sent = authorize(&app, &link).await;
        assert!(callback(&app, &format!("code=c&state={}", sent["state"])).await.contains("outcome=connected"));
        // A Login Kit state does not open the business callback.
        let login_state = authorize(&app, &link).await["state"].clone();
        assert_eq!(business_callback(&app, &format!("code=c&state={login_state}")).await, "/connect/done?step=business&outcome=invalid_state");

        let sent = authorize_business(&app, &link).await;
        let denied = business_callback(&app, &format!("error=access_denied&error_description=The+user+denied&state={}", sent["state"])).await;
        assert_eq!(denied, "/connect/done?step=business&outcome=denied");
        let business = business_of(&app, &owner, &creator).await;
        assert_eq!(business["status"], "pending");
        assert_eq!(business["last_error"], "The creator declined to share their business account's audience on TikTok.");
        assert_eq!(business_callback(&app, "code=c&state=forged").await, "/connect/done?step=business&outcome=invalid_state");
        assert_eq!(business_callback(&app, "code=c").await, "/connect/done?step=business&outcome=invalid_state");
        assert_eq!(business_callback(&app, &format!("code=c&state={}", "s".repeat(300))).await, "/connect/done?step=business&outcome=invalid_state");
        let first = authorize_business(&app, &link).await;
        let _second = authorize_business(&app, &link).await;
        assert_eq!(business_callback(&app, &format!("code=c&state={}", first["state"])).await, "/connect/done?step=business&outcome=invalid_state");
        assert!(requests_to(&server, BUSINESS_TOKEN).await.is_empty(), "no code was traded for a bad state");

        // Another account (the code named as the Business portal names it): refused, token revoked.
        let sent = authorize_business(&app, &link).await;
        let location = business_callback(&app, &format!("auth_code=c&state={}", sent["state"])).await;
        assert_eq!(location, "/connect/done?step=business&outcome=wrong_account&handle=mayabakes&authorized=someone.else");
        assert_eq!(business_of(&app, &owner, &creator).await["last_error"], "The creator authorized another business account.");
        // An account TikTok does not name cannot be checked: refused too.
        let sent = authorize_business(&app, &link).await;
        let location = business_callback(&app, &format!("code=c&state={}", sent["state"])).await;
        assert_eq!(location, "/connect/done?step=business&outcome=missing_scopes&handle=mayabakes");
        let business = business_of(&app, &owner, &creator).await;
        assert_eq!(business["status"], "pending");
        assert!(connected_audiences(&app, &owner, &creator).await.is_empty(), "no audience from an account that is not theirs");
    }

    async fn business_token_errors_end_on_a_page_and_a_connection_ended_meanwhile_keeps_nothing(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "mayabakes", 100).await;
        Mock::given(path(BUSINESS_TOKEN)).respond_with(ResponseTemplate::new(200).set_body_json(envelope(40131, "Authorization code is expired.", json!({}))))
            .up_to_n_times(1).mount(&server).await;
        Mock::given(path(BUSINESS_TOKEN)).respond_with(ResponseTemplate::new(200).set_body_json(envelope(50000, "System error.", json!({}))))
            .up_to_n_times(1).mount(&server).await;
        Mock::given(path(BUSINESS_TOKEN)).respond_with(ResponseTemplate::new(200).set_body_string("<html>busy</html>"))
            .up_to_n_times(1).mount(&server).await;
        mount_business_exchange(&server, 86400).await;
        mount_business_get(&server, BUSINESS_ACCESS, business_account("mayabakes")).await;
        Mock::given(path(BUSINESS_REVOKE)).respond_with(ResponseTemplate::new(200).set_body_json(envelope(0, "OK", json!({}))))
            .expect(1).mount(&server).await;
        Mock::given(path("/v2/oauth/revoke/")).respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;

        let sent = authorize_business(&app, &link).await;
        assert_eq!(business_callback(&app, &format!("code=old&state={}", sent["state"])).await, "/connect/done?step=business&outcome=denied");
        for _ in 0..2 {
            let sent = authorize_business(&app, &link).await;
            let location = business_callback(&app, &format!("code=c&state={}", sent["state"])).await;
            assert_eq!(location, "/connect/done?step=business&outcome=failed&handle=mayabakes");
        }
        assert_eq!(business_of(&app, &owner, &creator).await["last_error"], "TikTok failed while authorizing the business account; the creator can try again.");

        // The brand ends the connection while the creator is on TikTok's page: nothing is kept.
        let sent = authorize_business(&app, &link).await;
        assert_eq!(app.delete(&owner.token, &format!("/creators/{creator}/connection")).await.status(), StatusCode::NO_CONTENT);
        let location = business_callback(&app, &format!("code=c&state={}", sent["state"])).await;
        assert_eq!(location, "/connect/done?step=business&outcome=invalid_state", "ending the connection dropped the authorization under way");
        let business = business_of(&app, &owner, &creator).await;
        assert_eq!(business["status"], "disconnected");

        // Connected again, business access started, and the connection ended between the code and the grant.
        let sent = authorize(&app, &link).await;
        assert!(callback(&app, &format!("code=c&state={}", sent["state"])).await.contains("outcome=connected"));
        let sent = authorize_business(&app, &link).await;
        let connection_id = app.store.connection(owner.workspace_id, creator.parse().unwrap()).await.unwrap().unwrap().id;
        let state_hash = zzyzx::auth::tokens::hash_secret(&sent["state"]);
        app.store.end_connection(connection_id, zzyzx::store::ConnectionStatus::Revoked, Some("gone"), Utc::now()).await.unwrap();
        app.store.begin_business_authorization(connection_id, &state_hash, Utc::now() + ChronoDuration::minutes(5), Utc::now()).await.unwrap();
        let location = business_callback(&app, &format!("code=c&state={}", sent["state"])).await;
        assert_eq!(location, "/connect/done?step=business&outcome=not_connected&handle=mayabakes");
        assert_eq!(business_of(&app, &owner, &creator).await["status"], "disconnected", "the grant was not stored");
        assert!(connected_audiences(&app, &owner, &creator).await.is_empty());
    }

    async fn a_business_token_is_refreshed_and_rotated_and_a_refused_refresh_revokes_business_access_only(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        Mock::given(path("/v2/oauth/token/")).and(body_string_contains("grant_type=refresh_token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_answer(ACCESS, REFRESH, ALL_SCOPES))).mount(&server).await;
        mount_account(&server, "mayabakes", 100).await;
        // Ten minutes to live: the next read refreshes first.
        mount_business_exchange(&server, 600).await;
        Mock::given(method("POST")).and(path(BUSINESS_REFRESH_PATH))
            .and(body_partial_json(json!({"client_id": "test-business-app", "client_secret": "test-business-secret", "grant_type": "refresh_token", "refresh_token": BUSINESS_REFRESH})))
            .respond_with(ResponseTemplate::new(200).set_body_json(business_grant("act.business-second", "rft.business-second", 86400)))
            .expect(1).mount(&server).await;
        Mock::given(method("POST")).and(path(BUSINESS_REFRESH_PATH)).and(body_partial_json(json!({"refresh_token": "rft.business-second"})))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(40105, "Refresh token is incorrect or has been revoked.", json!({}))))
            .expect(1).mount(&server).await;
        mount_business_get(&server, BUSINESS_ACCESS, business_account("mayabakes")).await;
        mount_business_get(&server, "act.business-second", business_account("mayabakes")).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;
        share_audience(&app, &link).await;

        let later = Utc::now() + ChronoDuration::days(8);
        assert_eq!(read_at(&app, &connector, later).await, connections::SyncResult::Read);
        let reads = requests_to(&server, BUSINESS_GET).await;
        assert_eq!(reads.iter().map(|r| r.headers["access-token"].to_str().unwrap()).collect::<Vec<_>>(), [BUSINESS_ACCESS, "act.business-second"]);
        let due = app.store.claim_due_connections(later + ChronoDuration::hours(7), later + ChronoDuration::hours(8), 10).await.unwrap();
        let rotated = connector.sealer.open_text(due[0].business_refresh_token.as_ref().unwrap(), due[0].id, "business_refresh_token").unwrap();
        assert_eq!(rotated, "rft.business-second", "the rotated refresh token is the one kept");

        // A week on the access token has lapsed and TikTok refuses the refresh: business access ends, nothing else.
        let much_later = later + ChronoDuration::days(8);
        assert_eq!(read_at(&app, &connector, much_later).await, connections::SyncResult::Read);
        let shown = connection(&app, &owner, &creator).await;
        assert_eq!(shown["status"], "connected");
        assert_eq!(shown["business"]["status"], "revoked");
        assert!(shown["business"]["last_error"].as_str().unwrap().contains("40105"), "{shown}");
        assert_eq!(connected_audiences(&app, &owner, &creator).await.len(), 2, "the audience read so far stays");
        let due = app.store.claim_due_connections(much_later + ChronoDuration::hours(7), much_later + ChronoDuration::hours(8), 10).await.unwrap();
        assert!(due[0].business_access_token.is_none() && due[0].business_refresh_token.is_none(), "tokens deleted");
        assert_eq!(requests_to(&server, BUSINESS_GET).await.len(), 2, "no read with a refused authorization");
        // The creator can authorize again from the same link.
        let preview = expect_json(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": link}))).await, StatusCode::OK).await;
        assert_eq!(preview["business"]["status"], "revoked");
        authorize_business(&app, &link).await;
    }

    async fn a_business_api_error_is_recorded_and_a_refused_token_is_refreshed_once(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        Mock::given(path("/v2/oauth/token/")).and(body_string_contains("grant_type=refresh_token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token_answer(ACCESS, REFRESH, ALL_SCOPES))).mount(&server).await;
        mount_account(&server, "mayabakes", 100).await;
        mount_business_exchange(&server, 90 * 86400).await;
        Mock::given(path(BUSINESS_GET)).and(header("access-token", BUSINESS_ACCESS))
            .respond_with(ResponseTemplate::new(200).set_body_json(business_account("mayabakes"))).up_to_n_times(1).mount(&server).await;
        Mock::given(path(BUSINESS_GET)).and(header("access-token", BUSINESS_ACCESS))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(40100, "Requests made too frequently.", json!({})))).up_to_n_times(1).mount(&server).await;
        Mock::given(path(BUSINESS_GET)).and(header("access-token", BUSINESS_ACCESS))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(40105, "Access token is incorrect or has been revoked.", json!({})))).mount(&server).await;
        mount_business_get(&server, "act.business-second", business_account("mayabakes")).await;
        Mock::given(path(BUSINESS_REFRESH_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(0, "OK", json!({"open_id": BUSINESS_ID, "access_token": "act.business-second"}))))
            .expect(1).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;
        share_audience(&app, &link).await;

        // TikTok answers an error inside a 200: recorded, business access stays.
        let later = Utc::now() + ChronoDuration::days(8);
        assert_eq!(read_at(&app, &connector, later).await, connections::SyncResult::Read);
        let business = business_of(&app, &owner, &creator).await;
        assert_eq!(business["status"], "connected");
        assert!(business["last_error"].as_str().unwrap().contains("rate limited"), "{business}");
        assert_eq!(connection(&app, &owner, &creator).await["last_error"], Value::Null, "the connection's own read went fine");

        // Next time the token is refused: refreshed once, and read with the new one. The answer had no
        // refresh token, so the one held stays.
        assert_eq!(read_at(&app, &connector, later + ChronoDuration::hours(7)).await, connections::SyncResult::Read);
        let business = business_of(&app, &owner, &creator).await;
        assert_eq!((business["status"].as_str(), &business["last_error"]), (Some("connected"), &Value::Null), "{business}");
        assert_eq!(connected_audiences(&app, &owner, &creator).await.len(), 2);
        let at = later + ChronoDuration::hours(14);
        let due = app.store.claim_due_connections(at, at + ChronoDuration::minutes(10), 10).await.unwrap();
        let kept = connector.sealer.open_text(due[0].business_refresh_token.as_ref().unwrap(), due[0].id, "business_refresh_token").unwrap();
        assert_eq!(kept, BUSINESS_REFRESH);
        assert_eq!(due[0].business_access_expires_at, None, "no lifetime in the answer: refreshed before each read");
    }

    async fn sharing_the_audience_ends_alone_from_either_side_or_with_the_connection(db) {
        let server = MockServer::start().await;
        let connector = connector(&server);
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "mayabakes", 100).await;
        mount_business_exchange(&server, 86400).await;
        mount_business_get(&server, BUSINESS_ACCESS, business_account("mayabakes")).await;
        Mock::given(method("POST")).and(path(BUSINESS_REVOKE))
            .and(body_partial_json(json!({"client_id": "test-business-app", "client_secret": "test-business-secret", "access_token": BUSINESS_ACCESS})))
            .respond_with(ResponseTemplate::new(200).set_body_json(envelope(0, "OK", json!({})))).expect(3).mount(&server).await;
        Mock::given(path("/v2/oauth/revoke/")).and(body_string_contains(format!("token={ACCESS}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({}))).expect(1).mount(&server).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;
        share_audience(&app, &link).await;

        let stopped = app.send(Method::POST, "/connect/business/disconnect", None, Some(json!({"token": link}))).await;
        assert_eq!(stopped.status(), StatusCode::NO_CONTENT);
        let shown = connection(&app, &owner, &creator).await;
        assert_eq!((shown["status"].as_str(), shown["business"]["status"].as_str()), (Some("connected"), Some("disconnected")));
        assert_eq!(shown["business"]["last_error"], "Stopped by the creator.");
        assert_eq!(connected_audiences(&app, &owner, &creator).await.len(), 1, "what was read stays");

        share_audience(&app, &link).await;
        let ended = app.delete(&owner.token, &format!("/creators/{creator}/connection/business")).await;
        assert_eq!(ended.status(), StatusCode::NO_CONTENT);
        assert_eq!(business_of(&app, &owner, &creator).await["last_error"], "Ended by the brand.");

        share_audience(&app, &link).await;
        assert_eq!(app.delete(&owner.token, &format!("/creators/{creator}/connection")).await.status(), StatusCode::NO_CONTENT);
        let shown = connection(&app, &owner, &creator).await;
        assert_eq!((shown["status"].as_str(), shown["business"]["status"].as_str()), (Some("disconnected"), Some("disconnected")));
        assert_eq!(shown["business"]["last_error"], "Ended with the TikTok connection.");
        assert_eq!(connected_audiences(&app, &owner, &creator).await.len(), 3);
        let refused = app.send(Method::POST, "/connect/business/authorize", None, Some(json!({"token": link}))).await;
        expect_problem(refused, StatusCode::CONFLICT, "not_connected").await;
        // Nothing to end is no error; another workspace's creator is not found.
        let again = app.send(Method::POST, "/connect/business/disconnect", None, Some(json!({"token": link}))).await;
        assert_eq!(again.status(), StatusCode::NO_CONTENT);
        let other = app.new_user().await;
        expect_problem(app.delete(&other.token, &format!("/creators/{creator}/connection/business")).await, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn without_an_api_for_business_app_sharing_the_audience_is_off_and_says_why(db) {
        let server = MockServer::start().await;
        let connector = Arc::new(test_connector_with(&server.uri(), None));
        let app = app_with(db, &connector).await;
        mount_exchange(&server, ALL_SCOPES).await;
        mount_account(&server, "mayabakes", 100).await;
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let link = connect(&app, &owner, &creator).await;

        let preview = expect_json(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": link}))).await, StatusCode::OK).await;
        assert!(preview["business"]["disabled_reason"].as_str().unwrap().contains("ZZYZX_TIKTOK_BUSINESS_APP_ID"), "{preview}");
        assert_eq!(preview["disabled_reason"], Value::Null, "connecting itself works");
        assert_eq!(business_of(&app, &owner, &creator).await["disabled_reason"], preview["business"]["disabled_reason"]);
        let refused = app.send(Method::POST, "/connect/business/authorize", None, Some(json!({"token": link}))).await;
        let problem = expect_problem(refused, StatusCode::CONFLICT, "source_unavailable").await;
        assert!(problem["detail"].as_str().unwrap().contains("ZZYZX_TIKTOK_BUSINESS_SECRET"), "{problem}");
        assert_eq!(business_callback(&app, "code=c&state=s").await, "/connect/done?step=business&outcome=disabled");
        assert_eq!(read_at(&app, &connector, Utc::now()).await, connections::SyncResult::Read);
        assert!(server.received_requests().await.unwrap().iter().all(|r| !r.url.path().starts_with("/open_api/")));
    }
}

both_databases! {
    async fn bad_input_to_the_business_endpoints_is_a_problem_never_a_500(app) {
        for body in [json!({}), json!({"token": 5}), json!({"token": "zzc_x", "extra": 1}), json!(["zzc_x"])] {
            for at in ["/connect/business/authorize", "/connect/business/disconnect"] {
                let response = app.send(Method::POST, at, None, Some(body.clone())).await;
                expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
            }
        }
        for token in ["", "zzc_nope", &"zzc_".repeat(40)] {
            for at in ["/connect/business/authorize", "/connect/business/disconnect"] {
                let response = app.send(Method::POST, at, None, Some(json!({"token": token}))).await;
                assert!(response.status().is_client_error(), "{at} {token}: {}", response.status());
            }
        }
        let response = app.client.post(app.url("/connect/business/authorize")).header("content-type", "application/json").body("{").send().await.unwrap();
        expect_problem(response, StatusCode::BAD_REQUEST, "malformed_json").await;
        let owner = app.new_user().await;
        let response = app.delete(&owner.token, "/creators/not-a-uuid/connection/business").await;
        assert!(response.status().is_client_error(), "{}", response.status());
        let response = app.delete(&owner.token, &format!("/creators/{}/connection/business", uuid::Uuid::new_v4())).await;
        expect_problem(response, StatusCode::NOT_FOUND, "not_found").await;
        assert_eq!(business_callback(&app, "code=&state=%00&auth_code=").await, "/connect/done?step=business&outcome=disabled");
        for query in ["code=%FF&state=s", "state=a&state=b"] {
            let response = app.client.get(app.url(&format!("/connect/business/callback?{query}"))).send().await.unwrap();
            expect_problem(response, StatusCode::BAD_REQUEST, "invalid_query").await;
        }
    }
}

both_databases! {
    async fn without_an_encryption_key_connections_are_off_and_say_why(app) {
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let problem = expect_problem(app.post(&owner.token, &format!("/creators/{creator}/connection"), json!({})).await, StatusCode::CONFLICT, "source_unavailable").await;
        assert!(problem["detail"].as_str().unwrap().contains("ZZYZX_TIKTOK_CLIENT_KEY"), "{problem}");
        let listed = expect_json(app.get(&owner.token, "/connections").await, StatusCode::OK).await;
        assert!(listed["disabled_reason"].as_str().unwrap().contains("Creator connections are off"));
        assert_eq!(callback(&app, "code=c&state=s").await, "/connect/done?outcome=disabled");
        assert_eq!(business_callback(&app, "code=c&state=s").await, "/connect/done?step=business&outcome=disabled");
        let link = app.send(Method::POST, "/connect/business/authorize", None, Some(json!({"token": "zzc_nope"}))).await;
        let problem = expect_problem(link, StatusCode::CONFLICT, "source_unavailable").await;
        assert!(problem["detail"].as_str().unwrap().contains("ZZYZX_TIKTOK_CLIENT_KEY"), "{problem}");
        expect_problem(app.get(&owner.token, &format!("/creators/{creator}/connection")).await, StatusCode::NOT_FOUND, "not_found").await;
        for token in ["", "zzc_nope", "not-a-link", &"zzc_".repeat(40)] {
            expect_problem(app.send(Method::POST, "/connect/preview", None, Some(json!({"token": token}))).await, StatusCode::NOT_FOUND, "not_found").await;
        }
    }
}

#[test]
fn a_missing_encryption_key_turns_connections_off_and_a_bad_one_is_an_error() {
    use clap::Parser;
    let parse = |args: &[&str]| {
        let mut all = vec!["zzyzx", "serve"];
        all.extend_from_slice(args);
        match zzyzx::config::Cli::parse_from(all).command {
            Some(zzyzx::config::Command::Serve(serve)) => serve.connect.setup("https://zzyzx.example"),
            _ => unreachable!(),
        }
    };
    let app = ["--tiktok-client-key", "k", "--tiktok-client-secret", "s"];
    assert_eq!(parse(&[]).unwrap().off_reason(), Some(connections::OFF_WITHOUT_APP));
    assert_eq!(parse(&app).unwrap().off_reason(), Some(connections::OFF_WITHOUT_KEY));
    let key = base64::engine::general_purpose::STANDARD.encode([1u8; 32]);
    let on = parse(&[&app[..], &["--encryption-key", &key]].concat()).unwrap();
    assert_eq!(on.off_reason(), None);
    assert_eq!(on.business_off_reason(), Some(connections::OFF_WITHOUT_BUSINESS_APP));
    let business = ["--tiktok-business-app-id", "b", "--tiktok-business-secret", "bs"];
    assert_eq!(
        parse(&business).unwrap().business_off_reason(),
        Some(connections::OFF_WITHOUT_APP),
        "business access needs a connection"
    );
    let both = parse(&[&app[..], &["--encryption-key", &key], &business[..]].concat()).unwrap();
    assert_eq!((both.off_reason(), both.business_off_reason()), (None, None));
    let portal = parse(
        &[
            &app[..],
            &["--encryption-key", &key],
            &business[..],
            &["--tiktok-business-auth-url", "https://business-api.tiktok.com/portal/auth"],
        ]
        .concat(),
    )
    .unwrap();
    assert_eq!(portal.business_off_reason(), None);
    let error = parse(
        &[
            &app[..],
            &["--encryption-key", &key],
            &business[..],
            &["--tiktok-business-auth-url", "https://x.example/auth?app_id=1"],
        ]
        .concat(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("authorize URL"), "{error}");
    let error = parse(&[&app[..], &["--encryption-key", "c2hvcnQ="]].concat()).unwrap_err();
    assert!(error.to_string().contains("ZZYZX_ENCRYPTION_KEY"), "{error}");
}
