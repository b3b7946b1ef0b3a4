//! The refresh worker against a scripted source: shared work, leases, retries, the breaker,
//! shutdown, and the jobs clients poll.

use crate::fake_source::FakeSource;
use crate::helpers::{Db, fresh_database, tempfile_dir::TempDir};
use chrono::{Duration as ChronoDuration, Utc};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use zzyzx::domain::Handle;
use zzyzx::refresh::policy::{Backoff, BreakerConfig};
use zzyzx::refresh::{RefreshWorker, WorkerConfig};
use zzyzx::store::*;
use zzyzx_sources::{Source, SourceError};

struct Fixture {
    store: Arc<dyn Store>,
    workspace_id: Uuid,
    creators: Vec<(Uuid, String)>,
    _directory: TempDir,
}

/// A workspace with one list of `count` creators, all due now.
async fn fixture(db: Db, count: usize) -> Fixture {
    let (url, directory) = fresh_database(db).await;
    let store = connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let workspace_id = Uuid::now_v7();
    let now = Utc::now();
    store
        .create_user(NewUser {
            id: Uuid::now_v7(),
            email: "worker@example.com".into(),
            display_name: "Worker".into(),
            password_hash: "x".into(),
            workspace_id,
            workspace_name: "W".into(),
            now,
        })
        .await
        .unwrap();
    let mut creators = Vec::new();
    let mut list_number = 0;
    for chunk in (0..count).collect::<Vec<_>>().chunks(1000) {
        list_number += 1;
        let list = store
            .create_list(NewList {
                id: Uuid::now_v7(),
                workspace_id,
                name: format!("list {list_number}"),
                description: String::new(),
                now,
            })
            .await
            .unwrap();
        for n in chunk {
            let handle = format!("creator{n:04}");
            let item = NewListItem {
                id: Uuid::now_v7(),
                handle: Handle::parse(&handle).unwrap(),
                note: String::new(),
                tags: vec![],
                now,
            };
            let item = store.add_list_item(workspace_id, list.id, item).await.unwrap();
            creators.push((item.creator.id, handle));
        }
    }
    Fixture { store, workspace_id, creators, _directory: directory }
}

fn fast_config(owner: &str) -> WorkerConfig {
    WorkerConfig {
        owner: owner.into(),
        batch_size: 25,
        concurrency: 8,
        poll_interval: Duration::from_millis(50),
        requests_per_second: 10_000,
        backoff: Backoff { base: Duration::from_millis(10), cap: Duration::from_millis(50) },
        shutdown_grace: Duration::from_secs(2),
        ..WorkerConfig::default()
    }
}

/// A worker for a real client against a mock provider: no pacing, short backoffs.
fn config() -> WorkerConfig {
    WorkerConfig {
        requests_per_second: 10_000,
        backoff: Backoff { base: Duration::from_millis(10), cap: Duration::from_millis(50) },
        ..WorkerConfig::default()
    }
}

fn worker(fixture: &Fixture, source: &Arc<FakeSource>, config: WorkerConfig) -> Arc<RefreshWorker> {
    Arc::new(RefreshWorker::new(fixture.store.clone(), source.clone(), config, Arc::new(Notify::new())))
}

/// The creator's next fetch is due for `reason`, `hours` after its last (plus up to 5% jitter).
async fn expect_next(fixture: &Fixture, creator_id: Uuid, reason: &str, hours: i64) {
    let creator = fixture.store.creator(fixture.workspace_id, creator_id).await.unwrap().creator;
    let wait = (creator.next_fetch_at.unwrap() - creator.last_fetched_at.unwrap()).num_seconds() as f64 / 3600.0;
    assert_eq!(creator.refresh_reason.as_deref(), Some(reason), "{}", creator.handle);
    let hours = hours as f64;
    assert!(
        wait >= hours - 0.01 && wait <= hours * 1.05 + 0.01,
        "{}: due {wait:.2} h after its fetch, not {hours}",
        creator.handle
    );
}

async fn snapshot_count(fixture: &Fixture, creator_id: Uuid) -> i64 {
    fixture.store.creator(fixture.workspace_id, creator_id).await.unwrap().snapshot_count
}

