//! `/campaigns/{id}/creators…`: each creator's place in the pipeline (shortlisted → contacted →
//! agreed → shipped → delivered → posted, or declined / no-show), with who moved it and when,
//! its shipment, contact, discount code and UTM link.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Stage;
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::problem::{ApiError, Problem};
use crate::services::campaigns::{AddCreators, Estimate, ShipmentInput, is_overdue, utm_link};
use crate::state::AppState;
use crate::store::{Actor, Campaign, CampaignEntry, EntryChange};

#[derive(Debug, Serialize, ToSchema)]
pub struct EntryCreator {
    pub id: Uuid,
    pub handle: String,
    pub display_name: Option<String>,
    pub avatar_url: Option<String>,
    /// The latest follower count this workspace may see.
    pub followers: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageChange {
    pub stage: Stage,
    pub at: DateTime<Utc>,
    /// A member's name, `post detection`, or null when the account is gone.
    pub by: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShipmentResponse {
    pub shipped_on: NaiveDate,
    pub units: i32,
    /// This parcel's shipping cost; null means the campaign's.
    pub cost: Option<f64>,
    pub carrier: Option<String>,
    pub tracking_url: Option<String>,
    pub delivered_on: Option<NaiveDate>,
}

/// A creator in a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignCreatorResponse {
    /// The entry's id (not the creator's).
    pub id: Uuid,
    pub creator: EntryCreator,
    pub stage: Stage,
    pub stage_changed_at: DateTime<Utc>,
    pub stage_changed_by: Option<String>,
    /// Every move, oldest first.
    pub history: Vec<StageChange>,
    /// Shipped or delivered `overdue_days` ago or more, and no post yet.
    pub overdue: bool,
    /// E-mail addresses and links, one per line.
    pub contact: String,
    /// The contact was found in the creator's bio, not entered by a member.
    pub contact_from_bio: bool,
    pub discount_code: Option<String>,
    /// This creator's fee; null means the campaign's.
    pub fee: Option<f64>,
    /// Shop visits from the creator's link, as entered; feeds the proposed click-through rate.
    pub clicks: Option<i64>,
    /// The campaign's landing page with UTM parameters naming the creator (`utm_content` is the handle).
    pub utm_link: Option<String>,
    pub shipment: Option<ShipmentResponse>,
    /// Posts found or attached, dismissed ones not counted.
    pub posts: i64,
    pub first_post_at: Option<DateTime<Utc>>,
    /// What zzyzx expected before the campaign, frozen when the creator joined and again when shipped.
    pub estimate: Option<Estimate>,
}

impl CampaignCreatorResponse {
    pub fn new(campaign: &Campaign, entry: CampaignEntry) -> Self {
        let today = Utc::now().date_naive();
        let overdue = is_overdue(
            entry.stage,
            entry.shipment.as_ref().map(|s| s.shipped_on),
            entry.shipment.as_ref().and_then(|s| s.delivered_on),
            entry.posts,
            campaign.overdue_days,
            today,
        );
        Self {
            id: entry.id,
            utm_link: utm_link(campaign, &entry.creator.handle),
            creator: EntryCreator {
                id: entry.creator.id,
                handle: entry.creator.handle,
                display_name: entry.creator.display_name,
                avatar_url: entry.creator.avatar_url,
                followers: entry.followers,
            },
            stage: entry.stage,
            stage_changed_at: entry.stage_changed_at,
            stage_changed_by: entry.stage_changed_by,
            history: entry
                .history
                .into_iter()
                .map(|h| StageChange { stage: h.stage, at: h.at, by: h.by_label })
                .collect(),
            overdue,
            contact: entry.contact,
            contact_from_bio: entry.contact_from_bio,
            discount_code: entry.discount_code,
            fee: entry.fee,
            clicks: entry.clicks,
            shipment: entry.shipment.map(|s| ShipmentResponse {
                shipped_on: s.shipped_on,
                units: s.units,
                cost: s.cost,
                carrier: s.carrier,
                tracking_url: s.tracking_url,
                delivered_on: s.delivered_on,
            }),
            posts: entry.posts,
            first_post_at: entry.first_post_at,
            estimate: entry.estimate.and_then(|value| serde_json::from_value(value).ok()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignCreatorsResponse {
    pub items: Vec<CampaignCreatorResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AddCreatorsResponse {
    pub added: usize,
    /// Named creators who were in the campaign already.
    pub already_in: usize,
    /// The entries added.
    pub items: Vec<CampaignCreatorResponse>,
}

/// A change to an entry: the fields given replace its own; `null` clears.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryPatch {
    /// At most 2000 characters; entering it clears "from bio".
    #[schema(max_length = 2000)]
    pub contact: Option<String>,
    /// 1 to 50 letters, digits, `-` or `_`; unique in the campaign, whatever the case.
    #[serde(default, deserialize_with = "crate::services::present_or_null")]
    #[schema(value_type = Option<String>, nullable, pattern = "^[A-Za-z0-9_-]{1,50}$")]
    pub discount_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::services::present_or_null")]
    #[schema(value_type = Option<f64>, nullable, minimum = 0.0, maximum = 1_000_000_000.0)]
    pub fee: Option<Option<f64>>,
    #[serde(default, deserialize_with = "crate::services::present_or_null")]
    #[schema(value_type = Option<i64>, nullable, minimum = 0)]
    pub clicks: Option<Option<i64>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRequest {
    pub stage: Stage,
}

async fn entries_response(
    state: &AppState,
    workspace_id: Uuid,
    campaign_id: Uuid,
    only: Option<&[Uuid]>,
) -> Result<Vec<CampaignCreatorResponse>, ApiError> {
    let campaign = state.store.campaign(workspace_id, campaign_id).await?;
    let entries = state.store.campaign_entries(workspace_id, campaign_id).await?;
    Ok(entries
        .into_iter()
        .filter(|e| only.is_none_or(|ids| ids.contains(&e.id)))
        .map(|e| CampaignCreatorResponse::new(&campaign, e))
        .collect())
}

async fn entry_response(
    state: &AppState,
    workspace_id: Uuid,
    campaign_id: Uuid,
    entry: CampaignEntry,
) -> Result<web::Json<CampaignCreatorResponse>, ApiError> {
    let campaign = state.store.campaign(workspace_id, campaign_id).await?;
    Ok(web::Json(CampaignCreatorResponse::new(&campaign, entry)))
}

/// The campaign's creators, in the order they joined.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")),
    responses((status = 200, description = "The creators", body = CampaignCreatorsResponse)))]
#[get("/campaigns/{campaign_id}/creators")]
async fn list_entries(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<CampaignCreatorsResponse>, ApiError> {
    Ok(web::Json(CampaignCreatorsResponse { items: entries_response(&state, caller.workspace_id, *path, None).await? }))
}

/// Adds creators as `shortlisted`: by id (from search, rising or hashtags), every creator of a
/// list, or by handle (unknown creators are created and tracked). All or none: an id this
/// workspace does not know is refused. Their contact is pre-filled from their bio, and the
/// estimate of what they would bring is frozen. A campaign holds at most 1000 creators.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id")), request_body = AddCreators,
    responses((status = 200, description = "Added", body = AddCreatorsResponse)))]
#[post("/campaigns/{campaign_id}/creators")]
async fn add_entries(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<Uuid>,
    body: Json<AddCreators>,
) -> Result<web::Json<AddCreatorsResponse>, ApiError> {
    let added = state
        .campaigns()
        .add_creators(caller.workspace_id, *path, body.into_inner(), Actor::Member(caller.user_id))
        .await?;
    let items = entries_response(&state, caller.workspace_id, *path, Some(&added.entry_ids)).await?;
    Ok(web::Json(AddCreatorsResponse { added: added.entry_ids.len(), already_in: added.already_in, items }))
}

/// Changes an entry's contact, discount code, fee or clicks.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("entry_id" = Uuid, Path, description = "Entry id")),
    request_body = EntryPatch,
    responses(
        (status = 200, description = "Changed", body = CampaignCreatorResponse),
        (status = 409, description = "Another creator has this discount code (`duplicate_discount_code`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/campaigns/{campaign_id}/creators/{entry_id}")]
async fn update_entry(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<EntryPatch>,
) -> Result<web::Json<CampaignCreatorResponse>, ApiError> {
    let (campaign_id, entry_id) = path.into_inner();
    let body = body.into_inner();
    let change = EntryChange {
        contact: body.contact,
        discount_code: body.discount_code.map(|code| code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty())),
        fee: body.fee,
        clicks: body.clicks,
    };
    let entry = state.campaigns().update_entry(caller.workspace_id, campaign_id, entry_id, change).await?;
    entry_response(&state, caller.workspace_id, campaign_id, entry).await
}

/// Moves a creator to a stage, recording who and when. Moving to `shipped` without a shipment
/// records one: today, one unit, the campaign's shipping cost.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("entry_id" = Uuid, Path, description = "Entry id")),
    request_body = StageRequest,
    responses((status = 200, description = "Moved", body = CampaignCreatorResponse)))]
