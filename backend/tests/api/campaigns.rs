//! Seeding campaigns end to end over HTTP: the pipeline, detection by the refresh worker (and
//! its idempotence), dismissals, orders by hand and by CSV, the report, share links and the
//! refusals of bad input.

use crate::fake_source::FakeSource;
use crate::helpers::*;
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use zzyzx::refresh::{RefreshWorker, WorkerConfig};
use zzyzx::store::CreatorScope;

fn worker(app: &TestApp, source: &Arc<FakeSource>, owner: &str) -> RefreshWorker {
    let config = WorkerConfig { owner: owner.into(), requests_per_second: 10_000, ..WorkerConfig::default() };
    RefreshWorker::new(app.store.clone(), source.clone(), config, Arc::new(Notify::new()))
}

/// Makes every creator of `user`'s workspace due and runs one worker cycle.
async fn refresh_all(app: &TestApp, source: &Arc<FakeSource>, user: &TestUser) {
    make_all_due(app, user).await;
    worker(app, source, "campaign-test").run_cycle(&CancellationToken::new()).await;
}

async fn make_all_due(app: &TestApp, user: &TestUser) {
    for (creator, _) in app.store.creators_in_scope(user.workspace_id, CreatorScope::Workspace).await.unwrap() {
        app.store.reschedule_creator(creator.id, Utc::now() - Duration::seconds(1)).await.unwrap();
    }
}

fn day(offset: i64) -> String {
    (Utc::now() + Duration::days(offset)).date_naive().to_string()
}

fn campaign_body(name: &str) -> Value {
    json!({
        "name": name,
        "starts_on": day(-30),
        "ends_on": day(30),
        "product": {"name": "Linen shirt", "unit_cost": 18.0, "shipping_cost": 6.0, "retail_value": 60.0, "currency": "USD"},
        "fee": 50.0,
        "landing_url": "https://sunny.example/linen",
        "rules": {"brand_handle": "@SunnyCo", "hashtags": ["#SunnyCo"], "code_patterns": ["SUNNY*"]}
    })
}

async fn create_campaign(app: &TestApp, user: &TestUser, name: &str) -> String {
    let created =
        expect_json(app.post(&user.token, "/campaigns", campaign_body(name)).await, StatusCode::CREATED).await;
    created["id"].as_str().unwrap().to_owned()
}

async fn entries(app: &TestApp, user: &TestUser, campaign: &str) -> Vec<Value> {
    let body =
        expect_json(app.get(&user.token, &format!("/campaigns/{campaign}/creators")).await, StatusCode::OK).await;
    body["items"].as_array().unwrap().clone()
}

fn entry<'a>(entries: &'a [Value], handle: &str) -> &'a Value {
    entries.iter().find(|e| e["creator"]["handle"] == handle).unwrap()
}

async fn posts(app: &TestApp, user: &TestUser, campaign: &str) -> Vec<Value> {
    let body = expect_json(app.get(&user.token, &format!("/campaigns/{campaign}/posts")).await, StatusCode::OK).await;
    body["items"].as_array().unwrap().clone()
}

async fn import_orders(app: &TestApp, user: &TestUser, campaign: &str, mode: &str, csv: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/campaigns/{campaign}/orders/import?mode={mode}")))
        .bearer_auth(&user.token)
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap()
}

/// A list of three creators, fetched once; returns the list id.
async fn seeded_list(app: &TestApp, source: &Arc<FakeSource>, user: &TestUser) -> String {
    source.bio("mia.fits", "LA fits ✨ collabs: Mia.Fits@example.com | https://linktr.ee/miafits");
    let list = app.create_list(user, "Linen prospects").await;
    let list = list["id"].as_str().unwrap().to_owned();
    for handle in ["mia.fits", "leo.runs", "ana.style"] {
        app.add_item(user, &list, handle).await;
    }
    refresh_all(app, source, user).await;
    list
}

