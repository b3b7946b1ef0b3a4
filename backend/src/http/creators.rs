//! `/creators/{id}`: a creator's profile and metric history, written by hand, imported or fetched.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::body::{CsvBody, Json, LargeJson};
use super::caller::{Caller, need};
use super::problem::{ApiError, FieldError, Problem};
use crate::domain::{Interval, MetricPoint};
use crate::services::import;
use crate::state::AppState;
use crate::store::{Creator, CreatorProfile, Snapshot, SnapshotSource};

/// Points one batch may carry.
pub const MAX_BATCH_POINTS: usize = 10_000;
/// A raw (unbucketed) history covers at most this span.
const MAX_RAW_RANGE: Duration = Duration::days(366);

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorSummary {
    pub id: Uuid,
    /// Canonical handle: lowercase, without `@`.
    #[schema(example = "mayabakes")]
    pub handle: String,
    pub display_name: Option<String>,
    /// May expire: TikTok's CDN signs avatar URLs for a limited time.
    pub avatar_url: Option<String>,
    pub verified: bool,
    /// `active`, `not_found`, `private` or `banned`.
    pub status: String,
    #[schema(example = "https://www.tiktok.com/@mayabakes")]
    pub profile_url: String,
}

impl From<Creator> for CreatorSummary {
    fn from(c: Creator) -> Self {
        Self {
            id: c.id,
            profile_url: format!("https://www.tiktok.com/@{}", c.handle),
            handle: c.handle,
            display_name: c.display_name,
            avatar_url: c.avatar_url,
            verified: c.verified,
            status: c.status,
        }
    }
}

/// A creator's counts at one moment, and where they came from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MetricsResponse {
    pub captured_at: DateTime<Utc>,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
    /// `manual`, `import`, or the data source that fetched it (`tikapi`, `research`, `demo`).
    pub source: String,
}

