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
    /// Run the API, the refresh worker and the web app (the default).
    Serve(ServeArgs),
    /// Run only the refresh worker and the alerts (webhooks, digests) (for scaling out: several
    /// may share one PostgreSQL).
    Worker(WorkerArgs),
    /// Load the demo workspace (about 60 synthetic creators, 180 days of history) and print its login.
    Demo,
    /// Apply database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (YAML).
    Openapi,
    /// Import metric history from a CSV file (handle,captured_at,followers,following,likes,videos).
    Import(ImportArgs),
    /// The kept dashboard rows (one per workspace and creator).
    #[command(subcommand)]
    Summaries(SummariesCommand),
}

#[derive(Debug, Subcommand)]
pub enum SummariesCommand {
    /// Recompute every kept dashboard row (migrations run it when a new version changes their shape).
    Rebuild,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ZZYZX_BIND", default_value = DEFAULT_BIND)]
    pub bind: String,
    /// The built web app to serve at `/`; skipped when the folder does not exist.
    #[arg(long, env = "ZZYZX_WEB_DIR", default_value = DEFAULT_WEB_DIR)]
    pub web_dir: PathBuf,
    /// Load the demo workspace first and use the demo source (labelled "demo" everywhere).
    #[arg(long)]
    pub demo: bool,
    /// Do not run the refresh worker in this process (run `zzyzx worker` elsewhere).
    #[arg(long, env = "ZZYZX_NO_WORKER")]
    pub no_worker: bool,
    /// Requests a minute one API key may make to this instance; more get 429 with `Retry-After`.
    #[arg(long, env = "ZZYZX_API_KEY_RATE", default_value_t = 600)]
    pub api_key_rate: u32,
    /// The bearer token Prometheus sends to `GET /metrics`; without it, only loopback may scrape.
    #[arg(long, env = "ZZYZX_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<SecretString>,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub alerts: AlertArgs,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub alerts: AlertArgs,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// Creators connecting their own TikTok accounts (Login Kit and the Display API), and sharing a
/// business account's audience (the API for Business).
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// The client key of a TikTok app with Login Kit (developers.tiktok.com).
    #[arg(long, env = "ZZYZX_TIKTOK_CLIENT_KEY")]
    pub tiktok_client_key: Option<String>,
    #[arg(long, env = "ZZYZX_TIKTOK_CLIENT_SECRET", hide_env_values = true)]
    pub tiktok_client_secret: Option<SecretString>,
    /// Where TikTok sends creators back, registered with the app exactly so; by default
    /// `ZZYZX_PUBLIC_URL` + `/api/v1/connect/callback`.
    #[arg(long, env = "ZZYZX_TIKTOK_REDIRECT_URL")]
    pub tiktok_redirect_url: Option<String>,
    #[arg(long, env = "ZZYZX_TIKTOK_AUTHORIZE_URL", default_value = zzyzx_sources::LoginConfig::AUTHORIZE_URL)]
    pub tiktok_authorize_url: String,
    #[arg(long, env = "ZZYZX_TIKTOK_API_BASE_URL", default_value = zzyzx_sources::LoginConfig::API_BASE_URL)]
    pub tiktok_api_base_url: String,
    /// The app id of an app on TikTok API for Business (business-api.tiktok.com/portal) with the
    /// TikTok account holder authorization: lets connected creators share their audience. Without
    /// it and its secret, that step is off.
    #[arg(long, env = "ZZYZX_TIKTOK_BUSINESS_APP_ID")]
    pub tiktok_business_app_id: Option<String>,
    #[arg(long, env = "ZZYZX_TIKTOK_BUSINESS_SECRET", hide_env_values = true)]
    pub tiktok_business_secret: Option<SecretString>,
    /// Where TikTok sends account owners back, registered with the app exactly so; by default
    /// `ZZYZX_PUBLIC_URL` + `/api/v1/connect/business/callback`.
    #[arg(long, env = "ZZYZX_TIKTOK_BUSINESS_REDIRECT_URL")]
    pub tiktok_business_redirect_url: Option<String>,
    /// The page account owners authorize on. Which one TikTok means for this authorization is
    /// unconfirmed: this default, or the Business portal's (`https://business-api.tiktok.com/portal/auth`).
    #[arg(long, env = "ZZYZX_TIKTOK_BUSINESS_AUTH_URL", default_value = zzyzx_sources::BusinessConfig::AUTHORIZE_URL)]
    pub tiktok_business_auth_url: String,
    #[arg(long, env = "ZZYZX_TIKTOK_BUSINESS_BASE_URL", default_value = zzyzx_sources::BusinessConfig::BASE_URL)]
    pub tiktok_business_base_url: String,
    /// 32 random bytes in base64 (`openssl rand -base64 32`): seals creators' tokens at rest.
    /// Without it, creator connections are off. Keep it safe: tokens sealed with a lost key are lost.
    #[arg(long, env = "ZZYZX_ENCRYPTION_KEY", hide_env_values = true)]
    pub encryption_key: Option<SecretString>,
}

