//! Alerts: the events outbox, each member's read marks, webhook endpoints and their deliveries,
//! and the e-mail digest settings.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::types::Json;
use uuid::Uuid;

use super::*;

/// An event to record; it is stored once per (workspace, key), however often it is offered.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub workspace_id: Uuid,
    /// An event type as named on the wire (`video.viral`, …).
    pub kind: &'static str,
    pub key: String,
    pub creator_id: Option<Uuid>,
    pub campaign_id: Option<Uuid>,
    pub video_id: Option<String>,
    pub occurred_at: DateTime<Utc>,
    pub sentence: String,
    pub data: serde_json::Value,
    /// Where the numbers behind it came from (a data source's name), when they came from one.
    pub source: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: Uuid,
    pub workspace_id: Uuid,
    #[sqlx(rename = "type")]
    pub kind: String,
    pub creator_id: Option<Uuid>,
    pub handle: Option<String>,
    pub campaign_id: Option<Uuid>,
    pub campaign_name: Option<String>,
    pub video_id: Option<String>,
    pub occurred_at: DateTime<Utc>,
    pub sentence: String,
    pub data: Json<serde_json::Value>,
    pub source: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Whether the member asking has read it; none for an API key.
    pub read: Option<bool>,
}

/// Which events a feed shows.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kind: Option<String>,
    pub creator_id: Option<Uuid>,
    pub unread_only: bool,
    /// Only events recorded after this time.
    pub created_after: Option<DateTime<Utc>>,
}

/// Where a creator is watched: a workspace's list or campaign holds them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Watch {
    pub workspace_id: Uuid,
    pub creator_id: Uuid,
    pub list_id: Option<Uuid>,
    pub campaign_id: Option<Uuid>,
}

/// Which detected posts [`AlertStore::detected_posts`] reads.
#[derive(Debug, Clone, Copy)]
pub enum PostsToTell<'a> {
    /// These posts: the ones a batch of refreshes just stored.
    Posts(&'a [Uuid]),
    /// These creators' posts detected since then.
    OfCreatorsSince(&'a [Uuid], DateTime<Utc>),
    /// Every workspace's posts detected since then.
    Since(DateTime<Utc>),
}

/// A campaign post the worker found, as an event tells it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostNews {
    pub workspace_id: Uuid,
    pub campaign_id: Uuid,
    pub campaign_name: String,
    pub post_id: Uuid,
    pub creator_id: Uuid,
    pub handle: String,
    pub platform_id: String,
    pub rule: String,
    pub matched: String,
    pub detected_at: DateTime<Utc>,
    /// The campaign is the demo workspace's.
    pub demo: bool,
}

