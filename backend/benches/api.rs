//! End-to-end benchmark over HTTP on loopback, on SQLite and PostgreSQL:
//! `cargo bench --bench api` (add `-- sqlite` or `-- postgres` for one database).
//!
//! Seeds 1,000 creators × 365 daily snapshots (the first 100,000 through the CSV import endpoint,
//! which is one of the measurements), then measures one creator's year of history, authenticated
//! reads per second at 32 concurrent clients (from this process, and from `wrk` against a `zzyzx serve`
//! process of its own), the refresh pipeline against a zero-latency source (500 creators, demo
//! profiles and 30 videos each), the dashboard of 500 of them (in this process and against a server
//! process of its own), and autocomplete over 100,000 creators.
//! Prints a table; asserts nothing.

use chrono::{Duration, Utc};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use zzyzx::domain::{Handle, MetricPoint};
use zzyzx::refresh::{RefreshWorker, WorkerConfig};
use zzyzx::startup::{Application, open_state};
use zzyzx::store::SnapshotSource;
use zzyzx_sources::DemoSource;

mod common;

use common::{database_url, percentile};

const CREATORS: usize = 1_000;
const DAYS: i64 = 365;
const IMPORTED_DAYS: i64 = 100;
const LIST_SIZE: usize = 500;
const CLIENTS: usize = 32;
const LOAD_SECONDS: u64 = 10;
const SEARCH_CREATORS: usize = 100_000;
const SEARCH_PREFIXES: [&str; 8] = ["maya", "fit", "street", "thrift", "run", "yoga", "linen", "style"];

struct Report {
    database: &'static str,
    import_100k: StdDuration,
    seed_rest: StdDuration,
    history: (StdDuration, StdDuration),
    reads_per_second: f64,
    read_latency: (StdDuration, StdDuration),
    errors: usize,
    rss_mib: f64,
    /// Reads a second from `wrk`, and the server's RSS under that load.
    external: Option<(f64, f64)>,
    pipeline_per_second: f64,
    search: (StdDuration, StdDuration),
    /// The dashboard viewed again, nothing changed.
    dashboard: (StdDuration, StdDuration),
    /// The store reads that dashboard makes.
    bare_dashboard_sql: (StdDuration, StdDuration),
    /// The dashboard right after an import changed all its creators (their rows kept on write).
    dashboard_changed: (StdDuration, StdDuration),
    /// That import of 500 points, with the rows it recomputes.
    changed_write: (StdDuration, StdDuration),
    /// The dashboard after a change written past the import, which recomputes every row itself.
    dashboard_computed: (StdDuration, StdDuration),
    /// Against a server process of its own: viewed again, and right after all creators changed.
    external_dashboard: (Pair, Pair),
}

