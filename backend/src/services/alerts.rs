//! Alerts: which facts a workspace wants told (its alert rules), and turning what the refresh
//! worker learns into events. Each event is recorded once per workspace by its key, so a re-run,
//! a crash or several workers never tell the same fact twice; the store queues its webhook
//! deliveries in the same transaction.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::VideoStats;
use zzyzx_analytics::alerts::{Fact, MILESTONES, Thresholds};

use super::analytics::{documents, video_stats};
use super::campaigns::is_overdue;
use super::workspace_settings::{self, WorkspaceDocument};
use super::{Result, ServiceError, Violation};
use crate::domain::Stage;
use crate::store::{CreatorScope, EventRow, NewEvent, PostsToTell, Store, StoreError, Watch, WorkspaceDocuments};

/// Days of history and of videos the detection reads per creator.
const HISTORY_DAYS: i64 = 32;
const VIDEO_DAYS: i64 = 90;

/// What zzyzx tells a workspace about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub enum EventType {
    /// A video at the viral multiple of the creator's median views or more.
    #[serde(rename = "video.viral")]
    VideoViral,
    /// The rising badge turned on.
    #[serde(rename = "creator.rising")]
    CreatorRising,
    /// Followers passed a milestone (10K, 25K, 50K, 100K, …).
    #[serde(rename = "creator.milestone")]
    CreatorMilestone,
    /// A one-day follower jump far above the usual, that no viral video explains.
    #[serde(rename = "creator.spike")]
    CreatorSpike,
    /// No new video for the dormant days.
    #[serde(rename = "creator.dormant")]
    CreatorDormant,
    /// The account was not found, turned private or was banned.
    #[serde(rename = "creator.unavailable")]
    CreatorUnavailable,
    /// A campaign post was found among a creator's videos.
    #[serde(rename = "campaign.post_detected")]
    CampaignPostDetected,
    /// A delivered creator has not posted within the campaign's overdue days.
    #[serde(rename = "campaign.overdue")]
    CampaignOverdue,
    /// The data source stopped (quota spent, credentials refused) until a time.
    #[serde(rename = "source.paused")]
    SourcePaused,
    /// A webhook endpoint failed for days and was turned off.
    #[serde(rename = "webhook.disabled")]
    WebhookDisabled,
}

impl EventType {
    pub const ALL: [EventType; 10] = [
        EventType::VideoViral,
        EventType::CreatorRising,
        EventType::CreatorMilestone,
        EventType::CreatorSpike,
        EventType::CreatorDormant,
        EventType::CreatorUnavailable,
        EventType::CampaignPostDetected,
        EventType::CampaignOverdue,
        EventType::SourcePaused,
        EventType::WebhookDisabled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::VideoViral => "video.viral",
            EventType::CreatorRising => "creator.rising",
            EventType::CreatorMilestone => "creator.milestone",
            EventType::CreatorSpike => "creator.spike",
            EventType::CreatorDormant => "creator.dormant",
            EventType::CreatorUnavailable => "creator.unavailable",
            EventType::CampaignPostDetected => "campaign.post_detected",
            EventType::CampaignOverdue => "campaign.overdue",
            EventType::SourcePaused => "source.paused",
            EventType::WebhookDisabled => "webhook.disabled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    fn of(fact: &Fact) -> Self {
        match fact {
            Fact::Viral { .. } => EventType::VideoViral,
            Fact::Rising { .. } => EventType::CreatorRising,
            Fact::Milestone { .. } => EventType::CreatorMilestone,
            Fact::Spike { .. } => EventType::CreatorSpike,
            Fact::Dormant { .. } => EventType::CreatorDormant,
        }
    }
}

/// What an event's subject is: a creator, a video of theirs, a campaign, or none (the source).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventSubject {
    pub creator_id: Option<Uuid>,
    pub handle: Option<String>,
    /// The TikTok id of the video the event is about.
    pub video_id: Option<String>,
    pub campaign_id: Option<Uuid>,
    pub campaign_name: Option<String>,
}

/// An event as the inbox, the API and webhooks show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventBody {
    pub id: Uuid,
    /// The event type (one of [`EventType`]).
    #[serde(rename = "type")]
    #[schema(value_type = EventType)]
    pub kind: String,
    pub workspace_id: Uuid,
    pub subject: EventSubject,
    /// When the fact happened, as far as zzyzx can tell (when it first saw it).
    pub occurred_at: DateTime<Utc>,
    /// When zzyzx recorded the event.
    pub recorded_at: DateTime<Utc>,
    /// The event in one sentence.
    pub sentence: String,
    /// The numbers behind it; their names depend on the type.
    #[schema(value_type = Object)]
    pub numbers: serde_json::Value,
    /// The data source the numbers came from, when they came from one.
    pub source: Option<String>,
    /// The numbers came from the demo source, not from TikTok.
    pub demo: bool,
}

