//! Follower tiers (analytics.md §5), the fair-price range of a post (§6.4) and what gifting a product is expected to
//! return in orders. Prices are always ranges, never a point (§6), and every assumption is listed in the output.

use crate::engagement::EngagementCore;
use crate::measure::{
    Measure, PRICE_CPE, PRICE_CPM, PRICE_CPV, PRICE_TARGET, RETURNS_CLICKS, RETURNS_COST_PER_ORDER, RETURNS_ORDERS,
    RETURNS_REVENUE, RETURNS_ROAS, Unavailable, finite,
};
use crate::settings::{ReturnAssumptions, Settings};
use crate::videos::VIDEO_WINDOW;
use crate::wording;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A follower tier.
///
/// zzyzx uses the "common alternative" table of §5 (nano 1K–10K, micro 10K–100K, mid 100K–500K, macro 500K–1M,
/// mega 1M+), because the TikTok engagement benchmarks by tier are cited with it. Creators under 1K are counted as nano
/// and flagged. The tier is derived from the follower count at read time, so the table can be switched (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Nano,
    Micro,
    Mid,
    Macro,
    Mega,
}

/// Id of the tier table in use, reported next to every tier.
pub const TIER_TABLE: &str = "common_alternative";

impl Tier {
    pub const ALL: [Tier; 5] = [Tier::Nano, Tier::Micro, Tier::Mid, Tier::Macro, Tier::Mega];

    /// The tier of a creator with `followers` followers.
    pub fn of(followers: i64) -> Tier {
        match followers {
            ..10_000 => Tier::Nano,
            10_000..100_000 => Tier::Micro,
            100_000..500_000 => Tier::Mid,
            500_000..1_000_000 => Tier::Macro,
            _ => Tier::Mega,
        }
    }

    /// The tier's name as serialised: "nano", "micro", "mid", "macro", "mega".
    pub fn name(self) -> &'static str {
        match self {
            Tier::Nano => "nano",
            Tier::Micro => "micro",
            Tier::Mid => "mid",
            Tier::Macro => "macro",
            Tier::Mega => "mega",
        }
    }

    /// The name as a heading reads it: "Nano", "Micro", "Mid", "Macro", "Mega".
    pub fn label(self) -> &'static str {
        match self {
            Tier::Nano => "Nano",
            Tier::Micro => "Micro",
            Tier::Mid => "Mid",
            Tier::Macro => "Macro",
            Tier::Mega => "Mega",
        }
    }

    /// The band as written in §5.
    pub fn band(self) -> &'static str {
        match self {
            Tier::Nano => "1K–10K",
            Tier::Micro => "10K–100K",
            Tier::Mid => "100K–500K",
            Tier::Macro => "500K–1M",
            Tier::Mega => "1M+",
        }
    }

    /// The follower counts the tier covers, the top exclusive (open-ended for mega); nano also takes in the
    /// creators under 1K.
    fn followers(self) -> (i64, Option<i64>) {
        match self {
            Tier::Nano => (0, Some(10_000)),
            Tier::Micro => (10_000, Some(100_000)),
            Tier::Mid => (100_000, Some(500_000)),
            Tier::Macro => (500_000, Some(1_000_000)),
            Tier::Mega => (1_000_000, None),
        }
    }

    /// TikTok engagement rate by tier cited with this table (§5, organicmediabuying.com). The source does not say
    /// whether it is by views or by followers, so it is shown as context, not compared.
    pub fn benchmark_engagement_percent(self) -> f64 {
        match self {
            Tier::Nano => 10.3,
            Tier::Micro => 8.1,
            Tier::Mid => 6.3,
            Tier::Macro => 5.5,
            Tier::Mega => 4.9,
        }
    }
}

