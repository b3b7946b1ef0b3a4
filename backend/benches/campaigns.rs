//! Campaign benchmark on SQLite and PostgreSQL: `cargo bench --bench campaigns` (add `-- sqlite`
//! or `-- postgres` for one database).
//!
//! Pairs of sets of 500 creators refreshed from the demo source, 20 videos each (10,000 videos
//! a set), one in no campaign and one in 50 running campaigns that each hold 50 of them (every
//! creator is in 5, the worst case). Measures the refresh pipeline for each set, first with new
//! videos (detection stores the posts it finds) and again in the steady state, and what
//! detection adds, pair by pair and balanced over which set went first; then the report of a
//! 200-creator campaign with a post each, 90 days of post curves and 1,000 orders, over HTTP.
//! Prints a table; asserts only that the work was done.

mod common;

use chrono::{Duration, Utc};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use zzyzx::domain::{Evidence, Handle, RuleKind, Rules, next_post_check};
use zzyzx::refresh::{EstimateConfig, RefreshWorker, WorkerConfig};
use zzyzx::services::campaigns::{CampaignInput, Product};
use zzyzx::startup::{Application, open_state};
use zzyzx::store::{Actor, FoundPost, NewList, NewListItem, NewOrder, Shipment, Store, VideoPoint};
use zzyzx_sources::DemoSource;

use common::{database_url, drop_database, median, percentile};

const CREATORS: usize = 500;
const VIDEOS_PER_CREATOR: usize = 20;
const CAMPAIGNS: usize = 50;
const CAMPAIGNS_PER_CREATOR: usize = 5;
/// Fresh sets of each kind, and steady-state passes per round. A set refreshes in under a second,
/// and pairs of the same two sets differed by up to 15%: it takes many pairs to see a few per cent.
const ROUNDS: usize = 20;
const STEADY_ROUNDS: usize = 2;
const REPORT_CREATORS: usize = 200;
const ORDERS_PER_CREATOR: usize = 5;
const TAGS: [&str; 10] =
    ["fyp", "ootd", "gymtok", "running", "yoga", "thrift", "streetwear", "vintage", "fitcheck", "workout"];

struct Report {
    database: &'static str,
    /// Creators/s: (new videos, steady state), without campaigns and with them.
    pipeline: (f64, f64),
    pipeline_with_campaigns: (f64, f64),
    /// How much longer a creator takes with detection: (new videos, steady state), from pairs of
    /// sets refreshed one after the other, so that a slow minute of the machine weighs on both
    /// sides of a pair (see [`added`]).
    added: (Added, Added),
    posts_found: usize,
    report: (StdDuration, StdDuration),
}

/// What detection adds, balanced over the order of each pair and for each order.
struct Added {
    balanced: f64,
    plain_first: f64,
    plain_second: f64,
}

/// A brand's rules; one campaign in ten also matches a common niche hashtag, so that about a
/// third of the videos are posts of some campaign (far more than real seeding yields).
fn rules(k: usize) -> Rules {
    let mut hashtags = vec![format!("brand{k}gifted")];
    if k.is_multiple_of(10) {
        hashtags.push(TAGS[k / 10 % TAGS.len()].into());
    }
    Rules {
        brand_handle: Some(format!("brand{k}")),
        hashtags,
        keywords: vec!["new drop".into(), format!("brand {k}")],
        link_domains: vec![format!("brand{k}.example")],
        code_patterns: vec![format!("BR{k}*")],
    }
}

fn campaign(name: String, rules: Rules) -> CampaignInput {
    let today = Utc::now().date_naive();
    CampaignInput {
        name,
        starts_on: today - Duration::days(60),
        ends_on: today + Duration::days(30),
        product: Product {
            name: "Linen shirt".into(),
            unit_cost: 18.0,
            shipping_cost: 6.0,
            retail_value: 60.0,
            currency: "USD".into(),
        },
        fee: Some(40.0),
        overdue_days: None,
        landing_url: None,
        rules,
    }
}

/// Makes `creators` due `after` from now (due now when `after` is negative).
async fn reschedule(store: &Arc<dyn Store>, creators: &[Uuid], after: Duration) {
    for creator in creators {
        store.reschedule_creator(*creator, Utc::now() + after).await.unwrap();
    }
}

/// A list of `CREATORS` new creators, all due.
async fn creators(store: &Arc<dyn Store>, workspace_id: Uuid, name: &str) -> Vec<Uuid> {
    let now = Utc::now();
    let list = NewList { id: Uuid::now_v7(), workspace_id, name: name.into(), description: String::new(), now };
    let list = store.create_list(list).await.unwrap();
    let mut ids = Vec::new();
    for n in 0..CREATORS {
        let handle = Handle::parse(&format!("seedbench{name}{n:04}")).unwrap();
        let item = NewListItem { id: Uuid::now_v7(), handle, note: String::new(), tags: vec![], now };
        ids.push(store.add_list_item(workspace_id, list.id, item).await.unwrap().creator.id);
    }
    ids
}

