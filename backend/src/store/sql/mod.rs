//! The SQL both stores share, one file per aggregate, compiled once against each database's own
//! sqlx types: `postgres.rs` and `sqlite.rs` each include this folder as a module of their own
//! (`#[path]`), after defining `Db`, `SqlStore`, `begin_write` and the dialect constants. Only
//! portable SQL goes here: `$n` parameters, `on conflict`, `returning`, no `now()` (times are
//! bound from Rust, so both databases store the same values).

mod accounts;
mod alerts;
mod analytics;
mod campaigns;
mod connections;
mod creators;
mod lists;
mod refresh;
mod sharing;
mod summaries;
mod system;
mod teams;
mod videos;

use async_trait::async_trait;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use sqlx::QueryBuilder;
use sqlx::types::Json;
use std::collections::HashMap;
use uuid::Uuid;

use super::{Db, SqlStore};
use crate::domain::{Handle, MetricPoint};
use crate::store::*;

/// `(id, id, …)`, bound.
fn push_ids(query: &mut QueryBuilder<'static, Db>, ids: &[Uuid]) {
    query.push("(");
    let mut separated = query.separated(", ");
    for id in ids {
        separated.push_bind(*id);
    }
    query.push(")");
}

/// Rows per multi-row insert: well under both databases' limits on bound parameters.
const ROWS_PER_INSERT: usize = 1000;

const USER_COLUMNS: &str = "id, email, display_name, password_hash, failed_logins, last_failed_login_at, created_at";
const LIST_COLUMNS: &str = "l.id, l.workspace_id, l.name, l.description, l.version, \
     (select count(*) from list_items i where i.list_id = l.id) as item_count, l.created_at, l.updated_at";
const CREATOR_COLUMNS: &str = "c.id, c.handle, c.platform_user_id, c.display_name, c.avatar_url, c.bio, \
     c.verified, c.region, c.status, c.next_fetch_at, c.last_fetched_at, c.failures, c.last_error, c.created_at, c.data_version, c.refresh_reason";
const VIDEO_COLUMNS: &str = "v.id, v.platform_id, v.creator_id, v.posted_at, v.description, v.hashtags, \
     v.duration_seconds, v.cover_url, v.share_url, v.region, v.views, v.likes, v.comments, v.shares, v.saves, v.source, v.fetched_at";
const JOB_COLUMNS: &str =
    "id, workspace_id, kind, creator_id, status, progress, message, created_at, updated_at, finished_at";

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

/// Joins `s` on the latest snapshot of creator `creator` that the workspace may see, in three
/// parts with the workspace between each (each database has its own form: see
/// `LATEST_SNAPSHOT_HEAD`).
fn latest_join_parts(creator: &str) -> [String; 3] {
    [SqlStore::LATEST_SNAPSHOT_HEAD, SqlStore::LATEST_SNAPSHOT_MIDDLE, SqlStore::LATEST_SNAPSHOT_TAIL]
        .map(|part| part.replace("{creator}", creator))
}

/// [`latest_join_parts`] with the workspace's parameter (`$1`) written in.
fn latest_join(creator: &str, workspace: &str) -> String {
    let [head, middle, tail] = latest_join_parts(creator);
    format!("{head}{workspace}{middle}{workspace}{tail}")
}

const LATEST_COLUMNS: &str = "s.captured_at as latest_captured_at, s.followers as latest_followers, \
     s.following as latest_following, s.likes as latest_likes, s.videos as latest_videos, s.source as latest_source";

/// Hides, from a workspace, fetched snapshots of `s` taken while it had the creator's account
/// connected: then the connection's own counts win. The workspace goes between head and tail.
const CONNECTED_SPAN_HEAD: &str = "not (s.workspace_id is null and exists (select 1 from creator_connections cc \
     where cc.workspace_id = ";
const CONNECTED_SPAN_TAIL: &str = " and cc.creator_id = s.creator_id and cc.connected_at <= s.captured_at \
     and (cc.ended_at is null or cc.ended_at > s.captured_at)))";

/// [`CONNECTED_SPAN_HEAD`] and tail around the workspace's parameter (`$1`).
fn connected_span_hides(workspace: &str) -> String {
    format!("{CONNECTED_SPAN_HEAD}{workspace}{CONNECTED_SPAN_TAIL}")
}

fn hour_of(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::hours(1)).unwrap_or(at)
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
        let mut insert =
            QueryBuilder::<Db>::new("insert into creators (id, handle, next_fetch_at, created_at, updated_at) ");
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
             saves = coalesce(excluded.saves, videos.saves), source = excluded.source, fetched_at = excluded.fetched_at, updated_at = excluded.updated_at",
        );
        insert.build().execute(&mut **tx).await?;

        let mut stats = QueryBuilder::<Db>::new(
            "insert into video_snapshots (video_id, captured_hour, captured_at, views, likes, comments, shares) \
             select v.id, ",
        );
        stats
            .push_bind(hour_of(now))
            .push(", ")
            .push_bind(now)
            .push(", v.views, v.likes, v.comments, v.shares from videos v where v.platform_id in (");
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

impl SqlStore {
    /// Not found unless the workspace knows the creator (tracks, imported or met it).
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
