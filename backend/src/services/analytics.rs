//! Feeding the analytics crate: the store's rows in, a creator's analytics, a list's dashboard
//! and the workspace's rising creators out. The formulas live in `zzyzx_analytics`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;
use zzyzx_analytics::{
    AudienceProfile, CreatorAnalytics, CreatorSummary as Summary, DailyPoint, Settings, TargetAudience, VideoStats,
};

use crate::http::problem::ApiError;
use crate::services::inputs_cache::Window;
use crate::state::AppState;
use crate::store::{
    AudienceRow, Creator, CreatorInputs, CreatorScope, List, ListItem, Snapshot, VideoFacts, VideoRow,
    WorkspaceDocuments,
};

/// Days of history a dashboard row needs: 30-day growth, acceleration and a 30-point sparkline.
const ROW_HISTORY_DAYS: i64 = 32;
/// Videos posted in this window feed engagement, outliers and the top video.
const VIDEO_WINDOW_DAYS: i64 = 90;
/// A creator's analytics page reads this much history (365-day growth with a week of slack).
const FULL_HISTORY_DAYS: i64 = 372;
pub const SPARKLINE_DAYS: usize = 30;

/// The workspace's settings and target audience, with defaults where nothing was saved (or
/// what was saved no longer parses).
pub fn documents(documents: &WorkspaceDocuments) -> (Settings, Option<TargetAudience>) {
    let settings = documents.analytics.clone().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    let target = documents.target_audience.clone().and_then(|v| serde_json::from_value(v).ok());
    (settings, target)
}

