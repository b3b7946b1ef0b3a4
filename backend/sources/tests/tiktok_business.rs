//! The API for Business client against a wiremock server playing TikTok's shapes (reference §5):
//! the authorize URL, the JSON token exchange and refresh in the `{code, message, request_id, data}`
//! envelope (errors on HTTP 200 included), tolerant reading of the unconfirmed token fields, a
//! rotated refresh token, revoke, and `/business/get/` read with the token in `Access-Token`.

mod common;

use common::*;
use serde_json::{Value, json};
use std::collections::HashMap;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zzyzx_sources::tiktok_business::BUSINESS_SCOPES;
use zzyzx_sources::{AccountError, BusinessConfig, SourceError, TikTokBusiness};

const APP_ID: &str = "7300000000000000001";
const SECRET: &str = "test-business-secret";
const REDIRECT: &str = "https://zzyzx.example/api/v1/connect/business/callback";
const ACCESS: &str = "act.business-access";
const REFRESH: &str = "rft.business-refresh";
const BUSINESS_ID: &str = "-000Example1a2b3c4d5e6f";
const TOKEN_PATH: &str = "/open_api/v1.3/tt_user/oauth2/token/";
const REFRESH_PATH: &str = "/open_api/v1.3/tt_user/oauth2/refresh_token/";
const ACCOUNT_PATH: &str = "/open_api/v1.3/business/get/";

fn config(server: &str) -> BusinessConfig {
    BusinessConfig {
        app_id: APP_ID.into(),
        secret: SECRET.into(),
        redirect_url: REDIRECT.into(),
        authorize_url: BusinessConfig::AUTHORIZE_URL.into(),
        base_url: server.into(),
    }
}

fn business(server: &MockServer) -> TikTokBusiness {
    TikTokBusiness::new(config(&server.uri()), options()).expect("client")
}

fn envelope(code: i64, message: &str, data: Value) -> Value {
    json!({"code": code, "message": message, "request_id": "2025030112000001000400402500400500600301500A5238", "data": data})
}

fn grant(access: &str, refresh: &str) -> Value {
    envelope(
        0,
        "OK",
        json!({"open_id": BUSINESS_ID, "access_token": access, "refresh_token": refresh, "expires_in": 86400,
               "refresh_token_expires_in": 31536000, "scope": "user.info.basic,user.insights", "token_type": "Bearer"}),
    )
}

/// The documented example account (reference §5.2), with a country TikTok should never send.
fn account() -> Value {
    envelope(
        0,
        "OK",
        json!({
            "username": "MayaBakes", "display_name": "Maya Bakes",
            "audience_genders": [{"gender": "Female", "percentage": 0.71}, {"gender": "Male", "percentage": 0.27}, {"gender": "Other", "percentage": 0.02}],
            "audience_ages": [{"age": "18-24", "percentage": 0.38}, {"age": "25-34", "percentage": 0.34}, {"age": "55+", "percentage": 0.04}],
            "audience_countries": [{"country": "US", "percentage": 0.62}, {"country": "GB", "percentage": 0.09}, {"country": "???", "percentage": 0.2}]
        }),
    )
}

async fn answering(at: &str, template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path(at)).respond_with(template).mount(&server).await;
    server
}

/// A status and body TikTok answers, and what the client should make of them.
type ErrorCase = (u16, Value, fn(&AccountError) -> bool);

fn query(url: &str) -> HashMap<String, String> {
    reqwest::Url::parse(url).unwrap().query_pairs().into_owned().collect()
}

#[test]
fn the_authorize_url_asks_for_the_business_scopes_with_state_and_both_names_of_the_app() {
    let client = TikTokBusiness::new(config(BusinessConfig::BASE_URL), options()).unwrap();
    let url = client.authorize_url("state-123");
    assert_eq!(url.split('?').next(), Some("https://www.tiktok.com/v2/auth/authorize/"));
    let pairs = query(&url);
    assert_eq!((pairs["client_key"].as_str(), pairs["app_id"].as_str()), (APP_ID, APP_ID));
    assert_eq!(pairs["scope"], BUSINESS_SCOPES);
    assert_eq!(pairs["response_type"], "code");
    assert_eq!(pairs["redirect_uri"], REDIRECT);
    assert_eq!(pairs["state"], "state-123");
    assert!(!pairs.contains_key("code_challenge"), "no PKCE is documented for this authorization");
    assert!(!url.contains(SECRET));
}