crate::both_databases! {
    db:
    async fn a_refresh_someone_asked_for_jumps_the_queue(db) {
        // 40 creators due for a day; then someone asks for the last one.
        let fixture = fixture(db, 40).await;
        let now = Utc::now();
        for (creator, _) in &fixture.creators {
            fixture.store.reschedule_creator(*creator, now - ChronoDuration::days(1)).await.unwrap();
        }
        let (asked, _) = fixture.creators[39];
        fixture.store.request_refresh(fixture.workspace_id, asked, Uuid::now_v7(), now).await.unwrap();
        let claimed = fixture.store.claim_due_creators("first", now, now + ChronoDuration::minutes(5), 1, now - ChronoDuration::days(30)).await.unwrap();
        assert_eq!(claimed.iter().map(|c| c.id).collect::<Vec<_>>(), vec![asked]);
    }

    async fn two_workers_never_pass_the_daily_budget_and_fetch_the_most_urgent_first(db) {
        let fixture = fixture(db, 60).await;
        let now = Utc::now();
        // The last creator is rising: under a tight budget it goes first.
        let (rising, _) = fixture.creators[59];
        fixture.store.hasten_refresh(&[rising], now - ChronoDuration::minutes(1), "rising", 5).await.unwrap();
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        // 60 creators need 120 requests; the budget allows 40 a day, paced over its hours.
        let budget = WorkerConfig { daily_budget: Some(40), batch_size: 7, ..fast_config("a") };
        let first = worker(&fixture, &source, budget.clone());
        let second = worker(&fixture, &source, WorkerConfig { owner: "b".into(), ..budget });
        let never = CancellationToken::new();
        let (a, b) = tokio::join!(first.run_cycle(&never), second.run_cycle(&never));
        assert!(a.budget_spent && b.budget_spent, "{a:?} {b:?}");
        let fetched = a.succeeded + b.succeeded;
        let sent = source.requests_sent() as i64;
        let reserved = fixture.store.requests_on("tikapi", now.date_naive()).await.unwrap();
        assert!(fetched >= 1 && sent == 2 * fetched as i64, "{fetched} fetched, {sent} sent");
        assert_eq!(reserved, sent, "every reserved request not sent was given back");
        assert!(reserved <= 40);
        assert_eq!(snapshot_count(&fixture, rising).await, 1, "the rising creator was fetched first");
        // What was not fetched is still due, not failed.
        assert_eq!(a.failed + b.failed, 0);
        let due = fixture.store.refresh_queue(Utc::now()).await.unwrap().due;
        assert_eq!(due, 60 - fetched as i64);
        // A reservation never passes the budget, even asked for more than is left.
        let day = now.date_naive();
        assert_eq!(fixture.store.reserve_requests("other", day, 30, 40).await.unwrap(), 30);
        assert_eq!(fixture.store.reserve_requests("other", day, 30, 40).await.unwrap(), 10);
        assert_eq!(fixture.store.reserve_requests("other", day, 1, 40).await.unwrap(), 0);
        fixture.store.release_requests("other", day, 15).await.unwrap();
        assert_eq!(fixture.store.requests_on("other", day).await.unwrap(), 25);
    }

    async fn the_next_refresh_follows_what_the_creator_is_doing(db) {
        let fixture = fixture(db, 2).await;
        // A third creator is only in a list nobody opened for 31 days.
        let now = Utc::now();
        let long_ago = now - ChronoDuration::days(31);
        let forgotten = NewList { id: Uuid::now_v7(), workspace_id: fixture.workspace_id, name: "Forgotten".into(), description: String::new(), now: long_ago };
        let list = fixture.store.create_list(forgotten).await.unwrap();
        let item = NewListItem { id: Uuid::now_v7(), handle: Handle::parse("forgotten").unwrap(), note: String::new(), tags: vec![], now };
        let unwatched = fixture.store.add_list_item(fixture.workspace_id, list.id, item).await.unwrap().creator.id;
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        let cycle = || async { worker(&fixture, &source, fast_config("cadence")).run_cycle(&CancellationToken::new()).await };
        let [(climbing, handle), (regular, _)] = [0, 1].map(|n| fixture.creators[n].clone());
        // The first fetch finds a video posted today: new and young, so climbing (12 h).
        cycle().await;
        expect_next(&fixture, regular, "climbing", 12).await;
        expect_next(&fixture, unwatched, "climbing", 12).await;

        // Later: one creator's video gains views, the others' do not.
        for creator in [climbing, regular, unwatched] {
            fixture.store.reschedule_creator(creator, Utc::now() - ChronoDuration::seconds(1)).await.unwrap();
        }
        source.bump_views(&handle, 3);
        cycle().await;
        expect_next(&fixture, climbing, "climbing", 12).await;
        expect_next(&fixture, regular, "regular", 24).await;
        expect_next(&fixture, unwatched, "unwatched", 168).await;

        // Opening the forgotten list makes its creator due now, and watched again.
        fixture.store.list_viewed(list.id, Utc::now()).await.unwrap();
        let due = fixture.store.creator(fixture.workspace_id, unwatched).await.unwrap().creator.next_fetch_at.unwrap();
        assert!(due <= Utc::now());
        cycle().await;
        expect_next(&fixture, unwatched, "regular", 24).await;

        // Rising, as the batch's events tell it, brings the next fetch forward and never back.
        let soon = Utc::now() + ChronoDuration::hours(6);
        fixture.store.hasten_refresh(&[regular], soon, "rising", 5).await.unwrap();
        fixture.store.hasten_refresh(&[regular], soon + ChronoDuration::hours(1), "rising", 5).await.unwrap();
        expect_next(&fixture, regular, "rising", 6).await;
    }

    async fn a_creators_audience_is_estimated_from_comments_once_a_week_in_the_workspaces_that_list_them(db) {
        let fixture = fixture(db, 2).await;
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        let (estimated, handle) = fixture.creators[0].clone();
        let (plain, _) = fixture.creators[1];
        let english = ["this is exactly the kind of outfit I have been looking for all summer", "your videos are the reason I actually go to the gym every morning now"];
        let spanish = "tus videos siempre me alegran el día, sigue así por favor";
        let comments = (0..30)
            .map(|n| {
                let text = if n % 3 == 0 { spanish } else { english[n % 2] };
                (format!("fan{n}"), (n % 2 == 0).then(|| "US".to_owned()), text.to_owned())
            })
            .collect();
        source.comments_under(&handle, comments);
        // Another workspace that does not list the creator gets nothing.
        let outsider = Uuid::now_v7();
        fixture.store.create_user(NewUser {
            id: Uuid::now_v7(), email: "outsider@example.com".into(), display_name: "O".into(), password_hash: "x".into(),
            workspace_id: outsider, workspace_name: "O".into(), now: Utc::now(),
        }).await.unwrap();

        worker(&fixture, &source, fast_config("estimating")).run_cycle(&CancellationToken::new()).await;

        let profiles = fixture.store.audience_profiles(fixture.workspace_id, estimated).await.unwrap();
        assert_eq!(profiles.len(), 1, "one estimate");
        let profile = &profiles[0];
        assert_eq!((profile.kind.as_str(), profile.source.as_str()), ("estimated", "tikapi"));
        assert_eq!(profile.sample_size, Some(30), "each commenter once: {:?}", profile.languages.0);
        assert!((profile.languages.0["en"] - 20.0 / 30.0).abs() < 1e-9, "two thirds English: {:?}", profile.languages.0);
        assert!((profile.languages.0["es"] - 10.0 / 30.0).abs() < 1e-9, "one third Spanish: {:?}", profile.languages.0);
        assert_eq!(profile.countries.0.get("US"), Some(&1.0), "the commenters who say where they are");
        let estimate = &profile.estimate.as_ref().expect("the estimate is kept beside the shares").0;
        assert_eq!(estimate["label"], "estimate from 150 comments on 5 videos", "the same 30 under each video: {estimate}");
        let english = estimate["languages"]["shares"].as_array().unwrap().iter().find(|s| s["code"] == "en").unwrap();
        let (low, share, high) = (english["interval"]["low"].as_f64().unwrap(), english["share"].as_f64().unwrap(), english["interval"]["high"].as_f64().unwrap());
        assert!(low < share && share < high && high - low > 0.2, "a 95% interval that is wide for 30 commenters: {english}");
        // 5 videos, one call each; the creator without comments costs none.
        assert_eq!(source.comment_calls(), 5 + 5);
        assert!(fixture.store.audience_profiles(fixture.workspace_id, plain).await.unwrap().is_empty());
        assert!(fixture.store.latest_audiences(outsider, CreatorScope::Workspace).await.unwrap().is_empty());

        // Fetched again within the week: no new estimate and no comment calls.
        fixture.store.reschedule_creator(estimated, Utc::now() - ChronoDuration::minutes(1)).await.unwrap();
        worker(&fixture, &source, fast_config("again")).run_cycle(&CancellationToken::new()).await;
        assert_eq!(fixture.store.audience_profiles(fixture.workspace_id, estimated).await.unwrap().len(), 1);
        assert_eq!(source.comment_calls(), 10);
    }

    async fn three_workers_fetch_every_creator_exactly_once(db) {
        let fixture = fixture(db, 500).await;
        let source = Arc::new(FakeSource::new(Duration::from_millis(5)));
        let workers: Vec<_> = (0..3).map(|n| worker(&fixture, &source, fast_config(&format!("w{n}")))).collect();
        let shutdown = CancellationToken::new();
        let reports = futures_util::future::join_all(workers.iter().map(|w| w.run_cycle(&shutdown))).await;

        let claimed: usize = reports.iter().map(|r| r.claimed).sum();
        let succeeded: usize = reports.iter().map(|r| r.succeeded).sum();
        assert_eq!((claimed, succeeded), (500, 500), "{reports:?}");
        assert!(reports.iter().filter(|r| r.claimed > 0).count() >= 2, "the work was shared: {reports:?}");
        for (id, handle) in &fixture.creators {
            assert_eq!(source.calls_for(handle).len(), 1, "{handle} fetched once");
            assert_eq!(snapshot_count(&fixture, *id).await, 1, "{handle} has one snapshot");
        }
        let again = futures_util::future::join_all(workers.iter().map(|w| w.run_cycle(&shutdown))).await;
        assert!(again.iter().all(|r| r.claimed == 0), "nothing is due again today: {again:?}");
        assert_eq!(source.calls().len(), 500, "no extra calls");

        let profile = fixture.store.creator(fixture.workspace_id, fixture.creators[0].0).await.unwrap();
        assert_eq!(profile.latest.unwrap().source, "tikapi");
        // Its video of today is new: fetched again in 12 hours, as climbing.
        assert_eq!(profile.creator.refresh_reason.as_deref(), Some("climbing"));
        assert!(profile.creator.next_fetch_at.unwrap() > Utc::now() + ChronoDuration::hours(11));
        let videos = fixture.store.creator_videos(fixture.workspace_id, fixture.creators[0].0, VideoOrder::Views, None, 10).await.unwrap();
        assert_eq!(videos.len(), 5);
    }

    async fn a_killed_workers_creators_are_picked_up_after_its_lease(db) {
        let fixture = fixture(db, 40).await;
        // A worker claims 10 creators with a short lease and dies without a word.
        let now = Utc::now();
        let dead = fixture.store.claim_due_creators("dead-worker", now, now + ChronoDuration::milliseconds(800), 10, now - ChronoDuration::days(30)).await.unwrap();
        assert_eq!(dead.len(), 10);

        let source = Arc::new(FakeSource::new(Duration::ZERO));
        let survivor = worker(&fixture, &source, fast_config("survivor"));
        let shutdown = CancellationToken::new();
        assert_eq!(survivor.run_cycle(&shutdown).await.succeeded, 30, "the leased ten wait");
        tokio::time::sleep(Duration::from_millis(900)).await;
        assert_eq!(survivor.run_cycle(&shutdown).await.succeeded, 10, "picked up after the lease");
        for (id, handle) in &fixture.creators {
            assert_eq!(source.calls_for(handle).len(), 1, "{handle}");
            assert_eq!(snapshot_count(&fixture, *id).await, 1);
        }
    }

    async fn retry_after_spaces_the_calls(db) {
        let fixture = fixture(db, 1).await;
        let (id, handle) = fixture.creators[0].clone();
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        let limited = SourceError::RateLimited { retry_after: Some(Duration::from_secs(1)) };
        source.script(&handle, vec![limited.clone(), limited]);
        let report = worker(&fixture, &source, fast_config("w")).run_cycle(&CancellationToken::new()).await;
        assert_eq!(report.succeeded, 1);
        let calls = source.calls_for(&handle);
        assert_eq!(calls.len(), 3, "exactly three calls");
        for pair in calls.windows(2) {
            assert!(pair[1] - pair[0] >= Duration::from_secs(1), "calls at least Retry-After apart: {:?}", pair[1] - pair[0]);
        }
        assert_eq!(snapshot_count(&fixture, id).await, 1);
    }

    async fn a_failing_provider_trips_the_breaker_and_the_cycle_ends_degraded(db) {
        let fixture = fixture(db, 100).await;
        let source = Arc::new(FakeSource::failing(SourceError::Unavailable("503".into())));
        let config = WorkerConfig { breaker: BreakerConfig { open_for: Duration::from_secs(60), ..BreakerConfig::default() }, ..fast_config("w") };
        let started = Instant::now();
        let report = worker(&fixture, &source, config).run_cycle(&CancellationToken::new()).await;
        assert!(report.degraded, "{report:?}");
        let calls = source.calls();
        assert!(calls.len() <= 20, "the breaker opened within 20 calls, saw {}", calls.len());
        for (_, handle) in &fixture.creators {
            assert!(source.calls_for(handle).len() <= 4, "at most 4 calls for {handle}");
        }
        assert!(started.elapsed() < Duration::from_secs(30));
        // Claimed creators were put back for later, not left leased; the rest were never claimed.
        let now = Utc::now();
        let still_due = fixture.store.claim_due_creators("probe", now, now + ChronoDuration::minutes(5), 1000, now - ChronoDuration::days(30)).await.unwrap();
        assert_eq!(still_due.len(), 100 - report.claimed, "every claimed creator was rescheduled and released");
        for (id, _) in &fixture.creators {
            assert!(fixture.store.creator(fixture.workspace_id, *id).await.unwrap().creator.failures <= 1);
        }
    }

    async fn missing_and_private_creators_are_marked_not_retried(db) {
        let fixture = fixture(db, 3).await;
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        source.script(&fixture.creators[0].1, vec![SourceError::NotFound]);
        source.script(&fixture.creators[1].1, vec![SourceError::Private]);
        source.script(&fixture.creators[2].1, vec![SourceError::BadPayload("truncated JSON".into())]);
        let report = worker(&fixture, &source, fast_config("w")).run_cycle(&CancellationToken::new()).await;
        assert_eq!((report.marked, report.failed), (2, 1), "{report:?}");
        let statuses: Vec<(String, i32)> = futures_util::future::join_all(fixture.creators.iter().map(|(id, _)| fixture.store.creator(fixture.workspace_id, *id)))
            .await
            .into_iter()
            .map(|p| { let p = p.unwrap(); (p.creator.status, p.creator.failures) })
            .collect();
        assert_eq!(statuses[0].0, "not_found");
        assert_eq!(statuses[1].0, "private");
        assert_eq!(statuses[2], ("active".to_string(), 1));
        assert_eq!(source.calls().len(), 3, "a bad payload is not retried at once");
        for (id, _) in &fixture.creators {
            assert_eq!(snapshot_count(&fixture, *id).await, 0, "nothing written from a failure");
        }
    }

    async fn a_batch_is_written_at_once_and_one_write_the_database_refuses_loses_no_other(db) {
        let fixture = fixture(db, 6).await;
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        source.unwritable(&fixture.creators[2].1);
        let report = worker(&fixture, &source, fast_config("w")).run_cycle(&CancellationToken::new()).await;
        assert_eq!((report.succeeded, report.failed), (5, 1), "{report:?}");
        for (index, (id, handle)) in fixture.creators.iter().enumerate() {
            let expected = if index == 2 { 0 } else { 1 };
            assert_eq!(snapshot_count(&fixture, *id).await, expected, "{handle}");
        }
        let refused = fixture.store.creator(fixture.workspace_id, fixture.creators[2].0).await.unwrap().creator;
        assert!(refused.last_fetched_at.is_none(), "nothing of the refused write stays");
    }

    async fn a_worker_that_panics_is_started_again_and_finishes_the_work(db) {
        let fixture = fixture(db, 3).await;
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        source.panic_on_next_call();
        let config = WorkerConfig { lease: Duration::from_secs(1), ..WorkerConfig::default() };
        let worker = Arc::new(RefreshWorker::new(fixture.store.clone(), source.clone(), config, Arc::new(Notify::new())));
        let shutdown = CancellationToken::new();
        let supervised = tokio::spawn(worker.supervise(shutdown.clone()));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut counts = Vec::new();
            for (id, _) in &fixture.creators {
                counts.push(snapshot_count(&fixture, *id).await);
            }
            if counts.iter().all(|c| *c == 1) {
                break;
            }
            assert!(Instant::now() < deadline, "every creator is refreshed after the restart: {counts:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        shutdown.cancel();
        tokio::time::timeout(Duration::from_secs(25), supervised).await.expect("it stops on shutdown").unwrap();
    }

    async fn shutdown_stops_claiming_and_releases_leases(db) {
        let fixture = fixture(db, 60).await;
        let source = Arc::new(FakeSource::new(Duration::from_millis(400)));
        let config = WorkerConfig { concurrency: 2, ..fast_config("stopping") };
        let running = worker(&fixture, &source, config);
        let shutdown = CancellationToken::new();
        let handle = tokio::spawn({
            let running = running.clone();
            let shutdown = shutdown.clone();
            async move { running.run(shutdown).await }
        });
        tokio::time::sleep(Duration::from_millis(200)).await;
        let stopped_at = Instant::now();
        shutdown.cancel();
        tokio::time::timeout(Duration::from_secs(5), handle).await.expect("the worker stops promptly").unwrap();
        assert!(stopped_at.elapsed() < Duration::from_secs(5));
        let calls_at_stop = source.calls().len();
        assert!(calls_at_stop < 60, "it stopped claiming");
        // Everything not fetched is claimable again at once: no lease is left behind.
        let now = Utc::now();
        let reclaimed = fixture.store.claim_due_creators("next", now, now + ChronoDuration::minutes(5), 100, now - ChronoDuration::days(30)).await.unwrap();
        let fetched = fixture.creators.len() - reclaimed.len();
        assert!(fetched <= calls_at_stop, "only fetched creators are done ({fetched} vs {calls_at_stop} calls)");
        assert!(!reclaimed.is_empty());
    }

    async fn a_refresh_job_is_queued_then_finished_by_the_worker(db) {
        let fixture = fixture(db, 2).await;
        let source = Arc::new(FakeSource::new(Duration::ZERO));
        let running = worker(&fixture, &source, fast_config("w"));
        running.run_cycle(&CancellationToken::new()).await;
        let (id, handle) = fixture.creators[0].clone();
        let job = fixture.store.request_refresh(fixture.workspace_id, id, Uuid::now_v7(), Utc::now()).await.unwrap();
        assert_eq!(job.status, "queued");
        let report = running.run_cycle(&CancellationToken::new()).await;
        assert_eq!(report.succeeded, 1, "only the asked-for creator is due");
        let done = fixture.store.job(fixture.workspace_id, job.id).await.unwrap();
        assert_eq!((done.status.as_str(), done.progress), ("succeeded", 100));
        assert_eq!(source.calls_for(&handle).len(), 2);
        assert_eq!(snapshot_count(&fixture, id).await, 1, "two fetches within the hour are one snapshot");
        assert!(matches!(fixture.store.job(Uuid::now_v7(), job.id).await, Err(StoreError::NotFound)), "jobs belong to their workspace");
    }
}

/// The worker through the real TikAPI client, against a local mock of TikAPI.
mod through_tikapi {
    use super::*;
    use serde_json::json;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    use zzyzx_sources::{ClientOptions, TikApi};

    fn profile_body(handle: &str) -> serde_json::Value {
        json!({
            "status": "success", "message": null, "statusCode": 0,
            "userInfo": {
                "user": {"id": "6812345678901234567", "uniqueId": handle, "nickname": "Mocked", "secUid": "MS4wLjABAAAAmocked", "privateAccount": false, "verified": false},
                "stats": {"followerCount": 284100, "followingCount": 412, "heartCount": 9100000, "videoCount": 731}
            }
        })
    }

    async fn tikapi(server: &MockServer) -> Arc<TikApi> {
        let options = ClientOptions { timeout: Duration::from_secs(2), ..ClientOptions::default() };
        Arc::new(TikApi::new("test-key", &server.uri(), options).unwrap())
    }

    #[tokio::test]
    async fn rate_limits_are_waited_out_and_one_snapshot_is_written() {
        let fixture = fixture(Db::Sqlite, 1).await;
        let (id, handle) = fixture.creators[0].clone();
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/public/check"))
            .and(query_param("username", handle.as_str()))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
            .up_to_n_times(2)
            .expect(2)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/public/check"))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_body(&handle)))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/public/posts"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"status": "success", "itemList": [], "cursor": "0", "hasMore": false})),
            )
            .mount(&server)
            .await;

        let worker =
            RefreshWorker::new(fixture.store.clone(), tikapi(&server).await, config(), Arc::new(Notify::new()));
        let report = worker.run_cycle(&CancellationToken::new()).await;
        assert_eq!(report.succeeded, 1, "{report:?}");
        let checks: Vec<_> =
            server.received_requests().await.unwrap().into_iter().filter(|r| r.url.path() == "/public/check").collect();
        assert_eq!(checks.len(), 3);
        assert!(checks.iter().all(|r| r.headers.get("x-api-key").is_some_and(|v| v == "test-key")));
        let profile = fixture.store.creator(fixture.workspace_id, id).await.unwrap();
        assert_eq!((profile.snapshot_count, profile.latest.unwrap().followers), (1, 284_100));
        // Mock::expect counts are verified when the server drops.
    }

    #[tokio::test]
    async fn a_provider_returning_503_is_not_hammered() {
        let fixture = fixture(Db::Sqlite, 100).await;
        let server = MockServer::start().await;
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
        let worker =
            RefreshWorker::new(fixture.store.clone(), tikapi(&server).await, config(), Arc::new(Notify::new()));
        let report = worker.run_cycle(&CancellationToken::new()).await;
        assert!(report.degraded, "{report:?}");
        assert_eq!(worker.breaker_state(), zzyzx::refresh::policy::BreakerState::Open, "{report:?}");
        let calls = server.received_requests().await.unwrap().len();
        assert!(calls <= 20, "the breaker stopped the calls after {calls}");
        let again = worker.run_cycle(&CancellationToken::new()).await;
        assert_eq!(again.claimed, 0, "while the breaker is open nothing is claimed: {again:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), calls, "and nothing reaches the provider");
    }

    #[tokio::test]
    async fn junk_from_the_provider_writes_nothing_and_the_next_creator_goes_on() {
        let fixture = fixture(Db::Sqlite, 3).await;
        let server = MockServer::start().await;
        let bodies = [
            ResponseTemplate::new(200)
                .set_body_raw(b"{\"status\":\"success\",\"userInfo\":".to_vec(), "application/json"),
            ResponseTemplate::new(200).set_body_raw(b"<html>blocked</html>".to_vec(), "text/html"),
        ];
        for ((_, handle), body) in fixture.creators.iter().zip(bodies) {
            Mock::given(path("/public/check"))
                .and(query_param("username", handle.as_str()))
                .respond_with(body)
                .mount(&server)
                .await;
        }
        let good = fixture.creators[2].1.clone();
        Mock::given(path("/public/check"))
            .and(query_param("username", good.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(profile_body(&good)))
            .mount(&server)
            .await;
        Mock::given(path("/public/posts"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"status": "success", "itemList": [], "hasMore": false})),
            )
            .mount(&server)
            .await;
        let report =
            RefreshWorker::new(fixture.store.clone(), tikapi(&server).await, config(), Arc::new(Notify::new()))
                .run_cycle(&CancellationToken::new())
                .await;
        assert_eq!((report.succeeded, report.failed), (1, 2), "{report:?}");
        for (n, (id, _)) in fixture.creators.iter().enumerate() {
            let expected = if n == 2 { 1 } else { 0 };
            assert_eq!(snapshot_count(&fixture, *id).await, expected);
        }
    }
}

