//! Feeding the analytics crate: the store's rows in, a creator's analytics, a list's dashboard
//! and the workspace's rising creators out. The formulas live in `zzyzx_analytics`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::{
    AudienceKind, AudienceProfile, CreatorAnalytics, CreatorSummary as Summary, DailyPoint, Settings, TargetAudience,
    Tier, VideoStats,
};

use super::summaries::{self, KeptRow, SortKeys};
use super::workspace_settings;
use super::{Result, ServiceError};
use crate::store::{
    AudienceRow, Creator, CreatorInputs, CreatorScope, List, ListItem, Snapshot, Store, StoredSummary, SummaryStamp,
    VideoFacts, VideoResponse, VideoRow, WorkspaceDocuments,
};

/// Days of history a dashboard row needs: 30-day growth, acceleration and a 30-point sparkline.
const ROW_HISTORY_DAYS: i64 = 32;
/// Videos posted in this window feed engagement, outliers and the top video.
const VIDEO_WINDOW_DAYS: i64 = 90;
/// A creator's analytics page reads this much history (365-day growth with a week of slack).
const FULL_HISTORY_DAYS: i64 = 372;
pub const SPARKLINE_DAYS: usize = 30;

/// The workspace's settings (defaults until saved) and its target audience, if one was saved
/// and still parses: without one, fit has nothing to compare with.
pub fn documents(documents: &WorkspaceDocuments) -> (Settings, Option<TargetAudience>) {
    let target = documents.target_audience.clone().and_then(|v| serde_json::from_value(v).ok());
    (workspace_settings::read(documents), target)
}

pub fn audience_profile(row: &AudienceRow) -> AudienceProfile {
    AudienceProfile {
        kind: AudienceKind::parse(&row.kind).unwrap_or_default(),
        source: row.source.clone(),
        captured_at: row.captured_at,
        sample_size: row.sample_size,
        ages: row.ages.0.clone(),
        genders: row.genders.0.clone(),
        countries: row.countries.0.clone(),
        languages: row.languages.0.clone(),
    }
}

fn daily(inputs: &CreatorInputs) -> Vec<DailyPoint> {
    zzyzx_analytics::daily_from_snapshots(&inputs.snapshots)
}

pub(crate) fn video_stats(videos: &[VideoFacts]) -> Vec<VideoStats> {
    videos
        .iter()
        .map(|v| VideoStats {
            id: v.platform_id.clone(),
            posted_at: v.posted_at,
            views: v.views,
            likes: v.likes,
            comments: v.comments,
            shares: v.shares,
            saves: v.saves,
            hashtags: v.hashtags.clone(),
            region: v.region.clone(),
        })
        .collect()
}

pub struct CreatorReport {
    pub creator_id: Uuid,
    pub computed_at: DateTime<Utc>,
    pub analytics: CreatorAnalytics,
    /// The videos the analytics name by id (outliers, a spike's explaining video), to show them by
    /// caption and cover.
    pub videos: Vec<VideoRow>,
}

/// The TikTok ids of the videos `analytics` names, each once.
fn named_videos(analytics: &CreatorAnalytics) -> Vec<String> {
    let outliers = analytics.outliers.videos.iter().map(|v| &v.video_id);
    let spikes = analytics.authenticity.signals.iter().filter_map(|s| s.explained_by.as_ref().map(|v| &v.video_id));
    let mut ids: Vec<String> = outliers.chain(spikes).cloned().collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

pub struct Analytics<'a> {
    pub store: &'a dyn Store,
}

impl Analytics<'_> {
    pub async fn creator(&self, workspace_id: Uuid, creator_id: Uuid) -> Result<CreatorReport> {
        self.store.creator(workspace_id, creator_id).await?;
        let now = Utc::now();
        let today = now.date_naive();
        let scope = CreatorScope::One(creator_id);
        let (settings, target) = documents(&self.store.workspace_documents(workspace_id).await?);
        let mut inputs = self
            .store
            .creator_inputs(
                workspace_id,
                scope.clone(),
                now - Duration::days(FULL_HISTORY_DAYS),
                Some(now - Duration::days(FULL_HISTORY_DAYS)),
            )
            .await?;
        let inputs = inputs.remove(&creator_id).unwrap_or_default();
        let audience = self
            .store
            .latest_audiences(workspace_id, scope)
            .await?
            .remove(&creator_id)
            .map(|row| audience_profile(&row));
        let analytics = zzyzx_analytics::analyze(
            &daily(&inputs),
            &video_stats(&inputs.videos),
            today,
            now,
            &settings,
            target.as_ref(),
            audience.as_ref(),
        );
        let videos = self.store.videos_by_platform_ids(&named_videos(&analytics)).await?;
        Ok(CreatorReport { creator_id, computed_at: now, analytics, videos })
    }
}

