//! `/lists/{id}/items…` and `/lists/{id}/order`: a list's creators, their notes and tags, and
//! their order (atomic, guarded by the list's version).

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::Note;
use crate::domain::{FreeText, Handle, Tags};
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::creators::{CreatorSummary, MetricsResponse};
use crate::http::pagination::{PageQuery, encode_cursor};
use crate::http::problem::{ApiError, ErrorCode, FieldError, Problem};
use crate::state::AppState;
use crate::store::{ItemChange, ListItem, NewListItem, Reorder};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddItemRequest {
    /// `name`, `@Name` or a tiktok.com profile URL.
    #[schema(example = "@mayabakes", max_length = 200, format = "handle")]
    pub handle: String,
    #[schema(max_length = 2000, format = "text-block")]
    #[serde(default)]
    pub note: String,
    /// At most 20 tags of 1 to 40 characters; a repeated tag is kept once.
    #[serde(default)]
    #[schema(max_items = 20, min_length = 1, max_length = 40, format = "text-line")]
    pub tags: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateItemRequest {
    #[schema(max_length = 2000, format = "text-block")]
    pub note: Option<String>,
    /// At most 20 tags of 1 to 40 characters; a repeated tag is kept once.
    #[schema(max_items = 20, min_length = 1, max_length = 40, format = "text-line")]
    pub tags: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ListItemResponse {
    pub id: Uuid,
    /// 0-based place in the list.
    pub position: i64,
    pub note: String,
    pub tags: Vec<String>,
    pub added_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub creator: CreatorSummary,
    /// The creator's latest counts visible to this workspace, if any.
    pub latest: Option<MetricsResponse>,
}

impl From<ListItem> for ListItemResponse {
    fn from(item: ListItem) -> Self {
        Self {
            id: item.id,
            position: item.position,
            note: item.note,
            tags: item.tags,
            added_at: item.created_at,
            updated_at: item.updated_at,
            creator: item.creator.into(),
            latest: item.latest.map(Into::into),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemsPage {
    /// The list's version when this page was read.
    pub version: i64,
    pub items: Vec<ListItemResponse>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveItemRequest {
    /// The list version you last saw; a stale one gets 409 `stale_version`.
    pub version: i64,
    /// The new 0-based place; past the end means last.
    #[schema(minimum = 0)]
    pub position: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetOrderRequest {
    pub version: i64,
    /// Every item id of the list, exactly once, in the new order.
    pub item_ids: Vec<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderResponse {
    /// The list's new version.
    pub version: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct ItemsCursor {
    version: i64,
    position: i64,
}

/// The list's items in order, each with the creator's latest counts.
///
/// Pages follow the list's order; if the list is reordered between pages, the next page answers
/// 409 `stale_cursor` and you start again.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id"), PageQuery),
    responses(
        (status = 200, description = "A page of items", body = ItemsPage),
        (status = 409, description = "The list changed since the cursor was issued (`stale_cursor`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/lists/{list_id}/items")]
async fn list_items(
    state: web::Data<AppState>,
    caller: Caller<need::ListsRead>,
    path: web::Path<Uuid>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<ItemsPage>, ApiError> {
    let limit = query.limit()?;
    let cursor = query.cursor::<ItemsCursor>()?;
    let from = cursor.as_ref().map_or(0, |c| c.position);
    let (version, mut items) = state.store.list_items(caller.workspace_id, *path, from, limit + 1).await?;
    if cursor.is_some_and(|c| c.version != version) {
        return Err(ApiError::Conflict {
            code: ErrorCode::StaleCursor,
            detail: "The list changed since the previous page; read it again from the start.".into(),
        });
    }
    let next_cursor = (items.len() as i64 > limit).then(|| {
        let next = items.pop().map_or(0, |item| item.position);
        items.truncate(limit as usize);
        encode_cursor(&ItemsCursor { version, position: next })
    });
    Ok(web::Json(ItemsPage { version, items: items.into_iter().map(Into::into).collect(), next_cursor }))
}

/// Adds a creator by handle, `@handle` or profile URL; the creator is tracked from then on.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    request_body = AddItemRequest,
    responses(
        (status = 201, description = "Added", body = ListItemResponse),
        (status = 409, description = "The creator is already in the list (`creator_already_in_list`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/lists/{list_id}/items")]
async fn add_item(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<Uuid>,
    body: Json<AddItemRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut errors = Vec::new();
    let handle = Handle::parse(&body.handle).map_err(|e| errors.push(FieldError::body("/handle", e))).ok();
    let note = Note::parse(&body.note).map_err(|e| errors.push(FieldError::body("/note", e))).ok();
    let tags = Tags::parse(&body.tags).map_err(|e| errors.push(FieldError::body("/tags", e))).ok();
    let (Some(handle), Some(note), Some(tags)) = (handle, note, tags) else {
        return Err(ApiError::Validation(errors));
    };
    let item =
        NewListItem { id: Uuid::now_v7(), handle, note: note.into_inner(), tags: tags.into_inner(), now: Utc::now() };
    let item = state.store.add_list_item(caller.workspace_id, *path, item).await?;
    // A creator new to tracking is due at once: let this process's worker take its baseline now.
    state.refresh_wake.notify_one();
    Ok(HttpResponse::Created().json(ListItemResponse::from(item)))
}

/// Changes an item's note or tags.
#[utoipa::path(tag = "lists", security(("bearer" = [])),
    params(("list_id" = Uuid, Path, description = "List id"), ("item_id" = Uuid, Path, description = "Item id")),
    request_body = UpdateItemRequest,
    responses((status = 200, description = "Updated", body = ListItemResponse)))]
#[patch("/lists/{list_id}/items/{item_id}")]
async fn update_item(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<UpdateItemRequest>,
) -> Result<web::Json<ListItemResponse>, ApiError> {
    let (list_id, item_id) = path.into_inner();
    let change = ItemChange {
        note: body
            .note
            .as_deref()
            .map(|n| Note::parse(n).map(FreeText::into_inner).map_err(|e| ApiError::invalid("/note", e)))
            .transpose()?,
        tags: body
            .tags
            .as_deref()
            .map(|t| Tags::parse(t).map(Tags::into_inner).map_err(|e| ApiError::invalid("/tags", e)))
            .transpose()?,
        now: Utc::now(),
    };
    Ok(web::Json(state.store.update_list_item(caller.workspace_id, list_id, item_id, change).await?.into()))
}

/// Removes a creator from the list. The creator's history stays.
#[utoipa::path(tag = "lists", security(("bearer" = [])),
    params(("list_id" = Uuid, Path, description = "List id"), ("item_id" = Uuid, Path, description = "Item id")),
    responses((status = 200, description = "Removed; the list's new version", body = OrderResponse)))]
#[delete("/lists/{list_id}/items/{item_id}")]
async fn remove_item(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<OrderResponse>, ApiError> {
    let (list_id, item_id) = path.into_inner();
    let version = state.store.remove_list_item(caller.workspace_id, list_id, item_id, Utc::now()).await?;
    Ok(web::Json(OrderResponse { version }))
}

/// Moves one item to a new place.
#[utoipa::path(tag = "lists", security(("bearer" = [])),
    params(("list_id" = Uuid, Path, description = "List id"), ("item_id" = Uuid, Path, description = "Item id")),
    request_body = MoveItemRequest,
    responses(
        (status = 200, description = "Moved; the list's new version", body = OrderResponse),
        (status = 409, description = "The list changed meanwhile (`stale_version`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/lists/{list_id}/items/{item_id}/move")]
async fn move_item(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<MoveItemRequest>,
) -> Result<web::Json<OrderResponse>, ApiError> {
    if body.position < 0 {
        return Err(ApiError::invalid("/position", "must not be negative"));
    }
    let (list_id, item_id) = path.into_inner();
    let reorder = Reorder::Move { item_id, position: body.position, expected_version: body.version, now: Utc::now() };
    let version = state.store.reorder_list(caller.workspace_id, list_id, reorder).await?;
    Ok(web::Json(OrderResponse { version }))
}

/// Sets the whole order at once.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    request_body = SetOrderRequest,
    responses(
        (status = 200, description = "Reordered; the list's new version", body = OrderResponse),
        (status = 409, description = "The list changed meanwhile (`stale_version`), or the ids are not exactly the list's items (`item_set_mismatch`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/lists/{list_id}/order")]
async fn set_order(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<Uuid>,
    body: Json<SetOrderRequest>,
) -> Result<web::Json<OrderResponse>, ApiError> {
    let body = body.into_inner();
    let reorder = Reorder::Set { item_ids: body.item_ids, expected_version: body.version, now: Utc::now() };
    let version = state.store.reorder_list(caller.workspace_id, *path, reorder).await?;
    Ok(web::Json(OrderResponse { version }))
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_items)
        .service(add_item)
        .service(update_item)
        .service(remove_item)
        .service(move_item)
        .service(set_order);
}
