//! Campaigns, their entries (a creator's place in the pipeline), posts and orders. Every read and
//! write goes through `campaigns.workspace_id`, so another workspace's rows are not found.

use chrono::NaiveDate;

use super::*;
use crate::domain::campaign::MatcherSet;
use crate::domain::{Evidence, RuleKind, Rules, Stage, contact_from_bio, next_post_check};

const CAMPAIGN_COLUMNS: &str = "k.id, k.workspace_id, k.name, k.starts_on, k.ends_on, k.product_name, k.unit_cost, \
     k.shipping_cost, k.retail_value, k.currency, k.fee, k.overdue_days, k.landing_url, k.rules, k.demo, \
     k.created_at, k.updated_at";
const POST_SELECT: &str = "select p.id, p.campaign_id, p.entry_id, c.handle, p.platform_id, p.status, p.rule, \
     p.pattern, p.matched, p.detected_at, p.next_check_at \
     from campaign_posts p join campaigns k on k.id = p.campaign_id \
     join campaign_creators e on e.id = p.entry_id join creators c on c.id = e.creator_id";
const DETECTION_LABEL: &str = "post detection";
const DISMISSAL_LABEL: &str = "post dismissed";

#[derive(sqlx::FromRow)]
struct EntryRow {
    entry_id: Uuid,
    campaign_id: Uuid,
    #[sqlx(try_from = "String")]
    stage: Stage,
    stage_changed_at: DateTime<Utc>,
    stage_changed_by: Option<String>,
    contact: String,
    contact_from_bio: bool,
    discount_code: Option<String>,
    entry_fee: Option<f64>,
    clicks: Option<i64>,
    shipped_on: Option<NaiveDate>,
    units: Option<i32>,
    shipment_cost: Option<f64>,
    carrier: Option<String>,
    tracking_url: Option<String>,
    delivered_on: Option<NaiveDate>,
    estimate: Option<Json<serde_json::Value>>,
    entry_created_at: DateTime<Utc>,
    #[sqlx(flatten)]
    creator: Creator,
    followers: Option<i64>,
    posts: i64,
    first_post_at: Option<DateTime<Utc>>,
}

impl EntryRow {
    fn into_entry(self, history: Vec<StageEvent>) -> CampaignEntry {
        let shipment = self.shipped_on.map(|shipped_on| Shipment {
            shipped_on,
            units: self.units.unwrap_or(1),
            cost: self.shipment_cost,
            carrier: self.carrier,
            tracking_url: self.tracking_url,
            delivered_on: self.delivered_on,
        });
        CampaignEntry {
            id: self.entry_id,
            campaign_id: self.campaign_id,
            stage: self.stage,
            stage_changed_at: self.stage_changed_at,
            stage_changed_by: self.stage_changed_by,
            contact: self.contact,
            contact_from_bio: self.contact_from_bio,
            discount_code: self.discount_code,
            fee: self.entry_fee,
            clicks: self.clicks,
            shipment,
            estimate: self.estimate.map(|e| e.0),
            creator: self.creator,
            followers: self.followers,
            posts: self.posts,
            first_post_at: self.first_post_at,
            history,
            created_at: self.entry_created_at,
        }
    }
}

/// Entries of one campaign; `$1` workspace, `$2` campaign, then whatever `tail` binds.
fn entries_query(tail: &str) -> String {
    let latest = latest_join("e.creator_id", "$1");
    format!(
        "select e.id as entry_id, e.campaign_id, e.stage, e.stage_changed_at, e.stage_changed_by, e.contact, \
                e.contact_from_bio, e.discount_code, e.fee as entry_fee, e.clicks, e.shipped_on, e.units, \
                e.shipment_cost, e.carrier, e.tracking_url, e.delivered_on, e.estimate, e.created_at as entry_created_at, \
                {CREATOR_COLUMNS}, s.followers as followers, \
                (select count(*) from campaign_posts p where p.entry_id = e.id and p.status <> 'dismissed') as posts, \
                (select min(v.posted_at) from campaign_posts p join videos v on v.platform_id = p.platform_id \
                 where p.entry_id = e.id and p.status <> 'dismissed') as first_post_at \
         from campaign_creators e \
         join campaigns k on k.id = e.campaign_id \
         join creators c on c.id = e.creator_id \
         {latest} \
         where k.workspace_id = $1 and e.campaign_id = $2 {tail}"
    )
}

#[derive(sqlx::FromRow)]
struct PostRow {
    id: Uuid,
    campaign_id: Uuid,
    entry_id: Uuid,
    handle: String,
    platform_id: String,
    #[sqlx(try_from = "String")]
    status: PostStatus,
    rule: String,
    pattern: String,
    matched: String,
    detected_at: DateTime<Utc>,
    next_check_at: Option<DateTime<Utc>>,
}

impl PostRow {
    fn into_post(self, video: Option<VideoRow>) -> CampaignPost {
        CampaignPost {
            id: self.id,
            campaign_id: self.campaign_id,
            entry_id: self.entry_id,
            handle: self.handle,
            platform_id: self.platform_id,
            status: self.status,
            evidence: Evidence {
                rule: RuleKind::parse(&self.rule).unwrap_or(RuleKind::Manual),
                pattern: self.pattern,
                matched: self.matched,
            },
            detected_at: self.detected_at,
            next_check_at: self.next_check_at,
            video,
        }
    }
}

