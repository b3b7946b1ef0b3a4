//! What analytics read: workspace documents, audience profiles, and creators' inputs in bulk.

use super::*;
use zzyzx_analytics::AudienceKind;

/// Appends "`column` is a creator of `scope`, as `workspace_id` sees it".
pub(super) fn push_scope(query: &mut QueryBuilder<'_, Db>, column: &str, workspace_id: Uuid, scope: &CreatorScope) {
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
            // The ids on the column itself, so that PostgreSQL reads those creators by index
            // instead of every creator's rows in the window; and again inside the membership
            // check, so that it looks up those few memberships rather than hashing the
            // workspace's whole creator set (SQLite built that set for every query: 50 ms at
            // 10,000 creators).
            let push_ids = |query: &mut QueryBuilder<'_, Db>| {
                let mut separated = query.separated(", ");
                for creator_id in creator_ids {
                    separated.push_bind(*creator_id);
                }
            };
            query.push(format!("{column} in ("));
            push_ids(query);
            query.push(format!(
                ") and {column} in (select w.creator_id from workspace_creators w where w.workspace_id = "
            ));
            query.push_bind(workspace_id).push(" and w.creator_id in (");
            push_ids(query);
            query.push("))");
        }
        CreatorScope::One(creator_id) => {
            let creator_id = *creator_id;
            query.push(format!("{column} = ")).push_bind(creator_id);
            query
                .push(" and exists (select 1 from workspace_creators w where w.workspace_id = ")
                .push_bind(workspace_id);
            query.push(" and w.creator_id = ").push_bind(creator_id).push(")");
        }
    }
}

const AUDIENCE_COLUMNS: &str =
    "id, creator_id, kind, source, captured_at, sample_size, ages, genders, countries, languages, created_at, estimate";

/// Whether `row` wins over `kept` as the profile fit uses.
fn preferred(row: &AudienceRow, kept: &AudienceRow) -> bool {
    let kind = |r: &AudienceRow| AudienceKind::parse(&r.kind).unwrap_or_default();
    !kind(kept).preferred_over(kept.captured_at, kind(row), row.captured_at)
}