/// Creators refreshed per second by one worker cycle over every due creator.
async fn pipeline(store: &Arc<dyn Store>) -> f64 {
    let config = WorkerConfig {
        batch_size: 100,
        concurrency: 16,
        requests_per_second: 1_000_000,
        videos_per_fetch: VIDEOS_PER_CREATOR,
        // A creator's first fetch also estimates its audience from comments, a weekly cost of its
        // own that would only dilute what detection adds.
        estimate: EstimateConfig { videos: 0, ..EstimateConfig::default() },
        ..WorkerConfig::default()
    };
    let worker = RefreshWorker::new(
        store.clone(),
        Arc::new(DemoSource::new().inventing_any_handle()),
        config,
        Arc::new(Notify::new()),
    );
    let timer = Instant::now();
    let cycle = worker.run_cycle(&CancellationToken::new()).await;
    // A creator of another set may join when a post check of its falls due.
    assert!(cycle.succeeded >= CREATORS && cycle.failed == 0, "{cycle:?}");
    cycle.succeeded as f64 / timer.elapsed().as_secs_f64()
}

async fn run(database: &'static str) -> Report {
    let (url, cleanup) = database_url(database).await;
    let state = open_state(&url, Some("benchmark-signing-secret-0123456789abcdef".to_string().into())).await.unwrap();
    let store = state.store.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let application = Application::with_state(state.clone(), listener, zzyzx::http::web_app::WebApp::None).unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", application.port());
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::new();
    let session = common::register(&client, &base).await;
    let token = session["access_token"].as_str().unwrap().to_owned();
    let workspace_id: Uuid = session["workspaces"][0]["id"].as_str().unwrap().parse().unwrap();
    let user_id: Uuid = session["user"]["id"].as_str().unwrap().parse().unwrap();

    let now = Utc::now();
    let campaigns = state.campaigns();
    let mut ids = Vec::new();
    for k in 0..CAMPAIGNS {
        let view = campaigns.create(workspace_id, campaign(format!("Campaign {k:02}"), rules(k)), false).await.unwrap();
        ids.push(view.campaign.id);
    }
    // Each round makes two sets, one in no campaign and one in 5 of the 50 running campaigns
    // each, and refreshes them one after the other, the first fetch (new videos, where detection
    // stores the posts it finds) and then the steady state; which set goes first alternates, so
    // neither pays for the other's writes. Each figure is the median of its rounds.
    let (mut plain_new, mut plain_steady, mut campaign_new, mut campaign_steady) = (vec![], vec![], vec![], vec![]);
    let mut creators = Vec::new();
    for round in 0..ROUNDS {
        let plain = self::creators(&store, workspace_id, &format!("x{round}")).await;
        creators = self::creators(&store, workspace_id, &format!("y{round}")).await;
        for (k, campaign_id) in ids.iter().enumerate() {
            let members: Vec<Uuid> = creators
                .iter()
                .enumerate()
                .filter(|(n, _)| (0..CAMPAIGNS_PER_CREATOR).any(|j| (n + j * 7) % CAMPAIGNS == k))
                .map(|(_, id)| *id)
                .collect();
            store
                .add_campaign_creators(workspace_id, *campaign_id, &members, Actor::Member(user_id), now)
                .await
                .unwrap();
        }
        common::analyze(&cleanup).await;
        let mut sets =
            [(&plain, &mut plain_new, &mut plain_steady), (&creators, &mut campaign_new, &mut campaign_steady)];
        if round % 2 == 1 {
            sets.reverse();
        }
        for pass in 0..=STEADY_ROUNDS {
            for (set, new, steady) in &mut sets {
                reschedule(&store, &plain, Duration::days(1)).await;
                reschedule(&store, &creators, Duration::days(1)).await;
                reschedule(&store, set.as_slice(), -Duration::seconds(1)).await;
                let rate = pipeline(&store).await;
                if pass == 0 { new.push(rate) } else { steady.push(rate) }
            }
        }
    }
    let mut posts_found = 0;
    for campaign_id in &ids {
        posts_found += store.campaign_posts(workspace_id, *campaign_id).await.unwrap().len();
    }
    let posts_found = posts_found / ROUNDS;

    // The report of a 200-creator campaign: shipped, a post each with 90 days of checks, orders.
    let report_id =
        campaigns.create(workspace_id, campaign("Report".into(), rules(0)), false).await.unwrap().campaign.id;
    let members = &creators[..REPORT_CREATORS];
    store.add_campaign_creators(workspace_id, report_id, members, Actor::Member(user_id), now).await.unwrap();
    let entries = store.campaign_entries(workspace_id, report_id).await.unwrap();
    let mut orders = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let shipment = Shipment {
            shipped_on: (now - Duration::days(95)).date_naive(),
            units: 1,
            cost: None,
            carrier: None,
            tracking_url: None,
            delivered_on: None,
        };
        store.set_shipment(workspace_id, report_id, entry.id, shipment, Actor::Member(user_id), now).await.unwrap();
        let video = store
            .creator_videos(workspace_id, entry.creator.id, zzyzx::store::VideoOrder::Recent, None, 1)
            .await
            .unwrap()
            .remove(0);
        let evidence = Evidence { rule: RuleKind::Manual, pattern: "bench".into(), matched: "bench".into() };
        let found =
            FoundPost { entry_id: entry.id, campaign_id: report_id, platform_id: video.platform_id.clone(), evidence };
        store.record_detection(entry.creator.id, &[found], now).await.unwrap();
        let posted = now - Duration::days(90);
        let mut points = Vec::new();
        let mut check = next_post_check(posted, posted);
        while let Some(at) = check.filter(|at| *at < now) {
            let share = (at - posted).num_hours() as f64 / (90.0 * 24.0);
            let scale = |x: i64| (x as f64 * share) as i64;
            points.push(VideoPoint {
                captured_at: at,
                views: scale(video.views),
                likes: scale(video.likes),
                comments: scale(video.comments),
                shares: scale(video.shares),
            });
            check = next_post_check(posted, at);
        }
        store.write_video_history(&video.platform_id, &points).await.unwrap();
        for o in 0..ORDERS_PER_CREATOR {
            orders.push(NewOrder {
                id: Uuid::now_v7(),
                entry_id: entry.id,
                order_id: format!("#{n}-{o}"),
                ordered_at: (now - Duration::days(80)).date_naive(),
                code: None,
                utm: Some(entry.creator.handle.clone()),
                amount: 40.0 + o as f64,
                currency: if o == 4 { "EUR" } else { "USD" }.into(),
            });
        }
    }
    store.add_campaign_orders(workspace_id, report_id, &orders, "import", now).await.unwrap();
    let mut samples = Vec::new();
    for n in 0..120 {
        let timer = Instant::now();
        let response =
            client.get(format!("{base}/campaigns/{report_id}/report")).bearer_auth(&token).send().await.unwrap();
        assert!(response.status().is_success());
        let bytes = response.bytes().await.unwrap();
        // The server's answer is timed, not the client's parse of it.
        if n >= 20 {
            samples.push(timer.elapsed());
        }
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["creators"].as_array().unwrap().len(), REPORT_CREATORS);
    }
    let report = (percentile(&mut samples, 0.5), percentile(&mut samples, 0.99));
    drop_database(&url, cleanup).await;

    Report {
        database,
        added: (added(&plain_new, &campaign_new, 1), added(&plain_steady, &campaign_steady, STEADY_ROUNDS)),
        pipeline: (median(plain_new), median(plain_steady)),
        pipeline_with_campaigns: (median(campaign_new), median(campaign_steady)),
        posts_found,
        report,
    }
}

