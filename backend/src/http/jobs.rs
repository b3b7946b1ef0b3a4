//! `/jobs/{id}`: progress of long operations.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::state::AppState;
use crate::store::Job;

#[derive(Debug, Serialize, ToSchema)]
pub struct JobResponse {
    pub id: Uuid,
    /// `refresh`.
    pub kind: String,
    /// `queued`, `running`, `succeeded` or `failed`.
    pub status: String,
    /// 0 to 100.
    pub progress: i32,
    pub message: Option<String>,
    pub creator_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobResponse {
    fn from(j: Job) -> Self {
        Self {
            id: j.id,
            kind: j.kind,
            status: j.status,
            progress: j.progress,
            message: j.message,
            creator_id: j.creator_id,
            created_at: j.created_at,
            updated_at: j.updated_at,
            finished_at: j.finished_at,
        }
    }
}

/// A long operation's progress and outcome.
#[utoipa::path(tag = "jobs", security(("bearer" = [])), params(("job_id" = Uuid, Path, description = "Job id")),
    responses((status = 200, description = "The job", body = JobResponse)))]
#[get("/jobs/{job_id}")]
async fn get_job(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<JobResponse>, ApiError> {
    Ok(web::Json(state.store.job(caller.workspace_id, *path).await?.into()))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(get_job);
}
