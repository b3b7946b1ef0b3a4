//! Creator-connected accounts end to end, against wiremock playing TikTok's OAuth, Display API and
//! API for Business: the brand's link, the creator's consent (granted, denied, a forged or replayed
//! `state`, another account, missing scopes), sealed tokens, reads labelled `connected` and private
//! to the workspace, refresh with rotation, a revoked refresh token, disconnecting, and the
//! feature switched off.

use crate::both_databases;
use crate::helpers::*;
use base64::Engine;
use chrono::{Duration as ChronoDuration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
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
    Mock::given(path("/open_api/v1.3/business/get/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"code": 0, "message": "OK", "request_id": "r", "data": {
            "audience_countries": [{"country": "US", "percentage": 0.6}],
            "audience_genders": [{"gender": "Female", "percentage": 0.7}, {"gender": "Male", "percentage": 0.3}],
            "audience_ages": [{"age": "18-24", "percentage": 0.5}]}}),
        ))
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
        let audience = expect_json(app.get(&owner.token, &format!("/creators/{creator}/audience")).await, StatusCode::OK).await;
        let used = audience.as_array().unwrap().iter().find(|p| p["used_for_fit"] == true).unwrap();
        assert_eq!((used["kind"].as_str(), used["genders"]["female"].as_f64()), (Some("connected"), Some(0.7)));
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
    async fn without_an_encryption_key_connections_are_off_and_say_why(app) {
        let (owner, creator) = tracked(&app, "mayabakes").await;
        let problem = expect_problem(app.post(&owner.token, &format!("/creators/{creator}/connection"), json!({})).await, StatusCode::CONFLICT, "source_unavailable").await;
        assert!(problem["detail"].as_str().unwrap().contains("ZZYZX_TIKTOK_CLIENT_KEY"), "{problem}");
        let listed = expect_json(app.get(&owner.token, "/connections").await, StatusCode::OK).await;
        assert!(listed["disabled_reason"].as_str().unwrap().contains("Creator connections are off"));
        assert_eq!(callback(&app, "code=c&state=s").await, "/connect/done?outcome=disabled");
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
    let error = parse(&[&app[..], &["--encryption-key", "c2hvcnQ="]].concat()).unwrap_err();
    assert!(error.to_string().contains("ZZYZX_ENCRYPTION_KEY"), "{error}");
}