/// The worker through the real ScrapeCreators client, against a local mock of ScrapeCreators.
mod through_scrapecreators {
    use super::*;
    use serde_json::json;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    use zzyzx_sources::{ClientOptions, ScrapeCreators};

    async fn scrapecreators(server: &MockServer) -> Arc<ScrapeCreators> {
        let options = ClientOptions { timeout: Duration::from_secs(2), ..ClientOptions::default() };
        Arc::new(ScrapeCreators::new("test-key", &server.uri(), options).unwrap())
    }

    #[tokio::test]
    async fn a_creator_is_refreshed_with_its_videos_and_the_snapshot_says_scrapecreators() {
        let fixture = fixture(Db::Sqlite, 1).await;
        let (id, handle) = fixture.creators[0].clone();
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/tiktok/profile"))
            .and(query_param("handle", handle.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "user": {"id": "6812345678901234567", "uniqueId": handle, "nickname": "Mocked", "secUid": "MS4wLjABAAAAmocked"},
                "stats": {"followerCount": 284100, "followingCount": 412, "heartCount": 9100000, "videoCount": 731},
                "statsV2": {"followerCount": "284113", "followingCount": "412", "heartCount": "9120455", "videoCount": "731"}
            })))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v3/tiktok/profile/videos"))
            .and(query_param("handle", handle.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "aweme_list": [{
                    "aweme_id": "7468123456789000001", "desc": "first #bread", "create_time": 1_739_000_000,
                    "author": {"unique_id": handle},
                    "statistics": {"play_count": 1000, "digg_count": 100, "comment_count": 10, "share_count": 1},
                    "video": {"duration": 15_000}
                }],
                "max_cursor": 1_738_000_000_000u64, "has_more": 0
            })))
            .expect(1)
            .mount(&server)
            .await;

        let worker =
            RefreshWorker::new(fixture.store.clone(), scrapecreators(&server).await, config(), Arc::new(Notify::new()));
        let report = worker.run_cycle(&CancellationToken::new()).await;

        assert_eq!(report.succeeded, 1, "{report:?}");
        let requests = server.received_requests().await.unwrap();
        assert!(requests.iter().all(|r| r.headers.get("x-api-key").is_some_and(|v| v == "test-key")));
        let profile = fixture.store.creator(fixture.workspace_id, id).await.unwrap();
        let latest = profile.latest.unwrap();
        assert_eq!((latest.source.as_str(), latest.followers), ("scrapecreators", 284_113), "exact statsV2 counts");
    }

    #[tokio::test]
    async fn the_audience_scrapecreators_reports_is_kept_as_a_provider_profile_once_a_month() {
        let fixture = fixture(Db::Sqlite, 1).await;
        let (id, handle) = fixture.creators[0].clone();
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/tiktok/profile"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "user": {"id": "6812345678901234567", "uniqueId": handle, "nickname": "Mocked"},
                "statsV2": {"followerCount": "284113", "followingCount": "412", "heartCount": "9120455", "videoCount": "731"}
            })))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v3/tiktok/profile/videos"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"aweme_list": [], "has_more": 0})))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v1/tiktok/user/audience"))
            .and(query_param("handle", handle.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true, "audienceLocations": [
                {"country": "Mexico", "countryCode": "MX", "count": 83, "percentage": "15.96%"},
                {"country": "United States", "countryCode": "US", "count": 34, "percentage": "6.54%"}
            ]})))
            .expect(1)
            .mount(&server)
            .await;
        let source = scrapecreators(&server).await;

        let worker = RefreshWorker::new(fixture.store.clone(), source.clone(), config(), Arc::new(Notify::new()));
        assert_eq!(worker.run_cycle(&CancellationToken::new()).await.succeeded, 1);
        // Fetched again the same day: the report is a month old at the earliest.
        fixture.store.reschedule_creator(id, Utc::now() - ChronoDuration::minutes(1)).await.unwrap();
        assert_eq!(worker.run_cycle(&CancellationToken::new()).await.succeeded, 1);

        let profiles = fixture.store.audience_profiles(fixture.workspace_id, id).await.unwrap();
        assert_eq!(profiles.len(), 1, "one report, asked for once (the mock expects one call)");
        let profile = &profiles[0];
        assert_eq!((profile.kind.as_str(), profile.source.as_str()), ("provider", "scrapecreators"));
        assert_eq!(profile.sample_size, Some(117), "the people the provider placed");
        assert!((profile.countries.0["MX"] - 0.1596).abs() < 1e-9, "{:?}", profile.countries.0);
        assert!((profile.countries.0["US"] - 0.0654).abs() < 1e-9, "{:?}", profile.countries.0);
        let used = fixture.store.latest_audiences(fixture.workspace_id, CreatorScope::One(id)).await.unwrap();
        assert_eq!(used[&id].kind, "provider", "fit uses it");
    }

    #[tokio::test]
    async fn running_out_of_credits_pauses_the_source_and_writes_nothing() {
        let fixture = fixture(Db::Sqlite, 2).await;
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(402).set_body_json(json!({
                "success": false,
                "message": "Looks like you're out of credits :( You'll need to buy more to continue using the service."
            })))
            .mount(&server)
            .await;

        let worker =
            RefreshWorker::new(fixture.store.clone(), scrapecreators(&server).await, config(), Arc::new(Notify::new()));
        let report = worker.run_cycle(&CancellationToken::new()).await;

        assert_eq!(report.succeeded, 0, "{report:?}");
        let state = fixture.store.source_state("scrapecreators").await.unwrap();
        assert!(state.paused_until.is_some_and(|until| until > Utc::now()), "the source is paused: {state:?}");
        assert!(state.pause_reason.as_deref().is_some_and(|r| r.contains("quota")), "{state:?}");
        for (id, _) in &fixture.creators {
            assert_eq!(snapshot_count(&fixture, *id).await, 0);
        }
    }
}
