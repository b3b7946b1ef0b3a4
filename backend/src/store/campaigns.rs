//! Seeding campaigns: the campaign, its creators' pipeline (stages, shipments, contacts), the
//! posts found for it, and the orders it brought. Everything is reached through the workspace:
//! another workspace's campaign, entry, post or order is not found, exactly like a missing one.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::types::Json;
use uuid::Uuid;

use super::*;
use crate::domain::campaign::{Caption, Matcher};
use crate::domain::{Evidence, Rules, Stage};

/// Creators one campaign may hold.
pub const MAX_CAMPAIGN_CREATORS: i64 = 1000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Campaign {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub product_name: String,
    pub unit_cost: f64,
    pub shipping_cost: f64,
    pub retail_value: f64,
    pub currency: String,
    pub fee: Option<f64>,
    pub overdue_days: i32,
    pub landing_url: Option<String>,
    pub rules: Json<Rules>,
    pub demo: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A campaign's fields, as created or as changed (`None`: unchanged).
#[derive(Debug, Clone)]
pub struct CampaignFields {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub product_name: String,
    pub unit_cost: f64,
    pub shipping_cost: f64,
    pub retail_value: f64,
    pub currency: String,
    pub fee: Option<f64>,
    pub overdue_days: i32,
    pub landing_url: Option<String>,
    pub rules: Rules,
}

/// Who moved a creator to a stage.
#[derive(Debug, Clone, Copy)]
pub enum Actor {
    /// A member, by their account (their name is recorded with the move).
    Member(Uuid),
    /// zzyzx itself: `"post detection"`, say.
    System(&'static str),
}

/// What a shipment record holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Shipment {
    pub shipped_on: NaiveDate,
    pub units: i32,
    /// The shipment's own cost; the campaign's shipping cost when absent.
    pub cost: Option<f64>,
    pub carrier: Option<String>,
    pub tracking_url: Option<String>,
    pub delivered_on: Option<NaiveDate>,
}

/// A move of an entry to a stage, by someone, at a time.
#[derive(Debug, Clone)]
pub struct StageMove {
    pub stage: Stage,
    /// Recorded with the move when the entry has no shipment yet.
    pub shipment: Option<Shipment>,
    pub by: Actor,
    pub now: DateTime<Utc>,
}

/// A creator in a campaign, with its creator, their latest follower count and its posts.
#[derive(Debug, Clone)]
pub struct CampaignEntry {
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub stage: Stage,
    pub stage_changed_at: DateTime<Utc>,
    pub stage_changed_by: Option<String>,
    pub contact: String,
    pub contact_from_bio: bool,
    pub discount_code: Option<String>,
    pub fee: Option<f64>,
    pub clicks: Option<i64>,
    pub shipment: Option<Shipment>,
    /// The pre-campaign estimate, frozen when the creator joined and again when shipped.
    pub estimate: Option<serde_json::Value>,
    pub creator: Creator,
    pub followers: Option<i64>,
    /// Posts found or attached, dismissed ones not counted.
    pub posts: i64,
    pub first_post_at: Option<DateTime<Utc>>,
    pub history: Vec<StageEvent>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StageEvent {
    pub entry_id: Uuid,
    #[sqlx(try_from = "String")]
    pub stage: Stage,
    pub at: DateTime<Utc>,
    pub by_label: Option<String>,
}

/// What may change on an entry (`None`: unchanged; `Some(None)`: cleared).
#[derive(Debug, Clone, Default)]
pub struct EntryChange {
    pub contact: Option<String>,
    pub discount_code: Option<Option<String>>,
    pub fee: Option<Option<f64>>,
    pub clicks: Option<Option<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostStatus {
    Detected,
    Attached,
    Dismissed,
}

impl PostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Detected => "detected",
            PostStatus::Attached => "attached",
            PostStatus::Dismissed => "dismissed",
        }
    }
}

impl TryFrom<String> for PostStatus {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        [PostStatus::Detected, PostStatus::Attached, PostStatus::Dismissed]
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| format!("unknown post status {raw:?}"))
    }
}

/// A campaign post and, once fetched, its video.
#[derive(Debug, Clone)]
pub struct CampaignPost {
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub entry_id: Uuid,
    pub handle: String,
    pub platform_id: String,
    pub status: PostStatus,
    pub evidence: Evidence,
    pub detected_at: DateTime<Utc>,
    pub next_check_at: Option<DateTime<Utc>>,
    pub video: Option<VideoRow>,
}

