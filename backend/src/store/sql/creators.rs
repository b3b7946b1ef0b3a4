//! Creators, their snapshots, imports and search.

use super::*;

#[async_trait]
impl CreatorStore for SqlStore {
    async fn creator(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<CreatorProfile> {
        // One statement: a profile is read on every creator page, and each round trip to the
        // database cost about as much as the reading.
        let visible = format!(
            "from creator_snapshots s where s.creator_id = $2 and (s.workspace_id is null or s.workspace_id = $1) \
             and {}",
            connected_span_hides("$1")
        );
        let row = sqlx::query_as::<_, ProfileRow>(&format!(
            "select {CREATOR_COLUMNS}, {LATEST_COLUMNS}, \
                 (select min(s.captured_at) {visible}) as tracking_since, \
                 (select count(*) {visible}) as snapshot_count \
             from creators c \
             join workspace_creators w on w.creator_id = c.id and w.workspace_id = $1 \
             left join creator_snapshots s on s.id = \
                 (select s.id {visible} order by s.captured_at desc, s.id desc limit 1) \
             where c.id = $2"
        ))
        .bind(workspace_id)
        .bind(creator_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(CreatorProfile {
            creator: row.creator,
            latest: row.latest.into_snapshot(),
            tracking_since: row.tracking_since,
            snapshot_count: row.snapshot_count,
        })
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

    async fn history(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        interval: Interval,
    ) -> Result<Vec<Snapshot>> {
        let visible = format!(
            "s.creator_id = $2 and (s.workspace_id is null or s.workspace_id = $1) \
             and s.captured_at >= $3 and s.captured_at <= $4 and {}",
            connected_span_hides("$1")
        );
        let bucket = match interval {
            Interval::Raw | Interval::Day => None,
            Interval::Week => SqlStore::WEEK_BUCKET,
            Interval::Month => SqlStore::MONTH_BUCKET,
        };
        // One JSON array, not a row a point: a year is 365 rows, and handing rows over one at a
        // time cost more than the query. Bucketed by the database where that is cheaper (see
        // `WEEK_BUCKET`), only each bucket's last point is built; the rest is bucketed here. The
        // same statement asks whether the workspace knows the creator (a round trip less).
        let points = match bucket {
            None => format!("select {} from creator_snapshots s where {visible}", SqlStore::HISTORY_AGGREGATE),
            Some(bucket) => format!(
                "select {} from ( \
                     select s.*, row_number() over (partition by {bucket} order by s.captured_at desc, s.id desc) \
                         as nth \
                     from creator_snapshots s where {visible}) s \
                 where s.nth = 1",
                SqlStore::HISTORY_AGGREGATE
            ),
        };
        let sql = format!(
            "select (select 1 from workspace_creators where workspace_id = $1 and creator_id = $2), ({points})"
        );
        type Points = Json<Vec<(DateTime<Utc>, i64, i64, i64, i64, String)>>;
        let (known, points): (Option<i32>, Option<Points>) =
            sqlx::query_as(&sql).bind(workspace_id).bind(creator_id).bind(from).bind(to).fetch_one(&self.pool).await?;
        if known.is_none() {
            return Err(StoreError::NotFound);
        }
        let points = points.map(|Json(points)| points).unwrap_or_default();
        let points = points
            .into_iter()
            .map(|(captured_at, followers, following, likes, videos, source)| Snapshot {
                captured_at,
                followers,
                following,
                likes,
                videos,
                source,
            })
            .collect();
        Ok(interval.downsample(points, |point| point.captured_at))
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

    async fn write_fetched_snapshots(
        &self,
        rows: &[(Uuid, MetricPoint)],
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
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

    async fn search_creators(&self, workspace_id: Uuid, prefix: &str, limit: i64) -> Result<Vec<SearchHit>> {
        // Every string that starts with `prefix` sorts between it and `prefix` + U+10FFFF, bytewise.
        // Only creators this workspace knows (tracks, imported or met through its own hashtag
        // pulls) are searched: another workspace's prospects are its own business.
        let upper = format!("{prefix}\u{10FFFF}");
        Ok(sqlx::query_as::<_, SearchHit>(&format!(
            "select c.id, c.handle, c.display_name, c.avatar_url, c.verified, \
                (select s.followers from creator_snapshots s \
                 where s.creator_id = c.id and (s.workspace_id is null or s.workspace_id = $1) and {} \
                 order by s.captured_at desc limit 1) as followers, \
                exists (select 1 from list_items i join lists l on l.id = i.list_id \
                        where l.workspace_id = $1 and i.creator_id = c.id) as tracked \
             from creators c join workspace_creators w on w.creator_id = c.id and w.workspace_id = $1 \
             where {} \
             order by c.handle limit $4",
            connected_span_hides("$1"),
            SqlStore::SEARCH_PREFIX_MATCH
        ))
        .bind(workspace_id)
        .bind(prefix)
        .bind(upper)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn track_creators(
        &self,
        workspace_id: Uuid,
        handles: &[String],
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<HashMap<String, Uuid>> {
        let handles: Vec<&str> = handles.iter().map(String::as_str).collect();
        let mut tx = self.begin_write().await?;
        let (ids, _) = upsert_creator_handles(&mut tx, &handles, now).await?;
        let creator_ids: Vec<Uuid> = ids.values().copied().collect();
        remember(&mut tx, workspace_id, &creator_ids, origin, now).await?;
        tx.commit().await?;
        Ok(ids)
    }

    async fn remember_creators(
        &self,
        workspace_id: Uuid,
        creator_ids: &[Uuid],
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        remember(&mut tx, workspace_id, creator_ids, origin, now).await?;
        tx.commit().await?;
        Ok(())
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

/// A creator's profile in one row: the creator, its latest snapshot visible to the workspace, and
/// how long and how often it has been tracked.
#[derive(sqlx::FromRow)]
struct ProfileRow {
    #[sqlx(flatten)]
    creator: Creator,
    #[sqlx(flatten)]
    latest: LatestColumns,
    tracking_since: Option<DateTime<Utc>>,
    snapshot_count: i64,
}