impl ConnectArgs {
    /// Whether creators can connect here. A malformed key or URL is an error; a missing one
    /// turns the feature off, saying which.
    pub fn setup(&self, public_url: &str) -> anyhow::Result<crate::services::connections::ConnectSetup> {
        use crate::services::connections::{ConnectSetup, Connector, OFF_WITHOUT_APP, OFF_WITHOUT_KEY};
        use secrecy::ExposeSecret;
        let key = self.tiktok_client_key.as_deref().map(str::trim).filter(|key| !key.is_empty());
        let secret = self.tiktok_client_secret.as_ref().filter(|secret| !secret.expose_secret().trim().is_empty());
        let (Some(client_key), Some(client_secret)) = (key, secret) else {
            return Ok(ConnectSetup::Off(OFF_WITHOUT_APP));
        };
        let Some(encryption_key) = self.encryption_key.as_ref().filter(|key| !key.expose_secret().trim().is_empty())
        else {
            return Ok(ConnectSetup::Off(OFF_WITHOUT_KEY));
        };
        let redirect_url = |configured: &Option<String>, path: &str| match configured {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => format!("{}/api/v1{path}", public_url.trim_end_matches('/')),
        };
        let login = zzyzx_sources::TikTokLogin::new(
            zzyzx_sources::LoginConfig {
                client_key: client_key.to_owned(),
                client_secret: client_secret.expose_secret().trim().to_owned(),
                redirect_url: redirect_url(&self.tiktok_redirect_url, "/connect/callback"),
                authorize_url: self.tiktok_authorize_url.clone(),
                api_base_url: self.tiktok_api_base_url.clone(),
            },
            zzyzx_sources::ClientOptions::default(),
        )?;
        let app_id = self.tiktok_business_app_id.as_deref().map(str::trim).filter(|id| !id.is_empty());
        let secret = self.tiktok_business_secret.as_ref().filter(|secret| !secret.expose_secret().trim().is_empty());
        let business = match (app_id, secret) {
            (Some(app_id), Some(secret)) => Some(zzyzx_sources::TikTokBusiness::new(
                zzyzx_sources::BusinessConfig {
                    app_id: app_id.to_owned(),
                    secret: secret.expose_secret().trim().to_owned(),
                    redirect_url: redirect_url(&self.tiktok_business_redirect_url, "/connect/business/callback"),
                    authorize_url: self.tiktok_business_auth_url.clone(),
                    base_url: self.tiktok_business_base_url.clone(),
                },
                zzyzx_sources::ClientOptions::default(),
            )?),
            _ => None,
        };
        let sealer = crate::auth::sealing::Sealer::from_config(encryption_key)?;
        Ok(ConnectSetup::On(std::sync::Arc::new(Connector { login, sealer, business })))
    }
}