/// A creator's tier and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TierInfo {
    pub tier: Tier,
    /// The table used: `common_alternative` (§5).
    pub table: &'static str,
    /// The tier's follower band, e.g. "10K–100K".
    pub band: &'static str,
    /// Followers in the latest snapshot.
    pub followers: i64,
    /// True under 1K followers, below the table's first band; counted as nano.
    pub below_table: bool,
    /// See [`Tier::benchmark_engagement_percent`].
    pub benchmark_engagement_percent: f64,
}

pub(crate) fn tier_info(followers: Option<i64>) -> Option<TierInfo> {
    let followers = followers?;
    let tier = Tier::of(followers);
    Some(TierInfo {
        tier,
        table: TIER_TABLE,
        band: tier.band(),
        followers,
        below_table: followers < 1_000,
        benchmark_engagement_percent: tier.benchmark_engagement_percent(),
    })
}

/// The low end of the default CPM range: sponsorrate's average TikTok CPM of about $6 (§6.1, §6.4).
pub const DEFAULT_CPM_LOW: f64 = 6.0;

/// The high end of the default CPM range: the base CPM of engagementratecalculator.net by followers (§6.2): $8 below
/// 50K, $10 from 50K, $12 from 100K, $15 from 500K, $20 from 1M. Within the micro tier it therefore depends on
/// whether the creator is below or above 50K.
pub fn default_cpm_high(followers: i64) -> f64 {
    match followers {
        ..50_000 => 8.0,
        50_000..100_000 => 10.0,
        100_000..500_000 => 12.0,
        500_000..1_000_000 => 15.0,
        _ => 20.0,
    }
}

/// The CPM range a tier uses while the workspace has no override for it, in US dollars per 1,000 views.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct DefaultCpm {
    pub tier: Tier,
    /// [`DEFAULT_CPM_LOW`] for every tier.
    pub low: f64,
    /// The range's top for the tier's smallest creators.
    pub high_from: f64,
    /// The range's top for its largest: above `high_from` where the top grows within the tier (micro: $8 below 50K
    /// followers, $10 from 50K).
    pub high_to: f64,
}

/// The default CPM range of every tier, from [`DEFAULT_CPM_LOW`] and [`default_cpm_high`].
pub fn default_cpms() -> Vec<DefaultCpm> {
    Tier::ALL
        .into_iter()
        .map(|tier| {
            let (first, end) = tier.followers();
            let last = end.map_or(first, |end| end - 1);
            DefaultCpm {
                tier,
                low: DEFAULT_CPM_LOW,
                high_from: default_cpm_high(first),
                high_to: default_cpm_high(last),
            }
        })
        .collect()
}

/// A low–high range of money.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct MoneyRange {
    pub low: f64,
    pub high: f64,
}

impl MoneyRange {
    fn map(self, f: impl Fn(f64) -> f64) -> Option<MoneyRange> {
        Some(MoneyRange { low: finite(f(self.low))?, high: finite(f(self.high))? })
    }
}

/// Where the CPM range came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CpmSource {
    /// [`DEFAULT_CPM_LOW`] to [`default_cpm_high`], published USD figures (§6.4).
    Default,
    /// The workspace's override for the tier.
    WorkspaceOverride,
}

/// A published per-post rate card, shown beside the CPM-based price as a cross-check (§6.4).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RateCard {
    /// Where the figures come from.
    pub source: &'static str,
    /// The rate card's own follower band; rate cards use different bands from the tiers (§5), so it is always shown.
    pub band: &'static str,
    pub low: f64,
    /// Null for open-ended ("$7,000+").
    pub high: Option<f64>,
    /// Rate cards are published in US dollars.
    pub currency: &'static str,
}

/// sponsorrate's TikTok rate card (§6.1), by its own follower bands.
pub fn rate_card(followers: i64) -> RateCard {
    let (band, low, high) = match followers {
        ..10_000 => ("under 10K", 20.0, Some(75.0)),
        10_000..50_000 => ("10K–50K", 75.0, Some(350.0)),
        50_000..500_000 => ("50K–500K", 350.0, Some(3_000.0)),
        500_000..1_000_000 => ("500K–1M", 3_000.0, Some(7_000.0)),
        _ => ("1M+", 7_000.0, None),
    };
    RateCard { source: "sponsorrate-com.pages.dev/blog/tiktok-rates", band, low, high, currency: "USD" }
}

