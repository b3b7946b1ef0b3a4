//! The SQLite store: the embedded default, one file, zero set-up. WAL lets readers work beside
//! the single writer; writes take the lock up front (`BEGIN IMMEDIATE`) so two transactions never
//! deadlock upgrading a read lock.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite as Db, SqlitePool};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use super::{Backend, WriteTx};

pub struct SqliteStore {
    pool: SqlitePool,
    /// One writer at a time in this process; waiting here is cheaper than SQLite's busy loop.
    write_lock: Arc<tokio::sync::Mutex<()>>,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        if url.contains(":memory:") || url.contains("mode=memory") {
            anyhow::bail!("an in-memory SQLite database would vanish between connections; name a file");
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            // Each connection's thread hands rows over through a channel; at the default 50 a
            // 500-row dashboard made it stop and wait for the reader ten times.
            .row_buffer_size(1024);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            // A local file cannot drop a connection: checking one before each query only cost a
            // round trip to its thread.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool, write_lock: Arc::default() })
    }

    const BACKEND: Backend = Backend::Sqlite;
    /// One writer at a time: a claim inside `BEGIN IMMEDIATE` cannot race another.
    const SKIP_LOCKED: &str = "";
    /// One JSON array per creator: rows cost more to hand over than to aggregate. (Order is
    /// restored in Rust: SQLite does not promise it inside an aggregate.)
    const SNAPSHOTS_AGGREGATE: &str =
        "json_group_array(json_array(s.captured_at, s.followers, s.following, s.likes, s.videos))";
    /// Histories are bucketed in Rust: SQLite's window over a year of points cost more than the
    /// points it spared (a weekly year went from 1,288 to 941 reads a second).
    const WEEK_BUCKET: Option<&str> = None;
    const MONTH_BUCKET: Option<&str> = None;
    /// A creator's history in order, as one JSON array (`[]` when empty). SQLite orders inside
    /// an aggregate since 3.44; sqlx bundles 3.46.
    const HISTORY_AGGREGATE: &str = "json_group_array(json_array(s.captured_at, s.followers, s.following, \
         s.likes, s.videos, s.source) order by s.captured_at, s.id)";
    const VIDEOS_AGGREGATE: &str = "json_group_array(json_object('platform_id', v.platform_id, 'posted_at', v.posted_at, \
         'views', v.views, 'likes', v.likes, 'comments', v.comments, 'shares', v.shares, 'saves', v.saves, \
         'hashtags', json(v.hashtags), 'region', v.region))";

    /// Creators `c` whose handle or display name starts with the prefix (`$2`, `$3` its upper
    /// bound): the two ranges first, as a set of ids. Written as `handle … or display_name_key …`
    /// on the join, SQLite walked the workspace's every creator (50 ms at 100,000).
    const SEARCH_PREFIX_MATCH: &str = "c.id in (select x.id from creators x where x.handle >= $2 and x.handle < $3 \
         union select x.id from creators x where x.display_name_key >= $2 and x.display_name_key < $3)";

    /// The latest snapshot a workspace may see: one ordered index probe per creator, passing over
    /// fetched snapshots taken while the workspace had the creator connected.
    const LATEST_SNAPSHOT_HEAD: &str = "left join creator_snapshots s on s.id = ( \
         select s2.id from creator_snapshots s2 \
         where s2.creator_id = {creator} and (s2.workspace_id is null or s2.workspace_id = ";
    const LATEST_SNAPSHOT_MIDDLE: &str = ") and not (s2.workspace_id is null and exists ( \
         select 1 from creator_connections cc where cc.workspace_id = ";
    const LATEST_SNAPSHOT_TAIL: &str = " and cc.creator_id = s2.creator_id and cc.connected_at <= s2.captured_at \
         and (cc.ended_at is null or cc.ended_at > s2.captured_at))) \
         order by s2.captured_at desc, s2.id desc limit 1)";

    async fn run_migrations(&self) -> anyhow::Result<()> {
        sqlx::migrate!("../migrations/sqlite").run(&self.pool).await?;
        Ok(())
    }

    async fn begin_write(&self) -> sqlx::Result<WriteTx<Db>> {
        let guard = self.write_lock.clone().lock_owned().await;
        Ok(WriteTx::new(self.pool.begin_with("BEGIN IMMEDIATE").await?, Some(guard)))
    }
}

type SqlStore = SqliteStore;

// The shared SQL, compiled again here against this database's types: loading one folder as a
// module of each backend is the point, so clippy's duplicate-module warning does not apply.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_bundled_sqlite_keeps_no_memory_statistics() {
        let path = std::env::temp_dir().join(format!("zzyzx-compile-options-{}.db", uuid::Uuid::new_v4().simple()));
        let store = SqliteStore::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        let options: Vec<String> = sqlx::query_scalar("pragma compile_options").fetch_all(&store.pool).await.unwrap();
        store.pool.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        assert!(options.iter().any(|option| option == "DEFAULT_MEMSTATUS=0"), "{options:?}");
    }
}
