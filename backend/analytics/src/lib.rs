//! zzyzx's creator analytics: pure, deterministic functions that turn a creator's daily history and recent videos into
//! the numbers a brand decides with. No I/O: the store feeds them, handlers present them (STYLE.md point 8).
//!
//! The formulas, windows and thresholds follow `shared/reference/analytics.md`; each module cites its sections. Every
//! value says how it was computed ([`Measure`]: a versioned formula id, the window and the sample size) and is null,
//! with a reason, rather than extrapolated or NaN when the data cannot support it.
//!
//! - [`analyze`]: everything for a creator's page.
//! - [`summarize`]: the cheap subset for a dashboard row, run for hundreds of creators per request.
//! - [`daily_from_snapshots`], [`sparkline`], [`project`]: building blocks the store and the charts use directly.
//! - [`estimate_audience`]: an audience estimated from the comments on a creator's recent videos, which
//!   [`AudienceEstimate::to_profile`] turns into the [`AudienceProfile`] the fit score reads.

pub mod alerts;
mod audience;
mod authenticity;
pub mod campaign;
pub mod codes;
mod engagement;
mod estimate;
mod growth;
mod history;
mod measure;
mod outliers;
mod pricing;
mod projection;
mod rising;
mod settings;
mod videos;
mod wording;

pub use audience::{
    AudienceDimension, AudienceFit, AudienceKind, AudienceProfile, ContentSignal, FitDimension, FitInterval,
    LabelCount, LabelShare, TargetAudience,
};
pub use authenticity::{
    Authenticity, AuthenticitySignal, DataQualityFlag, DataQualityKind, ExplainingVideo, SignalKind,
};
pub use engagement::Engagement;
pub use estimate::{
    AudienceEstimate, ESTIMATE_SOURCE, EstimateSample, EstimatedBreakdown, EstimatedShare, MAX_READ_CHARACTERS,
    MIN_CONFIDENCE, MIN_DENSE_CHARACTERS, MIN_LETTERS, SampleSize, SampledComment, SkippedComments, WilsonInterval,
    estimate_audience, wilson_interval,
};
pub use growth::{Acceleration, GROWTH_WINDOWS, Growth, GrowthWindow, MetricGrowth, start_slack_days};
pub use history::{DailyGain, DailyPoint, MAX_SPARKLINE_DAYS, Metric, daily_from_snapshots, sparkline};
pub use measure::{FORMULAS, Formula, Measure, Unavailable, Unit};
pub use outliers::{Outliers, VideoOutlier};
pub use pricing::{
    Assumption, AssumptionSource, CpmSource, DEFAULT_CPM_LOW, DefaultCpm, FairPrice, MoneyRange, RateCard, Returns,
    TIER_TABLE, Tier, TierInfo, default_cpm_high, default_cpms, rate_card,
};
pub use projection::{Milestone, Projection, ProjectionPoint, SpikeDay, next_milestone, project};
pub use rising::Rising;
pub use settings::{CpmOverride, ReturnAssumptions, Settings, ValidationErrors};
pub use videos::{MATURE_AFTER, MIN_VIDEOS, VIDEO_WINDOW, VideoStats, normalize_hashtag};

use chrono::{DateTime, NaiveDate, Utc};
use history::History;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use videos::RecentVideos;

/// Everything zzyzx computes about one creator.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CreatorAnalytics {
    /// Day of the latest snapshot on or before `today`: the `T` every window ends on.
    pub as_of: Option<NaiveDate>,
    /// The `today` the analysis was run for.
    pub today: NaiveDate,
    /// The `now` the analysis was run at (video ages and "last 30 days" are measured from it).
    pub computed_at: DateTime<Utc>,
    /// Followers on `as_of`.
    pub followers: Option<i64>,
    pub growth: Growth,
    pub projection: Projection,
    pub engagement: Engagement,
    pub outliers: Outliers,
    pub rising: Rising,
    pub tier: Option<TierInfo>,
    pub fair_price: FairPrice,
    pub returns: Returns,
    pub authenticity: Authenticity,
    pub fit: AudienceFit,
    pub content_signal: ContentSignal,
    /// Oldest first.
    pub daily_gains: Vec<DailyGain>,
}

/// Analyses one creator: `history` one point per UTC day (ascending, gaps allowed), `videos` their recent videos,
/// `today` the current UTC day and `now` the current time. Never panics; values the data cannot support are null with
/// a reason.
pub fn analyze(
    history: &[DailyPoint],
    videos: &[VideoStats],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
    target: Option<&TargetAudience>,
    audience: Option<&AudienceProfile>,
) -> CreatorAnalytics {
    let history = History::new(history, today);
    let recent = RecentVideos::new(videos, now);
    let followers = history.latest().map(|p| p.followers);

    let growth = growth::growth(&history);
    let week = growth::window(&history, Metric::Followers, 7);
    let month = growth::window(&history, Metric::Followers, 30);
    let acceleration = growth::acceleration(&week, &month);
    let engagement_core = engagement::core(&recent);
    let fit = audience::fit(target, audience);
    let fair_price = pricing::fair_price(followers, &engagement_core, settings, fit.estimated_target_share);
    CreatorAnalytics {
        as_of: history.latest().map(|p| p.date),
        today,
        computed_at: now,
        followers,
        projection: projection::projection(&history, projection::DEFAULT_HORIZON_DAYS),
        engagement: engagement::engagement(&recent, &engagement_core, followers),
        outliers: outliers::outliers(&recent, followers, settings.effective_viral_multiple()),
        rising: rising::assess(&week, &acceleration, &recent, followers, settings),
        tier: pricing::tier_info(followers),
        returns: pricing::returns(&engagement_core, &fair_price.price, settings),
        fair_price,
        authenticity: authenticity::authenticity(&history, &recent, settings.effective_viral_multiple()),
        content_signal: audience::content_signal(target, &recent),
        fit,
        daily_gains: history::daily_gains(&history),
        growth,
    }
}

