//! Liveness and readiness.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::problem::ApiError;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    #[schema(example = "ok")]
    pub status: String,
}

/// Liveness: the process answers.
#[utoipa::path(tag = "health", responses((status = 200, description = "Alive", body = HealthResponse)))]
#[get("/health")]
async fn health() -> web::Json<HealthResponse> {
    web::Json(HealthResponse { status: "ok".into() })
}

/// Readiness: the database answers too.
#[utoipa::path(tag = "health", responses(
    (status = 200, description = "Ready", body = HealthResponse),
    (status = 503, description = "The database cannot be reached", body = super::problem::Problem, content_type = "application/problem+json"),
))]
#[get("/health/ready")]
async fn ready(state: web::Data<AppState>) -> Result<web::Json<HealthResponse>, ApiError> {
    state.store.ping().await.map_err(|error| {
        tracing::warn!(error = ?error, "readiness check failed");
        ApiError::Unavailable
    })?;
    Ok(web::Json(HealthResponse { status: "ready".into() }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(health).service(ready);
}
