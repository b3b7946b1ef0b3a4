//! Creator-connected accounts.

use super::*;

const CONNECTION_SELECT: &str = "select c.id, c.workspace_id, w.name as workspace_name, c.creator_id, cr.handle, c.status, \
     c.link_prefix, c.scopes, u.display_name as created_by, c.created_at, c.updated_at, c.connected_at, \
     c.last_synced_at, c.next_sync_at, c.last_error, coalesce(b.status, 'not_connected') as business_status, \
     coalesce(b.scopes, '') as business_scopes, b.connected_at as business_connected_at, \
     b.last_read_at as business_last_read_at, b.last_error as business_last_error \
     from creator_connections c join workspaces w on w.id = c.workspace_id join creators cr on cr.id = c.creator_id \
     left join users u on u.id = c.created_by left join connection_business_access b on b.connection_id = c.id";
const TOKENS_SELECT: &str = "select c.id, c.workspace_id, c.creator_id, cr.handle, c.open_id, c.scopes, \
     c.access_token, c.refresh_token, c.access_expires_at, c.refresh_expires_at, b.business_id, \
     b.scopes as business_scopes, b.access_token as business_access_token, \
     b.refresh_token as business_refresh_token, b.access_expires_at as business_access_expires_at, \
     b.refresh_expires_at as business_refresh_expires_at, b.last_read_at as business_last_read_at \
     from creator_connections c join creators cr on cr.id = c.creator_id \
     left join connection_business_access b on b.connection_id = c.id where c.id = $1";
/// Ends business access: tokens and state deleted; `ended_at` and the reason only when it was on.
const END_BUSINESS: &str = "update connection_business_access set \
     ended_at = case when status = 'connected' then $4 else ended_at end, status = $2, last_error = $3, \
     access_token = null, refresh_token = null, access_expires_at = null, refresh_expires_at = null, \
     state_hash = null, state_expires_at = null, updated_at = $4 where connection_id = $1";

async fn tokens_of(tx: &mut WriteTx<Db>, connection_id: Uuid) -> Result<Option<ConnectionTokens>> {
    Ok(sqlx::query_as::<_, ConnectionTokens>(TOKENS_SELECT).bind(connection_id).fetch_optional(&mut **tx).await?)
}

