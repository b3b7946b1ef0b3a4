//! Registration, login, refresh rotation, logout, password change and token validation.

use crate::both_databases;
use crate::helpers::*;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

both_databases! {
    async fn registration_creates_an_owned_workspace_and_an_owasp_hash(app) {
        let user = app.new_user().await;
        let me = expect_json(app.get(&user.token, "/auth/me").await, StatusCode::OK).await;
        assert_eq!(me["user"]["email"], user.email.as_str());
        assert_eq!(me["workspaces"][0]["role"], "owner");
        assert_eq!(me["current_workspace_id"], user.workspace_id.to_string());

        let stored = app.store.user_by_email(&user.email).await.unwrap().expect("the user is stored");
        assert!(stored.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", stored.password_hash);
        let body = serde_json::to_string(&me).unwrap();
        assert!(!body.contains("hash") && !body.contains("password"), "no secrets in responses: {body}");
    }

    async fn the_password_policy_holds_at_its_edges(app) {
        let cases: Vec<(String, StatusCode)> = vec![
            ("abcdefghijklmn".into(), StatusCode::UNPROCESSABLE_ENTITY),               // 14
            ("abcdefghijklmno".into(), StatusCode::CREATED),                           // 15
            ("x1y2z3-".repeat(18) + "ab", StatusCode::CREATED),                        // 128
            ("x1y2z3-".repeat(18) + "abc", StatusCode::UNPROCESSABLE_ENTITY),          // 129
            ("password1234567".into(), StatusCode::UNPROCESSABLE_ENTITY),              // common
            ((0..64).filter_map(|n| char::from_u32(0x1F600 + n)).collect(), StatusCode::CREATED), // 64 emoji
        ];
        for (index, (password, expected)) in cases.iter().enumerate() {
            let email = format!("policy-{index}@example.com");
            let response = app.register_response(&email, password).await;
            assert_eq!(response.status(), *expected, "password of {} characters", password.chars().count());
        }
        let long = &cases[2].0;
        let response = app.login_response("policy-2@example.com", long).await;
        assert_eq!(response.status(), StatusCode::OK, "the full 128-character password logs in: nothing is truncated");
        let truncated = &long[..long.len() - 1];
        assert_eq!(app.login_response("policy-2@example.com", truncated).await.status(), StatusCode::UNAUTHORIZED);
    }

    async fn an_email_registers_once_whatever_its_case(app) {
        let user = app.new_user().await;
        let response = app.register_response(&user.email.to_uppercase(), PASSWORD).await;
        expect_problem(response, StatusCode::CONFLICT, "email_taken").await;
        let login = app.login_response(&user.email.to_uppercase(), PASSWORD).await;
        assert_eq!(login.status(), StatusCode::OK, "login is case-insensitive on the e-mail address");
    }

    async fn unknown_email_and_wrong_password_answer_identically(app) {
        let user = app.new_user().await;
        let unknown = app.login_response("nobody@example.com", PASSWORD).await;
        let wrong = app.login_response(&user.email, "not the right passphrase").await;
        assert_eq!(unknown.status(), wrong.status());
        let header_names = |r: &reqwest::Response| {
            let mut names: Vec<String> = r.headers().keys().map(|k| k.to_string()).filter(|k| k != "date" && k != "x-request-id").collect();
            names.sort();
            names
        };
        assert_eq!(header_names(&unknown), header_names(&wrong));
        let unknown = expect_problem(unknown, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
        let wrong = expect_problem(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
        assert_eq!(unknown, wrong);
    }

    async fn repeated_failures_are_throttled_per_account(app) {
        let user = app.new_user().await;
        let other = app.new_user().await;
        for attempt in 1..=5 {
            let response = app.login_response(&user.email, "not the right passphrase").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
        }
        let throttled = app.login_response(&user.email, "not the right passphrase").await;
        let retry_after: u64 = throttled.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(retry_after >= 1);
        expect_problem(throttled, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
        // Even the right password waits: otherwise the throttle would be an oracle.
        assert_eq!(app.login_response(&user.email, PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(app.login_response(&other.email, PASSWORD).await.status(), StatusCode::OK, "another account is not blocked");

        tokio::time::sleep(std::time::Duration::from_millis(retry_after * 1000 + 100)).await;
        assert_eq!(app.login_response(&user.email, PASSWORD).await.status(), StatusCode::OK);
        let stored = app.store.user_by_email(&user.email).await.unwrap().unwrap();
        assert_eq!(stored.failed_logins, 0, "a successful login resets the counter");
    }

    async fn a_refresh_token_works_once_and_reuse_revokes_the_session(app) {
        let user = app.new_user().await;
        let refresh = |token: String| app.send(Method::POST, "/auth/refresh", None, Some(json!({"refresh_token": token, "refresh_token_delivery": "body"})));
        let first = expect_json(refresh(user.refresh_token.clone()).await, StatusCode::OK).await;
        let rt2 = first["refresh_token"].as_str().unwrap().to_owned();
        assert_ne!(rt2, user.refresh_token);

        expect_problem(refresh(user.refresh_token.clone()).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        expect_problem(refresh(rt2).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let access = first["access_token"].as_str().unwrap();
        assert_eq!(app.get(access, "/auth/me").await.status(), StatusCode::UNAUTHORIZED, "the whole session ended");
    }

    async fn the_web_app_refreshes_through_an_http_only_cookie(app) {
        let user = app.new_user().await;
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
        let login = client
            .post(app.url("/auth/login"))
            .json(&json!({"email": user.email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let cookie = login.headers()["set-cookie"].to_str().unwrap().to_owned();
        for attribute in ["zzyzx_refresh=", "HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
            assert!(cookie.contains(attribute), "cookie {cookie} lacks {attribute}");
        }
        let body = expect_json(login, StatusCode::OK).await;
        assert!(body.get("refresh_token").is_none(), "the cookie flow keeps the refresh token out of the body");

        let refreshed = client.post(app.url("/auth/refresh")).json(&json!({})).send().await.unwrap();
        let body = expect_json(refreshed, StatusCode::OK).await;
        assert!(body["access_token"].is_string());

        // A page load without a cookie asks whether there is a session: "no" is not an error.
        let fresh = reqwest::Client::new().post(app.url("/auth/refresh")).json(&json!({})).send().await.unwrap();
        assert_eq!(fresh.status(), StatusCode::NO_CONTENT);
        let unknown = app.send(Method::POST, "/auth/refresh", None, Some(json!({"refresh_token": "zzr_not-a-real-one"}))).await;
        expect_problem(unknown, StatusCode::UNAUTHORIZED, "invalid_token").await;
    }

    async fn logout_ends_the_session_at_once(app) {
        let user = app.new_user().await;
        let response = app.send(Method::POST, "/auth/logout", Some(&user.token), None).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        expect_problem(app.get(&user.token, "/auth/me").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let refresh = app.send(Method::POST, "/auth/refresh", None, Some(json!({"refresh_token": user.refresh_token}))).await;
        assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);
    }

    async fn a_wrong_current_password_is_throttled_like_a_login(app) {
        let user = app.new_user().await;
        let attempt = |current: &str| {
            app.post(&user.token, "/auth/password", json!({"current_password": current, "new_password": "a completely new passphrase"}))
        };
        for n in 1..=5 {
            expect_problem(attempt("wrong wrong wrong").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
            assert_eq!(app.store.user_by_email(&user.email).await.unwrap().unwrap().failed_logins, n, "attempt {n} is counted");
        }
        let throttled = attempt("wrong wrong wrong").await;
        assert!(throttled.headers().contains_key("retry-after"));
        expect_problem(throttled, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
        // The right password waits too, and so does a login: one backoff per account.
        expect_problem(attempt(PASSWORD).await, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
        assert_eq!(app.login_response(&user.email, PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    }

    async fn changing_the_password_ends_every_other_session(app) {
        let user = app.new_user().await;
        let second_device = user_from_session(
            user.email.clone(),
            &expect_json(app.login_response(&user.email, PASSWORD).await, StatusCode::OK).await,
        );
        let new_password = "a completely new passphrase";
        let wrong = app.post(&user.token, "/auth/password", json!({"current_password": "wrong wrong wrong", "new_password": new_password})).await;
        expect_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

        let body = json!({"current_password": PASSWORD, "new_password": new_password, "refresh_token_delivery": "body"});
        let changed = expect_json(app.post(&user.token, "/auth/password", body).await, StatusCode::OK).await;

        for old in [&user.token, &second_device.token] {
            assert_eq!(app.get(old, "/auth/me").await.status(), StatusCode::UNAUTHORIZED);
        }
        let refresh = app.send(Method::POST, "/auth/refresh", None, Some(json!({"refresh_token": second_device.refresh_token}))).await;
        assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.get(changed["access_token"].as_str().unwrap(), "/auth/me").await.status(), StatusCode::OK);
        assert_eq!(app.login_response(&user.email, PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(app.login_response(&user.email, new_password).await.status(), StatusCode::OK);
    }

    async fn forged_and_broken_tokens_are_all_refused_alike(app) {
        let user = app.new_user().await;
        let valid_claims = decode_claims(&user.token);
        let now = chrono::Utc::now().timestamp();
        let with = |change: &dyn Fn(&mut Value)| {
            let mut claims = valid_claims.clone();
            change(&mut claims);
            claims
        };
        let sign = |header: Header, claims: &Value, key: &str| jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(key.as_bytes())).unwrap();
        let at = || Header { typ: Some("at+jwt".into()), ..Header::new(Algorithm::HS256) };

        let unsigned = {
            let encode = |v: &Value| base64_url(&serde_json::to_vec(v).unwrap());
            format!("{}.{}.", encode(&json!({"alg": "none", "typ": "at+jwt"})), encode(&valid_claims))
        };
        let cases: Vec<(&str, String)> = vec![
            ("alg none", unsigned),
            ("HS512 where HS256 is pinned", sign(Header { typ: Some("at+jwt".into()), ..Header::new(Algorithm::HS512) }, &valid_claims, TEST_SECRET)),
            ("wrong key", sign(at(), &valid_claims, "some-other-secret-that-is-long-enough-too")),
            ("expired 61 s ago", sign(at(), &with(&|c| { c["exp"] = json!(now - 61); c["iat"] = json!(now - 961); c["nbf"] = json!(now - 961); }), TEST_SECRET)),
            ("expiring ten years after issue", sign(at(), &with(&|c| c["exp"] = json!(now + 10 * 365 * 86_400)), TEST_SECRET)),
            ("issued in the future", sign(at(), &with(&|c| { c["iat"] = json!(now + 600); c["exp"] = json!(now + 1200); }), TEST_SECRET)),
            ("not valid for 5 minutes", sign(at(), &with(&|c| c["nbf"] = json!(now + 300)), TEST_SECRET)),
            ("wrong issuer", sign(at(), &with(&|c| c["iss"] = json!("someone-else")), TEST_SECRET)),
            ("wrong audience", sign(at(), &with(&|c| c["aud"] = json!("another-api")), TEST_SECRET)),
            ("no audience", sign(at(), &with(&|c| { c.as_object_mut().unwrap().remove("aud"); }), TEST_SECRET)),
            ("no expiry", sign(at(), &with(&|c| { c.as_object_mut().unwrap().remove("exp"); }), TEST_SECRET)),
            ("typ other than at+jwt", sign(Header { typ: Some("JWT".into()), ..Header::new(Algorithm::HS256) }, &valid_claims, TEST_SECRET)),
            ("refresh token as bearer", user.refresh_token.clone()),
            ("truncated signature", user.token[..user.token.len() - 4].to_owned()),
        ];
        for (name, token) in cases {
            let response = app.get(&token, "/auth/me").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{name} must be refused");
            expect_problem(response, StatusCode::UNAUTHORIZED, "invalid_token").await;
        }
        let resigned = sign(at(), &valid_claims, TEST_SECRET);
        assert_eq!(app.get(&resigned, "/auth/me").await.status(), StatusCode::OK, "a well-formed token is accepted");
        expect_problem(app.send(Method::GET, "/auth/me", None, None).await, StatusCode::UNAUTHORIZED, "authentication_required").await;
    }

    async fn access_tokens_are_short_lived_and_fully_claimed(app) {
        let user = app.new_user().await;
        let claims = decode_claims(&user.token);
        let header = jsonwebtoken::decode_header(&user.token).unwrap();
        assert_eq!(header.typ.as_deref(), Some("at+jwt"));
        assert!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap() <= 900);
        for claim in ["iss", "aud", "sub", "jti", "sid"] {
            assert!(claims.get(claim).is_some(), "claim {claim} missing: {claims}");
        }
    }
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn decode_claims(token: &str) -> Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).expect("a JWT has a payload");
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}
