// The SQL both stores share, compiled once against each database's own sqlx types: included by
// `postgres.rs` and `sqlite.rs`, which define `Db`, `SqlStore`, `begin_write` and `BACKEND`.
// Only portable SQL goes here: `$n` parameters, `on conflict`, `returning`, no `now()` (times
// are bound from Rust, so both databases store the same values).

use async_trait::async_trait;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sqlx::types::Json;
use sqlx::QueryBuilder;
use std::collections::HashMap;
use uuid::Uuid;

use crate::domain::{Handle, MetricPoint};
use crate::store::{
    Creator, CreatorProfile, ImportSummary, ItemChange, List, ListChange, ListItem, Membership,
    NewList, NewListItem, NewRefreshToken, NewSession, NewUser, RefreshOutcome, Reorder, Result,
    Role, SessionAccess, Snapshot, SnapshotSource, Store, StoreError, User, on_unique_violation,
};

/// Rows per multi-row insert: well under both databases' limits on bound parameters.
const ROWS_PER_INSERT: usize = 1000;
/// Items one list may hold.
const MAX_LIST_ITEMS: i64 = 1000;

const USER_COLUMNS: &str =
    "id, email, display_name, password_hash, failed_logins, last_failed_login_at, created_at";
const LIST_COLUMNS: &str = "l.id, l.workspace_id, l.name, l.description, l.version, \
     (select count(*) from list_items i where i.list_id = l.id) as item_count, l.created_at, l.updated_at";
const CREATOR_COLUMNS: &str = "c.id, c.handle, c.platform_user_id, c.display_name, c.avatar_url, c.bio, \
     c.verified, c.region, c.status, c.next_fetch_at, c.last_fetched_at, c.failures, c.last_error, c.created_at";
const SNAPSHOT_COLUMNS: &str = "s.captured_at, s.followers, s.following, s.likes, s.videos, s.source";

/// A list item joined with its creator and the creator's latest snapshot visible to the workspace.
#[derive(sqlx::FromRow)]
struct ItemRow {
    item_id: Uuid,
    list_id: Uuid,
    position: i64,
    note: String,
    tags: Json<Vec<String>>,
    item_created_at: DateTime<Utc>,
    item_updated_at: DateTime<Utc>,
    #[sqlx(flatten)]
    creator: Creator,
    latest_captured_at: Option<DateTime<Utc>>,
    latest_followers: Option<i64>,
    latest_following: Option<i64>,
    latest_likes: Option<i64>,
    latest_videos: Option<i64>,
    latest_source: Option<String>,
}

impl From<ItemRow> for ListItem {
    fn from(row: ItemRow) -> Self {
        let latest = match (row.latest_captured_at, row.latest_source) {
            (Some(captured_at), Some(source)) => Some(Snapshot {
                captured_at,
                followers: row.latest_followers.unwrap_or_default(),
                following: row.latest_following.unwrap_or_default(),
                likes: row.latest_likes.unwrap_or_default(),
                videos: row.latest_videos.unwrap_or_default(),
                source,
            }),
            _ => None,
        };
        ListItem {
            id: row.item_id,
            list_id: row.list_id,
            position: row.position,
            note: row.note,
            tags: row.tags.0,
            created_at: row.item_created_at,
            updated_at: row.item_updated_at,
            creator: row.creator,
            latest,
        }
    }
}

/// Items of one list; `$1` workspace, `$2` list, then whatever `tail` binds.
fn items_query(tail: &str) -> String {
    format!(
        "select i.id as item_id, i.list_id, i.position, i.note, i.tags, \
                i.created_at as item_created_at, i.updated_at as item_updated_at, {CREATOR_COLUMNS}, \
                s.captured_at as latest_captured_at, s.followers as latest_followers, \
                s.following as latest_following, s.likes as latest_likes, s.videos as latest_videos, \
                s.source as latest_source \
         from list_items i \
         join lists l on l.id = i.list_id \
         join creators c on c.id = i.creator_id \
         left join creator_snapshots s on s.id = ( \
             select s2.id from creator_snapshots s2 \
             where s2.creator_id = i.creator_id and (s2.workspace_id is null or s2.workspace_id = $1) \
             order by s2.captured_at desc, s2.id desc limit 1) \
         where l.workspace_id = $1 and i.list_id = $2 {tail}"
    )
}