pub fn audience_profile(row: &AudienceRow) -> AudienceProfile {
    AudienceProfile {
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

fn video_stats(videos: &[VideoFacts]) -> Vec<VideoStats> {
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
}

pub async fn creator(state: &AppState, workspace_id: Uuid, creator_id: Uuid) -> Result<CreatorReport, ApiError> {
    state.store.creator(workspace_id, creator_id).await?;
    let now = Utc::now();
    let today = now.date_naive();
    let scope = CreatorScope::One(creator_id);
    let (settings, target) = documents(&state.store.workspace_documents(workspace_id).await?);
    let mut inputs = state
        .store
        .creator_inputs(
            workspace_id,
            scope.clone(),
            now - Duration::days(FULL_HISTORY_DAYS),
            now - Duration::days(FULL_HISTORY_DAYS),
        )
        .await?;
    let inputs = inputs.remove(&creator_id).unwrap_or_default();
    let audience =
        state.store.latest_audiences(workspace_id, scope).await?.remove(&creator_id).map(|row| audience_profile(&row));
    let analytics = zzyzx_analytics::analyze(
        &daily(&inputs),
        &video_stats(&inputs.videos),
        today,
        now,
        &settings,
        target.as_ref(),
        audience.as_ref(),
    );
    Ok(CreatorReport { creator_id, computed_at: now, analytics })
}

/// One creator's dashboard or discovery row.
pub struct Row {
    pub creator: Creator,
    pub latest: Option<Snapshot>,
    pub summary: Summary,
    pub sparkline: Vec<Option<i64>>,
    pub top_video: Option<VideoRow>,
}

/// Summaries of many creators from two bulk reads, so a 500-creator list costs a few queries.
async fn rows(
    state: &AppState,
    workspace_id: Uuid,
    scope: CreatorScope,
    creators: Vec<(Creator, Option<Snapshot>)>,
) -> Result<Vec<Row>, ApiError> {
    let now = Utc::now();
    let today: NaiveDate = now.date_naive();
    let (settings, target) = documents(&state.store.workspace_documents(workspace_id).await?);
    let inputs = cached_inputs(state, workspace_id, scope.clone(), &creators, now).await?;
    let audiences: HashMap<Uuid, AudienceRow> = state.store.latest_audiences(workspace_id, scope).await?;
    let mut rows: Vec<Row> = creators
        .into_iter()
        .zip(inputs)
        .map(|((creator, latest), inputs)| {
            let history = zzyzx_analytics::daily_from_snapshots(inputs.snapshots());
            let audience = audiences.get(&creator.id).map(audience_profile);
            let summary = zzyzx_analytics::summarize(
                &history,
                &video_stats(inputs.videos()),
                today,
                now,
                &settings,
                target.as_ref(),
                audience.as_ref(),
            );
            let sparkline = zzyzx_analytics::sparkline(&history, today, SPARKLINE_DAYS);
            Row { creator, latest, summary, sparkline, top_video: None }
        })
        .collect();
    // Only the top videos are shown, so only they are read in full.
    let top_ids: Vec<String> = rows.iter().filter_map(|row| row.summary.top_video_id.clone()).collect();
    let mut top_videos: HashMap<String, VideoRow> =
        state.store.videos_by_platform_ids(&top_ids).await?.into_iter().map(|v| (v.platform_id.clone(), v)).collect();
    for row in &mut rows {
        row.top_video = row.summary.top_video_id.as_ref().and_then(|id| top_videos.remove(id));
    }
    Ok(rows)
}

/// Each creator's inputs for a row, in the order given: from the cache where the creator's data
/// version is unchanged, read (and kept) otherwise.
async fn cached_inputs(
    state: &AppState,
    workspace_id: Uuid,
    scope: CreatorScope,
    creators: &[(Creator, Option<Snapshot>)],
    now: DateTime<Utc>,
) -> Result<Vec<Window>, ApiError> {
    let snapshots_since = now - Duration::days(ROW_HISTORY_DAYS);
    let videos_since = now - Duration::days(VIDEO_WINDOW_DAYS);
    let cache = &state.inputs_cache;
    let cacheable = cache.fits(creators.len());
    let mut found: Vec<Option<Arc<CreatorInputs>>> = creators
        .iter()
        .map(|(c, _)| {
            cacheable.then(|| cache.get(workspace_id, c.id, c.data_version, snapshots_since, videos_since)).flatten()
        })
        .collect();
    let missing: Vec<Uuid> =
        creators.iter().zip(&found).filter(|(_, hit)| hit.is_none()).map(|((c, _), _)| c.id).collect();
    if !missing.is_empty() {
        // Read only the missing creators, unless that is (nearly) everyone.
        let scope = if missing.len() * 2 < creators.len() { CreatorScope::Some(missing) } else { scope };
        let mut read = state.store.creator_inputs(workspace_id, scope, snapshots_since, videos_since).await?;
        for ((creator, _), slot) in creators.iter().zip(found.iter_mut()).filter(|(_, hit)| hit.is_none()) {
            let inputs = Arc::new(read.remove(&creator.id).unwrap_or_default());
            if cacheable {
                cache.put(
                    workspace_id,
                    creator.id,
                    creator.data_version,
                    snapshots_since,
                    videos_since,
                    inputs.clone(),
                );
            }
            *slot = Some(inputs);
        }
    }
    Ok(found.into_iter().map(|inputs| Window::new(inputs.unwrap_or_default(), snapshots_since, videos_since)).collect())
}

pub struct Dashboard {
    pub list: List,
    /// In list order.
    pub rows: Vec<(ListItem, Row)>,
}

pub async fn dashboard(state: &AppState, workspace_id: Uuid, list_id: Uuid) -> Result<Dashboard, ApiError> {
    let list = state.store.list(workspace_id, list_id).await?;
    let (_, items) = state.store.list_items(workspace_id, list_id, 0, i64::from(u16::MAX)).await?;
    let creators = items.iter().map(|item| (item.creator.clone(), item.latest.clone())).collect();
    let rows = rows(state, workspace_id, CreatorScope::List(list_id), creators).await?;
    Ok(Dashboard { list, rows: items.into_iter().zip(rows).collect() })
}

/// Rising creators among all the workspace knows (tracked, imported, met through hashtags).
pub async fn rising(state: &AppState, workspace_id: Uuid) -> Result<Vec<Row>, ApiError> {
    let creators = state.store.creators_in_scope(workspace_id, CreatorScope::Workspace).await?;
    let rows = rows(state, workspace_id, CreatorScope::Workspace, creators).await?;
    Ok(rows.into_iter().filter(|row| row.summary.rising.rising).collect())
}