crate::both_databases! {
    source:
    async fn a_seeding_campaign_runs_from_shortlist_to_report(app, source) {
        let owner = app.new_user().await;
        let list = seeded_list(&app, &source, &owner).await;
        let campaign = create_campaign(&app, &owner, "Summer linen").await;

        // Creators join from a list, once.
        let added = expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"list_id": list})).await, StatusCode::OK).await;
        assert_eq!((added["added"].as_u64(), added["already_in"].as_u64()), (Some(3), Some(0)));
        let again = expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"list_id": list})).await, StatusCode::OK).await;
        assert_eq!((again["added"].as_u64(), again["already_in"].as_u64()), (Some(0), Some(3)));
        let all = entries(&app, &owner, &campaign).await;
        let mia = entry(&all, "mia.fits");
        assert_eq!(mia["stage"], "shortlisted");
        assert_eq!(mia["contact"], "Mia.Fits@example.com\nhttps://linktr.ee/miafits");
        assert_eq!(mia["contact_from_bio"], true);
        assert!(mia["utm_link"].as_str().unwrap().ends_with("utm_source=tiktok&utm_medium=creator&utm_campaign=summer-linen&utm_content=mia.fits"));
        assert!(mia["estimate"]["expected_views"].as_f64().is_some(), "the estimate is frozen on joining: {mia}");
        let (mia_id, leo_id, ana_id) = (mia["id"].as_str().unwrap().to_owned(), entry(&all, "leo.runs")["id"].as_str().unwrap().to_owned(), entry(&all, "ana.style")["id"].as_str().unwrap().to_owned());

        // Mia moves through the pipeline; each move says who and when.
        for stage in ["contacted", "agreed", "shipped"] {
            let moved = expect_json(app.put(&owner.token, &format!("/campaigns/{campaign}/creators/{mia_id}/stage"), json!({"stage": stage})).await, StatusCode::OK).await;
            assert_eq!(moved["stage"], stage);
        }
        let mia = entry(&entries(&app, &owner, &campaign).await, "mia.fits").clone();
        let stages: Vec<&str> = mia["history"].as_array().unwrap().iter().map(|h| h["stage"].as_str().unwrap()).collect();
        assert_eq!(stages, ["shortlisted", "contacted", "agreed", "shipped"]);
        assert!(mia["history"].as_array().unwrap().iter().all(|h| h["by"] == mia["stage_changed_by"]));
        assert_eq!(mia["shipment"]["shipped_on"], day(0), "moving to shipped records today's shipment");
        assert_eq!(mia["shipment"]["units"], 1);

        // Leo's parcel went out 20 days ago and nothing was posted: overdue.
        let shipment = json!({"shipped_on": day(-20), "units": 2, "carrier": "UPS", "tracking_url": "https://ups.example/track/1Z"});
        let leo = expect_json(app.put(&owner.token, &format!("/campaigns/{campaign}/creators/{leo_id}/shipment"), shipment).await, StatusCode::OK).await;
        assert_eq!((leo["stage"].as_str(), leo["overdue"].as_bool()), (Some("shipped"), Some(true)));

        // The worker finds Mia's mention (posted today, after shipping) but not her older video,
        // and Ana's hashtag (she was never shipped, so the campaign's start counts).
        source.caption("mia.fits", 0, "Loving my new shirt from @SunnyCo ☀️ #ootd");
        source.caption("mia.fits", 2, "throwback #sunnyco");
        source.caption("ana.style", 1, "Haul time #SUNNYCO #linen");
        refresh_all(&app, &source, &owner).await;
        let found = posts(&app, &owner, &campaign).await;
        assert_eq!(found.len(), 2, "{found:?}");
        let mias = found.iter().find(|p| p["handle"] == "mia.fits").unwrap();
        assert_eq!(mias["evidence"], json!({"rule": "mention", "pattern": "@sunnyco", "matched": "@SunnyCo"}));
        assert_eq!(mias["status"], "detected");
        assert!(mias["video"]["views"].as_i64().is_some());
        assert!(mias["next_check_at"].as_str().is_some(), "a new post is checked again soon");
        let anas = found.iter().find(|p| p["handle"] == "ana.style").unwrap();
        assert_eq!(anas["evidence"]["rule"], "hashtag");
        let mia = entry(&entries(&app, &owner, &campaign).await, "mia.fits").clone();
        assert_eq!((mia["stage"].as_str(), mia["stage_changed_by"].as_str(), mia["posts"].as_i64()), (Some("posted"), Some("post detection"), Some(1)));

        // Refreshing again finds nothing new and moves nobody twice.
        refresh_all(&app, &source, &owner).await;
        refresh_all(&app, &source, &owner).await;
        assert_eq!(posts(&app, &owner, &campaign).await.len(), 2);
        let mia = entry(&entries(&app, &owner, &campaign).await, "mia.fits").clone();
        assert_eq!(mia["history"].as_array().unwrap().len(), 5);

        // Ana's was a false match: dismissed, she goes back to where she was, and it never returns.
        let ana_post = anas["id"].as_str().unwrap();
        let dismissed = expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/posts/{ana_post}/dismiss"), json!({})).await, StatusCode::OK).await;
        assert_eq!(dismissed["status"], "dismissed");
        refresh_all(&app, &source, &owner).await;
        let after = posts(&app, &owner, &campaign).await;
        assert_eq!(after.iter().filter(|p| p["handle"] == "ana.style").count(), 1);
        assert_eq!(after.iter().find(|p| p["handle"] == "ana.style").unwrap()["status"], "dismissed");
        assert_eq!(entry(&entries(&app, &owner, &campaign).await, "ana.style")["stage"], "shortlisted");

        // Leo's post is attached by hand before it was ever fetched.
        let url = json!({"video_url": "https://www.tiktok.com/@leo.runs/video/7345678901234567890"});
        let attached = expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/posts"), url.clone()).await, StatusCode::CREATED).await;
        assert_eq!((attached["status"].as_str(), attached["evidence"]["rule"].as_str()), (Some("attached"), Some("manual")));
        assert!(attached["video"].is_null());
        expect_problem(app.post(&owner.token, &format!("/campaigns/{campaign}/posts"), url).await, StatusCode::CONFLICT, "post_already_in_campaign").await;
        let stranger = json!({"video_url": "https://www.tiktok.com/@someone.else/video/7345678901234567891"});
        expect_problem(app.post(&owner.token, &format!("/campaigns/{campaign}/posts"), stranger).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(entry(&entries(&app, &owner, &campaign).await, "leo.runs")["overdue"], false);

        // Orders: codes and UTM values name creators; unknown ones are listed, never dropped.
        let code = expect_json(app.patch(&owner.token, &format!("/campaigns/{campaign}/creators/{mia_id}"), json!({"discount_code": "SUNNYMIA"})).await, StatusCode::OK).await;
        assert_eq!(code["discount_code"], "SUNNYMIA");
        expect_problem(app.patch(&owner.token, &format!("/campaigns/{campaign}/creators/{leo_id}"), json!({"discount_code": "sunnymia"})).await, StatusCode::CONFLICT, "duplicate_discount_code").await;
        let csv = "date,order_id,code,utm,amount,currency\n\
                   2026-06-03,#1001,sunnymia,,50.00,USD\n\
                   2026-06-04,#1002,,Leo.Runs,30,USD\n\
                   2026-06-05,#1003,NOPE10,,99,USD\n";
        let rejected = expect_problem(import_orders(&app, &owner, &campaign, "all_or_nothing", csv).await, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
        assert_eq!(rejected["errors"][0]["line"], 4, "{rejected}");
        assert!(rejected["errors"][0]["detail"].as_str().unwrap().contains("NOPE10"));
        let imported = expect_json(import_orders(&app, &owner, &campaign, "partial", csv).await, StatusCode::OK).await;
        assert_eq!((imported["rows_written"].as_u64(), imported["duplicates"].as_u64()), (Some(2), Some(0)));
        assert_eq!(imported["unmatched"], json!([{"line": 4, "value": "NOPE10"}]));
        let again = expect_json(import_orders(&app, &owner, &campaign, "partial", csv).await, StatusCode::OK).await;
        assert_eq!((again["rows_written"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(2)), "an order id counts once");
        let euro = json!({"order_id": "#2001", "ordered_at": day(0), "entry_id": mia_id, "amount": 70, "currency": "EUR"});
        expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/orders"), euro.clone()).await, StatusCode::CREATED).await;
        expect_problem(app.post(&owner.token, &format!("/campaigns/{campaign}/orders"), euro).await, StatusCode::CONFLICT, "duplicate_order").await;

        // The report: costs of what was shipped, fees of who agreed, currencies never summed.
        let report = expect_json(app.get(&owner.token, &format!("/campaigns/{campaign}/report")).await, StatusCode::OK).await;
        let totals = &report["totals"];
        assert_eq!(totals["cost"], json!({"product": 54.0, "shipping": 12.0, "fees": 100.0, "total": 166.0}), "{totals}");
        assert_eq!((totals["shipped"].as_u64(), totals["posted"].as_u64(), totals["posts"].as_u64()), (Some(2), Some(2), Some(2)));
        assert_eq!((totals["orders"].as_u64(), totals["revenue"].as_f64()), (Some(2), Some(80.0)));
        assert_eq!(totals["other_currencies"], json!([{"currency": "EUR", "orders": 1, "revenue": 70.0}]));
        assert!((totals["roas"]["value"].as_f64().unwrap() - 80.0 / 166.0).abs() < 1e-9);
        assert_eq!(totals["roas"]["formula"], "campaign.roas.v1");
        assert_eq!(totals["post_rate"]["value"], 100.0);
        assert_eq!(report["proposals"]["conversion_rate"]["proposed"]["unavailable"], "not_enough_data");
        let mia_row = report["creators"].as_array().unwrap().iter().find(|c| c["handle"] == "mia.fits").unwrap();
        assert_eq!(mia_row["actual"]["cost"], 74.0);
        assert!(mia_row["estimate"]["expected_orders"].as_f64().is_some(), "the estimate sits beside the actual");
        let _ = ana_id;

        let csv = app.get(&owner.token, &format!("/campaigns/{campaign}/report.csv")).await;
        assert_eq!(csv.status(), StatusCode::OK);
        let csv = csv.text().await.unwrap();
        assert!(csv.starts_with("handle,stage,currency,cost,posts,views"));
        assert!(csv.lines().last().unwrap().starts_with("(all creators),,USD,166.00,2,"), "{csv}");

        // The campaign's counts.
        let listed = expect_json(app.get(&owner.token, "/campaigns").await, StatusCode::OK).await;
        let counts = &listed["items"][0]["counts"];
        assert_eq!((counts["creators"].as_u64(), counts["posts"].as_i64(), counts["stages"]["posted"].as_u64()), (Some(3), Some(2), Some(2)));
        assert_eq!(listed["items"][0]["status"], "running");
        // Another campaign of the workspace counts its own creators only, listed or opened, and
        // this one's counts do not move.
        let other = create_campaign(&app, &owner, "Another").await;
        expect_json(app.post(&owner.token, &format!("/campaigns/{other}/creators"), json!({"creator_ids": [mia["creator"]["id"]]})).await, StatusCode::OK).await;
        let opened = expect_json(app.get(&owner.token, &format!("/campaigns/{other}")).await, StatusCode::OK).await;
        assert_eq!((opened["counts"]["creators"].as_u64(), opened["counts"]["posts"].as_i64()), (Some(1), Some(0)));
        let opened = expect_json(app.get(&owner.token, &format!("/campaigns/{campaign}")).await, StatusCode::OK).await;
        assert_eq!(&opened["counts"], counts);
    }

    async fn detection_checks_again_what_changed_since_the_last_refresh(app, source) {
        let owner = app.new_user().await;
        let list = seeded_list(&app, &source, &owner).await;
        let campaign = create_campaign(&app, &owner, "Rechecks").await;
        expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"list_id": list})).await, StatusCode::OK).await;
        let all = entries(&app, &owner, &campaign).await;
        let ana_id = entry(&all, "ana.style")["id"].as_str().unwrap().to_owned();
        let ana_shipped = |days: i64| json!({"shipped_on": day(days), "units": 1});
        expect_json(app.put(&owner.token, &format!("/campaigns/{campaign}/creators/{ana_id}/shipment"), ana_shipped(0)).await, StatusCode::OK).await;
        source.caption("mia.fits", 0, "linen day #linenlove");
        source.caption("ana.style", 3, "my @SunnyCo haul");
        // Joining the campaign after their videos were stored, everything fetched is checked:
        // nothing matches the rules yet, and Ana's mention is from before her parcel went out.
        refresh_all(&app, &source, &owner).await;
        assert!(posts(&app, &owner, &campaign).await.is_empty());

        // A video seen before is checked again when its caption changes, and only then.
        source.caption("leo.runs", 1, "my run in the new shirt, thanks @sunnyco");
        refresh_all(&app, &source, &owner).await;
        let found = posts(&app, &owner, &campaign).await;
        assert_eq!(found.iter().map(|p| p["handle"].as_str().unwrap()).collect::<Vec<_>>(), ["leo.runs"]);

        // New rules check every video again: Mia's hashtag was seen before they named it.
        let rules = json!({"rules": {"brand_handle": "SunnyCo", "hashtags": ["sunnyco", "linenlove"]}});
        expect_json(app.patch(&owner.token, &format!("/campaigns/{campaign}"), rules).await, StatusCode::OK).await;
        refresh_all(&app, &source, &owner).await;
        let found = posts(&app, &owner, &campaign).await;
        let mias = found.iter().find(|p| p["handle"] == "mia.fits").expect("Mia's post is found after the rules changed");
        assert_eq!(mias["evidence"]["matched"], "#linenlove");

        // So does an earlier ship date: Ana's mention now comes after it.
        expect_json(app.put(&owner.token, &format!("/campaigns/{campaign}/creators/{ana_id}/shipment"), ana_shipped(-5)).await, StatusCode::OK).await;
        refresh_all(&app, &source, &owner).await;
        let found = posts(&app, &owner, &campaign).await;
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found.iter().find(|p| p["handle"] == "ana.style").unwrap()["evidence"]["rule"], "mention");
        refresh_all(&app, &source, &owner).await;
        assert_eq!(posts(&app, &owner, &campaign).await.len(), 3);
    }

    async fn detection_never_doubles_a_post_or_a_move(app, source) {
        let owner = app.new_user().await;
        let list = seeded_list(&app, &source, &owner).await;
        let campaign = create_campaign(&app, &owner, "Idempotent").await;
        expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"list_id": list})).await, StatusCode::OK).await;
        for handle in ["mia.fits", "leo.runs", "ana.style"] {
            source.caption(handle, 0, "code SUNNY15 at checkout");
        }
        // Three workers at once, then detection run three times over for each creator at once.
        make_all_due(&app, &owner).await;
        let workers: Vec<RefreshWorker> = (0..3).map(|n| worker(&app, &source, &format!("w{n}"))).collect();
        let shutdown = CancellationToken::new();
        futures_util::future::join_all(workers.iter().map(|w| w.run_cycle(&shutdown))).await;
        let creators: Vec<Uuid> = entries(&app, &owner, &campaign).await.iter().map(|e| e["creator"]["id"].as_str().unwrap().parse().unwrap()).collect();
        for creator in creators {
            let runs = (0..3).map(|_| zzyzx::services::campaigns::detect(app.store.as_ref(), creator, Utc::now()));
            for found in futures_util::future::join_all(runs).await {
                assert!(found.unwrap().is_empty(), "nothing is new the second time");
            }
        }
        let found = posts(&app, &owner, &campaign).await;
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|p| p["evidence"]["rule"] == "code" && p["evidence"]["matched"] == "SUNNY15"));
        for e in entries(&app, &owner, &campaign).await {
            let posted = e["history"].as_array().unwrap().iter().filter(|h| h["stage"] == "posted").count();
            assert_eq!(posted, 1, "{e}");
        }
    }

    async fn a_detected_post_is_told_once_even_when_its_refresh_is_cut_short(app, source) {
        let owner = app.new_user().await;
        let list = seeded_list(&app, &source, &owner).await;
        let campaign = create_campaign(&app, &owner, "Told").await;
        expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"list_id": list})).await, StatusCode::OK).await;
        let told = || async {
            let page = expect_json(app.get(&owner.token, "/events?type=campaign.post_detected").await, StatusCode::OK).await;
            page["items"].as_array().unwrap().iter().map(|e| e["sentence"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        };

        // The refresh that stores the post tells it; the next refreshes and the sweep do not again.
        source.caption("mia.fits", 0, "Loving my new shirt from @SunnyCo");
        refresh_all(&app, &source, &owner).await;
        assert_eq!(told().await, ["@mia.fits posted for Told: the video matched the mention rule on “@SunnyCo”"]);
        refresh_all(&app, &source, &owner).await;
        assert_eq!(zzyzx::services::alerts::posts_sweep(app.store.as_ref(), Utc::now()).await.unwrap(), 0);
        assert_eq!(told().await.len(), 1);

        // A refresh that stores a post and stops before telling it (a worker recording no events
        // stands for one cut short): the sweep tells it, once.
        source.caption("leo.runs", 0, "code SUNNY15 at checkout");
        make_all_due(&app, &owner).await;
        let config = WorkerConfig { owner: "silent".into(), requests_per_second: 10_000, record_events: false, ..WorkerConfig::default() };
        RefreshWorker::new(app.store.clone(), source.clone(), config, Arc::new(Notify::new())).run_cycle(&CancellationToken::new()).await;
        assert_eq!(posts(&app, &owner, &campaign).await.len(), 2);
        assert_eq!(told().await.len(), 1);
        assert_eq!(zzyzx::services::alerts::posts_sweep(app.store.as_ref(), Utc::now()).await.unwrap(), 1);
        assert_eq!(zzyzx::services::alerts::posts_sweep(app.store.as_ref(), Utc::now()).await.unwrap(), 0, "told once");
        assert_eq!(told().await[0], "@leo.runs posted for Told: the video matched the code rule on “SUNNY15”");
    }
}

