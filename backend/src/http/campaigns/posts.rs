//! `/campaigns/{id}/posts…`: the posts detection found (with their evidence), videos attached by
//! hand, dismissals (a dismissed post is never detected again) and each post's curve.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Evidence;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::store::{Actor, CampaignPost, PostStatus};

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PostState {
    /// Found by the campaign's rules.
    Detected,
    /// Attached by hand.
    Attached,
    /// Dismissed as a false match: left out of the report, never detected again.
    Dismissed,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostVideo {
    pub posted_at: DateTime<Utc>,
    pub description: String,
    /// A signed CDN URL: expires.
    pub cover_url: Option<String>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    /// When these counts were fetched, and from which source.
    pub fetched_at: DateTime<Utc>,
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignPostResponse {
    pub id: Uuid,
    pub entry_id: Uuid,
    pub handle: String,
    /// TikTok's id of the video.
    pub platform_id: String,
    pub share_url: String,
    pub status: PostState,
    /// Which rule matched and the caption text it matched (`manual` when attached by hand).
    pub evidence: Evidence,
    pub detected_at: DateTime<Utc>,
    /// When its counts are fetched again: about 1 h, 6 h and 24 h after posting, then daily to day 30, weekly to day 90.
    pub next_check_at: Option<DateTime<Utc>>,
    /// Null until the video has been fetched.
    pub video: Option<PostVideo>,
}

impl From<CampaignPost> for CampaignPostResponse {
    fn from(p: CampaignPost) -> Self {
        let share_url = p
            .video
            .as_ref()
            .map(|v| v.share_url.clone())
            .unwrap_or_else(|| format!("https://www.tiktok.com/@{}/video/{}", p.handle, p.platform_id));
        Self {
            id: p.id,
            entry_id: p.entry_id,
            handle: p.handle,
            platform_id: p.platform_id,
            share_url,
            status: match p.status {
                PostStatus::Detected => PostState::Detected,
                PostStatus::Attached => PostState::Attached,
                PostStatus::Dismissed => PostState::Dismissed,
            },
            evidence: p.evidence,
            detected_at: p.detected_at,
            next_check_at: p.next_check_at,
            video: p.video.map(|v| PostVideo {
                posted_at: v.posted_at,
                description: v.description,
                cover_url: v.cover_url,
                views: v.views,
                likes: v.likes,
                comments: v.comments,
                shares: v.shares,
                fetched_at: v.fetched_at,
                source: v.source,
            }),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignPostsResponse {
    pub items: Vec<CampaignPostResponse>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachPostRequest {
    /// `https://www.tiktok.com/@handle/video/123…`, by a creator of the campaign.
    #[schema(example = "https://www.tiktok.com/@mia.fits/video/7345678901234567890", format = "tiktok-video-url")]
    pub video_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CurvePoint {
    pub at: DateTime<Utc>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
}

/// A post's counts at each fetch (at most one point an hour), oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurveResponse {
    pub points: Vec<CurvePoint>,
}

/// The campaign's posts, newest first, dismissed ones included.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The posts", body = CampaignPostsResponse)))]
#[get("/campaigns/{campaign_id}/posts")]
async fn list_posts(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignPostsResponse>, ApiError> {
    let posts = state.store.campaign_posts(caller.workspace_id, *path).await?;
    Ok(web::Json(CampaignPostsResponse { items: posts.into_iter().map(Into::into).collect() }))
}

/// Attaches a video by its URL to its creator in the campaign (a dismissed one comes back); the
/// creator moves to `posted`. A video not fetched yet is fetched with its creator's next refresh,
/// which is made due now.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")), request_body = AttachPostRequest,
    responses(
        (status = 201, description = "Attached", body = CampaignPostResponse),
        (status = 409, description = "The video is a post of the campaign already (`post_already_in_campaign`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/campaigns/{campaign_id}/posts")]
async fn attach_post(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<Uuid>,
    body: Json<AttachPostRequest>,
) -> Result<HttpResponse, ApiError> {
    let post = state
        .campaigns()
        .attach_post(caller.workspace_id, *path, &body.video_url, Actor::Member(caller.user_id))
        .await?;
    state.refresh_wake.notify_one();
    Ok(HttpResponse::Created().json(CampaignPostResponse::from(post)))
}

/// Dismisses a false match: it leaves the report and is never detected again.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("post_id" = Uuid, Path, description = "Post id")),
    responses((status = 200, description = "Dismissed", body = CampaignPostResponse)))]
#[post("/campaigns/{campaign_id}/posts/{post_id}/dismiss")]
async fn dismiss_post(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CampaignPostResponse>, ApiError> {
    let (campaign_id, post_id) = path.into_inner();
    Ok(web::Json(state.store.dismiss_campaign_post(caller.workspace_id, campaign_id, post_id).await?.into()))
}

#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("post_id" = Uuid, Path, description = "Post id")),
    responses((status = 200, description = "The post's views, likes, comments and shares over time", body = CurveResponse)))]
#[get("/campaigns/{campaign_id}/posts/{post_id}/curve")]
async fn post_curve(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<CurveResponse>, ApiError> {
    let (campaign_id, post_id) = path.into_inner();
    let points = state.campaigns().curve(caller.workspace_id, campaign_id, post_id).await?;
    Ok(web::Json(CurveResponse {
        points: points
            .into_iter()
            .map(|p| CurvePoint {
                at: p.captured_at,
                views: p.views,
                likes: p.likes,
                comments: p.comments,
                shares: p.shares,
            })
            .collect(),
    }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(list_posts).service(attach_post).service(dismiss_post).service(post_curve);
}
