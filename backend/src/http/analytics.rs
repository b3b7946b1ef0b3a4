//! Analytics over HTTP: a creator's numbers, a list's dashboard (JSON and CSV), rising creators,
//! the workspace's analytics settings and target audience, and creator audience profiles.

use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use zzyzx_analytics::{
    AudienceProfile, CreatorAnalytics, CreatorSummary as AnalyticsSummary, Settings, TargetAudience, Tier,
};

use super::body::{CsvBody, Json};
use super::caller::{Caller, need};
use super::creators::{CreatorSummary, ImportMode, ImportQuery, MetricsResponse};
use super::lists::ListResponse;
use super::problem::{ApiError, FieldError};
use super::tracking::VideoResponse;
use crate::services::analytics::{self as service, Row, SPARKLINE_DAYS};
use crate::services::audience;
use crate::state::AppState;
use crate::store::AudienceRow;

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatorAnalyticsResponse {
    pub creator_id: Uuid,
    pub computed_at: DateTime<Utc>,
    pub analytics: CreatorAnalytics,
}

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
    Fit,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    pub sort: Option<DashboardSort>,
    /// Ascending for `position` and `handle`, descending otherwise, unless given. Rows without a
    /// value come last either way.
    pub order: Option<SortOrder>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RisingQuery {
    pub tier: Option<Tier>,
    /// Only creators with an audience fit score at least this (0–100); creators with unknown fit are left out.
    #[param(minimum = 0, maximum = 100)]
    pub min_fit: Option<u8>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RisingCreator {
    pub creator: CreatorSummary,
    /// Present when the creator is known to this workspace (always, here), for the profile link.
    pub latest: Option<MetricsResponse>,
    pub summary: AnalyticsSummary,
    pub sparkline: Vec<Option<i64>>,
    pub top_video: Option<VideoResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RisingResponse {
    pub computed_at: DateTime<Utc>,
    pub items: Vec<RisingCreator>,
}

/// An audience profile to record by hand (source `manual`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AudienceInput {
    pub captured_at: DateTime<Utc>,
    #[schema(minimum = 0)]
    pub sample_size: Option<i64>,
    /// Age band → share (0–1), e.g. `{"18-24": 0.41}`.
    #[serde(default)]
    pub ages: BTreeMap<String, f64>,
    /// `female`, `male`, `other` → share.
    #[serde(default)]
    pub genders: BTreeMap<String, f64>,
    /// ISO 3166-1 alpha-2 country → share.
    #[serde(default)]
    pub countries: BTreeMap<String, f64>,
    /// ISO 639-1 language → share.
    #[serde(default)]
    pub languages: BTreeMap<String, f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AudienceResponse {
    pub id: Uuid,
    pub creator_id: Uuid,
    /// `manual` or `import`; creator-connected data will say so.
    pub source: String,
    pub captured_at: DateTime<Utc>,
    pub sample_size: Option<i64>,
    pub ages: BTreeMap<String, f64>,
    pub genders: BTreeMap<String, f64>,
    pub countries: BTreeMap<String, f64>,
    pub languages: BTreeMap<String, f64>,
    pub created_at: DateTime<Utc>,
}

impl From<AudienceRow> for AudienceResponse {
    fn from(r: AudienceRow) -> Self {
        Self {
            id: r.id,
            creator_id: r.creator_id,
            source: r.source,
            captured_at: r.captured_at,
            sample_size: r.sample_size,
            ages: r.ages.0,
            genders: r.genders.0,
            countries: r.countries.0,
            languages: r.languages.0,
            created_at: r.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AudienceImportResponse {
    pub profiles_written: u64,
    pub rows_rejected: usize,
    pub errors: Vec<FieldError>,
}

fn validation(errors: Vec<(String, String)>, prefix: &str) -> ApiError {
    ApiError::Validation(
        errors.into_iter().map(|(pointer, message)| FieldError::body(format!("{prefix}{pointer}"), message)).collect(),
    )
}

/// A creator's analytics: growth, projection, engagement, outliers, rising, tier, fair price,
/// expected return, authenticity signals, audience fit, content signal and daily gains. Every
/// value names its formula, window and sample size.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses((status = 200, description = "The analytics", body = CreatorAnalyticsResponse)))]
#[get("/creators/{creator_id}/analytics")]
async fn creator_analytics(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CreatorAnalyticsResponse>, ApiError> {
    let report = service::creator(&state, caller.workspace_id, *path).await?;
    Ok(web::Json(CreatorAnalyticsResponse {
        creator_id: report.creator_id,
        computed_at: report.computed_at,
        analytics: report.analytics,
    }))
}

fn dashboard_row(item: crate::store::ListItem, row: Row) -> DashboardRow {
    DashboardRow {
        item_id: item.id,
        position: item.position,
        note: item.note,
        tags: item.tags,
        creator: row.creator.into(),
        latest: row.latest.map(Into::into),
        summary: row.summary,
        sparkline: row.sparkline,
        top_video: row.top_video.map(Into::into),
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

fn sort_rows(rows: &mut [DashboardRow], sort: DashboardSort, order: Option<SortOrder>) {
    let descending = match order {
        Some(SortOrder::Desc) => true,
        Some(SortOrder::Asc) => false,
        None => !matches!(sort, DashboardSort::Position | DashboardSort::Handle),
    };
    rows.sort_by(|a, b| {
        let (x, y) = (&a.summary, &b.summary);
        let ordering = match sort {
            DashboardSort::Position => by_key(Some(a.position), Some(b.position), descending),
            DashboardSort::Handle => by_key(Some(&a.creator.handle), Some(&b.creator.handle), descending),
            DashboardSort::Followers => by_key(x.followers, y.followers, descending),
            DashboardSort::Growth7d => by_key(x.growth_7d.percent, y.growth_7d.percent, descending),
            DashboardSort::Growth30d => by_key(x.growth_30d.percent, y.growth_30d.percent, descending),
            DashboardSort::Acceleration => by_key(x.acceleration, y.acceleration, descending),
            DashboardSort::Engagement => {
                by_key(x.engagement_by_views.median_percent, y.engagement_by_views.median_percent, descending)
            }
            DashboardSort::Outliers => by_key(Some(x.outlier_count), Some(y.outlier_count), descending),
            DashboardSort::Rising => by_key(Some(x.rising.rising), Some(y.rising.rising), descending),
            DashboardSort::Fit => by_key(x.fit_score, y.fit_score, descending),
        };
        ordering.then(a.position.cmp(&b.position))
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

pub(super) async fn build_dashboard(
    state: &AppState,
    workspace_id: Uuid,
    list_id: Uuid,
    query: &DashboardQuery,
) -> Result<DashboardResponse, ApiError> {
    let dashboard = service::dashboard(state, workspace_id, list_id).await?;
    let mut rows: Vec<DashboardRow> = dashboard.rows.into_iter().map(|(item, row)| dashboard_row(item, row)).collect();
    sort_rows(&mut rows, query.sort.unwrap_or_default(), query.order);
    let totals = DashboardTotals {
        creators: rows.len(),
        combined_followers: rows
            .iter()
            .filter_map(|r| r.latest.as_ref().map(|l| l.followers))
            .fold(0i64, i64::saturating_add),
        median_engagement_percent: median(
            rows.iter().filter_map(|r| r.summary.engagement_by_views.median_percent).collect(),
        ),
        rising: rows.iter().filter(|r| r.summary.rising.rising).count(),
    };
    Ok(DashboardResponse {
        list: dashboard.list.into(),
        computed_at: Utc::now(),
        sparkline_days: SPARKLINE_DAYS,
        totals,
        rows,
    })
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
) -> Result<web::Json<DashboardResponse>, ApiError> {
    Ok(web::Json(build_dashboard(&state, caller.workspace_id, *path, &query).await?))
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
            text(row.top_video.as_ref().map(|v| v.share_url.clone())),
            row.note.clone(),
            row.tags.join("; "),
        ]
    });
    super::csv_download(
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
            "top_video_url",
            "note",
            "tags",
        ],
        rows,
    )
}

/// Rising creators among all this workspace tracks or has met (through hashtags or imports),
/// with the reasons in words; filterable by tier and audience fit.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(RisingQuery),
    responses((status = 200, description = "Rising creators, the fastest accelerating first", body = RisingResponse)))]
#[get("/discover/rising")]
async fn get_rising(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    query: web::Query<RisingQuery>,
) -> Result<web::Json<RisingResponse>, ApiError> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::invalid_parameter("limit", "must be between 1 and 100"));
    }
    if query.min_fit.is_some_and(|fit| fit > 100) {
        return Err(ApiError::invalid_parameter("min_fit", "must be between 0 and 100"));
    }
    let mut rows = service::rising(&state, caller.workspace_id).await?;
    rows.retain(|row| query.tier.is_none_or(|tier| row.summary.tier == Some(tier)));
    rows.retain(|row| query.min_fit.is_none_or(|min| row.summary.fit_score.is_some_and(|fit| fit >= min)));
    rows.sort_by(|a, b| by_key(a.summary.acceleration, b.summary.acceleration, true));
    rows.truncate(limit);
    let items = rows
        .into_iter()
        .map(|row| RisingCreator {
            creator: row.creator.into(),
            latest: row.latest.map(Into::into),
            summary: row.summary,
            sparkline: row.sparkline,
            top_video: row.top_video.map(Into::into),
        })
        .collect();
    Ok(web::Json(RisingResponse { computed_at: Utc::now(), items }))
}

/// The workspace's analytics assumptions (defaults until saved).
#[utoipa::path(tag = "workspace", security(("bearer" = [])), responses((status = 200, description = "The settings", body = Settings)))]
#[get("/workspace/analytics-settings")]
async fn get_settings(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<Settings>, ApiError> {
    Ok(web::Json(service::documents(&state.store.workspace_documents(caller.workspace_id).await?).0))
}

/// Replaces the analytics assumptions: viral multiple, rising ceiling, CPM overrides, return
/// assumptions. Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), request_body = Settings,
    responses((status = 200, description = "Saved", body = Settings)))]
#[put("/workspace/analytics-settings")]
async fn put_settings(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<Settings>,
) -> Result<web::Json<Settings>, ApiError> {
    let settings = body.into_inner();
    settings.validate().map_err(|errors| validation(errors, ""))?;
    let value = serde_json::to_value(&settings).map_err(|e| ApiError::Unexpected(e.into()))?;
    state.store.put_analytics_settings(caller.workspace_id, &value, Utc::now()).await?;
    Ok(web::Json(settings))
}

/// Who the brand wants to reach; empty until saved.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), responses((status = 200, description = "The target audience", body = TargetAudience)))]
#[get("/workspace/target-audience")]
async fn get_target(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<TargetAudience>, ApiError> {
    Ok(web::Json(
        service::documents(&state.store.workspace_documents(caller.workspace_id).await?).1.unwrap_or_default(),
    ))
}

/// Replaces the target audience (countries, languages, age bands, genders, interests). Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), request_body = TargetAudience,
    responses((status = 200, description = "Saved", body = TargetAudience)))]