/// One creator's dashboard or discovery row.
pub struct Row {
    pub creator: Creator,
    pub latest: Option<Snapshot>,
    pub summary: Summary,
    pub sparkline: Vec<Option<i64>>,
    pub top_video: Option<VideoResponse>,
}

/// What every row of one view is computed against.
struct RowContext {
    now: DateTime<Utc>,
    settings: Settings,
    target: Option<TargetAudience>,
    /// [`summaries::documents_key`] of the settings and target.
    documents: i64,
}

impl Analytics<'_> {
    async fn row_context(&self, workspace_id: Uuid) -> Result<RowContext> {
        let stored = self.store.workspace_documents(workspace_id).await?;
        let (settings, target) = documents(&stored);
        Ok(RowContext { now: Utc::now(), settings, target, documents: summaries::documents_key(&stored) })
    }

    /// The rows of these creators, in the order given: kept ones where their stamp is current and
    /// `use_kept` takes them; the others computed, kept, and made into `T` by `computed`. `scope`
    /// covers them all (a wider read is cheaper than naming nearly every creator).
    async fn rows_as<T>(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        creators: Vec<impl Borrow<Creator>>,
        mut kept: HashMap<Uuid, StoredSummary>,
        use_kept: impl Fn(&Creator, StoredSummary, SummaryStamp) -> Option<T>,
        computed: impl Fn(Row, StoredSummary) -> T,
    ) -> Result<Vec<T>> {
        let context = self.row_context(workspace_id).await?;
        let today = context.now.date_naive();
        let mut rows: Vec<Option<T>> = creators
            .iter()
            .map(|creator| {
                let creator = creator.borrow();
                let current = summaries::current_stamp(creator, today, context.documents);
                kept.remove(&creator.id).and_then(|row| use_kept(creator, row, current))
            })
            .collect();
        let stale: Vec<Uuid> = creators
            .iter()
            .zip(&rows)
            .filter(|(_, row)| row.is_none())
            .map(|(creator, _)| creator.borrow().id)
            .collect();
        if !stale.is_empty() {
            let scope = if stale.len() * 2 < creators.len() { CreatorScope::Some(stale) } else { scope };
            let mut fresh: HashMap<Uuid, (Row, StoredSummary)> = self
                .compute_rows(workspace_id, scope, &context)
                .await?
                .into_iter()
                .map(|(row, stored)| (row.creator.id, (row, stored)))
                .collect();
            for (creator, slot) in creators.into_iter().zip(rows.iter_mut()).filter(|(_, row)| row.is_none()) {
                // A creator the computation did not see (removed meanwhile) gets an empty row.
                let creator = creator.borrow();
                let (row, stored) = fresh.remove(&creator.id).unwrap_or_else(|| {
                    let row = Row::empty(creator.clone(), &context);
                    let stored =
                        summaries::keep(&row, summaries::current_stamp(&row.creator, today, context.documents));
                    (row, stored)
                });
                *slot = Some(computed(row, stored));
            }
        }
        Ok(rows.into_iter().flatten().collect())
    }

    /// [`Analytics::rows_as`] read in full.
    async fn rows(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        creators: Vec<Creator>,
        kept: HashMap<Uuid, StoredSummary>,
    ) -> Result<Vec<Row>> {
        let use_kept = |creator: &Creator, row, current| summaries::kept(row, current)?.read(creator.clone());
        self.rows_as(workspace_id, scope, creators, kept, use_kept, |row, _| row).await
    }

    /// Computes the rows of the workspace's creators in the scope from their data, and keeps them:
    /// each with what was kept of it.
    async fn compute_rows(
        &self,
        workspace_id: Uuid,
        scope: CreatorScope,
        context: &RowContext,
    ) -> Result<Vec<(Row, StoredSummary)>> {
        let now = context.now;
        let today: NaiveDate = now.date_naive();
        // The creators (and their data versions) first: data written after this read makes the
        // rows look older than they are, and so recomputed, never newer.
        let creators = self.store.creators_in_scope(workspace_id, scope.clone()).await?;
        if creators.is_empty() {
            return Ok(Vec::new());
        }
        let snapshots_since = now - Duration::days(ROW_HISTORY_DAYS);
        let videos_since = now - Duration::days(VIDEO_WINDOW_DAYS);
        let mut inputs =
            self.store.creator_inputs(workspace_id, scope.clone(), snapshots_since, Some(videos_since)).await?;
        let audiences: HashMap<Uuid, AudienceRow> = self.store.latest_audiences(workspace_id, scope).await?;
        let mut rows: Vec<Row> = creators
            .into_iter()
            .map(|(creator, latest)| {
                let inputs = inputs.remove(&creator.id).unwrap_or_default();
                let history = daily(&inputs);
                let audience = audiences.get(&creator.id).map(audience_profile);
                let summary = zzyzx_analytics::summarize(
                    &history,
                    &video_stats(&inputs.videos),
                    today,
                    now,
                    &context.settings,
                    context.target.as_ref(),
                    audience.as_ref(),
                );
                let sparkline = zzyzx_analytics::sparkline(&history, today, SPARKLINE_DAYS);
                Row { creator, latest, summary, sparkline, top_video: None }
            })
            .collect();
        // Only the top videos are shown, so only they are read in full.
        let top_ids: Vec<String> = rows.iter().filter_map(|row| row.summary.top_video_id.clone()).collect();
        let mut top_videos: HashMap<String, VideoRow> = self
            .store
            .videos_by_platform_ids(&top_ids)
            .await?
            .into_iter()
            .map(|v| (v.platform_id.clone(), v))
            .collect();
        for row in &mut rows {
            row.top_video = row.summary.top_video_id.as_ref().and_then(|id| top_videos.remove(id)).map(Into::into);
        }
        let kept: Vec<StoredSummary> = rows
            .iter()
            .map(|row| summaries::keep(row, summaries::current_stamp(&row.creator, today, context.documents)))
            .collect();
        // Keeping them only saves the next view's work: a view does not fail for it.
        if let Err(error) = self.store.put_summaries(workspace_id, &kept, now).await {
            tracing::warn!(error = ?error, "keeping dashboard rows failed");
        }
        Ok(rows.into_iter().zip(kept).collect())
    }

    /// Recomputes and keeps the rows of these creators in every workspace that knows them: called
    /// by whatever just changed their snapshots, videos or audiences.
    pub async fn keep_rows(&self, creator_ids: &[Uuid]) -> Result<()> {
        for (workspace_id, creator_ids) in self.store.summary_workspaces(creator_ids).await? {
            let context = self.row_context(workspace_id).await?;
            for chunk in creator_ids.chunks(500) {
                self.compute_rows(workspace_id, CreatorScope::Some(chunk.to_vec()), &context).await?;
            }
        }
        Ok(())
    }

    /// Recomputes every workspace's kept rows, a page at a time; `progress` hears the rows done
    /// and the total.
    pub async fn rebuild_rows(&self, progress: &(dyn Fn(u64, u64) + Send + Sync)) -> Result<u64> {
        let total = u64::try_from(self.store.summary_key_count().await?).unwrap_or_default();
        let (mut done, mut after) = (0u64, None);
        loop {
            let page = self.store.summary_keys(after, 500).await?;
            let Some(last) = page.last().copied() else { break };
            after = Some(last);
            for keys in page.chunk_by(|a, b| a.0 == b.0) {
                let workspace_id = keys[0].0;
                let creator_ids: Vec<Uuid> = keys.iter().map(|(_, creator_id)| *creator_id).collect();
                let context = self.row_context(workspace_id).await?;
                self.compute_rows(workspace_id, CreatorScope::Some(creator_ids), &context).await?;
            }
            done += page.len() as u64;
            progress(done, total.max(done));
        }
        Ok(done)
    }

    /// [`Analytics::keep_rows`] for a caller that has nothing to do with a failure but log it.
    pub async fn keep_rows_logged(&self, creator_ids: &[Uuid]) {
        if let Err(error) = self.keep_rows(creator_ids).await {
            tracing::warn!(error = ?error, creators = creator_ids.len(), "recomputing dashboard rows failed");
        }
    }
}