#[put("/campaigns/{campaign_id}/creators/{entry_id}/stage")]
async fn move_entry(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<StageRequest>,
) -> Result<web::Json<CampaignCreatorResponse>, ApiError> {
    let (campaign_id, entry_id) = path.into_inner();
    let entry = state
        .campaigns()
        .move_entry(caller.workspace_id, campaign_id, entry_id, body.stage, Actor::Member(caller.user_id))
        .await?;
    entry_response(&state, caller.workspace_id, campaign_id, entry).await
}

/// Records the shipment; a creator not yet shipped moves to `shipped` (or `delivered` with a
/// delivery date).
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("entry_id" = Uuid, Path, description = "Entry id")),
    request_body = ShipmentInput,
    responses((status = 200, description = "Recorded", body = CampaignCreatorResponse)))]
#[put("/campaigns/{campaign_id}/creators/{entry_id}/shipment")]
async fn set_shipment(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<ShipmentInput>,
) -> Result<web::Json<CampaignCreatorResponse>, ApiError> {
    let (campaign_id, entry_id) = path.into_inner();
    let entry = state
        .campaigns()
        .set_shipment(caller.workspace_id, campaign_id, entry_id, body.into_inner(), Actor::Member(caller.user_id))
        .await?;
    entry_response(&state, caller.workspace_id, campaign_id, entry).await
}

/// Takes a creator out of the campaign, with their posts and orders.
#[utoipa::path(tag = "campaigns", security(("bearer" = [])),
    params(("campaign_id" = Uuid, Path, description = "Campaign id"), ("entry_id" = Uuid, Path, description = "Entry id")),
    responses((status = 204, description = "Removed")))]
#[delete("/campaigns/{campaign_id}/creators/{entry_id}")]
async fn remove_entry(
    state: web::Data<AppState>,
    caller: Caller<need::CampaignsWrite>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (campaign_id, entry_id) = path.into_inner();
    state.store.remove_campaign_entry(caller.workspace_id, campaign_id, entry_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_entries)
        .service(add_entries)
        .service(update_entry)
        .service(move_entry)
        .service(set_shipment)
        .service(remove_entry);
}
