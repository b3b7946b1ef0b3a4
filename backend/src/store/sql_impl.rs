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
use crate::store::{AudienceRow, CreatorInputs, CreatorScope, SnapshotTuple, VideoFacts, WorkspaceDocuments};
use crate::store::{
    ClaimedCreator, CreatorStatus, FetchFailure, FetchSuccess, HashtagVideo, Job, SearchHit, SourceEvent, SourceState,
    VideoCursor, VideoOrder, VideoRow,
};
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
     c.verified, c.region, c.status, c.next_fetch_at, c.last_fetched_at, c.failures, c.last_error, c.created_at, c.data_version";
const VIDEO_COLUMNS: &str = "v.id, v.platform_id, v.creator_id, v.posted_at, v.description, v.hashtags, \
     v.duration_seconds, v.cover_url, v.share_url, v.region, v.views, v.likes, v.comments, v.shares, v.saves, v.source, v.fetched_at";
const JOB_COLUMNS: &str =
    "id, workspace_id, kind, creator_id, status, progress, message, created_at, updated_at, finished_at";
const SNAPSHOT_COLUMNS: &str = "s.captured_at, s.followers, s.following, s.likes, s.videos, s.source";

/// The latest snapshot visible to a workspace, as `latest_*` columns of a joined row.
#[derive(sqlx::FromRow)]
struct LatestColumns {
    latest_captured_at: Option<DateTime<Utc>>,
    latest_followers: Option<i64>,
    latest_following: Option<i64>,
    latest_likes: Option<i64>,
    latest_videos: Option<i64>,
    latest_source: Option<String>,
}

impl LatestColumns {
    fn into_snapshot(self) -> Option<Snapshot> {
        Some(Snapshot {
            captured_at: self.latest_captured_at?,
            followers: self.latest_followers.unwrap_or_default(),
            following: self.latest_following.unwrap_or_default(),
            likes: self.latest_likes.unwrap_or_default(),
            videos: self.latest_videos.unwrap_or_default(),
            source: self.latest_source?,
        })
    }
}

/// Joins `s` on the latest snapshot of creator `creator` that the workspace may see; the
/// workspace goes between the head and the tail. (Each database has its own form: see
/// `LATEST_SNAPSHOT_HEAD`.)
fn latest_join_head(creator: &str) -> String {
    SqlStore::LATEST_SNAPSHOT_HEAD.replace("{creator}", creator)
}

const LATEST_JOIN_TAIL: &str = SqlStore::LATEST_SNAPSHOT_TAIL;

const LATEST_COLUMNS: &str = "s.captured_at as latest_captured_at, s.followers as latest_followers, \
     s.following as latest_following, s.likes as latest_likes, s.videos as latest_videos, s.source as latest_source";

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
    #[sqlx(flatten)]
    latest: LatestColumns,
}

impl From<ItemRow> for ListItem {
    fn from(row: ItemRow) -> Self {
        ListItem {
            id: row.item_id,
            list_id: row.list_id,
            position: row.position,
            note: row.note,
            tags: row.tags.0,
            created_at: row.item_created_at,
            updated_at: row.item_updated_at,
            creator: row.creator,
            latest: row.latest.into_snapshot(),
        }
    }
}

