//! List items: adding by handle, notes and tags, removal, and ordering under concurrency.

use crate::both_databases;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

both_databases! {
    async fn creators_are_added_by_handle_at_handle_or_profile_url(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Handles").await;
        let id = list["id"].as_str().unwrap();
        for (raw, canonical) in [("mayabakes", "mayabakes"), ("@Some.User_1", "some.user_1"), ("https://www.tiktok.com/@Gym.Rat?lang=en", "gym.rat")] {
            let item = app.add_item(&user, id, raw).await;
            assert_eq!(item["creator"]["handle"], canonical);
            assert_eq!(item["creator"]["profile_url"], format!("https://www.tiktok.com/@{canonical}"));
        }
        for bad in ["som\u{435}_user", "a", &"a".repeat(31), "trailing.", "with space"] {
            let response = app.post(&user.token, &format!("/lists/{id}/items"), json!({"handle": bad})).await;
            let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
            assert_eq!(problem["errors"][0]["pointer"], "/handle", "{bad:?}");
        }
        let again = app.post(&user.token, &format!("/lists/{id}/items"), json!({"handle": "@MayaBakes"})).await;
        expect_problem(again, StatusCode::CONFLICT, "creator_already_in_list").await;
        assert_eq!(handles(&app.items(&user, id).await), vec!["mayabakes", "some.user_1", "gym.rat"]);
    }

    async fn notes_and_tags_can_be_edited_and_items_removed(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Notes").await;
        let id = list["id"].as_str().unwrap();
        let item = app.add_item(&user, id, "noted").await;
        let item_id = item["id"].as_str().unwrap();

        let body = json!({"note": "loves linen\nreplied to DM", "tags": ["gym", "gym", " linen "]});
        let updated = expect_json(app.patch(&user.token, &format!("/lists/{id}/items/{item_id}"), body).await, StatusCode::OK).await;
        assert_eq!(updated["note"], "loves linen\nreplied to DM");
        assert_eq!(updated["tags"], json!(["gym", "linen"]));

        let bad = app.patch(&user.token, &format!("/lists/{id}/items/{item_id}"), json!({"tags": [""]})).await;
        expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

        let removed = expect_json(app.delete(&user.token, &format!("/lists/{id}/items/{item_id}")).await, StatusCode::OK).await;
        assert!(removed["version"].as_i64().unwrap() > list["version"].as_i64().unwrap());
        assert_eq!(app.items(&user, id).await["items"].as_array().unwrap().len(), 0);
        expect_problem(app.delete(&user.token, &format!("/lists/{id}/items/{item_id}")).await, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn items_move_and_reorder_guarded_by_the_version(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Order").await;
        let id = list["id"].as_str().unwrap();
        for handle in ["aa", "bb", "cc", "dd"] {
            app.add_item(&user, id, handle).await;
        }
        let items = app.items(&user, id).await;
        let version = items["version"].as_i64().unwrap();
        let ids: Vec<String> = items["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();

        let moved = app.post(&user.token, &format!("/lists/{id}/items/{}/move", ids[3]), json!({"version": version, "position": 0})).await;
        let version = expect_json(moved, StatusCode::OK).await["version"].as_i64().unwrap();
        assert_eq!(handles(&app.items(&user, id).await), vec!["dd", "aa", "bb", "cc"]);

        let stale = app.post(&user.token, &format!("/lists/{id}/items/{}/move", ids[0]), json!({"version": version - 1, "position": 3})).await;
        expect_problem(stale, StatusCode::CONFLICT, "stale_version").await;

        let order = json!({"version": version, "item_ids": [ids[2], ids[1], ids[0], ids[3]]});
        let version = expect_json(app.put(&user.token, &format!("/lists/{id}/order"), order).await, StatusCode::OK).await["version"].as_i64().unwrap();
        assert_eq!(handles(&app.items(&user, id).await), vec!["cc", "bb", "aa", "dd"]);

        let incomplete = json!({"version": version, "item_ids": [ids[2], ids[1], ids[0]]});
        expect_problem(app.put(&user.token, &format!("/lists/{id}/order"), incomplete).await, StatusCode::CONFLICT, "item_set_mismatch").await;
        let duplicated = json!({"version": version, "item_ids": [ids[2], ids[2], ids[0], ids[3]]});
        expect_problem(app.put(&user.token, &format!("/lists/{id}/order"), duplicated).await, StatusCode::CONFLICT, "item_set_mismatch").await;
        let past_the_end = app.post(&user.token, &format!("/lists/{id}/items/{}/move", ids[2]), json!({"version": version, "position": 99})).await;
        expect_json(past_the_end, StatusCode::OK).await;
        assert_eq!(handles(&app.items(&user, id).await), vec!["bb", "aa", "dd", "cc"]);
    }

    async fn concurrent_reorders_never_lose_or_duplicate_an_item(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Race").await;
        let id = list["id"].as_str().unwrap().to_owned();
        for n in 0..12 {
            app.add_item(&user, &id, &format!("racer{n:02}")).await;
        }
        let items = app.items(&user, &id).await;
        let version = items["version"].as_i64().unwrap();
        let ids: Vec<String> = items["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();

        let attempts = (0..12).map(|n| {
            let path = format!("/lists/{id}/items/{}/move", ids[n]);
            let token = user.token.clone();
            let app = &app;
            async move { app.post(&token, &path, json!({"version": version, "position": 11 - n})).await.status() }
        });
        let statuses = futures_util::future::join_all(attempts).await;
        let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let lost = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
        assert_eq!((won, lost), (1, 11), "exactly one reorder wins with a given version: {statuses:?}");

        let after = app.items(&user, &id).await;
        let mut positions: Vec<i64> = after["items"].as_array().unwrap().iter().map(|i| i["position"].as_i64().unwrap()).collect();
        positions.sort_unstable();
        assert_eq!(positions, (0..12).collect::<Vec<_>>(), "positions stay a permutation");
        let mut after_ids: Vec<String> = after["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
        after_ids.sort();
        let mut before = ids.clone();
        before.sort();
        assert_eq!(after_ids, before, "no item lost or duplicated");
    }

    async fn item_pages_follow_the_order_and_notice_a_reorder(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Paged").await;
        let id = list["id"].as_str().unwrap();
        for n in 0..5 {
            app.add_item(&user, id, &format!("paged{n}")).await;
        }
        let first = expect_json(app.get(&user.token, &format!("/lists/{id}/items?limit=2")).await, StatusCode::OK).await;
        assert_eq!(handles(&first), vec!["paged0", "paged1"]);
        let cursor = first["next_cursor"].as_str().unwrap();
        let second = expect_json(app.get(&user.token, &format!("/lists/{id}/items?limit=2&cursor={cursor}")).await, StatusCode::OK).await;
        assert_eq!(handles(&second), vec!["paged2", "paged3"]);

        app.add_item(&user, id, "latecomer").await;
        let stale = app.get(&user.token, &format!("/lists/{id}/items?limit=2&cursor={cursor}")).await;
        expect_problem(stale, StatusCode::CONFLICT, "stale_cursor").await;
    }

    async fn items_show_the_latest_metrics_visible_to_the_workspace(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Latest").await;
        let id = list["id"].as_str().unwrap();
        let item = app.add_item(&user, id, "counted").await;
        assert!(item["latest"].is_null());
        let creator_id = item["creator"]["id"].as_str().unwrap();
        let batch = json!({"points": [
            {"captured_at": "2026-01-01T00:00:00Z", "followers": 10, "following": 1, "likes": 100, "videos": 3},
            {"captured_at": "2026-01-02T00:00:00Z", "followers": 12, "following": 1, "likes": 120, "videos": 4},
        ]});
        expect_json(app.post(&user.token, &format!("/creators/{creator_id}/metrics/batch"), batch).await, StatusCode::OK).await;
        let items = app.items(&user, id).await;
        assert_eq!(items["items"][0]["latest"]["followers"], 12);
        assert_eq!(items["items"][0]["latest"]["source"], "manual");
    }
}
