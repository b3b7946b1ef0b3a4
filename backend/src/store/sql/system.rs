//! Migrations, health and stored settings.

use super::*;

#[async_trait]
impl SystemStore for SqlStore {
    fn pool_usage(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    fn backend(&self) -> super::Backend {
        Self::BACKEND
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        self.run_migrations().await
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String> {
        let now = Utc::now();
        sqlx::query("insert into settings (key, value, created_at, updated_at) values ($1, $2, $3, $3) on conflict (key) do nothing")
            .bind(key)
            .bind(value)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(sqlx::query_scalar("select value from settings where key = $1").bind(key).fetch_one(&self.pool).await?)
    }
}