/// How zzyzx tells people what it noticed: webhooks and e-mail.
#[derive(Debug, Clone, Args)]
pub struct AlertArgs {
    /// Let webhooks point at loopback and private addresses, over http too (for a receiver on the
    /// same machine or network; off by default, as a guard against SSRF).
    #[arg(long, env = "ZZYZX_WEBHOOK_ALLOW_PRIVATE")]
    pub webhook_allow_private: bool,
    /// The SMTP server for digests and invitations, e.g. `smtps://user:password@mail.example.com`
    /// or `smtp://127.0.0.1:2525`; without it, nothing is e-mailed.
    #[arg(long, env = "ZZYZX_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<SecretString>,
    /// The sender of zzyzx's e-mail.
    #[arg(long, env = "ZZYZX_SMTP_FROM", default_value = "zzyzx <zzyzx@localhost>")]
    pub smtp_from: String,
    /// Where people reach this zzyzx, for links in e-mail (e.g. `https://zzyzx.example.com`).
    #[arg(long, env = "ZZYZX_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceKind {
    /// No data source: metrics come only from imports and the API.
    None,
    /// TikAPI (paid, unofficial): profiles, videos, hashtags, user search.
    Tikapi,
    /// TikTok Research API (approved academic, non-commercial use only).
    Research,
    /// ScrapeCreators (paid per request, unofficial): profiles, videos, hashtags, user search.
    Scrapecreators,
    /// Synthetic creators for a first run, labelled "demo".
    Demo,
}

/// Where creator data comes from, and how fast zzyzx may ask.
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    #[arg(long = "source", env = "ZZYZX_SOURCE", value_enum, default_value = "none")]
    pub kind: SourceKind,
    #[arg(long, env = "ZZYZX_TIKAPI_KEY", hide_env_values = true)]
    pub tikapi_key: Option<SecretString>,
    #[arg(long, env = "ZZYZX_TIKAPI_BASE_URL", default_value = "https://api.tikapi.io")]
    pub tikapi_base_url: String,
    #[arg(long, env = "ZZYZX_RESEARCH_CLIENT_KEY")]
    pub research_client_key: Option<String>,
    #[arg(long, env = "ZZYZX_RESEARCH_CLIENT_SECRET", hide_env_values = true)]
    pub research_client_secret: Option<SecretString>,
    #[arg(long, env = "ZZYZX_RESEARCH_BASE_URL", default_value = "https://open.tiktokapis.com")]
    pub research_base_url: String,
    #[arg(long, env = "ZZYZX_SCRAPECREATORS_KEY", hide_env_values = true)]
    pub scrapecreators_key: Option<SecretString>,
    #[arg(long, env = "ZZYZX_SCRAPECREATORS_BASE_URL", default_value = "https://api.scrapecreators.com")]
    pub scrapecreators_base_url: String,
    /// How long after a fetch a creator is fetched again when nothing speeds it up or slows it
    /// down (e.g. `24h`, `12h`, `30m`).
    #[arg(long, env = "ZZYZX_REFRESH_INTERVAL", default_value = "24h", value_parser = humantime::parse_duration)]
    pub refresh_interval: std::time::Duration,
    /// The shortest interval any creator gets (rising ones: a quarter of the regular interval).
    #[arg(long, env = "ZZYZX_REFRESH_MIN_INTERVAL", default_value = "6h", value_parser = humantime::parse_duration)]
    pub refresh_min_interval: std::time::Duration,
    /// The longest interval any creator gets (unwatched ones: seven times the regular interval).
    #[arg(long, env = "ZZYZX_REFRESH_MAX_INTERVAL", default_value = "7d", value_parser = humantime::parse_duration)]
    pub refresh_max_interval: std::time::Duration,
    /// Requests a day the refresh workers may send to the source, all together; unset, only the
    /// provider limits them.
    #[arg(long, env = "ZZYZX_SOURCE_DAILY_BUDGET", value_parser = clap::value_parser!(u32).range(1..))]
    pub source_daily_budget: Option<u32>,
    /// Calls per second this process makes to the source.
    #[arg(long, env = "ZZYZX_SOURCE_RATE", default_value_t = 5)]
    pub source_rate: u32,
    /// Creators fetched at once by this process's worker.
    #[arg(long, env = "ZZYZX_WORKER_CONCURRENCY", default_value_t = 8)]
    pub worker_concurrency: usize,
    /// How long a hashtag pull is reused before the source is asked again.
    #[arg(long, env = "ZZYZX_HASHTAG_CACHE_TTL", default_value = "1h", value_parser = humantime::parse_duration)]
    pub hashtag_cache_ttl: std::time::Duration,
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

