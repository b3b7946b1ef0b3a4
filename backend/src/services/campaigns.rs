//! Seeding campaigns, from "whom to seed" to "what seeding returned": the campaign and its rules,
//! each creator's pipeline, the posts detection finds, the orders they bring, and the report that
//! sets the outcome beside the estimate made before.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;
use uuid::Uuid;
use zzyzx_analytics::campaign::{self as outcome, CampaignCosts, CampaignOutcome, EntryInput, OrderAmount, PostStats};

use super::analytics::Analytics;
use super::{Result, ServiceError, Violation, workspace_settings};
use crate::domain::text::{self, whitespace_class};
use crate::domain::{Handle, Rules, Stage};
use crate::import::orders::{self as order_csv, is_amount, is_currency};
use crate::store::{
    Actor, Added, Campaign, CampaignEntry, CampaignFields, CampaignPost, CandidateVideo, DetectedPost, EntryChange,
    EntryStatus, NewOrder, Order, Shipment, StageMove, Store, VideoPoint, VideoText, find_posts,
};

const MAX_NAME_CHARS: usize = 100;
const MAX_TEXT_CHARS: usize = 2000;
const DEFAULT_OVERDUE_DAYS: i32 = 14;
/// Bad or unmatched rows reported back at most.
const REPORTED_ROWS: usize = 100;

/// A campaign as it is created. Amounts are in `product.currency`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignInput {
    /// 1 to 100 characters, unique in the workspace.
    #[schema(min_length = 1, max_length = 100, format = "text-line", example = "Summer linen drop")]
    pub name: String,
    pub starts_on: NaiveDate,
    /// On or after `starts_on`.
    pub ends_on: NaiveDate,
    pub product: Product,
    /// Paid to each creator who agrees, unless their own fee is set.
    #[serde(default)]
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub fee: Option<f64>,
    /// A creator is overdue this many days after delivery (or shipping) without a post: 1 to 180, default 14.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 180)]
    pub overdue_days: Option<i32>,
    /// The shop page the creators' UTM links point to: an http(s) URL; blank means none.
    #[serde(default)]
    #[schema(max_length = 2000, format = "http-url-or-blank", example = "https://sunny.example/linen")]
    pub landing_url: Option<String>,
    #[serde(default)]
    pub rules: Rules,
}

/// A change to a campaign: the fields given replace the campaign's.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignPatch {
    #[schema(min_length = 1, max_length = 100, format = "text-line")]
    pub name: Option<String>,
    pub starts_on: Option<NaiveDate>,
    /// On or after `starts_on` (the one given, or the campaign's).
    pub ends_on: Option<NaiveDate>,
    pub product: Option<Product>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::present_or_null")]
    #[schema(value_type = Option<f64>, nullable, minimum = 0.0, maximum = 1_000_000_000.0)]
    pub fee: Option<Option<f64>>,
    #[schema(minimum = 1, maximum = 180)]
    pub overdue_days: Option<i32>,
    /// `null` or blank clears it.
    #[serde(default, deserialize_with = "super::present_or_null")]
    #[schema(value_type = Option<String>, nullable, max_length = 2000, format = "http-url-or-blank")]
    pub landing_url: Option<Option<String>>,
    pub rules: Option<Rules>,
}

/// What is sent to each creator, and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    #[schema(min_length = 1, max_length = 100, format = "text-line", example = "Linen shirt")]
    pub name: String,
    /// What one unit costs the brand.
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub unit_cost: f64,
    /// Sending one parcel, unless its shipment says otherwise.
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub shipping_cost: f64,
    /// What one unit sells for.
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub retail_value: f64,
    /// ISO 4217, three capital letters.
    #[schema(pattern = "^[A-Z]{3}$", example = "USD")]
    pub currency: String,
}

/// Where a campaign is in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Planned,
    Running,
    Finished,
}

/// How many creators are at each stage, and how many are overdue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct CampaignCounts {
    pub creators: usize,
    /// Posts found or attached, dismissed ones not counted.
    pub posts: i64,
    pub overdue: usize,
    /// Creators at each stage (every stage is present).
    pub stages: std::collections::BTreeMap<String, usize>,
}