/// Follower growth over one window, for a dashboard row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GrowthSummary {
    /// `growth.abs.v1`; null without history reaching back to the window start.
    pub absolute: Option<i64>,
    /// `growth.pct.v1`; null also when the start count is 0.
    pub percent: Option<f64>,
    /// Days actually between the two snapshots.
    pub actual_days: Option<i64>,
}

/// Engagement by views, for a dashboard row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EngagementSummary {
    /// `engagement.views.median.v1` in percent over the last 30 videos; null below 3 videos with views.
    pub median_percent: Option<f64>,
    /// `views.median.v1`: the median views of the same videos, what the next video can expect; null below 3.
    pub median_views: Option<f64>,
    /// Videos it was computed from.
    pub sample_size: usize,
}

/// The cheap subset of [`CreatorAnalytics`] for a dashboard row. Every shared value is computed by the same code as
/// in [`analyze`], so the two always agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = AnalyticsSummary)]
pub struct CreatorSummary {
    pub as_of: Option<NaiveDate>,
    pub followers: Option<i64>,
    /// Followers over 7 days.
    pub growth_7d: GrowthSummary,
    /// Followers over 30 days.
    pub growth_30d: GrowthSummary,
    /// `growth.acceleration.v1` of followers, for sorting by acceleration.
    pub acceleration: Option<f64>,
    pub engagement_by_views: EngagementSummary,
    /// Videos posted in the last 30 days whose outlier multiple is at or above the workspace's **viral multiple**
    /// (default 5×), the same test the rising badge uses. Equals `outliers.viral_count_30d` of [`analyze`].
    pub outlier_count: usize,
    pub rising: Rising,
    pub tier: Option<Tier>,
    /// `fit.audience.v1`; null ("unknown") without audience data or a target.
    pub fit_score: Option<u8>,
    /// The kind of audience profile behind `fit_score` (an `estimated` fit is shown as one); null
    /// without a fit.
    pub fit_kind: Option<AudienceKind>,
    /// That profile's sample size (for an estimate, the commenters it was read from), when known.
    pub fit_sample_size: Option<i64>,
    /// `fit_score`'s 95% interval when the profile behind it is a sample (an estimate, or a profile stating its sample
    /// size): it widens as the sample shrinks. Null for a connected account's audience and without a fit.
    pub fit_interval: Option<FitInterval>,
    /// `fit.content.v1`, 0–100: the content signal, from the creator's videos (their regions and hashtags against the
    /// target), not from audience data; shown where `fit_score` is unknown, always labelled as a content signal. Null
    /// without a target or enough videos. Equals `content_signal.score` of [`analyze`].
    pub content_signal: Option<u8>,
    /// The video of the last 90 days with the highest outlier multiple; null at cold start.
    pub top_video_id: Option<String>,
}

/// The dashboard row of one creator: no projection, no authenticity scan, no daily table.
pub fn summarize(
    history: &[DailyPoint],
    videos: &[VideoStats],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
    target: Option<&TargetAudience>,
    audience: Option<&AudienceProfile>,
) -> CreatorSummary {
    let history = History::new(history, today);
    let recent = RecentVideos::new(videos, now);
    let followers = history.latest().map(|p| p.followers);
    let week = growth::window(&history, Metric::Followers, 7);
    let month = growth::window(&history, Metric::Followers, 30);
    let acceleration = growth::acceleration(&week, &month);
    let engagement = engagement::core(&recent);
    let summary = |w: &growth::WindowCore| GrowthSummary {
        absolute: w.absolute,
        percent: w.percent,
        actual_days: w.actual_days(),
    };
    let fit_score = audience::fit_score(target, audience).ok().map(|(score, _)| score);
    let fit_profile = audience.filter(|_| fit_score.is_some());
    CreatorSummary {
        as_of: history.latest().map(|p| p.date),
        followers,
        growth_7d: summary(&week),
        growth_30d: summary(&month),
        acceleration: acceleration.ratio,
        engagement_by_views: EngagementSummary {
            median_percent: engagement.by_views,
            median_views: engagement.median_views,
            sample_size: engagement.sample,
        },
        outlier_count: outliers::viral_count(&recent, settings.effective_viral_multiple()),
        rising: rising::assess(&week, &acceleration, &recent, followers, settings),
        tier: followers.map(Tier::of),
        fit_score,
        fit_kind: fit_profile.map(|a| a.kind),
        fit_sample_size: fit_profile.and_then(|a| a.sample_size),
        fit_interval: fit_profile.and_then(|_| audience::fit_interval(target, audience)),
        content_signal: target.and_then(|t| audience::content_signal(Some(t), &recent).score),
        top_video_id: outliers::best_within(&recent, outliers::TOP_VIDEO_DAYS).map(|(v, _)| v.id.clone()),
    }
}