impl SourceArgs {
    /// The configured source, or `None` for `none`. Missing credentials are an error.
    pub fn build(&self) -> anyhow::Result<Option<std::sync::Arc<dyn zzyzx_sources::Source>>> {
        use secrecy::ExposeSecret;
        use std::sync::Arc;
        use zzyzx_sources::{ClientOptions, DemoSource, ResearchApi, ScrapeCreators, TikApi};
        Ok(match self.kind {
            SourceKind::None => None,
            SourceKind::Demo => Some(Arc::new(DemoSource::new())),
            SourceKind::Tikapi => {
                let key = self
                    .tikapi_key
                    .as_ref()
                    .filter(|key| !key.expose_secret().is_empty())
                    .ok_or_else(|| anyhow::anyhow!("ZZYZX_SOURCE=tikapi needs ZZYZX_TIKAPI_KEY"))?;
                Some(Arc::new(TikApi::new(key.expose_secret(), &self.tikapi_base_url, ClientOptions::default())?))
            }
            SourceKind::Research => {
                let key = self.research_client_key.as_ref().filter(|key| !key.is_empty());
                let secret = self.research_client_secret.as_ref().filter(|secret| !secret.expose_secret().is_empty());
                let (Some(key), Some(secret)) = (key, secret) else {
                    anyhow::bail!(
                        "ZZYZX_SOURCE=research needs ZZYZX_RESEARCH_CLIENT_KEY and ZZYZX_RESEARCH_CLIENT_SECRET"
                    );
                };
                Some(Arc::new(ResearchApi::new(
                    key,
                    secret.expose_secret(),
                    &self.research_base_url,
                    ClientOptions::default(),
                )?))
            }
            SourceKind::Scrapecreators => {
                let key = self
                    .scrapecreators_key
                    .as_ref()
                    .filter(|key| !key.expose_secret().is_empty())
                    .ok_or_else(|| anyhow::anyhow!("ZZYZX_SOURCE=scrapecreators needs ZZYZX_SCRAPECREATORS_KEY"))?;
                Some(Arc::new(ScrapeCreators::new(
                    key.expose_secret(),
                    &self.scrapecreators_base_url,
                    ScrapeCreators::client_options(),
                )?))
            }
        })
    }

    pub fn cadence(&self) -> crate::refresh::cadence::Cadence {
        crate::refresh::cadence::Cadence {
            regular: self.refresh_interval,
            min: self.refresh_min_interval,
            max: self.refresh_max_interval,
        }
    }

    pub fn worker_config(&self) -> crate::refresh::WorkerConfig {
        crate::refresh::WorkerConfig {
            cadence: self.cadence(),
            daily_budget: self.source_daily_budget,
            requests_per_second: self.source_rate.max(1),
            concurrency: self.worker_concurrency.max(1),
            ..crate::refresh::WorkerConfig::default()
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source_args(args: &[&str]) -> SourceArgs {
        let cli = Cli::try_parse_from([&["zzyzx", "worker"], args].concat()).expect("the flags parse");
        match cli.command {
            Some(Command::Worker(args)) => args.source,
            other => panic!("expected the worker command, got {other:?}"),
        }
    }

    #[test]
    fn scrapecreators_without_a_key_is_a_clear_startup_error() {
        let args = source_args(&["--source", "scrapecreators", "--scrapecreators-key", ""]);
        let error = args.build().err().expect("no key, no source");
        assert_eq!(error.to_string(), "ZZYZX_SOURCE=scrapecreators needs ZZYZX_SCRAPECREATORS_KEY");
    }

    #[test]
    fn scrapecreators_is_built_from_its_key_against_its_default_base_url() {
        let args = source_args(&["--source", "scrapecreators", "--scrapecreators-key", "sc-key"]);
        assert_eq!(args.scrapecreators_base_url, "https://api.scrapecreators.com");
        let source = args.build().expect("builds").expect("a source");
        assert_eq!(source.name(), "scrapecreators");
        assert!(source.capabilities().hashtag_videos);
    }

    #[test]
    fn a_bad_scrapecreators_base_url_is_refused_at_startup() {
        let args = source_args(&[
            "--source",
            "scrapecreators",
            "--scrapecreators-key",
            "sc-key",
            "--scrapecreators-base-url",
            "ftp://example.com",
        ]);
        assert!(args.build().is_err());
    }
}
