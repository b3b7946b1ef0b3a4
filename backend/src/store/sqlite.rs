//! The SQLite store: the embedded default, one file, zero set-up. WAL lets readers work beside
//! the single writer; writes take the lock up front (`BEGIN IMMEDIATE`) so two transactions never
//! deadlock upgrading a read lock.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite as Db, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

use super::Backend;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        if url.contains(":memory:") || url.contains("mode=memory") {
            anyhow::bail!("an in-memory SQLite database would vanish between connections; name a file");
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    const BACKEND: Backend = Backend::Sqlite;
    /// One writer at a time: a claim inside `BEGIN IMMEDIATE` cannot race another.
    const SKIP_LOCKED: &str = "";

    async fn run_migrations(&self) -> anyhow::Result<()> {
        sqlx::migrate!("../migrations/sqlite").run(&self.pool).await?;
        Ok(())
    }

    async fn begin_write(&self) -> sqlx::Result<Transaction<'static, Db>> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }
}

type SqlStore = SqliteStore;
include!("sql_impl.rs");
