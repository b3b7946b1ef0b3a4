//! Lists: create, read, page, rename, delete, and the rules on names.

use crate::both_databases;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashSet;

both_databases! {
    async fn a_list_can_be_created_read_renamed_and_deleted(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Spring drop").await;
        let id = list["id"].as_str().unwrap();
        assert_eq!((list["item_count"].as_i64(), list["version"].as_i64()), (Some(0), Some(1)));

        let read = expect_json(app.get(&user.token, &format!("/lists/{id}")).await, StatusCode::OK).await;
        assert_eq!(read["name"], "Spring drop");

        let body = json!({"name": "Summer drop", "description": "linen and sandals"});
        let renamed = expect_json(app.patch(&user.token, &format!("/lists/{id}"), body).await, StatusCode::OK).await;
        assert_eq!((renamed["name"].as_str(), renamed["description"].as_str()), (Some("Summer drop"), Some("linen and sandals")));

        assert_eq!(app.delete(&user.token, &format!("/lists/{id}")).await.status(), StatusCode::NO_CONTENT);
        expect_problem(app.get(&user.token, &format!("/lists/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
        expect_problem(app.delete(&user.token, &format!("/lists/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn list_names_are_checked_and_normalised(app) {
        let user = app.new_user().await;
        for (name, status) in [
            ("a\u{0}b", StatusCode::UNPROCESSABLE_ENTITY),
            (&"x".repeat(101) as &str, StatusCode::UNPROCESSABLE_ENTITY),
            ("   ", StatusCode::UNPROCESSABLE_ENTITY),
            ("bidi \u{202E}override", StatusCode::UNPROCESSABLE_ENTITY),
            (&"y".repeat(100), StatusCode::CREATED),
        ] {
            let response = app.post(&user.token, "/lists", json!({"name": name})).await;
            assert_eq!(response.status(), status, "name {name:?}");
        }
        let nfd = "E\u{301}quipe 🚀";
        let created = app.create_list(&user, nfd).await;
        assert_eq!(created["name"], "\u{c9}quipe 🚀", "stored as NFC");
        let duplicate = app.post(&user.token, "/lists", json!({"name": "\u{c9}quipe 🚀"})).await;
        expect_problem(duplicate, StatusCode::CONFLICT, "duplicate_list_name").await;
        let other = app.create_list(&user, "Other").await;
        let rename = app.patch(&user.token, &format!("/lists/{}", other["id"].as_str().unwrap()), json!({"name": nfd})).await;
        expect_problem(rename, StatusCode::CONFLICT, "duplicate_list_name").await;
    }

    async fn extra_fields_are_refused_and_change_nothing(app) {
        let user = app.new_user().await;
        let body = r#"{"name": "x", "owner_id": "00000000-0000-0000-0000-000000000000", "id": "00000000-0000-0000-0000-000000000001", "created_at": "1999-01-01T00:00:00Z", "is_admin": true}"#;
        let response = app.client.post(app.url("/lists")).bearer_auth(&user.token).header("content-type", "application/json").body(body).send().await.unwrap();
        let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/owner_id");
        let lists = expect_json(app.get(&user.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(lists["items"].as_array().unwrap().len(), 0, "no list was created");
    }

    async fn pages_are_bounded_and_walk_every_list_once_under_concurrent_inserts(app) {
        let user = app.new_user().await;
        for limit in ["0", "-1", "101"] {
            let response = app.get(&user.token, &format!("/lists?limit={limit}")).await;
            expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        }
        expect_problem(app.get(&user.token, "/lists?limit=abc").await, StatusCode::BAD_REQUEST, "invalid_query").await;
        expect_problem(app.get(&user.token, "/lists?cursor=not-a-cursor").await, StatusCode::BAD_REQUEST, "invalid_cursor").await;

        let mut existing = HashSet::new();
        for n in 0..120 {
            existing.insert(app.create_list(&user, &format!("list {n:03}")).await["id"].as_str().unwrap().to_owned());
        }
        let first = expect_json(app.get(&user.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(first["items"].as_array().unwrap().len(), 50, "50 by default");
        let hundred = expect_json(app.get(&user.token, "/lists?limit=100").await, StatusCode::OK).await;
        assert_eq!(hundred["items"].as_array().unwrap().len(), 100);

        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut inserted = 0;
        loop {
            let path = match &cursor {
                Some(cursor) => format!("/lists?limit=37&cursor={cursor}"),
                None => "/lists?limit=37".to_string(),
            };
            let page = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
            seen.extend(page["items"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap().to_owned()));
            if inserted < 20 {
                for _ in 0..10 {
                    app.create_list(&user, &format!("concurrent {inserted}")).await;
                    inserted += 1;
                }
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        let unique: HashSet<_> = seen.iter().cloned().collect();
        assert_eq!(unique.len(), seen.len(), "no list appears twice");
        assert!(existing.is_subset(&unique), "every list that existed before the walk was seen");
    }

    async fn deleting_a_list_keeps_its_creators_and_their_history(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Temporary").await;
        let list_id = list["id"].as_str().unwrap();
        let item = app.add_item(&user, list_id, "keeper").await;
        let creator_id = item["creator"]["id"].as_str().unwrap();
        let point = json!({"captured_at": "2026-01-01T00:00:00Z", "followers": 10, "following": 1, "likes": 100, "videos": 3});
        expect_json(app.post(&user.token, &format!("/creators/{creator_id}/metrics"), point).await, StatusCode::OK).await;

        assert_eq!(app.delete(&user.token, &format!("/lists/{list_id}")).await.status(), StatusCode::NO_CONTENT);
        let creator = expect_json(app.get(&user.token, &format!("/creators/{creator_id}")).await, StatusCode::OK).await;
        assert_eq!(creator["snapshot_count"], 1);
        assert_eq!(creator["latest"]["followers"], 10);
    }
}
