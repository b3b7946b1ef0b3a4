//! `/workspace/analytics-settings` and `/workspace/target-audience`: the workspace's analytics
//! assumptions and who the brand wants to reach.

use actix_web::{get, put, web};
use serde::Serialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::Schema;
use utoipa::{PartialSchema, ToSchema};
use zzyzx_analytics::{DefaultCpm, Settings, TargetAudience, default_cpms};

use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::services::workspace_settings;
use crate::state::AppState;

/// `Settings` as a request body: a field left out takes its default, so none is required (an
/// answer always has them all).
struct SettingsInput;

impl PartialSchema for SettingsInput {
    fn schema() -> RefOr<Schema> {
        crate::http::body::all_optional::<Settings>()
    }
}

impl ToSchema for SettingsInput {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        Settings::schemas(schemas);
    }
}

/// The settings as answered: with the CPM range each tier uses while it has no override, so a form
/// can show what leaving a field empty means.
#[derive(Serialize, ToSchema)]
struct SettingsAnswer {
    #[serde(flatten)]
    settings: Settings,
    /// Every tier's default CPM range, in US dollars per 1,000 views.
    default_cpm: Vec<DefaultCpm>,
}

impl From<Settings> for SettingsAnswer {
    fn from(settings: Settings) -> Self {
        Self { settings, default_cpm: default_cpms() }
    }
}

/// The workspace's analytics assumptions (defaults until saved).
#[utoipa::path(tag = "workspace", security(("bearer" = [])),
    responses((status = 200, description = "The settings", body = SettingsAnswer)))]
#[get("/workspace/analytics-settings")]
async fn get_settings(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<SettingsAnswer>, ApiError> {
    let settings: Settings = workspace_settings::get(state.store.as_ref(), caller.workspace_id).await?;
    Ok(web::Json(settings.into()))
}

/// Replaces the analytics assumptions: viral multiple, rising ceiling, CPM overrides, return
/// assumptions. Owners only.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), request_body = SettingsInput,
    responses((status = 200, description = "Saved", body = SettingsAnswer)))]
#[put("/workspace/analytics-settings")]
async fn put_settings(
    state: web::Data<AppState>,
    caller: Caller<need::Manage>,
    body: Json<Settings>,
) -> Result<web::Json<SettingsAnswer>, ApiError> {
    let settings = workspace_settings::put(state.store.as_ref(), caller.workspace_id, body.into_inner()).await?;
    Ok(web::Json(settings.into()))
}

/// Who the brand wants to reach; empty until saved.
#[utoipa::path(tag = "workspace", security(("bearer" = [])), responses((status = 200, description = "The target audience", body = TargetAudience)))]
#[get("/workspace/target-audience")]
async fn get_target(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<TargetAudience>, ApiError> {
    Ok(web::Json(workspace_settings::get(state.store.as_ref(), caller.workspace_id).await?))
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
    Ok(web::Json(workspace_settings::put(state.store.as_ref(), caller.workspace_id, body.into_inner()).await?))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(get_settings).service(put_settings).service(get_target).service(put_target);
}
