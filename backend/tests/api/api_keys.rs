//! API keys (security.md checks 11 and 12): shown once, hash-only, scoped, bound to one workspace
//! and to their creator's role, revocable at once, rate-limited, never accepted in a URL.

use crate::both_databases;
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;
use zzyzx::auth::throttle::KeyedLimiter;

both_databases! {
    async fn a_key_lives_from_creation_to_revocation(app) {
        let owner = app.new_user().await;
        let body = json!({"name": "Sheets sync", "scopes": ["lists:read", "lists:write"], "expires_in_days": 30});
        let created = expect_json(app.post(&owner.token, "/api-keys", body).await, StatusCode::CREATED).await;
        let secret = created["secret"].as_str().unwrap().to_owned();
        let id = created["key"]["id"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("zz_") && secret.len() == 41, "{secret}");
        assert_eq!(created["key"]["prefix"], &secret[..12]);
        assert_eq!(created["key"]["scopes"], json!(["lists:read", "lists:write"]));

        let listed = expect_json(app.get(&owner.token, "/api-keys").await, StatusCode::OK).await;
        assert!(!listed.to_string().contains(&secret), "the key is never shown again: {listed}");
        assert_eq!(listed["items"][0]["name"], "Sheets sync");
        assert!(listed["items"][0]["last_used_at"].is_null());

        let lists = expect_json(app.get(&secret, "/lists").await, StatusCode::OK).await;
        assert_eq!(lists["items"].as_array().unwrap().len(), 0);
        let made = expect_json(app.post(&secret, "/lists", json!({"name": "By key"})).await, StatusCode::CREATED).await;
        let owners = expect_json(app.get(&owner.token, &format!("/lists/{}", made["id"].as_str().unwrap())).await, StatusCode::OK).await;
        assert_eq!(owners["name"], "By key", "the key acts in the owner's workspace");
        let listed = expect_json(app.get(&owner.token, "/api-keys").await, StatusCode::OK).await;
        assert!(listed["items"][0]["last_used_at"].is_string(), "use is recorded: {listed}");

        let in_query = app.client.get(format!("{}?api_key={secret}", app.url("/lists"))).send().await.unwrap();
        expect_problem(in_query, StatusCode::BAD_REQUEST, "credentials_in_query").await;
        let mut flipped = secret.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == 'a' { 'b' } else { 'a' });
        expect_problem(app.get(&flipped, "/lists").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let (unknown, _, _) = zzyzx::auth::api_keys::generate();
        expect_problem(app.get(&unknown, "/lists").await, StatusCode::UNAUTHORIZED, "invalid_token").await;

        let revoked = expect_json(app.delete(&owner.token, &format!("/api-keys/{id}")).await, StatusCode::OK).await;
        assert!(revoked["revoked_at"].is_string());
        expect_problem(app.get(&secret, "/lists").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        expect_problem(app.delete(&owner.token, &format!("/api-keys/{}", Uuid::new_v4())).await, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn a_key_does_only_what_its_scopes_and_its_creators_role_allow(app) {
        let owner = app.new_user().await;
        let list = app.create_list(&owner, "Own").await;
        let list_id = list["id"].as_str().unwrap();
        let (_, reader) = app.new_api_key(&owner, &["lists:read"]).await;
        let refusals = [
            (Method::POST, "/lists".to_string(), Some(json!({"name": "x"})), "insufficient_scope"),
            (Method::DELETE, format!("/lists/{list_id}"), None, "insufficient_scope"),
            (Method::GET, "/creators/search?q=ab".to_string(), None, "insufficient_scope"),
            (Method::POST, "/api-keys".to_string(), Some(json!({"name": "x", "scopes": ["lists:read"]})), "api_key_not_allowed"),
            (Method::POST, "/auth/password".to_string(), Some(json!({"current_password": PASSWORD, "new_password": "another long passphrase here"})), "api_key_not_allowed"),
            (Method::GET, "/workspace/members".to_string(), None, "api_key_not_allowed"),
            (Method::PUT, "/workspace/analytics-settings".to_string(), Some(json!({})), "api_key_not_allowed"),
        ];
        for (method, path, body, code) in refusals {
            expect_problem(app.send(method.clone(), &path, Some(&reader), body).await, StatusCode::FORBIDDEN, code).await;
        }
        assert_eq!(app.get(&reader, "/lists").await.status(), StatusCode::OK);
        assert_eq!(app.get(&owner.token, &format!("/lists/{list_id}")).await.status(), StatusCode::OK, "nothing was deleted");

        // A key made by an owner who is later made a viewer only reads.
        let editor = app.new_member(&owner, "owner").await;
        let key = app.send_in(Method::POST, "/api-keys", &editor.token, owner.workspace_id, Some(json!({"name": "k", "scopes": ["lists:read", "lists:write"]}))).await;
        let writer = expect_json(key, StatusCode::CREATED).await["secret"].as_str().unwrap().to_owned();
        expect_json(app.post(&writer, "/lists", json!({"name": "While owner"})).await, StatusCode::CREATED).await;
        let editor_id = app.user_id(&editor).await;
        expect_json(app.patch(&owner.token, &format!("/workspace/members/{editor_id}"), json!({"role": "viewer"})).await, StatusCode::OK).await;
        expect_problem(app.post(&writer, "/lists", json!({"name": "As viewer"})).await, StatusCode::FORBIDDEN, "forbidden").await;
        assert_eq!(app.get(&writer, "/lists").await.status(), StatusCode::OK);
    }

    async fn a_key_is_bound_to_its_workspace(app) {
        let owner = app.new_user().await;
        let other = app.new_user().await;
        let (_, key) = app.new_api_key(&owner, &["lists:read"]).await;
        let elsewhere = app.send_in(Method::GET, "/lists", &key, other.workspace_id, None).await;
        expect_problem(elsewhere, StatusCode::NOT_FOUND, "not_found").await;
        let own = app.send_in(Method::GET, "/lists", &key, owner.workspace_id, None).await;
        assert_eq!(own.status(), StatusCode::OK);
    }

    async fn keys_are_validated_and_managed_by_owners_only(app) {
        let owner = app.new_user().await;
        for body in [
            json!({"name": "", "scopes": ["lists:read"]}),
            json!({"name": "k", "scopes": []}),
            json!({"name": "k", "scopes": ["admin"]}),
            json!({"name": "k", "scopes": ["lists:read"], "expires_in_days": 366}),
            json!({"name": "k", "scopes": ["lists:read"], "user_id": Uuid::new_v4()}),
        ] {
            expect_problem(app.post(&owner.token, "/api-keys", body).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        }
        let editor = app.new_member(&owner, "editor").await;
        let denied = app.send_in(Method::POST, "/api-keys", &editor.token, owner.workspace_id, Some(json!({"name": "k", "scopes": ["lists:read"]}))).await;
        expect_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;
        let listed = expect_json(app.get(&owner.token, "/api-keys").await, StatusCode::OK).await;
        assert_eq!(listed["items"].as_array().unwrap().len(), 0);
    }

    async fn a_key_drives_a_whole_flow(app) {
        let owner = app.new_user().await;
        let (_, key) = app.new_api_key(&owner, &["lists:read", "lists:write", "creators:read", "creators:write"]).await;
        let list = expect_json(app.post(&key, "/lists", json!({"name": "Spring drop"})).await, StatusCode::CREATED).await;
        let list_id = list["id"].as_str().unwrap();
        let item = expect_json(app.post(&key, &format!("/lists/{list_id}/items"), json!({"handle": "@fresh.face"})).await, StatusCode::CREATED).await;
        let creator_id = item["creator"]["id"].as_str().unwrap();
        let points: Vec<_> = (0..10).map(|day| json!({"captured_at": format!("2026-11-{:02}T12:00:00Z", day + 10), "followers": 1000 + day * 50, "following": 10, "likes": 5000, "videos": 20})).collect();
        let written = expect_json(app.post(&key, &format!("/creators/{creator_id}/metrics/batch"), json!({"points": points})).await, StatusCode::OK).await;
        assert_eq!(written["written"], 10);
        let dashboard = expect_json(app.get(&key, &format!("/lists/{list_id}/dashboard")).await, StatusCode::OK).await;
        assert_eq!(dashboard["rows"][0]["creator"]["handle"], "fresh.face");
        assert_eq!(dashboard["rows"][0]["latest"]["followers"], 1450);
    }
}

mod rate_limit {
    use super::*;

    async fn limited(db: Db) {
        let app = spawn_app_with(db, |state| state.api_key_requests = KeyedLimiter::per_minute(3)).await;
        let owner = app.new_user().await;
        let (_, key) = app.new_api_key(&owner, &["lists:read"]).await;
        let (_, other) = app.new_api_key(&owner, &["lists:read"]).await;
        for _ in 0..3 {
            assert_eq!(app.get(&key, "/lists").await.status(), StatusCode::OK);
        }
        let refused = app.get(&key, "/lists").await;
        let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry_after), "{retry_after}");
        expect_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_requests").await;
        assert_eq!(app.get(&other, "/lists").await.status(), StatusCode::OK, "the limit is per key");
        assert_eq!(app.get(&owner.token, "/lists").await.status(), StatusCode::OK, "people are not limited by it");
    }

    #[tokio::test]
    async fn sqlite() {
        limited(Db::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        limited(Db::Postgres).await;
    }
}
