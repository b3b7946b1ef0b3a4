//! Use cases: what the web layer and the CLI ask of zzyzx when it takes more than one store call
//! or carries rules of its own. Each service borrows only what it uses (the store, the source,
//! caches, limiters) and answers with [`ServiceError`], which `http` turns into problem details
//! in one place. Nothing here knows about HTTP.

pub mod accounts;
pub mod alerts;
pub mod analytics;
pub mod audience;
pub mod business_access;
pub mod campaigns;
pub mod connections;
pub mod demo;
mod demo_campaigns;
pub mod digest;
pub mod discovery;
pub mod mail;
pub mod metrics;
pub mod summaries;
pub mod webhooks;
pub mod workspace_settings;

use std::fmt;

use crate::store::StoreError;

/// Where an invalid input is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A JSON Pointer into the request body.
    Body(String),
    /// A query or path parameter.
    Parameter(String),
    /// A line of an uploaded file.
    Line(u64),
}

/// One invalid input and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub at: Location,
    pub detail: String,
}

impl Violation {
    pub fn body(pointer: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self { at: Location::Body(pointer.into()), detail: detail.to_string() }
    }

    pub fn parameter(name: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self { at: Location::Parameter(name.into()), detail: detail.to_string() }
    }

    pub fn line(line: u64, detail: impl fmt::Display) -> Self {
        Self { at: Location::Line(line), detail: detail.to_string() }
    }

    pub fn line_number(&self) -> Option<u64> {
        match self.at {
            Location::Line(line) => Some(line),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("invalid input")]
    Invalid(Vec<Violation>),
    /// An all-or-nothing import with bad rows: nothing was written.
    #[error("import rejected")]
    ImportRejected { errors: Vec<Violation>, total: usize },
    #[error("too many attempts")]
    TooManyRequests { retry_after: u64 },
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The session or refresh token is gone, expired or reused.
    #[error("invalid token")]
    InvalidToken,
    /// No configured data source can do this.
    #[error("source unavailable: {0}")]
    SourceUnavailable(&'static str),
    /// The data source failed while answering.
    #[error("the data source failed: {0}")]
    Upstream(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ServiceError {
    pub fn invalid(pointer: &str, detail: impl fmt::Display) -> Self {
        ServiceError::Invalid(vec![Violation::body(pointer, detail)])
    }

    pub fn invalid_parameter(name: &str, detail: impl fmt::Display) -> Self {
        ServiceError::Invalid(vec![Violation::parameter(name, detail)])
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// For a field that may be absent (unchanged) or `null` (cleared): `Some(None)` for `null`.
/// Use with `#[serde(default, deserialize_with = "…")]`.
pub fn present_or_null<'de, D, T>(deserializer: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer).map(Some)
}
