//! How every analytic value says how it was computed: the [`Measure`] wrapper, the catalogue of versioned
//! [`Formula`]s and the reasons a value can be missing.
//!
//! analytics.md §1.3 asks to "publish the formula and keep it stable" and to version formulas so numbers never jump
//! silently: a formula's id ends in `.vN`, and any change to what it computes gets a new id.

use serde::Serialize;
use utoipa::ToSchema;

/// One analytic value together with how it was computed.
///
/// `value` is null when the data cannot support an honest number (see `unavailable`); it is never extrapolated from a
/// shorter window and never NaN or infinite.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Measure<T> {
    /// The value, or null when it cannot be computed (the reason is in `unavailable`).
    pub value: Option<T>,
    /// Unit of `value`, for display.
    pub unit: Unit,
    /// Stable, versioned formula id such as `growth.pct.v1`; see [`FORMULAS`] for the catalogue.
    pub formula: &'static str,
    /// The formula in words, short enough for a tooltip.
    pub formula_text: &'static str,
    /// Length of the time window in days, for windows defined by time.
    pub window_days: Option<u32>,
    /// Maximum number of videos in the window, for windows defined by a video count (the last N videos).
    pub window_videos: Option<u32>,
    /// How many data points the value was computed from (snapshots, days or videos, as the formula says).
    pub sample_size: usize,
    /// Why `value` is null; absent when there is a value.
    pub unavailable: Option<Unavailable>,
}

impl<T> Measure<T> {
    /// A measure of `formula` without a window; set one with [`Measure::days`] or [`Measure::videos`].
    pub(crate) fn new(formula: &Formula, value: Option<T>, sample_size: usize, missing: Unavailable) -> Self {
        let unavailable = if value.is_none() { Some(missing) } else { None };
        Self {
            value,
            unit: formula.unit,
            formula: formula.id,
            formula_text: formula.text,
            window_days: None,
            window_videos: None,
            sample_size,
            unavailable,
        }
    }

    pub(crate) fn days(mut self, days: u32) -> Self {
        self.window_days = Some(days);
        self
    }

    pub(crate) fn videos(mut self, videos: u32) -> Self {
        self.window_videos = Some(videos);
        self
    }
}

impl Measure<f64> {
    /// A floating-point measure; NaN and infinities become null, because JSON cannot carry them.
    pub(crate) fn float(formula: &Formula, value: Option<f64>, sample_size: usize, missing: Unavailable) -> Self {
        let finite_value = value.and_then(finite);
        let missing = if value.is_some() && finite_value.is_none() { Unavailable::NotFinite } else { missing };
        Self::new(formula, finite_value, sample_size, missing)
    }
}

/// `Some(x)` when `x` is finite: every float leaving this crate passes through here.
pub(crate) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Unit of a [`Measure`]'s value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A count (followers, views, orders).
    Count,
    /// A percentage: 12.5 means 12.5 %.
    Percent,
    /// A count per day.
    PerDay,
    /// A plain ratio, such as 1.4 for "1.4 times".
    Ratio,
    /// A share between 0 and 1.
    Share,
    /// An amount of money in the stated currency.
    Money,
    /// A score from 0 to 100.
    Score,
}

