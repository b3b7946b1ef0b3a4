//! `/creators/{id}/audience`: the audience profiles a workspace records for a creator.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::codes::{AgeBand, CountryCode, Gender, LanguageCode, Share};
use zzyzx_analytics::{AudienceEstimate, AudienceKind, AudienceProfile};

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
    /// How it was obtained: fit uses the best kind (connected, then provider, then imported or
    /// manual, then estimated), the newest within it.
    pub kind: AudienceKind,
    /// Whether fit uses this profile: true for exactly one of a creator's profiles.
    pub used_for_fit: bool,
    /// Who supplied it: `manual`, `import`, or the provider or estimate that did.
    pub source: String,
    pub captured_at: DateTime<Utc>,
    pub sample_size: Option<i64>,
    pub ages: BTreeMap<String, f64>,
    pub genders: BTreeMap<String, f64>,
    pub countries: BTreeMap<String, f64>,
    pub languages: BTreeMap<String, f64>,
    pub created_at: DateTime<Utc>,
    /// For an estimated profile: what it was read from (comments, commenters, videos, what was
    /// skipped) and each share with its 95% Wilson interval; null for other kinds.
    #[schema(value_type = Option<AudienceEstimate>)]
    pub estimate: Option<serde_json::Value>,
}

impl From<AudienceRow> for AudienceResponse {
    fn from(r: AudienceRow) -> Self {
        Self {
            id: r.id,
            creator_id: r.creator_id,
            kind: AudienceKind::parse(&r.kind).unwrap_or_default(),
            used_for_fit: false,
            source: r.source,
            captured_at: r.captured_at,
            sample_size: r.sample_size,
            ages: r.ages.0,
            genders: r.genders.0,
            countries: r.countries.0,
            languages: r.languages.0,
            created_at: r.created_at,
            estimate: r.estimate.map(|e| e.0),
        }
    }
}

/// A creator's profiles in this workspace, newest first, the one fit uses marked.
async fn profiles_of(
    state: &AppState,
    workspace_id: Uuid,
    creator_id: Uuid,
) -> Result<Vec<AudienceResponse>, ApiError> {
    let rows = state.store.audience_profiles(workspace_id, creator_id).await?;
    let mut profiles: Vec<AudienceResponse> = rows.into_iter().map(Into::into).collect();
    // Newest first, so among equals the first one found stays.
    let used = (0..profiles.len()).reduce(|best, i| {
        let (a, b) = (&profiles[i], &profiles[best]);
        if a.kind.preferred_over(a.captured_at, b.kind, b.captured_at) { i } else { best }
    });
    if let Some(used) = used {
        profiles[used].used_for_fit = true;
    }
    Ok(profiles)
}

/// The audience profiles this workspace has recorded for the creator, newest first, the one fit
/// uses marked.
#[utoipa::path(tag = "analytics", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses((status = 200, description = "The profiles", body = Vec<AudienceResponse>)))]
#[get("/creators/{creator_id}/audience")]
async fn list_audience(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<Vec<AudienceResponse>>, ApiError> {
    Ok(web::Json(profiles_of(&state, caller.workspace_id, *path).await?))
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
        kind: AudienceKind::Manual,
        source: String::new(),
        captured_at: input.captured_at,
        sample_size: input.sample_size,
        ages: input.ages,
        genders: input.genders,
        countries: input.countries,
        languages: input.languages,
    };
    let row = audience::add_manual(state.store.as_ref(), caller.workspace_id, *path, profile).await?;
    let recorded = profiles_of(&state, caller.workspace_id, *path)
        .await?
        .into_iter()
        .find(|profile| profile.id == row.id)
        .unwrap_or_else(|| row.into());
    Ok(HttpResponse::Created().json(recorded))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_audience).service(add_audience);
}