/// A shipped or delivered creator of a running campaign with no post, as the overdue check reads them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShippedEntry {
    pub workspace_id: Uuid,
    pub campaign_id: Uuid,
    pub campaign_name: String,
    pub entry_id: Uuid,
    pub creator_id: Uuid,
    pub handle: String,
    pub stage: String,
    pub shipped_on: Option<NaiveDate>,
    pub delivered_on: Option<NaiveDate>,
    pub overdue_days: i32,
    /// The campaign is the demo workspace's.
    pub demo: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WebhookEndpoint {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub url: String,
    pub description: String,
    pub event_types: Json<Vec<String>>,
    pub enabled: bool,
    pub secret_generation: i32,
    pub failing_since: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A change to an endpoint; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct WebhookChange {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<String>>,
    pub enabled: Option<bool>,
    /// Give the endpoint a new signing secret.
    pub rotate_secret: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WebhookDelivery {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub event_id: Uuid,
    #[sqlx(rename = "type")]
    pub event_type: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub response_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A delivery a dispatcher has leased, with what it needs to send it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueDelivery {
    #[sqlx(rename = "delivery_id")]
    pub id: Uuid,
    pub attempts: i32,
    pub endpoint_id: Uuid,
    pub url: String,
    pub secret_generation: i32,
    pub failing_since: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    pub event: EventRow,
}

/// How one attempt went.
#[derive(Debug, Clone)]
pub struct DeliveryAttempt {
    pub delivery_id: Uuid,
    pub endpoint_id: Uuid,
    pub at: DateTime<Utc>,
    pub response_status: Option<i32>,
    /// Why it failed; none when the receiver took it.
    pub error: Option<String>,
    /// When to try again after a failure; none gives up.
    pub retry_at: Option<DateTime<Utc>>,
}

/// A member whose digest is due.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueDigest {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub frequency: String,
    pub last_sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait AlertStore: Send + Sync {
    /// The workspaces' lists and campaigns that hold any of these creators.
    async fn watches(&self, creator_ids: &[Uuid]) -> Result<Vec<Watch>>;
    /// Workspaces that watch any creator: the ones a paused source concerns.
    async fn watching_workspaces(&self) -> Result<Vec<Uuid>>;
    /// Detected campaign posts (not dismissed ones), as their events tell them.
    async fn detected_posts(&self, which: PostsToTell<'_>) -> Result<Vec<PostNews>>;
    /// Creators of campaigns running on `today` who were shipped or delivered and have no post.
    async fn shipped_without_posts(&self, today: NaiveDate) -> Result<Vec<ShippedEntry>>;
    /// Stores the events not stored yet (by workspace and key) and queues a delivery of each new
    /// one to every enabled endpoint of its workspace subscribed to its type. The new events' ids.
    async fn record_events(&self, events: &[NewEvent], now: DateTime<Utc>) -> Result<Vec<Uuid>>;
    /// Newest first, before the `(occurred_at, id)` cursor; `user_id` decides `read`.
    async fn events(
        &self,
        workspace_id: Uuid,
        user_id: Option<Uuid>,
        filter: &EventFilter,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> Result<Vec<EventRow>>;
    async fn event(&self, workspace_id: Uuid, user_id: Option<Uuid>, event_id: Uuid) -> Result<EventRow>;
    async fn unread_count(&self, workspace_id: Uuid, user_id: Uuid) -> Result<i64>;
    async fn mark_read(&self, workspace_id: Uuid, user_id: Uuid, event_id: Uuid, now: DateTime<Utc>) -> Result<()>;
    async fn mark_all_read(&self, workspace_id: Uuid, user_id: Uuid, now: DateTime<Utc>) -> Result<()>;

    async fn create_webhook(&self, endpoint: &WebhookEndpoint) -> Result<WebhookEndpoint>;
    async fn webhooks(&self, workspace_id: Uuid) -> Result<Vec<WebhookEndpoint>>;
    async fn webhook(&self, workspace_id: Uuid, endpoint_id: Uuid) -> Result<WebhookEndpoint>;
    async fn update_webhook(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        change: &WebhookChange,
        now: DateTime<Utc>,
    ) -> Result<WebhookEndpoint>;
    async fn delete_webhook(&self, workspace_id: Uuid, endpoint_id: Uuid) -> Result<()>;
    /// An endpoint's deliveries, newest first, before the `(created_at, id)` cursor.
    async fn webhook_deliveries(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>>;
    /// Sends a delivery again now, whatever became of it.
    async fn redeliver(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        delivery_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<WebhookDelivery>;
    /// Leases up to `limit` deliveries due at `now` of enabled endpoints to `owner`.
    async fn claim_deliveries(
        &self,
        owner: &str,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueDelivery>>;
    /// Records an attempt, releases the lease, and keeps the endpoint's `failing_since`.
    async fn record_delivery(&self, attempt: &DeliveryAttempt) -> Result<()>;
    /// Turns an endpoint off with the reason; whether it was on.
    async fn disable_webhook(&self, endpoint_id: Uuid, reason: &str, now: DateTime<Utc>) -> Result<bool>;

    /// `off`, `daily` or `weekly`; `off` until set.
    async fn digest_frequency(&self, workspace_id: Uuid, user_id: Uuid) -> Result<String>;
    async fn put_digest_frequency(
        &self,
        workspace_id: Uuid,
        user_id: Uuid,
        frequency: &str,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Members whose digest is due at `now` (a day or a week after the last one).
    async fn due_digests(&self, now: DateTime<Utc>) -> Result<Vec<DueDigest>>;
    async fn digest_sent(&self, workspace_id: Uuid, user_id: Uuid, at: DateTime<Utc>) -> Result<()>;
}
