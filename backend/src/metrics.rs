//! Prometheus metrics (`GET /metrics`): requests by route and status with latency histograms,
//! refresh outcomes and provider calls by source and kind, the sources' pauses, the refresh
//! queue and the database pool. Counters are recorded where things happen; the queue, pauses
//! and pool are read from the store when scraped, so every instance reports the shared state.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, http::header, web};
use chrono::Utc;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;
use std::sync::OnceLock;
use std::time::Instant;

use crate::auth::tokens::hash_secret;
use crate::state::AppState;

pub const HTTP_REQUESTS: &str = "zzyzx_http_requests_total";
pub const HTTP_DURATION: &str = "zzyzx_http_request_duration_seconds";
pub const REFRESH_OUTCOMES: &str = "zzyzx_refresh_outcomes_total";
pub const PROVIDER_CALLS: &str = "zzyzx_provider_calls_total";
pub const SOURCE_PAUSED: &str = "zzyzx_source_paused";
pub const QUEUE_DUE: &str = "zzyzx_refresh_queue_due";
pub const QUEUE_LEASED: &str = "zzyzx_refresh_queue_leased";
pub const LEASE_AGE: &str = "zzyzx_refresh_oldest_lease_age_seconds";
pub const POOL_CONNECTIONS: &str = "zzyzx_db_pool_connections";
pub const POOL_IDLE: &str = "zzyzx_db_pool_idle_connections";

/// Request latencies from 1 ms to 10 s.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The process's recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(HTTP_DURATION.into()), &LATENCY_BUCKETS)
            .expect("the latency buckets are not empty");
        match builder.install_recorder() {
            Ok(handle) => handle,
            // Another recorder was installed first (a test harness): keep ours for rendering.
            Err(_) => PrometheusBuilder::new().build_recorder().handle(),
        }
    })
}

/// Counts each request and times it, labelled with the route it matched (not the raw path, so
/// ids do not make a series each).
pub async fn record_requests(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    handle();
    let started = Instant::now();
    let method = request.method().to_string();
    let response = next.call(request).await?;
    let route = response.request().match_pattern().unwrap_or_else(|| "unmatched".into());
    let status = response.status().as_u16().to_string();
    metrics::counter!(HTTP_REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(HTTP_DURATION, "method" => method, "route" => route).record(started.elapsed().as_secs_f64());
    Ok(response)
}

/// Whether the caller may read the metrics: with `ZZYZX_METRICS_TOKEN` set, only with it as a
/// bearer token; without it, only from this machine.
fn allowed(request: &HttpRequest, state: &AppState) -> bool {
    match &state.metrics_token {
        Some(token) => request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .is_some_and(|given| hash_secret(given.trim()) == hash_secret(token.expose_secret())),
        None => request.peer_addr().is_some_and(|peer| peer.ip().is_loopback()),
    }
}

/// `GET /metrics` in Prometheus' text format.
pub async fn scrape(request: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    if !allowed(&request, &state) {
        return HttpResponse::NotFound().finish();
    }
    let store = state.store.as_ref();
    let now = Utc::now();
    match store.refresh_queue(now).await {
        Ok(queue) => {
            metrics::gauge!(QUEUE_DUE).set(queue.due as f64);
            metrics::gauge!(QUEUE_LEASED).set(queue.leased as f64);
            metrics::gauge!(LEASE_AGE).set(queue.oldest_lease_age_seconds.unwrap_or(0.0));
        }
        Err(error) => tracing::warn!(error = ?error, "the refresh queue could not be read for metrics"),
    }
    if let Some(source) = &state.source {
        let paused = store.source_state(source.name()).await.ok().and_then(|s| s.paused_until).is_some_and(|t| t > now);
        metrics::gauge!(SOURCE_PAUSED, "source" => source.name()).set(if paused { 1.0 } else { 0.0 });
    }
    let (connections, idle) = store.pool_usage();
    metrics::gauge!(POOL_CONNECTIONS).set(f64::from(connections));
    metrics::gauge!(POOL_IDLE).set(idle as f64);
    let handle = handle();
    handle.run_upkeep();
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(handle.render())
}
