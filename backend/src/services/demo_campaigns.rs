//! The demo workspace's seeding campaigns: a finished one (the last cycle of the demo brand's
//! seeding) with posts, curves, orders and a report, and a running one (this cycle) whose posts
//! the refresh worker keeps finding. Everything is marked `demo`; the posts are the demo
//! source's own videos that mention the demo brand, found by the same detection as real ones.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;
use zzyzx_sources::{
    DEMO_BRAND_HANDLE, DEMO_BRAND_HASHTAG, DEMO_CAMPAIGN_DAYS, DemoSource, Source, Video, demo_cycle_start,
    demo_discount_code, demo_seeded,
};

use super::analytics::Analytics;
use super::campaigns::{AddCreators, CampaignInput, Campaigns, Product};
use crate::domain::{Rules, Stage, next_post_check};
use crate::store::{Actor, EntryChange, FoundPost, NewOrder, Shipment, StageMove, Store, VideoPoint};

/// Creators (id, handle) cast in a demo campaign.
type Cast<'h> = Vec<(Uuid, &'h str)>;

/// Creators in each demo campaign, at most.
const PER_CAMPAIGN: usize = 8;
/// Shop visits per view of a demo post (link in bio), and orders per visit.
const CLICKS_PER_VIEW: f64 = 0.005;
const ORDERS_PER_CLICK: f64 = 0.02;

fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()).and_utc()
}

fn input(name: &str, starts_on: NaiveDate) -> CampaignInput {
    CampaignInput {
        name: name.to_owned(),
        starts_on,
        ends_on: starts_on + Duration::days(DEMO_CAMPAIGN_DAYS - 1),
        product: Product {
            name: "Linen overshirt".into(),
            unit_cost: 18.0,
            shipping_cost: 6.5,
            retail_value: 64.0,
            currency: "USD".into(),
        },
        fee: None,
        overdue_days: Some(14),
        landing_url: Some("https://sunnythreads.example/linen".into()),
        rules: Rules {
            brand_handle: Some(DEMO_BRAND_HANDLE.into()),
            hashtags: vec![DEMO_BRAND_HASHTAG.into()],
            code_patterns: vec!["SUNNY*".into()],
            ..Rules::default()
        },
    }
}

