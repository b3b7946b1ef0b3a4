//! The `zzyzx` command line: serve (the default), migrate, openapi, import.

use anyhow::Context;
use chrono::Utc;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::{
    Cli, Command, DEFAULT_BIND, DEFAULT_WEB_DIR, ImportArgs, ServeArgs, Settings, jwt_secret_from_env,
};
use crate::services::import;
use crate::startup::{Application, open_state};
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
            tracing::info!("migrations applied");
            Ok(())
        }
        Some(Command::Import(args)) => import_file(&database_url, args).await,
        Some(Command::Serve(args)) => serve(database_url, args).await,
        None => serve(database_url, ServeArgs::parse_from_env()).await,
    }
}

impl ServeArgs {
    /// `zzyzx` with no subcommand serves with the environment's settings.
    fn parse_from_env() -> Self {
        let env = |name: &str, default: &str| {
            std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.into())
        };
        Self { bind: env("ZZYZX_BIND", DEFAULT_BIND), web_dir: env("ZZYZX_WEB_DIR", DEFAULT_WEB_DIR).into() }
    }
}

async fn serve(database_url: String, args: ServeArgs) -> anyhow::Result<()> {
    telemetry::init();
    let web_dir = args.web_dir.join("index.html").is_file().then_some(args.web_dir);
    if web_dir.is_none() {
        tracing::warn!("no built web app found (ZZYZX_WEB_DIR); serving the API only");
    }
    let settings = Settings { database_url, bind: args.bind, web_dir, jwt_secret: jwt_secret_from_env() };
    let bind = settings.bind.clone();
    let application = Application::build(settings).await?;
    tracing::info!(%bind, port = application.port(), "zzyzx is listening; API docs at /api/docs/");
    application.run_until_stopped().await?;
    tracing::info!("stopped");
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
    spinner.finish_and_clear();
    // Printed plainly too: progress bars stay silent when stderr is not a terminal.
    eprintln!("imported {} row(s); {} new creator(s)", summary.rows_written, summary.creators_created);
    Ok(())
}