#[test]
fn the_business_portal_page_can_be_configured_but_not_a_page_with_a_query_or_a_bad_redirect() {
    let mut portal = config(BusinessConfig::BASE_URL);
    portal.authorize_url = "https://business-api.tiktok.com/portal/auth".into();
    let url = TikTokBusiness::new(portal, options()).unwrap().authorize_url("s");
    assert!(url.starts_with("https://business-api.tiktok.com/portal/auth?client_key="), "{url}");

    let mut with_query = config(BusinessConfig::BASE_URL);
    with_query.authorize_url = "https://business-api.tiktok.com/portal/auth?app_id=1".into();
    assert!(TikTokBusiness::new(with_query, options()).is_err(), "the client writes the query itself");
    let mut bad_redirect = config(BusinessConfig::BASE_URL);
    bad_redirect.redirect_url = "https://zzyzx.example/callback#top".into();
    assert!(TikTokBusiness::new(bad_redirect, options()).is_err());
}

#[tokio::test]
async fn a_code_is_exchanged_in_a_json_body_and_the_answer_read_from_data() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"client_id": APP_ID, "client_secret": SECRET, "grant_type": "authorization_code",
                              "auth_code": "the-code", "redirect_uri": REDIRECT})))
        .respond_with(ResponseTemplate::new(200).set_body_json(grant(ACCESS, REFRESH)))
        .expect(1)
        .mount(&server)
        .await;
    let grant = business(&server).exchange_code("the-code").await.unwrap();
    assert_eq!(grant.business_id, BUSINESS_ID);
    assert_eq!(grant.scopes, ["user.info.basic", "user.insights"]);
    assert_eq!((grant.access_token.as_str(), grant.refresh_token.as_deref()), (ACCESS, Some(REFRESH)));
    assert_eq!((grant.expires_in, grant.refresh_expires_in), (Some(86400), Some(31536000)));
    let printed = format!("{grant:?}");
    assert!(!printed.contains(ACCESS) && !printed.contains(REFRESH), "tokens never print: {printed}");
}

#[tokio::test]
async fn the_unconfirmed_token_fields_are_read_tolerantly() {
    // Lifetimes as strings under the other name, scopes as an array, a numeric open id.
    let server = answering(
        TOKEN_PATH,
        ResponseTemplate::new(200).set_body_json(envelope(
            0,
            "OK",
            json!({"open_id": 7012345678901234567u64, "access_token": ACCESS, "refresh_token": REFRESH,
                   "expires_in": "7200", "refresh_expires_in": "15552000", "scope": ["user.insights"]}),
        )),
    )
    .await;
    let grant = business(&server).exchange_code("c").await.unwrap();
    assert_eq!(grant.business_id, "7012345678901234567");
    assert_eq!((grant.expires_in, grant.refresh_expires_in), (Some(7200), Some(15552000)));
    assert_eq!(grant.scopes, ["user.insights"]);

    // Only the required fields: no lifetimes, no refresh token, no scope.
    let server = answering(
        TOKEN_PATH,
        ResponseTemplate::new(200).set_body_json(envelope(
            0,
            "OK",
            json!({"open_id": BUSINESS_ID, "access_token": ACCESS}),
        )),
    )
    .await;
    let grant = business(&server).exchange_code("c").await.unwrap();
    assert_eq!((grant.expires_in, grant.refresh_token, grant.refresh_expires_in), (None, None, None));
    assert!(grant.scopes.is_empty());
}

#[tokio::test]
async fn a_token_answer_without_the_token_or_the_account_fails_naming_the_field() {
    let cases = [
        (json!({"open_id": BUSINESS_ID, "refresh_token": REFRESH}), "data.access_token"),
        (json!({"open_id": BUSINESS_ID, "access_token": ""}), "data.access_token"),
        (json!({"access_token": ACCESS, "refresh_token": REFRESH}), "data.open_id"),
        (json!({"open_id": 1.5e3, "access_token": ACCESS}), "data.open_id"),
        (json!({"open_id": BUSINESS_ID, "access_token": ACCESS, "expires_in": -5}), "data.expires_in"),
        (Value::Null, "without data"),
    ];
    for (data, named) in cases {
        let server =
            answering(TOKEN_PATH, ResponseTemplate::new(200).set_body_json(envelope(0, "OK", data.clone()))).await;
        let error = business(&server).exchange_code("c").await.unwrap_err();
        assert!(
            matches!(&error, AccountError::Source(SourceError::BadPayload(m)) if m.contains(named)),
            "{data} should fail naming {named}: {error:?}"
        );
    }
}

