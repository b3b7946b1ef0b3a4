//! Persistence. Services talk to the [`Store`] trait, made of one trait per aggregate (one file
//! each here); PostgreSQL and SQLite each have a native sqlx implementation. The SQL they share
//! is written once, one file per aggregate under `sql/`, and compiled into each backend as its
//! own module (`#[path]` in `postgres.rs` and `sqlite.rs`) against that database's own types;
//! where the dialects differ, the backend module says so itself.

mod accounts;
mod alerts;
mod analytics;
mod campaigns;
mod connections;
mod creators;
mod lists;
mod postgres;
mod refresh;
mod sharing;
mod sqlite;
mod summaries;
mod teams;
mod videos;

use async_trait::async_trait;
use std::sync::Arc;

use crate::domain::{Handle, Interval, MetricPoint};
pub use accounts::*;
pub use alerts::*;
pub use analytics::*;
pub use campaigns::*;
pub use connections::*;
pub use creators::*;
pub use lists::*;
pub use postgres::PgStore;
pub use refresh::*;
pub use sharing::*;
pub use sqlite::SqliteStore;
pub use summaries::*;
pub use teams::*;
pub use videos::*;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Failures a caller can act on; everything else is `Unexpected` and becomes an opaque 500.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness or membership rule was broken.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// The caller's idea of a list's order is out of date.
    #[error("stale version")]
    StaleVersion,
    /// The request names items that are not (all) in the list.
    #[error("item set mismatch")]
    ItemSetMismatch,
    #[error("limit reached: {0:?}")]
    LimitReached(Limit),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// The rules a write can break. The HTTP layer maps each to its own error code, exhaustively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    EmailTaken,
    DuplicateListName,
    CreatorAlreadyInList,
    /// A workspace keeps at least one owner.
    LastOwner,
    AlreadyMember,
    DuplicateCampaignName,
    /// Two creators of one campaign would share a discount code.
    DuplicateDiscountCode,
    /// The video is a post of the campaign already.
    PostAlreadyInCampaign,
    /// The campaign has an order with this id already.
    DuplicateOrder,
    /// A step that needs a connected creator account (business access) asked of one that is not.
    NotConnected,
}

/// Sizes the store refuses to grow past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// A list holds at most [`MAX_LIST_ITEMS`] creators.
    ListFull,
    /// A campaign holds at most [`MAX_CAMPAIGN_CREATORS`] creators.
    CampaignFull,
}

/// Items one list may hold.
pub const MAX_LIST_ITEMS: i64 = 1000;

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            _ => StoreError::Unexpected(anyhow::Error::new(error)),
        }
    }
}

/// The error (or one of its causes) is a lost or unobtainable database connection, not a fault
/// of the query: trying again on a fresh connection may well succeed.
pub fn is_connection_lost(error: &anyhow::Error) -> bool {
    error.chain().filter_map(|cause| cause.downcast_ref::<sqlx::Error>()).any(|error| match error {
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::Protocol(_) | sqlx::Error::PoolTimedOut => true,
        sqlx::Error::WorkerCrashed => true,
        // PostgreSQL: connection exceptions (08…), and the server shutting down or terminating
        // this backend (57P01–57P03).
        sqlx::Error::Database(error) => {
            error.code().is_some_and(|code| code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03"))
        }
        _ => false,
    })
}

/// A write transaction. On SQLite it also holds the process's write lock, so writers queue here
/// instead of sleeping in SQLite's busy handler.
pub struct WriteTx<DB: sqlx::Database> {
    tx: sqlx::Transaction<'static, DB>,
    _write_lock: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<DB: sqlx::Database> WriteTx<DB> {
    fn new(tx: sqlx::Transaction<'static, DB>, write_lock: Option<tokio::sync::OwnedMutexGuard<()>>) -> Self {
        Self { tx, _write_lock: write_lock }
    }

    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl<DB: sqlx::Database> std::ops::Deref for WriteTx<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        &self.tx
    }
}

impl<DB: sqlx::Database> std::ops::DerefMut for WriteTx<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        &mut self.tx
    }
}

/// Turns a unique-constraint violation into `Conflict(conflict)`; other errors pass through.
fn on_unique_violation(conflict: Conflict) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match error.as_database_error().map(|e| e.kind()) {
        Some(sqlx::error::ErrorKind::UniqueViolation) => StoreError::Conflict(conflict),
        _ => StoreError::from(error),
    }
}

/// Opens the database named by `url` (`postgres://…` or `sqlite://…`) and applies migrations.
pub async fn connect(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else {
        anyhow::bail!("unsupported database URL scheme: use postgres://… or sqlite://…")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

/// The whole store: every aggregate's trait. Methods of all of them can be called on a
/// `dyn Store` without importing the aggregate traits.
pub trait Store:
    SystemStore
    + AccountStore
    + TeamStore
    + SharingStore
    + ListStore
    + CreatorStore
    + VideoStore
    + RefreshStore
    + AnalyticsStore
    + CampaignStore
    + AlertStore
    + ConnectionStore
    + SummaryStore
    + 'static
{
}

impl<T> Store for T where
    T: SystemStore
        + AccountStore
        + TeamStore
        + SharingStore
        + ListStore
        + CreatorStore
        + VideoStore
        + RefreshStore
        + AnalyticsStore
        + CampaignStore
        + AlertStore
        + ConnectionStore
        + SummaryStore
        + 'static
{
}

/// The database itself: which one, its migrations, its health and its settings.
#[async_trait]
pub trait SystemStore: Send + Sync {
    fn backend(&self) -> Backend;
    async fn migrate(&self) -> anyhow::Result<()>;
    async fn ping(&self) -> Result<()>;
    /// The value stored under `key`, storing `value` first when there is none.
    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String>;
    /// The connection pool's (open connections, idle connections).
    fn pool_usage(&self) -> (u32, usize);
}