/// Where an assumption comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssumptionSource {
    /// Measured from this creator's data.
    Data,
    /// A published figure cited in analytics.md.
    Reference,
    /// Set by the workspace.
    WorkspaceSetting,
    /// A workspace setting still at zzyzx's placeholder default: replace it with the brand's own number.
    DefaultSetting,
    /// A modelling choice of zzyzx.
    Model,
}

/// One assumption behind an estimate, stated so the brand can disagree with it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Assumption {
    /// Short name, e.g. "click-through rate".
    pub name: &'static str,
    /// The value as text, e.g. "1% of viewers".
    pub value: String,
    pub source: AssumptionSource,
}

fn assumption(name: &'static str, value: String, source: AssumptionSource) -> Assumption {
    Assumption { name, value, source }
}

/// The fair price of one sponsored post (§6.4).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FairPrice {
    /// Currency of every amount except the rate card's.
    pub currency: String,
    pub tier: Option<Tier>,
    /// `views.median.v1`: median views of the last 30 videos.
    pub expected_views: Measure<f64>,
    /// CPM range applied, per 1,000 views.
    pub cpm: Option<MoneyRange>,
    pub cpm_source: CpmSource,
    /// `price.cpm_range.v1`: expected views ÷ 1000 × CPM range.
    pub price: Measure<MoneyRange>,
    /// `price.cpv.v1`: cost per expected view.
    pub cost_per_view: Measure<MoneyRange>,
    /// `price.cpe.v1`: cost per expected engagement (likes + comments + shares).
    pub cost_per_engagement: Measure<MoneyRange>,
    /// `price.per_thousand_target_followers.v1`: needs an audience profile and a target (§6.2, HypeAuditor's advice).
    pub per_thousand_target_followers: Measure<MoneyRange>,
    /// Published per-post rates for the creator's size, to show beside `price`.
    pub rate_card: Option<RateCard>,
    pub assumptions: Vec<Assumption>,
    /// E.g. "40,000 expected views × 6.00–8.00 USD CPM = 240.00–320.00 USD (rate card for 10K–50K: 75–350 USD)".
    pub explanation: String,
}

