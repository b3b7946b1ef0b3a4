//! Share links: a public, read-only dashboard of one list, and nothing else.

use crate::both_databases;
use crate::helpers::*;
use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn shared(app: &TestApp, token: &str) -> reqwest::Response {
    app.client.get(app.url("/shared/dashboard")).bearer_auth(token).send().await.unwrap()
}

async fn share(app: &TestApp, owner: &TestUser, list_id: &str, body: Value) -> (String, String) {
    let created =
        expect_json(app.post(&owner.token, &format!("/lists/{list_id}/share-links"), body).await, StatusCode::CREATED)
            .await;
    let token = created["token"].as_str().unwrap().to_owned();
    assert_eq!(created["path"], format!("/share#{token}"));
    (created["link"]["id"].as_str().unwrap().to_owned(), token)
}

both_databases! {
    async fn a_share_link_opens_one_dashboard_without_login(app) {
        let owner = app.new_user().await;
        let list = app.create_list(&owner, "Spring drop").await;
        let list_id = list["id"].as_str().unwrap();
        let item = app.add_item(&owner, list_id, "shared.creator").await;
        let item_id = item["id"].as_str().unwrap();
        expect_json(app.patch(&owner.token, &format!("/lists/{list_id}/items/{item_id}"), json!({"note": "internal: asks 2k", "tags": ["maybe"]})).await, StatusCode::OK).await;
        let other = app.create_list(&owner, "Not shared").await;

        let (link_id, token) = share(&app, &owner, list_id, json!({})).await;
        assert!(token.starts_with("zzs_"));
        let dashboard = expect_json(shared(&app, &token).await, StatusCode::OK).await;
        assert_eq!(dashboard["list"]["name"], "Spring drop");
        assert_eq!(dashboard["rows"][0]["creator"]["handle"], "shared.creator");
        let row = dashboard["rows"][0].as_object().unwrap();
        assert!(!row.contains_key("note") && !row.contains_key("tags"), "notes and tags stay private: {row:?}");
        let sorted = app.client.get(format!("{}?sort=followers&order=asc", app.url("/shared/dashboard"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(sorted.status(), StatusCode::OK);

        // The link reaches nothing else.
        let other_id = other["id"].as_str().unwrap();
        let creator_id = item["creator"]["id"].as_str().unwrap();
        for path in [
            "/lists".to_string(), format!("/lists/{list_id}"), format!("/lists/{list_id}/dashboard"), format!("/lists/{list_id}/items"),
            format!("/lists/{other_id}/dashboard"), format!("/creators/{creator_id}"), format!("/creators/{creator_id}/metrics"),
            "/auth/me".to_string(), "/workspace/members".to_string(), format!("/lists/{list_id}/share-links"),
        ] {
            expect_problem(app.get(&token, &path).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        }
        expect_problem(app.send(Method::DELETE, &format!("/lists/{list_id}"), Some(&token), None).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let in_query = app.client.get(format!("{}?token={token}", app.url("/shared/dashboard"))).send().await.unwrap();
        expect_problem(in_query, StatusCode::BAD_REQUEST, "credentials_in_query").await;
        expect_problem(app.client.get(app.url("/shared/dashboard")).send().await.unwrap(), StatusCode::UNAUTHORIZED, "authentication_required").await;
        expect_problem(shared(&app, &owner.token).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        expect_problem(shared(&app, "zzs_made-up").await, StatusCode::UNAUTHORIZED, "invalid_token").await;

        let links = expect_json(app.get(&owner.token, &format!("/lists/{list_id}/share-links")).await, StatusCode::OK).await;
        assert!(links["items"][0]["last_used_at"].is_string());
        assert!(!links.to_string().contains(&token), "the secret is never listed");
        let revoked = expect_json(app.delete(&owner.token, &format!("/lists/{list_id}/share-links/{link_id}")).await, StatusCode::OK).await;
        assert!(revoked["revoked_at"].is_string());
        expect_problem(shared(&app, &token).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
    }

    async fn share_links_expire_and_go_with_their_list(app) {
        let owner = app.new_user().await;
        let list = app.create_list(&owner, "Short lived").await;
        let list_id = list["id"].as_str().unwrap();
        let past = (Utc::now() - Duration::minutes(1)).to_rfc3339();
        let refused = app.post(&owner.token, &format!("/lists/{list_id}/share-links"), json!({"expires_at": past})).await;
        expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let soon = (Utc::now() + Duration::seconds(2)).to_rfc3339();
        let (_, expiring) = share(&app, &owner, list_id, json!({"expires_at": soon})).await;
        let (_, lasting) = share(&app, &owner, list_id, json!({})).await;
        assert_eq!(shared(&app, &expiring).await.status(), StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        expect_problem(shared(&app, &expiring).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        assert_eq!(shared(&app, &lasting).await.status(), StatusCode::OK);

        assert_eq!(app.delete(&owner.token, &format!("/lists/{list_id}")).await.status(), StatusCode::NO_CONTENT);
        expect_problem(shared(&app, &lasting).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
    }

    async fn only_owners_share_and_only_their_own_lists(app) {
        let owner = app.new_user().await;
        let list = app.create_list(&owner, "Team list").await;
        let list_id = list["id"].as_str().unwrap();
        let editor = app.new_member(&owner, "editor").await;
        let denied = app.send_in(Method::POST, &format!("/lists/{list_id}/share-links"), &editor.token, owner.workspace_id, Some(json!({}))).await;
        expect_problem(denied, StatusCode::FORBIDDEN, "forbidden").await;
        let outsider = app.new_user().await;
        let theirs = app.post(&outsider.token, &format!("/lists/{list_id}/share-links"), json!({})).await;
        expect_problem(theirs, StatusCode::NOT_FOUND, "not_found").await;
        let links = expect_json(app.get(&owner.token, &format!("/lists/{list_id}/share-links")).await, StatusCode::OK).await;
        assert_eq!(links["items"].as_array().unwrap().len(), 0);
    }
}