impl From<EventRow> for EventBody {
    fn from(row: EventRow) -> Self {
        Self {
            id: row.id,
            kind: row.kind,
            workspace_id: row.workspace_id,
            subject: EventSubject {
                creator_id: row.creator_id,
                handle: row.handle,
                video_id: row.video_id,
                campaign_id: row.campaign_id,
                campaign_name: row.campaign_name,
            },
            occurred_at: row.occurred_at,
            recorded_at: row.created_at,
            sentence: row.sentence,
            numbers: row.data.0,
            demo: row.source.as_deref() == Some("demo"),
            source: row.source,
        }
    }
}

/// Which events a workspace records, about which creators, at which thresholds. Every field may
/// be left out of a request and takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AlertRules {
    /// The event types recorded (default: all). Webhooks and the digest see only these.
    #[schema(required = true, max_items = 10)]
    pub events: Vec<EventType>,
    /// Creator events only about creators in these lists or in `campaign_ids`; null: every creator
    /// in a list or campaign.
    #[schema(max_items = 100)]
    pub list_ids: Option<Vec<Uuid>>,
    /// Campaign events (and creator events of campaign creators) only for these campaigns; null:
    /// every campaign.
    #[schema(max_items = 100)]
    pub campaign_ids: Option<Vec<Uuid>>,
    /// A video is viral at this multiple of the creator's median views; null: the analytics
    /// settings' viral multiple.
    #[schema(exclusive_minimum = 1.0, maximum = 1000.0)]
    pub viral_multiple: Option<f64>,
    /// …with at least this many views (default 10,000).
    #[schema(required = true, minimum = 0, maximum = 1_000_000_000_000i64)]
    pub viral_min_views: i64,
    /// Follower counts that make a milestone (default 10K, 25K, 50K, 100K, 250K, 500K, 1M, 2.5M, 5M, 10M).
    #[schema(required = true, max_items = 30)]
    pub milestones: Vec<i64>,
    /// Days without a new video after which a creator is dormant (default 30).
    #[schema(required = true, minimum = 7, maximum = 365)]
    pub dormant_days: i64,
}

impl Default for AlertRules {
    fn default() -> Self {
        Self {
            events: EventType::ALL.to_vec(),
            list_ids: None,
            campaign_ids: None,
            viral_multiple: None,
            viral_min_views: 10_000,
            milestones: MILESTONES.to_vec(),
            dormant_days: 30,
        }
    }
}

impl AlertRules {
    pub fn wants(&self, kind: EventType) -> bool {
        self.events.contains(&kind)
    }

    /// Whether creator events about a creator watched through `watches` are told.
    fn covers(&self, watches: &[&Watch]) -> bool {
        watches.iter().any(|w| match (w.list_id, w.campaign_id) {
            (Some(list), _) => self.list_ids.as_ref().is_none_or(|ids| ids.contains(&list)),
            (None, Some(campaign)) => self.covers_campaign(campaign),
            (None, None) => false,
        })
    }

    fn covers_campaign(&self, campaign_id: Uuid) -> bool {
        self.campaign_ids.as_ref().is_none_or(|ids| ids.contains(&campaign_id))
    }

    fn thresholds(&self, settings: &zzyzx_analytics::Settings) -> Thresholds {
        let mut milestones = self.milestones.clone();
        milestones.sort_unstable();
        Thresholds {
            viral_multiple: self.viral_multiple.unwrap_or_else(|| settings.effective_viral_multiple()),
            viral_min_views: self.viral_min_views,
            milestones,
            dormant_days: self.dormant_days,
        }
    }
}

fn unique<T: Ord>(values: &[T]) -> bool {
    values.iter().collect::<BTreeSet<_>>().len() == values.len()
}

impl WorkspaceDocument for AlertRules {
    fn stored(documents: &WorkspaceDocuments) -> Option<&serde_json::Value> {
        documents.alert_rules.as_ref()
    }

