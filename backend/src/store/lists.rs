//! Lists and their items: order, notes and tags. Reordering is guarded by the list's version.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::*;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct List {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub name: String,
    pub description: String,
    pub version: i64,
    pub item_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewList {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub name: String,
    pub description: String,
    pub now: DateTime<Utc>,
}

pub struct ListChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub now: DateTime<Utc>,
}

pub struct NewListItem {
    pub id: Uuid,
    pub handle: Handle,
    pub note: String,
    pub tags: Vec<String>,
    pub now: DateTime<Utc>,
}

pub struct ItemChange {
    pub note: Option<String>,
    pub tags: Option<Vec<String>>,
    pub now: DateTime<Utc>,
}

pub enum Reorder {
    /// Move one item to `position` (0-based; past the end means last).
    Move { item_id: Uuid, position: i64, expected_version: i64, now: DateTime<Utc> },
    /// Set the whole order: `item_ids` must be exactly the list's items.
    Set { item_ids: Vec<Uuid>, expected_version: i64, now: DateTime<Utc> },
}

#[derive(Debug, Clone)]
pub struct ListItem {
    pub id: Uuid,
    pub list_id: Uuid,
    pub position: i64,
    pub note: String,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub creator: Creator,
    pub latest: Option<Snapshot>,
}

#[async_trait]
pub trait ListStore: Send + Sync {
    async fn create_list(&self, list: NewList) -> Result<List>;
    async fn lists(&self, workspace_id: Uuid, after: Option<Uuid>, limit: i64) -> Result<Vec<List>>;
    async fn list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<List>;
    async fn update_list(&self, workspace_id: Uuid, list_id: Uuid, change: ListChange) -> Result<List>;
    async fn delete_list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<()>;
    async fn add_list_item(&self, workspace_id: Uuid, list_id: Uuid, item: NewListItem) -> Result<ListItem>;
    /// Items in list order from position `from`, and the list's version.
    async fn list_items(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        from: i64,
        limit: i64,
    ) -> Result<(i64, Vec<ListItem>)>;
    async fn update_list_item(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
        change: ItemChange,
    ) -> Result<ListItem>;
    /// Removes an item and returns the list's new version. The creator and its history stay.
    async fn remove_list_item(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn reorder_list(&self, workspace_id: Uuid, list_id: Uuid, reorder: Reorder) -> Result<i64>;
}
