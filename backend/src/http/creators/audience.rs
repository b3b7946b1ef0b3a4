//! `/creators/{id}/audience`: the audience profiles a workspace records for a creator.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::AudienceProfile;
use zzyzx_analytics::codes::{AgeBand, CountryCode, Gender, LanguageCode, Share};

use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::services::audience;
use crate::state::AppState;
use crate::store::AudienceRow;

/// An audience profile to record by hand (source `manual`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AudienceInput {
    /// When the audience was measured; not in the future.
    pub captured_at: DateTime<Utc>,
    #[schema(minimum = 0)]
    pub sample_size: Option<i64>,
    /// Age band → share (0–1), e.g. `{"18-24": 0.41}`; the shares add up to at most 1.
    #[serde(default)]
    #[schema(value_type = BTreeMap<AgeBand, Share>)]
    pub ages: BTreeMap<String, f64>,
    /// `female`, `male`, `other` → share; the shares add up to at most 1.
    #[serde(default)]
    #[schema(value_type = BTreeMap<Gender, Share>)]
    pub genders: BTreeMap<String, f64>,
    /// ISO 3166-1 alpha-2 country → share; the shares add up to at most 1.
    #[serde(default)]
    #[schema(value_type = BTreeMap<CountryCode, Share>)]
    pub countries: BTreeMap<String, f64>,
    /// ISO 639-1 language → share; the shares add up to at most 1.
    #[serde(default)]
    #[schema(value_type = BTreeMap<LanguageCode, Share>)]
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
    let input = body.into_inner();
    let profile = AudienceProfile {
        source: String::new(),
        captured_at: input.captured_at,
        sample_size: input.sample_size,
        ages: input.ages,
        genders: input.genders,
        countries: input.countries,
        languages: input.languages,
    };
    let row = audience::add_manual(state.store.as_ref(), caller.workspace_id, *path, profile).await?;
    Ok(HttpResponse::Created().json(AudienceResponse::from(row)))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_audience).service(add_audience);
}