impl Row {
    /// A creator with no data.
    fn empty(creator: Creator, context: &RowContext) -> Row {
        let today = context.now.date_naive();
        let summary =
            zzyzx_analytics::summarize(&[], &[], today, context.now, &context.settings, context.target.as_ref(), None);
        Row { creator, latest: None, summary, sparkline: vec![None; SPARKLINE_DAYS], top_video: None }
    }
}

pub struct Dashboard {
    pub list: List,
    /// In the order asked for, each row as kept: a view that shows it as the API does sends it
    /// on unread; [`Analytics::read_rows`] reads them in full.
    pub rows: Vec<(ListItem, KeptRow)>,
    pub totals: Totals,
}

/// A dashboard's figures over all its rows.
pub struct Totals {
    pub creators: usize,
    /// Sum of the latest follower counts.
    pub combined_followers: i64,
    /// Median of the rows' engagement by views, in percent; none when no row has one.
    pub median_engagement_percent: Option<f64>,
    pub rising: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DashboardSort {
    /// The list's own order (the default).
    #[default]
    Position,
    Handle,
    Followers,
    #[serde(rename = "growth_7d")]
    Growth7d,
    #[serde(rename = "growth_30d")]
    Growth30d,
    Acceleration,
    Engagement,
    Outliers,
    Rising,
    /// Audience fit; creators without one follow, by their content signal, and then those with neither.
    Fit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Asc,
    Desc,
}

/// Which rising creators to show.
#[derive(Debug, Clone, Copy)]
pub struct RisingFilter {
    pub tier: Option<Tier>,
    /// Only creators with an audience fit at least this (0–100); unknown fit is left out.
    pub min_fit: Option<u8>,
    /// Only creators with an audience fit, measured or estimated.
    pub fit_known: bool,
    /// 1 to 100.
    pub limit: usize,
}

impl Analytics<'_> {
    /// A list's rows, sorted by `sort` (rows without a value last), with its totals.
    pub async fn dashboard(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        sort: DashboardSort,
        order: Option<SortOrder>,
    ) -> Result<Dashboard> {
        let list = self.store.list(workspace_id, list_id).await?;
        let (items, kept): (Vec<ListItem>, Vec<Option<StoredSummary>>) =
            self.store.list_items_with_summaries(workspace_id, list_id).await?.into_iter().unzip();
        let creators: Vec<&Creator> = items.iter().map(|item| &item.creator).collect();
        let kept = kept.into_iter().flatten().map(|row| (row.creator_id, row)).collect();
        let rows = self
            .rows_as(
                workspace_id,
                CreatorScope::List(list_id),
                creators,
                kept,
                |_, row, current| summaries::kept(row, current),
                |row, stored| KeptRow { keys: SortKeys::of(&row), payload: stored.payload },
            )
            .await?;
        let mut rows: Vec<(ListItem, KeptRow)> = items.into_iter().zip(rows).collect();
        sort_rows(&mut rows, sort, order);
        let keys = || rows.iter().map(|(_, row)| &row.keys);
        let totals = Totals {
            creators: rows.len(),
            combined_followers: keys().filter_map(|keys| keys.latest_followers).fold(0i64, i64::saturating_add),
            median_engagement_percent: median(keys().filter_map(|keys| keys.engagement).collect()),
            rising: keys().filter(|keys| keys.rising).count(),
        };
        Ok(Dashboard { list, rows, totals })
    }

