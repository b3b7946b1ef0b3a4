//! Videos and hashtag pulls.

use super::*;
use std::collections::BTreeMap;

impl SqlStore {
    /// Videos by TikTok id, most viewed first, with their authors and whether the workspace tracks them.
    async fn hashtag_videos(&self, workspace_id: Uuid, platform_ids: &[String]) -> Result<Vec<HashtagVideo>> {
        if platform_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut select =
            QueryBuilder::<Db>::new(format!("select {VIDEO_COLUMNS} from videos v where v.platform_id in ("));
        let mut separated = select.separated(", ");
        for id in platform_ids {
            separated.push_bind(id);
        }
        select.push(") order by v.views desc, v.id");
        let videos = select.build_query_as::<VideoRow>().fetch_all(&self.pool).await?;
        let mut creator_ids: Vec<Uuid> = videos.iter().map(|v| v.creator_id).collect();
        creator_ids.sort_unstable();
        creator_ids.dedup();
        let mut creators_query =
            QueryBuilder::<Db>::new(format!("select {CREATOR_COLUMNS} from creators c where c.id in ("));
        let mut separated = creators_query.separated(", ");
        for id in &creator_ids {
            separated.push_bind(*id);
        }
        creators_query.push(")");
        let creators: HashMap<Uuid, Creator> = creators_query
            .build_query_as::<Creator>()
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
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
}

#[async_trait]
impl VideoStore for SqlStore {
    async fn write_video_history(&self, platform_id: &str, points: &[VideoPoint]) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let video_id: Option<Uuid> = sqlx::query_scalar("select id from videos where platform_id = $1")
            .bind(platform_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(video_id) = video_id else { return Ok(0) };
        let mut written = 0;
        for point in points {
            written += sqlx::query(
                "insert into video_snapshots (video_id, captured_hour, captured_at, views, likes, comments, shares) \
                 values ($1, $2, $3, $4, $5, $6, $7) on conflict (video_id, captured_hour) do nothing",
            )
            .bind(video_id)
            .bind(hour_of(point.captured_at))
            .bind(point.captured_at)
            .bind(point.views)
            .bind(point.likes)
            .bind(point.comments)
            .bind(point.shares)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(written)
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

    async fn hashtag_pull(&self, workspace_id: Uuid, tag: &str) -> Result<Option<HashtagPullRow>> {
        let pull =
            sqlx::query_as::<_, (DateTime<Utc>, String, Json<Vec<String>>, Option<Json<BTreeMap<String, i64>>>)>(
                "select fetched_at, source, video_ids, author_followers from hashtag_pulls where tag = $1",
            )
            .bind(tag)
            .fetch_optional(&self.pool)
            .await?;
        let Some((fetched_at, source, Json(platform_ids), author_followers)) = pull else { return Ok(None) };
        Ok(Some(HashtagPullRow {
            fetched_at,
            source,
            videos: self.hashtag_videos(workspace_id, &platform_ids).await?,
            author_followers: author_followers.map(|Json(counts)| counts).unwrap_or_default(),
        }))
    }

    async fn store_hashtag_pull(
        &self,
        workspace_id: Uuid,
        tag: &str,
        source: &'static str,
        videos: &[zzyzx_sources::Video],
        now: DateTime<Utc>,
    ) -> Result<HashtagPullRow> {
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
        let author_followers: BTreeMap<String, i64> =
            videos.iter().filter_map(|v| Some((v.author_handle.clone(), v.author_followers?))).collect();
        sqlx::query(
            "insert into hashtag_pulls (tag, source, video_ids, author_followers, fetched_at) values ($1, $2, $3, $4, $5) \
             on conflict (tag) do update set source = excluded.source, video_ids = excluded.video_ids, \
             author_followers = excluded.author_followers, fetched_at = excluded.fetched_at",
        )
        .bind(tag)
        .bind(source)
        .bind(Json(&platform_ids))
        .bind(Json(&author_followers))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let platform_ids: Vec<String> = platform_ids.into_iter().map(str::to_owned).collect();
        Ok(HashtagPullRow {
            fetched_at: now,
            source: source.to_owned(),
            videos: self.hashtag_videos(workspace_id, &platform_ids).await?,
            author_followers,
        })
    }

    async fn videos_by_platform_ids(&self, platform_ids: &[String]) -> Result<Vec<VideoRow>> {
        let mut rows = Vec::with_capacity(platform_ids.len());
        for chunk in platform_ids.chunks(ROWS_PER_INSERT) {
            let mut query =
                QueryBuilder::<Db>::new(format!("select {VIDEO_COLUMNS} from videos v where v.platform_id in ("));
            let mut separated = query.separated(", ");
            for id in chunk {
                separated.push_bind(id);
            }
            query.push(")");
            rows.extend(query.build_query_as::<VideoRow>().fetch_all(&self.pool).await?);
        }
        Ok(rows)
    }
}
