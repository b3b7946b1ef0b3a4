//! Configuration: flags override environment, environment overrides defaults (DESIGN.md §3).

use clap::{Args, Parser, Subcommand};
use secrecy::SecretString;
use std::path::PathBuf;
use uuid::Uuid;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://zzyzx.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_WEB_DIR: &str = "frontend/dist";

#[derive(Debug, Parser)]
#[command(name = "zzyzx", version, about = "Tracks TikTok creators over time for brands")]
pub struct Cli {
    /// Database URL: postgres://… or sqlite://FILE (created if missing). Also read from DATABASE_URL.
    #[arg(long, env = "ZZYZX_DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the API and serve the web app (the default).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (YAML).
    Openapi,
    /// Import metric history from a CSV file (handle,captured_at,followers,following,likes,videos).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ZZYZX_BIND", default_value = DEFAULT_BIND)]
    pub bind: String,
    /// The built web app to serve at `/`; skipped when the folder does not exist.
    #[arg(long, env = "ZZYZX_WEB_DIR", default_value = DEFAULT_WEB_DIR)]
    pub web_dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// The workspace the rows belong to.
    #[arg(long)]
    pub workspace: Uuid,
    /// Write the good rows even when some are bad (default: all or nothing).
    #[arg(long)]
    pub partial: bool,
}

/// What the server needs to start.
#[derive(Debug)]
pub struct Settings {
    pub database_url: String,
    pub bind: String,
    /// The built web app, when there is one.
    pub web_dir: Option<PathBuf>,
    /// `ZZYZX_JWT_SECRET`; generated and kept in the database for SQLite when absent.
    pub jwt_secret: Option<SecretString>,
}

impl Cli {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .or_else(|| std::env::var("DATABASE_URL").ok().filter(|v| !v.is_empty()))
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string())
    }
}

pub fn jwt_secret_from_env() -> Option<SecretString> {
    std::env::var("ZZYZX_JWT_SECRET").ok().filter(|v| !v.is_empty()).map(SecretString::from)
}