/// A campaign with its counts.
pub struct CampaignView {
    pub campaign: Campaign,
    pub status: CampaignStatus,
    pub counts: CampaignCounts,
}

/// The pre-campaign estimate for a creator, frozen when they joined and again when shipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Estimate {
    /// `views.median.v1` at the time.
    pub expected_views: Option<f64>,
    /// `returns.orders.v1` at the time.
    pub expected_orders: Option<f64>,
    pub fair_price_low: Option<f64>,
    pub fair_price_high: Option<f64>,
    /// Currency of the fair price: the workspace's at the time.
    pub currency: String,
    /// Videos behind the expected views.
    pub sample_size: usize,
    pub computed_at: DateTime<Utc>,
}

/// Where creators come from when they join a campaign.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddCreators {
    /// Creators the workspace knows (from search, rising, hashtags, a dashboard).
    #[serde(default)]
    #[schema(max_items = 1000)]
    pub creator_ids: Vec<Uuid>,
    /// Every creator of this list.
    #[serde(default)]
    pub list_id: Option<Uuid>,
    /// Handles; unknown creators are created and tracked.
    #[serde(default)]
    #[schema(max_items = 1000, max_length = 200, format = "handle")]
    pub handles: Vec<String>,
}

/// A shipment as entered.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipmentInput {
    pub shipped_on: NaiveDate,
    /// At least 1.
    #[schema(minimum = 1, maximum = 1000)]
    pub units: i32,
    /// This parcel's shipping cost; the campaign's when absent.
    #[serde(default)]
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub cost: Option<f64>,
    /// Up to 100 characters; blank means none.
    #[serde(default)]
    #[schema(max_length = 100)]
    pub carrier: Option<String>,
    /// An http(s) URL; blank means none.
    #[serde(default)]
    #[schema(max_length = 2000, format = "http-url-or-blank")]
    pub tracking_url: Option<String>,
    /// On or after `shipped_on`.
    #[serde(default)]
    pub delivered_on: Option<NaiveDate>,
}

/// An order entered by hand.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    /// The shop's order id: an order id is counted once per campaign. Up to 200 characters, not blank.
    #[schema(min_length = 1, max_length = 200, format = "non-blank")]
    pub order_id: String,
    pub ordered_at: NaiveDate,
    /// The campaign creator (entry) the order is credited to.
    pub entry_id: Uuid,
    #[schema(minimum = 0.0, maximum = 1_000_000_000.0)]
    pub amount: f64,
    /// ISO 4217, three capital letters.
    #[schema(pattern = "^[A-Z]{3}$", example = "USD")]
    pub currency: String,
}

/// How an order import went.
pub struct OrderImport {
    pub rows_written: u64,
    /// Orders the campaign had already (by order id).
    pub duplicates: u64,
    pub rows_rejected: usize,
    pub errors: Vec<Violation>,
    /// Rows whose code or UTM value names no creator of the campaign: (line, value).
    pub unmatched: Vec<(u64, String)>,
}

/// A campaign's report.
pub struct Report {
    pub view: CampaignView,
    pub entries: Vec<CampaignEntry>,
    pub outcome: CampaignOutcome,
    pub computed_at: DateTime<Utc>,
}

pub struct Campaigns<'a> {
    pub store: &'a dyn Store,
    pub analytics: Analytics<'a>,
}

/// Where the campaign is in time on `today`.
pub fn status(campaign: &Campaign, today: NaiveDate) -> CampaignStatus {
    if today < campaign.starts_on {
        CampaignStatus::Planned
    } else if today > campaign.ends_on {
        CampaignStatus::Finished
    } else {
        CampaignStatus::Running
    }
}

/// Shipped (or delivered) `overdue_days` ago or more, and no post yet.
pub fn is_overdue(
    stage: Stage,
    shipped_on: Option<NaiveDate>,
    delivered_on: Option<NaiveDate>,
    posts: i64,
    overdue_days: i32,
    today: NaiveDate,
) -> bool {
    let since = delivered_on.or(shipped_on);
    matches!(stage, Stage::Shipped | Stage::Delivered)
        && posts == 0
        && since.is_some_and(|since| (today - since).num_days() >= i64::from(overdue_days))
}