/// Marks the connection's creator's metric data as changed.
async fn bump_connection_creator(tx: &mut WriteTx<Db>, connection_id: Uuid) -> Result<()> {
    sqlx::query(
        "update creators set data_version = data_version + 1 \
         where id = (select creator_id from creator_connections where id = $1)",
    )
    .bind(connection_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl ConnectionStore for SqlStore {
    async fn put_connection_link(&self, link: NewConnectionLink) -> Result<Connection> {
        self.ensure_creator_visible(link.workspace_id, link.creator_id).await?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into creator_connections (id, workspace_id, creator_id, link_prefix, link_hash, status, created_by, \
             created_at, updated_at) values ($1, $2, $3, $4, $5, 'pending', $6, $7, $7) \
             on conflict (workspace_id, creator_id) do update set link_prefix = excluded.link_prefix, \
             link_hash = excluded.link_hash, created_by = excluded.created_by, updated_at = excluded.updated_at",
        )
        .bind(link.id)
        .bind(link.workspace_id)
        .bind(link.creator_id)
        .bind(&link.link_prefix)
        .bind(&link.link_hash)
        .bind(link.created_by)
        .bind(link.now)
        .execute(&mut *tx)
        .await?;
        let connection = sqlx::query_as::<_, Connection>(&format!(
            "{CONNECTION_SELECT} where c.workspace_id = $1 and c.creator_id = $2"
        ))
        .bind(link.workspace_id)
        .bind(link.creator_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(connection)
    }

    async fn connection(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<Option<Connection>> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        Ok(sqlx::query_as::<_, Connection>(&format!(
            "{CONNECTION_SELECT} where c.workspace_id = $1 and c.creator_id = $2"
        ))
        .bind(workspace_id)
        .bind(creator_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn connections(&self, workspace_id: Uuid) -> Result<Vec<Connection>> {
        Ok(sqlx::query_as::<_, Connection>(&format!(
            "{CONNECTION_SELECT} where c.workspace_id = $1 order by cr.handle, c.id"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn connection_by_link(&self, link_hash: &[u8]) -> Result<Option<Connection>> {
        Ok(sqlx::query_as::<_, Connection>(&format!("{CONNECTION_SELECT} where c.link_hash = $1"))
            .bind(link_hash)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn begin_authorization(
        &self,
        connection_id: Uuid,
        state_hash: &[u8],
        sealed_verifier: &[u8],
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update creator_connections set state_hash = $2, verifier = $3, state_expires_at = $4, updated_at = $5 \
             where id = $1",
        )
        .bind(connection_id)
        .bind(state_hash)
        .bind(sealed_verifier)
        .bind(expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn take_authorization(&self, state_hash: &[u8], now: DateTime<Utc>) -> Result<Option<(Connection, Vec<u8>)>> {
        let mut tx = self.begin_write().await?;
        let taken: Option<(Uuid, Option<Vec<u8>>, Option<DateTime<Utc>>)> =
            sqlx::query_as("select id, verifier, state_expires_at from creator_connections where state_hash = $1")
                .bind(state_hash)
                .fetch_optional(&mut *tx)
                .await?;
        // Used up whether or not it is still good.
        sqlx::query(
            "update creator_connections set state_hash = null, verifier = null, state_expires_at = null \
             where state_hash = $1",
        )
        .bind(state_hash)
        .execute(&mut *tx)
        .await?;
        let Some((id, Some(verifier), Some(expires_at))) = taken else {
            tx.commit().await?;
            return Ok(None);
        };
        let connection = sqlx::query_as::<_, Connection>(&format!("{CONNECTION_SELECT} where c.id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok((expires_at > now).then_some((connection, verifier)))
    }

    async fn store_grant(&self, connection_id: Uuid, grant: &SealedGrant, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update creator_connections set status = 'connected', open_id = $2, scopes = $3, access_token = $4, \
             refresh_token = $5, access_expires_at = $6, refresh_expires_at = $7, connected_at = $8, ended_at = null, \
             next_sync_at = $8, last_error = null, updated_at = $8 where id = $1",
        )
        .bind(connection_id)
        .bind(&grant.open_id)
        .bind(&grant.scopes)
        .bind(&grant.access_token)
        .bind(&grant.refresh_token)
        .bind(grant.access_expires_at)
        .bind(grant.refresh_expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Which fetched snapshots the workspace sees changes with the connection.
        bump_connection_creator(&mut tx, connection_id).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn replace_tokens(&self, connection_id: Uuid, grant: &SealedGrant, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update creator_connections set scopes = $2, access_token = $3, refresh_token = $4, access_expires_at = $5, \
             refresh_expires_at = $6, updated_at = $7 where id = $1 and status = 'connected'",
        )
        .bind(connection_id)
        .bind(&grant.scopes)
        .bind(&grant.access_token)
        .bind(&grant.refresh_token)
        .bind(grant.access_expires_at)
        .bind(grant.refresh_expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn end_connection(
        &self,
        connection_id: Uuid,
        status: ConnectionStatus,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<ConnectionTokens>> {
        let mut tx = self.begin_write().await?;
        let held = tokens_of(&mut tx, connection_id).await?;
        sqlx::query(
            "update creator_connections set status = $2, last_error = $3, access_token = null, refresh_token = null, \
             access_expires_at = null, refresh_expires_at = null, state_hash = null, verifier = null, \
             state_expires_at = null, next_sync_at = null, updated_at = $4, \
             ended_at = case when status = 'connected' then $4 else ended_at end where id = $1",
        )
        .bind(connection_id)
        .bind(status.as_str())
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Business access reads through the connection: it ends too (keeping the state and reason
        // of one that had ended already), and an authorization under way dies.
        sqlx::query(
            "update connection_business_access set \
             ended_at = case when status = 'connected' then $2 else ended_at end, \
             last_error = case when status in ('pending', 'connected') then $3 else last_error end, \
             status = case when status in ('pending', 'connected') then 'disconnected' else status end, \
             access_token = null, refresh_token = null, access_expires_at = null, refresh_expires_at = null, \
             state_hash = null, state_expires_at = null, updated_at = $2 where connection_id = $1",
        )
        .bind(connection_id)
        .bind(now)
        .bind("Ended with the TikTok connection.")
        .execute(&mut *tx)
        .await?;
        // Which fetched snapshots the workspace sees changes with the connection.
        bump_connection_creator(&mut tx, connection_id).await?;
        tx.commit().await?;
        Ok(held.filter(|t| t.access_token.is_some() || t.business_access_token.is_some()))
    }

    async fn claim_due_connections(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ConnectionTokens>> {
        let mut tx = self.begin_write().await?;
        // The outer condition is checked again on each locked row (PostgreSQL), so two workers
        // never lease the same connection.
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "update creator_connections set next_sync_at = $2 where id in ( \
                 select id from creator_connections where status = 'connected' and next_sync_at <= $1 \
                 order by next_sync_at limit $3) \
             and status = 'connected' and next_sync_at <= $1 returning id",
        )
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut claimed = Vec::with_capacity(ids.len());
        for id in ids {
            claimed.extend(tokens_of(&mut tx, id).await?);
        }
        tx.commit().await?;
        Ok(claimed)
    }

    async fn record_connected_read(
        &self,
        connection: &ConnectionTokens,
        data: ConnectedData<'_>,
        next_sync_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        if let Some(point) = data.point {
            upsert_snapshots(
                &mut tx,
                Some(connection.workspace_id),
                &[(connection.creator_id, point)],
                "connected",
                now,
            )
            .await?;
        }
        let authors = HashMap::from([(connection.handle.clone(), connection.creator_id)]);
        upsert_videos(&mut tx, &authors, data.videos, "connected", now).await?;
        sqlx::query(
            "update creator_connections set last_synced_at = $2, next_sync_at = $3, last_error = null, updated_at = $2 \
             where id = $1 and status = 'connected'",
        )
        .bind(connection.id)
        .bind(now)
        .bind(next_sync_at)
        .execute(&mut *tx)
        .await?;
        bump_data_versions(&mut tx, [connection.creator_id]).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_connect_attempt(&self, connection_id: Uuid, why: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // `updated_at` says when the link was made: it stays.
        sqlx::query("update creator_connections set last_error = $2 where id = $1 and status = 'pending'")
            .bind(connection_id)
            .bind(why)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_connection_failure(
        &self,
        connection_id: Uuid,
        error: &str,
        next_sync_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update creator_connections set last_error = $2, next_sync_at = $3, updated_at = $4 \
             where id = $1 and status = 'connected'",
        )
        .bind(connection_id)
        .bind(error)
        .bind(next_sync_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn begin_business_authorization(
        &self,
        connection_id: Uuid,
        state_hash: &[u8],
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into connection_business_access (connection_id, status, created_at, updated_at, state_hash, \
             state_expires_at) values ($1, 'pending', $4, $4, $2, $3) \
             on conflict (connection_id) do update set state_hash = excluded.state_hash, \
             state_expires_at = excluded.state_expires_at, updated_at = excluded.updated_at",
        )
        .bind(connection_id)
        .bind(state_hash)
        .bind(expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn take_business_authorization(&self, state_hash: &[u8], now: DateTime<Utc>) -> Result<Option<Connection>> {
        let mut tx = self.begin_write().await?;
        let taken: Option<(Uuid, Option<DateTime<Utc>>)> = sqlx::query_as(
            "select connection_id, state_expires_at from connection_business_access where state_hash = $1",
        )
        .bind(state_hash)
        .fetch_optional(&mut *tx)
        .await?;
        // Used up whether or not it is still good.
        sqlx::query(
            "update connection_business_access set state_hash = null, state_expires_at = null where state_hash = $1",
        )
        .bind(state_hash)
        .execute(&mut *tx)
        .await?;
        let Some((id, Some(expires_at))) = taken else {
            tx.commit().await?;
            return Ok(None);
        };
        let connection = sqlx::query_as::<_, Connection>(&format!("{CONNECTION_SELECT} where c.id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok((expires_at > now).then_some(connection))
    }

    async fn store_business_grant(
        &self,
        connection_id: Uuid,
        grant: &SealedBusinessGrant,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let stored = sqlx::query(
            "update connection_business_access set status = 'connected', business_id = $2, scopes = $3, \
             access_token = $4, refresh_token = $5, access_expires_at = $6, refresh_expires_at = $7, \
             connected_at = $8, ended_at = null, last_error = null, updated_at = $8 \
             where connection_id = $1 and exists (select 1 from creator_connections c \
                 where c.id = $1 and c.status = 'connected')",
        )
        .bind(connection_id)
        .bind(&grant.business_id)
        .bind(&grant.scopes)
        .bind(&grant.access_token)
        .bind(&grant.refresh_token)
        .bind(grant.access_expires_at)
        .bind(grant.refresh_expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(stored > 0)
    }

    async fn record_business_attempt(&self, connection_id: Uuid, why: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update connection_business_access set last_error = $2 where connection_id = $1 and status <> 'connected'",
        )
        .bind(connection_id)
        .bind(why)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn replace_business_tokens(
        &self,
        connection_id: Uuid,
        grant: &SealedBusinessGrant,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update connection_business_access set business_id = $2, scopes = $3, access_token = $4, \
             refresh_token = $5, access_expires_at = $6, refresh_expires_at = $7, updated_at = $8 \
             where connection_id = $1 and status = 'connected'",
        )
        .bind(connection_id)
        .bind(&grant.business_id)
        .bind(&grant.scopes)
        .bind(&grant.access_token)
        .bind(&grant.refresh_token)
        .bind(grant.access_expires_at)
        .bind(grant.refresh_expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn end_business_access(
        &self,
        connection_id: Uuid,
        status: ConnectionStatus,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<u8>>> {
        let mut tx = self.begin_write().await?;
        let held: Option<Option<Vec<u8>>> = sqlx::query_scalar(
            "select access_token from connection_business_access where connection_id = $1 and status = 'connected'",
        )
        .bind(connection_id)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(END_BUSINESS)
            .bind(connection_id)
            .bind(status.as_str())
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(held.flatten())
    }

    async fn record_business_read(&self, connection_id: Uuid, note: Option<&str>, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update connection_business_access set last_read_at = $2, last_error = $3, updated_at = $2 \
             where connection_id = $1 and status = 'connected'",
        )
        .bind(connection_id)
        .bind(now)
        .bind(note)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_business_failure(&self, connection_id: Uuid, error: &str, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update connection_business_access set last_error = $2, updated_at = $3 \
             where connection_id = $1 and status = 'connected'",
        )
        .bind(connection_id)
        .bind(error)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