/// Why a [`Measure`] has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unavailable {
    /// There are no snapshots at all.
    NoHistory,
    /// No snapshot lies at (or shortly before) the start of the window: tracking started too recently or there is a
    /// gap there (analytics.md §2.3: never a shorter window under a longer label).
    NotEnoughHistory,
    /// The base of a percentage or ratio is zero or negative, so the ratio is undefined (§2.1).
    ZeroBase,
    /// Fewer than 3 usable videos in the window (§1.3, §4.1 cold start).
    NotEnoughVideos,
    /// The videos in the window have no views to compare with.
    NoViews,
    /// The follower count is unknown or zero.
    NoFollowers,
    /// Follower gain is zero or negative, so a milestone is never reached (§3).
    NotGrowing,
    /// Too few points for a residual band (ordinary least squares needs at least 3).
    NotEnoughPoints,
    /// The inputs are so large that the result is not a finite number.
    NotFinite,
    /// The brand's assumptions make this zero (for example a click-through rate of 0).
    ZeroAssumption,
    /// The workspace has not set this assumption (for example the average order value).
    NotSet,
    /// The sample is too small for an honest number (for example fewer than 3 posts behind a proposed rate).
    NotEnoughData,
    /// There is no audience data for this creator.
    NoAudienceData,
    /// The workspace has no target audience, or the target names nothing this measure can compare.
    NoTarget,
}

/// A versioned formula: its stable id, its text for a tooltip, and the unit of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Formula {
    /// Stable id, such as `growth.pct.v1`.
    pub id: &'static str,
    /// The formula in words.
    pub text: &'static str,
    /// Unit of the values it produces.
    pub unit: Unit,
    /// The analytics.md section it follows.
    pub reference: &'static str,
}

macro_rules! formulas {
    ($($name:ident = $id:literal, $unit:ident, $reference:literal, $text:literal;)*) => {
        $(
            #[doc = concat!("`", $id, "`: ", $text, " (analytics.md ", $reference, ").")]
            pub const $name: Formula = Formula { id: $id, text: $text, unit: Unit::$unit, reference: $reference };
        )*
        /// Every formula this crate uses, for a glossary page or an API endpoint.
        pub const FORMULAS: &[Formula] = &[$($name),*];
    };
}