fn day_start(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// (user, name to record) of whoever moves an entry.
async fn actor_label(tx: &mut WriteTx<Db>, by: Actor) -> Result<(Option<Uuid>, Option<String>)> {
    Ok(match by {
        Actor::Member(user_id) => {
            let name: Option<String> = sqlx::query_scalar("select display_name from users where id = $1")
                .bind(user_id)
                .fetch_optional(&mut **tx)
                .await?;
            (Some(user_id), name)
        }
        Actor::System(label) => (None, Some(label.to_owned())),
    })
}

/// Moves an entry to `stage` and records the move, unless it is there already. With `only_from`,
/// only an entry at one of those stages moves. Returns whether it moved.
async fn move_entry(
    tx: &mut WriteTx<Db>,
    entry_id: Uuid,
    stage: Stage,
    only_from: &[Stage],
    by: Actor,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (user, label) = actor_label(tx, by).await?;
    let mut update = QueryBuilder::<Db>::new("update campaign_creators set stage = ");
    update
        .push_bind(stage.as_str())
        .push(", stage_changed_at = ")
        .push_bind(now)
        .push(", stage_changed_by = ")
        .push_bind(label.clone())
        .push(", updated_at = ")
        .push_bind(now)
        .push(", detection_version = detection_version + 1 where id = ")
        .push_bind(entry_id)
        .push(" and stage <> ")
        .push_bind(stage.as_str());
    if !only_from.is_empty() {
        update.push(" and stage in (");
        let mut separated = update.separated(", ");
        for from in only_from {
            separated.push_bind(from.as_str());
        }
        update.push(")");
    }
    if update.build().execute(&mut **tx).await?.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "insert into campaign_stage_events (id, entry_id, stage, at, by_user, by_label) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::now_v7())
    .bind(entry_id)
    .bind(stage.as_str())
    .bind(now)
    .bind(user)
    .bind(label)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

impl SqlStore {
    async fn campaign_in(
        &self,
        executor: impl sqlx::Executor<'_, Database = Db>,
        workspace_id: Uuid,
        campaign_id: Uuid,
    ) -> Result<Campaign> {
        sqlx::query_as::<_, Campaign>(&format!(
            "select {CAMPAIGN_COLUMNS} from campaigns k where k.workspace_id = $1 and k.id = $2"
        ))
        .bind(workspace_id)
        .bind(campaign_id)
        .fetch_optional(executor)
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// The entry's stage, when the entry is in this workspace's campaign.
    async fn entry_stage(
        &self,
        executor: impl sqlx::Executor<'_, Database = Db>,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
    ) -> Result<Stage> {
        let stage: Option<String> = sqlx::query_scalar(
            "select e.stage from campaign_creators e join campaigns k on k.id = e.campaign_id \
             where k.workspace_id = $1 and e.campaign_id = $2 and e.id = $3",
        )
        .bind(workspace_id)
        .bind(campaign_id)
        .bind(entry_id)
        .fetch_optional(executor)
        .await?;
        let stage = stage.ok_or(StoreError::NotFound)?;
        Stage::try_from(stage).map_err(|e| StoreError::Unexpected(anyhow::anyhow!(e)))
    }

    async fn history(&self, campaign_id: Uuid, entry_id: Option<Uuid>) -> Result<Vec<StageEvent>> {
        let entry_clause = if entry_id.is_some() { "and h.entry_id = $2" } else { "" };
        let sql = format!(
            "select h.entry_id, h.stage, h.at, h.by_label from campaign_stage_events h \
             join campaign_creators e on e.id = h.entry_id where e.campaign_id = $1 {entry_clause} order by h.at, h.id"
        );
        let mut query = sqlx::query_as::<_, StageEvent>(&sql).bind(campaign_id);
        if let Some(entry_id) = entry_id {
            query = query.bind(entry_id);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    async fn with_videos(&self, rows: Vec<PostRow>) -> Result<Vec<CampaignPost>> {
        let ids: Vec<String> = rows.iter().map(|p| p.platform_id.clone()).collect();
        let mut videos: HashMap<String, VideoRow> =
            self.videos_by_platform_ids(&ids).await?.into_iter().map(|v| (v.platform_id.clone(), v)).collect();
        Ok(rows
            .into_iter()
            .map(|row| {
                let video = videos.remove(&row.platform_id);
                row.into_post(video)
            })
            .collect())
    }

    async fn write_campaign(&self, workspace_id: Uuid, id: Uuid, query: FieldsQuery<'_>) -> Result<Campaign> {
        let mut tx = self.begin_write().await?;
        let written = query.execute(&mut *tx).await.map_err(on_unique_violation(Conflict::DuplicateCampaignName))?;
        if written.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let campaign = self.campaign_in(&mut *tx, workspace_id, id).await?;
        tx.commit().await?;
        Ok(campaign)
    }
}

type FieldsQuery<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

/// Binds a campaign's fields as `$3` to `$14` after its id and workspace.
fn bind_fields<'q>(sql: &'q str, id: Uuid, workspace_id: Uuid, fields: &'q CampaignFields) -> FieldsQuery<'q> {
    sqlx::query(sql)
        .bind(id)
        .bind(workspace_id)
        .bind(&fields.name)
        .bind(fields.starts_on)
        .bind(fields.ends_on)
        .bind(&fields.product_name)
        .bind(fields.unit_cost)
        .bind(fields.shipping_cost)
        .bind(fields.retail_value)
        .bind(&fields.currency)
        .bind(fields.fee)
        .bind(fields.overdue_days)
        .bind(&fields.landing_url)
        .bind(Json(&fields.rules))
}

#[async_trait]
impl CampaignStore for SqlStore {
    async fn create_campaign(
        &self,
        workspace_id: Uuid,
        id: Uuid,
        fields: CampaignFields,
        demo: bool,
        now: DateTime<Utc>,
    ) -> Result<Campaign> {
        let sql = "insert into campaigns (id, workspace_id, name, starts_on, ends_on, product_name, unit_cost, \
             shipping_cost, retail_value, currency, fee, overdue_days, landing_url, rules, demo, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)";
        self.write_campaign(workspace_id, id, bind_fields(sql, id, workspace_id, &fields).bind(demo).bind(now)).await
    }

    async fn campaigns(&self, workspace_id: Uuid) -> Result<Vec<Campaign>> {
        Ok(sqlx::query_as::<_, Campaign>(&format!(
            "select {CAMPAIGN_COLUMNS} from campaigns k where k.workspace_id = $1 order by k.starts_on desc, k.id desc"
        ))
        .bind(workspace_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn campaign(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Campaign> {
        self.campaign_in(&self.pool, workspace_id, campaign_id).await
    }

    async fn update_campaign(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        fields: CampaignFields,
        now: DateTime<Utc>,
    ) -> Result<Campaign> {
        let sql = "update campaigns set name = $3, starts_on = $4, ends_on = $5, product_name = $6, unit_cost = $7, \
             shipping_cost = $8, retail_value = $9, currency = $10, fee = $11, overdue_days = $12, landing_url = $13, \
             rules = $14, updated_at = $15 where id = $1 and workspace_id = $2";
        self.write_campaign(workspace_id, campaign_id, bind_fields(sql, campaign_id, workspace_id, &fields).bind(now))
            .await
    }

    async fn delete_campaign(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query("delete from campaigns where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(campaign_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        if deleted.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn campaign_stage_counts(&self, workspace_id: Uuid, campaign_id: Option<Uuid>) -> Result<Vec<EntryStatus>> {
        Ok(sqlx::query_as::<_, EntryStatus>(
            "select e.campaign_id, e.stage, e.shipped_on, e.delivered_on, \
                (select count(*) from campaign_posts p where p.entry_id = e.id and p.status <> 'dismissed') as posts \
             from campaign_creators e join campaigns k on k.id = e.campaign_id \
             where k.workspace_id = $1 and ($2 is null or e.campaign_id = $2)",
        )
        .bind(workspace_id)
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn campaign_entries(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Vec<CampaignEntry>> {
        self.campaign_in(&self.pool, workspace_id, campaign_id).await?;
        let rows = sqlx::query_as::<_, EntryRow>(&entries_query("order by e.created_at, e.id"))
            .bind(workspace_id)
            .bind(campaign_id)
            .fetch_all(&self.pool)
            .await?;
        let mut history: HashMap<Uuid, Vec<StageEvent>> = HashMap::new();
        for event in self.history(campaign_id, None).await? {
            history.entry(event.entry_id).or_default().push(event);
        }
        Ok(rows
            .into_iter()
            .map(|row| {
                let events = history.remove(&row.entry_id).unwrap_or_default();
                row.into_entry(events)
            })
            .collect())
    }

    async fn campaign_entry(&self, workspace_id: Uuid, campaign_id: Uuid, entry_id: Uuid) -> Result<CampaignEntry> {
        let row = sqlx::query_as::<_, EntryRow>(&entries_query("and e.id = $3"))
            .bind(workspace_id)
            .bind(campaign_id)
            .bind(entry_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let history = self.history(campaign_id, Some(entry_id)).await?;
        Ok(row.into_entry(history))
    }

    async fn add_campaign_creators(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        creator_ids: &[Uuid],
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Added> {
        let mut wanted = creator_ids.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut tx = self.begin_write().await?;
        self.campaign_in(&mut *tx, workspace_id, campaign_id).await?;
        let mut bios: HashMap<Uuid, Option<String>> = HashMap::new();
        let mut already: Vec<Uuid> = Vec::new();
        for chunk in wanted.chunks(ROWS_PER_INSERT) {
            let mut visible = QueryBuilder::<Db>::new(
                "select c.id, c.bio, exists (select 1 from campaign_creators e where e.creator_id = c.id and e.campaign_id = ",
            );
            visible
                .push_bind(campaign_id)
                .push(") from creators c join workspace_creators w on w.creator_id = c.id and w.workspace_id = ");
            visible.push_bind(workspace_id).push(" where c.id in (");
            let mut separated = visible.separated(", ");
            for id in chunk {
                separated.push_bind(*id);
            }
            visible.push(")");
            for (id, bio, present) in
                visible.build_query_as::<(Uuid, Option<String>, bool)>().fetch_all(&mut *tx).await?
            {
                if present {
                    already.push(id);
                } else {
                    bios.insert(id, bio);
                }
            }
        }
        let unknown: Vec<Uuid> =
            wanted.iter().copied().filter(|id| !bios.contains_key(id) && !already.contains(id)).collect();
        if !unknown.is_empty() {
            return Ok(Added { entry_ids: Vec::new(), already_in: already.len(), unknown });
        }
        let count: i64 = sqlx::query_scalar("select count(*) from campaign_creators where campaign_id = $1")
            .bind(campaign_id)
            .fetch_one(&mut *tx)
            .await?;
        if count + bios.len() as i64 > MAX_CAMPAIGN_CREATORS {
            return Err(StoreError::LimitReached(Limit::CampaignFull));
        }
        let (user, label) = actor_label(&mut tx, by).await?;
        let new: Vec<(Uuid, Uuid, String)> = wanted
            .iter()
            .filter_map(|id| {
                bios.get(id).map(|bio| (Uuid::now_v7(), *id, contact_from_bio(bio.as_deref().unwrap_or(""))))
            })
            .collect();
        for chunk in new.chunks(ROWS_PER_INSERT / 10) {
            let mut insert = QueryBuilder::<Db>::new(
                "insert into campaign_creators (id, campaign_id, creator_id, stage, stage_changed_at, stage_changed_by, \
                 contact, contact_from_bio, created_at, updated_at) ",
            );
            insert.push_values(chunk, |mut row, (entry_id, creator_id, contact)| {
                row.push_bind(*entry_id)
                    .push_bind(campaign_id)
                    .push_bind(*creator_id)
                    .push_bind(Stage::Shortlisted.as_str())
                    .push_bind(now)
                    .push_bind(label.clone())
                    .push_bind(contact.clone())
                    .push_bind(!contact.is_empty())
                    .push_bind(now)
                    .push_bind(now);
            });
            insert.build().execute(&mut *tx).await?;
            let mut events = QueryBuilder::<Db>::new(
                "insert into campaign_stage_events (id, entry_id, stage, at, by_user, by_label) ",
            );
            events.push_values(chunk, |mut row, (entry_id, _, _)| {
                row.push_bind(Uuid::now_v7())
                    .push_bind(*entry_id)
                    .push_bind(Stage::Shortlisted.as_str())
                    .push_bind(now)
                    .push_bind(user)
                    .push_bind(label.clone());
            });
            events.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Added { entry_ids: new.into_iter().map(|(id, _, _)| id).collect(), already_in: already.len(), unknown })
    }

    async fn update_campaign_entry(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        change: EntryChange,
        now: DateTime<Utc>,
    ) -> Result<CampaignEntry> {
        let mut tx = self.begin_write().await?;
        self.entry_stage(&mut *tx, workspace_id, campaign_id, entry_id).await?;
        sqlx::query(
            "update campaign_creators set \
                contact = coalesce($2, contact), \
                contact_from_bio = case when $2 is null then contact_from_bio else false end, \
                discount_code = case when $3 then $4 else discount_code end, \
                fee = case when $5 then $6 else fee end, \
                clicks = case when $7 then $8 else clicks end, \
                updated_at = $9 \
             where id = $1",
        )
        .bind(entry_id)
        .bind(&change.contact)
        .bind(change.discount_code.is_some())
        .bind(change.discount_code.clone().flatten())
        .bind(change.fee.is_some())
        .bind(change.fee.flatten())
        .bind(change.clicks.is_some())
        .bind(change.clicks.flatten())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(on_unique_violation(Conflict::DuplicateDiscountCode))?;
        tx.commit().await?;
        self.campaign_entry(workspace_id, campaign_id, entry_id).await
    }

    async fn move_campaign_entry(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        to: StageMove,
    ) -> Result<CampaignEntry> {
        let mut tx = self.begin_write().await?;
        self.entry_stage(&mut *tx, workspace_id, campaign_id, entry_id).await?;
        move_entry(&mut tx, entry_id, to.stage, &[], to.by, to.now).await?;
        if let Some(shipment) = to.shipment {
            write_shipment(&mut tx, entry_id, &shipment, true, to.now).await?;
        }
        tx.commit().await?;
        self.campaign_entry(workspace_id, campaign_id, entry_id).await
    }

    async fn set_shipment(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        shipment: Shipment,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<CampaignEntry> {
        let mut tx = self.begin_write().await?;
        let stage = self.entry_stage(&mut *tx, workspace_id, campaign_id, entry_id).await?;
        write_shipment(&mut tx, entry_id, &shipment, false, now).await?;
        let target = if shipment.delivered_on.is_some() { Stage::Delivered } else { Stage::Shipped };
        if stage != Stage::Posted && !(stage.has_shipped() && stage >= target) {
            move_entry(&mut tx, entry_id, target, &[], by, now).await?;
        }
        tx.commit().await?;
        self.campaign_entry(workspace_id, campaign_id, entry_id).await
    }

    async fn set_entry_estimate(&self, entry_id: Uuid, estimate: serde_json::Value) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update campaign_creators set estimate = $2 where id = $1")
            .bind(entry_id)
            .bind(Json(estimate))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_campaign_entry(&self, workspace_id: Uuid, campaign_id: Uuid, entry_id: Uuid) -> Result<()> {
        let mut tx = self.begin_write().await?;
        self.entry_stage(&mut *tx, workspace_id, campaign_id, entry_id).await?;
        sqlx::query("delete from campaign_creators where id = $1").bind(entry_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn campaign_posts(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Vec<CampaignPost>> {
        self.campaign_in(&self.pool, workspace_id, campaign_id).await?;
        let rows = sqlx::query_as::<_, PostRow>(&format!(
            "{POST_SELECT} where k.workspace_id = $1 and p.campaign_id = $2 order by p.detected_at desc, p.id desc"
        ))
        .bind(workspace_id)
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await?;
        self.with_videos(rows).await
    }

    async fn campaign_post(&self, workspace_id: Uuid, campaign_id: Uuid, post_id: Uuid) -> Result<CampaignPost> {
        let row = sqlx::query_as::<_, PostRow>(&format!(
            "{POST_SELECT} where k.workspace_id = $1 and p.campaign_id = $2 and p.id = $3"
        ))
        .bind(workspace_id)
        .bind(campaign_id)
        .bind(post_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(self.with_videos(vec![row]).await?.remove(0))
    }

    async fn attach_campaign_post(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        platform_id: &str,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<CampaignPost> {
        let mut tx = self.begin_write().await?;
        self.entry_stage(&mut *tx, workspace_id, campaign_id, entry_id).await?;
        let posted_at: Option<DateTime<Utc>> =
            sqlx::query_scalar("select posted_at from videos where platform_id = $1")
                .bind(platform_id)
                .fetch_optional(&mut *tx)
                .await?;
        // An unfetched video is checked at the creator's next fetch, which is made due now.
        let next_check = posted_at.map_or(Some(now), |posted| next_post_check(posted, now));
        let post_id: Option<Uuid> = sqlx::query_scalar(
            "insert into campaign_posts (id, campaign_id, entry_id, platform_id, status, rule, pattern, matched, \
             detected_at, next_check_at) values ($1, $2, $3, $4, 'attached', 'manual', 'attached by hand', $4, $5, $6) \
             on conflict (campaign_id, platform_id) do update set status = 'attached', rule = 'manual', \
             pattern = 'attached by hand', matched = excluded.matched, entry_id = excluded.entry_id, \
             detected_at = excluded.detected_at, next_check_at = excluded.next_check_at \
             where campaign_posts.status = 'dismissed' returning id",
        )
        .bind(Uuid::now_v7())
        .bind(campaign_id)
        .bind(entry_id)
        .bind(platform_id)
        .bind(now)
        .bind(next_check)
        .fetch_optional(&mut *tx)
        .await?;
        let post_id = post_id.ok_or(StoreError::Conflict(Conflict::PostAlreadyInCampaign))?;
        move_entry(&mut tx, entry_id, Stage::Posted, &Stage::BEFORE_POSTED, by, now).await?;
        if let Some(next) = next_check {
            sqlx::query(
                "update creators set next_fetch_at = $2 where id = (select creator_id from campaign_creators where id = $1) \
                 and (next_fetch_at is null or next_fetch_at > $2)",
            )
            .bind(entry_id)
            .bind(next)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.campaign_post(workspace_id, campaign_id, post_id).await
    }

    async fn dismiss_campaign_post(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        post_id: Uuid,
    ) -> Result<CampaignPost> {
        let mut tx = self.begin_write().await?;
        let entry_id: Option<Uuid> = sqlx::query_scalar(
            "update campaign_posts set status = 'dismissed', next_check_at = null where id = $3 and campaign_id = $2 \
             and campaign_id in (select id from campaigns where workspace_id = $1) returning entry_id",
        )
        .bind(workspace_id)
        .bind(campaign_id)
        .bind(post_id)
        .fetch_optional(&mut *tx)
        .await?;
        let entry_id = entry_id.ok_or(StoreError::NotFound)?;
        // A creator whose only post was a false match goes back to where it was before.
        let live: i64 =
            sqlx::query_scalar("select count(*) from campaign_posts where entry_id = $1 and status <> 'dismissed'")
                .bind(entry_id)
                .fetch_one(&mut *tx)
                .await?;
        if live == 0 {
            let before: Option<String> = sqlx::query_scalar(
                "select stage from campaign_stage_events where entry_id = $1 and stage <> 'posted' \
                 order by at desc, id desc limit 1",
            )
            .bind(entry_id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(before) = before.as_deref().and_then(Stage::parse) {
                let by = Actor::System(DISMISSAL_LABEL);
                move_entry(&mut tx, entry_id, before, &[Stage::Posted], by, Utc::now()).await?;
            }
        }
        tx.commit().await?;
        self.campaign_post(workspace_id, campaign_id, post_id).await
    }

    async fn post_curve(&self, workspace_id: Uuid, campaign_id: Uuid, post_id: Uuid) -> Result<Vec<VideoPoint>> {
        let post = self.campaign_post(workspace_id, campaign_id, post_id).await?;
        Ok(sqlx::query_as::<_, VideoPoint>(
            "select vs.captured_at, vs.views, vs.likes, vs.comments, vs.shares from video_snapshots vs \
             join videos v on v.id = vs.video_id where v.platform_id = $1 order by vs.captured_hour",
        )
        .bind(&post.platform_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn campaign_watch(&self, creator_id: Uuid, now: DateTime<Utc>) -> Result<CampaignWatch> {
        let Some(inputs) = self.detection_inputs(creator_id, now).await? else { return Ok(CampaignWatch::default()) };
        let has_scheduled_posts = inputs.posts.iter().any(|p| p.next_check_at.is_some());
        let videos = match inputs.targets.iter().map(|t| t.since).min() {
            None => Vec::new(),
            Some(since) => {
                sqlx::query_as::<_, CandidateVideo>(
                    "select platform_id, posted_at, description, hashtags from videos \
                     where creator_id = $1 and posted_at >= $2 order by posted_at desc limit 200",
                )
                .bind(creator_id)
                .bind(since)
                .fetch_all(&self.pool)
                .await?
            }
        };
        Ok(CampaignWatch { targets: inputs.targets, videos, has_scheduled_posts })
    }

    async fn record_detection(
        &self,
        creator_id: Uuid,
        found: &[FoundPost],
        now: DateTime<Utc>,
    ) -> Result<Vec<DetectedPost>> {
        let Some(inputs) = self.detection_inputs(creator_id, now).await? else { return Ok(Vec::new()) };
        let videos: Vec<CandidateVideo> =
            sqlx::query_as("select platform_id, posted_at, description, hashtags from videos where creator_id = $1")
                .bind(creator_id)
                .fetch_all(&self.pool)
                .await?;
        let texts: Vec<VideoText> = videos.iter().map(CandidateVideo::text).collect();
        let writes = DetectionWrites::plan(&inputs, found.to_vec(), &texts, now);
        let earliest = writes.earliest_check;
        let mut tx = self.begin_write().await?;
        let detected = store_detection(&mut tx, vec![writes], now).await?;
        if let Some(earliest) = earliest {
            sqlx::query(
                "update creators set next_fetch_at = $2 where id = $1 and (next_fetch_at is null or next_fetch_at > $2)",
            )
            .bind(creator_id)
            .bind(earliest)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(detected)
    }

    async fn campaign_orders(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Vec<Order>> {
        self.campaign_in(&self.pool, workspace_id, campaign_id).await?;
        Ok(sqlx::query_as::<_, Order>(
            "select o.id, o.campaign_id, o.entry_id, c.handle, o.order_id, o.ordered_at, o.code, o.utm, o.amount, \
                o.currency, o.source \
             from campaign_orders o join campaigns k on k.id = o.campaign_id \
             join campaign_creators e on e.id = o.entry_id join creators c on c.id = e.creator_id \
             where k.workspace_id = $1 and o.campaign_id = $2 order by o.ordered_at desc, o.id desc",
        )
        .bind(workspace_id)
        .bind(campaign_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_campaign_orders(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        orders: &[NewOrder],
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<(u64, u64)> {
        let mut tx = self.begin_write().await?;
        self.campaign_in(&mut *tx, workspace_id, campaign_id).await?;
        let entries: Vec<Uuid> = sqlx::query_scalar("select id from campaign_creators where campaign_id = $1")
            .bind(campaign_id)
            .fetch_all(&mut *tx)
            .await?;
        if orders.iter().any(|o| !entries.contains(&o.entry_id)) {
            return Err(StoreError::NotFound);
        }
        let mut written = 0;
        for chunk in orders.chunks(ROWS_PER_INSERT / 10) {
            let mut insert = QueryBuilder::<Db>::new(
                "insert into campaign_orders (id, campaign_id, entry_id, order_id, ordered_at, code, utm, amount, \
                 currency, source, created_at) ",
            );
            insert.push_values(chunk, |mut row, order| {
                row.push_bind(order.id)
                    .push_bind(campaign_id)
                    .push_bind(order.entry_id)
                    .push_bind(&order.order_id)
                    .push_bind(order.ordered_at)
                    .push_bind(&order.code)
                    .push_bind(&order.utm)
                    .push_bind(order.amount)
                    .push_bind(&order.currency)
                    .push_bind(source)
                    .push_bind(now);
            });
            insert.push(" on conflict (campaign_id, order_id) do nothing");
            written += insert.build().execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok((written, orders.len() as u64 - written))
    }

    async fn delete_campaign_order(&self, workspace_id: Uuid, campaign_id: Uuid, order_id: Uuid) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query(
            "delete from campaign_orders where id = $3 and campaign_id = $2 \
             and campaign_id in (select id from campaigns where workspace_id = $1)",
        )
        .bind(workspace_id)
        .bind(campaign_id)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if deleted.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}

async fn write_shipment(
    tx: &mut WriteTx<Db>,
    entry_id: Uuid,
    shipment: &Shipment,
    only_if_none: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let guard = if only_if_none { "and shipped_on is null" } else { "" };
    sqlx::query(&format!(
        "update campaign_creators set shipped_on = $2, units = $3, shipment_cost = $4, carrier = $5, tracking_url = $6, \
         delivered_on = $7, updated_at = $8, detection_version = detection_version + 1 where id = $1 {guard}"
    ))
    .bind(entry_id)
    .bind(shipment.shipped_on)
    .bind(shipment.units)
    .bind(shipment.cost)
    .bind(&shipment.carrier)
    .bind(&shipment.tracking_url)
    .bind(shipment.delivered_on)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Stores detection's writes for a batch of creators in a few statements: the new posts (those
/// a campaign has already are skipped, so a repeat writes nothing), each one's entry moved to
/// `posted` when it was before it, with the move recorded, and the due checks moved on.
pub(super) async fn store_detection(
    tx: &mut WriteTx<Db>,
    mut writes: Vec<DetectionWrites>,
    now: DateTime<Utc>,
) -> Result<Vec<DetectedPost>> {
    let mut found: Vec<(FoundPost, Option<DateTime<Utc>>)> =
        writes.iter_mut().flat_map(|w| w.found.drain(..)).collect();
    // One order for every writer, so concurrent transactions lock rows in the same order.
    found.sort_by(|a, b| (a.0.campaign_id, &a.0.platform_id).cmp(&(b.0.campaign_id, &b.0.platform_id)));
    let mut detected = Vec::new();
    for chunk in found.chunks(ROWS_PER_INSERT / 10) {
        let mut insert = QueryBuilder::<Db>::new(
            "insert into campaign_posts (id, campaign_id, entry_id, platform_id, status, rule, pattern, matched, \
             detected_at, next_check_at) ",
        );
        insert.push_values(chunk, |mut row, (post, next_check_at)| {
            row.push_bind(Uuid::now_v7())
                .push_bind(post.campaign_id)
                .push_bind(post.entry_id)
                .push_bind(post.platform_id.clone())
                .push_bind("detected")
                .push_bind(post.evidence.rule.as_str())
                .push_bind(post.evidence.pattern.clone())
                .push_bind(post.evidence.matched.clone())
                .push_bind(now)
                .push_bind(*next_check_at);
        });
        insert.push(
            " on conflict (campaign_id, platform_id) do nothing returning id as post_id, campaign_id, entry_id, platform_id",
        );
        detected.extend(insert.build_query_as::<DetectedPost>().fetch_all(&mut **tx).await?);
    }
    let mut entries: Vec<Uuid> = detected.iter().map(|post| post.entry_id).collect();
    entries.sort_unstable();
    entries.dedup();
    for chunk in entries.chunks(ROWS_PER_INSERT) {
        let mut update = QueryBuilder::<Db>::new("update campaign_creators set stage = ");
        update
            .push_bind(Stage::Posted.as_str())
            .push(", stage_changed_at = ")
            .push_bind(now)
            .push(", stage_changed_by = ")
            .push_bind(DETECTION_LABEL)
            .push(", updated_at = ")
            .push_bind(now)
            .push(" where stage in (");
        let mut separated = update.separated(", ");
        for from in Stage::BEFORE_POSTED {
            separated.push_bind(from.as_str());
        }
        update.push(") and id in ");
        push_ids(&mut update, chunk);
        update.push(" returning id");
        let moved: Vec<Uuid> = update.build_query_scalar().fetch_all(&mut **tx).await?;
        if moved.is_empty() {
            continue;
        }
        let mut events =
            QueryBuilder::<Db>::new("insert into campaign_stage_events (id, entry_id, stage, at, by_user, by_label) ");
        events.push_values(moved, |mut row, entry_id| {
            row.push_bind(Uuid::now_v7())
                .push_bind(entry_id)
                .push_bind(Stage::Posted.as_str())
                .push_bind(now)
                .push_bind(None::<Uuid>)
                .push_bind(DETECTION_LABEL);
        });
        events.build().execute(&mut **tx).await?;
    }
    let mut checks: Vec<(Uuid, Option<DateTime<Utc>>)> = writes.into_iter().flat_map(|w| w.checks).collect();
    checks.sort_unstable_by_key(|(post_id, _)| *post_id);
    for (post_id, next) in checks {
        sqlx::query("update campaign_posts set next_check_at = $2 where id = $1")
            .bind(post_id)
            .bind(next)
            .execute(&mut **tx)
            .await?;
    }
    Ok(detected)
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    creator_id: Uuid,
    entry_id: Uuid,
    campaign_id: Uuid,
    shipped_on: Option<NaiveDate>,
    #[sqlx(try_from = "String")]
    stage: Stage,
}

#[derive(sqlx::FromRow)]
struct CampaignRulesRow {
    id: Uuid,
    rules: Json<Rules>,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct PostScheduleRow {
    creator_id: Uuid,
    id: Uuid,
    campaign_id: Uuid,
    platform_id: String,
    detected_at: DateTime<Utc>,
    posted_at: Option<DateTime<Utc>>,
    next_check_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    creator_id: Uuid,
    entries: i64,
    versions: i64,
    newest: DateTime<Utc>,
    campaigns_changed: DateTime<Utc>,
    next_check_at: Option<DateTime<Utc>>,
}

impl SqlStore {
    /// For each of `creator_ids` in a campaign, one row: how many entries it has, the sum of
    /// their detection versions (bumped by a move or a shipment), the newest entry, the last
    /// change of their campaigns, and its posts' next check. The claim reads this; the rest of
    /// what detection needs only when a fetch brings something to match or a check is due.
    pub(super) async fn detection_claims_of(&self, creator_ids: &[Uuid]) -> Result<HashMap<Uuid, DetectionClaim>> {
        let mut query = QueryBuilder::<Db>::new(
            "select e.creator_id, count(*) as entries, sum(e.detection_version) as versions, \
                    max(e.created_at) as newest, max(k.updated_at) as campaigns_changed, \
                    min((select min(p.next_check_at) from campaign_posts p where p.entry_id = e.id)) as next_check_at \
             from campaign_creators e join campaigns k on k.id = e.campaign_id where e.creator_id in ",
        );
        push_ids(&mut query, creator_ids);
        query.push(" group by e.creator_id");
        Ok(query
            .build_query_as::<ClaimRow>()
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|row| {
                let signature = format!(
                    "{}.{}.{}.{}",
                    row.entries,
                    row.versions,
                    row.newest.timestamp_micros(),
                    row.campaigns_changed.timestamp_micros()
                );
                (row.creator_id, DetectionClaim { signature, next_check_at: row.next_check_at, last_seen: None })
            })
            .collect())
    }

    /// Read before a fetch is written, outside its transaction; `None` (after one read) for a
    /// creator in no campaign.
    pub(super) async fn detection_inputs(
        &self,
        creator_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<DetectionInputs>> {
        Ok(self.detection_inputs_of(&[creator_id], now).await?.remove(&creator_id))
    }

    /// What detection needs about each of `creator_ids` that is in a campaign: their entries,
    /// their campaigns' rules (each compiled once) and their posts, in three reads (the entries
    /// and the posts at once).
    pub(super) async fn detection_inputs_of(
        &self,
        creator_ids: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<HashMap<Uuid, DetectionInputs>> {
        let mut query = QueryBuilder::<Db>::new(
            "select creator_id, id as entry_id, campaign_id, shipped_on, stage from campaign_creators \
             where creator_id in ",
        );
        push_ids(&mut query, creator_ids);
        query.push(" order by creator_id, id");
        let mut post_query = QueryBuilder::<Db>::new(
            "select e.creator_id, p.id, p.campaign_id, p.platform_id, p.detected_at, v.posted_at, p.next_check_at \
             from campaign_posts p join campaign_creators e on e.id = p.entry_id \
             left join videos v on v.platform_id = p.platform_id where e.creator_id in ",
        );
        push_ids(&mut post_query, creator_ids);
        let (memberships, posts): (Vec<MembershipRow>, Vec<PostScheduleRow>) = tokio::try_join!(
            query.build_query_as().fetch_all(&self.pool),
            post_query.build_query_as().fetch_all(&self.pool)
        )?;
        if memberships.is_empty() {
            return Ok(HashMap::new());
        }
        let mut campaign_ids: Vec<Uuid> = memberships.iter().map(|m| m.campaign_id).collect();
        campaign_ids.sort_unstable();
        campaign_ids.dedup();
        let mut query = QueryBuilder::<Db>::new("select id, rules, starts_on, ends_on from campaigns where id in ");
        push_ids(&mut query, &campaign_ids);
        let today = now.date_naive();
        // The running campaigns' rules, compiled together, each with its place and start.
        let running: Vec<CampaignRulesRow> = query
            .build_query_as::<CampaignRulesRow>()
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .filter(|k| k.starts_on <= today && today <= k.ends_on && !k.rules.0.is_empty())
            .collect();
        let matchers = Arc::new(MatcherSet::new(running.iter().map(|k| &k.rules.0)));
        let running: HashMap<Uuid, (usize, NaiveDate)> =
            running.iter().enumerate().map(|(n, k)| (k.id, (n, k.starts_on))).collect();
        let mut inputs: HashMap<Uuid, DetectionInputs> = HashMap::new();
        for row in posts {
            inputs.entry(row.creator_id).or_default().posts.push(ScheduledPost {
                id: row.id,
                campaign_id: row.campaign_id,
                platform_id: row.platform_id,
                detected_at: row.detected_at,
                posted_at: row.posted_at,
                next_check_at: row.next_check_at,
            });
        }
        for m in memberships {
            let creator = inputs.entry(m.creator_id).or_default();
            let Some(&(matcher, starts_on)) = running.get(&m.campaign_id) else { continue };
            if matches!(m.stage, Stage::Declined | Stage::NoShow) {
                continue;
            }
            let since = day_start(m.shipped_on.unwrap_or(starts_on));
            let known = creator
                .posts
                .iter()
                .filter(|p| p.campaign_id == m.campaign_id)
                .map(|p| p.platform_id.clone())
                .collect();
            creator.targets.push(DetectionTarget {
                entry_id: m.entry_id,
                campaign_id: m.campaign_id,
                since,
                known,
                matchers: matchers.clone(),
                matcher,
            });
        }
        Ok(inputs)
    }
}
