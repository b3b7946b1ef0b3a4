//! The `zzyzx` command line: serve (the default), migrate, openapi, import.

use anyhow::Context;
use chrono::Utc;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use secrecy::ExposeSecret;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

use crate::auth::throttle::KeyedLimiter;
use crate::config::{
    AlertArgs, Cli, Command, ConnectArgs, ImportArgs, ServeArgs, SourceKind, SummariesCommand, WorkerArgs,
    jwt_secret_from_env,
};
use crate::http::web_app::WebApp;
use crate::import::metrics as import;
use crate::notifier::Notifier;
use crate::refresh::RefreshWorker;
use crate::services::connections::ConnectSetup;
use crate::services::demo;
use crate::services::mail::Mailer;
use crate::services::webhooks::{Dispatcher, UrlPolicy};
use crate::startup::{Application, open_state};
use crate::state::AppState;
use crate::store::{self, SnapshotSource};
use crate::{http, telemetry};

pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let database_url = cli.database_url();
    match cli.command {
        Some(Command::Openapi) => {
            print!("{}", http::openapi_yaml());
            Ok(())
        }
        Some(Command::Migrate) => {
            telemetry::init();
            let store = store::connect(&database_url).await?;
            store.migrate().await?;
            crate::startup::rebuild_outdated_summaries(store.as_ref()).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Some(Command::Import(args)) => import_file(&database_url, args).await,
        Some(Command::Summaries(SummariesCommand::Rebuild)) => {
            let state = open_state(&database_url, jwt_secret_from_env()).await?;
            rebuild_summaries(&state).await
        }
        Some(Command::Worker(args)) => worker(&database_url, args).await,
        Some(Command::Demo) => {
            telemetry::init();
            let state = open_state(&database_url, jwt_secret_from_env()).await?;
            demo::load(state.store.as_ref(), &state.hashing).await?.print();
            Ok(())
        }
        Some(Command::Serve(args)) => serve(database_url, args).await,
        None => serve(database_url, ServeArgs::parse_from_env()).await,
    }
}

impl ServeArgs {
    /// `zzyzx` with no subcommand serves with the environment's settings.
    fn parse_from_env() -> Self {
        #[derive(clap::Parser)]
        struct Env {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Env::parse_from(["zzyzx"]).serve
    }
}

/// Resolves on SIGTERM or Ctrl-C.
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

async fn serve(database_url: String, mut args: ServeArgs) -> anyhow::Result<()> {
    telemetry::init();
    if args.demo {
        args.source.kind = SourceKind::Demo;
    }
    let mut state = open_state(&database_url, jwt_secret_from_env()).await?;
    state.source = args.source.build()?;
    state.hashtag_cache_ttl = args.source.hashtag_cache_ttl;
    state.cadence = args.source.cadence();
    state.daily_budget = args.source.source_daily_budget;
    state.api_key_requests = KeyedLimiter::per_minute(args.api_key_rate);
    state.metrics_token = args.metrics_token.filter(|token| !token.expose_secret().trim().is_empty());
    configure_alerts(&mut state, &args.alerts)?;
    configure_connections(&mut state, &args.connect, &args.alerts)?;
    if args.demo {
        demo::load(state.store.as_ref(), &state.hashing).await?.print();
    }
    let worker = match (&state.source, args.no_worker) {
        (Some(source), false) => Some(Arc::new(RefreshWorker::new(
            state.store.clone(),
            source.clone(),
            args.source.worker_config(),
            state.refresh_wake.clone(),
        ))),
        _ => None,
    };
    state.worker = worker.clone();
    let web_app = WebApp::find(args.web_dir);
    if matches!(web_app, WebApp::None) {
        tracing::warn!("no built web app, on disk (ZZYZX_WEB_DIR) or in the binary; serving the API only");
    } else {
        tracing::info!(web_app = %web_app.describe(), "serving the web app");
    }
    let listener =
        std::net::TcpListener::bind(&args.bind).with_context(|| format!("cannot listen on {}", args.bind))?;
    let state_for_notifier = state.clone();
    let application = Application::with_state(state, listener, web_app)?;
    tracing::info!(bind = %args.bind, source = ?args.source.kind, "zzyzx is listening; API docs at /api/docs/");

    let shutdown = CancellationToken::new();
    let notifier = (!args.no_worker).then(|| notifier(&state_for_notifier, shutdown.clone()));
    let worker_task = worker.map(|worker| {
        let shutdown = shutdown.clone();
        tokio::spawn(worker.supervise(shutdown))
    });
    let server = application.handle();
    tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            stop_signal().await;
            tracing::info!("stopping: no new refreshes, finishing requests in flight");
            shutdown.cancel();
            server.stop(true).await;
        }
    });
    application.run_until_stopped().await?;
    shutdown.cancel();
    if let Some(task) = worker_task {
        let _ = task.await;
    }
    if let Some(task) = notifier {
        let _ = task.await;
    }
    tracing::info!("stopped");
    Ok(())
}

