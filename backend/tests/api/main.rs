//! HTTP integration tests: the real application on port 0, a fresh database per test, every
//! test run against SQLite and PostgreSQL.

mod helpers;

mod accounts;
mod alerts;
mod analytics;
mod api_keys;
mod bad_input;
mod campaigns;
mod cli;
mod connections;
mod creators;
mod fake_source;
mod isolation;
mod items;
mod lists;
mod metrics;
mod openapi;
mod refresh;
mod roles;
mod sharing;
mod store_contract;
mod teams;
mod tracking;
