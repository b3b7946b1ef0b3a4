//! Members and invitations.

use super::*;

const MEMBER_COLUMNS: &str = "u.id as user_id, u.email, u.display_name, m.role, m.created_at as joined_at";
const INVITATION_SELECT: &str = "select i.id, i.workspace_id, w.name as workspace_name, i.email, i.role, \
     u.display_name as invited_by_name, i.expires_at, i.accepted_at, i.revoked_at, i.created_at \
     from invitations i join workspaces w on w.id = i.workspace_id left join users u on u.id = i.invited_by";

impl SqlStore {
    async fn member_in<'e, E>(&self, executor: E, workspace_id: Uuid, user_id: Uuid) -> Result<Member>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        Ok(sqlx::query_as::<_, Member>(&format!(
            "select {MEMBER_COLUMNS} from memberships m join users u on u.id = m.user_id \
             where m.workspace_id = $1 and m.user_id = $2"
        ))
        .bind(workspace_id)
        .bind(user_id)
        .fetch_one(executor)
        .await?)
    }

    /// Takes the workspace's row lock, so membership changes of one workspace happen one at a
    /// time (PostgreSQL; SQLite has one writer anyway) and "at least one owner" holds.
    async fn lock_workspace(&self, tx: &mut WriteTx<Db>, workspace_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        let locked = sqlx::query("update workspaces set updated_at = $2 where id = $1")
            .bind(workspace_id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        if locked.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn other_owners(&self, tx: &mut WriteTx<Db>, workspace_id: Uuid, user_id: Uuid) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "select count(*) from memberships where workspace_id = $1 and role = 'owner' and user_id <> $2",
        )
        .bind(workspace_id)
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?)
    }
}