crate::both_databases! {
    async fn rules_that_would_match_everything_are_refused_and_nothing_is_made(app) {
        let owner = app.new_user().await;
        let mut body = campaign_body("Too broad");
        body["rules"] = json!({"keywords": ["", "a", "ok", "gifted by sunny"], "hashtags": ["#"], "code_patterns": ["*"], "link_domains": ["localhost"]});
        let problem = expect_problem(app.post(&owner.token, "/campaigns", body).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let pointers: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
        assert_eq!(pointers, ["/rules/hashtags/0", "/rules/keywords/0", "/rules/keywords/1", "/rules/keywords/2", "/rules/link_domains/0", "/rules/code_patterns/0"]);
        let listed = expect_json(app.get(&owner.token, "/campaigns").await, StatusCode::OK).await;
        assert_eq!(listed["items"], json!([]));
    }

    async fn bad_campaign_input_is_refused_field_by_field(app) {
        let owner = app.new_user().await;
        let mut body = campaign_body(" ");
        body["ends_on"] = json!(day(-31));
        body["product"]["currency"] = json!("usd");
        body["product"]["unit_cost"] = json!(-1);
        body["overdue_days"] = json!(0);
        body["landing_url"] = json!("javascript:alert(1)");
        let problem = expect_problem(app.post(&owner.token, "/campaigns", body).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let pointers: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
        assert_eq!(pointers, ["/name", "/ends_on", "/product/unit_cost", "/product/currency", "/overdue_days", "/landing_url"]);
        let campaign = create_campaign(&app, &owner, "Fine").await;
        expect_problem(app.post(&owner.token, "/campaigns", campaign_body("Fine")).await, StatusCode::CONFLICT, "duplicate_campaign_name").await;
        let patch = app.patch(&owner.token, &format!("/campaigns/{campaign}"), json!({"rules": {"keywords": ["x"]}})).await;
        expect_problem(patch, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let stage = app.put(&owner.token, &format!("/campaigns/{campaign}/creators/{}/stage", Uuid::new_v4()), json!({"stage": "teleported"})).await;
        assert_eq!(stage.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let unknown = app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"creator_ids": [Uuid::new_v4()]})).await;
        let problem = expect_problem(unknown, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/creator_ids/0");
        let nothing = app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({})).await;
        expect_problem(nothing, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let shown = expect_json(app.get(&owner.token, &format!("/campaigns/{campaign}")).await, StatusCode::OK).await;
        assert_eq!(shown["counts"]["creators"], 0, "nothing was added");
    }

    async fn a_campaigns_share_link_opens_its_report_and_nothing_else(app) {
        let owner = app.new_user().await;
        let campaign = create_campaign(&app, &owner, "Shared").await;
        let list = app.create_list(&owner, "Shared list").await;
        app.add_item(&owner, list["id"].as_str().unwrap(), "shared.creator").await;
        expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"handles": ["shared.creator"]})).await, StatusCode::OK).await;
        let link = expect_json(app.post(&owner.token, &format!("/campaigns/{campaign}/share-links"), json!({})).await, StatusCode::CREATED).await;
        assert!(link["path"].as_str().unwrap().starts_with("/share/campaign#zzs_"));
        let token = link["token"].as_str().unwrap();
        let report = expect_json(app.get(token, "/shared/campaign").await, StatusCode::OK).await;
        assert_eq!(report["campaign"]["name"], "Shared");
        for private in ["contact", "discount_code", "tracking_url", "utm_link", "order_id"] {
            assert!(!report.to_string().contains(&format!("\"{private}\"")), "{private} stays private");
        }
        expect_problem(app.get(token, "/shared/dashboard").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let list_link = expect_json(app.post(&owner.token, &format!("/lists/{}/share-links", list["id"].as_str().unwrap()), json!({})).await, StatusCode::CREATED).await;
        expect_problem(app.get(list_link["token"].as_str().unwrap(), "/shared/campaign").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
        let id = link["link"]["id"].as_str().unwrap();
        expect_json(app.delete(&owner.token, &format!("/campaigns/{campaign}/share-links/{id}")).await, StatusCode::OK).await;
        expect_problem(app.get(token, "/shared/campaign").await, StatusCode::UNAUTHORIZED, "invalid_token").await;
    }
}