/// A video of a creator in a running campaign, as detection reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateVideo {
    pub platform_id: String,
    pub posted_at: DateTime<Utc>,
    pub description: String,
    pub hashtags: Json<Vec<String>>,
}

/// A creator's place in one running campaign, for detection: posts after `since` count.
#[derive(Debug, Clone)]
pub struct DetectionTarget {
    pub entry_id: Uuid,
    pub campaign_id: Uuid,
    pub rules: Rules,
    /// The creator's ship date, else the campaign's start.
    pub since: DateTime<Utc>,
    /// Videos already known to the campaign (found, attached or dismissed).
    pub known: Vec<String>,
}

/// What detection needs about one creator.
#[derive(Debug, Clone, Default)]
pub struct CampaignWatch {
    pub targets: Vec<DetectionTarget>,
    pub videos: Vec<CandidateVideo>,
    /// The creator has posts whose checks are still scheduled.
    pub has_scheduled_posts: bool,
}

impl CampaignWatch {
    pub fn is_idle(&self) -> bool {
        self.targets.is_empty() && !self.has_scheduled_posts
    }
}

/// What detection reads about a creator in a campaign: its running campaigns' rules and its
/// posts. Read for a whole claimed batch at once, before the fetches.
#[derive(Debug, Clone, Default)]
pub struct DetectionInputs {
    pub targets: Vec<DetectionTarget>,
    pub posts: Vec<ScheduledPost>,
}

impl DetectionInputs {
    /// The posts among `videos` that the creator's running campaigns have not seen.
    pub fn find(&self, videos: &[CandidateVideo]) -> Vec<FoundPost> {
        find_posts(&self.targets, videos)
    }
}

/// One of a creator's campaign posts, as its schedule needs it.
#[derive(Debug, Clone)]
pub struct ScheduledPost {
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub platform_id: String,
    pub detected_at: DateTime<Utc>,
    pub posted_at: Option<DateTime<Utc>>,
    pub next_check_at: Option<DateTime<Utc>>,
}

/// A post detection found.
#[derive(Debug, Clone)]
pub struct FoundPost {
    pub entry_id: Uuid,
    pub campaign_id: Uuid,
    pub platform_id: String,
    pub evidence: Evidence,
}

/// Posts among `videos` that the targets' rules match, posted after each target's start and not
/// known to its campaign yet.
pub fn find_posts(targets: &[DetectionTarget], videos: &[CandidateVideo]) -> Vec<FoundPost> {
    let mut found = Vec::new();
    if targets.is_empty() {
        return found;
    }
    let captions: Vec<Caption> = videos.iter().map(|v| Caption::new(&v.description, &v.hashtags.0)).collect();
    for target in targets {
        let matcher = Matcher::new(&target.rules);
        let fresh = |(v, _): &(&CandidateVideo, &Caption)| {
            v.posted_at >= target.since && !target.known.contains(&v.platform_id)
        };
        for (video, caption) in videos.iter().zip(&captions).filter(fresh) {
            if let Some(evidence) = matcher.first_match(caption) {
                found.push(FoundPost {
                    entry_id: target.entry_id,
                    campaign_id: target.campaign_id,
                    platform_id: video.platform_id.clone(),
                    evidence,
                });
            }
        }
    }
    found
}

/// A post stored by detection: new, not seen before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedPost {
    pub post_id: Uuid,
    pub campaign_id: Uuid,
    pub entry_id: Uuid,
    pub platform_id: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Order {
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub entry_id: Uuid,
    pub handle: String,
    pub order_id: String,
    pub ordered_at: NaiveDate,
    pub code: Option<String>,
    pub utm: Option<String>,
    pub amount: f64,
    pub currency: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub id: Uuid,
    pub entry_id: Uuid,
    pub order_id: String,
    pub ordered_at: NaiveDate,
    pub code: Option<String>,
    pub utm: Option<String>,
    pub amount: f64,
    pub currency: String,
}

/// One point of a post's curve.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VideoPoint {
    pub captured_at: DateTime<Utc>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
}

/// How adding creators to a campaign went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    pub entry_ids: Vec<Uuid>,
    pub already_in: usize,
    /// Creators the workspace does not know; when there are any, nothing is added.
    pub unknown: Vec<Uuid>,
}

