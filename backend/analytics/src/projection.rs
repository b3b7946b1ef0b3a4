//! Follower projections (analytics.md §3): a linear one over the last 30 days and a recent-weighted one, an 80% band
//! from least-squares residuals, the next milestone's date, and a flag when one spike drives the pace.

use crate::growth;
use crate::history::{DailyPoint, History, Metric, days_after, days_before, days_between, steps};
use crate::measure::{
    Measure, PROJECTION_BAND, PROJECTION_LINEAR, PROJECTION_MILESTONE, PROJECTION_WEIGHTED, Unavailable, finite,
};
use crate::wording;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

/// §3: no projection with fewer than 30 days of history (TubeLog's threshold).
pub const MIN_HISTORY_DAYS: i64 = 30;
/// Days of chart points `analyze` returns.
pub const DEFAULT_HORIZON_DAYS: u32 = 30;
/// §3: the weights of the recent-weighted gain, `w_k = 0.95^k` for the gain `k` days ago…
pub const WEIGHT_DECAY: f64 = 0.95;
/// …over the last 60 days (k = 0..59).
pub const WEIGHTED_DAYS: i64 = 60;
/// A milestone further away than this (100 years) is reported as not reached rather than as a date no one can use.
pub const MAX_MILESTONE_DAYS: f64 = 36_525.0;

/// One future day on the projection chart.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ProjectionPoint {
    pub date: NaiveDate,
    /// Days after the latest snapshot (`h`).
    pub days_ahead: u32,
    /// Linear projection `F(T) + h × linear gain`, never below 0.
    pub mid: f64,
    /// Lower edge of the 80% band; null when the band cannot be computed. Always ≤ `mid`.
    pub low: Option<f64>,
    /// Upper edge of the 80% band; always ≥ `mid`.
    pub high: Option<f64>,
    /// Recent-weighted projection `F(T) + h × weighted gain`, never below 0.
    pub weighted: Option<f64>,
}

/// When the next follower milestone is reached at a given pace.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Milestone {
    /// `projection.milestone.v1`.
    pub formula: &'static str,
    /// The next milestone above today's count (10K, 25K, 50K, 100K, 250K, … see [`next_milestone`]).
    pub goal: Option<i64>,
    /// The daily gain assumed.
    pub daily_gain: Option<f64>,
    /// False when the gain is ≤ 0 ("not reached at the current pace") or the date would be over 100 years away.
    pub reachable: bool,
    pub days: Option<i64>,
    pub date: Option<NaiveDate>,
    /// True when the date lies beyond twice the history, the longest horizon §3 trusts.
    pub beyond_reliable_horizon: bool,
    /// E.g. "~100K in about 47 days (2025-08-16) at +1,234 a day".
    pub explanation: String,
}

/// The day that contributes most to the 30-day gain, and its share of it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SpikeDay {
    /// The day the gain was measured on (the end of a gap when days are missing; the gain is then per day).
    pub date: NaiveDate,
    /// Gain on that day.
    pub gain: f64,
    /// Net gain of the whole 30-day window.
    pub net_gain: i64,
    /// `gain ÷ net_gain`.
    pub share_of_net: f64,
}

/// Follower projection.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Projection {
    /// Day of the latest snapshot, `T`.
    pub as_of: Option<NaiveDate>,
    /// Followers on `T`.
    pub current: Option<i64>,
    /// Why there is no projection (fewer than 30 days of history, or none at all).
    pub unavailable: Option<Unavailable>,
    /// Days from the first to the latest snapshot.
    pub history_days: Option<i64>,
    /// Days of `points`: the requested horizon, capped at twice the history (§3).
    pub horizon_days: u32,
    /// `projection.linear.v1`: followers a day over the last 30 days.
    pub linear_daily_gain: Measure<f64>,
    /// `projection.weighted.v1`: followers a day, recent days weighted more (TwitterCounter's idea, §3).
    pub weighted_daily_gain: Measure<f64>,
    /// `projection.band80.v1`: the residual standard error `s` behind the band.
    pub residual_standard_error: Measure<f64>,
    /// Chart points for days 1..=horizon.
    pub points: Vec<ProjectionPoint>,
    /// Next milestone at the linear pace.
    pub milestone: Milestone,
    /// Next milestone at the recent-weighted pace.
    pub milestone_weighted: Milestone,
    /// §3: true when the largest single-day gain is more than half of the 30-day net gain, so one spike drives the
    /// projection; null without a projection.
    pub driven_by_spike: Option<bool>,
    /// The largest single-day gain of the window, the evidence for `driven_by_spike`.
    pub largest_day: Option<SpikeDay>,
}