fn counts(campaign: &Campaign, entries: &[&EntryStatus], today: NaiveDate) -> CampaignCounts {
    let mut stages: std::collections::BTreeMap<String, usize> =
        Stage::ALL.iter().map(|s| (s.as_str().to_owned(), 0)).collect();
    for entry in entries {
        *stages.entry(entry.stage.as_str().to_owned()).or_default() += 1;
    }
    CampaignCounts {
        creators: entries.len(),
        posts: entries.iter().map(|e| e.posts).sum(),
        overdue: entries
            .iter()
            .filter(|e| is_overdue(e.stage, e.shipped_on, e.delivered_on, e.posts, campaign.overdue_days, today))
            .count(),
        stages,
    }
}

/// The campaign's link for one creator: the landing page with UTM parameters naming them.
pub fn utm_link(campaign: &Campaign, handle: &str) -> Option<String> {
    let mut url = url::Url::parse(campaign.landing_url.as_deref()?).ok()?;
    let slug: String = campaign
        .name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    url.query_pairs_mut()
        .append_pair("utm_source", "tiktok")
        .append_pair("utm_medium", "creator")
        .append_pair("utm_campaign", &slug)
        .append_pair("utm_content", handle);
    Some(url.into())
}

/// After a creator's fetch: finds and stores its new campaign posts, and schedules the checks of
/// its posts. Cheap when the creator is in no campaign (one indexed read).
pub async fn detect(store: &dyn Store, creator_id: Uuid, now: DateTime<Utc>) -> Result<Vec<DetectedPost>> {
    let watch = store.campaign_watch(creator_id, now).await?;
    if watch.is_idle() {
        return Ok(Vec::new());
    }
    let videos: Vec<VideoText> = watch.videos.iter().map(CandidateVideo::text).collect();
    Ok(store.record_detection(creator_id, &find_posts(&watch.targets, &videos), now).await?)
}

/// An http(s) URL as entered (before trimming), or nothing but whitespace, as a JSON Schema
/// pattern; [`is_http_url`] also wants the URL to parse with a host.
pub const HTTP_URL_OR_BLANK_PATTERN: &str =
    concat!("^", whitespace_class!(), r"*(?:[Hh][Tt][Tt][Pp][Ss]?://\S+)?", whitespace_class!(), "*$");

/// A TikTok video URL as [`parse_video_url`] takes it, as a JSON Schema pattern.
pub const VIDEO_URL_PATTERN: &str = concat!(
    "^",
    whitespace_class!(),
    r"*https?://(?:www\.|m\.)?tiktok\.com/@[A-Za-z0-9_.]{1,23}[A-Za-z0-9_]/video/[0-9]{1,25}(?:[/?#]\S*)?",
    whitespace_class!(),
    "*$"
);

