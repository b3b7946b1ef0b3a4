//! The PostgreSQL store: production and several instances on one database.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres as Db};
use std::str::FromStr;
use std::time::Duration;

use super::{Backend, WriteTx};

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_with(PgConnectOptions::from_str(url)?).await
    }

    pub async fn connect_with(options: PgConnectOptions) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    const BACKEND: Backend = Backend::Postgres;
    /// Claims skip rows another worker holds instead of waiting for them.
    const SKIP_LOCKED: &str = "for update skip locked";

    async fn run_migrations(&self) -> anyhow::Result<()> {
        sqlx::migrate!("../migrations/postgres").run(&self.pool).await?;
        Ok(())
    }

    /// Row locks and conditional updates keep concurrent writers apart; a plain transaction will do.
    async fn begin_write(&self) -> sqlx::Result<WriteTx<Db>> {
        Ok(WriteTx::new(self.pool.begin().await?, None))
    }
}

type SqlStore = PgStore;
include!("sql_impl.rs");
