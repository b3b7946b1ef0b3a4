//! `/sources/status`: the TikTok data source, its capabilities and whether it is paused.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::caller::{Caller, need};
use crate::http::problem::ApiError;
use crate::refresh::cadence::{self, Reason};
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
    /// The tracked creators by why they are fetched as often as they are.
    pub cadence: Vec<CadenceLine>,
    /// The daily request budget (`ZZYZX_SOURCE_DAILY_BUDGET`), when one is set.
    pub budget: Option<BudgetStatus>,
}

/// How many tracked creators are fetched at one interval, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct CadenceLine {
    /// `rising`, `campaign`, `climbing`, `regular`, `dormant` or `unwatched`, most urgent first.
    #[schema(example = "rising")]
    pub reason: String,
    pub creators: i64,
    /// Hours between two fetches of one of them.
    pub every_hours: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetStatus {
    pub daily_requests: u32,
    /// Requests reserved or sent today (UTC), all workers together.
    pub used_today: i64,
    /// About how many requests a day the tracked creators need at their cadence.
    pub needed_per_day: i64,
    /// The budget is below the need: creators are fetched most urgent first (rising, campaign,
    /// climbing, regular, dormant, unwatched) and the rest wait, later than their cadence.
    pub short: bool,
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
            cadence: Vec::new(),
            budget: None,
        }));
    };
    let recorded = state.store.source_state(source.name()).await?;
    let mut counts: Vec<(Reason, i64)> = Vec::new();
    for (reason, creators) in state.store.refresh_reasons().await? {
        let reason = reason.as_deref().and_then(Reason::parse).unwrap_or(Reason::Regular);
        match counts.iter_mut().find(|(kept, _)| *kept == reason) {
            Some((_, count)) => *count += creators,
            None => counts.push((reason, creators)),
        }
    }
    counts.sort_by_key(|(reason, _)| std::cmp::Reverse(*reason));
    let cadence = &state.cadence;
    let needed_per_day = cadence::requests_needed_per_day(cadence, &counts, source.requests_per_refresh());
    let budget = match state.daily_budget {
        None => None,
        Some(daily_requests) => Some(BudgetStatus {
            daily_requests,
            used_today: state.store.requests_on(source.name(), Utc::now().date_naive()).await?,
            needed_per_day,
            short: needed_per_day > i64::from(daily_requests),
        }),
    };
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
        cadence: counts
            .into_iter()
            .map(|(reason, creators)| CadenceLine {
                reason: reason.as_str().to_owned(),
                creators,
                every_hours: cadence.interval(reason).as_secs_f64() / 3600.0,
            })
            .collect(),
        budget,
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(source_status);
}
