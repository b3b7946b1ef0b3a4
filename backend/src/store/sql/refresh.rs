//! Leases, fetch outcomes, refresh jobs and the sources' shared state.

use super::*;
use crate::refresh::cadence;
use chrono::NaiveDate;
use std::collections::HashSet;

#[async_trait]
impl RefreshStore for SqlStore {
    async fn claim_due_creators(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
        watched_since: DateTime<Utc>,
    ) -> Result<Vec<ClaimedCreator>> {
        let due = "next_fetch_at <= $3 and (lease_until is null or lease_until < $3)";
        // Creators someone asked to refresh go first; the queue is read once for the claim, not
        // once for each due creator (10,000 of them when a whole set falls due together).
        let sql = format!(
            "update creators set lease_until = $1, lease_owner = $2, updated_at = $3 \
             where id in ( \
                 select c.id from creators c \
                 where {due} and (exists (select 1 from list_items i where i.creator_id = c.id) \
                     or exists (select 1 from campaign_creators e where e.creator_id = c.id)) \
                 order by c.id in (select j.creator_id from jobs j \
                     where j.status = 'queued' and j.creator_id is not null) desc, \
                          case when c.next_fetch_at < $5 then 32767 else c.refresh_priority end desc, \
                          c.next_fetch_at, c.id \
                 limit $4 {skip_locked}) \
               and {due} \
             returning id, handle, sec_uid, failures, status, detection_seen",
            skip_locked = Self::SKIP_LOCKED,
        );
        let mut tx = self.begin_write().await?;
        let mut claimed = sqlx::query_as::<_, ClaimedCreator>(&sql)
            .bind(lease_until)
            .bind(owner)
            .bind(now)
            .bind(limit)
            .bind(now - chrono::Duration::days(cadence::STARVED_DAYS))
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
        if !claimed.is_empty() {
            // One read each for the batch, outside the claim's write, at once. For detection, one
            // row per creator in a campaign: the rest is read only when a fetch brings something
            // to match.
            let ids: Vec<Uuid> = claimed.iter().map(|c| c.id).collect();
            let (mut claims, viewed, mut views) = tokio::try_join!(
                self.detection_claims_of(&ids),
                self.viewed_of(&ids, watched_since),
                self.recent_views_of(&ids, now - chrono::Duration::days(cadence::CLIMBING_DAYS)),
            )?;
            for creator in &mut claimed {
                let detection = claims.remove(&creator.id);
                // A creator in a campaign is watched, whether or not any list with it was opened.
                creator.watched = detection.is_some() || viewed.contains(&creator.id);
                creator.detection =
                    detection.map(|claim| DetectionClaim { last_seen: creator.detection_seen.take(), ..claim });
                creator.recent_views = views.remove(&creator.id).unwrap_or_default();
            }
        }
        Ok(claimed)
    }