#[async_trait]
impl TeamStore for SqlStore {
    async fn members(&self, workspace_id: Uuid) -> Result<Vec<Member>> {
        Ok(sqlx::query_as::<_, Member>(&format!(
            "select {MEMBER_COLUMNS} from memberships m join users u on u.id = m.user_id \
             where m.workspace_id = $1 order by m.created_at, u.id"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn set_member_role(
        &self,
        workspace_id: Uuid,
        user_id: Uuid,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Member> {
        let mut tx = self.begin_write().await?;
        self.lock_workspace(&mut tx, workspace_id, now).await?;
        let current = self.member_in(&mut *tx, workspace_id, user_id).await?;
        if current.role == Role::Owner
            && role != Role::Owner
            && self.other_owners(&mut tx, workspace_id, user_id).await? == 0
        {
            return Err(StoreError::Conflict(Conflict::LastOwner));
        }
        sqlx::query("update memberships set role = $3, updated_at = $4 where workspace_id = $1 and user_id = $2")
            .bind(workspace_id)
            .bind(user_id)
            .bind(role.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let member = self.member_in(&mut *tx, workspace_id, user_id).await?;
        tx.commit().await?;
        Ok(member)
    }

    async fn remove_member(&self, workspace_id: Uuid, user_id: Uuid) -> Result<()> {
        let now = Utc::now();
        let mut tx = self.begin_write().await?;
        self.lock_workspace(&mut tx, workspace_id, now).await?;
        let current = self.member_in(&mut *tx, workspace_id, user_id).await?;
        if current.role == Role::Owner && self.other_owners(&mut tx, workspace_id, user_id).await? == 0 {
            return Err(StoreError::Conflict(Conflict::LastOwner));
        }
        sqlx::query("delete from memberships where workspace_id = $1 and user_id = $2")
            .bind(workspace_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "update api_keys set revoked_at = $3 where workspace_id = $1 and user_id = $2 and revoked_at is null",
        )
        .bind(workspace_id)
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn rename_workspace(&self, workspace_id: Uuid, name: &str, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let renamed = sqlx::query("update workspaces set name = $2, updated_at = $3 where id = $1")
            .bind(workspace_id)
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        if renamed.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn create_invitation(&self, invitation: NewInvitation) -> Result<Invitation> {
        let mut tx = self.begin_write().await?;
        let member = sqlx::query_scalar::<_, i32>(
            "select 1 from memberships m join users u on u.id = m.user_id where m.workspace_id = $1 and u.email = $2",
        )
        .bind(invitation.workspace_id)
        .bind(&invitation.email)
        .fetch_optional(&mut *tx)
        .await?;
        if member.is_some() {
            return Err(StoreError::Conflict(Conflict::AlreadyMember));
        }
        sqlx::query(
            "insert into invitations (id, workspace_id, email, role, token_hash, invited_by, expires_at, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(invitation.id)
        .bind(invitation.workspace_id)
        .bind(&invitation.email)
        .bind(invitation.role.as_str())
        .bind(&invitation.token_hash)
        .bind(invitation.invited_by)
        .bind(invitation.expires_at)
        .bind(invitation.now)
        .execute(&mut *tx)
        .await?;
        let created = sqlx::query_as::<_, Invitation>(&format!("{INVITATION_SELECT} where i.id = $1"))
            .bind(invitation.id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn pending_invitations(&self, workspace_id: Uuid, now: DateTime<Utc>) -> Result<Vec<Invitation>> {
        Ok(sqlx::query_as::<_, Invitation>(&format!(
            "{INVITATION_SELECT} where i.workspace_id = $1 and i.accepted_at is null and i.revoked_at is null \
             and i.expires_at > $2 order by i.created_at, i.id"
        ))
        .bind(workspace_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_invitation(&self, workspace_id: Uuid, invitation_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let revoked = sqlx::query(
            "update invitations set revoked_at = $3 \
             where workspace_id = $1 and id = $2 and accepted_at is null and revoked_at is null",
        )
        .bind(workspace_id)
        .bind(invitation_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if revoked.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn invitation_by_token(&self, token_hash: &[u8]) -> Result<Option<Invitation>> {
        Ok(sqlx::query_as::<_, Invitation>(&format!(
            "{INVITATION_SELECT} where i.token_hash = $1 and i.revoked_at is null"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn accept_invitation(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Membership, InvitationRefusal>> {
        let mut tx = self.begin_write().await?;
        let invitation = sqlx::query_as::<_, Invitation>(&format!(
            "{INVITATION_SELECT} where i.token_hash = $1 and i.revoked_at is null"
        ))
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(invitation) = invitation else { return Ok(Err(InvitationRefusal::NotFound)) };
        if invitation.accepted_at.is_some() {
            return Ok(Err(InvitationRefusal::Used));
        }
        if invitation.expires_at <= now {
            return Ok(Err(InvitationRefusal::Expired));
        }
        let email = sqlx::query_scalar::<_, String>("select email from users where id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        if email != invitation.email {
            return Ok(Err(InvitationRefusal::OtherEmail));
        }
        let member = sqlx::query_scalar::<_, i32>("select 1 from memberships where workspace_id = $1 and user_id = $2")
            .bind(invitation.workspace_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        if member.is_some() {
            return Ok(Err(InvitationRefusal::AlreadyMember));
        }
        let used = sqlx::query(
            "update invitations set accepted_at = $2, accepted_by = $3 where id = $1 and accepted_at is null",
        )
        .bind(invitation.id)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() == 0 {
            return Ok(Err(InvitationRefusal::Used));
        }
        sqlx::query(
            "insert into memberships (workspace_id, user_id, role, created_at, updated_at) values ($1, $2, $3, $4, $4)",
        )
        .bind(invitation.workspace_id)
        .bind(user_id)
        .bind(invitation.role.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(on_unique_violation(Conflict::AlreadyMember))?;
        tx.commit().await?;
        Ok(Ok(Membership {
            workspace_id: invitation.workspace_id,
            workspace_name: invitation.workspace_name,
            role: invitation.role,
        }))
    }
}