/// The milestones of §3 and the issue: 10K, 25K, 50K, then 1, 2.5 and 5 × each power of ten. Returns the smallest one
/// above `current`, or `None` past the range of `i64`.
pub fn next_milestone(current: i64) -> Option<i64> {
    let mut power: i64 = 10_000;
    loop {
        for milestone in [power, power / 2 * 5, power * 5] {
            if milestone > current {
                return Some(milestone);
            }
        }
        power = power.checked_mul(10)?;
        // 5 × power must fit as well, or the last step of the loop would overflow.
        power.checked_mul(5)?;
    }
}

/// Follower projection for `horizon_days` days after the latest snapshot on or before `today`.
pub fn project(history: &[DailyPoint], today: NaiveDate, horizon_days: u32) -> Projection {
    projection(&History::new(history, today), horizon_days)
}

pub(crate) fn projection(history: &History<'_>, horizon_days: u32) -> Projection {
    let (Some(first), Some(end)) = (history.first().copied(), history.latest().copied()) else {
        return unavailable(None, None, Unavailable::NoHistory);
    };
    let history_days = days_between(first.date, end.date);
    let linear = growth::window(history, Metric::Followers, 30);
    let (Some(gain), Some(start), Some(net)) = (linear.daily_gain, linear.start, linear.absolute) else {
        return unavailable(Some(end), Some(history_days), Unavailable::NotEnoughHistory);
    };
    if history_days < MIN_HISTORY_DAYS {
        return unavailable(Some(end), Some(history_days), Unavailable::NotEnoughHistory);
    }

    let (weighted, weighted_days) = weighted_gain(history, end.date);
    let window = history.since(start.date);
    let band = Band::fit(window, start.date);
    let t_end = days_between(start.date, end.date) as f64;
    let horizon = horizon_days.min(u32::try_from(history_days.saturating_mul(2)).unwrap_or(u32::MAX));
    let current = end.followers as f64;
    let mut points = Vec::with_capacity(horizon as usize);
    for h in 1..=horizon {
        let Some(date) = days_after(end.date, h.into()) else { break };
        let h_f = f64::from(h);
        let raw_mid = current + h_f * gain;
        let half = band.as_ref().and_then(|b| finite(b.half_width(t_end + h_f)));
        let Some(mid) = finite(raw_mid.max(0.0)) else { break };
        points.push(ProjectionPoint {
            date,
            days_ahead: h,
            mid,
            low: half.and_then(|w| finite((raw_mid - w).max(0.0))),
            high: half.and_then(|w| finite((raw_mid + w).max(0.0))),
            weighted: weighted.and_then(|g| finite((current + h_f * g).max(0.0))),
        });
    }

    let largest_day = steps(window, Metric::Followers)
        .max_by(|a, b| a.per_day.total_cmp(&b.per_day))
        .filter(|_| net > 0)
        .map(|step| SpikeDay {
            date: step.to,
            gain: step.per_day,
            net_gain: net,
            share_of_net: step.per_day / net as f64,
        });
    let reliable = history_days.saturating_mul(2);
    Projection {
        as_of: Some(end.date),
        current: Some(end.followers),
        unavailable: None,
        history_days: Some(history_days),
        horizon_days: horizon,
        linear_daily_gain: Measure::float(
            &PROJECTION_LINEAR,
            Some(gain),
            linear.samples,
            Unavailable::NotEnoughHistory,
        )
        .days(30),
        weighted_daily_gain: Measure::float(
            &PROJECTION_WEIGHTED,
            weighted,
            weighted_days,
            Unavailable::NotEnoughHistory,
        )
        .days(WEIGHTED_DAYS as u32),
        residual_standard_error: Measure::float(
            &PROJECTION_BAND,
            band.as_ref().map(|b| b.s),
            window.len(),
            Unavailable::NotEnoughPoints,
        )
        .days(30),
        points,
        milestone: milestone(end, Some(gain), reliable),
        milestone_weighted: milestone(end, weighted, reliable),
        driven_by_spike: Some(largest_day.as_ref().is_some_and(|d| d.share_of_net > 0.5)),
        largest_day,
    }
}

