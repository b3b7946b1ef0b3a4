//! What the benchmarks share: a fresh database of either kind, and percentiles.
#![allow(dead_code)] // each benchmark uses a part of what is here

use serde_json::{Value, json};
use std::time::Duration;
use uuid::Uuid;

/// The `p` percentile (0..=1) of the samples.
pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort_unstable();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

/// A fresh database: a temporary SQLite file, or a new schema on PostgreSQL
/// (`ZZYZX_BENCH_POSTGRES_URL`, the local `test` database by default). Returns its URL and,
/// for PostgreSQL, what [`drop_database`] needs.
pub async fn database_url(database: &str) -> (String, Option<(String, String)>) {
    if database == "sqlite" {
        let path = std::env::temp_dir().join(format!("zzyzx-bench-{}.db", Uuid::new_v4().simple()));
        return (format!("sqlite://{}", path.display()), None);
    }
    use sqlx::Connection;
    let base =
        std::env::var("ZZYZX_BENCH_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("bench_{}", Uuid::new_v4().simple());
    let mut connection = sqlx::PgConnection::connect(&base).await.expect("PostgreSQL for the benchmark");
    sqlx::query(&format!("create schema {schema}")).execute(&mut connection).await.unwrap();
    let separator = if base.contains('?') { '&' } else { '?' };
    (format!("{base}{separator}options=-c%20search_path%3D{schema}"), Some((base, schema)))
}

pub async fn drop_database(url: &str, cleanup: Option<(String, String)>) {
    if let Some((base, schema)) = cleanup {
        use sqlx::Connection;
        if let Ok(mut connection) = sqlx::PgConnection::connect(&base).await {
            let _ = sqlx::query(&format!("drop schema {schema} cascade")).execute(&mut connection).await;
        }
    } else if let Some(path) = url.strip_prefix("sqlite://") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    }
}

/// Fresh planner statistics for the benchmark's schema on PostgreSQL, as autovacuum would have
/// them by now on a deployment: this machine's PostgreSQL runs with autovacuum off (a CI setting),
/// and plans made for tables it still thinks empty read whole tables. Nothing on SQLite.
pub async fn analyze(cleanup: &Option<(String, String)>) {
    use sqlx::Connection;
    let Some((base, schema)) = cleanup else { return };
    let mut connection = sqlx::PgConnection::connect(base).await.expect("PostgreSQL for the benchmark");
    let tables: Vec<String> = sqlx::query_scalar("select tablename::text from pg_tables where schemaname = $1")
        .bind(schema)
        .fetch_all(&mut connection)
        .await
        .unwrap();
    for table in tables {
        sqlx::query(&format!("analyze {schema}.{table}")).execute(&mut connection).await.unwrap();
    }
}

/// Registers the benchmark's user over HTTP and returns the session (token, user, workspaces).
pub async fn register(client: &reqwest::Client, base: &str) -> Value {
    client
        .post(format!("{base}/auth/register"))
        .json(&json!({"email": "bench@example.com", "password": "benchmark passphrase", "display_name": "Bench", "refresh_token_delivery": "body"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Runs `run` for each database the command line names (`sqlite`, `postgres`; both when it names
/// none), in that order.
pub async fn for_each_database<R, F: std::future::Future<Output = R>>(run: impl Fn(&'static str) -> F) -> Vec<R> {
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    if let Some(unknown) = wanted.iter().find(|w| !["sqlite", "postgres"].contains(&w.as_str())) {
        panic!("unknown database {unknown:?}: name sqlite, postgres or neither");
    }
    let mut reports = Vec::new();
    for database in ["sqlite", "postgres"] {
        if wanted.is_empty() || wanted.iter().any(|w| w == database) {
            eprintln!("benchmarking {database} …");
            reports.push(run(database).await);
        }
    }
    reports
}

/// One row of a results table: its label, and the cell of one database's report.
pub type Line<'a, R> = (&'a str, &'a dyn Fn(&R) -> String);

/// Prints the reports as a Markdown table, a column per database.
pub fn print_table<R>(names: &[&str], reports: &[R], lines: &[Line<'_, R>]) {
    println!("| measure | {} |", names.join(" | "));
    println!("|---|{}", "---|".repeat(names.len()));
    for (label, value) in lines {
        let values: Vec<String> = reports.iter().map(value).collect();
        println!("| {label} | {} |", values.join(" | "));
    }
}

/// The median of some rates.
pub fn median(mut rates: Vec<f64>) -> f64 {
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

/// The allocator the `zzyzx` binary ships with, so that what runs in process measures the same.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