/// Webhook URL rules and e-mail, from the alert settings.
fn configure_alerts(state: &mut AppState, args: &AlertArgs) -> anyhow::Result<()> {
    state.webhook_policy = UrlPolicy { allow_private: args.webhook_allow_private };
    state.mailer = match &args.smtp_url {
        Some(url) if !url.expose_secret().trim().is_empty() => {
            Some(Mailer::new(url, &args.smtp_from, &args.public_url)?)
        }
        _ => None,
    };
    Ok(())
}

/// Creator connections: on with a TikTok app and an encryption key, otherwise off, saying why.
fn configure_connections(state: &mut AppState, args: &ConnectArgs, alerts: &AlertArgs) -> anyhow::Result<()> {
    state.connect = args.setup(&alerts.public_url)?;
    match (state.connect.off_reason(), state.connect.business_off_reason()) {
        (Some(reason), _) => tracing::info!(reason, "creator connections are off"),
        (None, Some(reason)) => tracing::info!(reason, "creator connections are on, sharing business audiences is off"),
        (None, None) => tracing::info!("creator connections are on, with business audiences"),
    }
    Ok(())
}

/// Starts the alerts background task: webhooks, overdue campaign creators, digests.
fn notifier(state: &AppState, shutdown: CancellationToken) -> tokio::task::JoinHandle<()> {
    let notifier = Notifier {
        dispatcher: Dispatcher::new(state.store.clone(), state.webhook_secrets.clone(), state.webhook_policy),
        mailer: state.mailer.clone(),
        connector: match &state.connect {
            ConnectSetup::On(connector) => Some(connector.clone()),
            ConnectSetup::Off(_) => None,
        },
        wake: state.webhook_wake.clone(),
        poll: std::time::Duration::from_secs(5),
        sweep_every: std::time::Duration::from_secs(5 * 60),
    };
    tokio::spawn(notifier.run(shutdown))
}

async fn worker(database_url: &str, args: WorkerArgs) -> anyhow::Result<()> {
    telemetry::init();
    let mut state = open_state(database_url, jwt_secret_from_env()).await?;
    configure_alerts(&mut state, &args.alerts)?;
    configure_connections(&mut state, &args.connect, &args.alerts)?;
    let source = args.source;
    let Some(built) = source.build()? else {
        anyhow::bail!("the worker needs a data source: set ZZYZX_SOURCE to tikapi, scrapecreators, research or demo");
    };
    let worker =
        Arc::new(RefreshWorker::new(state.store.clone(), built, source.worker_config(), state.refresh_wake.clone()));
    let shutdown = CancellationToken::new();
    tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            stop_signal().await;
            shutdown.cancel();
        }
    });
    let notifier = notifier(&state, shutdown.clone());
    worker.supervise(shutdown).await;
    let _ = notifier.await;
    Ok(())
}

async fn rebuild_summaries(state: &AppState) -> anyhow::Result<()> {
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("rebuilding dashboard rows [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let done = state
        .analytics()
        .rebuild_rows(&|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_and_clear();
    // Printed plainly too: progress bars stay silent when stderr is not a terminal.
    eprintln!("rebuilt {done} dashboard row(s)");
    Ok(())
}

async fn import_file(database_url: &str, args: ImportArgs) -> anyhow::Result<()> {
    let state = open_state(database_url, jwt_secret_from_env()).await?;
    let file = std::fs::File::open(&args.file).with_context(|| format!("cannot open {}", args.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("reading");
    let now = Utc::now();
    let parsed = import::parse_csv(std::io::BufReader::new(file), now, |bytes| bar.set_position(bytes));
    bar.finish_with_message(format!("read {} good row(s), {} bad", parsed.rows.len(), parsed.errors.len()));
    for error in parsed.errors.iter().take(50) {
        eprintln!("line {}: {}", error.line, error.message);
    }
    if parsed.errors.len() > 50 {
        eprintln!("… and {} more bad row(s)", parsed.errors.len() - 50);
    }
    if !parsed.errors.is_empty() && !args.partial {
        anyhow::bail!("nothing imported: fix the rows above, or pass --partial to import the good rows");
    }
    let spinner = ProgressBar::new_spinner().with_message("writing");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let summary = state.store.import_snapshots(args.workspace, &parsed.rows, SnapshotSource::Import, now).await?;
    spinner.set_message("updating dashboards");
    crate::services::metrics::keep_imported_rows(state.store.as_ref(), args.workspace, &parsed.rows).await;
    spinner.finish_and_clear();
    // Printed plainly too: progress bars stay silent when stderr is not a terminal.
    eprintln!("imported {} row(s); {} new creator(s)", summary.rows_written, summary.creators_created);
    Ok(())
}
