//! `/lists/{id}/dashboard` (JSON and CSV): every creator of a list with its analytics summary.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use zzyzx_analytics::CreatorSummary as AnalyticsSummary;

use crate::http::caller::{Caller, need};
use crate::http::creators::videos::VideoResponse;
use crate::http::creators::{CreatorSummary, MetricsResponse};
use crate::http::lists::ListResponse;
use crate::http::problem::ApiError;
use crate::services::analytics::{Dashboard, DashboardSort, Row, SPARKLINE_DAYS, SortOrder, Totals};
use crate::state::AppState;
use crate::store::ListItem;

#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardRow {
    pub item_id: Uuid,
    pub position: i64,
    pub note: String,
    pub tags: Vec<String>,
    pub creator: CreatorSummary,
    pub latest: Option<MetricsResponse>,
    pub summary: AnalyticsSummary,
    /// Followers on each of the last 30 days, oldest first; null where no snapshot exists.
    pub sparkline: Vec<Option<i64>>,
    /// The video of the last 90 days with the highest outlier multiple.
    pub top_video: Option<VideoResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardTotals {
    pub creators: usize,
    /// Sum of the latest follower counts.
    pub combined_followers: i64,
    /// Median of the rows' engagement by views, in percent; null when no row has one.
    pub median_engagement_percent: Option<f64>,
    pub rising: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardResponse {
    pub list: ListResponse,
    pub computed_at: DateTime<Utc>,
    pub sparkline_days: usize,
    pub totals: DashboardTotals,
    pub rows: Vec<DashboardRow>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    pub sort: Option<DashboardSort>,
    /// Ascending for `position` and `handle`, descending otherwise, unless given. Rows without a
    /// value come last either way.
    pub order: Option<SortOrder>,
}

impl From<Totals> for DashboardTotals {
    fn from(t: Totals) -> Self {
        Self {
            creators: t.creators,
            combined_followers: t.combined_followers,
            median_engagement_percent: t.median_engagement_percent,
            rising: t.rising,
        }
    }
}

fn dashboard_row(item: ListItem, row: Row) -> DashboardRow {
    DashboardRow {
        item_id: item.id,
        position: item.position,
        note: item.note,
        tags: item.tags,
        creator: row.creator.into(),
        latest: row.latest.map(Into::into),
        summary: row.summary,
        sparkline: row.sparkline,
        top_video: row.top_video,
    }
}

/// The dashboard as its workspace sees it, every row read in full; share links show a part of it
/// (see `shared`).
pub async fn build_dashboard(
    state: &AppState,
    workspace_id: Uuid,
    list_id: Uuid,
    query: &DashboardQuery,
) -> Result<DashboardResponse, ApiError> {
    let analytics = state.analytics();
    let dashboard = analytics.dashboard(workspace_id, list_id, query.sort.unwrap_or_default(), query.order).await?;
    let rows = analytics.read_rows(workspace_id, dashboard.rows).await?;
    Ok(DashboardResponse {
        list: dashboard.list.into(),
        computed_at: Utc::now(),
        sparkline_days: SPARKLINE_DAYS,
        totals: dashboard.totals.into(),
        rows: rows.into_iter().map(|(item, row)| dashboard_row(item, row)).collect(),
    })
}

/// A [`DashboardResponse`] without its rows.
#[derive(Serialize)]
struct DashboardHead {
    list: ListResponse,
    computed_at: DateTime<Utc>,
    sparkline_days: usize,
    totals: DashboardTotals,
}

/// A [`DashboardRow`]'s fields that are the list item's; the kept row gives the rest.
#[derive(Serialize)]
struct ItemFields {
    item_id: Uuid,
    position: i64,
    note: String,
    tags: Vec<String>,
    creator: CreatorSummary,
}

/// Writes the JSON object `fields` (a struct with fields) without its closing brace, for more
/// members to follow.
fn write_open(out: &mut Vec<u8>, fields: &impl Serialize) -> Result<(), ApiError> {
    serde_json::to_writer(&mut *out, fields).map_err(anyhow::Error::from)?;
    out.pop();
    Ok(())
}

/// The [`DashboardResponse`] written with each kept row sent on as it is kept (already in the
/// API's shape, see `services::summaries`): a view costs the reads and a copy, not a decode and an
/// encode of every figure.
fn dashboard_body(dashboard: Dashboard) -> Result<Vec<u8>, ApiError> {
    let head = DashboardHead {
        list: dashboard.list.into(),
        computed_at: Utc::now(),
        sparkline_days: SPARKLINE_DAYS,
        totals: dashboard.totals.into(),
    };
    let size: usize = dashboard.rows.iter().map(|(_, kept)| kept.payload.len() + 512).sum();
    let mut out = Vec::with_capacity(size + 1024);
    write_open(&mut out, &head)?;
    out.extend_from_slice(b",\"rows\":[");
    for (n, (item, kept)) in dashboard.rows.into_iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let fields = ItemFields {
            item_id: item.id,
            position: item.position,
            note: item.note,
            tags: item.tags,
            creator: item.creator.into(),
        };
        write_open(&mut out, &fields)?;
        // The kept row is an object too (its ends are checked as it is read): its members follow
        // the item's.
        out.push(b',');
        out.extend_from_slice(&kept.payload.as_bytes()[1..]);
    }
    out.extend_from_slice(b"]}");
    Ok(out)
}