#[put("/workspace/target-audience")]
async fn put_target(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<TargetAudience>,
) -> Result<web::Json<TargetAudience>, ApiError> {
    let target = body.into_inner();
    target.validate().map_err(|errors| validation(errors, ""))?;
    let value = serde_json::to_value(&target).map_err(|e| ApiError::Unexpected(e.into()))?;
    state.store.put_target_audience(caller.workspace_id, &value, Utc::now()).await?;
    Ok(web::Json(target))
}

/// The audience profiles this workspace has recorded for the creator, newest first.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses((status = 200, description = "The profiles", body = Vec<AudienceResponse>)))]
#[get("/creators/{creator_id}/audience")]
async fn list_audience(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<Vec<AudienceResponse>>, ApiError> {
    let rows = state.store.audience_profiles(caller.workspace_id, *path).await?;
    Ok(web::Json(rows.into_iter().map(Into::into).collect()))
}

fn audience_row(creator_id: Uuid, source: &str, profile: AudienceProfile) -> AudienceRow {
    AudienceRow {
        id: Uuid::now_v7(),
        creator_id,
        source: source.into(),
        captured_at: profile.captured_at,
        sample_size: profile.sample_size,
        ages: sqlx::types::Json(profile.ages),
        genders: sqlx::types::Json(profile.genders),
        countries: sqlx::types::Json(profile.countries),
        languages: sqlx::types::Json(profile.languages),
        created_at: Utc::now(),
    }
}

/// Records an audience profile entered by hand (source `manual`), private to this workspace.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    request_body = AudienceInput,
    responses((status = 201, description = "Recorded", body = AudienceResponse)))]
