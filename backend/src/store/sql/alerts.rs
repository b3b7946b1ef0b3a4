//! The events outbox, read marks, webhooks and their deliveries, digest settings. Every read of an
//! event or an endpoint goes through its `workspace_id`, so another workspace's rows are not found.

use chrono::NaiveDate;

use super::*;

const ENDPOINT_COLUMNS: &str = "id, workspace_id, url, description, event_types, enabled, secret_generation, \
     failing_since, disabled_reason, created_at, updated_at";
const DELIVERY_SELECT: &str = "select d.id, d.endpoint_id, d.event_id, e.type, d.status, d.attempts, \
     d.next_attempt_at, d.last_attempt_at, d.response_status, d.last_error, d.delivered_at, d.created_at \
     from webhook_deliveries d join events e on e.id = d.event_id";
/// An event's columns, `read` left to the caller.
const EVENT_COLUMNS: &str = "e.id, e.workspace_id, e.type, e.creator_id, c.handle, e.campaign_id, \
     k.name as campaign_name, e.video_id, e.occurred_at, e.sentence, e.data, e.source, e.created_at";
const EVENT_JOINS: &str =
    "from events e left join creators c on c.id = e.creator_id left join campaigns k on k.id = e.campaign_id";
/// Read: marked read one by one, or recorded before the member last marked all read.
const IS_READ: &str = "(r.event_id is not null or (m.read_through is not null and e.created_at <= m.read_through))";

/// `select` of events with `read` for `user_id` (none: an API key, `read` null), up to `where`.
fn event_select(query: &mut QueryBuilder<'static, Db>, user_id: Option<Uuid>) {
    match user_id {
        Some(user_id) => {
            query.push(format!("select {EVENT_COLUMNS}, {IS_READ} as read "));
            query.push(EVENT_JOINS);
            query
                .push(" left join inbox_marks m on m.workspace_id = e.workspace_id and m.user_id = ")
                .push_bind(user_id);
            query.push(" left join event_reads r on r.event_id = e.id and r.user_id = ").push_bind(user_id);
        }
        None => {
            query.push(format!("select {EVENT_COLUMNS}, cast(null as boolean) as read {EVENT_JOINS}"));
        }
    }
}

#[async_trait]
impl AlertStore for SqlStore {
    async fn watches(&self, creator_ids: &[Uuid]) -> Result<Vec<Watch>> {
        if creator_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = QueryBuilder::new(
            "select l.workspace_id, i.creator_id, i.list_id, null as campaign_id \
             from list_items i join lists l on l.id = i.list_id where i.creator_id in ",
        );
        push_ids(&mut query, creator_ids);
        query.push(
            " union all select k.workspace_id, e.creator_id, null, e.campaign_id \
             from campaign_creators e join campaigns k on k.id = e.campaign_id where e.creator_id in ",
        );
        push_ids(&mut query, creator_ids);
        Ok(query.build_query_as::<Watch>().fetch_all(&self.pool).await?)
    }

    async fn watching_workspaces(&self) -> Result<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "select l.workspace_id from lists l where exists (select 1 from list_items i where i.list_id = l.id) \
             union select k.workspace_id from campaigns k \
             where exists (select 1 from campaign_creators e where e.campaign_id = k.id)",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn detected_posts(&self, which: PostsToTell<'_>) -> Result<Vec<PostNews>> {
        if matches!(which, PostsToTell::Posts([]) | PostsToTell::OfCreatorsSince([], _)) {
            return Ok(Vec::new());
        }
        let mut query = QueryBuilder::new(
            "select k.workspace_id, k.id as campaign_id, k.name as campaign_name, p.id as post_id, c.id as creator_id, \
             c.handle, p.platform_id, p.rule, p.matched, p.detected_at, k.demo \
             from campaign_posts p join campaigns k on k.id = p.campaign_id \
             join campaign_creators e on e.id = p.entry_id join creators c on c.id = e.creator_id \
             where p.status = 'detected' and ",
        );
        match which {
            PostsToTell::Posts(post_ids) => {
                query.push("p.id in ");
                push_ids(&mut query, post_ids);
            }
            PostsToTell::OfCreatorsSince(creator_ids, since) => {
                query.push("p.detected_at >= ").push_bind(since).push(" and e.creator_id in ");
                push_ids(&mut query, creator_ids);
            }
            PostsToTell::Since(since) => {
                query.push("p.detected_at >= ").push_bind(since);
            }
        }
        Ok(query.build_query_as::<PostNews>().fetch_all(&self.pool).await?)
    }