/// An entry's place, for counting a campaign's stages, posts and overdue creators.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryStatus {
    pub campaign_id: Uuid,
    #[sqlx(try_from = "String")]
    pub stage: Stage,
    pub shipped_on: Option<NaiveDate>,
    pub delivered_on: Option<NaiveDate>,
    pub posts: i64,
}

#[async_trait]
pub trait CampaignStore: Send + Sync {
    async fn create_campaign(
        &self,
        workspace_id: Uuid,
        id: Uuid,
        fields: CampaignFields,
        demo: bool,
        now: DateTime<Utc>,
    ) -> Result<Campaign>;
    /// Newest first.
    async fn campaigns(&self, workspace_id: Uuid) -> Result<Vec<Campaign>>;
    async fn campaign(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Campaign>;
    async fn update_campaign(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        fields: CampaignFields,
        now: DateTime<Utc>,
    ) -> Result<Campaign>;
    async fn delete_campaign(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<()>;
    /// Every entry of the workspace's campaigns, or of one of them, for their counts.
    async fn campaign_stage_counts(&self, workspace_id: Uuid, campaign_id: Option<Uuid>) -> Result<Vec<EntryStatus>>;

    /// Every entry of the campaign, with its stage history, in the order they joined.
    async fn campaign_entries(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Vec<CampaignEntry>>;
    async fn campaign_entry(&self, workspace_id: Uuid, campaign_id: Uuid, entry_id: Uuid) -> Result<CampaignEntry>;
    /// Adds creators the workspace knows as `shortlisted`, their contact taken from their bio;
    /// creators already in the campaign are counted, not added again.
    async fn add_campaign_creators(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        creator_ids: &[Uuid],
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<Added>;
    async fn update_campaign_entry(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        change: EntryChange,
        now: DateTime<Utc>,
    ) -> Result<CampaignEntry>;
    /// Moves an entry to `stage`, recording who and when (nothing happens if it is there
    /// already). `shipment` is recorded with the move when the entry has none.
    async fn move_campaign_entry(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        to: StageMove,
    ) -> Result<CampaignEntry>;
    /// Records a shipment; an entry not yet shipped moves to `shipped` (or `delivered`).
    async fn set_shipment(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        shipment: Shipment,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<CampaignEntry>;
    async fn set_entry_estimate(&self, entry_id: Uuid, estimate: serde_json::Value) -> Result<()>;
    async fn remove_campaign_entry(&self, workspace_id: Uuid, campaign_id: Uuid, entry_id: Uuid) -> Result<()>;

    /// Newest first, dismissed ones included.
    async fn campaign_posts(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Vec<CampaignPost>>;
    async fn campaign_post(&self, workspace_id: Uuid, campaign_id: Uuid, post_id: Uuid) -> Result<CampaignPost>;
    /// Attaches a video by hand (a dismissed one comes back as attached); the entry moves to
    /// `posted` when it was before it.
    async fn attach_campaign_post(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        platform_id: &str,
        by: Actor,
        now: DateTime<Utc>,
    ) -> Result<CampaignPost>;
    async fn dismiss_campaign_post(&self, workspace_id: Uuid, campaign_id: Uuid, post_id: Uuid)
    -> Result<CampaignPost>;
    async fn post_curve(&self, workspace_id: Uuid, campaign_id: Uuid, post_id: Uuid) -> Result<Vec<VideoPoint>>;

    /// What detection needs for a creator just fetched: its running campaigns and their videos.
    async fn campaign_watch(&self, creator_id: Uuid, now: DateTime<Utc>) -> Result<CampaignWatch>;
    /// Stores what detection found (a post already known is skipped), moves the entries to
    /// `posted`, and schedules the next checks of the creator's posts, pulling the creator's
    /// next fetch forward to the earliest. One transaction; safe to repeat.
    async fn record_detection(
        &self,
        creator_id: Uuid,
        found: &[FoundPost],
        now: DateTime<Utc>,
    ) -> Result<Vec<DetectedPost>>;

    async fn campaign_orders(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Vec<Order>>;
    /// Stores orders; an order id the campaign has already is skipped. Returns (written, skipped).
    async fn add_campaign_orders(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        orders: &[NewOrder],
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<(u64, u64)>;
    async fn delete_campaign_order(&self, workspace_id: Uuid, campaign_id: Uuid, order_id: Uuid) -> Result<()>;
}