fn hour_of(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::hours(1)).unwrap_or(at)
}

impl SqlStore {
    async fn list_in(&self, executor: impl sqlx::Executor<'_, Database = Db>, workspace_id: Uuid, list_id: Uuid) -> Result<List> {
        sqlx::query_as::<_, List>(&format!("select {LIST_COLUMNS} from lists l where l.workspace_id = $1 and l.id = $2"))
            .bind(workspace_id)
            .bind(list_id)
            .fetch_optional(executor)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn item_in(&self, executor: impl sqlx::Executor<'_, Database = Db>, workspace_id: Uuid, list_id: Uuid, item_id: Uuid) -> Result<ListItem> {
        sqlx::query_as::<_, ItemRow>(&items_query("and i.id = $3"))
            .bind(workspace_id)
            .bind(list_id)
            .bind(item_id)
            .fetch_optional(executor)
            .await?
            .map(ListItem::from)
            .ok_or(StoreError::NotFound)
    }

    async fn ensure_creator_visible(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<()> {
        sqlx::query_scalar::<_, i32>("select 1 from workspace_creators where workspace_id = $1 and creator_id = $2")
            .bind(workspace_id)
            .bind(creator_id)
            .fetch_optional(&self.pool)
            .await?
            .map(|_| ())
            .ok_or(StoreError::NotFound)
    }
}

/// Inserts snapshot rows in chunks; rows with the same creator, workspace and time replace each other.
async fn upsert_snapshots(
    tx: &mut Transaction<'static, Db>,
    workspace_id: Uuid,
    rows: &[(Uuid, MetricPoint)],
    source: SnapshotSource,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Db>::new(
            "insert into creator_snapshots \
             (creator_id, workspace_id, captured_at, captured_hour, followers, following, likes, videos, source, created_at) ",
        );
        insert.push_values(chunk, |mut row, (creator_id, point)| {
            row.push_bind(*creator_id)
                .push_bind(workspace_id)
                .push_bind(point.captured_at)
                .push_bind(hour_of(point.captured_at))
                .push_bind(point.followers)
                .push_bind(point.following)
                .push_bind(point.likes)
                .push_bind(point.videos)
                .push_bind(source.as_str())
                .push_bind(now);
        });
        insert.push(
            " on conflict (creator_id, workspace_id, captured_at) where workspace_id is not null do update set \
             followers = excluded.followers, following = excluded.following, likes = excluded.likes, \
             videos = excluded.videos, source = excluded.source, created_at = excluded.created_at",
        );
        written += insert.build().execute(&mut **tx).await?.rows_affected();
    }
    Ok(written)
}

/// Drops all but the last row for each (creator, time): one statement may not touch a row twice.
fn dedupe_points(rows: Vec<(Uuid, MetricPoint)>) -> Vec<(Uuid, MetricPoint)> {
    let mut last: HashMap<(Uuid, DateTime<Utc>), usize> = HashMap::with_capacity(rows.len());
    for (index, (creator_id, point)) in rows.iter().enumerate() {
        last.insert((*creator_id, point.captured_at), index);
    }
    rows.into_iter()
        .enumerate()
        .filter(|(index, (creator_id, point))| last.get(&(*creator_id, point.captured_at)) == Some(index))
        .map(|(_, row)| row)
        .collect()
}

#[async_trait]
impl Store for SqlStore {
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
        .map_err(on_unique_violation("email_taken"))?;
        sqlx::query("insert into workspaces (id, name, created_at, updated_at) values ($1, $2, $3, $3)")
            .bind(user.workspace_id)
            .bind(&user.workspace_name)
            .bind(user.now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("insert into memberships (workspace_id, user_id, role, created_at, updated_at) values ($1, $2, $3, $4, $4)")
            .bind(user.workspace_id)
            .bind(user.id)
            .bind(Role::Owner.as_str())
            .bind(user.now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let membership = Membership { workspace_id: user.workspace_id, workspace_name: user.workspace_name, role: Role::Owner };
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
        sqlx::query("insert into sessions (id, user_id, expires_at, created_at, updated_at) values ($1, $2, $3, $4, $4)")
            .bind(session.id)
            .bind(session.user_id)
            .bind(session.expires_at)
            .bind(session.now)
            .execute(&mut *tx)
            .await?;
        let token = session.refresh_token;
        sqlx::query("insert into refresh_tokens (token_hash, session_id, expires_at, created_at) values ($1, $2, $3, $4)")
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
        let found = sqlx::query_as::<_, (Uuid, Option<DateTime<Utc>>, DateTime<Utc>, Uuid, Option<DateTime<Utc>>, DateTime<Utc>)>(
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
        sqlx::query("insert into refresh_tokens (token_hash, session_id, expires_at, created_at) values ($1, $2, $3, $4)")
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
            None => format!("select m.workspace_id, m.role {active_session} order by m.created_at, m.workspace_id limit 1"),
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

    async fn create_list(&self, list: NewList) -> Result<List> {
        sqlx::query("insert into lists (id, workspace_id, name, description, created_at, updated_at) values ($1, $2, $3, $4, $5, $5)")
            .bind(list.id)
            .bind(list.workspace_id)
            .bind(&list.name)
            .bind(&list.description)
            .bind(list.now)
            .execute(&self.pool)
            .await
            .map_err(on_unique_violation("duplicate_list_name"))?;
        self.list_in(&self.pool, list.workspace_id, list.id).await
    }

    async fn lists(&self, workspace_id: Uuid, after: Option<Uuid>, limit: i64) -> Result<Vec<List>> {
        let after_clause = if after.is_some() { "and l.id > $3" } else { "" };
        let sql = format!("select {LIST_COLUMNS} from lists l where l.workspace_id = $1 {after_clause} order by l.id limit $2");
        let mut query = sqlx::query_as::<_, List>(&sql).bind(workspace_id).bind(limit);
        if let Some(after) = after {
            query = query.bind(after);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    async fn list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<List> {
        self.list_in(&self.pool, workspace_id, list_id).await
    }

    async fn update_list(&self, workspace_id: Uuid, list_id: Uuid, change: ListChange) -> Result<List> {
        let updated = sqlx::query(
            "update lists set name = coalesce($3, name), description = coalesce($4, description), updated_at = $5 \
             where workspace_id = $1 and id = $2",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(change.name)
        .bind(change.description)
        .bind(change.now)
        .execute(&self.pool)
        .await
        .map_err(on_unique_violation("duplicate_list_name"))?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.list_in(&self.pool, workspace_id, list_id).await
    }

    async fn delete_list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<()> {
        let deleted = sqlx::query("delete from lists where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(list_id)
            .execute(&self.pool)
            .await?;
        if deleted.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn add_list_item(&self, workspace_id: Uuid, list_id: Uuid, item: NewListItem) -> Result<ListItem> {
        let mut tx = self.begin_write().await?;
        let list = self.list_in(&mut *tx, workspace_id, list_id).await?;
        if list.item_count >= MAX_LIST_ITEMS {
            return Err(StoreError::LimitReached("list_full"));
        }
        sqlx::query(
            "insert into creators (id, handle, next_fetch_at, created_at, updated_at) values ($1, $2, $3, $3, $3) \
             on conflict (handle) do nothing",
        )
        .bind(Uuid::now_v7())
        .bind(item.handle.as_ref())
        .bind(item.now)
        .execute(&mut *tx)
        .await?;
        let creator_id: Uuid = sqlx::query_scalar("select id from creators where handle = $1")
            .bind(item.handle.as_ref())
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "insert into workspace_creators (workspace_id, creator_id, created_at) values ($1, $2, $3) \
             on conflict (workspace_id, creator_id) do nothing",
        )
        .bind(workspace_id)
        .bind(creator_id)
        .bind(item.now)
        .execute(&mut *tx)
        .await?;
        let next_position: i64 = sqlx::query_scalar("select coalesce(max(position) + 1, 0) from list_items where list_id = $1")
            .bind(list_id)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "insert into list_items (id, list_id, creator_id, position, note, tags, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(item.id)
        .bind(list_id)
        .bind(creator_id)
        .bind(next_position)
        .bind(&item.note)
        .bind(Json(&item.tags))
        .bind(item.now)
        .execute(&mut *tx)
        .await
        .map_err(on_unique_violation("creator_already_in_list"))?;
        sqlx::query("update lists set version = version + 1, updated_at = $2 where id = $1")
            .bind(list_id)
            .bind(item.now)
            .execute(&mut *tx)
            .await?;
        let added = self.item_in(&mut *tx, workspace_id, list_id, item.id).await?;
        tx.commit().await?;
        Ok(added)
    }

    async fn list_items(&self, workspace_id: Uuid, list_id: Uuid, from: i64, limit: i64) -> Result<(i64, Vec<ListItem>)> {
        let list = self.list_in(&self.pool, workspace_id, list_id).await?;
        let rows = sqlx::query_as::<_, ItemRow>(&items_query("and i.position >= $3 order by i.position limit $4"))
            .bind(workspace_id)
            .bind(list_id)
            .bind(from)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok((list.version, rows.into_iter().map(ListItem::from).collect()))
    }

    async fn update_list_item(&self, workspace_id: Uuid, list_id: Uuid, item_id: Uuid, change: ItemChange) -> Result<ListItem> {
        let updated = sqlx::query(
            "update list_items set note = coalesce($4, note), tags = coalesce($5, tags), updated_at = $6 \
             where id = $3 and list_id = $2 and list_id in (select id from lists where workspace_id = $1)",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(item_id)
        .bind(change.note)
        .bind(change.tags.map(Json))
        .bind(change.now)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.item_in(&self.pool, workspace_id, list_id, item_id).await
    }

    async fn remove_list_item(&self, workspace_id: Uuid, list_id: Uuid, item_id: Uuid, now: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query(
            "delete from list_items where id = $3 and list_id = $2 and list_id in (select id from lists where workspace_id = $1)",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let version = sqlx::query_scalar("update lists set version = version + 1, updated_at = $2 where id = $1 returning version")
            .bind(list_id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(version)
    }

    async fn reorder_list(&self, workspace_id: Uuid, list_id: Uuid, reorder: Reorder) -> Result<i64> {
        let (expected_version, now) = match &reorder {
            Reorder::Move { expected_version, now, .. } | Reorder::Set { expected_version, now, .. } => (*expected_version, *now),
        };
        let mut tx = self.begin_write().await?;
        // The version check and bump come first: a concurrent reorder with the same version waits
        // on this row and then finds the version moved on.
        let version: Option<i64> = sqlx::query_scalar(
            "update lists set version = version + 1, updated_at = $4 \
             where id = $2 and workspace_id = $1 and version = $3 returning version",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(expected_version)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(version) = version else {
            self.list_in(&mut *tx, workspace_id, list_id).await?;
            return Err(StoreError::StaleVersion);
        };
        let current: Vec<(Uuid, i64)> = sqlx::query_as("select id, position from list_items where list_id = $1 order by position, id")
            .bind(list_id)
            .fetch_all(&mut *tx)
            .await?;
        let mut order: Vec<Uuid> = current.iter().map(|(id, _)| *id).collect();
        match reorder {
            Reorder::Move { item_id, position, .. } => {
                let from = order.iter().position(|id| *id == item_id).ok_or(StoreError::NotFound)?;
                let moved = order.remove(from);
                let to = usize::try_from(position).unwrap_or(0).min(order.len());
                order.insert(to, moved);
            }
            Reorder::Set { item_ids, .. } => {
                let mut wanted = item_ids.clone();
                wanted.sort_unstable();
                let mut have = order.clone();
                have.sort_unstable();
                if wanted != have {
                    return Err(StoreError::ItemSetMismatch);
                }
                order = item_ids;
            }
        }
        for (position, id) in order.iter().enumerate() {
            let position = position as i64;
            let unchanged = current.iter().any(|(cid, cpos)| cid == id && *cpos == position);
            if !unchanged {
                sqlx::query("update list_items set position = $2 where id = $1")
                    .bind(id)
                    .bind(position)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(version)
    }

    async fn creator(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<CreatorProfile> {
        let creator = sqlx::query_as::<_, Creator>(&format!(
            "select {CREATOR_COLUMNS} from creators c \
             join workspace_creators w on w.creator_id = c.id and w.workspace_id = $1 where c.id = $2"
        ))
        .bind(workspace_id)
        .bind(creator_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let visible = "from creator_snapshots s where s.creator_id = $2 and (s.workspace_id is null or s.workspace_id = $1)";
        let latest = sqlx::query_as::<_, Snapshot>(&format!(
            "select {SNAPSHOT_COLUMNS} {visible} order by s.captured_at desc, s.id desc limit 1"
        ))
        .bind(workspace_id)
        .bind(creator_id)
        .fetch_optional(&self.pool)
        .await?;
        let (tracking_since, snapshot_count): (Option<DateTime<Utc>>, i64) =
            sqlx::query_as(&format!("select min(s.captured_at), count(*) {visible}"))
                .bind(workspace_id)
                .bind(creator_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(CreatorProfile { creator, latest, tracking_since, snapshot_count })
    }

    async fn write_snapshots(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        points: &[MetricPoint],
        source: SnapshotSource,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        let rows = dedupe_points(points.iter().map(|point| (creator_id, *point)).collect());
        let mut tx = self.begin_write().await?;
        let written = upsert_snapshots(&mut tx, workspace_id, &rows, source, now).await?;
        tx.commit().await?;
        Ok(written)
    }

    async fn snapshots(&self, workspace_id: Uuid, creator_id: Uuid, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Snapshot>> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        Ok(sqlx::query_as::<_, Snapshot>(&format!(
            "select {SNAPSHOT_COLUMNS} from creator_snapshots s \
             where s.creator_id = $2 and (s.workspace_id is null or s.workspace_id = $1) \
               and s.captured_at >= $3 and s.captured_at <= $4 \
             order by s.captured_at, s.id"
        ))
        .bind(workspace_id)
        .bind(creator_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn import_snapshots(
        &self,
        workspace_id: Uuid,
        rows: &[(Handle, MetricPoint)],
        source: SnapshotSource,
        now: DateTime<Utc>,
    ) -> Result<ImportSummary> {
        let mut handles: Vec<&str> = rows.iter().map(|(handle, _)| handle.as_ref()).collect();
        handles.sort_unstable();
        handles.dedup();

        let mut tx = self.begin_write().await?;
        let mut creators_created = 0;
        let mut ids: HashMap<String, Uuid> = HashMap::with_capacity(handles.len());
        for chunk in handles.chunks(ROWS_PER_INSERT) {
            let mut insert = QueryBuilder::<Db>::new("insert into creators (id, handle, next_fetch_at, created_at, updated_at) ");
            insert.push_values(chunk, |mut row, handle| {
                row.push_bind(Uuid::now_v7()).push_bind(*handle).push_bind(now).push_bind(now).push_bind(now);
            });
            insert.push(" on conflict (handle) do nothing");
            creators_created += insert.build().execute(&mut *tx).await?.rows_affected();

            let mut select = QueryBuilder::<Db>::new("select id, handle from creators where handle in (");
            let mut separated = select.separated(", ");
            for handle in chunk {
                separated.push_bind(*handle);
            }
            select.push(")");
            for (id, handle) in select.build_query_as::<(Uuid, String)>().fetch_all(&mut *tx).await? {
                ids.insert(handle, id);
            }

            let mut known = QueryBuilder::<Db>::new("insert into workspace_creators (workspace_id, creator_id, created_at) ");
            known.push_values(chunk, |mut row, handle| {
                row.push_bind(workspace_id).push_bind(ids[*handle]).push_bind(now);
            });
            known.push(" on conflict (workspace_id, creator_id) do nothing");
            known.build().execute(&mut *tx).await?;
        }

        let points = dedupe_points(rows.iter().map(|(handle, point)| (ids[handle.as_ref()], *point)).collect());
        let rows_written = upsert_snapshots(&mut tx, workspace_id, &points, source, now).await?;
        tx.commit().await?;
        Ok(ImportSummary { rows_written, creators_created })
    }
}