pub(crate) fn fair_price(
    followers: Option<i64>,
    engagement: &EngagementCore,
    settings: &Settings,
    target_share: Option<f64>,
) -> FairPrice {
    let currency = settings.returns.currency.clone();
    let tier = followers.map(Tier::of);
    let overridden = tier.and_then(|t| settings.cpm_override(t));
    let cpm_source = if overridden.is_some() { CpmSource::WorkspaceOverride } else { CpmSource::Default };
    let cpm = match (overridden, followers) {
        // An unvalidated override may hold NaN: no range then, rather than a NaN price.
        (Some(o), _) => MoneyRange { low: o.low, high: o.high }.map(|x| x),
        (None, Some(f)) => Some(MoneyRange { low: DEFAULT_CPM_LOW, high: default_cpm_high(f) }),
        (None, None) => None,
    };
    let n = engagement.sample;
    let window = VIDEO_WINDOW as u32;
    let views = engagement.median_views;
    let missing = if views.is_none() { engagement.missing } else { Unavailable::NoFollowers };
    let price = views.zip(cpm).and_then(|(v, cpm)| cpm.map(|c| v / 1000.0 * c));
    let per_view = views.filter(|v| *v > 0.0).zip(price).and_then(|(v, p)| p.map(|x| x / v));
    let per_engagement =
        engagement.median_interactions.filter(|i| *i > 0.0).zip(price).and_then(|(i, p)| p.map(|x| x / i));
    let target_thousands = followers.zip(target_share).map(|(f, s)| f as f64 * s / 1000.0).filter(|t| *t > 0.0);
    let per_target = target_thousands.zip(price).and_then(|(t, p)| p.map(|x| x / t));
    let target_missing = if target_share.is_none() { Unavailable::NoAudienceData } else { missing };

    let mut assumptions = vec![assumption(
        "expected views",
        match views {
            Some(v) => format!("{} (median of the last {n} videos with views)", wording::count_f(v)),
            None => "unknown: fewer than 3 recent videos with views".to_owned(),
        },
        AssumptionSource::Data,
    )];
    if let Some(cpm) = cpm {
        let text = format!("{} per 1,000 views", wording::money_range(cpm.low, cpm.high, &currency));
        let source = match cpm_source {
            CpmSource::WorkspaceOverride => AssumptionSource::WorkspaceSetting,
            CpmSource::Default => AssumptionSource::Reference,
        };
        assumptions.push(assumption("CPM range", text, source));
        if cpm_source == CpmSource::Default && currency != "USD" {
            assumptions.push(assumption(
                "currency of the default CPM",
                format!("published in USD and applied unchanged in {currency}: set a CPM override per tier"),
                AssumptionSource::Model,
            ));
        }
    }
    if let Some(t) = tier {
        assumptions.push(assumption(
            "tier",
            format!("{} ({} followers)", t.label(), t.band()),
            AssumptionSource::Reference,
        ));
    }
    let card = followers.map(rate_card);
    let explanation = match (views, price, &card) {
        (Some(v), Some(p), Some(card)) => {
            let card_high = card.high.map(|h| format!("–{}", wording::count_f(h))).unwrap_or_else(|| "+".to_owned());
            format!(
                "{} expected views × CPM = {} (rate card for {}: {}{card_high} USD a post)",
                wording::count_f(v),
                wording::money_range(p.low, p.high, &currency),
                card.band,
                wording::count_f(card.low),
            )
        }
        (None, _, _) => "no price: fewer than 3 recent videos with views".to_owned(),
        _ => "no price: the follower count is unknown".to_owned(),
    };
    let money = |formula, value: Option<MoneyRange>, why| Measure::new(formula, value, n, why).videos(window);
    FairPrice {
        currency,
        tier,
        expected_views: Measure::float(&crate::measure::VIEWS_MEDIAN, views, n, engagement.missing).videos(window),
        cpm,
        cpm_source,
        price: money(&PRICE_CPM, price, missing),
        cost_per_view: money(&PRICE_CPV, per_view, missing),
        cost_per_engagement: money(&PRICE_CPE, per_engagement, missing),
        per_thousand_target_followers: money(&PRICE_TARGET, per_target, target_missing),
        rate_card: card,
        assumptions,
        explanation,
    }
}

/// What gifting a product for a public review is expected to bring, answering the brand's question "will sending free
/// merchandise bring more orders?" (proposal building on §6.4: expected views are the creator's median).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Returns {
    /// Currency of every amount.
    pub currency: String,
    /// `views.median.v1`: the views a gifted post is assumed to get.
    pub expected_views: Measure<f64>,
    /// `returns.clicks.v1`.
    pub expected_clicks: Measure<f64>,
    /// `returns.orders.v1`.
    pub expected_orders: Measure<f64>,
    /// Product cost + shipping.
    pub gift_cost: Option<f64>,
    /// `returns.cost_per_order.v1` for the gift alone.
    pub cost_per_expected_order: Measure<f64>,
    /// `returns.cost_per_order.v1` when the creator is also paid the fair price.
    pub cost_per_expected_order_with_fee: Measure<MoneyRange>,
    /// `returns.revenue.v1`; null unless an average order value is set.
    pub expected_revenue: Measure<f64>,
    /// `returns.revenue_per_cost.v1`: expected revenue ÷ gift cost (revenue, not profit).
    pub revenue_per_gift_cost: Measure<f64>,
    /// Whether expected revenue covers the gift; null without an average order value or an estimate.
    pub pays_for_itself: Option<bool>,
    /// The answer in one sentence.
    pub verdict: String,
    /// Every assumption behind the numbers.
    pub assumptions: Vec<Assumption>,
}

