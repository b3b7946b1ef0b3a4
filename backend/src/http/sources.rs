//! `/sources/status`: the TikTok data source, its capabilities and whether it is paused.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::refresh::policy::BreakerState;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceCapabilities {
    pub profile: bool,
    pub videos: bool,
    pub hashtag_videos: bool,
    pub user_search: bool,
    /// Comments under videos, from which audiences are estimated.
    pub comments: bool,
    /// Audience countries as the provider reports them (kept as `provider` profiles).
    pub audience: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceStatusResponse {
    /// `tikapi`, `scrapecreators`, `research`, `demo` or `none`.
    pub source: String,
    pub capabilities: SourceCapabilities,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    /// Calls are paused until then (an exhausted quota, refused credentials).
    pub paused_until: Option<DateTime<Utc>>,
    pub pause_reason: Option<String>,
    /// This instance's circuit breaker, when it runs a refresh worker.
    pub breaker: Option<BreakerState>,
}

/// The configured data source: what it can do, its last success and error, pauses, breaker.
#[utoipa::path(tag = "sources", security(("bearer" = [])),
    responses((status = 200, description = "The source's status", body = SourceStatusResponse)))]
#[get("/sources/status")]
async fn source_status(
    state: web::Data<AppState>,
    _caller: Caller<need::CreatorsRead>,
) -> Result<web::Json<SourceStatusResponse>, ApiError> {
    let Some(source) = &state.source else {
        return Ok(web::Json(SourceStatusResponse {
            source: "none".into(),
            capabilities: SourceCapabilities {
                profile: false,
                videos: false,
                hashtag_videos: false,
                user_search: false,
                comments: false,
                audience: false,
            },
            last_success_at: None,
            last_error: None,
            last_error_at: None,
            paused_until: None,
            pause_reason: None,
            breaker: None,
        }));
    };
    let recorded = state.store.source_state(source.name()).await?;
    let capabilities = source.capabilities();
    Ok(web::Json(SourceStatusResponse {
        source: source.name().into(),
        capabilities: SourceCapabilities {
            profile: capabilities.profile,
            videos: capabilities.videos,
            hashtag_videos: capabilities.hashtag_videos,
            user_search: capabilities.user_search,
            comments: capabilities.comments,
            audience: capabilities.audience,
        },
        last_success_at: recorded.last_success_at,
        last_error: recorded.last_error,
        last_error_at: recorded.last_error_at,
        paused_until: recorded.paused_until.filter(|until| *until > Utc::now()),
        pause_reason: recorded.pause_reason.filter(|_| recorded.paused_until.is_some_and(|until| until > Utc::now())),
        breaker: state.worker.as_ref().map(|w| w.breaker_state()),
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(source_status);
}