#[tokio::test]
async fn token_errors_are_read_from_code_on_200_and_from_the_status_otherwise() {
    let cases: [ErrorCase; 10] = [
        (
            200,
            envelope(40131, "Authorization code is expired.", json!({})),
            |e| matches!(e, AccountError::AuthorizationGone(m) if m.contains("40131") && m.contains("expired")),
        ),
        (200, envelope(40105, "Access token is incorrect or has been revoked.", json!({})), |e| {
            matches!(e, AccountError::AuthorizationGone(_))
        }),
        (200, envelope(40001, "No permission to operate.", Value::Null), |e| {
            matches!(e, AccountError::AuthorizationGone(_))
        }),
        (200, envelope(40100, "Requests made too frequently.", json!({})), |e| {
            matches!(e, AccountError::Source(SourceError::RateLimited { .. }))
        }),
        (200, envelope(50002, "Service temporarily unavailable.", json!({})), |e| {
            matches!(e, AccountError::Source(SourceError::Unavailable(_)))
        }),
        (
            200,
            envelope(40002, "Invalid value for redirect_uri.", json!({})),
            |e| matches!(e, AccountError::Source(SourceError::Rejected(m)) if m.contains("redirect_uri")),
        ),
        // A code given as text is still a code.
        (200, json!({"code": "40102", "message": "Access token has expired."}), |e| {
            matches!(e, AccountError::AuthorizationGone(_))
        }),
        (200, json!({"message": "OK", "data": {}}), |e| matches!(e, AccountError::Source(SourceError::BadPayload(_)))),
        // Success in the body does not cover a failing status.
        (500, envelope(0, "OK", json!({})), |e| matches!(e, AccountError::Source(SourceError::Unavailable(_)))),
        (401, json!({"unexpected": true}), |e| matches!(e, AccountError::Source(SourceError::Unauthorized(_)))),
    ];
    for (status, body, expected) in cases {
        let server = answering(REFRESH_PATH, ResponseTemplate::new(status).set_body_json(body.clone())).await;
        let error = business(&server).refresh(REFRESH).await.unwrap_err();
        assert!(expected(&error), "{status} {body}: {error:?}");
    }
}

#[tokio::test]
async fn html_an_empty_body_or_an_outage_at_the_token_endpoint_are_not_tokens() {
    for (template, expected) in [
        (ResponseTemplate::new(200).set_body_string("<html>blocked</html>"), "BadPayload"),
        (ResponseTemplate::new(200), "BadPayload"),
        (ResponseTemplate::new(502).set_body_string("bad gateway"), "Unavailable"),
        (ResponseTemplate::new(503).set_body_string("<html>down</html>"), "Unavailable"),
        (ResponseTemplate::new(429).insert_header("retry-after", "7"), "RateLimited"),
    ] {
        let server = answering(TOKEN_PATH, template).await;
        let error = business(&server).exchange_code("c").await.unwrap_err();
        let AccountError::Source(source) = &error else { panic!("{expected}: {error:?}") };
        assert!(format!("{source:?}").starts_with(expected), "expected {expected}, got {source:?}");
    }
}

#[tokio::test]
async fn a_refresh_sends_the_refresh_token_and_returns_the_rotated_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(REFRESH_PATH))
        .and(body_json(json!({"client_id": APP_ID, "client_secret": SECRET, "grant_type": "refresh_token",
                              "refresh_token": REFRESH})))
        .respond_with(ResponseTemplate::new(200).set_body_json(grant("act.second", "rft.second")))
        .expect(1)
        .mount(&server)
        .await;
    let grant = business(&server).refresh(REFRESH).await.unwrap();
    assert_eq!((grant.access_token.as_str(), grant.refresh_token.as_deref()), ("act.second", Some("rft.second")));
}

