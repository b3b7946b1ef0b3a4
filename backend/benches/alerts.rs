//! Alerts benchmark on SQLite and PostgreSQL: `cargo bench --bench alerts` (add `-- sqlite` or
//! `-- postgres` for one database).
//!
//! 10,000 creators in ten lists, each with 30 days of demo history, refreshed from the demo source
//! (30 videos each): the refresh pipeline in the steady state with events recorded and without,
//! alternately. Then the webhook fan-out: 1,000 events to 10 endpoints (10,000 signed deliveries
//! to a local receiver). Prints a table; asserts only that the work was done.

mod common;

use chrono::{Duration, Utc};
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zzyzx::domain::{Handle, MetricPoint};
use zzyzx::refresh::{RefreshWorker, WorkerConfig};
use zzyzx::services::alerts::EventType;
use zzyzx::services::webhooks::{Dispatcher, UrlPolicy, WebhookSecrets};
use zzyzx::startup::open_state;
use zzyzx::store::{NewEvent, NewList, NewListItem, NewUser, Store, WebhookEndpoint};
use zzyzx_sources::{DemoSource, demo_history};

use common::{database_url, drop_database, median};

const CREATORS: usize = 10_000;
const PER_LIST: usize = 1_000;
const HISTORY_DAYS: usize = 30;
const ROUNDS: usize = 3;
const EVENTS: usize = 1_000;
const ENDPOINTS: usize = 10;
const SECRET: &str = "benchmark-signing-secret-0123456789abcdef";

struct Report {
    database: &'static str,
    /// Creators/s, the median of the rounds: (without events, with events).
    pipeline: (f64, f64),
    events_recorded: usize,
    /// Seconds to record the 1,000 events (queueing 10,000 deliveries), and to send them all.
    fan_out: (f64, f64),
}

async fn workspace(store: &Arc<dyn Store>) -> Uuid {
    let workspace_id = Uuid::now_v7();
    let user = NewUser {
        id: Uuid::now_v7(),
        email: "bench@example.com".into(),
        display_name: "Bench".into(),
        password_hash: "x".into(),
        workspace_id,
        workspace_name: "Bench".into(),
        now: Utc::now(),
    };
    store.create_user(user).await.unwrap();
    workspace_id
}

/// `CREATORS` creators in lists of `PER_LIST`, each with `HISTORY_DAYS` of history, all due.
async fn creators(store: &Arc<dyn Store>, workspace_id: Uuid) -> Vec<Uuid> {
    let now = Utc::now();
    let mut ids = Vec::new();
    for list_number in 0..CREATORS / PER_LIST {
        let list = NewList {
            id: Uuid::now_v7(),
            workspace_id,
            name: format!("list {list_number}"),
            description: String::new(),
            now,
        };
        let list = store.create_list(list).await.unwrap();
        let mut rows = Vec::new();
        for n in 0..PER_LIST {
            let handle = format!("alertbench{list_number:02}{n:04}");
            let item = NewListItem {
                id: Uuid::now_v7(),
                handle: Handle::parse(&handle).unwrap(),
                note: String::new(),
                tags: vec![],
                now,
            };
            let creator = store.add_list_item(workspace_id, list.id, item).await.unwrap().creator.id;
            for point in demo_history(&handle, HISTORY_DAYS, now - Duration::days(1)) {
                let counts = [point.followers, point.following, point.likes, point.videos];
                rows.push((creator, MetricPoint::parse(point.at, counts, now).unwrap()));
            }
            ids.push(creator);
        }
        store.write_fetched_snapshots(&rows, "demo", now).await.unwrap();
    }
    ids
}

async fn make_due(store: &Arc<dyn Store>, creators: &[Uuid]) {
    for creator in creators {
        store.reschedule_creator(*creator, Utc::now() - Duration::seconds(1)).await.unwrap();
    }
}

/// Creators refreshed per second by one worker cycle over every due creator.
async fn pipeline(store: &Arc<dyn Store>, record_events: bool) -> f64 {
    let config = WorkerConfig {
        batch_size: 100,
        concurrency: 16,
        requests_per_second: 1_000_000,
        record_events,
        ..WorkerConfig::default()
    };
    let source = Arc::new(DemoSource::new().inventing_any_handle());
    let worker = RefreshWorker::new(store.clone(), source, config, Arc::new(Notify::new()));
    let timer = Instant::now();
    let cycle = worker.run_cycle(&CancellationToken::new()).await;
    assert!(cycle.succeeded == CREATORS && cycle.failed == 0, "{cycle:?}");
    cycle.succeeded as f64 / timer.elapsed().as_secs_f64()
}

