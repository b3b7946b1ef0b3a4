//! `/creators/{id}/metrics…`: writing a creator's numbers by hand or in batches, and reading
//! their history as JSON or CSV.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{Interval, MetricPoint, MetricsError};
use crate::http::body::{Json, LargeJson};
use crate::http::caller::{Caller, need};
use crate::http::creators::MetricsResponse;
use crate::http::problem::{ApiError, FieldError};
use crate::state::AppState;
use crate::store::{Snapshot, SnapshotSource};

/// Points one batch may carry.
pub const MAX_BATCH_POINTS: usize = 10_000;
/// A raw (unbucketed) history covers at most this span.
const MAX_RAW_RANGE: Duration = Duration::days(366);

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
    #[schema(min_items = 1, max_items = 10_000)]
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

/// The point, or what is wrong with it, pointing at the field under `at` (the point's own pointer).
fn point_from(input: &MetricPointInput, now: DateTime<Utc>, at: &str) -> Result<MetricPoint, FieldError> {
    let counts = [input.followers, input.following, input.likes, input.videos];
    MetricPoint::parse(input.captured_at, counts, now).map_err(|e| {
        let field = match e {
            MetricsError::Negative(field) => field,
            MetricsError::InTheFuture | MetricsError::BeforeTikTok => "captured_at",
        };
        FieldError::body(format!("{at}/{field}"), e)
    })
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
    let point = point_from(&body, now, "").map_err(|e| ApiError::Validation(vec![e]))?;
    let written =
        state.store.write_snapshots(caller.workspace_id, *path, &[point], SnapshotSource::Manual, now).await?;
    state.analytics().keep_rows_logged(&[*path]).await;
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
    state.analytics().keep_rows_logged(&[*path]).await;
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
    let kept = state.store.history(workspace_id, creator_id, from, to, interval).await?;
    let mut previous: Option<&Snapshot> = None;
    let points = kept
        .iter()
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
    crate::http::csv::csv_download(&format!("creator-{}-metrics.csv", history.creator_id), &header, rows)
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(write_metric).service(write_metric_batch).service(get_history).service(get_history_csv);
}