pub(crate) fn returns(engagement: &EngagementCore, price: &Measure<MoneyRange>, settings: &Settings) -> Returns {
    let r = &settings.returns;
    let defaults = ReturnAssumptions::default();
    let source = |is_default: bool| {
        if is_default { AssumptionSource::DefaultSetting } else { AssumptionSource::WorkspaceSetting }
    };
    let currency = r.currency.clone();
    let n = engagement.sample;
    let window = VIDEO_WINDOW as u32;
    let views = engagement.median_views;
    let clicks = views.and_then(|v| finite(v * r.click_through_rate));
    let orders = clicks.and_then(|c| finite(c * r.conversion_rate));
    let gift_cost = finite(r.product_cost + r.shipping_cost);
    let why = if views.is_none() { engagement.missing } else { Unavailable::ZeroAssumption };
    let per_order = orders.filter(|o| *o > 0.0).zip(gift_cost).and_then(|(o, g)| finite(g / o));
    let per_order_with_fee =
        orders.filter(|o| *o > 0.0).zip(gift_cost).zip(price.value).and_then(|((o, g), fee)| fee.map(|f| (g + f) / o));
    let revenue = orders.zip(r.average_order_value).and_then(|(o, aov)| finite(o * aov));
    let revenue_why = if r.average_order_value.is_none() { Unavailable::NotSet } else { why };
    let per_cost = revenue.zip(gift_cost.filter(|g| *g > 0.0)).and_then(|(rev, g)| finite(rev / g));
    let pays_for_itself = revenue.zip(gift_cost).map(|(rev, g)| rev >= g);

    let assumptions = vec![
        assumption(
            "views of the gifted post",
            match views {
                Some(v) => format!("{} (median of the creator's last {n} videos with views)", wording::count_f(v)),
                None => "unknown: fewer than 3 recent videos with views".to_owned(),
            },
            AssumptionSource::Data,
        ),
        assumption(
            "click-through rate",
            format!("{} of viewers visit the shop", wording::share_percent(r.click_through_rate)),
            source(r.click_through_rate == defaults.click_through_rate),
        ),
        assumption(
            "conversion rate",
            format!("{} of visitors order", wording::share_percent(r.conversion_rate)),
            source(r.conversion_rate == defaults.conversion_rate),
        ),
        assumption(
            "product cost",
            wording::money(r.product_cost, &currency),
            source(r.product_cost == defaults.product_cost),
        ),
        assumption(
            "shipping",
            wording::money(r.shipping_cost, &currency),
            source(r.shipping_cost == defaults.shipping_cost),
        ),
        assumption(
            "average order value",
            r.average_order_value.map(|aov| wording::money(aov, &currency)).unwrap_or_else(|| "not set".to_owned()),
            source(r.average_order_value.is_none()),
        ),
        assumption(
            "what counts",
            "orders from the post's own views only: no lasting effect, no repeat orders, no reposts".to_owned(),
            AssumptionSource::Model,
        ),
    ];
    let verdict = match (orders, gift_cost, revenue) {
        (None, _, _) => "unknown: fewer than 3 recent videos with views to expect views from".to_owned(),
        (Some(o), _, _) if o <= 0.0 => "no orders expected under these assumptions".to_owned(),
        (Some(o), Some(g), Some(rev)) => format!(
            "about {o:.1} orders worth {} against {} for product and shipping: {}",
            wording::money(rev, &currency),
            wording::money(g, &currency),
            if rev >= g { "likely to pay for itself" } else { "unlikely to pay for itself" }
        ),
        (Some(o), Some(g), None) => format!(
            "about {o:.1} orders for {} of product and shipping ({} per order); set an average order value to compare \
             with revenue",
            wording::money(g, &currency),
            per_order.map(|p| wording::money(p, &currency)).unwrap_or_else(|| "—".to_owned()),
        ),
        (Some(o), None, _) => format!("about {o:.1} orders; the gift's cost is not a valid number"),
    };
    Returns {
        expected_views: Measure::float(&crate::measure::VIEWS_MEDIAN, views, n, engagement.missing).videos(window),
        expected_clicks: Measure::float(&RETURNS_CLICKS, clicks, n, why).videos(window),
        expected_orders: Measure::float(&RETURNS_ORDERS, orders, n, why).videos(window),
        gift_cost,
        cost_per_expected_order: Measure::float(&RETURNS_COST_PER_ORDER, per_order, n, why).videos(window),
        cost_per_expected_order_with_fee: Measure::new(&RETURNS_COST_PER_ORDER, per_order_with_fee, n, why)
            .videos(window),
        expected_revenue: Measure::float(&RETURNS_REVENUE, revenue, n, revenue_why).videos(window),
        revenue_per_gift_cost: Measure::float(&RETURNS_ROAS, per_cost, n, revenue_why).videos(window),
        pays_for_itself,
        verdict,
        assumptions,
        currency,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::CpmOverride;

    fn core(median_views: f64, median_interactions: f64) -> EngagementCore {
        EngagementCore {
            by_views: Some(median_interactions / median_views * 100.0),
            median_views: Some(median_views),
            median_interactions: Some(median_interactions),
            sample: 30,
            missing: Unavailable::NoViews,
        }
    }

    #[test]
    fn tiers_follow_the_common_alternative_table() {
        let cases = [
            (0, Tier::Nano),
            (9_999, Tier::Nano),
            (10_000, Tier::Micro),
            (99_999, Tier::Micro),
            (100_000, Tier::Mid),
            (500_000, Tier::Macro),
            (1_000_000, Tier::Mega),
            (i64::MAX, Tier::Mega),
        ];
        for (followers, tier) in cases {
            assert_eq!(Tier::of(followers), tier, "{followers} followers");
        }
        assert!(tier_info(Some(500)).unwrap().below_table);
    }

    #[test]
    fn each_tier_covers_the_followers_it_is_named_for() {
        for tier in Tier::ALL {
            let (first, end) = tier.followers();
            assert_eq!(Tier::of(first), tier);
            if let Some(end) = end {
                assert_eq!(Tier::of(end - 1), tier);
                assert_ne!(Tier::of(end), tier);
            }
        }
    }

    #[test]
    fn default_cpms_span_the_top_that_grows_within_a_tier() {
        let micro = default_cpms().into_iter().find(|d| d.tier == Tier::Micro).unwrap();
        assert_eq!((micro.low, micro.high_from, micro.high_to), (6.0, 8.0, 10.0));
        let nano = default_cpms().into_iter().find(|d| d.tier == Tier::Nano).unwrap();
        assert_eq!((nano.high_from, nano.high_to), (8.0, 8.0));
        assert_eq!(default_cpms().iter().map(|d| d.high_to).collect::<Vec<_>>(), [8.0, 10.0, 12.0, 15.0, 20.0]);
    }

    #[test]
    fn tier_names_match_their_json() {
        for tier in Tier::ALL {
            assert_eq!(serde_json::to_string(&tier).unwrap(), format!("\"{}\"", tier.name()));
        }
    }

    #[test]
    fn the_reference_example_28k_followers_40k_views() {
        // §6.4: 28K followers (micro), median views 40,000 → 40 × [$6, $8] = $240–$320, rate card $75–350.
        let p = fair_price(Some(28_000), &core(40_000.0, 4_000.0), &Settings::default(), None);
        assert_eq!(p.price.value, Some(MoneyRange { low: 240.0, high: 320.0 }));
        let card = p.rate_card.as_ref().unwrap();
        assert_eq!((card.band, card.low, card.high), ("10K–50K", 75.0, Some(350.0)));
        assert_eq!(p.cpm_source, CpmSource::Default);
        // CPV = CPM ÷ 1000; CPE = price ÷ median engagements (4,000).
        assert_eq!(p.cost_per_view.value, Some(MoneyRange { low: 0.006, high: 0.008 }));
        assert_eq!(p.cost_per_engagement.value, Some(MoneyRange { low: 0.06, high: 0.08 }));
        assert_eq!(
            p.explanation,
            "40,000 expected views × CPM = 240.00–320.00 USD (rate card for 10K–50K: 75–350 USD a post)"
        );
    }

    #[test]
    fn a_workspace_override_replaces_the_tier_cpm() {
        let settings = Settings {
            cpm_overrides: vec![CpmOverride { tier: Tier::Micro, low: 10.0, high: 20.0 }],
            ..Settings::default()
        };
        let p = fair_price(Some(28_000), &core(40_000.0, 4_000.0), &settings, Some(0.5));
        assert_eq!(p.price.value, Some(MoneyRange { low: 400.0, high: 800.0 }));
        assert_eq!(p.cpm_source, CpmSource::WorkspaceOverride);
        // 14,000 target followers: 400 / 14 and 800 / 14 per thousand.
        let per_target = p.per_thousand_target_followers.value.unwrap();
        assert!((per_target.low - 400.0 / 14.0).abs() < 1e-9);
    }

    #[test]
    fn default_cpm_high_follows_the_follower_thresholds() {
        let cases = [(49_999, 8.0), (50_000, 10.0), (100_000, 12.0), (500_000, 15.0), (1_000_000, 20.0)];
        for (followers, cpm) in cases {
            assert_eq!(default_cpm_high(followers), cpm, "{followers} followers");
        }
    }

    #[test]
    fn returns_by_hand() {
        // 40,000 views × 1% = 400 clicks × 2% = 8 orders; gift 25 → 3.125 per order; with a fee of 240–320:
        // (25 + 240) / 8 = 33.125 and (25 + 320) / 8 = 43.125. AOV 30 → revenue 240, 9.6 × the gift cost.
        let mut settings = Settings::default();
        settings.returns.average_order_value = Some(30.0);
        let engagement = core(40_000.0, 4_000.0);
        let price = fair_price(Some(28_000), &engagement, &settings, None).price;
        let r = returns(&engagement, &price, &settings);
        assert_eq!(r.expected_clicks.value, Some(400.0));
        assert_eq!(r.expected_orders.value, Some(8.0));
        assert_eq!(r.cost_per_expected_order.value, Some(3.125));
        assert_eq!(r.cost_per_expected_order_with_fee.value, Some(MoneyRange { low: 33.125, high: 43.125 }));
        assert_eq!(r.expected_revenue.value, Some(240.0));
        assert_eq!(r.revenue_per_gift_cost.value, Some(9.6));
        assert_eq!(r.pays_for_itself, Some(true));
        assert_eq!(
            r.verdict,
            "about 8.0 orders worth 240.00 USD against 25.00 USD for product and shipping: likely to pay for itself"
        );
        let ctr = r.assumptions.iter().find(|a| a.name == "click-through rate").unwrap();
        assert_eq!(
            (ctr.value.as_str(), ctr.source),
            ("1% of viewers visit the shop", AssumptionSource::DefaultSetting)
        );
    }

    #[test]
    fn no_orders_means_no_cost_per_order() {
        let mut settings = Settings::default();
        settings.returns.click_through_rate = 0.0;
        let engagement = core(40_000.0, 4_000.0);
        let price = fair_price(Some(28_000), &engagement, &settings, None).price;
        let r = returns(&engagement, &price, &settings);
        assert_eq!(r.cost_per_expected_order.value, None);
        assert_eq!(r.cost_per_expected_order.unavailable, Some(Unavailable::ZeroAssumption));
        assert_eq!(r.verdict, "no orders expected under these assumptions");
    }
}