fn unavailable(end: Option<DailyPoint>, history_days: Option<i64>, why: Unavailable) -> Projection {
    let none = |formula| Measure::float(formula, None, 0, why);
    let no_milestone = Milestone {
        formula: PROJECTION_MILESTONE.id,
        goal: end.and_then(|p| next_milestone(p.followers)),
        daily_gain: None,
        reachable: false,
        days: None,
        date: None,
        beyond_reliable_horizon: false,
        explanation: format!("no projection yet: it needs at least {MIN_HISTORY_DAYS} days of history"),
    };
    Projection {
        as_of: end.map(|p| p.date),
        current: end.map(|p| p.followers),
        unavailable: Some(why),
        history_days,
        horizon_days: 0,
        linear_daily_gain: none(&PROJECTION_LINEAR).days(30),
        weighted_daily_gain: none(&PROJECTION_WEIGHTED).days(WEIGHTED_DAYS as u32),
        residual_standard_error: none(&PROJECTION_BAND).days(30),
        points: Vec::new(),
        milestone: no_milestone.clone(),
        milestone_weighted: no_milestone,
        driven_by_spike: None,
        largest_day: None,
    }
}

/// `gain_w = Σ w_k Δ_k ÷ Σ w_k` over the days `T − k`, k = 0..59, that have a known gain (§3). A gap's change is
/// spread evenly over its days (§2.3). Returns the gain and the number of days it used.
pub(crate) fn weighted_gain(history: &History<'_>, end: NaiveDate) -> (Option<f64>, usize) {
    let Some(oldest) = days_before(end, (WEIGHTED_DAYS - 1) as u64) else { return (None, 0) };
    let (mut weighted_sum, mut weights, mut days) = (0.0, 0.0, 0usize);
    for step in steps(&history.points, Metric::Followers).rev() {
        if step.to < oldest {
            break;
        }
        // Days (step.from, step.to] inside [oldest, end], each k = end − day days ago.
        let newest_k = days_between(step.to, end).max(0);
        let oldest_k = days_between(step.from, end).saturating_sub(1).min(WEIGHTED_DAYS - 1);
        for k in newest_k..=oldest_k {
            let w = WEIGHT_DECAY.powi(k as i32);
            weighted_sum += w * step.per_day;
            weights += w;
            days += 1;
        }
    }
    let gain = if weights > 0.0 { finite(weighted_sum / weights) } else { None };
    (gain, days)
}

/// Ordinary least squares of followers on days, kept for the band's width (§3).
struct Band {
    s: f64,
    n: f64,
    t_mean: f64,
    sxx: f64,
    quantile: f64,
}

impl Band {
    /// Needs 3 points (one residual degree of freedom); `None` otherwise or when the fit is not finite.
    fn fit(points: &[DailyPoint], origin: NaiveDate) -> Option<Band> {
        if points.len() < 3 {
            return None;
        }
        let n = points.len() as f64;
        let t = |p: &DailyPoint| days_between(origin, p.date) as f64;
        let t_mean = points.iter().map(t).sum::<f64>() / n;
        let y_mean = points.iter().map(|p| p.followers as f64).sum::<f64>() / n;
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for p in points {
            let (dt, dy) = (t(p) - t_mean, p.followers as f64 - y_mean);
            sxx += dt * dt;
            sxy += dt * dy;
        }
        if sxx <= 0.0 {
            return None;
        }
        let slope = sxy / sxx;
        let sse: f64 = points
            .iter()
            .map(|p| {
                let residual = (p.followers as f64 - y_mean) - slope * (t(p) - t_mean);
                residual * residual
            })
            .sum();
        let df = points.len() - 2;
        let s = finite((sse / df as f64).sqrt())?;
        Some(Band { s, n, t_mean, sxx, quantile: t_quantile_90(df) })
    }