#[post("/creators/{creator_id}/audience")]
async fn add_audience(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
    body: Json<AudienceInput>,
) -> Result<HttpResponse, ApiError> {
    state.store.creator(caller.workspace_id, *path).await?;
    let input = body.into_inner();
    if input.captured_at > Utc::now() + chrono::Duration::minutes(5) {
        return Err(ApiError::invalid("/captured_at", "must not be in the future"));
    }
    let profile = AudienceProfile {
        source: "manual".into(),
        captured_at: input.captured_at,
        sample_size: input.sample_size,
        ages: input.ages,
        genders: input.genders,
        countries: input.countries,
        languages: input.languages,
    };
    profile.validate().map_err(|errors| validation(errors, ""))?;
    let row = audience_row(*path, "manual", profile);
    state.store.add_audience_profiles(caller.workspace_id, std::slice::from_ref(&row)).await?;
    Ok(HttpResponse::Created().json(AudienceResponse::from(row)))
}

/// Imports audience profiles from CSV, one share per line:
/// `handle,captured_at,sample_size,dimension,key,share` (`dimension`: age, gender, country,
/// language; `share`: 0–1 or a percentage). Creators must already be known to the workspace.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "Imported", body = AudienceImportResponse),
        (status = 422, description = "Bad rows, with line numbers; nothing imported (`import_rejected`)", body = super::problem::Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports/audience")]
async fn import_audience(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    query: web::Query<ImportQuery>,
    body: CsvBody,
) -> Result<web::Json<AudienceImportResponse>, ApiError> {
    let parsed = audience::parse_csv(&body.0);
    let mut errors: Vec<FieldError> = parsed.errors.iter().map(|e| FieldError::line(e.line, &e.message)).collect();
    let handles: Vec<String> = parsed.profiles.keys().map(|(handle, _)| handle.as_ref().to_owned()).collect();
    let ids = state.store.known_creator_ids(caller.workspace_id, &handles).await?;
    let mut rows = Vec::new();
    for ((handle, captured_at), parsed) in parsed.profiles {
        let Some(creator_id) = ids.get(handle.as_ref()) else {
            errors.push(FieldError::line(
                parsed.line,
                format!("@{handle} is not a creator this workspace knows; add it to a list first"),
            ));
            continue;
        };
        let profile = AudienceProfile {
            source: "import".into(),
            captured_at,
            sample_size: parsed.sample_size,
            ages: parsed.ages,
            genders: parsed.genders,
            countries: parsed.countries,
            languages: parsed.languages,
        };
        match profile.validate() {
            Ok(()) => rows.push(audience_row(*creator_id, "import", profile)),
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|(pointer, message)| FieldError::line(parsed.line, format!("{pointer}: {message}"))),
            ),
        }
    }
    let rejected = errors.len();
    errors.sort_by_key(|e| e.line);
    errors.truncate(100);
    if rejected > 0 && !matches!(query.mode, Some(ImportMode::Partial)) {
        return Err(ApiError::ImportRejected { errors, total: rejected });
    }
    let written = state.store.add_audience_profiles(caller.workspace_id, &rows).await?;
    Ok(web::Json(AudienceImportResponse { profiles_written: written, rows_rejected: rejected, errors }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(creator_analytics)
        .service(get_dashboard)
        .service(get_dashboard_csv)
        .service(get_rising)
        .service(get_settings)
        .service(put_settings)
        .service(get_target)
        .service(put_target)
        .service(list_audience)
        .service(add_audience)
        .service(import_audience);
}