/// The RSS of a process, from `/proc/{pid}/status`.
fn rss_mib_of(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

fn rss_mib() -> f64 {
    rss_mib_of("self")
}

/// A `zzyzx serve` of its own over the benchmark's database (no worker, no web app), killed on
/// drop, so that the load and its measurement are apart from this process.
struct Server {
    child: std::process::Child,
    origin: String,
}

impl Server {
    async fn start(database_url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_zzyzx"))
            .args(["serve", "--no-worker", "--bind", &format!("127.0.0.1:{port}")])
            .env("ZZYZX_DATABASE_URL", database_url)
            .env("ZZYZX_JWT_SECRET", SIGNING_SECRET)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the zzyzx binary");
        // Killed on drop, so also when it never answers.
        let server = Server { child, origin: format!("http://127.0.0.1:{port}") };
        let client = reqwest::Client::new();
        for _ in 0..300 {
            let health = client.get(format!("{}/api/v1/health", server.origin)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
        panic!("zzyzx serve did not answer within 30 s");
    }

    fn rss_mib(&self) -> f64 {
        rss_mib_of(&self.child.id().to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The same authenticated reads from `wrk` against a `zzyzx serve` process of its own, so neither
/// the load generator nor the benchmark's seeding shares the server's process: requests a second,
/// and the server's RSS near the end of the load. `None` without `wrk` on the path
/// (`scripts/bench` installs it).
async fn external_load(database_url: &str, token: &str, paths: &[String]) -> Option<(f64, f64)> {
    let server = Server::start(database_url).await;
    let quoted: Vec<String> = paths.iter().map(|p| format!("{p:?}")).collect();
    let script = format!(
        "local paths = {{ {} }}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  \
         return wrk.format(\"GET\", paths[(n % #paths) + 1], {{ [\"Authorization\"] = \"Bearer {token}\" }})\nend\n",
        quoted.join(", ")
    );
    let file = std::env::temp_dir().join(format!("zzyzx-bench-{}.lua", std::process::id()));
    std::fs::write(&file, script).ok()?;
    let (script, origin) = (file.clone(), server.origin.clone());
    let child = tokio::task::spawn_blocking(move || {
        std::process::Command::new("wrk")
            .args(["-t2", &format!("-c{CLIENTS}"), &format!("-d{LOAD_SECONDS}s"), "-s"])
            .arg(&script)
            .arg(&origin)
            .output()
    });
    // The server's RSS near the end of the load, while wrk is still sending.
    tokio::time::sleep(StdDuration::from_secs(LOAD_SECONDS - 1)).await;
    let rss = server.rss_mib();
    let output = child.await.ok()?;
    let _ = std::fs::remove_file(&file);
    let output = output.inspect_err(|_| eprintln!("wrk is not installed: the external load is not measured")).ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let per_second = text
        .lines()
        .find_map(|line| line.strip_prefix("Requests/sec:"))
        .and_then(|value| value.trim().parse::<f64>().ok())?;
    let errors = text.lines().find(|line| line.contains("Non-2xx"));
    assert!(errors.is_none(), "wrk saw failures: {text}");
    Some((per_second, rss))
}

const SIGNING_SECRET: &str = "benchmark-signing-secret-0123456789abcdef";

type Pair = (StdDuration, StdDuration);

/// One view of the list's dashboard: how long until its last byte, and the body.
async fn view_dashboard(client: &reqwest::Client, base: &str, token: &str, list_id: &str) -> (StdDuration, Value) {
    let timer = Instant::now();
    let response = client.get(format!("{base}/lists/{list_id}/dashboard")).bearer_auth(token).send().await.unwrap();
    assert!(response.status().is_success());
    let body = response.bytes().await.unwrap();
    let elapsed = timer.elapsed();
    (elapsed, serde_json::from_slice::<Value>(&body).unwrap())
}

/// 40 rounds (the first 5 not counted) of a CSV import changing all the list's creators, one
/// point each (which recomputes their kept rows as it writes), then the view: the imports' p50 /
/// p99 and the views'. `first` sets the points' values apart from an earlier run's.
async fn dashboard_after_imports(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    list_id: &str,
    first: usize,
) -> (Pair, Pair) {
    let (mut writes, mut samples) = (Vec::new(), Vec::new());
    let mut top_video_ids = Vec::new();
    for n in first..first + 40 {
        let at = (Utc::now() - Duration::hours(1)).format("%Y-%m-%dT%H:%M:%SZ");
        let mut csv = String::from("handle,captured_at,followers,following,likes,videos\n");
        for creator in 0..LIST_SIZE {
            csv.push_str(&format!("bench{creator:04},{at},{},100,{},140\n", 5_000 + creator * 10 + n, 60_000 + n));
        }
        let timer = Instant::now();
        let response = client
            .post(format!("{base}/imports/metrics"))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let write = timer.elapsed();
        let (elapsed, body) = view_dashboard(client, base, token, list_id).await;
        if n >= first + 5 {
            writes.push(write);
            samples.push(elapsed);
        }
        top_video_ids = body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|row| row["summary"]["top_video_id"].as_str().map(str::to_owned))
            .collect();
    }
    assert!(top_video_ids.len() > LIST_SIZE / 2, "most creators have a top video");
    (
        (percentile(&mut writes, 0.5), percentile(&mut writes, 0.99)),
        (percentile(&mut samples, 0.5), percentile(&mut samples, 0.99)),
    )
}

/// 120 views with nothing changed (the first 20 not counted).
async fn dashboard_warm(client: &reqwest::Client, base: &str, token: &str, list_id: &str) -> Pair {
    let mut samples = Vec::new();
    for n in 0..120 {
        let (elapsed, body) = view_dashboard(client, base, token, list_id).await;
        if n >= 20 {
            samples.push(elapsed);
        }
        assert_eq!(body["rows"].as_array().unwrap().len(), LIST_SIZE);
    }
    (percentile(&mut samples, 0.5), percentile(&mut samples, 0.99))
}

async fn run(database: &'static str) -> Report {
    let (url, cleanup) = database_url(database).await;
    let state = open_state(&url, Some(SIGNING_SECRET.to_string().into())).await.unwrap();
    let store = state.store.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let application = Application::with_state(state.clone(), listener, zzyzx::http::web_app::WebApp::None).unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", application.port());
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build().unwrap();

    let session = common::register(&client, &base).await;
    let token = session["access_token"].as_str().unwrap().to_owned();
    let workspace_id: Uuid = session["workspaces"][0]["id"].as_str().unwrap().parse().unwrap();

    // 100,000 rows through the CSV endpoint: the first 100 days of every creator.
    let start = Utc::now() - Duration::days(DAYS);
    let mut csv = String::from("handle,captured_at,followers,following,likes,videos\n");
    for creator in 0..CREATORS {
        for day in 0..IMPORTED_DAYS {
            let at = (start + Duration::days(day)).format("%Y-%m-%dT%H:%M:%SZ");
            let followers = 1_000 + creator as i64 * 10 + day * 7;
            csv.push_str(&format!(
                "bench{creator:04},{at},{followers},{},{},{}\n",
                100 + day % 5,
                followers * 12,
                10 + day / 3
            ));
        }
    }
    let timer = Instant::now();
    let imported: Value = client
        .post(format!("{base}/imports/metrics"))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let import_100k = timer.elapsed();
    assert_eq!(imported["rows_written"], 100_000, "import failed: {imported}");

    // The remaining 265 days straight through the store.
    let timer = Instant::now();
    let now = Utc::now();
    for chunk in (0..CREATORS).collect::<Vec<_>>().chunks(100) {
        let rows: Vec<(Handle, MetricPoint)> = chunk
            .iter()
            .flat_map(|creator| {
                (IMPORTED_DAYS..DAYS).map(move |day| {
                    let followers = 1_000 + *creator as i64 * 10 + day * 7;
                    let point = MetricPoint::parse(
                        start + Duration::days(day),
                        [followers, 100, followers * 12, 10 + day / 3],
                        now,
                    )
                    .unwrap();
                    (Handle::parse(&format!("bench{creator:04}")).unwrap(), point)
                })
            })
            .collect();
        store.import_snapshots(workspace_id, &rows, SnapshotSource::Import, now).await.unwrap();
    }
    let seed_rest = timer.elapsed();
    // Every write path keeps its creators' dashboard rows; the seeding above wrote straight into
    // the store, so they are kept here, as a deployment's would be.
    state.analytics().rebuild_rows(&|_, _| {}).await.unwrap();
    common::analyze(&cleanup).await;

    let list: Value = client
        .post(format!("{base}/lists"))
        .bearer_auth(&token)
        .json(&json!({"name": "Benchmark"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list_id = list["id"].as_str().unwrap().to_owned();
    let mut creator_ids = Vec::new();
    for creator in 0..LIST_SIZE {
        let item: Value = client
            .post(format!("{base}/lists/{list_id}/items"))
            .bearer_auth(&token)
            .json(&json!({"handle": format!("bench{creator:04}")}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        creator_ids.push(item["creator"]["id"].as_str().unwrap().to_owned());
    }

    // One creator's year of daily history, sequentially, after a warm-up.
    let mut samples = Vec::new();
    for (n, creator) in creator_ids.iter().cycle().take(550).enumerate() {
        let timer = Instant::now();
        let response = client
            .get(format!("{base}/creators/{creator}/metrics?interval=day"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let body = response.bytes().await.unwrap();
        if n >= 50 {
            samples.push(timer.elapsed());
        }
        assert!(body.len() > 10_000, "a year of points");
    }
    let history = (percentile(&mut samples, 0.5), percentile(&mut samples, 0.99));

    // Authenticated reads from 32 concurrent clients: the lists, one list, a page of items, a history.
    let deadline = Instant::now() + StdDuration::from_secs(LOAD_SECONDS);
    let workers = (0..CLIENTS).map(|worker| {
        let client = client.clone();
        let token = token.clone();
        let paths = [
            format!("{base}/lists"),
            format!("{base}/lists/{list_id}"),
            format!("{base}/lists/{list_id}/items?limit=50"),
            format!("{base}/creators/{}/metrics?interval=week", creator_ids[worker % creator_ids.len()]),
            format!("{base}/creators/{}", creator_ids[(worker * 7) % creator_ids.len()]),
        ];
        tokio::spawn(async move {
            let (mut latencies, mut errors) = (Vec::new(), 0usize);
            let mut n = worker;
            while Instant::now() < deadline {
                let timer = Instant::now();
                match client.get(&paths[n % paths.len()]).bearer_auth(&token).send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        latencies.push(timer.elapsed());
                    }
                    _ => errors += 1,
                }
                n += 1;
            }
            (latencies, errors)
        })
    });
    let timer = Instant::now();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in futures_util::future::join_all(workers).await {
        let (l, e) = worker.unwrap();
        latencies.extend(l);
        errors += e;
    }
    let elapsed = timer.elapsed().as_secs_f64();
    let reads_per_second = latencies.len() as f64 / elapsed;
    let read_latency = (percentile(&mut latencies, 0.5), percentile(&mut latencies, 0.99));
    let rss = rss_mib();
    let paths = [
        "/api/v1/lists".to_string(),
        format!("/api/v1/lists/{list_id}"),
        format!("/api/v1/lists/{list_id}/items?limit=50"),
        format!("/api/v1/creators/{}/metrics?interval=week", creator_ids[0]),
        format!("/api/v1/creators/{}", creator_ids[7]),
    ];
    let external = external_load(&url, &token, &paths).await;

    // The refresh pipeline: the 500 listed creators are due; the source answers at once.
    let config =
        WorkerConfig { batch_size: 100, concurrency: 16, requests_per_second: 1_000_000, ..WorkerConfig::default() };
    let worker = RefreshWorker::new(
        store.clone(),
        Arc::new(DemoSource::new().inventing_any_handle()),
        config,
        Arc::new(Notify::new()),
    );
    let timer = Instant::now();
    let cycle = worker.run_cycle(&CancellationToken::new()).await;
    let pipeline_per_second = cycle.succeeded as f64 / timer.elapsed().as_secs_f64();
    assert_eq!(cycle.succeeded, LIST_SIZE, "{cycle:?}");

    // The dashboard of the 500-creator list (each now with 30 videos), against the bare store reads
    // it makes. First right after all 500 creators changed: a CSV import of one point each (which
    // recomputes their kept rows as it writes; timed too), then the view. Then the same change
    // written past the import (straight into the store), so every row is recomputed by the view
    // itself; then warm.
    let (changed_write, dashboard_changed) = dashboard_after_imports(&client, &base, &token, &list_id, 0).await;
    let mut samples = Vec::new();
    for n in 0..30 {
        let point_at = Utc::now() - Duration::hours(2);
        let rows: Vec<(Handle, MetricPoint)> = (0..LIST_SIZE)
            .map(|creator| {
                let followers = 5_000 + creator as i64 * 10 + n;
                let point = MetricPoint::parse(point_at, [followers, 100, 60_000, 140], Utc::now()).unwrap();
                (Handle::parse(&format!("bench{creator:04}")).unwrap(), point)
            })
            .collect();
        store.import_snapshots(workspace_id, &rows, SnapshotSource::Import, Utc::now()).await.unwrap();
        let (elapsed, _) = view_dashboard(&client, &base, &token, &list_id).await;
        if n >= 5 {
            samples.push(elapsed);
        }
    }
    let dashboard_computed = (percentile(&mut samples, 0.5), percentile(&mut samples, 0.99));
    let dashboard = dashboard_warm(&client, &base, &token, &list_id).await;
    let list_uuid: Uuid = list_id.parse().unwrap();
    let mut bare = Vec::new();
    for n in 0..120 {
        let timer = Instant::now();
        store.list(workspace_id, list_uuid).await.unwrap();
        store.list_items_with_summaries(workspace_id, list_uuid).await.unwrap();
        store.workspace_documents(workspace_id).await.unwrap();
        if n >= 20 {
            bare.push(timer.elapsed());
        }
    }
    let bare_dashboard_sql = (percentile(&mut bare, 0.5), percentile(&mut bare, 0.99));

    // The same views against a `zzyzx serve` of its own, which holds nothing else.
    let external_dashboard = {
        let server = Server::start(&url).await;
        let base = format!("{}/api/v1", server.origin);
        let (_, changed) = dashboard_after_imports(&client, &base, &token, &list_id, 40).await;
        (dashboard_warm(&client, &base, &token, &list_id).await, changed)
    };

    // Autocomplete over 100,000 known creators.
    let more: Vec<(Handle, MetricPoint)> = (0..SEARCH_CREATORS - CREATORS)
        .map(|n| {
            let handle = Handle::parse(&format!("{}{n:06}", SEARCH_PREFIXES[n % SEARCH_PREFIXES.len()])).unwrap();
            (handle, MetricPoint::parse(now - Duration::days(1), [n as i64, 1, 1, 1], now).unwrap())
        })
        .collect();
    store.import_snapshots(workspace_id, &more, SnapshotSource::Import, now).await.unwrap();
    let mut samples = Vec::new();
    for n in 0..550 {
        let prefix = format!("{}{}", SEARCH_PREFIXES[n % SEARCH_PREFIXES.len()], n % 10);
        let timer = Instant::now();
        let response =
            client.get(format!("{base}/creators/search?q={prefix}")).bearer_auth(&token).send().await.unwrap();
        assert!(response.status().is_success());
        let _ = response.bytes().await.unwrap();
        if n >= 50 {
            samples.push(timer.elapsed());
        }
    }
    let search = (percentile(&mut samples, 0.5), percentile(&mut samples, 0.99));

    common::drop_database(&url, cleanup).await;
    Report {
        database,
        import_100k,
        seed_rest,
        history,
        reads_per_second,
        read_latency,
        errors,
        rss_mib: rss,
        external,
        pipeline_per_second,
        search,
        dashboard,
        bare_dashboard_sql,
        dashboard_changed,
        changed_write,
        dashboard_computed,
        external_dashboard,
    }
}

fn pair((p50, p99): (StdDuration, StdDuration)) -> String {
    format!("{} / {}", ms(p50), ms(p99))
}

fn ratio(a: (StdDuration, StdDuration), b: (StdDuration, StdDuration)) -> String {
    format!("{:.2}", a.0.as_secs_f64() / b.0.as_secs_f64())
}

/// How one line of the table reads a report.
type Measure = dyn Fn(&Report) -> String;

fn ms(d: StdDuration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let mut reports = Vec::new();
    for database in ["sqlite", "postgres"] {
        if wanted.is_empty() || wanted.iter().any(|w| w == database) {
            eprintln!("benchmarking {database} …");
            reports.push(run(database).await);
        }
    }
    let lines: [(&str, &Measure); 20] = [
        ("import 100k snapshots (CSV over HTTP)", &|r| format!("{:.2} s", r.import_100k.as_secs_f64())),
        ("seed the other 265k (store)", &|r| format!("{:.2} s", r.seed_rest.as_secs_f64())),
        ("a year of history p50 / p99", &|r| pair(r.history)),
        ("authenticated reads/s @32 clients", &|r| format!("{:.0}", r.reads_per_second)),
        ("read latency p50 / p99", &|r| pair(r.read_latency)),
        ("read errors", &|r| r.errors.to_string()),
        ("process RSS (server + load generator)", &|r| format!("{:.0} MiB", r.rss_mib)),
        ("reads/s @32 connections, wrk against a server process", &|r| {
            r.external.map_or("not measured".into(), |(per_second, _)| format!("{per_second:.0}"))
        }),
        ("that server process's RSS under the load", &|r| {
            r.external.map_or("not measured".into(), |(_, rss)| format!("{rss:.0} MiB"))
        }),
        ("refresh pipeline (zero-latency source)", &|r| format!("{:.0} creators/s", r.pipeline_per_second)),
        ("autocomplete over 100k p50 / p99", &|r| pair(r.search)),
        ("dashboard, 500 creators p50 / p99", &|r| pair(r.dashboard)),
        ("  bare store reads of it p50 / p99", &|r| pair(r.bare_dashboard_sql)),
        ("  ratio (p50)", &|r| ratio(r.dashboard, r.bare_dashboard_sql)),
        ("dashboard after all 500 changed p50 / p99", &|r| pair(r.dashboard_changed)),
        ("  ratio to the bare reads (p50)", &|r| ratio(r.dashboard_changed, r.bare_dashboard_sql)),
        ("  the import that changed them p50 / p99", &|r| pair(r.changed_write)),
        ("dashboard computing all 500 rows p50 / p99", &|r| pair(r.dashboard_computed)),
        ("dashboard against a server process p50 / p99", &|r| pair(r.external_dashboard.0)),
        ("  the same after all 500 changed p50 / p99", &|r| pair(r.external_dashboard.1)),
    ];
    let names: Vec<&str> = reports.iter().map(|r| r.database).collect();
    println!("| measure | {} |", names.join(" | "));
    println!("|---|{}", "---|".repeat(names.len()));
    for (label, value) in lines {
        let values: Vec<String> = reports.iter().map(value).collect();
        println!("| {label} | {} |", values.join(" | "));
    }
}
