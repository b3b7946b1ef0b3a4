//! `/lists` and `/lists/{id}`; everything under `/lists/{id}/…` is in this folder.

pub mod dashboard;
pub mod items;
pub mod share_links;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{FreeText, ListName};
use crate::http::body::Json;
use crate::http::caller::{Caller, need};
use crate::http::pagination::{Page, PageQuery, encode_cursor};
use crate::http::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::store::{List, ListChange, NewList};

type Description = FreeText<2000>;
type Note = FreeText<2000>;

#[derive(Debug, Serialize, ToSchema)]
pub struct ListResponse {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// Changes whenever items are added, removed or reordered; reorders must name it.
    pub version: i64,
    pub item_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<List> for ListResponse {
    fn from(l: List) -> Self {
        Self {
            id: l.id,
            name: l.name,
            description: l.description,
            version: l.version,
            item_count: l.item_count,
            created_at: l.created_at,
            updated_at: l.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateListRequest {
    /// 1 to 100 characters, unique in the workspace.
    #[schema(min_length = 1, max_length = 100, format = "text-line", example = "Spring drop: gym wear")]
    pub name: String,
    #[schema(max_length = 2000, format = "text-block")]
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateListRequest {
    #[schema(min_length = 1, max_length = 100, format = "text-line")]
    pub name: Option<String>,
    #[schema(max_length = 2000, format = "text-block")]
    pub description: Option<String>,
}

fn description(raw: &str) -> Result<String, ApiError> {
    Description::parse(raw).map(FreeText::into_inner).map_err(|e| ApiError::invalid("/description", e))
}

fn list_name(raw: &str) -> Result<String, ApiError> {
    ListName::parse(raw).map(ListName::into_inner).map_err(|e| ApiError::invalid("/name", e))
}

/// Your lists, oldest first.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, description = "A page of lists", body = Page<ListResponse>)))]
#[get("/lists")]
async fn list_lists(
    state: web::Data<AppState>,
    caller: Caller<need::ListsRead>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<ListResponse>>, ApiError> {
    let limit = query.limit()?;
    let after = query.cursor::<Uuid>()?;
    let mut lists = state.store.lists(caller.workspace_id, after, limit + 1).await?;
    let next_cursor = (lists.len() as i64 > limit).then(|| {
        lists.truncate(limit as usize);
        encode_cursor(&lists.last().map(|l| l.id))
    });
    Ok(web::Json(Page { items: lists.into_iter().map(Into::into).collect(), next_cursor }))
}

/// Creates a list.
#[utoipa::path(tag = "lists", security(("bearer" = [])), request_body = CreateListRequest,
    responses(
        (status = 201, description = "Created", body = ListResponse),
        (status = 409, description = "A list with this name exists (`duplicate_list_name`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/lists")]
async fn create_list(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    body: Json<CreateListRequest>,
) -> Result<HttpResponse, ApiError> {
    let name = list_name(&body.name)?;
    let description = description(&body.description)?;
    let list = state
        .store
        .create_list(NewList {
            id: Uuid::now_v7(),
            workspace_id: caller.workspace_id,
            name,
            description,
            now: Utc::now(),
        })
        .await?;
    Ok(HttpResponse::Created().json(ListResponse::from(list)))
}

/// One list.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    responses((status = 200, description = "The list", body = ListResponse)))]
#[get("/lists/{list_id}")]
async fn get_list(
    state: web::Data<AppState>,
    caller: Caller<need::ListsRead>,
    path: web::Path<Uuid>,
) -> Result<web::Json<ListResponse>, ApiError> {
    Ok(web::Json(state.store.list(caller.workspace_id, *path).await?.into()))
}

/// Renames a list or changes its description.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    request_body = UpdateListRequest,
    responses(
        (status = 200, description = "Updated", body = ListResponse),
        (status = 409, description = "A list with this name exists (`duplicate_list_name`)", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/lists/{list_id}")]
async fn update_list(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<Uuid>,
    body: Json<UpdateListRequest>,
) -> Result<web::Json<ListResponse>, ApiError> {
    let change = ListChange {
        name: body.name.as_deref().map(list_name).transpose()?,
        description: body.description.as_deref().map(description).transpose()?,
        now: Utc::now(),
    };
    Ok(web::Json(state.store.update_list(caller.workspace_id, *path, change).await?.into()))
}

/// Deletes a list. Its creators and their history stay.
#[utoipa::path(tag = "lists", security(("bearer" = [])), params(("list_id" = Uuid, Path, description = "List id")),
    responses((status = 204, description = "Deleted")))]
#[delete("/lists/{list_id}")]
async fn delete_list(
    state: web::Data<AppState>,
    caller: Caller<need::ListsWrite>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    state.store.delete_list(caller.workspace_id, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(list_lists)
        .service(create_list)
        .service(get_list)
        .service(update_list)
        .service(delete_list)
        .configure(dashboard::routes)
        .configure(items::routes)
        .configure(share_links::routes);
}