/// How much longer a creator takes with detection, from each pair's ratio of rates (`per_round`
/// pairs a round): the median of the rounds where the set without campaigns went first, the
/// median of those where it went second, and their geometric mean. Whichever set goes second
/// runs slower (the ratios of the two orders differed by about 15 points), and the mean of the
/// two orders cancels that.
fn added(plain: &[f64], with: &[f64], per_round: usize) -> Added {
    let order = |second: usize| {
        let ratios = plain.iter().zip(with).enumerate().filter(|(n, _)| n / per_round % 2 == second);
        median(ratios.map(|(_, (p, w))| p / w).collect())
    };
    let (plain_first, plain_second) = (order(0), order(1));
    Added {
        balanced: (plain_first * plain_second).sqrt() - 1.0,
        plain_first: plain_first - 1.0,
        plain_second: plain_second - 1.0,
    }
}

fn percent(share: f64) -> String {
    format!("{:+.1}%", share * 100.0)
}

/// The balanced cost, then each order's: the set without campaigns first, and second.
fn cost(added: &Added) -> String {
    format!("{} ({} / {})", percent(added.balanced), percent(added.plain_first), percent(added.plain_second))
}

fn ms(d: StdDuration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let reports = common::for_each_database(run).await;
    let lines: [common::Line<Report>; 8] = [
        ("pipeline, new videos, no campaign", &|r| format!("{:.0} creators/s", r.pipeline.0)),
        ("pipeline, new videos, 5 running campaigns each", &|r| {
            format!("{:.0} creators/s", r.pipeline_with_campaigns.0)
        }),
        ("  cost added by detection (both orders)", &|r| cost(&r.added.0)),
        ("pipeline, steady state, no campaign", &|r| format!("{:.0} creators/s", r.pipeline.1)),
        ("pipeline, steady state, 5 running campaigns each", &|r| {
            format!("{:.0} creators/s", r.pipeline_with_campaigns.1)
        }),
        ("  cost added by detection (both orders)", &|r| cost(&r.added.1)),
        ("posts found in 10,000 videos (per round)", &|r| r.posts_found.to_string()),
        ("report, 200 creators, p50 / p99", &|r| format!("{} / {}", ms(r.report.0), ms(r.report.1))),
    ];
    let names: Vec<&str> = reports.iter().map(|r| r.database).collect();
    common::print_table(&names, &reports, &lines);
}
