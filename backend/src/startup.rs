//! Wiring: the store, the keys, the HTTP server. Tests start the same application on port 0.

use actix_web::dev::{Server, Service};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::{App, HttpMessage, HttpServer, web};
use anyhow::Context;
use secrecy::SecretString;
use std::net::TcpListener;
use std::sync::Arc;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::tokens::generate_signing_secret;
use crate::http;
use crate::http::web_app::WebApp;
use crate::services::analytics::Analytics;
use crate::services::summaries;
use crate::state::AppState;
use crate::store::{self, Backend, Store};
use crate::telemetry::RequestSpan;

pub struct Application {
    server: Server,
    port: u16,
    state: AppState,
}

/// Opens the database, applies migrations and settles the token signing secret.
pub async fn open_state(database_url: &str, jwt_secret: Option<SecretString>) -> anyhow::Result<AppState> {
    let store = store::connect(database_url).await.context("cannot open the database")?;
    store.migrate().await.context("cannot apply database migrations")?;
    rebuild_outdated_summaries(store.as_ref()).await?;
    let secret = signing_secret(store.as_ref(), jwt_secret).await?;
    Ok(AppState::new(store, &secret))
}

/// After an upgrade that changed the kept dashboard rows' shape, recomputes them all before
/// serving, so the first views are not all slow.
pub async fn rebuild_outdated_summaries(store: &dyn Store) -> anyhow::Result<()> {
    let outdated = store.summaries_of_other_shapes(summaries::SHAPE).await?;
    if outdated == 0 {
        return Ok(());
    }
    tracing::info!(outdated, "dashboard rows changed shape; rebuilding them");
    let started = std::time::Instant::now();
    let done = Analytics { store }
        .rebuild_rows(&|done, total| {
            if done % 10_000 < 500 {
                tracing::info!(done, total, "rebuilding dashboard rows");
            }
        })
        .await?;
    tracing::info!(done, seconds = started.elapsed().as_secs_f64(), "dashboard rows rebuilt");
    Ok(())
}

async fn signing_secret(store: &dyn Store, configured: Option<SecretString>) -> anyhow::Result<SecretString> {
    use secrecy::ExposeSecret;
    match configured {
        Some(secret) if secret.expose_secret().len() >= 32 => Ok(secret),
        Some(_) => anyhow::bail!("ZZYZX_JWT_SECRET must be at least 32 characters"),
        // With one SQLite file there is one server, so a secret kept beside the data is enough.
        None if store.backend() == Backend::Sqlite => {
            let stored = store.setting_or_insert("jwt_secret", &generate_signing_secret()).await?;
            Ok(SecretString::from(stored))
        }
        None => {
            anyhow::bail!("ZZYZX_JWT_SECRET is required with PostgreSQL, so that every instance signs tokens alike")
        }
    }
}

impl Application {
    pub fn with_state(state: AppState, listener: TcpListener, web_app: WebApp) -> anyhow::Result<Self> {
        let port = listener.local_addr()?.port();
        let data = web::Data::new(state.clone());
        let web_app = web::Data::new(web_app);
        let server = HttpServer::new(move || {
            let (json, query, path) = http::extractor_configs();
            let (app, _) = App::new()
                .into_utoipa_app()
                .app_data(data.clone())
                .app_data(web_app.clone())
                .app_data(json)
                .app_data(query)
                .app_data(path)
                .service(utoipa_actix_web::scope(http::API_PREFIX).configure(http::routes))
                .split_for_parts();
            app.route("/metrics", web::get().to(crate::metrics::scrape))
                .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", http::openapi()))
                .default_service(web::to(http::fallback))
                // Innermost, so that the guard, metrics and logs see one request.
                .wrap(actix_web::middleware::from_fn(http::retry_lost_connections))
                .wrap(
                    DefaultHeaders::new()
                        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                        .add((header::X_FRAME_OPTIONS, "DENY"))
                        .add((header::REFERRER_POLICY, "no-referrer"))
                        .add((header::CACHE_CONTROL, "no-store")),
                )
                .wrap_fn(|request, service| {
                    let request_id = request.extensions().get::<RequestId>().map(|id| id.to_string());
                    let response = service.call(request);
                    async move {
                        let mut response = response.await?;
                        if let Some(value) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
                            response.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
                        }
                        Ok(response)
                    }
                })
                .wrap(actix_web::middleware::from_fn(http::guard_requests))
                .wrap(actix_web::middleware::from_fn(crate::metrics::record_requests))
                // Brotli or gzip, as the client accepts (the web app's 868 KB of JavaScript are
                // about 240 KB gzipped).
                .wrap(actix_web::middleware::Compress::default())
                .wrap(TracingLogger::<RequestSpan>::new())
        })
        .listen(listener)?
        // The CLI handles SIGTERM and Ctrl-C itself, to stop the refresh worker as well.
        .disable_signals()
        .shutdown_timeout(30)
        .run();
        Ok(Self { server, port, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from elsewhere (signal handling in the CLI).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.state.store.clone()
    }

    /// Serves until stopped through [`Application::handle`], then lets requests in flight finish
    /// (up to 30 s).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
