//! API keys and share links.

use super::*;

const API_KEY_SELECT: &str = "select k.id, k.name, k.prefix, k.scopes, u.display_name as created_by, k.expires_at, \
     k.last_used_at, k.revoked_at, k.created_at from api_keys k left join users u on u.id = k.user_id";
const SHARE_LINK_SELECT: &str = "select s.id, s.list_id, s.campaign_id, s.prefix, u.display_name as created_by, s.expires_at, \
     s.last_used_at, s.revoked_at, s.created_at from share_links s left join users u on u.id = s.created_by";
/// Uses are recorded at most this often, so reads do not turn into writes.
const USE_RECORD_INTERVAL: TimeDelta = TimeDelta::minutes(1);

#[async_trait]
impl SharingStore for SqlStore {
    async fn create_api_key(&self, key: NewApiKey) -> Result<ApiKey> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into api_keys (id, workspace_id, user_id, name, prefix, key_hash, scopes, expires_at, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(key.id)
        .bind(key.workspace_id)
        .bind(key.user_id)
        .bind(&key.name)
        .bind(&key.prefix)
        .bind(&key.key_hash)
        .bind(&key.scopes)
        .bind(key.expires_at)
        .bind(key.now)
        .execute(&mut *tx)
        .await?;
        let created = sqlx::query_as::<_, ApiKey>(&format!("{API_KEY_SELECT} where k.id = $1"))
            .bind(key.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn api_keys(&self, workspace_id: Uuid) -> Result<Vec<ApiKey>> {
        Ok(sqlx::query_as::<_, ApiKey>(&format!(
            "{API_KEY_SELECT} where k.workspace_id = $1 order by k.created_at desc, k.id"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_api_key(&self, workspace_id: Uuid, key_id: Uuid, now: DateTime<Utc>) -> Result<ApiKey> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update api_keys set revoked_at = $3 where workspace_id = $1 and id = $2 and revoked_at is null")
            .bind(workspace_id)
            .bind(key_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let key = sqlx::query_as::<_, ApiKey>(&format!("{API_KEY_SELECT} where k.workspace_id = $1 and k.id = $2"))
            .bind(workspace_id)
            .bind(key_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(key)
    }

    async fn api_key_access(&self, key_hash: &[u8], now: DateTime<Utc>) -> Result<Option<ApiKeyAccess>> {
        Ok(sqlx::query_as::<_, ApiKeyAccess>(
            "select k.id as key_id, k.user_id, k.workspace_id, m.role, k.scopes from api_keys k \
             join memberships m on m.workspace_id = k.workspace_id and m.user_id = k.user_id \
             where k.key_hash = $1 and k.revoked_at is null and k.expires_at > $2",
        )
        .bind(key_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn touch_api_key(&self, key_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "update api_keys set last_used_at = $2 where id = $1 and (last_used_at is null or last_used_at < $3)",
        )
        .bind(key_id)
        .bind(now)
        .bind(now - USE_RECORD_INTERVAL)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn create_share_link(&self, link: NewShareLink) -> Result<ShareLink> {
        let (column, table, subject_id) = subject_columns(link.subject);
        let mut tx = self.begin_write().await?;
        let created = sqlx::query(&format!(
            "insert into share_links (id, workspace_id, {column}, prefix, token_hash, created_by, expires_at, created_at) \
             select $1, t.workspace_id, t.id, $4, $5, $6, $7, $8 from {table} t where t.workspace_id = $2 and t.id = $3"
        ))
        .bind(link.id)
        .bind(link.workspace_id)
        .bind(subject_id)
        .bind(&link.prefix)
        .bind(&link.token_hash)
        .bind(link.created_by)
        .bind(link.expires_at)
        .bind(link.now)
        .execute(&mut *tx)
        .await?;
        if created.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let created = sqlx::query_as::<_, ShareLink>(&format!("{SHARE_LINK_SELECT} where s.id = $1"))
            .bind(link.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn share_links(&self, workspace_id: Uuid, subject: ShareSubject) -> Result<Vec<ShareLink>> {
        match subject {
            ShareSubject::List(id) => self.list_in(&self.pool, workspace_id, id).await.map(drop)?,
            ShareSubject::Campaign(id) => self.campaign(workspace_id, id).await.map(drop)?,
        }
        let (column, _, subject_id) = subject_columns(subject);
        Ok(sqlx::query_as::<_, ShareLink>(&format!(
            "{SHARE_LINK_SELECT} where s.workspace_id = $1 and s.{column} = $2 order by s.created_at desc, s.id"
        ))
        .bind(workspace_id)
        .bind(subject_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_share_link(
        &self,
        workspace_id: Uuid,
        subject: ShareSubject,
        link_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<ShareLink> {
        let (column, _, subject_id) = subject_columns(subject);
        let mut tx = self.begin_write().await?;
        sqlx::query(&format!(
            "update share_links set revoked_at = $4 \
             where workspace_id = $1 and {column} = $2 and id = $3 and revoked_at is null"
        ))
        .bind(workspace_id)
        .bind(subject_id)
        .bind(link_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let link = sqlx::query_as::<_, ShareLink>(&format!(
            "{SHARE_LINK_SELECT} where s.workspace_id = $1 and s.{column} = $2 and s.id = $3"
        ))
        .bind(workspace_id)
        .bind(subject_id)
        .bind(link_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(link)
    }

    async fn open_share_link(&self, token_hash: &[u8], now: DateTime<Utc>) -> Result<Option<(Uuid, ShareSubject)>> {
        let link = sqlx::query_as::<_, (Uuid, Uuid, Option<Uuid>, Option<Uuid>, Option<DateTime<Utc>>)>(
            "select id, workspace_id, list_id, campaign_id, last_used_at from share_links \
             where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > $2)",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, workspace_id, list_id, campaign_id, last_used_at)) = link else { return Ok(None) };
        let subject = match (list_id, campaign_id) {
            (Some(list_id), _) => ShareSubject::List(list_id),
            (None, Some(campaign_id)) => ShareSubject::Campaign(campaign_id),
            (None, None) => return Ok(None),
        };
        if last_used_at.is_none_or(|at| at < now - USE_RECORD_INTERVAL) {
            sqlx::query("update share_links set last_used_at = $2 where id = $1")
                .bind(id)
                .bind(now)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some((workspace_id, subject)))
    }
}

/// (column, table, id) of what a share link opens.
fn subject_columns(subject: ShareSubject) -> (&'static str, &'static str, Uuid) {
    match subject {
        ShareSubject::List(id) => ("list_id", "lists", id),
        ShareSubject::Campaign(id) => ("campaign_id", "campaigns", id),
    }
}