    /// Half-width of the 80% prediction band at day `t` (days since the window start).
    fn half_width(&self, t: f64) -> f64 {
        let leverage = (t - self.t_mean).powi(2) / self.sxx;
        self.quantile * self.s * (1.0 + 1.0 / self.n + leverage).sqrt()
    }
}

/// The 0.90 quantile of Student's t with `df` degrees of freedom: the two-sided 80% band's multiplier. §3 allows
/// z = 1.2816 "or the t-quantile for small n"; the table is exact to three decimals up to 30, then steps to z.
fn t_quantile_90(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.350, 1.345, 1.341, 1.337,
        1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df - 1],
        31..=40 => 1.303,
        41..=60 => 1.296,
        61..=120 => 1.289,
        _ => 1.2816,
    }
}

fn milestone(end: DailyPoint, gain: Option<f64>, reliable_days: i64) -> Milestone {
    let goal = next_milestone(end.followers);
    let mut result = Milestone {
        formula: PROJECTION_MILESTONE.id,
        goal,
        daily_gain: gain,
        reachable: false,
        days: None,
        date: None,
        beyond_reliable_horizon: false,
        explanation: String::new(),
    };
    let (Some(goal), Some(gain)) = (goal, gain) else {
        result.explanation = "no milestone to project".to_owned();
        return result;
    };
    if gain <= 0.0 {
        result.explanation = format!("{} not reached at the current pace", wording::compact(goal));
        return result;
    }
    let days = ((goal as f64 - end.followers as f64) / gain).ceil();
    if days.is_nan() || days > MAX_MILESTONE_DAYS {
        result.explanation = format!("{} not reached within 100 years at the current pace", wording::compact(goal));
        return result;
    }
    let days = (days as i64).max(1);
    result.reachable = true;
    result.days = Some(days);
    result.date = days_after(end.date, days as u64);
    result.beyond_reliable_horizon = days > reliable_days;
    let date = result.date.map(|d| format!(" ({d})")).unwrap_or_default();
    let caution = if result.beyond_reliable_horizon { ", further than the history can vouch for" } else { "" };
    result.explanation = format!(
        "~{} in about {days} days{date} at {} a day{caution}",
        wording::compact(goal),
        wording::signed_count(gain.round() as i64)
    );
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::{day, point};
    use chrono::Days;
    use proptest::prelude::*;

    fn series(start: NaiveDate, followers: &[i64]) -> Vec<DailyPoint> {
        followers.iter().enumerate().map(|(i, &f)| point(start + Days::new(i as u64), f)).collect()
    }

    #[test]
    fn milestones_follow_the_one_two_and_a_half_five_ladder() {
        assert_eq!(next_milestone(0), Some(10_000));
        assert_eq!(next_milestone(10_000), Some(25_000));
        assert_eq!(next_milestone(30_000), Some(50_000));
        assert_eq!(next_milestone(99_999), Some(100_000));
        assert_eq!(next_milestone(1_200_000), Some(2_500_000));
        assert_eq!(next_milestone(7_000_000), Some(10_000_000));
        assert_eq!(next_milestone(i64::MAX), None);
        assert_eq!(next_milestone(-5), Some(10_000));
    }

    #[test]
    fn a_steady_creator_projects_linearly_with_a_milestone_date() {
        // 90,000 + 200 a day for 31 days → 96,000 on day 30; 100K needs 4,000 / 200 = 20 more days.
        let followers: Vec<i64> = (0..=30).map(|i| 90_000 + 200 * i).collect();
        let points = series(day(2025, 6, 1), &followers);
        let p = project(&points, day(2025, 7, 1), 30);
        assert_eq!(p.linear_daily_gain.value, Some(200.0));
        assert!((p.weighted_daily_gain.value.unwrap() - 200.0).abs() < 1e-9);
        assert_eq!(p.points.len(), 30);
        assert_eq!((p.points[0].mid, p.points[29].mid), (96_200.0, 102_000.0));
        assert_eq!(
            (p.milestone.goal, p.milestone.days, p.milestone.date),
            (Some(100_000), Some(20), Some(day(2025, 7, 21)))
        );
        assert_eq!(p.milestone.explanation, "~100K in about 20 days (2025-07-21) at +200 a day");
        // A perfect line has no residuals: the band collapses onto the mid line.
        assert!(p.residual_standard_error.value.unwrap() < 1e-6);
        assert!((p.points[0].low.unwrap() - 96_200.0).abs() < 1e-6);
        assert_eq!(p.driven_by_spike, Some(false));
    }

    #[test]
    fn weighted_gain_favours_recent_days() {
        // 59 days of +10, then one day of +1000 (k = 0, weight 1).
        let mut followers: Vec<i64> = (0..60).map(|i| 1_000 + 10 * i).collect();
        followers.push(followers[59] + 1_000);
        let points = series(day(2025, 1, 1), &followers);
        let (gain, days) = weighted_gain(&History::new(&points, day(2025, 3, 31)), points[60].date);
        let weights: f64 = (0..60).map(|k| WEIGHT_DECAY.powi(k)).sum();
        let expected = (1_000.0 + 10.0 * (weights - 1.0)) / weights;
        assert_eq!(days, 60);
        assert!((gain.unwrap() - expected).abs() < 1e-9, "{gain:?} vs {expected}");
    }

    #[test]
    fn one_spike_driving_the_gain_is_flagged() {
        // Flat for 30 days except one day of +5,000: the largest day is the whole net gain.
        let mut followers = vec![50_000; 31];
        for f in followers.iter_mut().skip(20) {
            *f += 5_000;
        }
        let p = project(&series(day(2025, 6, 1), &followers), day(2025, 7, 1), 30);
        assert_eq!(p.driven_by_spike, Some(true));
        let spike = p.largest_day.unwrap();
        assert_eq!((spike.date, spike.gain, spike.share_of_net), (day(2025, 6, 21), 5_000.0, 1.0));
    }

    #[test]
    fn no_projection_below_30_days_and_no_milestone_without_growth() {
        let short = series(day(2025, 6, 1), &[1_000; 20]);
        let p = project(&short, day(2025, 7, 1), 30);
        assert_eq!((p.unavailable, p.points.len()), (Some(Unavailable::NotEnoughHistory), 0));

        let flat = series(day(2025, 6, 1), &[1_000; 31]);
        let p = project(&flat, day(2025, 7, 1), 30);
        assert!(!p.milestone.reachable);
        assert_eq!(p.milestone.explanation, "10K not reached at the current pace");
    }

    #[test]
    fn horizon_is_capped_at_twice_the_history() {
        let followers: Vec<i64> = (0..=30).map(|i| 1_000 + i).collect();
        let p = project(&series(day(2025, 6, 1), &followers), day(2025, 7, 1), 365);
        assert_eq!((p.horizon_days, p.points.len()), (60, 60));
    }

    #[test]
    fn t_quantiles_approach_z() {
        assert_eq!(t_quantile_90(1), 3.078);
        assert_eq!(t_quantile_90(28), 1.313);
        assert_eq!(t_quantile_90(10_000), 1.2816);
    }

    proptest! {
        #[test]
        fn the_band_contains_the_mid_line(
            steps in proptest::collection::vec((1u64..4, -1_000_000i64..1_000_000), 0..120),
            first in 0i64..i64::MAX / 2,
        ) {
            let mut date = day(2024, 1, 1);
            let mut followers = first;
            let mut points = vec![point(date, followers)];
            for (gap, change) in steps {
                date = date + Days::new(gap);
                followers = followers.saturating_add(change).max(0);
                points.push(point(date, followers));
            }
            let p = project(&points, date, 30);
            for pt in &p.points {
                prop_assert!(pt.mid.is_finite() && pt.mid >= 0.0);
                if let (Some(low), Some(high)) = (pt.low, pt.high) {
                    prop_assert!(low <= pt.mid && pt.mid <= high, "{low} <= {} <= {high}", pt.mid);
                } else {
                    prop_assert!(pt.low.is_none() && pt.high.is_none());
                }
            }
            prop_assert!(p.points.len() as u32 <= p.horizon_days);
        }
    }
}