crate::both_databases! {
    store:
    async fn the_demo_workspace_has_a_finished_and_a_running_campaign(store) {
        let hashing = zzyzx::auth::passwords::PasswordHashing::new();
        zzyzx::services::demo::load(store.as_ref(), &hashing).await.unwrap();
        // Loading again changes nothing about the campaigns.
        zzyzx::services::demo::load(store.as_ref(), &hashing).await.unwrap();
        let user = store.user_by_email(zzyzx::services::demo::DEMO_EMAIL).await.unwrap().unwrap();
        let workspace_id = store.memberships(user.id).await.unwrap()[0].workspace_id;
        let campaigns = store.campaigns(workspace_id).await.unwrap();
        assert_eq!(campaigns.len(), 2);
        assert!(campaigns.iter().all(|c| c.demo && c.name.ends_with("(demo)")));
        let today = Utc::now().date_naive();
        let finished = campaigns.iter().find(|c| c.ends_on < today).expect("a finished campaign");
        let running = campaigns.iter().find(|c| c.starts_on <= today && today <= c.ends_on).expect("a running campaign");
        let posts = store.campaign_posts(workspace_id, finished.id).await.unwrap();
        assert!(posts.len() >= 3, "{} posts", posts.len());
        assert!(posts.iter().all(|p| p.evidence.rule == zzyzx::domain::RuleKind::Mention && p.video.is_some()));
        let curve = store.post_curve(workspace_id, finished.id, posts[0].id).await.unwrap();
        assert!(curve.len() >= 10, "a curve of checks: {}", curve.len());
        assert!(curve.windows(2).all(|w| w[0].views <= w[1].views), "views only grow");
        let orders = store.campaign_orders(workspace_id, finished.id).await.unwrap();
        assert!(!orders.is_empty() && orders.iter().all(|o| o.source == "demo"));
        let entries = store.campaign_entries(workspace_id, finished.id).await.unwrap();
        let stages: Vec<&str> = entries.iter().map(|e| e.stage.as_str()).collect();
        assert!(stages.contains(&"declined") && stages.contains(&"posted"), "{stages:?}");
        assert!(entries.iter().filter(|e| e.stage.as_str() == "posted").all(|e| e.estimate.is_some()));
        let running_entries = store.campaign_entries(workspace_id, running.id).await.unwrap();
        assert!(running_entries.len() >= 4);

        // Each demo creator's audience is estimated from their comments, once however often the demo loads,
        // and the demo brand's target makes the fits show.
        let audiences = store.latest_audiences(workspace_id, zzyzx::store::CreatorScope::Workspace).await.unwrap();
        assert!(audiences.len() >= 50, "{} estimated audiences", audiences.len());
        assert!(audiences.values().all(|a| a.kind == "estimated" && a.source == "demo" && a.sample_size.is_some_and(|n| n >= 30)));
        assert!(audiences.values().all(|a| a.languages.0.len() >= 2), "mixed audiences");
        let foremost = |a: &zzyzx::store::AudienceRow| a.languages.0.iter().max_by(|x, y| x.1.total_cmp(y.1)).map(|(l, _)| l.clone());
        let english = audiences.values().filter(|a| foremost(a).as_deref() == Some("en")).count();
        assert!(english * 10 >= audiences.len() * 7, "English foremost for most: {english} of {}", audiences.len());
        let some = audiences.values().next().unwrap();
        assert_eq!(store.audience_profiles(workspace_id, some.creator_id).await.unwrap().len(), 1);
        let target = store.workspace_documents(workspace_id).await.unwrap().target_audience.expect("a demo target");
        assert_eq!(target["languages"], serde_json::json!(["en"]));

        // So a first run's dashboards show estimated fits, each with the interval its sample allows.
        let list = store.lists(workspace_id, None, 1).await.unwrap().remove(0);
        let analytics = zzyzx::services::analytics::Analytics { store: store.as_ref() };
        let dashboard = analytics
            .dashboard(workspace_id, list.id, zzyzx::services::analytics::DashboardSort::Fit, None)
            .await
            .unwrap();
        assert!(!dashboard.rows.is_empty());
        for (_, row) in analytics.read_rows(workspace_id, dashboard.rows).await.unwrap() {
            let s = &row.summary;
            let (score, interval) = (s.fit_score.expect("an estimated fit"), s.fit_interval.expect("its interval"));
            assert_eq!(s.fit_kind, Some(zzyzx_analytics::AudienceKind::Estimated));
            assert!(interval.low <= score && score <= interval.high, "{interval:?} around {score}");
            assert!((2..=40).contains(&(interval.high - interval.low)), "{interval:?} from {:?} commenters", s.fit_sample_size);
        }
    }
}