formulas! {
    GROWTH_ABS = "growth.abs.v1", Count, "§2.1",
        "F(end) − F(start), between the latest snapshot and the last one at or before the window start";
    GROWTH_PCT = "growth.pct.v1", Percent, "§2.1",
        "(F(end) − F(start)) ÷ F(start) × 100; undefined when F(start) ≤ 0";
    GROWTH_DAILY = "growth.daily_gain.v1", PerDay, "§2.1, §2.3",
        "(F(end) − F(start)) ÷ actual days between the two snapshots";
    GROWTH_ACCELERATION = "growth.acceleration.v1", Ratio, "§2.1",
        "average daily gain over 7 days ÷ average daily gain over 30 days; > 1 means accelerating; \
         undefined when the 30-day gain is ≤ 0";
    PROJECTION_LINEAR = "projection.linear.v1", PerDay, "§3",
        "gain = (F(T) − F(T − 30)) ÷ 30 days; F̂(T + h) = F(T) + h × gain";
    PROJECTION_WEIGHTED = "projection.weighted.v1", PerDay, "§3",
        "gain = Σ 0.95^k × Δ(T − k) ÷ Σ 0.95^k over the last 60 days; F̂(T + h) = F(T) + h × gain";
    PROJECTION_BAND = "projection.band80.v1", Count, "§3",
        "80% band: linear projection ± t₀.₉₀ × s × √(1 + 1/n + (t_h − t̄)² ÷ Σ(t − t̄)²), s = residual standard \
         error of a least-squares line over the last 30 days";
    PROJECTION_MILESTONE = "projection.milestone.v1", Count, "§3",
        "days = ⌈(next milestone − F(T)) ÷ daily gain⌉; not reached when the gain is ≤ 0";
    ENGAGEMENT_VIEWS_MEDIAN = "engagement.views.median.v1", Percent, "§1.2 ER_med",
        "median(likes + comments + shares) ÷ median(views) × 100 over the last 30 videos with views";
    ENGAGEMENT_VIEWS_TOTAL = "engagement.views.total.v1", Percent, "§1.2 ER_tot",
        "Σ(likes + comments + shares) ÷ Σ views × 100 over the last 30 videos with views";
    ENGAGEMENT_VIEWS_MEAN = "engagement.views.mean_of_rates.v1", Percent, "§1.2 ER_avg",
        "mean over videos of (likes + comments + shares) ÷ views × 100, last 30 videos with views";
    ENGAGEMENT_FOLLOWERS_MEDIAN = "engagement.followers.median.v1", Percent, "§1.1, §1.2",
        "median(likes + comments + shares) ÷ followers today × 100 over the last 30 videos with views";
    ENGAGEMENT_VIDEO = "engagement.video.v1", Percent, "§1.1",
        "(likes + comments + shares) ÷ views × 100 for one video";
    VIEWS_MEDIAN = "views.median.v1", Count, "§6.4",
        "median views of the last 30 videos with views (expected views of a new video)";
    OUTLIER_MULTIPLE = "outlier.multiple.v1", Ratio, "§4.1, §4.3",
        "views ÷ median views of the creator's last 30 videos, this video and videos under 48 hours old excluded";
    VIEWS_PER_FOLLOWER = "outlier.views_per_follower.v1", Ratio, "§4.1 VPS", "views ÷ followers today";
    RISING = "rising.v1", Ratio, "§7",
        "rising when the 7-day average daily gain is > 0 and > the 30-day one, a video of the last 30 days has \
         ≥ the viral multiple of median views, and followers are under the ceiling";
    PRICE_CPM = "price.cpm_range.v1", Money, "§6.4",
        "expected views ÷ 1000 × CPM range of the tier";
    PRICE_CPV = "price.cpv.v1", Money, "§6.4", "price ÷ expected views";
    PRICE_CPE = "price.cpe.v1", Money, "§6.4", "price ÷ (expected views × engagement rate by views)";
    PRICE_TARGET = "price.per_thousand_target_followers.v1", Money, "§6.2, §6.4",
        "price ÷ (followers × estimated share of the audience in the target ÷ 1000)";
    RETURNS_CLICKS = "returns.clicks.v1", Count, "§6.4 (proposal)", "expected views × click-through rate";
    RETURNS_ORDERS = "returns.orders.v1", Count, "§6.4 (proposal)",
        "expected views × click-through rate × conversion rate";
    RETURNS_COST_PER_ORDER = "returns.cost_per_order.v1", Money, "§6.4 (proposal)",
        "(product cost + shipping [+ fee]) ÷ expected orders";
    RETURNS_REVENUE = "returns.revenue.v1", Money, "§6.4 (proposal)", "expected orders × average order value";
    RETURNS_ROAS = "returns.revenue_per_cost.v1", Ratio, "§6.4 (proposal)",
        "expected revenue ÷ (product cost + shipping)";
    AUTH_FOLLOWER_SPIKE = "authenticity.follower_step.v1", Count, "§8.2",
        "a one-day follower gain ≥ 5 × the median daily gain of the 30 days before, ≥ 100 and ≥ 0.5% of followers, \
         with the days either side under half of it";
    AUTH_FOLLOWING_SPIKE = "authenticity.following_spike.v1", Count, "§8.2",
        "a one-day change in following ≥ 5 × the median absolute daily change of the 30 days before, ≥ 50 and \
         ≥ 10% of following, with the days either side under half of it";
    FIT_AUDIENCE = "fit.audience.v1", Score, "§10.9 (proposal)",
        "100 × weighted mean over the target's dimensions of the audience share matching the target \
         (countries 0.35, languages 0.25, ages 0.25, genders 0.15)";
    FIT_CONTENT = "fit.content.v1", Score, "§10.9 (proposal)",
        "100 × mean of the share of recent videos posted from target countries and the share using a target hashtag";
    CONTENT_REGION = "fit.content.region.v1", Share, "§10.9 (proposal)",
        "videos whose region is a target country ÷ videos with a region, last 30 videos";
    CONTENT_INTEREST = "fit.content.interest.v1", Share, "§10.9 (proposal)",
        "videos with at least one target hashtag ÷ videos, last 30 videos";
    ESTIMATE_LANGUAGE = "fit.estimate.language.v1", Share, "§10.9 (proposal)",
        "commenters whose most frequent detected language is L ÷ commenters with at least one classified comment, \
         with a 95% Wilson score interval; a comment is classified when it has ≥ 12 letters (or ≥ 4 Chinese, \
         Japanese or Korean characters) and the detector's confidence is ≥ 0.5";
    ESTIMATE_COUNTRY = "fit.estimate.country.v1", Share, "§10.9 (proposal)",
        "commenters whose profile country is C ÷ commenters with a profile country, with a 95% Wilson score interval";
    CAMPAIGN_POST_RATE = "campaign.post_rate.v1", Percent, "§6.4 (campaigns)",
        "creators with at least one campaign post ÷ creators the product was shipped to × 100";
    CAMPAIGN_DAYS_TO_POST = "campaign.days_to_post.median.v1", Count, "§6.4 (campaigns)",
        "median days from ship date to a creator's first campaign post, creators who posted";
    CAMPAIGN_COST_PER_POST = "campaign.cost_per_post.v1", Money, "§6.4 (campaigns)",
        "campaign cost (product × units + shipping + fees) ÷ campaign posts";
    CAMPAIGN_CPM = "campaign.cpm.v1", Money, "§6.4 (campaigns)",
        "campaign cost ÷ views of the campaign posts × 1000";
    CAMPAIGN_CPE = "campaign.cpe.v1", Money, "§6.4 (campaigns)",
        "campaign cost ÷ (likes + comments + shares of the campaign posts)";
    CAMPAIGN_COST_PER_ORDER = "campaign.cost_per_order.v1", Money, "§6.4 (campaigns)",
        "campaign cost ÷ attributed orders in the campaign's currency";
    CAMPAIGN_ROAS = "campaign.roas.v1", Ratio, "§6.4 (campaigns)",
        "attributed revenue in the campaign's currency ÷ campaign cost (revenue, not profit)";
    CAMPAIGN_CTR = "campaign.click_through_rate.v1", Share, "§6.4 (campaigns)",
        "clicks entered for the creators ÷ views of their campaign posts; needs ≥ 3 posts and ≥ 1000 views";
    CAMPAIGN_CVR = "campaign.conversion_rate.v1", Share, "§6.4 (campaigns)",
        "orders ÷ clicks where clicks were entered, else orders ÷ views ÷ the workspace's click-through rate; \
         needs ≥ 3 posts, ≥ 1000 views and ≥ 5 orders";
    CAMPAIGN_AOV = "campaign.average_order_value.v1", Money, "§6.4 (campaigns)",
        "revenue ÷ orders in the campaign's currency; needs ≥ 5 orders";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn formula_ids_are_unique_and_versioned() {
        let ids: BTreeSet<_> = FORMULAS.iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), FORMULAS.len(), "two formulas share an id");
        for formula in FORMULAS {
            let version = formula.id.rsplit('.').next().unwrap_or_default();
            assert!(
                version.starts_with('v') && version[1..].parse::<u32>().is_ok(),
                "{} has no .vN suffix",
                formula.id
            );
        }
    }

    #[test]
    fn non_finite_floats_become_null_with_a_reason() {
        let m = Measure::float(&GROWTH_PCT, Some(f64::NAN), 2, Unavailable::ZeroBase);
        assert_eq!(m.value, None);
        assert_eq!(m.unavailable, Some(Unavailable::NotFinite));
        let m = Measure::float(&GROWTH_PCT, None, 0, Unavailable::ZeroBase);
        assert_eq!(m.unavailable, Some(Unavailable::ZeroBase));
        let m = Measure::float(&GROWTH_PCT, Some(1.5), 2, Unavailable::ZeroBase);
        assert_eq!((m.value, m.unavailable), (Some(1.5), None));
    }
}
