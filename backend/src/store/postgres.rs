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
            // sqlx checks a connection with a round trip before every query by default, which cost
            // a tenth of the reads a second. A connection idle for a while is still checked: that
            // is when a restart or failover most likely went by unseen (and a read that meets a
            // lost connection anyway is tried again, see `http::retry`).
            .test_before_acquire(false)
            .before_acquire(|connection, meta| {
                Box::pin(async move {
                    if meta.idle_for > Duration::from_secs(5) {
                        sqlx::Connection::ping(connection).await?;
                    }
                    Ok(true)
                })
            })
            .acquire_timeout(Duration::from_secs(5))
            // Every statement here is short: compiling one (PostgreSQL's default for a plan that
            // looks costly) took about a tenth of the database's time in the refresh pipeline.
            .connect_with(options.options([("jit", "off")]))
            .await?;
        Ok(Self { pool })
    }

    const BACKEND: Backend = Backend::Postgres;
    /// Claims skip rows another worker holds instead of waiting for them.
    const SKIP_LOCKED: &str = "for update skip locked";
    /// One JSON array per creator: rows cost more to hand over than to aggregate.
    const SNAPSHOTS_AGGREGATE: &str =
        "json_agg(json_build_array(s.captured_at, s.followers, s.following, s.likes, s.videos) order by s.captured_at)";
    /// The ISO week and month a snapshot `s` falls in (see `Interval::bucket`). Built for each
    /// bucket's last point only, a weekly year of history went from 794 to 1,284 reads a second;
    /// by the day, PostgreSQL's window cost more than it spared (629).
    const WEEK_BUCKET: Option<&str> = Some("date_trunc('week', s.captured_at at time zone 'UTC')");
    const MONTH_BUCKET: Option<&str> = Some("date_trunc('month', s.captured_at at time zone 'UTC')");
    /// A creator's history in order, as one JSON array (`null` when empty).
    const HISTORY_AGGREGATE: &str = "json_agg(json_build_array(s.captured_at, s.followers, s.following, \
         s.likes, s.videos, s.source) order by s.captured_at, s.id)";
    const VIDEOS_AGGREGATE: &str = "json_agg(json_build_object('platform_id', v.platform_id, 'posted_at', v.posted_at, \
         'views', v.views, 'likes', v.likes, 'comments', v.comments, 'shares', v.shares, 'saves', v.saves, \
         'hashtags', v.hashtags, 'region', v.region) order by v.posted_at desc)";

    /// Creators `c` whose handle or display name starts with the prefix (`$2`, `$3` its upper
    /// bound). Written as a set of ids (SQLite's form), it took 170 ms at p50 and 18 s at p99 in
    /// the api benchmark; this form takes under a millisecond.
    const SEARCH_PREFIX_MATCH: &str =
        "(c.handle >= $2 and c.handle < $3) or (c.display_name_key >= $2 and c.display_name_key < $3)";

    /// The latest snapshot a workspace may see: the newest shared one and the newest of the
    /// workspace's own, each one backward probe of its partial index, and the newer of the two;
    /// the shared one is passed over when it was taken while the workspace had the creator
    /// connected (the connection's own snapshots are newer then).
    /// (PostgreSQL plans `workspace_id is null or workspace_id = $1` as a bitmap OR that sorts a
    /// creator's whole history when its statistics are fresh from a bulk load: 40–180 ms for a
    /// 500-creator list instead of 6.)
    const LATEST_SNAPSHOT_HEAD: &str = "left join lateral ( \
         select latest.id from ( \
             (select s2.id, s2.captured_at, s2.workspace_id from creator_snapshots s2 \
              where s2.creator_id = {creator} and s2.workspace_id is null order by s2.captured_hour desc limit 1) \
             union all \
             (select s2.id, s2.captured_at, s2.workspace_id from creator_snapshots s2 \
              where s2.creator_id = {creator} and s2.workspace_id = ";
    const LATEST_SNAPSHOT_MIDDLE: &str = " order by s2.captured_at desc limit 1) \
         ) latest where not (latest.workspace_id is null and exists ( \
             select 1 from creator_connections cc where cc.workspace_id = ";
    const LATEST_SNAPSHOT_TAIL: &str = " and cc.creator_id = {creator} and cc.connected_at <= latest.captured_at \
             and (cc.ended_at is null or cc.ended_at > latest.captured_at))) \
         order by latest.captured_at desc, latest.id desc limit 1 \
     ) latest_snapshot on true \
     left join creator_snapshots s on s.id = latest_snapshot.id";

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

// The shared SQL, compiled again here against this database's types: loading one folder as a
// module of each backend is the point, so clippy's duplicate-module warning does not apply.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;
