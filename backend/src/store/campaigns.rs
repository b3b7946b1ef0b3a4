//! Seeding campaigns: the campaign, its creators' pipeline (stages, shipments, contacts), the
//! posts found for it, and the orders it brought. Everything is reached through the workspace:
//! another workspace's campaign, entry, post or order is not found, exactly like a missing one.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::types::Json;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;
use uuid::Uuid;

use super::*;
use crate::domain::campaign::{Caption, MatcherSet};
use crate::domain::{Evidence, Rules, Stage, next_post_check};

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

/// A video's text as matching reads it, borrowed from wherever the video is.
#[derive(Debug, Clone, Copy)]
pub struct VideoText<'a> {
    pub platform_id: &'a str,
    pub posted_at: DateTime<Utc>,
    pub description: &'a str,
    pub hashtags: &'a [String],
}

impl CandidateVideo {
    pub fn text(&self) -> VideoText<'_> {
        VideoText {
            platform_id: &self.platform_id,
            posted_at: self.posted_at,
            description: &self.description,
            hashtags: &self.hashtags.0,
        }
    }
}

impl VideoText<'_> {
    /// A checksum of what the rules read (caption and hashtags), to tell an edited caption.
    fn checksum(&self) -> u32 {
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(self.description.as_bytes());
        for tag in self.hashtags {
            hasher.update(b"\x1f");
            hasher.update(tag.as_bytes());
        }
        hasher.finalize()
    }
}

/// A creator's place in one running campaign, for detection: posts after `since` count.
#[derive(Debug, Clone)]
pub struct DetectionTarget {
    pub entry_id: Uuid,
    pub campaign_id: Uuid,
    /// The rules of the campaigns read together (compiled once for every creator of a batch),
    /// and which of them are this campaign's.
    pub matchers: Arc<MatcherSet>,
    pub matcher: usize,
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
/// posts.
#[derive(Debug, Clone, Default)]
pub struct DetectionInputs {
    pub targets: Vec<DetectionTarget>,
    pub posts: Vec<ScheduledPost>,
}

/// What a claim reads about a creator in a campaign, in one row: a signature of its entries
/// that changes whenever what detection checks changes (an entry joins, moves or ships, a
/// campaign's rules or dates change), and its posts' next check.
#[derive(Debug, Clone)]
pub struct DetectionClaim {
    pub signature: String,
    pub next_check_at: Option<DateTime<Utc>>,
    /// What the creator's last refresh checked ([`FetchCheck::seen`] as stored), if anything.
    pub last_seen: Option<String>,
}

/// What detection makes of a fetch before reading anything more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchCheck {
    /// Indexes of the videos to match: new ones and edited ones, or all of them when the
    /// creator's entries changed since its last refresh (or it had none).
    pub fresh: Vec<usize>,
    /// Whether detection must read the creator's entries and posts: something is fresh, or a
    /// post check is due.
    pub needs_inputs: bool,
    /// What to store as checked for the next refresh: the signature, then each video's id
    /// with a checksum of its caption and hashtags; `None` when what is stored still holds.
    pub seen: Option<String>,
}

impl DetectionClaim {
    pub fn check(&self, videos: &[VideoText], now: DateTime<Utc>) -> FetchCheck {
        let checksums: Vec<u32> = videos.iter().map(VideoText::checksum).collect();
        let last = self.last_seen.as_deref().and_then(|seen| parse_seen(seen, &self.signature));
        let fresh: Vec<usize> = (0..videos.len())
            .filter(|&n| last.as_ref().is_none_or(|last| last.get(videos[n].platform_id) != Some(&checksums[n])))
            .collect();
        // With nothing fresh, what was stored still holds every video fetched.
        let seen = (last.is_none() || !fresh.is_empty()).then(|| {
            let mut seen = format!("{};", self.signature);
            for (n, (video, checksum)) in videos.iter().zip(&checksums).enumerate() {
                let comma = if n > 0 { "," } else { "" };
                let _ = write!(seen, "{comma}{}:{checksum:08x}", video.platform_id);
            }
            seen
        });
        let due = self.next_check_at.is_some_and(|at| at <= now);
        FetchCheck { needs_inputs: due || !fresh.is_empty(), fresh, seen }
    }
}

/// The videos a stored `detection_seen` lists with their caption checksums, when it was made
/// under the same signature. Anything unreadable counts as nothing seen (all is matched again).
fn parse_seen<'a>(seen: &'a str, signature: &str) -> Option<HashMap<&'a str, u32>> {
    let (made_under, videos) = seen.split_once(';')?;
    if made_under != signature {
        return None;
    }
    videos
        .split(',')
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let (id, checksum) = entry.rsplit_once(':')?;
            Some((id, u32::from_str_radix(checksum, 16).ok()?))
        })
        .collect()
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
/// known to its campaign yet. Each caption is screened once for all the rule sets it may match.
pub fn find_posts(targets: &[DetectionTarget], videos: &[VideoText]) -> Vec<FoundPost> {
    let mut found = Vec::new();
    let Some(earliest) = targets.iter().map(|t| t.since).min() else { return found };
    for video in videos.iter().filter(|v| v.posted_at >= earliest) {
        let caption = Caption::new(video.description, video.hashtags);
        // Screened per set of rules (the targets of a batch share one).
        let mut screened: Vec<(&Arc<MatcherSet>, Vec<bool>)> = Vec::new();
        for target in targets {
            if video.posted_at < target.since || target.known.iter().any(|known| known == video.platform_id) {
                continue;
            }
            let at = match screened.iter().position(|(set, _)| Arc::ptr_eq(set, &target.matchers)) {
                Some(at) => at,
                None => {
                    screened.push((&target.matchers, target.matchers.screen(&caption)));
                    screened.len() - 1
                }
            };
            if !screened[at].1[target.matcher] {
                continue;
            }
            if let Some(evidence) = target.matchers.matcher(target.matcher).first_match(&caption) {
                found.push(FoundPost {
                    entry_id: target.entry_id,
                    campaign_id: target.campaign_id,
                    platform_id: video.platform_id.to_owned(),
                    evidence,
                });
            }
        }
    }
    found
}

