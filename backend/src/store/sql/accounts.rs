//! Users, memberships and sessions.

use super::*;

#[async_trait]
impl AccountStore for SqlStore {
    async fn create_user(&self, user: NewUser) -> Result<(User, Membership)> {
        let mut tx = self.begin_write().await?;
        let created = sqlx::query_as::<_, User>(&format!(
            "insert into users (id, email, display_name, password_hash, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $5) returning {USER_COLUMNS}"
        ))
        .bind(user.id)
        .bind(&user.email)
        .bind(&user.display_name)
        .bind(&user.password_hash)
        .bind(user.now)
        .fetch_one(&mut *tx)
        .await
        .map_err(on_unique_violation(Conflict::EmailTaken))?;
        sqlx::query("insert into workspaces (id, name, created_at, updated_at) values ($1, $2, $3, $3)")
            .bind(user.workspace_id)
            .bind(&user.workspace_name)
            .bind(user.now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into memberships (workspace_id, user_id, role, created_at, updated_at) values ($1, $2, $3, $4, $4)",
        )
        .bind(user.workspace_id)
        .bind(user.id)
        .bind(Role::Owner.as_str())
        .bind(user.now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let membership =
            Membership { workspace_id: user.workspace_id, workspace_name: user.workspace_name, role: Role::Owner };
        Ok((created, membership))
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as::<_, User>(&format!("select {USER_COLUMNS} from users where email = $1"))
            .bind(email)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn user_by_id(&self, id: Uuid) -> Result<Option<User>> {
        Ok(sqlx::query_as::<_, User>(&format!("select {USER_COLUMNS} from users where id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn record_failed_login(&self, user_id: Uuid, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("update users set failed_logins = failed_logins + 1, last_failed_login_at = $2 where id = $1")
            .bind(user_id)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn record_successful_login(&self, user_id: Uuid, rehashed_password: Option<String>) -> Result<()> {
        sqlx::query(
            "update users set failed_logins = 0, last_failed_login_at = null, \
             password_hash = coalesce($2, password_hash) where id = $1",
        )
        .bind(user_id)
        .bind(rehashed_password)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn set_password(&self, user_id: Uuid, password_hash: &str, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update users set password_hash = $2, updated_at = $3 where id = $1")
            .bind(user_id)
            .bind(password_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("update sessions set revoked_at = $2, updated_at = $2 where user_id = $1 and revoked_at is null")
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn memberships(&self, user_id: Uuid) -> Result<Vec<Membership>> {
        let rows = sqlx::query_as::<_, (Uuid, String, String)>(
            "select w.id, w.name, m.role from memberships m join workspaces w on w.id = m.workspace_id \
             where m.user_id = $1 order by m.created_at, w.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(workspace_id, workspace_name, role)| {
                Some(Membership { workspace_id, workspace_name, role: Role::parse(&role)? })
            })
            .collect())
    }

    async fn create_session(&self, session: NewSession) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into sessions (id, user_id, expires_at, created_at, updated_at) values ($1, $2, $3, $4, $4)",
        )
        .bind(session.id)
        .bind(session.user_id)
        .bind(session.expires_at)
        .bind(session.now)
        .execute(&mut *tx)
        .await?;
        let token = session.refresh_token;
        sqlx::query(
            "insert into refresh_tokens (token_hash, session_id, expires_at, created_at) values ($1, $2, $3, $4)",
        )
        .bind(&token.hash)
        .bind(session.id)
        .bind(token.expires_at.min(session.expires_at))
        .bind(token.now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn rotate_refresh_token(&self, presented: &[u8], next: NewRefreshToken) -> Result<RefreshOutcome> {
        let now = next.now;
        let mut tx = self.begin_write().await?;
        let found = sqlx::query_as::<
            _,
            (Uuid, Option<DateTime<Utc>>, DateTime<Utc>, Uuid, Option<DateTime<Utc>>, DateTime<Utc>),
        >(
            "select r.session_id, r.used_at, r.expires_at, s.user_id, s.revoked_at, s.expires_at \
             from refresh_tokens r join sessions s on s.id = r.session_id where r.token_hash = $1",
        )
        .bind(presented)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((session_id, used_at, expires_at, user_id, revoked_at, session_expires_at)) = found else {
            return Ok(RefreshOutcome::Invalid);
        };
        if revoked_at.is_some() || expires_at <= now || session_expires_at <= now {
            return Ok(RefreshOutcome::Invalid);
        }
        let claimed = if used_at.is_none() {
            sqlx::query("update refresh_tokens set used_at = $2 where token_hash = $1 and used_at is null")
                .bind(presented)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1
        } else {
            false
        };
        if !claimed {
            // A token used twice was stolen or replayed: end the whole session (RFC 9700 §4.14.2).
            sqlx::query("update sessions set revoked_at = $2, updated_at = $2 where id = $1")
                .bind(session_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(RefreshOutcome::Reused);
        }
        sqlx::query(
            "insert into refresh_tokens (token_hash, session_id, expires_at, created_at) values ($1, $2, $3, $4)",
        )
        .bind(&next.hash)
        .bind(session_id)
        .bind(next.expires_at.min(session_expires_at))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(RefreshOutcome::Rotated { user_id, session_id })
    }

    async fn revoke_session(&self, session_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("update sessions set revoked_at = $2, updated_at = $2 where id = $1 and revoked_at is null")
            .bind(session_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn session_access(
        &self,
        session_id: Uuid,
        user_id: Uuid,
        workspace_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<SessionAccess> {
        let active_session = "from sessions s join memberships m on m.user_id = s.user_id \
             where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > $3";
        let sql = match workspace_id {
            Some(_) => format!("select m.workspace_id, m.role {active_session} and m.workspace_id = $4"),
            None => {
                format!("select m.workspace_id, m.role {active_session} order by m.created_at, m.workspace_id limit 1")
            }
        };
        let mut query = sqlx::query_as::<_, (Uuid, String)>(&sql).bind(session_id).bind(user_id).bind(now);
        if let Some(workspace_id) = workspace_id {
            query = query.bind(workspace_id);
        }
        let granted = query.fetch_optional(&self.pool).await?;
        if let Some((workspace_id, role)) = granted {
            let role = Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role:?} in memberships"))?;
            return Ok(SessionAccess::Granted { workspace_id, role });
        }
        let active = sqlx::query_scalar::<_, i32>(
            "select 1 from sessions s where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > $3",
        )
        .bind(session_id)
        .bind(user_id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(if active.is_some() { SessionAccess::NotAMember } else { SessionAccess::Inactive })
    }
}
