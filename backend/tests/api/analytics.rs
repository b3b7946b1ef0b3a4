//! Analytics over HTTP: creator analytics, dashboards, rising creators, settings and audiences.

use crate::fake_source::FakeSource;
use crate::helpers::*;
use chrono::{Duration as ChronoDuration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use zzyzx::refresh::{RefreshWorker, WorkerConfig};

/// A list of creators, each with the fake source's videos and 40 days of hand-written history up
/// to now (`daily_gain` followers a day, four times that over the last week when `accelerating`),
/// written after the fetch so that the hand-written point is today's last.
async fn list_with_history(
    app: &TestApp,
    source: &Arc<FakeSource>,
    user: &TestUser,
    creators: &[(&str, i64, bool)],
) -> (String, Vec<String>) {
    let list = app.create_list(user, "Analysed").await;
    let list_id = list["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for (handle, _, _) in creators {
        let item = app.add_item(user, &list_id, handle).await;
        ids.push(item["creator"]["id"].as_str().unwrap().to_owned());
    }
    let config = WorkerConfig { requests_per_second: 1000, ..WorkerConfig::default() };
    RefreshWorker::new(app.store.clone(), source.clone(), config, Arc::new(Notify::new()))
        .run_cycle(&CancellationToken::new())
        .await;
    let today = Utc::now().date_naive();
    for ((_, daily_gain, accelerating), id) in creators.iter().zip(&ids) {
        let mut followers = 10_000;
        let now = Utc::now();
        let points: Vec<Value> = (0..=40)
            .rev()
            .map(|days_ago| {
                followers += if *accelerating && days_ago < 7 { daily_gain * 4 } else { *daily_gain };
                let at = match days_ago {
                    0 => now,
                    _ => (today - ChronoDuration::days(days_ago)).and_hms_opt(12, 0, 0).unwrap().and_utc(),
                };
                json!({"captured_at": at.to_rfc3339(), "followers": followers, "following": 100, "likes": followers * 10, "videos": 40})
            })
            .collect();
        let written = app.post(&user.token, &format!("/creators/{id}/metrics/batch"), json!({"points": points})).await;
        expect_json(written, StatusCode::OK).await;
    }
    (list_id, ids)
}

crate::both_databases! {
    source:
    async fn a_dashboard_shows_every_change_at_once_whoever_writes_it(app, source) {
        let user = app.new_user().await;
        let other = app.new_user().await;
        let (list_id, ids) = list_with_history(&app, &source, &user, &[("changing.one", 100, false), ("steady.two", 10, false)]).await;
        let path = format!("/lists/{list_id}/dashboard");
        let first = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        let again = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        assert_eq!(first["rows"], again["rows"], "a repeated view answers the same");
        let before = first["rows"][0]["latest"]["followers"].as_i64().unwrap();

        // A write through the store directly, as another instance would make it.
        let point = zzyzx::domain::MetricPoint::parse(Utc::now(), [before + 5_000, 100, 1, 40], Utc::now()).unwrap();
        let creator: uuid::Uuid = ids[0].parse().unwrap();
        app.store.write_snapshots(user.workspace_id, creator, &[point], zzyzx::store::SnapshotSource::Manual, Utc::now()).await.unwrap();
        let after = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        assert_eq!(after["rows"][0]["latest"]["followers"], before + 5_000);
        assert_eq!(after["rows"][0]["sparkline"][29], before + 5_000, "the sparkline moved too");
        assert_eq!(after["rows"][1], first["rows"][1], "the other creator is unchanged");

        // Another workspace's private write changes nothing here, and nothing of it shows.
        let elsewhere = app.create_list(&other, "Theirs").await;
        app.add_item(&other, elsewhere["id"].as_str().unwrap(), "changing.one").await;
        let theirs = zzyzx::domain::MetricPoint::parse(Utc::now(), [1, 1, 1, 1], Utc::now()).unwrap();
        app.store.write_snapshots(other.workspace_id, creator, &[theirs], zzyzx::store::SnapshotSource::Manual, Utc::now()).await.unwrap();
        let unchanged = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        assert_eq!(unchanged["rows"][0]["latest"], after["rows"][0]["latest"]);
        assert_eq!(unchanged["rows"][0]["summary"], after["rows"][0]["summary"]);

        // A refresh from the source (new videos, a new shared snapshot) shows at once as well.
        let videos_before = after["rows"][0]["top_video"].clone();
        app.store.request_refresh(user.workspace_id, creator, uuid::Uuid::new_v4(), Utc::now()).await.unwrap();
        source.bump_views("changing.one", 50);
        RefreshWorker::new(app.store.clone(), source.clone(), WorkerConfig { requests_per_second: 1000, ..WorkerConfig::default() }, Arc::new(Notify::new()))
            .run_cycle(&CancellationToken::new())
            .await;
        let refreshed = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        assert_ne!(refreshed["rows"][0]["top_video"]["views"], videos_before["views"], "new video counts show");
    }

    async fn a_creators_analytics_say_how_each_number_was_computed(app, source) {
        let user = app.new_user().await;
        let (_, ids) = list_with_history(&app, &source, &user, &[("steady.one", 100, false)]).await;
        let report = expect_json(app.get(&user.token, &format!("/creators/{}/analytics", ids[0])).await, StatusCode::OK).await;
        let analytics = &report["analytics"];
        let text = analytics.to_string();
        assert!(text.contains("growth.pct.v1") && text.contains("engagement"), "formula ids are reported: {text:.400}");
        let gains = analytics["daily_gains"].as_array().unwrap();
        assert!(gains.len() >= 30, "a daily-gains table: {}", gains.len());
        assert!(gains.iter().skip(1).any(|g| g.to_string().contains("100")), "100 followers a day appear in the gains");
        assert!(!text.contains("NaN") && !text.contains("inf"));

        // Every video the analytics name by id comes with its caption and link, each once.
        let named: BTreeSet<&str> = analytics["outliers"]["videos"].as_array().unwrap().iter().map(|v| v["video_id"].as_str().unwrap()).collect();
        assert!(!named.is_empty(), "the fake source's videos are outliers to compare");
        let sent: Vec<&str> = report["videos"].as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap()).collect();
        assert_eq!(sent.iter().copied().collect::<BTreeSet<_>>(), named);
        assert_eq!(sent.len(), named.len());
        assert!(report["videos"].as_array().unwrap().iter().all(|v| v["share_url"].as_str().unwrap().starts_with("https://")));
        // Plain words, not the design notes' ids.
        assert!(!text.contains("analytics.md") && !text.contains("table common_alternative"), "{text:.400}");
    }

    async fn the_dashboard_lists_every_creator_in_order_sorts_and_exports(app, source) {
        let user = app.new_user().await;
        let (list_id, _) = list_with_history(&app, &source, &user, &[("slow.grower", 10, false), ("fast.grower", 500, false), ("mid.grower", 100, false)]).await;
        let dashboard = expect_json(app.get(&user.token, &format!("/lists/{list_id}/dashboard")).await, StatusCode::OK).await;
        let rows = dashboard["rows"].as_array().unwrap();
        let handles: Vec<&str> = rows.iter().map(|r| r["creator"]["handle"].as_str().unwrap()).collect();
        assert_eq!(handles, vec!["slow.grower", "fast.grower", "mid.grower"], "list order by default");
        assert_eq!(rows[0]["sparkline"].as_array().unwrap().len(), 30);
        assert_eq!(rows[1]["summary"]["growth_7d"]["absolute"], 3500);
        let combined: i64 = rows.iter().map(|r| r["latest"]["followers"].as_i64().unwrap()).sum();
        assert_eq!(dashboard["totals"]["combined_followers"], combined);
        assert!(rows[0]["top_video"]["share_url"].is_string());

        let sorted = expect_json(app.get(&user.token, &format!("/lists/{list_id}/dashboard?sort=growth_7d")).await, StatusCode::OK).await;
        let handles: Vec<&str> = sorted["rows"].as_array().unwrap().iter().map(|r| r["creator"]["handle"].as_str().unwrap()).collect();
        assert_eq!(handles, vec!["fast.grower", "mid.grower", "slow.grower"]);
        let ascending = expect_json(app.get(&user.token, &format!("/lists/{list_id}/dashboard?sort=followers&order=asc")).await, StatusCode::OK).await;
        assert_eq!(ascending["rows"][0]["creator"]["handle"], "slow.grower");
        expect_problem(app.get(&user.token, &format!("/lists/{list_id}/dashboard?sort=shoe_size")).await, StatusCode::BAD_REQUEST, "invalid_query").await;

        let csv = app.get(&user.token, &format!("/lists/{list_id}/dashboard.csv?sort=growth_7d")).await;
        assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = csv.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("position,handle,display_name,followers"));
        assert_eq!(lines.len(), 4);
        assert!(lines[1].contains("fast.grower"));

        // Notes and tags are the user's text: whatever they hold, a spreadsheet shows it, never runs it.
        let items = app.items(&user, &list_id).await;
        let item_id = items["items"][0]["id"].as_str().unwrap();
        let note = "=HYPERLINK(\"http://evil.example\",\"x\")";
        let patch = json!({"note": note, "tags": ["+SUM(1+1)", "@SUM(1)"]});
        expect_json(app.patch(&user.token, &format!("/lists/{list_id}/items/{item_id}"), patch).await, StatusCode::OK).await;
        let text = app.get(&user.token, &format!("/lists/{list_id}/dashboard.csv")).await.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let cells: Vec<String> = reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect();
        assert!(cells.iter().any(|c| c == &format!("'{note}")), "the note is neutralised: {cells:?}");
        assert!(cells.iter().any(|c| c == "'+SUM(1+1); @SUM(1)"), "the tags are neutralised: {cells:?}");
        assert!(!cells.iter().any(|c| c.starts_with(['=', '+', '@'])), "no cell starts a formula: {cells:?}");
    }

    async fn rising_creators_are_found_with_reasons_and_filtered(app, source) {
        let user = app.new_user().await;
        list_with_history(&app, &source, &user, &[("viral.riser", 50, true), ("steady.plodder", 50, false)]).await;
        let rising = expect_json(app.get(&user.token, "/discover/rising").await, StatusCode::OK).await;
        let items = rising["items"].as_array().unwrap();
        let handles: Vec<&str> = items.iter().map(|i| i["creator"]["handle"].as_str().unwrap()).collect();
        assert_eq!(handles, vec!["viral.riser"], "{rising}");
        let reasons = items[0]["summary"]["rising"]["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty(), "the badge explains itself");
        let mega_only = expect_json(app.get(&user.token, "/discover/rising?tier=mega").await, StatusCode::OK).await;
        assert_eq!(mega_only["items"].as_array().unwrap().len(), 0);
        // Only creators whose fit is known or estimated: none until an audience profile exists.
        let known = "/discover/rising?fit_known=true";
        assert_eq!(expect_json(app.get(&user.token, known).await, StatusCode::OK).await["items"].as_array().unwrap().len(), 0);
        let target = json!({"countries": ["US"]});
        expect_json(app.put(&user.token, "/workspace/target-audience", target).await, StatusCode::OK).await;
        let id = items[0]["creator"]["id"].as_str().unwrap();
        let audience = json!({"captured_at": "2026-01-01T00:00:00Z", "countries": {"US": 0.6}});
        expect_json(app.post(&user.token, &format!("/creators/{id}/audience"), audience).await, StatusCode::CREATED).await;
        assert_eq!(expect_json(app.get(&user.token, known).await, StatusCode::OK).await["items"].as_array().unwrap().len(), 1);
        expect_problem(app.get(&user.token, "/discover/rising?fit_known=maybe").await, StatusCode::BAD_REQUEST, "invalid_query").await;
        expect_problem(app.get(&user.token, "/discover/rising?limit=0").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }

    async fn settings_and_target_audience_are_validated_and_feed_the_fit_score(app, source) {
        let user = app.new_user().await;
        let defaults = expect_json(app.get(&user.token, "/workspace/analytics-settings").await, StatusCode::OK).await;
        assert_eq!(defaults["viral_multiple"], 5.0);
        let micro = defaults["default_cpm"].as_array().unwrap().iter().find(|d| d["tier"] == "micro").unwrap();
        assert_eq!((micro["low"].as_f64(), micro["high_from"].as_f64(), micro["high_to"].as_f64()), (Some(6.0), Some(8.0), Some(10.0)));
        let mut bad = defaults.clone();
        bad["viral_multiple"] = json!(0.5);
        let problem = expect_problem(app.put(&user.token, "/workspace/analytics-settings", bad).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/viral_multiple");
        let mut good = defaults.clone();
        good["viral_multiple"] = json!(3.0);
        expect_json(app.put(&user.token, "/workspace/analytics-settings", good).await, StatusCode::OK).await;
        assert_eq!(expect_json(app.get(&user.token, "/workspace/analytics-settings").await, StatusCode::OK).await["viral_multiple"], 3.0);

        let bad_target = json!({"countries": ["usa"], "languages": [], "age_bands": [], "genders": [], "interests": []});
        expect_problem(app.put(&user.token, "/workspace/target-audience", bad_target).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let target = json!({"countries": ["US", "GB"], "languages": ["en"], "age_bands": ["18-24", "25-34"], "genders": ["female"], "interests": ["gym"]});
        expect_json(app.put(&user.token, "/workspace/target-audience", target).await, StatusCode::OK).await;

        let (list_id, ids) = list_with_history(&app, &source, &user, &[("fit.check", 10, false), ("no.audience", 10, false)]).await;
        let audience = json!({"captured_at": "2026-01-01T00:00:00Z", "sample_size": 900,
            "ages": {"18-24": 0.5, "25-34": 0.3, "35-44": 0.2}, "genders": {"female": 0.7, "male": 0.3},
            "countries": {"US": 0.6, "GB": 0.1, "DE": 0.3}, "languages": {"en": 0.8, "de": 0.2}});
        let added = expect_json(app.post(&user.token, &format!("/creators/{}/audience", ids[0]), audience).await, StatusCode::CREATED).await;
        assert_eq!(added["source"], "manual");
        let too_much = json!({"captured_at": "2026-01-01T00:00:00Z", "countries": {"US": 0.9, "GB": 0.5}});
        expect_problem(app.post(&user.token, &format!("/creators/{}/audience", ids[0]), too_much).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

        let dashboard = expect_json(app.get(&user.token, &format!("/lists/{list_id}/dashboard")).await, StatusCode::OK).await;
        let fit = dashboard["rows"][0]["summary"]["fit_score"].as_u64().expect("a fit score with audience data");
        assert!((1..=100).contains(&fit));
        assert!(dashboard["rows"][1]["summary"]["fit_score"].is_null(), "unknown without audience data");
        // Without audience data the content signal stands in, under its own name: the fake videos are posted from
        // the US with #gym, both in the target.
        assert_eq!(dashboard["rows"][1]["summary"]["content_signal"], 100);
        let by_fit = expect_json(app.get(&user.token, &format!("/lists/{list_id}/dashboard?sort=fit")).await, StatusCode::OK).await;
        let order: Vec<&str> = by_fit["rows"].as_array().unwrap().iter().map(|r| r["creator"]["handle"].as_str().unwrap()).collect();
        assert_eq!(order, ["fit.check", "no.audience"], "a known fit first, then the content signal");
        let csv = app.get(&user.token, &format!("/lists/{list_id}/dashboard.csv")).await.text().await.unwrap();
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let column = header.iter().position(|h| *h == "content_signal").expect("a content_signal column");
        assert_eq!(header[column - 1], "fit_score");
        let no_audience = lines.find(|l| l.contains("no.audience")).unwrap();
        assert_eq!(no_audience.split(',').nth(column), Some("100"));
        let profiles = expect_json(app.get(&user.token, &format!("/creators/{}/audience", ids[0])).await, StatusCode::OK).await;
        assert_eq!(profiles.as_array().unwrap().len(), 1);
    }

    async fn audience_profiles_import_from_csv(app, source) {
        let user = app.new_user().await;
        let (_, ids) = list_with_history(&app, &source, &user, &[("imported.aud", 10, false)]).await;
        let csv = "handle,captured_at,sample_size,dimension,key,share\n\
                   imported.aud,2026-02-01,500,country,US,0.7\n\
                   imported.aud,2026-02-01,,gender,female,55%\n\
                   stranger.aud,2026-02-01,,country,US,0.5\n";
        let send = |mode: &'static str| app.client.post(app.url(&format!("/imports/audience?mode={mode}"))).bearer_auth(&user.token).header("content-type", "text/csv").body(csv).send();
        let rejected = expect_problem(send("all_or_nothing").await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
        assert_eq!(rejected["errors"][0]["line"], 4);
        let imported = expect_json(send("partial").await.unwrap(), StatusCode::OK).await;
        assert_eq!((imported["profiles_written"].as_u64(), imported["rows_rejected"].as_u64()), (Some(1), Some(1)));

        // The import is of kind "imported"; a newer profile entered by hand is of the same rank, so fit moves to it.
        let profiles = expect_json(app.get(&user.token, &format!("/creators/{}/audience", ids[0])).await, StatusCode::OK).await;
        assert_eq!((profiles[0]["kind"].as_str(), profiles[0]["used_for_fit"].as_bool()), (Some("imported"), Some(true)));
        let manual = json!({"captured_at": "2026-03-01T00:00:00Z", "countries": {"US": 0.4}});
        let added = expect_json(app.post(&user.token, &format!("/creators/{}/audience", ids[0]), manual).await, StatusCode::CREATED).await;
        assert_eq!((added["kind"].as_str(), added["used_for_fit"].as_bool()), (Some("manual"), Some(true)));
        let profiles = expect_json(app.get(&user.token, &format!("/creators/{}/audience", ids[0])).await, StatusCode::OK).await;
        let marks: Vec<(&str, bool)> = profiles.as_array().unwrap().iter().map(|p| (p["kind"].as_str().unwrap(), p["used_for_fit"].as_bool().unwrap())).collect();
        assert_eq!(marks, [("manual", true), ("imported", false)]);
        let analytics = expect_json(app.get(&user.token, &format!("/creators/{}/analytics", ids[0])).await, StatusCode::OK).await;
        assert_eq!(analytics["analytics"]["fit"]["kind"], "manual");
    }

    async fn dashboard_rows_are_kept_as_data_is_written_and_match_a_fresh_computation(app, source) {
        use zzyzx::services::{analytics::Analytics, summaries::SHAPE};
        use zzyzx::store::{CreatorScope, StoredSummary};
        let user = app.new_user().await;
        let (list_id, ids) = list_with_history(&app, &source, &user, &[("kept.one", 100, true), ("kept.two", 10, false)]).await;
        let list: uuid::Uuid = list_id.parse().unwrap();
        let creators: Vec<uuid::Uuid> = ids.iter().map(|id| id.parse().unwrap()).collect();
        let scope = CreatorScope::List(list);
        let current = |creator: uuid::Uuid| {
            let store = app.store.clone();
            let workspace_id = user.workspace_id;
            async move {
                let version = store.creator(workspace_id, creator).await.unwrap().creator.data_version;
                let kept = store.summaries(workspace_id, CreatorScope::One(creator)).await.unwrap().remove(&creator);
                kept.filter(|row| row.stamp.data_version == version && row.stamp.shape == SHAPE)
            }
        };
        // The metric writes that ended the set-up kept both rows before anything was viewed.
        for creator in &creators {
            assert!(current(*creator).await.is_some(), "a row kept on write");
        }
        let path = format!("/lists/{list_id}/dashboard");
        let kept_view = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;

        // The dashboard sends kept rows on unread; a share link's view reads them in full and
        // encodes them again: the same rows, less the list's notes and tags.
        let link = expect_json(app.post(&user.token, &format!("/lists/{list_id}/share-links"), json!({})).await, StatusCode::CREATED).await;
        let shared = app.client.get(app.url("/shared/dashboard")).bearer_auth(link["token"].as_str().unwrap()).send().await.unwrap();
        let shared = expect_json(shared, StatusCode::OK).await;
        let mut rows = kept_view["rows"].clone();
        for row in rows.as_array_mut().unwrap() {
            let row = row.as_object_mut().unwrap();
            assert!(row.remove("note").is_some() && row.remove("tags").is_some());
        }
        assert_eq!(shared["rows"], rows, "a row sent on as kept reads as one encoded afresh");
        assert_eq!(shared["totals"], kept_view["totals"]);
        let fields = |view: &Value| view.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(fields(&shared), fields(&kept_view), "the same fields around the rows");
        assert!(rows[0]["top_video"]["share_url"].is_string() && rows[0]["summary"]["rising"].is_object(), "{rows}");

        // The same rows computed afresh: saved settings (the defaults) make every kept row stale.
        let defaults = expect_json(app.get(&user.token, "/workspace/analytics-settings").await, StatusCode::OK).await;
        let before = app.store.summaries(user.workspace_id, scope.clone()).await.unwrap();
        expect_json(app.put(&user.token, "/workspace/analytics-settings", defaults).await, StatusCode::OK).await;
        let fresh = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        assert_eq!(fresh["rows"], kept_view["rows"], "kept rows answer as a fresh computation");
        let after = app.store.summaries(user.workspace_id, scope.clone()).await.unwrap();
        assert_ne!(before[&creators[0]].stamp.documents, after[&creators[0]].stamp.documents, "recomputed under the new settings");

        // Imports, audiences and the refresh worker keep rows as they write.
        let csv = format!("handle,captured_at,followers,following,likes,videos\nkept.one,{},99999,1,1,1\n", Utc::now().to_rfc3339());
        let imported = app.client.post(app.url("/imports/metrics")).bearer_auth(&user.token).header("content-type", "text/csv").body(csv).send().await.unwrap();
        expect_json(imported, StatusCode::OK).await;
        let row = current(creators[0]).await.expect("kept by the import");
        assert!(row.payload.contains("99999"), "the imported count is in the kept row");
        let audience = json!({"captured_at": "2026-01-01T00:00:00Z", "countries": {"US": 0.6}});
        expect_json(app.post(&user.token, &format!("/creators/{}/audience", ids[1]), audience).await, StatusCode::CREATED).await;
        assert!(current(creators[1]).await.is_some(), "kept by the audience write");
        app.store.request_refresh(user.workspace_id, creators[1], uuid::Uuid::new_v4(), Utc::now()).await.unwrap();
        RefreshWorker::new(app.store.clone(), source.clone(), WorkerConfig { requests_per_second: 1000, ..WorkerConfig::default() }, Arc::new(Notify::new()))
            .run_cycle(&CancellationToken::new())
            .await;
        assert!(current(creators[1]).await.is_some(), "kept by the refresh");

        // Another workspace's private points recompute this workspace's row (the creator's data
        // version moved) to exactly what it was.
        let other = app.new_user().await;
        let theirs = app.create_list(&other, "Theirs").await;
        app.add_item(&other, theirs["id"].as_str().unwrap(), "kept.one").await;
        let mine = current(creators[0]).await.unwrap();
        let point = json!({"captured_at": Utc::now().to_rfc3339(), "followers": 1, "following": 1, "likes": 1, "videos": 1});
        expect_json(app.post(&other.token, &format!("/creators/{}/metrics", ids[0]), point).await, StatusCode::OK).await;
        let recomputed = current(creators[0]).await.expect("kept again after their write");
        assert!(recomputed.stamp.data_version > mine.stamp.data_version);
        assert_eq!(recomputed.payload, mine.payload, "their points are not in my row");
        let their_row = app.store.summaries(other.workspace_id, CreatorScope::One(creators[0])).await.unwrap().remove(&creators[0]).unwrap();
        assert!(their_row.payload.contains("\"followers\":1,"), "their row has their point: {}", their_row.payload);

        // A kept row that does not read back, or has another shape, is recomputed, never shown.
        let view = expect_json(app.get(&user.token, &path).await, StatusCode::OK).await;
        let broken = StoredSummary { payload: "{}".into(), ..current(creators[0]).await.unwrap() };
        let outdated = StoredSummary { stamp: zzyzx::store::SummaryStamp { shape: SHAPE - 1, ..broken.stamp }, creator_id: creators[1], ..broken.clone() };
        app.store.put_summaries(user.workspace_id, &[broken, outdated], Utc::now()).await.unwrap();
        assert_eq!(app.store.summaries_of_other_shapes(SHAPE).await.unwrap(), 1);
        assert_eq!(expect_json(app.get(&user.token, &path).await, StatusCode::OK).await["rows"], view["rows"]);
        let unsortable = StoredSummary { sort_keys: "[]".into(), ..current(creators[0]).await.unwrap() };
        app.store.put_summaries(user.workspace_id, &[unsortable], Utc::now()).await.unwrap();
        assert_eq!(expect_json(app.get(&user.token, &path).await, StatusCode::OK).await["rows"], view["rows"], "keys that do not read back");
        // Only a build that changed the payload without changing SHAPE writes this; a view that
        // reads rows in full still recomputes it.
        let unreadable = StoredSummary { payload: "{\"latest\":1}".into(), ..current(creators[1]).await.unwrap() };
        app.store.put_summaries(user.workspace_id, &[unreadable], Utc::now()).await.unwrap();
        let shared = app.client.get(app.url("/shared/dashboard")).bearer_auth(link["token"].as_str().unwrap()).send().await.unwrap();
        assert_eq!(expect_json(shared, StatusCode::OK).await["rows"][1]["summary"], view["rows"][1]["summary"], "a row read in full that does not read back");
        app.store.put_summaries(user.workspace_id, &[StoredSummary { payload: "{}".into(), ..current(creators[1]).await.unwrap() }], Utc::now()).await.unwrap();
        let rebuilt = Analytics { store: app.store.as_ref() }.rebuild_rows(&|_, _| {}).await.unwrap();
        assert_eq!(rebuilt, 3, "every (workspace, creator) pair");
        assert_eq!(app.store.summaries_of_other_shapes(SHAPE).await.unwrap(), 0);
        assert!(current(creators[1]).await.unwrap().payload.contains("summary"), "rebuilt from the data");
    }
}

crate::both_databases! {
    async fn viewers_read_settings_and_only_owners_change_them(app) {
        let owner = app.new_user().await;
        let viewer = app.new_member(&owner, "viewer").await;
        let editor = app.new_member(&owner, "editor").await;
        let workspace = owner.workspace_id;
        let settings = app.send_in(Method::GET, "/workspace/analytics-settings", &viewer.token, workspace, None).await;
        let settings = expect_json(settings, StatusCode::OK).await;
        let target = app.send_in(Method::GET, "/workspace/target-audience", &viewer.token, workspace, None).await;
        let target = expect_json(target, StatusCode::OK).await;
        for member in [&viewer, &editor] {
            for (path, body) in [("/workspace/analytics-settings", &settings), ("/workspace/target-audience", &target)] {
                let refused = app.send_in(Method::PUT, path, &member.token, workspace, Some(body.clone())).await;
                expect_problem(refused, StatusCode::FORBIDDEN, "forbidden").await;
            }
        }
        expect_json(app.put(&owner.token, "/workspace/analytics-settings", settings).await, StatusCode::OK).await;
        let malformed = app.put(&owner.token, "/workspace/target-audience", json!([1, 2])).await;
        expect_problem(malformed, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }
}