/// What detection writes for one creator after a fetch: the posts it found with their first
/// check, the due checks of its posts moved on, and the earliest check still to come.
#[derive(Debug, Clone, Default)]
pub struct DetectionWrites {
    pub found: Vec<(FoundPost, Option<DateTime<Utc>>)>,
    pub checks: Vec<(Uuid, Option<DateTime<Utc>>)>,
    pub earliest_check: Option<DateTime<Utc>>,
}

impl DetectionWrites {
    /// Plans the writes for `found` among `videos` (for their post dates) and the creator's
    /// scheduled posts; nothing is written when nothing is new or due.
    pub fn plan(inputs: &DetectionInputs, found: Vec<FoundPost>, videos: &[VideoText], now: DateTime<Utc>) -> Self {
        let posted_at = |platform_id: &str| videos.iter().find(|v| v.platform_id == platform_id).map(|v| v.posted_at);
        let checks: Vec<(Uuid, Option<DateTime<Utc>>)> = inputs
            .posts
            .iter()
            .filter(|p| p.next_check_at.is_some_and(|at| at <= now))
            .map(|p| (p.id, next_post_check(p.posted_at.unwrap_or(p.detected_at), now)))
            .collect();
        let found: Vec<(FoundPost, Option<DateTime<Utc>>)> = found
            .into_iter()
            .map(|post| {
                let next = next_post_check(posted_at(&post.platform_id).unwrap_or(now), now);
                (post, next)
            })
            .collect();
        let later = inputs.posts.iter().filter_map(|p| p.next_check_at).filter(|at| *at > now);
        let earliest_check =
            later.chain(checks.iter().filter_map(|c| c.1)).chain(found.iter().filter_map(|f| f.1)).min();
        DetectionWrites { found, checks, earliest_check }
    }
}

/// A post stored by detection: new, not seen before.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn video<'a>(id: &'a str, caption: &'a str, tags: &'a [String]) -> VideoText<'a> {
        VideoText { platform_id: id, posted_at: Utc::now(), description: caption, hashtags: tags }
    }

    fn claim(signature: &str, last_seen: Option<&str>) -> DetectionClaim {
        DetectionClaim { signature: signature.into(), next_check_at: None, last_seen: last_seen.map(str::to_owned) }
    }

    #[test]
    fn a_refresh_matches_only_videos_new_or_edited_since_the_last_under_the_same_entries() {
        let (tags, other_tags) = (vec!["ootd".to_string()], vec!["ootd".to_string(), "gifted".to_string()]);
        let now = Utc::now();
        let first = [video("1", "linen day", &tags), video("2", "gym", &tags)];
        let checked = claim("3.0.1.2", None).check(&first, now);
        assert_eq!((checked.fresh.as_slice(), checked.needs_inputs), (&[0, 1][..], true), "nothing was seen yet");
        let checked = checked.seen.unwrap();
        let parts: Vec<&str> = checked.split([';', ',']).collect();
        assert_eq!((parts.len(), parts[0]), (3, "3.0.1.2"), "{checked}");
        assert!(parts[1].starts_with("1:") && parts[2].starts_with("2:") && parts[1].len() == 10, "{checked}");

        let again = claim("3.0.1.2", Some(&checked)).check(&first, now);
        assert_eq!(
            (again.fresh.as_slice(), again.needs_inputs, again.seen),
            (&[][..], false, None),
            "nothing to store"
        );

        // A new video, an edited caption and new hashtags are fresh; the rest is not.
        let later = [video("3", "new", &tags), video("1", "linen day @sunnyco", &tags), video("2", "gym", &other_tags)];
        assert_eq!(claim("3.0.1.2", Some(&checked)).check(&later, now).fresh, [0, 1, 2]);
        let later = [video("3", "new", &tags), video("1", "linen day", &tags)];
        assert_eq!(claim("3.0.1.2", Some(&checked)).check(&later, now).fresh, [0]);

        // Entries that changed, or a record that cannot be read, match everything again.
        assert_eq!(claim("3.1.1.2", Some(&checked)).check(&first, now).fresh, [0, 1]);
        for garbled in ["", "3.0.1.2", "3.0.1.2;1:zz", "3.0.1.2;1"] {
            assert_eq!(claim("3.0.1.2", Some(garbled)).check(&first, now).fresh, [0, 1], "{garbled:?}");
        }

        // A post check that is due needs the inputs even with nothing fresh.
        let due =
            DetectionClaim { next_check_at: Some(now - Duration::minutes(1)), ..claim("3.0.1.2", Some(&checked)) };
        assert!(due.check(&first, now).needs_inputs);
        let later = DetectionClaim { next_check_at: Some(now + Duration::hours(1)), ..due };
        assert!(!later.check(&first, now).needs_inputs);
    }
}