    /// A dashboard's rows in full, for views that show them otherwise than the API does (CSV,
    /// share links); a kept row that does not read back is computed again.
    pub async fn read_rows(&self, workspace_id: Uuid, rows: Vec<(ListItem, KeptRow)>) -> Result<Vec<(ListItem, Row)>> {
        let mut read: Vec<(ListItem, Option<Row>)> = rows
            .into_iter()
            .map(|(item, kept)| {
                let row = kept.read(item.creator.clone());
                (item, row)
            })
            .collect();
        let unread: Vec<Uuid> = read.iter().filter(|(_, row)| row.is_none()).map(|(item, _)| item.creator.id).collect();
        if !unread.is_empty() {
            let context = self.row_context(workspace_id).await?;
            let mut fresh: HashMap<Uuid, Row> = self
                .compute_rows(workspace_id, CreatorScope::Some(unread), &context)
                .await?
                .into_iter()
                .map(|(row, _)| (row.creator.id, row))
                .collect();
            for (item, slot) in read.iter_mut().filter(|(_, row)| row.is_none()) {
                *slot =
                    Some(fresh.remove(&item.creator.id).unwrap_or_else(|| Row::empty(item.creator.clone(), &context)));
            }
        }
        Ok(read.into_iter().filter_map(|(item, row)| Some((item, row?))).collect())
    }