    async fn shipped_without_posts(&self, today: NaiveDate) -> Result<Vec<ShippedEntry>> {
        Ok(sqlx::query_as::<_, ShippedEntry>(
            "select k.workspace_id, k.id as campaign_id, k.name as campaign_name, e.id as entry_id, \
             c.id as creator_id, c.handle, e.stage, e.shipped_on, e.delivered_on, k.overdue_days, k.demo \
             from campaign_creators e join campaigns k on k.id = e.campaign_id join creators c on c.id = e.creator_id \
             where e.stage in ('shipped', 'delivered') and k.starts_on <= $1 and k.ends_on >= $1 \
               and not exists (select 1 from campaign_posts p where p.entry_id = e.id and p.status <> 'dismissed')",
        )
        .bind(today)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn record_events(&self, events: &[NewEvent], now: DateTime<Utc>) -> Result<Vec<Uuid>> {
        // Most facts offered were told before: find those with a read, so that a batch with
        // nothing new takes no write lock.
        let mut told: std::collections::HashSet<(Uuid, String)> = std::collections::HashSet::new();
        let mut workspaces: Vec<Uuid> = events.iter().map(|e| e.workspace_id).collect();
        workspaces.sort_unstable();
        workspaces.dedup();
        for workspace_id in workspaces {
            let keys: Vec<&str> =
                events.iter().filter(|e| e.workspace_id == workspace_id).map(|e| e.key.as_str()).collect();
            for chunk in keys.chunks(ROWS_PER_INSERT) {
                let mut query = QueryBuilder::new("select dedup_key from events where workspace_id = ");
                query.push_bind(workspace_id).push(" and dedup_key in (");
                let mut separated = query.separated(", ");
                for key in chunk {
                    separated.push_bind(key.to_string());
                }
                query.push(")");
                let found: Vec<String> = query.build_query_scalar().fetch_all(&self.pool).await?;
                told.extend(found.into_iter().map(|key| (workspace_id, key)));
            }
        }
        // Each fact once, however often the batch offers it.
        let mut offered = std::collections::HashSet::new();
        let events: Vec<(Uuid, &NewEvent)> = events
            .iter()
            .filter(|e| !told.contains(&(e.workspace_id, e.key.clone())))
            .filter(|e| offered.insert((e.workspace_id, e.key.as_str())))
            .map(|e| (Uuid::now_v7(), e))
            .collect();
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        // Another writer may have told some of them since the read: those rows are not returned.
        let mut inserted = std::collections::HashSet::new();
        for chunk in events.chunks(ROWS_PER_INSERT / 10) {
            let mut insert = QueryBuilder::<Db>::new(
                "insert into events (id, workspace_id, type, dedup_key, creator_id, campaign_id, video_id, \
                 occurred_at, sentence, data, source, created_at) ",
            );
            insert.push_values(chunk, |mut row, (id, event)| {
                row.push_bind(*id)
                    .push_bind(event.workspace_id)
                    .push_bind(event.kind)
                    .push_bind(event.key.clone())
                    .push_bind(event.creator_id)
                    .push_bind(event.campaign_id)
                    .push_bind(event.video_id.clone())
                    .push_bind(event.occurred_at)
                    .push_bind(event.sentence.clone())
                    .push_bind(Json(event.data.clone()))
                    .push_bind(event.source.clone())
                    .push_bind(now);
            });
            insert.push(" on conflict (workspace_id, dedup_key) do nothing returning id");
            inserted.extend(insert.build_query_scalar::<Uuid>().fetch_all(&mut *tx).await?);
        }
        let recorded: Vec<(Uuid, &NewEvent)> = events.into_iter().filter(|(id, _)| inserted.contains(id)).collect();
        let mut workspaces: Vec<Uuid> = recorded.iter().map(|(_, e)| e.workspace_id).collect();
        workspaces.sort_unstable();
        workspaces.dedup();
        let mut endpoints: Vec<(Uuid, Uuid, Json<Vec<String>>)> = Vec::new();
        for chunk in workspaces.chunks(ROWS_PER_INSERT) {
            let mut query = QueryBuilder::<Db>::new(
                "select workspace_id, id, event_types from webhook_endpoints where enabled and workspace_id in ",
            );
            push_ids(&mut query, chunk);
            endpoints.extend(query.build_query_as().fetch_all(&mut *tx).await?);
        }
        // A delivery for each endpoint of the event's workspace that takes its type.
        let deliveries: Vec<(Uuid, Uuid)> = recorded
            .iter()
            .flat_map(|(event_id, event)| {
                endpoints
                    .iter()
                    .filter(|(workspace_id, _, types)| {
                        *workspace_id == event.workspace_id && types.iter().any(|t| t == event.kind)
                    })
                    .map(|(_, endpoint_id, _)| (*endpoint_id, *event_id))
            })
            .collect();
        for chunk in deliveries.chunks(ROWS_PER_INSERT / 10) {
            let mut insert = QueryBuilder::<Db>::new(
                "insert into webhook_deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at) ",
            );
            insert.push_values(chunk, |mut row, (endpoint_id, event_id)| {
                row.push_bind(Uuid::now_v7())
                    .push_bind(*endpoint_id)
                    .push_bind(*event_id)
                    .push_bind("pending")
                    .push_bind(now)
                    .push_bind(now);
            });
            insert.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(recorded.into_iter().map(|(id, _)| id).collect())
    }

    async fn events(
        &self,
        workspace_id: Uuid,
        user_id: Option<Uuid>,
        filter: &EventFilter,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> Result<Vec<EventRow>> {
        let mut query = QueryBuilder::new("");
        event_select(&mut query, user_id);
        query.push(" where e.workspace_id = ").push_bind(workspace_id);
        if let Some(kind) = &filter.kind {
            query.push(" and e.type = ").push_bind(kind.clone());
        }
        if let Some(creator_id) = filter.creator_id {
            query.push(" and e.creator_id = ").push_bind(creator_id);
        }
        if let Some(after) = filter.created_after {
            query.push(" and e.created_at > ").push_bind(after);
        }
        if filter.unread_only && user_id.is_some() {
            query.push(format!(" and not {IS_READ}"));
        }
        if let Some((occurred_at, id)) = before {
            query.push(" and (e.occurred_at < ").push_bind(occurred_at);
            query.push(" or (e.occurred_at = ").push_bind(occurred_at).push(" and e.id < ").push_bind(id).push("))");
        }
        query.push(" order by e.occurred_at desc, e.id desc limit ").push_bind(limit);
        Ok(query.build_query_as::<EventRow>().fetch_all(&self.pool).await?)
    }

    async fn event(&self, workspace_id: Uuid, user_id: Option<Uuid>, event_id: Uuid) -> Result<EventRow> {
        let mut query = QueryBuilder::new("");
        event_select(&mut query, user_id);
        query.push(" where e.workspace_id = ").push_bind(workspace_id).push(" and e.id = ").push_bind(event_id);
        Ok(query.build_query_as::<EventRow>().fetch_one(&self.pool).await?)
    }

    async fn unread_count(&self, workspace_id: Uuid, user_id: Uuid) -> Result<i64> {
        Ok(sqlx::query_scalar(&format!(
            "select count(*) from events e \
             left join inbox_marks m on m.workspace_id = e.workspace_id and m.user_id = $2 \
             left join event_reads r on r.event_id = e.id and r.user_id = $2 \
             where e.workspace_id = $1 and not {IS_READ}"
        ))
        .bind(workspace_id)
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn mark_read(&self, workspace_id: Uuid, user_id: Uuid, event_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let found: Option<Uuid> = sqlx::query_scalar("select id from events where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(event_id)
            .fetch_optional(&mut *tx)
            .await?;
        found.ok_or(StoreError::NotFound)?;
        sqlx::query(
            "insert into event_reads (user_id, event_id, read_at) values ($1, $2, $3) \
             on conflict (user_id, event_id) do nothing",
        )
        .bind(user_id)
        .bind(event_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn mark_all_read(&self, workspace_id: Uuid, user_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into inbox_marks (user_id, workspace_id, read_through) values ($1, $2, $3) \
             on conflict (user_id, workspace_id) do update set read_through = excluded.read_through",
        )
        .bind(user_id)
        .bind(workspace_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // The mark covers them now.
        sqlx::query(
            "delete from event_reads where user_id = $1 \
             and event_id in (select id from events where workspace_id = $2 and created_at <= $3)",
        )
        .bind(user_id)
        .bind(workspace_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_webhook(&self, endpoint: &WebhookEndpoint) -> Result<WebhookEndpoint> {
        let mut tx = self.begin_write().await?;
        let created = sqlx::query_as::<_, WebhookEndpoint>(&format!(
            "insert into webhook_endpoints (id, workspace_id, url, description, event_types, enabled, \
             secret_generation, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
             returning {ENDPOINT_COLUMNS}"
        ))
        .bind(endpoint.id)
        .bind(endpoint.workspace_id)
        .bind(&endpoint.url)
        .bind(&endpoint.description)
        .bind(&endpoint.event_types)
        .bind(endpoint.enabled)
        .bind(endpoint.secret_generation)
        .bind(endpoint.created_at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn webhooks(&self, workspace_id: Uuid) -> Result<Vec<WebhookEndpoint>> {
        Ok(sqlx::query_as::<_, WebhookEndpoint>(&format!(
            "select {ENDPOINT_COLUMNS} from webhook_endpoints where workspace_id = $1 order by created_at, id"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn webhook(&self, workspace_id: Uuid, endpoint_id: Uuid) -> Result<WebhookEndpoint> {
        Ok(sqlx::query_as::<_, WebhookEndpoint>(&format!(
            "select {ENDPOINT_COLUMNS} from webhook_endpoints where workspace_id = $1 and id = $2"
        ))
        .bind(workspace_id)
        .bind(endpoint_id)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn update_webhook(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        change: &WebhookChange,
        now: DateTime<Utc>,
    ) -> Result<WebhookEndpoint> {
        let mut tx = self.begin_write().await?;
        // Turning an endpoint on again forgets why it was turned off.
        let updated = sqlx::query_as::<_, WebhookEndpoint>(&format!(
            "update webhook_endpoints set url = coalesce($3, url), description = coalesce($4, description), \
             event_types = coalesce($5, event_types), enabled = coalesce($6, enabled), \
             secret_generation = secret_generation + $7, \
             failing_since = case when $6 then null else failing_since end, \
             disabled_reason = case when $6 then null else disabled_reason end, updated_at = $8 \
             where workspace_id = $1 and id = $2 returning {ENDPOINT_COLUMNS}"
        ))
        .bind(workspace_id)
        .bind(endpoint_id)
        .bind(&change.url)
        .bind(&change.description)
        .bind(change.event_types.as_ref().map(Json))
        .bind(change.enabled)
        .bind(i32::from(change.rotate_secret))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn delete_webhook(&self, workspace_id: Uuid, endpoint_id: Uuid) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query("delete from webhook_endpoints where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(endpoint_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        if deleted == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn webhook_deliveries(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>> {
        self.webhook(workspace_id, endpoint_id).await?;
        let mut query = QueryBuilder::new(format!("{DELIVERY_SELECT} where d.endpoint_id = "));
        query.push_bind(endpoint_id).push(" and e.workspace_id = ").push_bind(workspace_id);
        if let Some((created_at, id)) = before {
            query.push(" and (d.created_at < ").push_bind(created_at);
            query.push(" or (d.created_at = ").push_bind(created_at).push(" and d.id < ").push_bind(id).push("))");
        }
        query.push(" order by d.created_at desc, d.id desc limit ").push_bind(limit);
        Ok(query.build_query_as::<WebhookDelivery>().fetch_all(&self.pool).await?)
    }

    async fn redeliver(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        delivery_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<WebhookDelivery> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query(
            "update webhook_deliveries set status = 'pending', next_attempt_at = $4, lease_until = null, \
             lease_owner = null where id = $3 and endpoint_id = $2 \
             and exists (select 1 from webhook_endpoints w where w.id = $2 and w.workspace_id = $1)",
        )
        .bind(workspace_id)
        .bind(endpoint_id)
        .bind(delivery_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        let delivery = sqlx::query_as::<_, WebhookDelivery>(&format!("{DELIVERY_SELECT} where d.id = $1"))
            .bind(delivery_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(delivery)
    }

    async fn claim_deliveries(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueDelivery>> {
        let due = "next_attempt_at <= $3 and (lease_until is null or lease_until < $3)";
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query(&format!(
            "update webhook_deliveries set lease_until = $1, lease_owner = $2 \
             where id in (select d.id from webhook_deliveries d where {due} \
                 and exists (select 1 from webhook_endpoints w where w.id = d.endpoint_id and w.enabled) \
                 order by d.next_attempt_at, d.id limit $4 {skip_locked}) and {due}",
            skip_locked = Self::SKIP_LOCKED,
        ))
        .bind(lease_until)
        .bind(owner)
        .bind(now)
        .bind(limit)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let due = if claimed == 0 {
            Vec::new()
        } else {
            sqlx::query_as::<_, DueDelivery>(&format!(
                "select d.id as delivery_id, d.attempts, d.endpoint_id, w.url, w.secret_generation, w.failing_since, \
                 {EVENT_COLUMNS}, cast(null as boolean) as read \
                 from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id \
                 join events e on e.id = d.event_id \
                 left join creators c on c.id = e.creator_id left join campaigns k on k.id = e.campaign_id \
                 where d.lease_owner = $1 and d.lease_until = $2"
            ))
            .bind(owner)
            .bind(lease_until)
            .fetch_all(&mut *tx)
            .await?
        };
        tx.commit().await?;
        Ok(due)
    }

    async fn record_delivery(&self, attempt: &DeliveryAttempt) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let delivered = attempt.error.is_none();
        let status = match (delivered, attempt.retry_at) {
            (true, _) => "delivered",
            (false, Some(_)) => "pending",
            (false, None) => "failed",
        };
        sqlx::query(
            "update webhook_deliveries set attempts = attempts + 1, last_attempt_at = $2, response_status = $3, \
             last_error = $4, status = $5, next_attempt_at = $6, \
             delivered_at = case when $5 = 'delivered' then $2 else delivered_at end, \
             lease_until = null, lease_owner = null where id = $1",
        )
        .bind(attempt.delivery_id)
        .bind(attempt.at)
        .bind(attempt.response_status)
        .bind(&attempt.error)
        .bind(status)
        .bind(if delivered { None } else { attempt.retry_at })
        .execute(&mut *tx)
        .await?;
        // An endpoint fails from its first failed attempt until one succeeds.
        sqlx::query(
            "update webhook_endpoints set failing_since = case when $3 then null else coalesce(failing_since, $2) end \
             where id = $1",
        )
        .bind(attempt.endpoint_id)
        .bind(attempt.at)
        .bind(delivered)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn disable_webhook(&self, endpoint_id: Uuid, reason: &str, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "update webhook_endpoints set enabled = false, disabled_reason = $2, updated_at = $3 \
             where id = $1 and enabled",
        )
        .bind(endpoint_id)
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(changed == 1)
    }

    async fn digest_frequency(&self, workspace_id: Uuid, user_id: Uuid) -> Result<String> {
        let frequency: Option<String> =
            sqlx::query_scalar("select frequency from digest_settings where workspace_id = $1 and user_id = $2")
                .bind(workspace_id)
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(frequency.unwrap_or_else(|| "off".to_owned()))
    }

    async fn put_digest_frequency(
        &self,
        workspace_id: Uuid,
        user_id: Uuid,
        frequency: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The first digest covers what happened since it was asked for.
        sqlx::query(
            "insert into digest_settings (user_id, workspace_id, frequency, last_sent_at, created_at, updated_at) \
             values ($1, $2, $3, $4, $4, $4) on conflict (user_id, workspace_id) \
             do update set frequency = excluded.frequency, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(workspace_id)
        .bind(frequency)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn due_digests(&self, now: DateTime<Utc>) -> Result<Vec<DueDigest>> {
        let rows = sqlx::query_as::<_, DueDigest>(
            "select d.user_id, u.email, u.display_name, d.workspace_id, w.name as workspace_name, d.frequency, \
             d.last_sent_at, d.created_at from digest_settings d \
             join memberships m on m.workspace_id = d.workspace_id and m.user_id = d.user_id \
             join users u on u.id = d.user_id join workspaces w on w.id = d.workspace_id \
             where d.frequency <> 'off'",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter(|d| {
                let every = if d.frequency == "daily" { TimeDelta::days(1) } else { TimeDelta::weeks(1) };
                d.last_sent_at.unwrap_or(d.created_at) + every <= now
            })
            .collect())
    }

    async fn digest_sent(&self, workspace_id: Uuid, user_id: Uuid, at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update digest_settings set last_sent_at = $3 where workspace_id = $1 and user_id = $2")
            .bind(workspace_id)
            .bind(user_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
