//! `GET /metrics`: who may scrape, and what a scrape shows.

use crate::helpers::*;
use reqwest::StatusCode;
use secrecy::SecretString;
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use zzyzx::refresh::{RefreshWorker, WorkerConfig};

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/metrics", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

crate::both_databases! {
    source:
    async fn a_scrape_shows_requests_refreshes_the_queue_and_the_pool(app, source) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Watched").await;
        app.add_item(&user, list["id"].as_str().unwrap(), "metered.creator").await;
        let config = WorkerConfig { requests_per_second: 1000, ..WorkerConfig::default() };
        let worker = RefreshWorker::new(app.store.clone(), source.clone(), config, Arc::new(Notify::new()));
        worker.run_cycle(&CancellationToken::new()).await;

        let response = scrape(&app, None).await;
        assert_eq!(response.status(), StatusCode::OK, "loopback may scrape without a token");
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
        let text = response.text().await.unwrap();
        for expected in [
            "zzyzx_http_requests_total{",
            "route=\"/api/v1/lists/{list_id}/items\"",
            "status=\"201\"",
            "zzyzx_http_request_duration_seconds_bucket{",
            "zzyzx_refresh_outcomes_total{",
            "outcome=\"succeeded\"",
            "zzyzx_provider_calls_total{",
            "result=\"ok\"",
            "zzyzx_refresh_queue_due ",
            "zzyzx_refresh_queue_leased ",
            "zzyzx_refresh_oldest_lease_age_seconds ",
            "zzyzx_source_paused{source=\"tikapi\"} 0",
            "zzyzx_db_pool_connections ",
        ] {
            assert!(text.contains(expected), "the scrape lacks {expected}:\n{text}");
        }
        assert!(!text.contains(list["id"].as_str().unwrap()), "routes are labelled by pattern, never by id");
    }
}

crate::both_databases! {
    db:
    async fn with_a_token_only_its_holder_may_scrape(db) {
        let app = spawn_app_with(db, |state| state.metrics_token = Some(SecretString::from("scrape-secret-0123456789"))).await;
        assert_eq!(scrape(&app, None).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(scrape(&app, Some("another-secret")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(scrape(&app, Some("scrape-secret-0123456789")).await.status(), StatusCode::OK);
    }
}