    fn problems(&self) -> Result<(), Vec<(String, String)>> {
        let mut problems = Vec::new();
        let mut problem = |pointer: &str, message: &str| problems.push((pointer.to_owned(), message.to_owned()));
        if !unique(&self.events) {
            problem("/events", "names an event type twice");
        }
        if self.list_ids.as_ref().is_some_and(|ids| ids.len() > 100 || !unique(ids)) {
            problem("/list_ids", "must name at most 100 lists, each once");
        }
        if self.campaign_ids.as_ref().is_some_and(|ids| ids.len() > 100 || !unique(ids)) {
            problem("/campaign_ids", "must name at most 100 campaigns, each once");
        }
        if self.viral_multiple.is_some_and(|m| !m.is_finite() || m <= 1.0 || m > 1000.0) {
            problem("/viral_multiple", "must be above 1 and at most 1000");
        }
        if !(0..=1_000_000_000_000).contains(&self.viral_min_views) {
            problem("/viral_min_views", "must be between 0 and 1000000000000");
        }
        if self.milestones.len() > 30 || !unique(&self.milestones) {
            problem("/milestones", "must hold at most 30 follower counts, each once");
        }
        if self.milestones.iter().any(|m| !(1..=10_000_000_000).contains(m)) {
            problem("/milestones", "each must be between 1 and 10000000000");
        }
        if !(7..=365).contains(&self.dormant_days) {
            problem("/dormant_days", "must be between 7 and 365");
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }

    async fn save(store: &dyn Store, workspace_id: Uuid, value: &serde_json::Value) -> crate::store::Result<()> {
        store.put_alert_rules(workspace_id, value, Utc::now()).await
    }
}

/// Validates and saves a workspace's rules; the lists and campaigns they name must be its own.
pub async fn put_rules(store: &dyn Store, workspace_id: Uuid, rules: AlertRules) -> Result<AlertRules> {
    let mut problems: Vec<Violation> = match rules.problems() {
        Ok(()) => Vec::new(),
        Err(problems) => problems.into_iter().map(|(pointer, detail)| Violation::body(pointer, detail)).collect(),
    };
    for (index, list_id) in rules.list_ids.iter().flatten().enumerate() {
        if matches!(store.list(workspace_id, *list_id).await, Err(StoreError::NotFound)) {
            problems.push(Violation::body(format!("/list_ids/{index}"), "no such list in this workspace"));
        }
    }
    for (index, campaign_id) in rules.campaign_ids.iter().flatten().enumerate() {
        if matches!(store.campaign(workspace_id, *campaign_id).await, Err(StoreError::NotFound)) {
            problems.push(Violation::body(format!("/campaign_ids/{index}"), "no such campaign in this workspace"));
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    workspace_settings::put(store, workspace_id, rules).await
}

/// A creator the worker has just fetched, or found gone.
#[derive(Debug, Clone)]
pub struct Refreshed {
    pub creator_id: Uuid,
    pub handle: String,
    /// The source the numbers came from.
    pub source: &'static str,
    /// `not_found`, `private` or `banned` when the account turned unavailable in this fetch.
    pub turned_unavailable: Option<&'static str>,
    /// The videos just fetched (the newest ones, which are all the detection reads).
    pub videos: Vec<VideoStats>,
}

/// A creator's own videos among those fetched, as the analytics read them.
pub fn video_stats_of(handle: &str, videos: &[zzyzx_sources::Video]) -> Vec<VideoStats> {
    videos
        .iter()
        .filter(|v| v.author_handle == handle)
        .map(|v| VideoStats {
            id: v.platform_id.clone(),
            posted_at: v.posted_at,
            views: v.views,
            likes: v.likes,
            comments: v.comments,
            shares: v.shares,
            saves: v.saves,
            hashtags: v.hashtags.clone(),
            region: v.region.clone(),
        })
        .collect()
}

/// What [`after_refresh`] found.
#[derive(Debug, Default)]
pub struct AfterRefresh {
    /// New events recorded.
    pub recorded: usize,
    /// Creators rising in a workspace that watches them, whose refresh the worker brings forward.
    pub rising: Vec<Uuid>,
}

/// Detects and records the events about creators the worker has just refreshed, in every
/// workspace that watches them, with the campaign posts their refresh stored (`new_posts`), and
/// tells which of them are rising.
pub async fn after_refresh(
    store: &dyn Store,
    refreshed: &[Refreshed],
    new_posts: &[Uuid],
    now: DateTime<Utc>,
) -> Result<AfterRefresh> {
    if refreshed.is_empty() {
        return Ok(AfterRefresh::default());
    }
    let ids: Vec<Uuid> = refreshed.iter().map(|r| r.creator_id).collect();
    let watches = store.watches(&ids).await?;
    let mut by_workspace: HashMap<Uuid, HashMap<Uuid, Vec<&Watch>>> = HashMap::new();
    for watch in &watches {
        by_workspace.entry(watch.workspace_id).or_default().entry(watch.creator_id).or_default().push(watch);
    }
    // Only the posts just stored: one whose event was lost (a crash between the two) is told by
    // the next sweep (see `posts_sweep`).
    let posts = store.detected_posts(PostsToTell::Posts(new_posts)).await?;
    let mut events = Vec::new();
    let mut rising = Vec::new();
    for (workspace_id, creators) in by_workspace {
        let documents = store.workspace_documents(workspace_id).await?;
        let rules: AlertRules = workspace_settings::read(&documents);
        let watched: Vec<(&Refreshed, bool)> =
            refreshed.iter().filter_map(|r| creators.get(&r.creator_id).map(|w| (r, rules.covers(w)))).collect();
        let found = creator_events(store, workspace_id, &documents, &rules, &watched, now).await?;
        events.extend(found.0);
        rising.extend(found.1);
        events.extend(
            posts
                .iter()
                .filter(|p| p.workspace_id == workspace_id && rules.wants(EventType::CampaignPostDetected))
                .filter(|p| rules.covers_campaign(p.campaign_id))
                .map(|p| post_event(workspace_id, p)),
        );
    }
    rising.sort_unstable();
    rising.dedup();
    let recorded = store.record_events(&events, now).await?.len();
    Ok(AfterRefresh { recorded, rising })
}

/// The facts about the watched creators, as `workspace_id`'s events where its rules cover the
/// creator (`true` beside it); and which of them are rising.
async fn creator_events(
    store: &dyn Store,
    workspace_id: Uuid,
    docs: &WorkspaceDocuments,
    rules: &AlertRules,
    watched: &[(&Refreshed, bool)],
    now: DateTime<Utc>,
) -> Result<(Vec<NewEvent>, Vec<Uuid>)> {
    let mut events = Vec::new();
    for (creator, _) in watched.iter().filter(|(_, covered)| *covered) {
        if let Some(status) = creator.turned_unavailable.filter(|_| rules.wants(EventType::CreatorUnavailable)) {
            let wording = match status {
                "private" => "turned private",
                "banned" => "was banned",
                _ => "can no longer be found",
            };
            events.push(NewEvent {
                workspace_id,
                kind: EventType::CreatorUnavailable.as_str(),
                key: format!("creator.unavailable:{}:{status}:{}", creator.creator_id, now.date_naive()),
                creator_id: Some(creator.creator_id),
                campaign_id: None,
                video_id: None,
                occurred_at: now,
                sentence: format!("@{}'s account {wording}", creator.handle),
                data: serde_json::json!({ "status": status }),
                source: Some(creator.source.to_owned()),
            });
        }
    }
    // Facts are worked out for every fetched creator, told or not: the refresh cadence follows
    // whether they are rising.
    let fetched: Vec<&(&Refreshed, bool)> = watched.iter().filter(|(c, _)| c.turned_unavailable.is_none()).collect();
    if fetched.is_empty() {
        return Ok((events, Vec::new()));
    }
    let (settings, _) = documents(docs);
    let thresholds = rules.thresholds(&settings);
    // The history as the workspace sees it (its own points too); the videos as just fetched.
    let scope = CreatorScope::Some(fetched.iter().map(|(c, _)| c.creator_id).collect());
    let mut inputs = store.creator_inputs(workspace_id, scope, now - Duration::days(HISTORY_DAYS), None).await?;
    let mut rising = Vec::new();
    for (creator, covered) in fetched {
        let Some(inputs) = inputs.remove(&creator.creator_id) else { continue };
        let history = zzyzx_analytics::daily_from_snapshots(&inputs.snapshots);
        let today = now.date_naive();
        let (facts, is_rising) =
            zzyzx_analytics::alerts::detect_with_rising(&history, &creator.videos, today, now, &settings, &thresholds);
        if is_rising {
            rising.push(creator.creator_id);
        }
        let told = facts.into_iter().filter(|f| *covered && rules.wants(EventType::of(f)));
        events.extend(told.map(|fact| fact_event(workspace_id, creator, fact, now)));
    }
    Ok((events, rising))
}

/// A fact about a creator as `workspace_id`'s event, known at `at`.
fn fact_event(workspace_id: Uuid, creator: &Refreshed, fact: Fact, at: DateTime<Utc>) -> NewEvent {
    let kind = EventType::of(&fact);
    let key = match &fact {
        Fact::Rising { .. } => format!("{}:{}:{}", kind.as_str(), creator.creator_id, at.date_naive()),
        _ => format!("{}:{}:{}", kind.as_str(), creator.creator_id, fact.key()),
    };
    NewEvent {
        workspace_id,
        kind: kind.as_str(),
        key,
        creator_id: Some(creator.creator_id),
        campaign_id: None,
        video_id: match &fact {
            Fact::Viral { video_id, .. } => Some(video_id.clone()),
            _ => None,
        },
        occurred_at: at,
        sentence: fact.sentence(&creator.handle),
        data: serde_json::to_value(&fact).unwrap_or_default(),
        source: Some(creator.source.to_owned()),
    }
}

fn post_event(workspace_id: Uuid, post: &crate::store::PostNews) -> NewEvent {
    NewEvent {
        workspace_id,
        kind: EventType::CampaignPostDetected.as_str(),
        key: format!("campaign.post_detected:{}", post.post_id),
        creator_id: Some(post.creator_id),
        campaign_id: Some(post.campaign_id),
        video_id: Some(post.platform_id.clone()),
        occurred_at: post.detected_at,
        sentence: format!(
            "@{} posted for {}: the video matched the {} rule on “{}”",
            post.handle,
            post.campaign_name,
            post.rule.replace('_', " "),
            post.matched
        ),
        data: serde_json::json!({ "post_id": post.post_id, "rule": post.rule, "matched": post.matched }),
        source: post.demo.then(|| "demo".to_owned()),
    }
}

/// About when a fact became true: a video is judged two days after it is posted.
fn became_true(fact: &Fact, dormant_days: i64) -> DateTime<Utc> {
    let midnight = |date: chrono::NaiveDate| date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    match fact {
        Fact::Viral { posted_at, .. } => *posted_at + zzyzx_analytics::MATURE_AFTER,
        Fact::Milestone { reached_on, .. } => midnight(*reached_on),
        Fact::Spike { date, .. } => midnight(*date),
        Fact::Dormant { last_posted_at, .. } => *last_posted_at + Duration::days(dormant_days),
        Fact::Rising { .. } => DateTime::<Utc>::MAX_UTC,
    }
}

/// The events a daily refresh would have recorded in the workspace over the last `days` days,
/// each at the time it would have been found: the demo workspace's week of news.
pub async fn replay(
    store: &dyn Store,
    workspace_id: Uuid,
    creators: &[Refreshed],
    days: i64,
    now: DateTime<Utc>,
) -> Result<usize> {
    let docs = store.workspace_documents(workspace_id).await?;
    let rules: AlertRules = workspace_settings::read(&docs);
    let (settings, _) = documents(&docs);
    let thresholds = rules.thresholds(&settings);
    let scope = CreatorScope::Some(creators.iter().map(|c| c.creator_id).collect());
    let since = now - Duration::days(days);
    let mut inputs = store
        .creator_inputs(
            workspace_id,
            scope,
            since - Duration::days(HISTORY_DAYS),
            Some(since - Duration::days(VIDEO_DAYS)),
        )
        .await?;
    let mut recorded = 0;
    for day in (1..=days).rev() {
        // The morning refresh of that day.
        let at = now - Duration::days(day);
        let mut events = Vec::new();
        for creator in creators {
            let Some(inputs) = inputs.get_mut(&creator.creator_id) else { continue };
            let snapshots: Vec<_> = inputs.snapshots.iter().filter(|s| s.0 <= at).copied().collect();
            let videos: Vec<_> = inputs.videos.iter().filter(|v| v.posted_at <= at).cloned().collect();
            let history = zzyzx_analytics::daily_from_snapshots(&snapshots);
            let facts = zzyzx_analytics::alerts::detect(
                &history,
                &video_stats(&videos),
                at.date_naive(),
                at,
                &settings,
                &thresholds,
            );
            // Only what became true that day: the first day would otherwise tell a month at once.
            let fresh = |fact: &Fact| became_true(fact, thresholds.dormant_days) > at - Duration::days(1);
            let wanted = facts.into_iter().filter(|f| rules.wants(EventType::of(f)) && fresh(f));
            events.extend(wanted.map(|fact| fact_event(workspace_id, creator, fact, at)));
        }
        recorded += store.record_events(&events, at).await?.len();
    }
    let ids: Vec<Uuid> = creators.iter().map(|c| c.creator_id).collect();
    let posts: Vec<NewEvent> = store
        .detected_posts(PostsToTell::OfCreatorsSince(&ids, since))
        .await?
        .iter()
        .filter(|p| p.workspace_id == workspace_id)
        .map(|p| post_event(workspace_id, p))
        .collect();
    for post in posts {
        recorded += store.record_events(std::slice::from_ref(&post), post.occurred_at).await?.len();
    }
    Ok(recorded)
}

/// Tells every workspace that watches a creator that the source stopped until `until`.
pub async fn source_paused(
    store: &dyn Store,
    source: &str,
    until: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut events = Vec::new();
    for workspace_id in store.watching_workspaces().await? {
        let rules: AlertRules = workspace_settings::get(store, workspace_id).await?;
        if !rules.wants(EventType::SourcePaused) {
            continue;
        }
        // Several workers meeting the same exhausted quota pause it once.
        let hour = until.format("%Y-%m-%dT%H");
        events.push(NewEvent {
            workspace_id,
            kind: EventType::SourcePaused.as_str(),
            key: format!("source.paused:{source}:{hour}"),
            creator_id: None,
            campaign_id: None,
            video_id: None,
            occurred_at: now,
            sentence: format!(
                "The {source} data source is paused until {}: {reason}",
                until.format("%-d %b %H:%M UTC")
            ),
            data: serde_json::json!({ "source": source, "until": until, "reason": reason }),
            source: Some(source.to_owned()),
        });
    }
    Ok(store.record_events(&events, now).await?.len())
}

/// Tells the campaign posts detected in the last two days that were not told yet: those whose
/// refresh was cut short between storing them and telling them, and those stored apart from a
/// refresh. Run with the overdue sweep, every few minutes.
pub async fn posts_sweep(store: &dyn Store, now: DateTime<Utc>) -> Result<usize> {
    let mut rules: HashMap<Uuid, AlertRules> = HashMap::new();
    let mut events = Vec::new();
    for post in store.detected_posts(PostsToTell::Since(now - Duration::days(2))).await? {
        if let Entry::Vacant(slot) = rules.entry(post.workspace_id) {
            slot.insert(workspace_settings::get(store, post.workspace_id).await?);
        }
        let rules = &rules[&post.workspace_id];
        if rules.wants(EventType::CampaignPostDetected) && rules.covers_campaign(post.campaign_id) {
            events.push(post_event(post.workspace_id, &post));
        }
    }
    Ok(store.record_events(&events, now).await?.len())
}

/// Records `campaign.overdue` for every shipped or delivered creator past their campaign's
/// overdue days without a post, once per shipment.
pub async fn overdue_sweep(store: &dyn Store, now: DateTime<Utc>) -> Result<usize> {
    let today = now.date_naive();
    let mut rules: HashMap<Uuid, AlertRules> = HashMap::new();
    let mut events = Vec::new();
    for entry in store.shipped_without_posts(today).await? {
        let Ok(stage) = Stage::try_from(entry.stage.clone()) else { continue };
        if !is_overdue(stage, entry.shipped_on, entry.delivered_on, 0, entry.overdue_days, today) {
            continue;
        }
        if let Entry::Vacant(slot) = rules.entry(entry.workspace_id) {
            slot.insert(workspace_settings::get(store, entry.workspace_id).await?);
        }
        let rules = &rules[&entry.workspace_id];
        if !rules.wants(EventType::CampaignOverdue) || !rules.covers_campaign(entry.campaign_id) {
            continue;
        }
        let Some(since) = entry.delivered_on.or(entry.shipped_on) else { continue };
        let how = if entry.delivered_on.is_some() { "delivery" } else { "shipping" };
        let days = (today - since).num_days();
        events.push(NewEvent {
            workspace_id: entry.workspace_id,
            kind: EventType::CampaignOverdue.as_str(),
            key: format!("campaign.overdue:{}:{since}", entry.entry_id),
            creator_id: Some(entry.creator_id),
            campaign_id: Some(entry.campaign_id),
            video_id: None,
            occurred_at: now,
            sentence: format!(
                "@{} has not posted for {} {days} days after {how} (the campaign allows {})",
                entry.handle, entry.campaign_name, entry.overdue_days
            ),
            data: serde_json::json!({
                "entry_id": entry.entry_id,
                "since": since,
                "days": days,
                "overdue_days": entry.overdue_days,
            }),
            source: entry.demo.then(|| "demo".to_owned()),
        });
    }
    Ok(store.record_events(&events, now).await?.len())
}