#[tokio::test]
async fn revoke_posts_the_access_token_with_the_app_credentials_and_reads_the_envelope() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/open_api/v1.3/tt_user/oauth2/revoke/"))
        .and(body_json(json!({"client_id": APP_ID, "client_secret": SECRET, "access_token": ACCESS})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 0, "message": "OK", "request_id": "r"})))
        .expect(1)
        .mount(&server)
        .await;
    business(&server).revoke(ACCESS).await.unwrap();

    let server = answering(
        "/open_api/v1.3/tt_user/oauth2/revoke/",
        ResponseTemplate::new(200).set_body_json(envelope(
            40105,
            "Access token is incorrect or has been revoked.",
            json!({}),
        )),
    )
    .await;
    assert!(matches!(business(&server).revoke(ACCESS).await, Err(AccountError::AuthorizationGone(_))));
}

#[tokio::test]
async fn the_account_is_read_with_the_token_in_access_token_and_its_audience_normalised() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ACCOUNT_PATH))
        .and(header("access-token", ACCESS))
        .and(query_param("business_id", BUSINESS_ID))
        .and(query_param("fields", r#"["username","audience_countries","audience_genders","audience_ages"]"#))
        .respond_with(ResponseTemplate::new(200).set_body_json(account()))
        .expect(1)
        .mount(&server)
        .await;
    let account = business(&server).account(ACCESS, BUSINESS_ID).await.unwrap();
    assert_eq!(account.username.as_deref(), Some("mayabakes"));
    let audience = account.audience.expect("an audience");
    assert_eq!(audience.genders["female"], 0.71);
    assert_eq!(audience.ages["55+"], 0.04);
    assert_eq!(audience.countries.keys().collect::<Vec<_>>(), ["GB", "US"], "the unknown country is dropped");
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    assert!(!requests[0].headers.contains_key("authorization"), "the token goes in Access-Token, not as a Bearer");
}

#[tokio::test]
async fn an_account_without_demographics_has_no_audience_rather_than_an_empty_one() {
    let server = answering(
        ACCOUNT_PATH,
        ResponseTemplate::new(200).set_body_json(envelope(
            0,
            "OK",
            json!({"username": "tiny.shop", "audience_countries": [], "audience_genders": [{"gender": "Female", "percentage": 7.0}]}),
        )),
    )
    .await;
    let account = business(&server).account(ACCESS, BUSINESS_ID).await.unwrap();
    assert_eq!((account.username.as_deref(), account.audience), (Some("tiny.shop"), None));
}

#[tokio::test]
async fn account_errors_tell_a_refused_token_from_an_outage() {
    let cases: [ErrorCase; 8] = [
        (
            200,
            envelope(40105, "Access token is incorrect or has been revoked.", json!({})),
            |e| matches!(e, AccountError::TokenInvalid(m) if m.contains("40105")),
        ),
        (200, envelope(40102, "Access token has expired.", json!({})), |e| matches!(e, AccountError::TokenInvalid(_))),
        (200, envelope(40001, "No permission to operate this business account.", json!({})), |e| {
            matches!(e, AccountError::TokenInvalid(_))
        }),
        (200, envelope(40100, "Too many requests.", json!({})), |e| {
            matches!(e, AccountError::Source(SourceError::RateLimited { .. }))
        }),
        (200, envelope(0, "OK", Value::Null), |e| matches!(e, AccountError::Source(SourceError::BadPayload(_)))),
        (200, json!({"code": 0, "message": "OK", "data": {"audience_countries": "US"}}), |e| {
            matches!(e, AccountError::Source(SourceError::BadPayload(_)))
        }),
        (401, json!({}), |e| matches!(e, AccountError::TokenInvalid(_))),
        (503, json!({}), |e| matches!(e, AccountError::Source(SourceError::Unavailable(_)))),
    ];
    for (status, body, expected) in cases {
        let server = answering(ACCOUNT_PATH, ResponseTemplate::new(status).set_body_json(body.clone())).await;
        let error = business(&server).account(ACCESS, BUSINESS_ID).await.unwrap_err();
        assert!(expected(&error), "{status} {body}: {error:?}");
    }
    let server =
        answering(ACCOUNT_PATH, ResponseTemplate::new(200).set_body_string("<!doctype html><p>login</p>")).await;
    let error = business(&server).account(ACCESS, BUSINESS_ID).await.unwrap_err();
    assert!(matches!(error, AccountError::Source(SourceError::BadPayload(_))), "{error:?}");
}