async fn fan_out(store: &Arc<dyn Store>, workspace_id: Uuid) -> (f64, f64) {
    let receiver = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&receiver).await;
    let now = Utc::now();
    for n in 0..ENDPOINTS {
        let endpoint = WebhookEndpoint {
            id: Uuid::now_v7(),
            workspace_id,
            url: format!("{}/hook/{n}", receiver.uri()),
            description: String::new(),
            event_types: sqlx::types::Json(EventType::ALL.iter().map(|t| t.as_str().to_owned()).collect()),
            enabled: true,
            secret_generation: 1,
            failing_since: None,
            disabled_reason: None,
            created_at: now,
            updated_at: now,
        };
        store.create_webhook(&endpoint).await.unwrap();
    }
    let events: Vec<NewEvent> = (0..EVENTS)
        .map(|n| NewEvent {
            workspace_id,
            kind: "creator.milestone",
            key: format!("bench:{n}"),
            creator_id: None,
            campaign_id: None,
            video_id: None,
            occurred_at: now,
            sentence: format!("Benchmark event {n}"),
            data: serde_json::json!({"milestone": 10_000, "followers": 10_250}),
            source: Some("demo".into()),
        })
        .collect();
    let timer = Instant::now();
    for chunk in events.chunks(100) {
        store.record_events(chunk, Utc::now()).await.unwrap();
    }
    let recording = timer.elapsed().as_secs_f64();
    let secrets = WebhookSecrets::new(&SecretString::from(SECRET));
    let dispatcher = Dispatcher::new(store.clone(), secrets, UrlPolicy { allow_private: true });
    let timer = Instant::now();
    let report = dispatcher.run_once().await.unwrap();
    let sending = timer.elapsed().as_secs_f64();
    assert_eq!((report.delivered, report.failed), (EVENTS * ENDPOINTS, 0));
    assert_eq!(receiver.received_requests().await.unwrap().len(), EVENTS * ENDPOINTS);
    (recording, sending)
}

async fn run(database: &'static str) -> Report {
    let (url, cleanup) = database_url(database).await;
    let state = open_state(&url, Some(SECRET.to_string().into())).await.unwrap();
    let store = state.store.clone();
    let workspace_id = workspace(&store).await;
    let ids = creators(&store, workspace_id).await;
    // The first pass stores the videos and tells what the history already shows.
    pipeline(&store, true).await;
    common::analyze(&cleanup).await;
    let (mut without, mut with) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        make_due(&store, &ids).await;
        without.push(pipeline(&store, false).await);
        make_due(&store, &ids).await;
        with.push(pipeline(&store, true).await);
    }
    let events_recorded = store.events(workspace_id, None, &Default::default(), None, 100_000).await.unwrap().len();
    let fan_out = fan_out(&store, workspace_id).await;
    drop_database(&url, cleanup).await;
    Report { database, pipeline: (median(without), median(with)), events_recorded, fan_out }
}

#[tokio::main]
async fn main() {
    let reports = common::for_each_database(run).await;
    let lines: [common::Line<Report>; 6] = [
        ("pipeline, 10,000 creators, without events", &|r| format!("{:.0} creators/s", r.pipeline.0)),
        ("pipeline, 10,000 creators, with events", &|r| format!("{:.0} creators/s", r.pipeline.1)),
        ("  cost added by events", &|r| format!("{:+.1}%", (r.pipeline.0 / r.pipeline.1 - 1.0) * 100.0)),
        ("events recorded (all passes)", &|r| r.events_recorded.to_string()),
        ("1,000 events → 10 endpoints: recording", &|r| {
            format!("{:.2} s ({:.0} events/s)", r.fan_out.0, EVENTS as f64 / r.fan_out.0)
        }),
        ("  sending 10,000 signed deliveries", &|r| {
            format!("{:.2} s ({:.0} deliveries/s)", r.fan_out.1, (EVENTS * ENDPOINTS) as f64 / r.fan_out.1)
        }),
    ];
    let names: Vec<&str> = reports.iter().map(|r| r.database).collect();
    common::print_table(&names, &reports, &lines);
}