/// Items of one list; `$1` workspace, `$2` list, then whatever `tail` binds.
fn items_query(tail: &str) -> String {
    let latest_head = latest_join_head("i.creator_id");
    format!(
        "select i.id as item_id, i.list_id, i.position, i.note, i.tags, \
                i.created_at as item_created_at, i.updated_at as item_updated_at, {CREATOR_COLUMNS}, {LATEST_COLUMNS} \
         from list_items i \
         join lists l on l.id = i.list_id \
         join creators c on c.id = i.creator_id \
         {latest_head}$1{LATEST_JOIN_TAIL} \
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

    /// Videos by TikTok id, most viewed first, with their authors and whether the workspace tracks them.
    async fn hashtag_videos(&self, workspace_id: Uuid, platform_ids: &[String]) -> Result<Vec<HashtagVideo>> {
        if platform_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut select = QueryBuilder::<Db>::new(format!("select {VIDEO_COLUMNS} from videos v where v.platform_id in ("));
        let mut separated = select.separated(", ");
        for id in platform_ids {
            separated.push_bind(id);
        }
        select.push(") order by v.views desc, v.id");
        let videos = select.build_query_as::<VideoRow>().fetch_all(&self.pool).await?;
        let mut creator_ids: Vec<Uuid> = videos.iter().map(|v| v.creator_id).collect();
        creator_ids.sort_unstable();
        creator_ids.dedup();
        let mut creators_query = QueryBuilder::<Db>::new(format!("select {CREATOR_COLUMNS} from creators c where c.id in ("));
        let mut separated = creators_query.separated(", ");
        for id in &creator_ids {
            separated.push_bind(*id);
        }
        creators_query.push(")");
        let creators: HashMap<Uuid, Creator> =
            creators_query.build_query_as::<Creator>().fetch_all(&self.pool).await?.into_iter().map(|c| (c.id, c)).collect();
        let tracked: Vec<Uuid> = sqlx::query_scalar(
            "select distinct i.creator_id from list_items i join lists l on l.id = i.list_id where l.workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(videos
            .into_iter()
            .filter_map(|video| {
                let creator = creators.get(&video.creator_id)?.clone();
                let tracked = tracked.contains(&creator.id);
                Some(HashtagVideo { video, creator, tracked })
            })
            .collect())
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

/// Marks the creators' metric data as changed (`creators.data_version`), in the transaction that
/// changes it, so caches of analytics inputs can check they are exact.
async fn bump_data_versions(tx: &mut WriteTx<Db>, creator_ids: impl IntoIterator<Item = Uuid>) -> Result<()> {
    let mut ids: Vec<Uuid> = creator_ids.into_iter().collect();
    // One order for every writer, so concurrent transactions lock rows in the same order.
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(ROWS_PER_INSERT) {
        let mut update = QueryBuilder::<Db>::new("update creators set data_version = data_version + 1 where id in (");
        let mut separated = update.separated(", ");
        for id in chunk {
            separated.push_bind(*id);
        }
        update.push(")");
        update.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Inserts snapshot rows in chunks; rows with the same creator, workspace and time replace each other.
/// `workspace_id` is `None` for fetched snapshots, which are shared and kept one per hour.
async fn upsert_snapshots(
    tx: &mut WriteTx<Db>,
    workspace_id: Option<Uuid>,
    rows: &[(Uuid, MetricPoint)],
    source: &str,
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
                .push_bind(source)
                .push_bind(now);
        });
        insert.push(match workspace_id {
            Some(_) => " on conflict (creator_id, workspace_id, captured_at) where workspace_id is not null do update set ",
            None => " on conflict (creator_id, captured_hour) where workspace_id is null do update set captured_at = excluded.captured_at, ",
        });
        insert.push(
            "followers = excluded.followers, following = excluded.following, likes = excluded.likes, \
             videos = excluded.videos, source = excluded.source, created_at = excluded.created_at",
        );
        written += insert.build().execute(&mut **tx).await?.rows_affected();
    }
    bump_data_versions(tx, rows.iter().map(|(creator_id, _)| *creator_id)).await?;
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


/// Creates the creators that do not exist yet and returns every handle's id.
async fn upsert_creator_handles(
    tx: &mut WriteTx<Db>,
    handles: &[&str],
    now: DateTime<Utc>,
) -> Result<(HashMap<String, Uuid>, u64)> {
    let mut ids = HashMap::with_capacity(handles.len());
    let mut created = 0;
    for chunk in handles.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Db>::new("insert into creators (id, handle, next_fetch_at, created_at, updated_at) ");
        insert.push_values(chunk, |mut row, handle| {
            row.push_bind(Uuid::now_v7()).push_bind(*handle).push_bind(now).push_bind(now).push_bind(now);
        });
        insert.push(" on conflict (handle) do nothing");
        created += insert.build().execute(&mut **tx).await?.rows_affected();

        let mut select = QueryBuilder::<Db>::new("select id, handle from creators where handle in (");
        let mut separated = select.separated(", ");
        for handle in chunk {
            separated.push_bind(*handle);
        }
        select.push(")");
        for (id, handle) in select.build_query_as::<(Uuid, String)>().fetch_all(&mut **tx).await? {
            ids.insert(handle, id);
        }
    }
    Ok((ids, created))
}

async fn remember(
    tx: &mut WriteTx<Db>,
    workspace_id: Uuid,
    creator_ids: &[Uuid],
    origin: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for chunk in creator_ids.chunks(ROWS_PER_INSERT) {
        let mut known =
            QueryBuilder::<Db>::new("insert into workspace_creators (workspace_id, creator_id, created_at, origin) ");
        known.push_values(chunk, |mut row, creator_id| {
            row.push_bind(workspace_id).push_bind(*creator_id).push_bind(now).push_bind(origin);
        });
        known.push(" on conflict (workspace_id, creator_id) do nothing");
        known.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Upserts videos (by TikTok id) and one stats snapshot per video per hour. The caller bumps the
/// creators' data versions (a fetch does it with its profile update).
async fn upsert_videos(
    tx: &mut WriteTx<Db>,
    creator_ids: &HashMap<String, Uuid>,
    videos: &[zzyzx_sources::Video],
    source: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut unique: HashMap<&str, &zzyzx_sources::Video> = HashMap::new();
    for video in videos {
        unique.insert(video.platform_id.as_str(), video);
    }
    let mut videos: Vec<(&zzyzx_sources::Video, Uuid)> =
        unique.into_values().filter_map(|v| creator_ids.get(&v.author_handle).map(|id| (v, *id))).collect();
    // One order for every writer, so concurrent upserts lock rows in the same order.
    videos.sort_unstable_by(|a, b| a.0.platform_id.cmp(&b.0.platform_id));
    for chunk in videos.chunks(ROWS_PER_INSERT / 2) {
        let mut insert = QueryBuilder::<Db>::new(
            "insert into videos (id, platform_id, creator_id, posted_at, description, hashtags, duration_seconds, \
             cover_url, share_url, region, views, likes, comments, shares, saves, source, fetched_at, created_at, updated_at) ",
        );
        insert.push_values(chunk, |mut row, (video, creator_id)| {
            row.push_bind(Uuid::now_v7())
                .push_bind(&video.platform_id)
                .push_bind(*creator_id)
                .push_bind(video.posted_at)
                .push_bind(&video.description)
                .push_bind(Json(&video.hashtags))
                .push_bind(video.duration_seconds)
                .push_bind(&video.cover_url)
                .push_bind(&video.share_url)
                .push_bind(&video.region)
                .push_bind(video.views)
                .push_bind(video.likes)
                .push_bind(video.comments)
                .push_bind(video.shares)
                .push_bind(video.saves)
                .push_bind(source)
                .push_bind(now)
                .push_bind(now)
                .push_bind(now);
        });
        insert.push(
            " on conflict (platform_id) do update set description = excluded.description, hashtags = excluded.hashtags, \
             duration_seconds = excluded.duration_seconds, cover_url = excluded.cover_url, region = excluded.region, \
             views = excluded.views, likes = excluded.likes, comments = excluded.comments, shares = excluded.shares, \
             saves = excluded.saves, source = excluded.source, fetched_at = excluded.fetched_at, updated_at = excluded.updated_at",
        );
        insert.build().execute(&mut **tx).await?;

        let mut stats = QueryBuilder::<Db>::new(
            "insert into video_snapshots (video_id, captured_hour, captured_at, views, likes, comments, shares) \
             select v.id, ",
        );
        stats.push_bind(hour_of(now)).push(", ").push_bind(now).push(
            ", v.views, v.likes, v.comments, v.shares from videos v where v.platform_id in (",
        );
        let mut separated = stats.separated(", ");
        for (video, _) in chunk {
            separated.push_bind(&video.platform_id);
        }
        stats.push(
            ") on conflict (video_id, captured_hour) do update set captured_at = excluded.captured_at, \
             views = excluded.views, likes = excluded.likes, comments = excluded.comments, shares = excluded.shares",
        );
        stats.build().execute(&mut **tx).await?;
    }
    Ok(())
}


/// Appends "`column` is a creator of `scope`, as `workspace_id` sees it".
fn push_scope(query: &mut QueryBuilder<'_, Db>, column: &str, workspace_id: Uuid, scope: &CreatorScope) {
    match scope {
        CreatorScope::List(list_id) => {
            query.push(format!(
                "{column} in (select i.creator_id from list_items i join lists l on l.id = i.list_id where l.workspace_id = "
            ));
            query.push_bind(workspace_id).push(" and i.list_id = ").push_bind(*list_id).push(")");
        }
        CreatorScope::Workspace => {
            query.push(format!("{column} in (select w.creator_id from workspace_creators w where w.workspace_id = "));
            query.push_bind(workspace_id).push(")");
        }
        CreatorScope::Some(creator_ids) => {
            query.push(format!("{column} in (select w.creator_id from workspace_creators w where w.workspace_id = "));
            query.push_bind(workspace_id).push(" and w.creator_id in (");
            let mut separated = query.separated(", ");
            for creator_id in creator_ids {
                separated.push_bind(*creator_id);
            }
            query.push("))");
        }
        CreatorScope::One(creator_id) => {
            let creator_id = *creator_id;
            query.push(format!("{column} = ")).push_bind(creator_id);
            query.push(" and exists (select 1 from workspace_creators w where w.workspace_id = ").push_bind(workspace_id);
            query.push(" and w.creator_id = ").push_bind(creator_id).push(")");
        }
    }
}

const AUDIENCE_COLUMNS: &str =
    "id, creator_id, source, captured_at, sample_size, ages, genders, countries, languages, created_at";

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
        let written = upsert_snapshots(&mut tx, Some(workspace_id), &rows, source.as_str(), now).await?;
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
        let (ids, creators_created) = upsert_creator_handles(&mut tx, &handles, now).await?;
        let creator_ids: Vec<Uuid> = ids.values().copied().collect();
        remember(&mut tx, workspace_id, &creator_ids, "import", now).await?;

        let points = dedupe_points(rows.iter().map(|(handle, point)| (ids[handle.as_ref()], *point)).collect());
        let rows_written = upsert_snapshots(&mut tx, Some(workspace_id), &points, source.as_str(), now).await?;
        tx.commit().await?;
        Ok(ImportSummary { rows_written, creators_created })
    }

    async fn write_fetched_snapshots(&self, rows: &[(Uuid, MetricPoint)], source: &str, now: DateTime<Utc>) -> Result<u64> {
        // One point per creator and hour: the last one given wins.
        let mut by_hour: HashMap<(Uuid, DateTime<Utc>), MetricPoint> = HashMap::new();
        for (creator_id, point) in rows {
            by_hour.insert((*creator_id, hour_of(point.captured_at)), *point);
        }
        let mut rows: Vec<(Uuid, MetricPoint)> = by_hour.into_iter().map(|((id, _), point)| (id, point)).collect();
        rows.sort_unstable_by_key(|(id, point)| (*id, point.captured_at));
        let mut tx = self.begin_write().await?;
        let written = upsert_snapshots(&mut tx, None, &rows, source, now).await?;
        tx.commit().await?;
        Ok(written)
    }

    async fn claim_due_creators(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedCreator>> {
        let due = "next_fetch_at <= $3 and (lease_until is null or lease_until < $3)";
        let sql = format!(
            "update creators set lease_until = $1, lease_owner = $2, updated_at = $3 \
             where id in ( \
                 select c.id from creators c \
                 where {due} and exists (select 1 from list_items i where i.creator_id = c.id) \
                 order by c.next_fetch_at, c.id limit $4 {skip_locked}) \
               and {due} \
             returning id, handle, sec_uid, failures",
            skip_locked = Self::SKIP_LOCKED,
        );
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query_as::<_, ClaimedCreator>(&sql)
            .bind(lease_until)
            .bind(owner)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        if !claimed.is_empty() {
            sqlx::query(
                "update jobs set status = 'running', progress = 50, updated_at = $2 \
                 where status = 'queued' and creator_id in (select id from creators where lease_owner = $1)",
            )
            .bind(owner)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(claimed)
    }

    async fn record_fetch_success(&self, success: FetchSuccess) -> Result<()> {
        let FetchSuccess { creator_id, handle, source, profile, videos, next_fetch_at, now } = success;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update creators set platform_user_id = $2, sec_uid = coalesce($3, sec_uid), display_name = $4, \
             display_name_key = $5, avatar_url = $6, bio = $7, verified = $8, region = $9, counts_may_be_rounded = $10, \
             status = 'active', failures = 0, last_error = null, last_fetched_at = $11, next_fetch_at = $12, \
             lease_until = null, lease_owner = null, updated_at = $11, data_version = data_version + 1 where id = $1",
        )
        .bind(creator_id)
        .bind(&profile.platform_user_id)
        .bind(&profile.sec_uid)
        .bind(&profile.display_name)
        .bind(profile.display_name.as_deref().map(str::to_lowercase))
        .bind(&profile.avatar_url)
        .bind(&profile.bio)
        .bind(profile.verified)
        .bind(&profile.region)
        .bind(profile.counts_may_be_rounded)
        .bind(now)
        .bind(next_fetch_at)
        .execute(&mut *tx)
        .await?;
        let captured_at = DateTime::from_timestamp_micros(profile.fetched_at.timestamp_micros()).unwrap_or(profile.fetched_at);
        sqlx::query(
            "insert into creator_snapshots \
             (creator_id, workspace_id, captured_at, captured_hour, followers, following, likes, videos, source, created_at) \
             values ($1, null, $2, $3, $4, $5, $6, $7, $8, $9) \
             on conflict (creator_id, captured_hour) where workspace_id is null do update set \
             captured_at = excluded.captured_at, followers = excluded.followers, following = excluded.following, \
             likes = excluded.likes, videos = excluded.videos, source = excluded.source",
        )
        .bind(creator_id)
        .bind(captured_at)
        .bind(hour_of(captured_at))
        .bind(profile.followers)
        .bind(profile.following)
        .bind(profile.likes)
        .bind(profile.videos)
        .bind(source)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let own: Vec<zzyzx_sources::Video> = videos.into_iter().filter(|v| v.author_handle == handle).collect();
        upsert_videos(&mut tx, &HashMap::from([(handle, creator_id)]), &own, source, now).await?;
        sqlx::query(
            "update jobs set status = 'succeeded', progress = 100, message = null, updated_at = $2, finished_at = $2 \
             where creator_id = $1 and status in ('queued', 'running')",
        )
        .bind(creator_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_fetch_failure(&self, failure: FetchFailure) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update creators set failures = failures + 1, last_error = $2, status = $3, next_fetch_at = $4, \
             lease_until = null, lease_owner = null, updated_at = $5 where id = $1",
        )
        .bind(failure.creator_id)
        .bind(&failure.error)
        .bind(failure.status.as_str())
        .bind(failure.next_fetch_at)
        .bind(failure.now)
        .execute(&mut *tx)
        .await?;
        let message = match failure.status {
            CreatorStatus::Active => format!("the fetch failed and will be retried: {}", failure.error),
            status => format!("the creator is {}", status.as_str().replace('_', " ")),
        };
        sqlx::query(
            "update jobs set status = 'failed', progress = 100, message = $2, updated_at = $3, finished_at = $3 \
             where creator_id = $1 and status in ('queued', 'running')",
        )
        .bind(failure.creator_id)
        .bind(message)
        .bind(failure.now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn reschedule_creator(&self, creator_id: Uuid, next_fetch_at: DateTime<Utc>) -> Result<()> {
        sqlx::query("update creators set next_fetch_at = $2, lease_until = null, lease_owner = null where id = $1")
            .bind(creator_id)
            .bind(next_fetch_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn release_leases(&self, owner: &str) -> Result<u64> {
        let released = sqlx::query("update creators set lease_until = null, lease_owner = null where lease_owner = $1")
            .bind(owner)
            .execute(&self.pool)
            .await?;
        Ok(released.rows_affected())
    }

    async fn request_refresh(&self, workspace_id: Uuid, creator_id: Uuid, job_id: Uuid, now: DateTime<Utc>) -> Result<Job> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        let mut tx = self.begin_write().await?;
        sqlx::query("update creators set next_fetch_at = $2, updated_at = $2 where id = $1")
            .bind(creator_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let job = sqlx::query_as::<_, Job>(&format!(
            "insert into jobs (id, workspace_id, kind, creator_id, status, progress, created_at, updated_at) \
             values ($1, $2, 'refresh', $3, 'queued', 0, $4, $4) returning {JOB_COLUMNS}"
        ))
        .bind(job_id)
        .bind(workspace_id)
        .bind(creator_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(job)
    }

    async fn job(&self, workspace_id: Uuid, job_id: Uuid) -> Result<Job> {
        sqlx::query_as::<_, Job>(&format!("select {JOB_COLUMNS} from jobs where id = $1 and workspace_id = $2"))
            .bind(job_id)
            .bind(workspace_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn source_state(&self, source: &str) -> Result<SourceState> {
        Ok(sqlx::query_as::<_, SourceState>(
            "select last_success_at, last_error, last_error_at, paused_until, pause_reason from source_state where source = $1",
        )
        .bind(source)
        .fetch_optional(&self.pool)
        .await?
        .unwrap_or_default())
    }

    async fn record_source_event(&self, source: &str, event: SourceEvent, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("insert into source_state (source, updated_at) values ($1, $2) on conflict (source) do nothing")
            .bind(source)
            .bind(now)
            .execute(&self.pool)
            .await?;
        let (sql, text, until) = match event {
            SourceEvent::Success => {
                ("update source_state set last_success_at = $2, updated_at = $2 where source = $1", None, None)
            }
            SourceEvent::Error(error) => (
                "update source_state set last_error = $3, last_error_at = $2, updated_at = $2 where source = $1",
                Some(error),
                None,
            ),
            SourceEvent::Paused { until, reason } => (
                "update source_state set pause_reason = $3, paused_until = $4, updated_at = $2 where source = $1",
                Some(reason),
                Some(until),
            ),
        };
        let mut query = sqlx::query(sql).bind(source).bind(now);
        if let Some(text) = text {
            query = query.bind(text);
        }
        if let Some(until) = until {
            query = query.bind(until);
        }
        query.execute(&self.pool).await?;
        Ok(())
    }

    async fn creator_videos(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        order: VideoOrder,
        after: Option<VideoCursor>,
        limit: i64,
    ) -> Result<Vec<VideoRow>> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        let mut query = QueryBuilder::<Db>::new(format!("select {VIDEO_COLUMNS} from videos v where v.creator_id = "));
        query.push_bind(creator_id);
        match after {
            Some(VideoCursor::Recent { posted_at, id }) => {
                query.push(" and (v.posted_at < ").push_bind(posted_at);
                query.push(" or (v.posted_at = ").push_bind(posted_at).push(" and v.id < ").push_bind(id).push("))");
            }
            Some(VideoCursor::Views { views, id }) => {
                query.push(" and (v.views < ").push_bind(views);
                query.push(" or (v.views = ").push_bind(views).push(" and v.id < ").push_bind(id).push("))");
            }
            None => {}
        }
        query.push(match order {
            VideoOrder::Recent => " order by v.posted_at desc, v.id desc limit ",
            VideoOrder::Views => " order by v.views desc, v.id desc limit ",
        });
        query.push_bind(limit);
        Ok(query.build_query_as::<VideoRow>().fetch_all(&self.pool).await?)
    }

    async fn top_video(&self, workspace_id: Uuid, creator_id: Uuid, since: DateTime<Utc>) -> Result<Option<VideoRow>> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        Ok(sqlx::query_as::<_, VideoRow>(&format!(
            "select {VIDEO_COLUMNS} from videos v where v.creator_id = $1 and v.posted_at >= $2 \
             order by v.views desc, v.id desc limit 1"
        ))
        .bind(creator_id)
        .bind(since)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn search_creators(&self, workspace_id: Uuid, prefix: &str, limit: i64) -> Result<Vec<SearchHit>> {
        // Every string that starts with `prefix` sorts between it and `prefix` + U+10FFFF, bytewise.
        let upper = format!("{prefix}\u{10FFFF}");
        Ok(sqlx::query_as::<_, SearchHit>(
            "select c.id, c.handle, c.display_name, c.avatar_url, c.verified, \
                (select s.followers from creator_snapshots s \
                 where s.creator_id = c.id and (s.workspace_id is null or s.workspace_id = $1) \
                 order by s.captured_at desc limit 1) as followers, \
                exists (select 1 from workspace_creators w where w.workspace_id = $1 and w.creator_id = c.id) as known, \
                exists (select 1 from list_items i join lists l on l.id = i.list_id \
                        where l.workspace_id = $1 and i.creator_id = c.id) as tracked \
             from creators c where c.id in ( \
                 select id from (select id from creators where handle >= $2 and handle < $3 order by handle limit $4) by_handle \
                 union \
                 select id from (select id from creators where display_name_key >= $2 and display_name_key < $3 \
                                 order by display_name_key limit $4) by_name) \
             order by c.handle limit $4",
        )
        .bind(workspace_id)
        .bind(prefix)
        .bind(upper)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn hashtag_pull(&self, workspace_id: Uuid, tag: &str) -> Result<Option<(DateTime<Utc>, Vec<HashtagVideo>)>> {
        let pull = sqlx::query_as::<_, (DateTime<Utc>, Json<Vec<String>>)>(
            "select fetched_at, video_ids from hashtag_pulls where tag = $1",
        )
        .bind(tag)
        .fetch_optional(&self.pool)
        .await?;
        let Some((fetched_at, Json(platform_ids))) = pull else { return Ok(None) };
        Ok(Some((fetched_at, self.hashtag_videos(workspace_id, &platform_ids).await?)))
    }

    async fn store_hashtag_pull(
        &self,
        workspace_id: Uuid,
        tag: &str,
        source: &'static str,
        videos: &[zzyzx_sources::Video],
        now: DateTime<Utc>,
    ) -> Result<Vec<HashtagVideo>> {
        let mut handles: Vec<&str> = videos.iter().map(|v| v.author_handle.as_str()).collect();
        handles.sort_unstable();
        handles.dedup();
        let mut tx = self.begin_write().await?;
        let (creator_ids, _) = upsert_creator_handles(&mut tx, &handles, now).await?;
        for video in videos {
            // Authors met here have no profile yet: keep what the video says about them.
            sqlx::query(
                "update creators set display_name = coalesce(display_name, $2), display_name_key = coalesce(display_name_key, $3), \
                 avatar_url = coalesce(avatar_url, $4) where handle = $1",
            )
            .bind(&video.author_handle)
            .bind(&video.author_display_name)
            .bind(video.author_display_name.as_deref().map(str::to_lowercase))
            .bind(&video.author_avatar_url)
            .execute(&mut *tx)
            .await?;
        }
        upsert_videos(&mut tx, &creator_ids, videos, source, now).await?;
        bump_data_versions(&mut tx, creator_ids.values().copied()).await?;
        let platform_ids: Vec<&str> = videos.iter().map(|v| v.platform_id.as_str()).collect();
        sqlx::query(
            "insert into hashtag_pulls (tag, source, video_ids, fetched_at) values ($1, $2, $3, $4) \
             on conflict (tag) do update set source = excluded.source, video_ids = excluded.video_ids, fetched_at = excluded.fetched_at",
        )
        .bind(tag)
        .bind(source)
        .bind(Json(&platform_ids))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let platform_ids: Vec<String> = platform_ids.into_iter().map(str::to_owned).collect();
        self.hashtag_videos(workspace_id, &platform_ids).await
    }

    async fn remember_creators(&self, workspace_id: Uuid, creator_ids: &[Uuid], origin: &str, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        remember(&mut tx, workspace_id, creator_ids, origin, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn workspace_documents(&self, workspace_id: Uuid) -> Result<WorkspaceDocuments> {
        let row = sqlx::query_as::<_, (Option<Json<serde_json::Value>>, Option<Json<serde_json::Value>>)>(
            "select analytics, target_audience from workspace_settings where workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map_or_else(WorkspaceDocuments::default, |(analytics, target)| WorkspaceDocuments {
            analytics: analytics.map(|j| j.0),
            target_audience: target.map(|j| j.0),
        }))
    }

    async fn put_analytics_settings(&self, workspace_id: Uuid, settings: &serde_json::Value, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "insert into workspace_settings (workspace_id, analytics, created_at, updated_at) values ($1, $2, $3, $3) \
             on conflict (workspace_id) do update set analytics = excluded.analytics, updated_at = excluded.updated_at",
        )
        .bind(workspace_id)
        .bind(Json(settings))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn put_target_audience(&self, workspace_id: Uuid, target: &serde_json::Value, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "insert into workspace_settings (workspace_id, target_audience, created_at, updated_at) values ($1, $2, $3, $3) \
             on conflict (workspace_id) do update set target_audience = excluded.target_audience, updated_at = excluded.updated_at",
        )
        .bind(workspace_id)
        .bind(Json(target))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn add_audience_profiles(&self, workspace_id: Uuid, profiles: &[AudienceRow]) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let mut written = 0;
        for chunk in profiles.chunks(ROWS_PER_INSERT / 2) {
            let mut insert = QueryBuilder::<Db>::new(format!(
                "insert into audience_profiles (workspace_id, {AUDIENCE_COLUMNS}) "
            ));
            insert.push_values(chunk, |mut row, p| {
                row.push_bind(workspace_id)
                    .push_bind(p.id)
                    .push_bind(p.creator_id)
                    .push_bind(&p.source)
                    .push_bind(p.captured_at)
                    .push_bind(p.sample_size)
                    .push_bind(&p.ages)
                    .push_bind(&p.genders)
                    .push_bind(&p.countries)
                    .push_bind(&p.languages)
                    .push_bind(p.created_at);
            });
            written += insert.build().execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(written)
    }

    async fn audience_profiles(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<Vec<AudienceRow>> {
        self.ensure_creator_visible(workspace_id, creator_id).await?;
        Ok(sqlx::query_as::<_, AudienceRow>(&format!(
            "select {AUDIENCE_COLUMNS} from audience_profiles where workspace_id = $1 and creator_id = $2 \
             order by captured_at desc, id desc"
        ))
        .bind(workspace_id)
        .bind(creator_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn latest_audiences(&self, workspace_id: Uuid, scope: CreatorScope) -> Result<HashMap<Uuid, AudienceRow>> {
        let mut query = QueryBuilder::<Db>::new(format!("select {AUDIENCE_COLUMNS} from audience_profiles where workspace_id = "));
        query.push_bind(workspace_id).push(" and ");
        push_scope(&mut query, "creator_id", workspace_id, &scope);
        query.push(" order by captured_at, id");
        let rows = query.build_query_as::<AudienceRow>().fetch_all(&self.pool).await?;
        // Ascending, so the newest of each creator is inserted last.
        Ok(rows.into_iter().map(|row| (row.creator_id, row)).collect())
    }

    async fn creator_inputs(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        snapshots_since: DateTime<Utc>,
        videos_since: DateTime<Utc>,
    ) -> Result<HashMap<Uuid, CreatorInputs>> {
        let mut snapshots = QueryBuilder::<Db>::new(format!(
            "select s.creator_id, {} from creator_snapshots s where (s.workspace_id is null or s.workspace_id = ",
            Self::SNAPSHOTS_AGGREGATE
        ));
        snapshots.push_bind(workspace_id).push(") and s.captured_at >= ").push_bind(snapshots_since).push(" and ");
        push_scope(&mut snapshots, "s.creator_id", workspace_id, &scope);
        snapshots.push(" group by s.creator_id");
        let mut inputs: HashMap<Uuid, CreatorInputs> = HashMap::new();
        for (creator_id, Json(mut points)) in
            snapshots.build_query_as::<(Uuid, Json<Vec<SnapshotTuple>>)>().fetch_all(&self.pool).await?
        {
            points.sort_by_key(|point| point.0);
            inputs.entry(creator_id).or_default().snapshots = points;
        }
        let mut videos = QueryBuilder::<Db>::new(format!(
            "select v.creator_id, {} from videos v where v.posted_at >= ",
            Self::VIDEOS_AGGREGATE
        ));
        videos.push_bind(videos_since).push(" and ");
        push_scope(&mut videos, "v.creator_id", workspace_id, &scope);
        videos.push(" group by v.creator_id");
        for (creator_id, Json(mut facts)) in
            videos.build_query_as::<(Uuid, Json<Vec<VideoFacts>>)>().fetch_all(&self.pool).await?
        {
            facts.sort_by_key(|fact| std::cmp::Reverse(fact.posted_at));
            inputs.entry(creator_id).or_default().videos = facts;
        }
        Ok(inputs)
    }

    async fn videos_by_platform_ids(&self, platform_ids: &[String]) -> Result<Vec<VideoRow>> {
        let mut rows = Vec::with_capacity(platform_ids.len());
        for chunk in platform_ids.chunks(ROWS_PER_INSERT) {
            let mut query = QueryBuilder::<Db>::new(format!("select {VIDEO_COLUMNS} from videos v where v.platform_id in ("));
            let mut separated = query.separated(", ");
            for id in chunk {
                separated.push_bind(id);
            }
            query.push(")");
            rows.extend(query.build_query_as::<VideoRow>().fetch_all(&self.pool).await?);
        }
        Ok(rows)
    }

    async fn creators_in_scope(&self, workspace_id: Uuid, scope: CreatorScope) -> Result<Vec<(Creator, Option<Snapshot>)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            creator: Creator,
            #[sqlx(flatten)]
            latest: LatestColumns,
        }
        let mut query = QueryBuilder::<Db>::new(format!("select {CREATOR_COLUMNS}, {LATEST_COLUMNS} from creators c "));
        query.push(latest_join_head("c.id")).push_bind(workspace_id).push(LATEST_JOIN_TAIL).push(" where ");
        push_scope(&mut query, "c.id", workspace_id, &scope);
        query.push(" order by c.handle");
        let rows = query.build_query_as::<Row>().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|row| (row.creator, row.latest.into_snapshot())).collect())
    }

    async fn known_creator_ids(&self, workspace_id: Uuid, handles: &[String]) -> Result<HashMap<String, Uuid>> {
        let mut ids = HashMap::new();
        for chunk in handles.chunks(ROWS_PER_INSERT) {
            let mut query = QueryBuilder::<Db>::new(
                "select c.handle, c.id from creators c join workspace_creators w on w.creator_id = c.id where w.workspace_id = ",
            );
            query.push_bind(workspace_id).push(" and c.handle in (");
            let mut separated = query.separated(", ");
            for handle in chunk {
                separated.push_bind(handle);
            }
            query.push(")");
            ids.extend(query.build_query_as::<(String, Uuid)>().fetch_all(&self.pool).await?);
        }
        Ok(ids)
    }
}
