//! Fetched data over HTTP: refresh jobs, videos, top video, search, hashtags, source status.

use crate::fake_source::FakeSource;
use crate::helpers::*;
use chrono::Utc;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use zzyzx::refresh::{RefreshWorker, WorkerConfig};

async fn run_worker(app: &TestApp, source: &Arc<FakeSource>) {
    let config = WorkerConfig { requests_per_second: 1000, ..WorkerConfig::default() };
    let worker = RefreshWorker::new(app.store.clone(), source.clone(), config, Arc::new(Notify::new()));
    worker.run_cycle(&CancellationToken::new()).await;
}

async fn tracked(app: &TestApp, user: &TestUser, handles: &[&str]) -> Vec<String> {
    let list = app.create_list(user, "Tracked").await;
    let mut ids = Vec::new();
    for handle in handles {
        ids.push(
            app.add_item(user, list["id"].as_str().unwrap(), handle).await["creator"]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    ids
}

crate::both_databases! {
    source:
    async fn a_refresh_is_a_job_the_worker_finishes(app, source) {
        let user = app.new_user().await;
        let creator = tracked(&app, &user, &["refreshed"]).await.remove(0);
        run_worker(&app, &source).await;
        let job = expect_json(app.send(Method::POST, &format!("/creators/{creator}/refresh"), Some(&user.token), None).await, StatusCode::ACCEPTED).await;
        assert_eq!(job["status"], "queued");
        let path = format!("/jobs/{}", job["id"].as_str().unwrap());
        run_worker(&app, &source).await;
        let done = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        assert_eq!((done["status"].as_str(), done["progress"].as_i64()), (Some("succeeded"), Some(100)));
        let stranger = app.new_user().await;
        expect_problem(app.get(&stranger.token, &path).await, StatusCode::NOT_FOUND, "not_found").await;

        let profile = expect_json(app.get(&user.token, &format!("/creators/{creator}")).await, StatusCode::OK).await;
        assert_eq!(profile["display_name"], "The refreshed");
        assert_eq!(profile["latest"]["source"], "tikapi");
        assert_eq!(source.calls_for("refreshed").len(), 2);
    }

    async fn videos_page_by_date_or_views_and_the_top_video_is_the_most_viewed(app, source) {
        let user = app.new_user().await;
        let creator = tracked(&app, &user, &["videomaker"]).await.remove(0);
        run_worker(&app, &source).await;
        let first = expect_json(app.get(&user.token, &format!("/creators/{creator}/videos?sort=views&limit=2")).await, StatusCode::OK).await;
        let views: Vec<i64> = first["items"].as_array().unwrap().iter().map(|v| v["views"].as_i64().unwrap()).collect();
        assert_eq!(views, vec![5000, 4000]);
        let cursor = first["next_cursor"].as_str().unwrap();
        let rest = expect_json(app.get(&user.token, &format!("/creators/{creator}/videos?sort=views&limit=10&cursor={cursor}")).await, StatusCode::OK).await;
        assert_eq!(rest["items"].as_array().unwrap().len(), 3);
        assert!(rest["next_cursor"].is_null());
        let recent = expect_json(app.get(&user.token, &format!("/creators/{creator}/videos")).await, StatusCode::OK).await;
        assert_eq!(recent["items"][0]["views"], 1000, "the newest first");
        assert!(recent["items"][0]["id"].is_string(), "video ids are strings");

        let top = expect_json(app.get(&user.token, &format!("/creators/{creator}/top-video?days=90")).await, StatusCode::OK).await;
        assert_eq!(top["video"]["views"], 5000);
        let recent_top = expect_json(app.get(&user.token, &format!("/creators/{creator}/top-video?days=2")).await, StatusCode::OK).await;
        assert_eq!(recent_top["video"]["views"], 2000, "only videos posted in the window count");
        expect_problem(app.get(&user.token, &format!("/creators/{creator}/top-video?days=0")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        expect_problem(app.get(&user.token, &format!("/creators/{creator}/videos?sort=oldest")).await, StatusCode::BAD_REQUEST, "invalid_query").await;
    }

    async fn search_merges_known_creators_with_the_sources_matches(app, source) {
        let user = app.new_user().await;
        tracked(&app, &user, &["mayabakes", "maya.runs", "zoe.lifts"]).await;
        run_worker(&app, &source).await;
        let found = expect_json(app.get(&user.token, "/creators/search?q=@MAYA").await, StatusCode::OK).await;
        let items = found["items"].as_array().unwrap();
        let handles: Vec<&str> = items.iter().map(|i| i["handle"].as_str().unwrap()).collect();
        assert_eq!(handles, vec!["maya.runs", "mayabakes", "maya.from.source"]);
        assert_eq!(items[0]["tracked"], true);
        assert!(items[0]["creator_id"].is_string());
        assert!(items[0]["followers"].as_i64().unwrap() > 0);
        assert_eq!((items[2]["from_source"].as_bool(), items[2]["creator_id"].is_null()), (Some(true), true));

        let by_name = expect_json(app.get(&user.token, "/creators/search?q=the%20zoe").await, StatusCode::OK).await;
        assert_eq!(by_name["items"][0]["handle"], "zoe.lifts", "display names match too, whatever their case");

        let stranger = app.new_user().await;
        let theirs = expect_json(app.get(&stranger.token, "/creators/search?q=maya").await, StatusCode::OK).await;
        let theirs: Vec<&Value> = theirs["items"].as_array().unwrap().iter().collect();
        assert!(
            theirs.iter().all(|i| i["from_source"] == true && i["creator_id"].is_null()),
            "another workspace sees only what the source itself answers, never this workspace's creators: {theirs:?}"
        );

        for bad in ["", "%00", &"x".repeat(101)] {
            let response = app.get(&user.token, &format!("/creators/search?q={bad}")).await;
            expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        }
        expect_problem(app.get(&user.token, "/creators/search?q=ma&limit=21").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }

    async fn a_hashtag_pull_marks_tracked_creators_and_is_cached(app, source) {
        let user = app.new_user().await;
        tracked(&app, &user, &["hashtag.one"]).await;
        let first = expect_json(app.get(&user.token, "/hashtags/%23GymTok/videos").await, StatusCode::OK).await;
        assert_eq!((first["tag"].as_str(), first["cached"].as_bool(), first["source"].as_str()), (Some("gymtok"), Some(false), Some("tikapi")));
        let videos = first["videos"].as_array().unwrap();
        assert_eq!(videos.len(), 6);
        let views: Vec<i64> = videos.iter().map(|v| v["video"]["views"].as_i64().unwrap()).collect();
        assert!(views.windows(2).all(|w| w[0] >= w[1]), "most viewed first: {views:?}");
        for video in videos {
            let tracked = video["creator"]["handle"] == "hashtag.one";
            assert_eq!(video["tracked"], tracked, "{video}");
        }
        let second = expect_json(app.get(&user.token, "/hashtags/gymtok/videos").await, StatusCode::OK).await;
        assert_eq!(second["cached"], true);

        // A creator met through a hashtag can be opened, and added in one click by handle.
        let new_creator: &Value = videos.iter().find(|v| v["tracked"] == false).unwrap();
        let creator_id = new_creator["creator"]["id"].as_str().unwrap();
        expect_json(app.get(&user.token, &format!("/creators/{creator_id}")).await, StatusCode::OK).await;

        for bad in ["gym%20tok", "%F0%9F%92%AA", "a-b"] {
            expect_problem(app.get(&user.token, &format!("/hashtags/{bad}/videos")).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        }
    }

    async fn a_hashtag_pull_lists_its_creators_once_each_with_counts_from_where_they_came(app, source) {
        let user = app.new_user().await;
        let one = tracked(&app, &user, &["hashtag.one"]).await.remove(0);
        // This workspace's own point for its tracked creator: the count it shows, and no one else.
        let point = json!({"captured_at": Utc::now().to_rfc3339(), "followers": 5_000, "following": 1, "likes": 1, "videos": 1});
        expect_json(app.post(&user.token, &format!("/creators/{one}/metrics"), point).await, StatusCode::OK).await;
        let pull = expect_json(app.get(&user.token, "/hashtags/gymtok/videos").await, StatusCode::OK).await;
        let creators = pull["creators"].as_array().unwrap();
        let handles: Vec<&str> = creators.iter().map(|c| c["creator"]["handle"].as_str().unwrap()).collect();
        // Two videos each; views 9,000 + 12,000, 8,000 + 11,000 and 7,000 + 10,000.
        assert_eq!(handles, ["hashtag.three", "hashtag.two", "hashtag.one"], "one row each, most views here first");
        let here: Vec<(i64, i64)> =
            creators.iter().map(|c| (c["videos_here"].as_i64().unwrap(), c["views_here"].as_i64().unwrap())).collect();
        assert_eq!(here, [(2, 21_000), (2, 19_000), (2, 17_000)]);
        assert_eq!(creators.iter().map(|c| c["tracked"].as_bool().unwrap()).collect::<Vec<_>>(), [false, false, true]);
        // The source gave hashtag.two's followers with its videos, and nothing for hashtag.three.
        assert_eq!(creators[0]["followers"], Value::Null);
        assert_eq!(creators[1]["followers"]["count"], 12_345);
        assert_eq!((creators[1]["followers"]["source"].as_str(), creators[1]["followers"]["captured_at"].as_str()), (Some("tikapi"), pull["fetched_at"].as_str()));
        assert_eq!((creators[2]["followers"]["count"].as_i64(), creators[2]["followers"]["source"].as_str()), (Some(5_000), Some("manual")));
        for creator in creators {
            let summary = &creator["summary"];
            assert_eq!(summary["engagement_by_views"]["sample_size"], 2, "both their videos are known");
            assert_eq!(summary["engagement_by_views"]["median_views"], Value::Null, "a median needs 3 videos");
            assert_eq!(summary["fit_interval"], Value::Null);
        }

        // The same cached pull, seen from another workspace: nothing tracked, and not this workspace's point.
        let stranger = app.new_user().await;
        let theirs = expect_json(app.get(&stranger.token, "/hashtags/gymtok/videos").await, StatusCode::OK).await;
        assert_eq!(theirs["cached"], true);
        let theirs = theirs["creators"].as_array().unwrap();
        assert!(theirs.iter().all(|c| c["tracked"] == false));
        assert_eq!(theirs[2]["creator"]["handle"], "hashtag.one");
        assert_eq!(theirs[2]["followers"], Value::Null, "another workspace's private point stays private");
        assert_eq!(theirs[1]["followers"]["count"], 12_345);
    }

    async fn the_source_status_reports_capabilities_and_outcomes(app, source) {
        let user = app.new_user().await;
        let before = expect_json(app.get(&user.token, "/sources/status").await, StatusCode::OK).await;
        assert_eq!(before["source"], "tikapi");
        assert_eq!(before["capabilities"]["user_search"], true);
        assert!(before["last_success_at"].is_null());
        assert_eq!(before["budget"], Value::Null, "no budget is configured");
        let creator = tracked(&app, &user, &["statusly"]).await.remove(0);
        run_worker(&app, &source).await;
        let after = expect_json(app.get(&user.token, "/sources/status").await, StatusCode::OK).await;
        assert!(after["last_success_at"].is_string());
        // Its video of today is new: fetched again in 12 h, and the status counts it so.
        let profile = expect_json(app.get(&user.token, &format!("/creators/{creator}")).await, StatusCode::OK).await;
        assert_eq!(profile["tracking"]["refresh_reason"], "climbing");
        assert_eq!(after["cadence"], serde_json::json!([{"reason": "climbing", "creators": 1, "every_hours": 12.0}]));
        let body = after.to_string();
        assert!(!body.contains("key") || !body.contains("secret"), "no secrets: {body}");
    }
}

crate::both_databases! {
    db:
    async fn the_source_status_weighs_the_daily_budget_against_the_cadence(db) {
        let source = Arc::new(FakeSource::new(std::time::Duration::ZERO));
        let shared: Arc<dyn zzyzx_sources::Source> = source.clone();
        let app = spawn_app_with(db, |state| {
            state.source = Some(shared);
            state.daily_budget = Some(3);
        })
        .await;
        let user = app.new_user().await;
        tracked(&app, &user, &["budget.one", "budget.two", "budget.three"]).await;
        let status = expect_json(app.get(&user.token, "/sources/status").await, StatusCode::OK).await;
        // Three creators not yet fetched count as regular: 3 refreshes of 2 requests a day.
        assert_eq!(status["cadence"], serde_json::json!([{"reason": "regular", "creators": 3, "every_hours": 24.0}]));
        assert_eq!(status["budget"], serde_json::json!({"daily_requests": 3, "used_today": 0, "needed_per_day": 6, "short": true}));
    }
}

crate::both_databases! {
    async fn without_a_source_refreshes_and_hashtags_say_so(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "No source").await;
        let item = app.add_item(&user, list["id"].as_str().unwrap(), "sourceless").await;
        let creator = item["creator"]["id"].as_str().unwrap();
        expect_problem(app.send(Method::POST, &format!("/creators/{creator}/refresh"), Some(&user.token), None).await, StatusCode::CONFLICT, "source_unavailable").await;
        expect_problem(app.get(&user.token, "/hashtags/gym/videos").await, StatusCode::CONFLICT, "source_unavailable").await;
        let status = expect_json(app.get(&user.token, "/sources/status").await, StatusCode::OK).await;
        assert_eq!(status["source"], "none");
        let search = expect_json(app.get(&user.token, "/creators/search?q=source").await, StatusCode::OK).await;
        assert_eq!(search["items"][0]["handle"], "sourceless");
    }
}
