//! Kept dashboard rows (`creator_summaries`): one per workspace and creator, each with the stamp
//! it was computed under. The payload and its sort keys are opaque here; the analytics service
//! defines them. Beside them is the row's latest snapshot, a [`Snapshot`] as JSON, which a page of
//! list items reads.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use uuid::Uuid;

use super::*;

/// The kept rows' shape: change it with anything that changes what a row holds or how its figures
/// are computed (see `services::summaries`). A page of list items reads the `latest` kept beside
/// rows of this shape.
pub const SUMMARY_SHAPE: i32 = 4;

/// What a kept row was computed from; it is used only while all of it is still true.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct SummaryStamp {
    /// The payload's version: a build that shapes rows differently ignores older ones.
    pub shape: i32,
    /// The creator's `data_version` (snapshots, videos, audiences, connection).
    pub data_version: i64,
    /// The day the row's windows end on.
    pub computed_on: NaiveDate,
    /// A hash of the workspace's analytics settings and target audience.
    pub documents: i64,
}

#[derive(Debug, Clone)]
pub struct StoredSummary {
    pub creator_id: Uuid,
    pub stamp: SummaryStamp,
    /// What views sort and total rows by, as JSON: read without reading the row.
    pub sort_keys: String,
    /// The row, as JSON.
    pub payload: String,
    /// The row's latest snapshot alone, as JSON (`null` for none), for pages of list items; `None`
    /// for a row kept before it was kept apart.
    pub latest: Option<String>,
}

#[async_trait]
pub trait SummaryStore: Send + Sync {
    /// A list's items in order, each with its creator's kept row if there is one; `latest` is
    /// left empty (the row carries it), which spares the latest-snapshot lookups.
    async fn list_items_with_summaries(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
    ) -> Result<Vec<(ListItem, Option<StoredSummary>)>>;
    /// The kept rows of the creators in the scope.
    async fn summaries(&self, workspace_id: Uuid, scope: CreatorScope) -> Result<HashMap<Uuid, StoredSummary>>;
    /// Keeps rows, replacing older ones; a row computed from an older `data_version` than the
    /// one kept is dropped (a slower writer never undoes a newer one).
    async fn put_summaries(&self, workspace_id: Uuid, rows: &[StoredSummary], now: DateTime<Utc>) -> Result<()>;
    /// The workspaces that know each of these creators: whose rows change when their data does.
    async fn summary_workspaces(&self, creator_ids: &[Uuid]) -> Result<Vec<(Uuid, Vec<Uuid>)>>;
    /// Every (workspace, creator) a row could be kept for, in workspace order, after `after`:
    /// a page of at most `limit`, for rebuilding them all.
    async fn summary_keys(&self, after: Option<(Uuid, Uuid)>, limit: i64) -> Result<Vec<(Uuid, Uuid)>>;
    /// How many rows a rebuild computes.
    async fn summary_key_count(&self) -> Result<i64>;
    /// How many kept rows have another shape than this build's (after an upgrade that changed it).
    async fn summaries_of_other_shapes(&self, shape: i32) -> Result<i64>;
}