/// Every creator of the list with latest counts, 7- and 30-day growth, engagement, outliers, the
/// rising flag and its reasons, top video, a 30-day sparkline and audience fit; sortable; totals.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id"), DashboardQuery),
    responses((status = 200, description = "The dashboard", body = DashboardResponse)))]
#[get("/lists/{list_id}/dashboard")]
async fn get_dashboard(
    state: web::Data<AppState>,
    caller: Caller<need::ListsRead>,
    path: web::Path<Uuid>,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    let sort = query.sort.unwrap_or_default();
    let dashboard = state.analytics().dashboard(caller.workspace_id, *path, sort, query.order).await?;
    let body = dashboard_body(dashboard)?;
    // Someone looks at these creators: they keep their refresh cadence.
    if let Err(error) = state.store.list_viewed(*path, chrono::Utc::now()).await {
        tracing::warn!(error = ?error, "recording that the list was opened failed");
    }
    Ok(HttpResponse::Ok().content_type("application/json").body(body))
}

/// The dashboard as CSV, in the same order.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id"), DashboardQuery),
    responses((status = 200, description = "The dashboard as CSV", content_type = "text/csv", body = String)))]
#[get("/lists/{list_id}/dashboard.csv")]
async fn get_dashboard_csv(
    state: web::Data<AppState>,
    caller: Caller<need::ListsRead>,
    path: web::Path<Uuid>,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, ApiError> {
    let dashboard = build_dashboard(&state, caller.workspace_id, *path, &query).await?;
    let text = |v: Option<String>| v.unwrap_or_default();
    let rows = dashboard.rows.iter().map(|row| {
        let latest = row.latest.as_ref();
        let s = &row.summary;
        [
            row.position.to_string(),
            row.creator.handle.clone(),
            text(row.creator.display_name.clone()),
            text(latest.map(|l| l.followers.to_string())),
            text(latest.map(|l| l.following.to_string())),
            text(latest.map(|l| l.likes.to_string())),
            text(latest.map(|l| l.videos.to_string())),
            text(latest.map(|l| l.captured_at.to_rfc3339())),
            text(latest.map(|l| l.source.clone())),
            text(s.growth_7d.absolute.map(|v| v.to_string())),
            text(s.growth_7d.percent.map(|v| format!("{v:.2}"))),
            text(s.growth_30d.absolute.map(|v| v.to_string())),
            text(s.growth_30d.percent.map(|v| format!("{v:.2}"))),
            text(s.engagement_by_views.median_percent.map(|v| format!("{v:.2}"))),
            s.outlier_count.to_string(),
            s.rising.rising.to_string(),
            s.rising.reasons.join("; "),
            text(s.tier.map(|t| format!("{t:?}").to_lowercase())),
            text(s.fit_score.map(|v| v.to_string())),
            text(s.content_signal.map(|v| v.to_string())),
            text(s.fit_kind.map(|k| k.as_str().to_owned())),
            text(s.fit_interval.map(|i| i.low.to_string())),
            text(s.fit_interval.map(|i| i.high.to_string())),
            text(s.fit_sample_size.map(|n| n.to_string())),
            text(row.top_video.as_ref().map(|v| v.share_url.clone())),
            row.note.clone(),
            row.tags.join("; "),
        ]
    });
    crate::http::csv::csv_download(
        &format!("list-{}-dashboard.csv", dashboard.list.id),
        &[
            "position",
            "handle",
            "display_name",
            "followers",
            "following",
            "likes",
            "videos",
            "captured_at",
            "source",
            "growth_7d",
            "growth_7d_percent",
            "growth_30d",
            "growth_30d_percent",
            "engagement_percent",
            "outliers",
            "rising",
            "rising_reasons",
            "tier",
            "fit_score",
            "content_signal",
            "fit_kind",
            "fit_low",
            "fit_high",
            "fit_sample_size",
            "top_video_url",
            "note",
            "tags",
        ],
        rows,
    )
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(get_dashboard).service(get_dashboard_csv);
}