impl From<Snapshot> for MetricsResponse {
    fn from(s: Snapshot) -> Self {
        Self {
            captured_at: s.captured_at,
            followers: s.followers,
            following: s.following,
            likes: s.likes,
            videos: s.videos,
            source: s.source,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrackingResponse {
    pub status: String,
    pub next_fetch_at: Option<DateTime<Utc>>,
    pub last_fetched_at: Option<DateTime<Utc>>,
    /// Consecutive failed fetches.
    pub failures: i32,
    pub last_error: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorResponse {
    #[serde(flatten)]
    pub summary: CreatorSummary,
    pub bio: Option<String>,
    pub region: Option<String>,
    pub latest: Option<MetricsResponse>,
    /// The first snapshot this workspace can see.
    pub tracking_since: Option<DateTime<Utc>>,
    pub snapshot_count: i64,
    pub tracking: TrackingResponse,
}

impl From<CreatorProfile> for CreatorResponse {
    fn from(p: CreatorProfile) -> Self {
        let tracking = TrackingResponse {
            status: p.creator.status.clone(),
            next_fetch_at: p.creator.next_fetch_at,
            last_fetched_at: p.creator.last_fetched_at,
            failures: p.creator.failures,
            last_error: p.creator.last_error.clone(),
        };
        Self {
            bio: p.creator.bio.clone(),
            region: p.creator.region.clone(),
            summary: p.creator.into(),
            latest: p.latest.map(Into::into),
            tracking_since: p.tracking_since,
            snapshot_count: p.snapshot_count,
            tracking,
        }
    }
}

/// One point of history to write. Counts are whole numbers from 0 to 2^63 − 1.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricPointInput {
    /// When the counts were true; not in the future.
    pub captured_at: DateTime<Utc>,
    #[schema(minimum = 0)]
    pub followers: i64,
    #[schema(minimum = 0)]
    pub following: i64,
    #[schema(minimum = 0)]
    pub likes: i64,
    #[schema(minimum = 0)]
    pub videos: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricBatchInput {
    /// 1 to 10,000 points.
    pub points: Vec<MetricPointInput>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WrittenResponse {
    /// Points written; a point at a time already written by this workspace replaces it.
    pub written: u64,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum IntervalParam {
    Raw,
    #[default]
    Day,
    Week,
    Month,
}

impl From<IntervalParam> for Interval {
    fn from(p: IntervalParam) -> Self {
        match p {
            IntervalParam::Raw => Interval::Raw,
            IntervalParam::Day => Interval::Day,
            IntervalParam::Week => Interval::Week,
            IntervalParam::Month => Interval::Month,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Start of the range (RFC 3339); default one year before `to`.
    pub from: Option<DateTime<Utc>>,
    /// End of the range (RFC 3339); default now.
    pub to: Option<DateTime<Utc>>,
    /// `raw` (every point; at most 366 days), or the last point of each UTC `day` (default), ISO `week` or `month`.
    pub interval: Option<IntervalParam>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MetricChange {
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryPoint {
    #[serde(flatten)]
    pub metrics: MetricsResponse,
    /// Change since the previous point of this series; absent on the first.
    pub change: Option<MetricChange>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryResponse {
    pub creator_id: Uuid,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub interval: IntervalParam,
    pub points: Vec<HistoryPoint>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Any bad row rejects the whole file (the default).
    #[default]
    AllOrNothing,
    /// Good rows are written, bad ones reported.
    Partial,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    pub mode: Option<ImportMode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResponse {
    pub rows_written: u64,
    pub creators_created: u64,
    pub rows_rejected: usize,
    /// The first 100 rejected rows, with their line numbers.
    pub errors: Vec<FieldError>,
}

fn point_from(input: &MetricPointInput, now: DateTime<Utc>, pointer: &str) -> Result<MetricPoint, FieldError> {
    MetricPoint::parse(input.captured_at, [input.followers, input.following, input.likes, input.videos], now)
        .map_err(|e| FieldError::body(pointer, e))
}

/// A creator this workspace tracks: profile, latest counts and tracking state.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses((status = 200, description = "The creator", body = CreatorResponse)))]
#[get("/creators/{creator_id}")]
async fn get_creator(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CreatorResponse>, ApiError> {
    Ok(web::Json(state.store.creator(caller.workspace_id, *path).await?.into()))
}

/// Records one point of history, visible only to this workspace (source `manual`).
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    request_body = MetricPointInput,
    responses((status = 200, description = "Written", body = WrittenResponse)))]
#[post("/creators/{creator_id}/metrics")]
async fn write_metric(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
    body: Json<MetricPointInput>,
) -> Result<web::Json<WrittenResponse>, ApiError> {
    let now = Utc::now();
    let point = point_from(&body, now, "/captured_at").map_err(|e| ApiError::Validation(vec![e]))?;
    let written =
        state.store.write_snapshots(caller.workspace_id, *path, &[point], SnapshotSource::Manual, now).await?;
    Ok(web::Json(WrittenResponse { written }))
}

/// Records up to 10,000 points at once, all or none (source `manual`).
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    request_body = MetricBatchInput,
    responses((status = 200, description = "Written", body = WrittenResponse)))]
#[post("/creators/{creator_id}/metrics/batch")]
async fn write_metric_batch(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
    body: LargeJson<MetricBatchInput>,
) -> Result<web::Json<WrittenResponse>, ApiError> {
    if body.points.is_empty() || body.points.len() > MAX_BATCH_POINTS {
        return Err(ApiError::invalid("/points", format!("must hold 1 to {MAX_BATCH_POINTS} points")));
    }
    let now = Utc::now();
    let mut points = Vec::with_capacity(body.points.len());
    let mut errors = Vec::new();
    for (index, input) in body.points.iter().enumerate() {
        match point_from(input, now, &format!("/points/{index}")) {
            Ok(point) => points.push(point),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        errors.truncate(100);
        return Err(ApiError::Validation(errors));
    }
    let written = state.store.write_snapshots(caller.workspace_id, *path, &points, SnapshotSource::Manual, now).await?;
    Ok(web::Json(WrittenResponse { written }))
}

async fn history(
    state: &AppState,
    workspace_id: Uuid,
    creator_id: Uuid,
    query: &HistoryQuery,
) -> Result<HistoryResponse, ApiError> {
    let to = query.to.unwrap_or_else(Utc::now);
    let from = query.from.unwrap_or(to - Duration::days(365));
    let interval_param = query.interval.unwrap_or_default();
    let interval = Interval::from(interval_param);
    if from > to {
        return Err(ApiError::invalid_parameter("from", "must not be after `to`"));
    }
    if interval == Interval::Raw && to - from > MAX_RAW_RANGE {
        return Err(ApiError::invalid_parameter(
            "from",
            "a raw history covers at most 366 days; use a day, week or month interval",
        ));
    }
    let snapshots = state.store.snapshots(workspace_id, creator_id, from, to).await?;
    let kept = interval.downsample(&snapshots.iter().collect::<Vec<_>>(), |s| s.captured_at);
    let mut previous: Option<&Snapshot> = None;
    let points = kept
        .into_iter()
        .map(|snapshot| {
            let change = previous.map(|p| MetricChange {
                followers: snapshot.followers - p.followers,
                following: snapshot.following - p.following,
                likes: snapshot.likes - p.likes,
                videos: snapshot.videos - p.videos,
            });
            previous = Some(snapshot);
            HistoryPoint { metrics: snapshot.clone().into(), change }
        })
        .collect();
    Ok(HistoryResponse { creator_id, from, to, interval: interval_param, points })
}

/// A creator's history over a range, bucketed, with the change from each previous point.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id"), HistoryQuery),
    responses((status = 200, description = "The history", body = HistoryResponse)))]
#[get("/creators/{creator_id}/metrics")]
async fn get_history(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
    query: web::Query<HistoryQuery>,
) -> Result<web::Json<HistoryResponse>, ApiError> {
    Ok(web::Json(history(&state, caller.workspace_id, *path, &query).await?))
}

/// The same history as CSV.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id"), HistoryQuery),
    responses((status = 200, description = "The history as CSV", content_type = "text/csv", body = String)))]
#[get("/creators/{creator_id}/metrics.csv")]
async fn get_history_csv(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, ApiError> {
    let history = history(&state, caller.workspace_id, *path, &query).await?;
    let header = [
        "captured_at",
        "followers",
        "following",
        "likes",
        "videos",
        "source",
        "followers_change",
        "following_change",
        "likes_change",
        "videos_change",
    ];
    let rows = history.points.iter().map(|point| {
        let m = &point.metrics;
        let delta =
            |f: fn(&MetricChange) -> i64| point.change.as_ref().map(f).map(|v| v.to_string()).unwrap_or_default();
        [
            m.captured_at.to_rfc3339(),
            m.followers.to_string(),
            m.following.to_string(),
            m.likes.to_string(),
            m.videos.to_string(),
            m.source.clone(),
            delta(|c| c.followers),
            delta(|c| c.following),
            delta(|c| c.likes),
            delta(|c| c.videos),
        ]
    });
    super::csv_download(&format!("creator-{}-metrics.csv", history.creator_id), &header, rows)
}

/// Imports history from CSV (`handle,captured_at,followers,following,likes,videos`), creating
/// unknown creators. Rows belong to this workspace (source `import`). Body up to 16 MiB.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "Imported", body = ImportResponse),
        (status = 422, description = "Bad rows, listed with line numbers; nothing imported (`import_rejected`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports/metrics")]
async fn import_metrics(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    query: web::Query<ImportQuery>,
    body: CsvBody,
) -> Result<web::Json<ImportResponse>, ApiError> {
    let body = body.0;
    let now = Utc::now();
    let parsed = web::block(move || import::parse_csv(body.as_ref(), now, |_| {}))
        .await
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("import parsing failed: {e}")))?;
    let rejected = parsed.errors.len();
    let errors: Vec<FieldError> =
        parsed.errors.iter().take(100).map(|e| FieldError::line(e.line, &e.message)).collect();
    let partial = matches!(query.mode, Some(ImportMode::Partial));
    if rejected > 0 && !partial {
        return Err(ApiError::ImportRejected { errors, total: rejected });
    }
    let summary = state.store.import_snapshots(caller.workspace_id, &parsed.rows, SnapshotSource::Import, now).await?;
    Ok(web::Json(ImportResponse {
        rows_written: summary.rows_written,
        creators_created: summary.creators_created,
        rows_rejected: rejected,
        errors,
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(get_creator)
        .service(write_metric)
        .service(write_metric_batch)
        .service(get_history)
        .service(get_history_csv)
        .service(import_metrics);
}