/// An http or https URL with a host, spelled out (`http://` or `https://`, no whitespace): the
/// parser alone would also take `http:/shop.example`.
fn is_http_url(raw: &str) -> bool {
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !raw.chars().any(char::is_whitespace)
        && url::Url::parse(raw).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

fn check_money(errors: &mut Vec<Violation>, pointer: &str, amount: f64) {
    if !is_amount(amount) {
        errors.push(Violation::body(pointer, "must be an amount from 0 to 1000000000"));
    }
}

/// The campaign's fields, or every problem with them.
fn validate(input: CampaignInput) -> Result<CampaignFields> {
    let mut errors = Vec::new();
    let name = text::clean(&input.name, 1, MAX_NAME_CHARS, false)
        .map_err(|e| errors.push(Violation::body("/name", e)))
        .unwrap_or_default();
    if input.ends_on < input.starts_on {
        errors.push(Violation::body("/ends_on", "must not be before starts_on"));
    }
    let product = &input.product;
    let product_name = text::clean(&product.name, 1, MAX_NAME_CHARS, false)
        .map_err(|e| errors.push(Violation::body("/product/name", e)))
        .unwrap_or_default();
    check_money(&mut errors, "/product/unit_cost", product.unit_cost);
    check_money(&mut errors, "/product/shipping_cost", product.shipping_cost);
    check_money(&mut errors, "/product/retail_value", product.retail_value);
    if !is_currency(&product.currency) {
        errors
            .push(Violation::body("/product/currency", "must be an ISO 4217 code of three capital letters, like USD"));
    }
    if let Some(fee) = input.fee {
        check_money(&mut errors, "/fee", fee);
    }
    let overdue_days = input.overdue_days.unwrap_or(DEFAULT_OVERDUE_DAYS);
    if !(1..=180).contains(&overdue_days) {
        errors.push(Violation::body("/overdue_days", "must be from 1 to 180 days"));
    }
    let too_long = longer_than(input.landing_url.as_deref(), MAX_TEXT_CHARS);
    let landing_url = text_or_none(input.landing_url);
    if too_long || landing_url.as_deref().is_some_and(|u| !is_http_url(u)) {
        errors.push(Violation::body("/landing_url", "must be an http or https URL"));
    }
    let rules = match input.rules.normalized() {
        Ok(rules) => Some(rules),
        Err(problems) => {
            errors.extend(problems.into_iter().map(|(pointer, message)| Violation::body(pointer, message)));
            None
        }
    };
    match rules {
        Some(rules) if errors.is_empty() => Ok(CampaignFields {
            name,
            starts_on: input.starts_on,
            ends_on: input.ends_on,
            product_name,
            unit_cost: product.unit_cost,
            shipping_cost: product.shipping_cost,
            retail_value: product.retail_value,
            currency: product.currency.clone(),
            fee: input.fee,
            overdue_days,
            landing_url,
            rules,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// `https://www.tiktok.com/@handle/video/123…` → (handle, video id).
fn parse_video_url(raw: &str) -> Option<(Handle, String)> {
    let url = url::Url::parse(raw.trim()).ok()?;
    let host = url.host_str()?;
    if !matches!(host, "tiktok.com" | "www.tiktok.com" | "m.tiktok.com") {
        return None;
    }
    let mut segments = url.path_segments()?;
    let handle = Handle::parse(segments.next()?.strip_prefix('@')?).ok()?;
    if segments.next()? != "video" {
        return None;
    }
    let id = segments.next()?;
    (!id.is_empty() && id.len() <= 25 && id.bytes().all(|b| b.is_ascii_digit())).then(|| (handle, id.to_owned()))
}

fn text_or_none(raw: Option<String>) -> Option<String> {
    raw.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Longer than `max` characters as sent, before trimming (as JSON Schema's `maxLength` counts).
fn longer_than(raw: Option<&str>, max: usize) -> bool {
    raw.is_some_and(|raw| raw.chars().count() > max)
}

impl Campaigns<'_> {
    async fn view(&self, campaign: Campaign) -> Result<CampaignView> {
        let today = Utc::now().date_naive();
        let statuses = self.store.campaign_stage_counts(campaign.workspace_id, Some(campaign.id)).await?;
        let own: Vec<&EntryStatus> = statuses.iter().collect();
        Ok(CampaignView { status: status(&campaign, today), counts: counts(&campaign, &own, today), campaign })
    }

    pub async fn list(&self, workspace_id: Uuid) -> Result<Vec<CampaignView>> {
        let today = Utc::now().date_naive();
        let campaigns = self.store.campaigns(workspace_id).await?;
        let statuses = self.store.campaign_stage_counts(workspace_id, None).await?;
        Ok(campaigns
            .into_iter()
            .map(|campaign| {
                let own: Vec<&EntryStatus> = statuses.iter().filter(|e| e.campaign_id == campaign.id).collect();
                CampaignView { status: status(&campaign, today), counts: counts(&campaign, &own, today), campaign }
            })
            .collect())
    }

    pub async fn get(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<CampaignView> {
        self.view(self.store.campaign(workspace_id, campaign_id).await?).await
    }

    pub async fn create(&self, workspace_id: Uuid, input: CampaignInput, demo: bool) -> Result<CampaignView> {
        let fields = validate(input)?;
        let campaign = self.store.create_campaign(workspace_id, Uuid::now_v7(), fields, demo, Utc::now()).await?;
        self.view(campaign).await
    }

    pub async fn update(&self, workspace_id: Uuid, campaign_id: Uuid, patch: CampaignPatch) -> Result<CampaignView> {
        let current = self.store.campaign(workspace_id, campaign_id).await?;
        let input = CampaignInput {
            name: patch.name.unwrap_or(current.name),
            starts_on: patch.starts_on.unwrap_or(current.starts_on),
            ends_on: patch.ends_on.unwrap_or(current.ends_on),
            product: patch.product.unwrap_or(Product {
                name: current.product_name,
                unit_cost: current.unit_cost,
                shipping_cost: current.shipping_cost,
                retail_value: current.retail_value,
                currency: current.currency,
            }),
            fee: patch.fee.unwrap_or(current.fee),
            overdue_days: Some(patch.overdue_days.unwrap_or(current.overdue_days)),
            landing_url: patch.landing_url.unwrap_or(current.landing_url),
            rules: patch.rules.unwrap_or(current.rules.0),
        };
        let fields = validate(input)?;
        let campaign = self.store.update_campaign(workspace_id, campaign_id, fields, Utc::now()).await?;
        self.view(campaign).await
    }

    /// Adds creators from ids, a list and handles, all or none.
    pub async fn add_creators(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        add: AddCreators,
        by: Actor,
    ) -> Result<Added> {
        self.store.campaign(workspace_id, campaign_id).await?;
        let now = Utc::now();
        let mut errors = Vec::new();
        let mut handles = Vec::new();
        for (i, raw) in add.handles.iter().enumerate() {
            match Handle::parse(raw) {
                Ok(handle) => handles.push(handle.as_ref().to_owned()),
                Err(error) => errors.push(Violation::body(format!("/handles/{i}"), error)),
            }
        }
        if add.creator_ids.len() + add.handles.len() > crate::store::MAX_CAMPAIGN_CREATORS as usize {
            errors.push(Violation::body("/creator_ids", "at most 1000 creators at once"));
        }
        if add.creator_ids.is_empty() && add.handles.is_empty() && add.list_id.is_none() {
            errors.push(Violation::body("", "name creators: creator_ids, list_id or handles"));
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let mut creator_ids = add.creator_ids.clone();
        if let Some(list_id) = add.list_id {
            let (_, items) = self.store.list_items(workspace_id, list_id, 0, i64::from(u16::MAX)).await.map_err(
                |error| match error {
                    crate::store::StoreError::NotFound => {
                        ServiceError::invalid("/list_id", "is not a list of this workspace")
                    }
                    other => other.into(),
                },
            )?;
            creator_ids.extend(items.iter().map(|item| item.creator.id));
        }
        if !handles.is_empty() {
            let known = self.store.track_creators(workspace_id, &handles, "campaign", now).await?;
            creator_ids.extend(known.into_values());
        }
        let added = self.store.add_campaign_creators(workspace_id, campaign_id, &creator_ids, by, now).await?;
        if !added.unknown.is_empty() {
            let errors = add
                .creator_ids
                .iter()
                .enumerate()
                .filter(|(_, id)| added.unknown.contains(id))
                .map(|(i, _)| Violation::body(format!("/creator_ids/{i}"), "is not a creator this workspace knows"))
                .collect();
            return Err(ServiceError::Invalid(errors));
        }
        let entries = self.store.campaign_entries(workspace_id, campaign_id).await?;
        for entry in entries.iter().filter(|e| added.entry_ids.contains(&e.id)) {
            self.freeze_estimate(workspace_id, entry).await?;
        }
        Ok(added)
    }

    /// Stores the creator's estimate as it stands now.
    async fn freeze_estimate(&self, workspace_id: Uuid, entry: &CampaignEntry) -> Result<()> {
        let report = self.analytics.creator(workspace_id, entry.creator.id).await?;
        let returns = &report.analytics.returns;
        let price = &report.analytics.fair_price;
        let estimate = Estimate {
            expected_views: returns.expected_views.value,
            expected_orders: returns.expected_orders.value,
            fair_price_low: price.price.value.as_ref().map(|p| p.low),
            fair_price_high: price.price.value.as_ref().map(|p| p.high),
            currency: returns.currency.clone(),
            sample_size: returns.expected_views.sample_size,
            computed_at: report.computed_at,
        };
        let value = serde_json::to_value(estimate).map_err(anyhow::Error::from)?;
        Ok(self.store.set_entry_estimate(entry.id, value).await?)
    }

    pub async fn update_entry(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        change: EntryChange,
    ) -> Result<CampaignEntry> {
        let mut errors = Vec::new();
        if change.contact.as_ref().is_some_and(|c| c.chars().count() > MAX_TEXT_CHARS) {
            errors.push(Violation::body("/contact", "must be at most 2000 characters"));
        }
        if let Some(Some(code)) = &change.discount_code {
            let valid = (1..=50).contains(&code.len())
                && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                errors.push(Violation::body("/discount_code", "must be 1 to 50 letters, digits, '-' or '_'"));
            }
        }
        if let Some(Some(fee)) = change.fee {
            check_money(&mut errors, "/fee", fee);
        }
        if change.clicks.flatten().is_some_and(|c| c < 0) {
            errors.push(Violation::body("/clicks", "must not be negative"));
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        Ok(self.store.update_campaign_entry(workspace_id, campaign_id, entry_id, change, Utc::now()).await?)
    }

    /// Moves a creator to a stage. Moving to `shipped` without a shipment records one (today, one
    /// unit, the campaign's shipping cost), and freezes the estimate as it stands.
    pub async fn move_entry(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        stage: Stage,
        by: Actor,
    ) -> Result<CampaignEntry> {
        let now = Utc::now();
        let shipment = (stage == Stage::Shipped).then(|| Shipment {
            shipped_on: now.date_naive(),
            units: 1,
            cost: None,
            carrier: None,
            tracking_url: None,
            delivered_on: None,
        });
        let to = StageMove { stage, shipment, by, now };
        let entry = self.store.move_campaign_entry(workspace_id, campaign_id, entry_id, to).await?;
        if stage == Stage::Shipped {
            self.freeze_estimate(workspace_id, &entry).await?;
        }
        Ok(entry)
    }

    pub async fn set_shipment(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        entry_id: Uuid,
        input: ShipmentInput,
        by: Actor,
    ) -> Result<CampaignEntry> {
        let mut errors = Vec::new();
        if !(1..=1000).contains(&input.units) {
            errors.push(Violation::body("/units", "must be from 1 to 1000"));
        }
        if let Some(cost) = input.cost {
            check_money(&mut errors, "/cost", cost);
        }
        if input.delivered_on.is_some_and(|d| d < input.shipped_on) {
            errors.push(Violation::body("/delivered_on", "must not be before shipped_on"));
        }
        if longer_than(input.carrier.as_deref(), MAX_NAME_CHARS) {
            errors.push(Violation::body("/carrier", "must be at most 100 characters"));
        }
        let carrier = text_or_none(input.carrier);
        let too_long = longer_than(input.tracking_url.as_deref(), MAX_TEXT_CHARS);
        let tracking_url = text_or_none(input.tracking_url);
        if too_long || tracking_url.as_deref().is_some_and(|u| !is_http_url(u)) {
            errors.push(Violation::body("/tracking_url", "must be an http or https URL"));
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let shipment = Shipment {
            shipped_on: input.shipped_on,
            units: input.units,
            cost: input.cost,
            carrier,
            tracking_url,
            delivered_on: input.delivered_on,
        };
        let before = self.store.campaign_entry(workspace_id, campaign_id, entry_id).await?;
        let entry = self.store.set_shipment(workspace_id, campaign_id, entry_id, shipment, by, Utc::now()).await?;
        if before.shipment.is_none() {
            self.freeze_estimate(workspace_id, &entry).await?;
        }
        Ok(entry)
    }

    /// Attaches a video by its TikTok URL to its creator in the campaign.
    pub async fn attach_post(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        video_url: &str,
        by: Actor,
    ) -> Result<CampaignPost> {
        let (handle, platform_id) = parse_video_url(video_url).ok_or_else(|| {
            ServiceError::invalid(
                "/video_url",
                "must be a TikTok video URL such as https://www.tiktok.com/@name/video/123",
            )
        })?;
        let entries = self.store.campaign_entries(workspace_id, campaign_id).await?;
        let entry = entries.iter().find(|e| e.creator.handle == handle.as_ref()).ok_or_else(|| {
            ServiceError::invalid("/video_url", format!("@{} is not a creator of this campaign", handle.as_ref()))
        })?;
        Ok(self.store.attach_campaign_post(workspace_id, campaign_id, entry.id, &platform_id, by, Utc::now()).await?)
    }

    pub async fn curve(&self, workspace_id: Uuid, campaign_id: Uuid, post_id: Uuid) -> Result<Vec<VideoPoint>> {
        Ok(self.store.post_curve(workspace_id, campaign_id, post_id).await?)
    }

    pub async fn add_order(&self, workspace_id: Uuid, campaign_id: Uuid, input: OrderInput) -> Result<Order> {
        let mut errors = Vec::new();
        let order_id = input.order_id.trim().to_owned();
        if order_id.is_empty() || input.order_id.chars().count() > 200 {
            errors.push(Violation::body("/order_id", "must be 1 to 200 characters"));
        }
        check_money(&mut errors, "/amount", input.amount);
        if !is_currency(&input.currency) {
            errors.push(Violation::body("/currency", "must be an ISO 4217 code of three capital letters, like USD"));
        }
        let entries = self.store.campaign_entries(workspace_id, campaign_id).await?;
        if !entries.iter().any(|e| e.id == input.entry_id) {
            errors.push(Violation::body("/entry_id", "is not a creator of this campaign"));
        }
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let id = Uuid::now_v7();
        let order = NewOrder {
            id,
            entry_id: input.entry_id,
            order_id,
            ordered_at: input.ordered_at,
            code: None,
            utm: None,
            amount: input.amount,
            currency: input.currency,
        };
        let (written, _) =
            self.store.add_campaign_orders(workspace_id, campaign_id, &[order], "manual", Utc::now()).await?;
        if written == 0 {
            return Err(crate::store::StoreError::Conflict(crate::store::Conflict::DuplicateOrder).into());
        }
        let orders = self.store.campaign_orders(workspace_id, campaign_id).await?;
        orders.into_iter().find(|o| o.id == id).ok_or_else(|| crate::store::StoreError::NotFound.into())
    }

    /// Imports a shop's order export. Codes map to creators' discount codes and UTM values to
    /// their handles, case-insensitively. With `partial`, good rows are written and the rest
    /// reported; without, any bad or unmatched row rejects the file.
    pub async fn import_orders(
        &self,
        workspace_id: Uuid,
        campaign_id: Uuid,
        file: impl AsRef<[u8]> + Send + 'static,
        partial: bool,
    ) -> Result<OrderImport> {
        let entries = self.store.campaign_entries(workspace_id, campaign_id).await?;
        let parsed = tokio::task::spawn_blocking(move || order_csv::parse_csv(file.as_ref()))
            .await
            .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("order import parsing failed: {e}")))?;
        let by_code: HashMap<String, Uuid> =
            entries.iter().filter_map(|e| e.discount_code.as_ref().map(|code| (code.to_uppercase(), e.id))).collect();
        let by_utm: HashMap<String, Uuid> = entries.iter().map(|e| (e.creator.handle.to_lowercase(), e.id)).collect();
        let mut orders = Vec::new();
        let mut unmatched = Vec::new();
        for row in parsed.rows {
            let entry = row
                .code
                .as_ref()
                .and_then(|code| by_code.get(&code.to_uppercase()))
                .or_else(|| row.utm.as_ref().and_then(|utm| by_utm.get(&utm.to_lowercase())));
            match entry {
                Some(entry_id) => orders.push(NewOrder {
                    id: Uuid::now_v7(),
                    entry_id: *entry_id,
                    order_id: row.order_id,
                    ordered_at: row.ordered_at,
                    code: row.code,
                    utm: row.utm,
                    amount: row.amount,
                    currency: row.currency,
                }),
                None => unmatched.push((row.line, row.code.or(row.utm).unwrap_or_default())),
            }
        }
        let rejected = parsed.errors.len() + unmatched.len();
        let mut errors: Vec<Violation> =
            parsed.errors.iter().take(REPORTED_ROWS).map(|e| Violation::line(e.line, &e.message)).collect();
        if rejected > 0 && !partial {
            errors.extend(unmatched.iter().take(REPORTED_ROWS).map(|(line, value)| {
                Violation::line(*line, format!("{value:?} is neither a discount code nor a UTM value of this campaign"))
            }));
            errors.sort_by_key(|v| v.line_number());
            errors.truncate(REPORTED_ROWS);
            return Err(ServiceError::ImportRejected { errors, total: rejected });
        }
        let (written, duplicates) =
            self.store.add_campaign_orders(workspace_id, campaign_id, &orders, "import", Utc::now()).await?;
        unmatched.truncate(REPORTED_ROWS);
        Ok(OrderImport { rows_written: written, duplicates, rows_rejected: rejected, errors, unmatched })
    }

    pub async fn report(&self, workspace_id: Uuid, campaign_id: Uuid) -> Result<Report> {
        let view = self.get(workspace_id, campaign_id).await?;
        let entries = self.store.campaign_entries(workspace_id, campaign_id).await?;
        let posts = self.store.campaign_posts(workspace_id, campaign_id).await?;
        let orders = self.store.campaign_orders(workspace_id, campaign_id).await?;
        let settings: zzyzx_analytics::Settings =
            workspace_settings::read(&self.store.workspace_documents(workspace_id).await?);
        let c = &view.campaign;
        let costs = CampaignCosts {
            unit_cost: c.unit_cost,
            shipping_cost: c.shipping_cost,
            fee: c.fee,
            currency: c.currency.clone(),
        };
        let mut post_stats: HashMap<Uuid, Vec<PostStats>> = HashMap::new();
        for post in posts.iter().filter(|p| p.status != crate::store::PostStatus::Dismissed) {
            let stats = post.video.as_ref().map_or(PostStats::default(), |v| PostStats {
                views: v.views,
                likes: v.likes,
                comments: v.comments,
                shares: v.shares,
            });
            post_stats.entry(post.entry_id).or_default().push(stats);
        }
        let mut order_amounts: HashMap<Uuid, Vec<OrderAmount>> = HashMap::new();
        for order in &orders {
            order_amounts
                .entry(order.entry_id)
                .or_default()
                .push(OrderAmount { amount: order.amount, currency: order.currency.clone() });
        }
        let inputs: Vec<EntryInput> = entries
            .iter()
            .map(|e| EntryInput {
                agreed: e.stage.has_agreed(),
                shipped_on: e.shipment.as_ref().map(|s| s.shipped_on),
                units: e.shipment.as_ref().map_or(1, |s| s.units),
                shipment_cost: e.shipment.as_ref().and_then(|s| s.cost),
                fee: e.fee,
                first_post_at: e.first_post_at,
                posts: post_stats.remove(&e.id).unwrap_or_default(),
                orders: order_amounts.remove(&e.id).unwrap_or_default(),
                clicks: e.clicks,
            })
            .collect();
        let outcome = outcome::outcome(&costs, &inputs, &settings.returns);
        Ok(Report { view, entries, outcome, computed_at: Utc::now() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_urls_name_their_creator_and_video() {
        let (handle, id) =
            parse_video_url("https://www.tiktok.com/@Mia.Fits/video/7345678901234567890?lang=en").unwrap();
        assert_eq!((handle.as_ref(), id.as_str()), ("mia.fits", "7345678901234567890"));
        for bad in [
            "https://vm.tiktok.com/ZMabc/",
            "https://www.tiktok.com/@mia/photo/1",
            "https://evil.example/@mia/video/1",
            "https://www.tiktok.com/@mia/video/12ab",
            "not a url",
        ] {
            assert!(parse_video_url(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn overdue_counts_from_delivery_or_else_shipping() {
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let today = day("2026-07-01");
        assert!(is_overdue(Stage::Shipped, Some(day("2026-06-17")), None, 0, 14, today));
        assert!(!is_overdue(Stage::Delivered, Some(day("2026-06-10")), Some(day("2026-06-20")), 0, 14, today));
        assert!(!is_overdue(Stage::Shipped, Some(day("2026-06-01")), None, 1, 14, today));
        assert!(!is_overdue(Stage::Declined, Some(day("2026-06-01")), None, 0, 14, today));
    }
}
