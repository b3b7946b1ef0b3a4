//! `/creators/{id}/refresh`: fetch a creator now; the answer is a job to poll.

use actix_web::{HttpResponse, post, web};
use chrono::Utc;

use uuid::Uuid;

use crate::http::caller::{Caller, need};
use crate::http::jobs::JobResponse;
use crate::http::problem::{ApiError, Problem};
use crate::state::AppState;

/// Fetches the creator again as soon as a worker is free; poll the job for the outcome.
#[utoipa::path(tag = "creators", security(("bearer" = [])), params(("creator_id" = Uuid, Path, description = "Creator id")),
    responses(
        (status = 202, description = "Queued", body = JobResponse),
        (status = 409, description = "No data source is configured (`source_unavailable`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/creators/{creator_id}/refresh")]
async fn refresh_creator(
    state: web::Data<AppState>,
    caller: Caller<need::CreatorsWrite>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    if state.source.is_none() {
        state.store.creator(caller.workspace_id, *path).await?;
        return Err(ApiError::SourceUnavailable(
            "No data source is configured (ZZYZX_SOURCE), so nothing can be fetched.",
        ));
    }
    let job = state.store.request_refresh(caller.workspace_id, *path, Uuid::now_v7(), Utc::now()).await?;
    state.refresh_wake.notify_one();
    Ok(HttpResponse::Accepted().json(JobResponse::from(job)))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(refresh_creator);
}
