//! Creator profiles and metric history: writing, reading by interval, CSV export and import.

use crate::both_databases;
use crate::helpers::*;
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn point(at: &str, followers: i64) -> Value {
    json!({"captured_at": at, "followers": followers, "following": 5, "likes": followers * 10, "videos": 2})
}

async fn tracked_creator(app: &TestApp, user: &TestUser, handle: &str) -> String {
    let list = app.create_list(user, &format!("list for {handle}")).await;
    let item = app.add_item(user, list["id"].as_str().unwrap(), handle).await;
    item["creator"]["id"].as_str().unwrap().to_owned()
}

both_databases! {
    async fn one_point_is_written_and_rewriting_it_replaces_it(app) {
        let user = app.new_user().await;
        let creator = tracked_creator(&app, &user, "writer").await;
        for followers in [100, 150] {
            let written = app.post(&user.token, &format!("/creators/{creator}/metrics"), point("2026-02-01T10:00:00Z", followers)).await;
            assert_eq!(expect_json(written, StatusCode::OK).await["written"], 1);
        }
        let history = expect_json(app.get(&user.token, &format!("/creators/{creator}/metrics?interval=raw&from=2026-01-01T00:00:00Z")).await, StatusCode::OK).await;
        let points = history["points"].as_array().unwrap();
        assert_eq!(points.len(), 1, "the same time is an upsert, not a duplicate");
        assert_eq!((points[0]["followers"].as_i64(), points[0]["source"].as_str()), (Some(150), Some("manual")));
    }

    async fn impossible_points_are_refused(app) {
        let user = app.new_user().await;
        let creator = tracked_creator(&app, &user, "refused").await;
        let tomorrow = (Utc::now() + Duration::days(1)).to_rfc3339();
        let cases = [
            (point(&tomorrow, 1), "/captured_at"),
            (json!({"captured_at": "2026-01-01T00:00:00Z", "followers": -1, "following": 0, "likes": 0, "videos": 0}), "/followers"),
            (json!({"captured_at": "2026-01-01T00:00:00Z", "followers": 9223372036854775808u64, "following": 0, "likes": 0, "videos": 0}), ""),
            (json!({"captured_at": "2026-01-01T00:00:00Z", "followers": 1.5, "following": 0, "likes": 0, "videos": 0}), ""),
            (json!({"captured_at": "yesterday", "followers": 1, "following": 0, "likes": 0, "videos": 0}), ""),
            (json!({"followers": 1, "following": 0, "likes": 0, "videos": 0}), "/captured_at"),
        ];
        for (body, pointer) in cases {
            let response = app.post(&user.token, &format!("/creators/{creator}/metrics"), body.clone()).await;
            let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
            assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
        }
        let creator = expect_json(app.get(&user.token, &format!("/creators/{creator}")).await, StatusCode::OK).await;
        assert_eq!(creator["snapshot_count"], 0, "nothing was written");
    }

    async fn a_batch_takes_ten_thousand_points_and_no_more(app) {
        let user = app.new_user().await;
        let creator = tracked_creator(&app, &user, "batched").await;
        let start = Utc::now() - Duration::days(400);
        let points: Vec<Value> = (0..10_000).map(|n| point(&(start + Duration::minutes(n * 30)).to_rfc3339(), n)).collect();
        let written = app.post(&user.token, &format!("/creators/{creator}/metrics/batch"), json!({"points": points})).await;
        assert_eq!(expect_json(written, StatusCode::OK).await["written"], 10_000);

        let mut too_many = points.clone();
        too_many.push(point("2026-01-01T00:00:00Z", 1));
        let refused = app.post(&user.token, &format!("/creators/{creator}/metrics/batch"), json!({"points": too_many})).await;
        expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

        let one_bad = json!({"points": [point("2026-01-01T00:00:00Z", 1), {"captured_at": "2026-01-02T00:00:00Z", "followers": -3, "following": 0, "likes": 0, "videos": 0}]});
        let problem = expect_problem(app.post(&user.token, &format!("/creators/{creator}/metrics/batch"), one_bad).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/points/1/followers");
    }

    async fn history_is_bucketed_with_the_change_from_each_previous_point(app) {
        let user = app.new_user().await;
        let creator = tracked_creator(&app, &user, "bucketed").await;
        // Two points a day from Sunday 1 March to Tuesday 31 March 2026.
        let mut points = Vec::new();
        for day in 1..=31 {
            points.push(point(&format!("2026-03-{day:02}T08:00:00Z"), 1000 + day * 10));
            points.push(point(&format!("2026-03-{day:02}T20:00:00Z"), 1000 + day * 10 + 5));
        }
        points.push(point("2026-04-01T08:00:00Z", 2000));
        expect_json(app.post(&user.token, &format!("/creators/{creator}/metrics/batch"), json!({"points": points})).await, StatusCode::OK).await;
        let range = "from=2026-03-01T00:00:00Z&to=2026-04-30T00:00:00Z";
        let history = |interval: &'static str| {
            let path = format!("/creators/{creator}/metrics?{range}&interval={interval}");
            let app = &app;
            let token = user.token.clone();
            async move { expect_json(app.get(&token, &path).await, StatusCode::OK).await }
        };
        let raw = history("raw").await;
        assert_eq!(raw["points"].as_array().unwrap().len(), 63);
        let daily = history("day").await;
        let days = daily["points"].as_array().unwrap();
        assert_eq!(days.len(), 32);
        assert_eq!(days[0]["followers"], 1015, "the last point of the day");
        assert!(days[0]["change"].is_null());
        assert_eq!(days[1]["change"]["followers"], 10);
        assert_eq!(days[1]["change"]["likes"], 100);
        let weekly = history("week").await;
        // ISO weeks: 1 Mar (Sun) alone, then 2–8, 9–15, 16–22, 23–29, 30 Mar–5 Apr.
        assert_eq!(weekly["points"].as_array().unwrap().len(), 6);
        let monthly = history("month").await;
        let months = monthly["points"].as_array().unwrap();
        assert_eq!(months.len(), 2);
        assert_eq!((months[0]["followers"].as_i64(), months[1]["change"]["followers"].as_i64()), (Some(1315), Some(685)));

        let too_long = app.get(&user.token, &format!("/creators/{creator}/metrics?interval=raw&from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")).await;
        expect_problem(too_long, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let backwards = app.get(&user.token, &format!("/creators/{creator}/metrics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).await;
        expect_problem(backwards, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let bad_interval = app.get(&user.token, &format!("/creators/{creator}/metrics?interval=hourly")).await;
        expect_problem(bad_interval, StatusCode::BAD_REQUEST, "invalid_query").await;
    }

    async fn history_exports_as_csv(app) {
        let user = app.new_user().await;
        let creator = tracked_creator(&app, &user, "exported").await;
        let batch = json!({"points": [point("2026-03-01T08:00:00Z", 100), point("2026-03-02T08:00:00Z", 130)]});
        expect_json(app.post(&user.token, &format!("/creators/{creator}/metrics/batch"), batch).await, StatusCode::OK).await;
        let response = app.get(&user.token, &format!("/creators/{creator}/metrics.csv?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = response.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "captured_at,followers,following,likes,videos,source,followers_change,following_change,likes_change,videos_change");
        assert_eq!(lines[1], "2026-03-01T08:00:00+00:00,100,5,1000,2,manual,,,,");
        assert_eq!(lines[2], "2026-03-02T08:00:00+00:00,130,5,1300,2,manual,30,0,300,0");
    }

    async fn a_csv_import_is_all_or_nothing_unless_partial(app) {
        let user = app.new_user().await;
        let csv = "handle,captured_at,followers,following,likes,videos\n\
                   importedone,2026-03-01,100,1,1000,5\n\
                   @ImportedOne,2026-03-02T12:00:00Z,110,1,1100,6\n\
                   importedtwo,2026-03-01,50,2,500,1\n\
                   bad handle,2026-03-01,1,1,1,1\n\
                   importedtwo,2026-03-02,-4,1,1,1\n";
        let send = |mode: &str, content_type: &str, body: &'static str| {
            app.client.post(app.url(&format!("/imports/metrics?mode={mode}"))).bearer_auth(&user.token).header("content-type", content_type).body(body).send()
        };
        let csv: &'static str = Box::leak(csv.to_string().into_boxed_str());
        let rejected = expect_problem(send("all_or_nothing", "text/csv", csv).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
        let lines: Vec<i64> = rejected["errors"].as_array().unwrap().iter().map(|e| e["line"].as_i64().unwrap()).collect();
        assert_eq!(lines, vec![5, 6]);
        let lists = expect_json(app.get(&user.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(lists["items"].as_array().unwrap().len(), 0);

        expect_problem(send("partial", "application/json", csv).await.unwrap(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;

        let imported = expect_json(send("partial", "text/csv; charset=utf-8", csv).await.unwrap(), StatusCode::OK).await;
        assert_eq!((imported["rows_written"].as_u64(), imported["creators_created"].as_u64(), imported["rows_rejected"].as_u64()), (Some(3), Some(2), Some(2)));

        // The imported creator is now visible to the workspace, with its history.
        let list = app.create_list(&user, "Imported").await;
        let item = app.add_item(&user, list["id"].as_str().unwrap(), "importedone").await;
        assert_eq!(item["latest"]["followers"], 110);
        assert_eq!(item["latest"]["source"], "import");
    }

    async fn written_points_stay_private_to_their_workspace(app) {
        let alice = app.new_user().await;
        let bob = app.new_user().await;
        let alices_view = tracked_creator(&app, &alice, "shared.creator").await;
        let bobs_view = tracked_creator(&app, &bob, "shared.creator").await;
        assert_eq!(alices_view, bobs_view, "one creator record, shared");
        expect_json(app.post(&alice.token, &format!("/creators/{alices_view}/metrics"), point("2026-02-01T00:00:00Z", 999)).await, StatusCode::OK).await;

        let bobs = expect_json(app.get(&bob.token, &format!("/creators/{bobs_view}")).await, StatusCode::OK).await;
        assert!(bobs["latest"].is_null(), "Bob does not see Alice's hand-written point: {bobs}");
        let history = expect_json(app.get(&bob.token, &format!("/creators/{bobs_view}/metrics?interval=raw&from=2026-01-01T00:00:00Z")).await, StatusCode::OK).await;
        assert_eq!(history["points"].as_array().unwrap().len(), 0);
    }
}