/// A small, steady pseudo-random number from a string: the same demo every time.
fn unit(text: &str, salt: u64) -> f64 {
    let hash =
        text.bytes().fold(0xcbf2_9ce4_8422_2325u64 ^ salt, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

/// The demo campaigns, unless the workspace has them already.
pub async fn load(
    store: &dyn Store,
    workspace_id: Uuid,
    user_id: Uuid,
    creators: &[(Uuid, &str)],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    if store.campaigns(workspace_id).await?.iter().any(|c| c.demo) {
        return Ok(());
    }
    let campaigns = Campaigns { store, analytics: Analytics { store } };
    let source = DemoSource::new();
    let this_cycle = demo_cycle_start(now.date_naive());
    let last_cycle = this_cycle - Duration::days(DEMO_CAMPAIGN_DAYS);
    let (seeded, others): (Cast, Cast) = creators.iter().partition(|(_, h)| demo_seeded(h));
    let half = seeded.len().div_ceil(2).min(PER_CAMPAIGN - 2);
    let by = Actor::Member(user_id);

    // Last cycle: everyone shipped early on; the seeded creators posted, one outsider never did,
    // another declined.
    let finished = campaigns.create(workspace_id, input("Spring linen seeding (demo)", last_cycle), true).await?;
    let finished = finished.campaign.id;
    let mut cast: Vec<(Uuid, &str)> = seeded[..half].to_vec();
    cast.extend(others.iter().take(2));
    let added = add(&campaigns, workspace_id, finished, &cast, by).await?;
    for (index, (entry_id, creator_id, handle)) in added.iter().enumerate() {
        let (entry_id, creator_id, handle) = (*entry_id, *creator_id, *handle);
        let day = |n: i64| last_cycle + Duration::days(n);
        mv(store, workspace_id, finished, entry_id, Stage::Contacted, at(day(0), 10), by).await?;
        if index == added.len() - 1 {
            mv(store, workspace_id, finished, entry_id, Stage::Declined, at(day(1), 15), by).await?;
            continue;
        }
        mv(store, workspace_id, finished, entry_id, Stage::Agreed, at(day(1), 9), by).await?;
        store
            .set_shipment(workspace_id, finished, entry_id, shipment(handle, day(2), Some(day(5))), by, at(day(2), 16))
            .await?;
        let code = demo_discount_code(handle);
        store
            .update_campaign_entry(
                workspace_id,
                finished,
                entry_id,
                EntryChange { discount_code: Some(Some(code)), ..EntryChange::default() },
                now,
            )
            .await?;
        let videos = source.videos(handle, None, 60).await?;
        let posts = found_posts(&videos, finished, entry_id, at(day(2), 0), at(day(DEMO_CAMPAIGN_DAYS), 0));
        if posts.is_empty() {
            mv(store, workspace_id, finished, entry_id, Stage::NoShow, at(day(DEMO_CAMPAIGN_DAYS - 1), 12), by).await?;
            continue;
        }
        let posted: Vec<&Video> =
            videos.iter().filter(|v| posts.iter().any(|p| p.platform_id == v.platform_id)).collect();
        let first = posted.iter().map(|v| v.posted_at).min().unwrap_or(now);
        store.record_detection(creator_id, &posts, first + Duration::hours(3)).await?;
        for video in posted {
            backfill_curve(store, video, now).await?;
            add_orders(store, workspace_id, finished, entry_id, handle, video).await?;
        }
    }

    // This cycle: the rest of the seeded creators shipped on day one; detection finds whoever
    // has posted since, as it will for the rest. Two more are still being talked to.
    let running = campaigns.create(workspace_id, input("Summer linen seeding (demo)", this_cycle), true).await?;
    let running = running.campaign.id;
    let mut cast: Vec<(Uuid, &str)> = seeded[half..].iter().take(PER_CAMPAIGN - 2).copied().collect();
    cast.extend(others.iter().skip(2).take(2));
    let added = add(&campaigns, workspace_id, running, &cast, by).await?;
    let first_day = this_cycle.min(now.date_naive());
    for (index, (entry_id, creator_id, handle)) in added.iter().enumerate() {
        let (entry_id, creator_id, handle) = (*entry_id, *creator_id, *handle);
        let contacted = at(first_day, 9).min(now);
        mv(store, workspace_id, running, entry_id, Stage::Contacted, contacted, by).await?;
        match added.len() - index {
            1 => continue,
            2 => {
                mv(store, workspace_id, running, entry_id, Stage::Agreed, contacted, by).await?;
                continue;
            }
            _ => {}
        }
        let delivered = (first_day + Duration::days(3)).min(now.date_naive());
        store
            .set_shipment(workspace_id, running, entry_id, shipment(handle, first_day, Some(delivered)), by, contacted)
            .await?;
        let code = demo_discount_code(handle);
        store
            .update_campaign_entry(
                workspace_id,
                running,
                entry_id,
                EntryChange { discount_code: Some(Some(code)), ..EntryChange::default() },
                now,
            )
            .await?;
        for detected in super::campaigns::detect(store, creator_id, now).await? {
            let post = store.campaign_post(workspace_id, running, detected.post_id).await?;
            if let Some(video) =
                source.videos(handle, None, 60).await?.iter().find(|v| v.platform_id == post.platform_id)
            {
                backfill_curve(store, video, now).await?;
                add_orders(store, workspace_id, running, entry_id, handle, video).await?;
            }
        }
    }
    Ok(())
}

/// Adds the creators and returns (entry, creator, handle) in the order given.
async fn add<'h>(
    campaigns: &Campaigns<'_>,
    workspace_id: Uuid,
    campaign_id: Uuid,
    cast: &[(Uuid, &'h str)],
    by: Actor,
) -> anyhow::Result<Vec<(Uuid, Uuid, &'h str)>> {
    let creator_ids = cast.iter().map(|(id, _)| *id).collect();
    campaigns
        .add_creators(workspace_id, campaign_id, AddCreators { creator_ids, ..AddCreators::default() }, by)
        .await?;
    let entries = campaigns.store.campaign_entries(workspace_id, campaign_id).await?;
    Ok(cast
        .iter()
        .filter_map(|(creator_id, handle)| {
            entries.iter().find(|e| e.creator.id == *creator_id).map(|e| (e.id, *creator_id, *handle))
        })
        .collect())
}

async fn mv(
    store: &dyn Store,
    workspace_id: Uuid,
    campaign_id: Uuid,
    entry_id: Uuid,
    stage: Stage,
    now: DateTime<Utc>,
    by: Actor,
) -> anyhow::Result<()> {
    store
        .move_campaign_entry(workspace_id, campaign_id, entry_id, StageMove { stage, shipment: None, by, now })
        .await?;
    Ok(())
}

fn shipment(handle: &str, shipped_on: NaiveDate, delivered_on: Option<NaiveDate>) -> Shipment {
    Shipment {
        shipped_on,
        units: 1,
        cost: None,
        carrier: Some("USPS".into()),
        tracking_url: Some(format!("https://tools.usps.example/track/DEMO{:06}", (unit(handle, 7) * 1e6) as u64)),
        delivered_on,
    }
}

/// The videos posted in [from, to) that the demo campaign's rules match.
fn found_posts(
    videos: &[Video],
    campaign_id: Uuid,
    entry_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<FoundPost> {
    let rules = input("", from.date_naive()).rules.normalized().unwrap_or_default();
    videos
        .iter()
        .filter(|v| v.posted_at >= from && v.posted_at < to)
        .filter_map(|v| {
            rules.first_match(&v.description, &v.hashtags).map(|evidence| FoundPost {
                entry_id,
                campaign_id,
                platform_id: v.platform_id.clone(),
                evidence,
            })
        })
        .collect()
}

/// The post's stats at each scheduled check since it was posted, ramping up to today's.
async fn backfill_curve(store: &dyn Store, video: &Video, now: DateTime<Utc>) -> anyhow::Result<()> {
    let age = |t: DateTime<Utc>| (t - video.posted_at).num_seconds().max(0) as f64 / 86_400.0;
    let ramp = |t: DateTime<Utc>| 1.0 - (-age(t) / 1.5).exp();
    let full = ramp(now).max(0.01);
    let mut points = Vec::new();
    let mut check = next_post_check(video.posted_at, video.posted_at);
    while let Some(t) = check.filter(|t| *t < now) {
        let share = ramp(t) / full;
        let scale = |n: i64| (n as f64 * share).round() as i64;
        points.push(VideoPoint {
            captured_at: t,
            views: scale(video.views),
            likes: scale(video.likes),
            comments: scale(video.comments),
            shares: scale(video.shares),
        });
        check = next_post_check(video.posted_at, t);
    }
    store.write_video_history(&video.platform_id, &points).await?;
    Ok(())
}

/// Orders with the creator's code, in proportion to the post's views.
async fn add_orders(
    store: &dyn Store,
    workspace_id: Uuid,
    campaign_id: Uuid,
    entry_id: Uuid,
    handle: &str,
    video: &Video,
) -> anyhow::Result<()> {
    let expected = video.views as f64 * CLICKS_PER_VIEW * ORDERS_PER_CLICK * (0.5 + unit(handle, 1));
    let count = (expected.round() as usize).min(25);
    let code = demo_discount_code(handle);
    let orders: Vec<NewOrder> = (0..count)
        .map(|n| {
            let salt = n as u64 + 100;
            NewOrder {
                id: Uuid::now_v7(),
                entry_id,
                order_id: format!("DEMO-{}-{n:02}", &video.platform_id[video.platform_id.len() - 6..]),
                ordered_at: (video.posted_at + Duration::hours(2 + (unit(handle, salt) * 96.0) as i64)).date_naive(),
                code: Some(code.clone()),
                utm: None,
                amount: (38.0 + unit(handle, salt + 50) * 60.0).round(),
                // One shopper in twelve pays in euros: reported beside the dollars, never added to them.
                currency: if unit(handle, salt + 90) < 1.0 / 12.0 { "EUR" } else { "USD" }.into(),
            }
        })
        .collect();
    store.add_campaign_orders(workspace_id, campaign_id, &orders, "demo", Utc::now()).await?;
    // Visits from the creator's link, as a shop's analytics would report them.
    let clicks = (video.views as f64 * CLICKS_PER_VIEW * (0.7 + 0.6 * unit(handle, 3))).round() as i64;
    store
        .update_campaign_entry(
            workspace_id,
            campaign_id,
            entry_id,
            EntryChange { clicks: Some(Some(clicks)), ..EntryChange::default() },
            Utc::now(),
        )
        .await?;
    Ok(())
}