#[async_trait]
impl AnalyticsStore for SqlStore {
    async fn workspace_documents(&self, workspace_id: Uuid) -> Result<WorkspaceDocuments> {
        type Document = Option<Json<serde_json::Value>>;
        let row = sqlx::query_as::<_, (Document, Document, Document)>(
            "select analytics, target_audience, alert_rules from workspace_settings where workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map_or_else(WorkspaceDocuments::default, |(analytics, target, alerts)| WorkspaceDocuments {
            analytics: analytics.map(|j| j.0),
            target_audience: target.map(|j| j.0),
            alert_rules: alerts.map(|j| j.0),
        }))
    }

    async fn put_analytics_settings(
        &self,
        workspace_id: Uuid,
        settings: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<()> {
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

    async fn put_target_audience(
        &self,
        workspace_id: Uuid,
        target: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<()> {
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

    async fn put_alert_rules(&self, workspace_id: Uuid, rules: &serde_json::Value, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into workspace_settings (workspace_id, alert_rules, created_at, updated_at) values ($1, $2, $3, $3) \
             on conflict (workspace_id) do update set alert_rules = excluded.alert_rules, updated_at = excluded.updated_at",
        )
        .bind(workspace_id)
        .bind(Json(rules))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_audience_profiles(&self, workspace_id: Uuid, profiles: &[AudienceRow]) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let mut written = 0;
        for chunk in profiles.chunks(ROWS_PER_INSERT / 2) {
            let mut insert =
                QueryBuilder::<Db>::new(format!("insert into audience_profiles (workspace_id, {AUDIENCE_COLUMNS}) "));
            insert.push_values(chunk, |mut row, p| {
                row.push_bind(workspace_id)
                    .push_bind(p.id)
                    .push_bind(p.creator_id)
                    .push_bind(&p.kind)
                    .push_bind(&p.source)
                    .push_bind(p.captured_at)
                    .push_bind(p.sample_size)
                    .push_bind(&p.ages)
                    .push_bind(&p.genders)
                    .push_bind(&p.countries)
                    .push_bind(&p.languages)
                    .push_bind(p.created_at)
                    .push_bind(&p.estimate);
            });
            written += insert.build().execute(&mut *tx).await?.rows_affected();
        }
        // Fit is part of every kept dashboard row.
        bump_data_versions(&mut tx, profiles.iter().map(|p| p.creator_id)).await?;
        tx.commit().await?;
        Ok(written)
    }

    async fn last_source_audience(&self, creator_id: Uuid, kind: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar("select max(created_at) from audience_profiles where creator_id = $1 and kind = $2")
            .bind(creator_id)
            .bind(kind)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn record_source_audience(&self, profile: &AudienceRow) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let workspaces: Vec<Uuid> = sqlx::query_scalar(
            "select distinct l.workspace_id from list_items i join lists l on l.id = i.list_id where i.creator_id = $1",
        )
        .bind(profile.creator_id)
        .fetch_all(&mut *tx)
        .await?;
        for workspace_id in &workspaces {
            sqlx::query(&format!(
                "insert into audience_profiles (workspace_id, {AUDIENCE_COLUMNS}) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
            ))
            .bind(workspace_id)
            .bind(Uuid::now_v7())
            .bind(profile.creator_id)
            .bind(&profile.kind)
            .bind(&profile.source)
            .bind(profile.captured_at)
            .bind(profile.sample_size)
            .bind(&profile.ages)
            .bind(&profile.genders)
            .bind(&profile.countries)
            .bind(&profile.languages)
            .bind(profile.created_at)
            .bind(&profile.estimate)
            .execute(&mut *tx)
            .await?;
        }
        if !workspaces.is_empty() {
            bump_data_versions(&mut tx, [profile.creator_id]).await?;
        }
        tx.commit().await?;
        Ok(workspaces.len() as u64)
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
        // Fit reads the shares, not an estimate's intervals: the largest column stays behind.
        let columns = AUDIENCE_COLUMNS.replace(", estimate", ", null as estimate");
        let mut query =
            QueryBuilder::<Db>::new(format!("select {columns} from audience_profiles where workspace_id = "));
        query.push_bind(workspace_id).push(" and ");
        push_scope(&mut query, "creator_id", workspace_id, &scope);
        query.push(" order by captured_at, id");
        let rows = query.build_query_as::<AudienceRow>().fetch_all(&self.pool).await?;
        // Each creator's preferred profile: the best kind, the newest within it (ascending order, so
        // a later row of the same rank replaces an earlier one).
        let mut best: HashMap<Uuid, AudienceRow> = HashMap::new();
        for row in rows {
            match best.get(&row.creator_id) {
                Some(kept) if !preferred(&row, kept) => {}
                _ => {
                    best.insert(row.creator_id, row);
                }
            }
        }
        Ok(best)
    }

    async fn creator_inputs(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        snapshots_since: DateTime<Utc>,
        videos_since: Option<DateTime<Utc>>,
    ) -> Result<HashMap<Uuid, CreatorInputs>> {
        let mut snapshots = QueryBuilder::<Db>::new(format!(
            "select s.creator_id, {} from creator_snapshots s where (s.workspace_id is null or s.workspace_id = ",
            Self::SNAPSHOTS_AGGREGATE
        ));
        snapshots.push_bind(workspace_id).push(") and s.captured_at >= ").push_bind(snapshots_since).push(" and ");
        // Most workspaces never connect an account: they skip the per-row check.
        let connected = sqlx::query_scalar::<_, i32>(
            "select 1 from creator_connections where workspace_id = $1 and connected_at is not null limit 1",
        )
        .bind(workspace_id)
        .fetch_optional(&self.pool)
        .await?;
        if connected.is_some() {
            snapshots.push(CONNECTED_SPAN_HEAD).push_bind(workspace_id).push(CONNECTED_SPAN_TAIL).push(" and ");
        }
        push_scope(&mut snapshots, "s.creator_id", workspace_id, &scope);
        snapshots.push(" group by s.creator_id");
        let mut inputs: HashMap<Uuid, CreatorInputs> = HashMap::new();
        for (creator_id, Json(mut points)) in
            snapshots.build_query_as::<(Uuid, Json<Vec<SnapshotTuple>>)>().fetch_all(&self.pool).await?
        {
            points.sort_by_key(|point| point.0);
            inputs.entry(creator_id).or_default().snapshots = points;
        }
        let Some(videos_since) = videos_since else { return Ok(inputs) };
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

    async fn creators_in_scope(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
    ) -> Result<Vec<(Creator, Option<Snapshot>)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            creator: Creator,
            #[sqlx(flatten)]
            latest: LatestColumns,
        }
        let mut query = QueryBuilder::<Db>::new(format!("select {CREATOR_COLUMNS}, {LATEST_COLUMNS} from creators c "));
        let [head, middle, tail] = latest_join_parts("c.id");
        query.push(head).push_bind(workspace_id).push(middle).push_bind(workspace_id).push(tail).push(" where ");
        push_scope(&mut query, "c.id", workspace_id, &scope);
        query.push(" order by c.handle");
        let rows = query.build_query_as::<Row>().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|row| (row.creator, row.latest.into_snapshot())).collect())
    }
}
