//! `/imports/…`: CSV uploads of metric history and audience profiles, all-or-nothing or partial.

use actix_web::{post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::http::body::CsvBody;
use crate::http::caller::{Caller, need};
use crate::http::problem::{ApiError, FieldError, Problem};
use crate::services::{audience, metrics};
use crate::state::AppState;

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

impl ImportQuery {
    pub fn partial(&self) -> bool {
        matches!(self.mode, Some(ImportMode::Partial))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResponse {
    pub rows_written: u64,
    pub creators_created: u64,
    pub rows_rejected: usize,
    /// The first 100 rejected rows, with their line numbers.
    pub errors: Vec<FieldError>,
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
    let partial = query.partial();
    let imported = metrics::import(state.store.as_ref(), caller.workspace_id, body.0, partial).await?;
    Ok(web::Json(ImportResponse {
        rows_written: imported.rows_written,
        creators_created: imported.creators_created,
        rows_rejected: imported.rows_rejected,
        errors: imported.errors.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AudienceImportResponse {
    pub profiles_written: u64,
    pub rows_rejected: usize,
    pub errors: Vec<FieldError>,
}

/// Imports audience profiles from CSV, one share per line:
/// `handle,captured_at,sample_size,dimension,key,share` (`dimension`: age, gender, country,
/// language; `share`: 0–1 or a percentage). Creators must already be known to the workspace.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, description = "Imported", body = AudienceImportResponse),
        (status = 422, description = "Bad rows, with line numbers; nothing imported (`import_rejected`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports/audience")]
async fn import_audience(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    query: web::Query<ImportQuery>,
    body: CsvBody,
) -> Result<web::Json<AudienceImportResponse>, ApiError> {
    let partial = query.partial();
    let imported = audience::import(state.store.as_ref(), caller.workspace_id, &body.0, partial).await?;
    Ok(web::Json(AudienceImportResponse {
        profiles_written: imported.profiles_written,
        rows_rejected: imported.rows_rejected,
        errors: imported.errors.into_iter().map(Into::into).collect(),
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(import_metrics).service(import_audience);
}
