//! zzyzx: tracks TikTok creators over time for brands.

pub mod auth;
pub mod cli;
pub mod config;
pub mod domain;
pub mod http;
pub mod import;
pub mod metrics;
pub mod notifier;
pub mod refresh;
pub mod services;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
