//! Logs through `tracing`: level from `ZZYZX_LOG` (default `info`), JSON when
//! `ZZYZX_LOG_FORMAT=json`.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_env("ZZYZX_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("ZZYZX_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let result = if json { builder.json().try_init() } else { builder.try_init() };
    // A second initialisation (tests) keeps the first subscriber.
    let _ = result;
}