    async fn refresh_queue(&self, now: DateTime<Utc>) -> Result<RefreshQueue> {
        // A claim sets `updated_at`, and nothing else touches a creator while it is leased.
        let (due, leased, oldest): (i64, i64, Option<DateTime<Utc>>) = sqlx::query_as(
            "select \
                (select count(*) from creators c where c.next_fetch_at <= $1 \
                    and (c.lease_until is null or c.lease_until < $1) \
                    and (exists (select 1 from list_items i where i.creator_id = c.id) \
                     or exists (select 1 from campaign_creators e where e.creator_id = c.id))), \
                (select count(*) from creators where lease_until >= $1), \
                (select min(updated_at) from creators where lease_until >= $1)",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        let oldest_lease_age_seconds = oldest.map(|at| (now - at).num_milliseconds().max(0) as f64 / 1000.0);
        Ok(RefreshQueue { due, leased, oldest_lease_age_seconds })
    }

    async fn record_fetch_successes(&self, mut successes: Vec<FetchSuccess>) -> Result<Vec<Uuid>> {
        // One order for every writer, so concurrent transactions lock rows in the same order.
        successes.sort_by_key(|success| success.creator_id);
        let now = successes.iter().map(|success| success.now).max();
        self.prepare_detection(&mut successes.iter_mut().collect::<Vec<_>>()).await?;
        let mut tx = self.begin_write().await?;
        let detections = write_fetch_successes(&mut tx, successes).await?;
        let mut posts = Vec::new();
        if let Some(now) = now.filter(|_| !detections.is_empty()) {
            posts = super::campaigns::store_detection(&mut tx, detections, now).await?;
        }
        tx.commit().await?;
        Ok(posts.into_iter().map(|post| post.post_id).collect())
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

    async fn request_refresh(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        job_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Job> {
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

    async fn hasten_refresh(&self, creator_ids: &[Uuid], by: DateTime<Utc>, reason: &str, priority: i16) -> Result<()> {
        if creator_ids.is_empty() {
            return Ok(());
        }
        let mut query = QueryBuilder::<Db>::new("update creators set refresh_reason = ");
        query.push_bind(reason.to_owned()).push(", refresh_priority = ").push_bind(priority);
        query.push(", next_fetch_at = case when next_fetch_at is null or next_fetch_at > ").push_bind(by);
        query.push(" then ").push_bind(by).push(" else next_fetch_at end where id in ");
        push_ids(&mut query, creator_ids);
        query.build().execute(&self.pool).await?;
        Ok(())
    }

    async fn reserve_requests(&self, source: &str, day: NaiveDate, wanted: i64, budget: i64) -> Result<i64> {
        let used = self.requests_on(source, day).await?;
        let granted = wanted.min(budget - used).max(0);
        if granted == 0 {
            return Ok(0);
        }
        sqlx::query("insert into source_usage (source, day, requests) values ($1, $2, 0) on conflict do nothing")
            .bind(source)
            .bind(day)
            .execute(&self.pool)
            .await?;
        // Conditional, so two workers reserving at once never pass the budget together.
        let reserved = sqlx::query(
            "update source_usage set requests = requests + $3 where source = $1 and day = $2 and requests + $3 <= $4",
        )
        .bind(source)
        .bind(day)
        .bind(granted)
        .bind(budget)
        .execute(&self.pool)
        .await?;
        Ok(if reserved.rows_affected() == 1 { granted } else { 0 })
    }

    async fn release_requests(&self, source: &str, day: NaiveDate, unused: i64) -> Result<()> {
        if unused > 0 {
            sqlx::query(
                "update source_usage set requests = case when requests > $3 then requests - $3 else 0 end \
                 where source = $1 and day = $2",
            )
            .bind(source)
            .bind(day)
            .bind(unused)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    async fn requests_on(&self, source: &str, day: NaiveDate) -> Result<i64> {
        let used: Option<i64> = sqlx::query_scalar("select requests from source_usage where source = $1 and day = $2")
            .bind(source)
            .bind(day)
            .fetch_optional(&self.pool)
            .await?;
        Ok(used.unwrap_or(0))
    }

    async fn refresh_reasons(&self) -> Result<Vec<(Option<String>, i64)>> {
        Ok(sqlx::query_as(
            "select c.refresh_reason, count(*) from creators c \
             where exists (select 1 from list_items i where i.creator_id = c.id) \
                or exists (select 1 from campaign_creators e where e.creator_id = c.id) \
             group by c.refresh_reason",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn list_viewed(&self, list_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        let viewed_at: Option<Option<DateTime<Utc>>> = sqlx::query_scalar("select viewed_at from lists where id = $1")
            .bind(list_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(viewed_at) = viewed_at else { return Ok(()) };
        if viewed_at.is_some_and(|at| now - at < chrono::Duration::hours(1)) {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("update lists set viewed_at = $2 where id = $1").bind(list_id).bind(now).execute(&mut *tx).await?;
        sqlx::query(
            "update creators set next_fetch_at = $2 where refresh_reason = 'unwatched' and next_fetch_at > $2 \
             and id in (select creator_id from list_items where list_id = $1)",
        )
        .bind(list_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl SqlStore {
    /// Checks the videos of the creators in a campaign against what their last refresh checked,
    /// reads in one go the entries and posts of those with something to match or a post check
    /// due, and matches them and plans their writes, all outside the write's transaction (which
    /// holds SQLite's one write lock).
    async fn prepare_detection(&self, successes: &mut [&mut FetchSuccess]) -> Result<()> {
        let mut wanted = Vec::new();
        for success in successes.iter_mut().filter(|success| success.prepared.is_none()) {
            let Some(claim) = &success.detection else { continue };
            let check = claim.check(&own_videos(success).collect::<Vec<_>>(), success.now);
            if check.needs_inputs {
                wanted.push(success.creator_id);
            }
            success.prepared = Some(PreparedDetection { check, writes: None });
        }
        let Some(now) = successes.iter().map(|success| success.now).max().filter(|_| !wanted.is_empty()) else {
            return Ok(());
        };
        let mut inputs = self.detection_inputs_of(&wanted, now).await?;
        for success in successes.iter_mut() {
            let Some(inputs) = inputs.remove(&success.creator_id) else { continue };
            let Some(prepared) = &success.prepared else { continue };
            // Matched here, before the write's transaction, which holds SQLite's one write lock.
            let texts: Vec<VideoText> = own_videos(success).collect();
            let fresh: Vec<VideoText> = prepared.check.fresh.iter().map(|&n| texts[n]).collect();
            let found = find_posts(&inputs.targets, &fresh);
            let writes = DetectionWrites::plan(&inputs, found, &texts, success.now);
            if let Some(prepared) = success.prepared.as_mut() {
                prepared.writes = Some(writes);
            }
        }
        Ok(())
    }

    /// Which of these creators are in a list opened since `since`.
    async fn viewed_of(&self, creator_ids: &[Uuid], since: DateTime<Utc>) -> Result<HashSet<Uuid>> {
        let mut query = QueryBuilder::<Db>::new(
            "select distinct i.creator_id from list_items i join lists l on l.id = i.list_id where l.viewed_at >= ",
        );
        query.push_bind(since).push(" and i.creator_id in ");
        push_ids(&mut query, creator_ids);
        Ok(query.build_query_scalar::<Uuid>().fetch_all(&self.pool).await?.into_iter().collect())
    }

    /// The stored views of these creators' videos posted since `since`, by creator and TikTok id.
    async fn recent_views_of(
        &self,
        creator_ids: &[Uuid],
        since: DateTime<Utc>,
    ) -> Result<HashMap<Uuid, HashMap<String, i64>>> {
        let mut query =
            QueryBuilder::<Db>::new("select creator_id, platform_id, views from videos where posted_at >= ");
        query.push_bind(since).push(" and creator_id in ");
        push_ids(&mut query, creator_ids);
        let mut views: HashMap<Uuid, HashMap<String, i64>> = HashMap::new();
        for (creator_id, platform_id, count) in
            query.build_query_as::<(Uuid, String, i64)>().fetch_all(&self.pool).await?
        {
            views.entry(creator_id).or_default().insert(platform_id, count);
        }
        Ok(views)
    }
}

/// The videos of a fetch that are the creator's own, as detection reads them.
fn own_videos(success: &FetchSuccess) -> impl Iterator<Item = VideoText<'_>> {
    success.videos.iter().filter(|v| v.author_handle == success.handle).map(|v| VideoText {
        platform_id: &v.platform_id,
        posted_at: v.posted_at,
        description: &v.description,
        hashtags: &v.hashtags,
    })
}

/// The fetched creators' writes (see [`RefreshStore::record_fetch_successes`]), a statement or
/// two per table for the whole batch, but for what detection found, which the batch stores
/// after them. Detection is prepared. The successes come in the order of their creators' ids.
async fn write_fetch_successes(tx: &mut WriteTx<Db>, successes: Vec<FetchSuccess>) -> Result<Vec<DetectionWrites>> {
    let Some(now) = successes.iter().map(|success| success.now).max() else { return Ok(Vec::new()) };
    let mut detections = Vec::new();
    let mut fetched = Vec::with_capacity(successes.len());
    for mut success in successes {
        // Campaign posts among the fresh videos, and the posts' checks (as prepared); the creator
        // is fetched again no later than its posts' next check.
        let (check, writes) = match success.prepared.take() {
            Some(PreparedDetection { check, writes }) => (Some(check), writes),
            None => (None, None),
        };
        let next_check = match &writes {
            Some(writes) => writes.earliest_check,
            None => success.detection.as_ref().and_then(|claim| claim.next_check_at),
        };
        let next_fetch_at = next_check.map_or(success.next_fetch_at, |at| at.min(success.next_fetch_at));
        let seen = check.and_then(|check| check.seen);
        detections.extend(writes);
        fetched.push((success, next_fetch_at, seen));
    }
    for chunk in fetched.chunks(ROWS_PER_INSERT / 20) {
        let mut update = QueryBuilder::<Db>::new(
            "with fetched (id, platform_user_id, sec_uid, display_name, display_name_key, avatar_url, bio, verified, \
             region, counts_may_be_rounded, fetched_at, next_fetch_at, refresh_reason, refresh_priority, seen) as (",
        );
        update.push_values(chunk, |mut row, (success, next_fetch_at, seen)| {
            let profile = &success.profile;
            row.push_bind(success.creator_id)
                .push_bind(profile.platform_user_id.clone())
                .push_bind(profile.sec_uid.clone())
                .push_bind(profile.display_name.clone())
                .push_bind(profile.display_name.as_deref().map(str::to_lowercase))
                .push_bind(profile.avatar_url.clone())
                .push_bind(profile.bio.clone())
                .push_bind(profile.verified)
                .push_bind(profile.region.clone())
                .push_bind(profile.counts_may_be_rounded)
                .push_bind(success.now)
                .push_bind(*next_fetch_at)
                .push_bind(success.refresh_reason)
                .push_bind(success.refresh_priority)
                .push_bind(seen.clone());
        });
        update.push(
            ") update creators set platform_user_id = f.platform_user_id, \
             sec_uid = coalesce(f.sec_uid, creators.sec_uid), display_name = f.display_name, \
             display_name_key = f.display_name_key, avatar_url = f.avatar_url, bio = f.bio, verified = f.verified, \
             region = f.region, counts_may_be_rounded = f.counts_may_be_rounded, status = 'active', failures = 0, \
             last_error = null, last_fetched_at = f.fetched_at, next_fetch_at = f.next_fetch_at, \
             refresh_reason = f.refresh_reason, refresh_priority = f.refresh_priority, lease_until = null, \
             lease_owner = null, updated_at = f.fetched_at, detection_seen = coalesce(f.seen, creators.detection_seen), \
             data_version = creators.data_version + 1 from fetched f where creators.id = f.id",
        );
        update.build().execute(&mut **tx).await?;

        let mut snapshots = QueryBuilder::<Db>::new(
            "insert into creator_snapshots (creator_id, workspace_id, captured_at, captured_hour, followers, \
             following, likes, videos, source, created_at) ",
        );
        snapshots.push_values(chunk, |mut row, (success, _, _)| {
            let (profile, fetched_at) = (&success.profile, success.profile.fetched_at);
            let captured_at = DateTime::from_timestamp_micros(fetched_at.timestamp_micros()).unwrap_or(fetched_at);
            row.push_bind(success.creator_id)
                .push_bind(None::<Uuid>)
                .push_bind(captured_at)
                .push_bind(hour_of(captured_at))
                .push_bind(profile.followers)
                .push_bind(profile.following)
                .push_bind(profile.likes)
                .push_bind(profile.videos)
                .push_bind(success.source)
                .push_bind(success.now);
        });
        snapshots.push(
            " on conflict (creator_id, captured_hour) where workspace_id is null do update set \
             captured_at = excluded.captured_at, followers = excluded.followers, following = excluded.following, \
             likes = excluded.likes, videos = excluded.videos, source = excluded.source",
        );
        snapshots.build().execute(&mut **tx).await?;

        let mut jobs =
            QueryBuilder::<Db>::new("update jobs set status = 'succeeded', progress = 100, message = null, ");
        jobs.push("updated_at = ").push_bind(now).push(", finished_at = ").push_bind(now);
        jobs.push(" where status in ('queued', 'running') and creator_id in ");
        push_ids(&mut jobs, &chunk.iter().map(|(success, _, _)| success.creator_id).collect::<Vec<_>>());
        jobs.build().execute(&mut **tx).await?;
    }
    // Only each creator's own videos are kept: a video in its feed by someone else is not its.
    let mut by_source: HashMap<&str, (HashMap<String, Uuid>, Vec<zzyzx_sources::Video>)> = HashMap::new();
    for (success, _, _) in fetched {
        let (creators, videos) = by_source.entry(success.source).or_default();
        let handle = success.handle;
        videos.extend(success.videos.into_iter().filter(|v| v.author_handle == handle));
        creators.insert(handle, success.creator_id);
    }
    for (source, (creators, videos)) in by_source {
        upsert_videos(tx, &creators, &videos, source, now).await?;
    }
    Ok(detections)
}