    /// The rows of these creators of the workspace (ones it does not know are left out), in the
    /// order given.
    pub async fn rows_of(&self, workspace_id: Uuid, creator_ids: &[Uuid]) -> Result<Vec<Row>> {
        if creator_ids.is_empty() {
            return Ok(Vec::new());
        }
        let scope = CreatorScope::Some(creator_ids.to_vec());
        let mut known: HashMap<Uuid, Creator> = self
            .store
            .creators_in_scope(workspace_id, scope.clone())
            .await?
            .into_iter()
            .map(|(creator, _)| (creator.id, creator))
            .collect();
        let creators = creator_ids.iter().filter_map(|id| known.remove(id)).collect();
        let kept = self.store.summaries(workspace_id, scope.clone()).await?;
        self.rows(workspace_id, scope, creators, kept).await
    }

    /// Rising creators among all the workspace knows (tracked, imported, met through hashtags),
    /// the fastest accelerating first.
    pub async fn rising(&self, workspace_id: Uuid, filter: RisingFilter) -> Result<Vec<Row>> {
        if !(1..=100).contains(&filter.limit) {
            return Err(ServiceError::invalid_parameter("limit", "must be between 1 and 100"));
        }
        if filter.min_fit.is_some_and(|fit| fit > 100) {
            return Err(ServiceError::invalid_parameter("min_fit", "must be between 0 and 100"));
        }
        let creators = self.store.creators_in_scope(workspace_id, CreatorScope::Workspace).await?;
        let creators = creators.into_iter().map(|(creator, _)| creator).collect();
        let kept = self.store.summaries(workspace_id, CreatorScope::Workspace).await?;
        let mut rows = self.rows(workspace_id, CreatorScope::Workspace, creators, kept).await?;
        rows.retain(|row| row.summary.rising.rising);
        rows.retain(|row| filter.tier.is_none_or(|tier| row.summary.tier == Some(tier)));
        rows.retain(|row| filter.min_fit.is_none_or(|min| row.summary.fit_score.is_some_and(|fit| fit >= min)));
        rows.retain(|row| !filter.fit_known || row.summary.fit_score.is_some());
        rows.sort_by(|a, b| by_key(a.summary.acceleration, b.summary.acceleration, true));
        rows.truncate(filter.limit);
        Ok(rows)
    }
}

/// Rows without a value sort last in both directions.
fn by_key<T: PartialOrd>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let ordering = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
            if descending { ordering.reverse() } else { ordering }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Ascending for `position` and `handle`, descending otherwise, unless `order` says; ties keep
/// the list's order.
fn sort_rows(rows: &mut [(ListItem, KeptRow)], sort: DashboardSort, order: Option<SortOrder>) {
    let descending = match order {
        Some(SortOrder::Desc) => true,
        Some(SortOrder::Asc) => false,
        None => !matches!(sort, DashboardSort::Position | DashboardSort::Handle),
    };
    rows.sort_by(|(item_a, a), (item_b, b)| {
        let (x, y) = (&a.keys, &b.keys);
        let ordering = match sort {
            DashboardSort::Position => by_key(Some(item_a.position), Some(item_b.position), descending),
            DashboardSort::Handle => by_key(Some(&item_a.creator.handle), Some(&item_b.creator.handle), descending),
            DashboardSort::Followers => by_key(x.followers, y.followers, descending),
            DashboardSort::Growth7d => by_key(x.growth_7d, y.growth_7d, descending),
            DashboardSort::Growth30d => by_key(x.growth_30d, y.growth_30d, descending),
            DashboardSort::Acceleration => by_key(x.acceleration, y.acceleration, descending),
            DashboardSort::Engagement => by_key(x.engagement, y.engagement, descending),
            DashboardSort::Outliers => by_key(Some(x.outliers), Some(y.outliers), descending),
            DashboardSort::Rising => by_key(Some(x.rising), Some(y.rising), descending),
            DashboardSort::Fit => by_key(x.fit, y.fit, descending).then_with(|| {
                let content = |keys: &SortKeys| keys.content_signal.filter(|_| keys.fit.is_none());
                by_key(content(x), content(y), descending)
            }),
        };
        ordering.then(item_a.position.cmp(&item_b.position))
    });
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) { (values[middle - 1] + values[middle]) / 2.0 } else { values[middle] })
}
