//! Growth over fixed windows (analytics.md §2): absolute and percentage change, average daily gain and acceleration,
//! for followers, following, likes and videos.

use crate::history::{DailyPoint, History, Metric, days_before, days_between};
use crate::measure::{GROWTH_ABS, GROWTH_ACCELERATION, GROWTH_DAILY, GROWTH_PCT, Measure, Unavailable, finite};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

/// The windows reported, in days: Social Blade's 1/7/30 and HypeAuditor's 90 and yearly (§2.2).
pub const GROWTH_WINDOWS: [u32; 5] = [1, 7, 30, 90, 365];

/// How much earlier than the window start the start snapshot may be (proposal, §2.3): the nearest snapshot at or before
/// `T − N` is used only if it is at most `max(1, N / 7)` days before it (1 day for the 1- and 7-day windows, 4 for 30,
/// 12 for 90, 52 for 365). Without this bound a gap would pass a months-long change off as "1 day".
pub fn start_slack_days(window_days: u32) -> u32 {
    (window_days / 7).max(1)
}

/// Change of one count over one window.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct GrowthWindow {
    /// Nominal window length in days.
    pub window_days: u32,
    /// Day of the snapshot the change is measured from (at or shortly before the window start); null when none
    /// qualifies.
    pub start_date: Option<NaiveDate>,
    /// Day of the latest snapshot.
    pub end_date: Option<NaiveDate>,
    /// Actual days between the two snapshots; growth is divided by this, never by the nominal length (§2.3).
    pub actual_days: Option<i64>,
    /// `growth.abs.v1`.
    pub absolute: Measure<i64>,
    /// `growth.pct.v1`; null when the start count is 0 (§2.1: undefined).
    pub percent: Measure<f64>,
    /// `growth.daily_gain.v1`.
    pub average_daily_gain: Measure<f64>,
}

/// Whether growth is speeding up: the 7-day against the 30-day average daily gain (§2.1).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Acceleration {
    /// `growth.acceleration.v1`: 7-day ÷ 30-day average daily gain; null unless the 30-day gain is positive, since a
    /// ratio against a loss reads backwards.
    pub ratio: Measure<f64>,
    /// True when the 7-day average daily gain is positive and above the 30-day one (the test of §7); null when either
    /// window lacks history.
    pub accelerating: Option<bool>,
}

/// Growth of one count.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MetricGrowth {
    pub metric: Metric,
    /// The count in the latest snapshot.
    pub current: Option<i64>,
    /// One entry per window of [`GROWTH_WINDOWS`], shortest first.
    pub windows: Vec<GrowthWindow>,
    pub acceleration: Acceleration,
}

/// Growth of all four counts (§2: the same formulas apply to following, likes and video count).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Growth {
    /// Day of the latest snapshot, the `T` all windows end on.
    pub as_of: Option<NaiveDate>,
    /// Day of the first snapshot: history starts when zzyzx starts tracking.
    pub tracking_since: Option<NaiveDate>,
    pub followers: MetricGrowth,
    pub following: MetricGrowth,
    pub likes: MetricGrowth,
    pub videos: MetricGrowth,
}

/// The numbers behind a [`GrowthWindow`], shared with the summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WindowCore {
    pub window_days: u32,
    pub start: Option<DailyPoint>,
    pub end: Option<DailyPoint>,
    pub absolute: Option<i64>,
    pub percent: Option<f64>,
    pub daily_gain: Option<f64>,
    pub samples: usize,
    pub missing: Unavailable,
    pub percent_missing: Unavailable,
}

impl WindowCore {
    pub fn actual_days(&self) -> Option<i64> {
        Some(days_between(self.start?.date, self.end?.date))
    }
}

/// Change of `metric` over the last `window_days` days of `history`, ending on its latest snapshot `T`.
pub(crate) fn window(history: &History<'_>, metric: Metric, window_days: u32) -> WindowCore {
    let mut core = WindowCore {
        window_days,
        start: None,
        end: history.latest().copied(),
        absolute: None,
        percent: None,
        daily_gain: None,
        samples: 0,
        missing: Unavailable::NoHistory,
        percent_missing: Unavailable::NoHistory,
    };
    let Some(end) = core.end else { return core };
    core.missing = Unavailable::NotEnoughHistory;
    core.percent_missing = Unavailable::NotEnoughHistory;
    let Some(window_start) = days_before(end.date, window_days.into()) else { return core };
    let Some(start) = history.at_or_before(window_start).copied() else { return core };
    if days_between(start.date, window_start) > i64::from(start_slack_days(window_days)) {
        return core;
    }
    let (from, to) = (metric.of(&start), metric.of(&end));
    let absolute = to.saturating_sub(from);
    let days = days_between(start.date, end.date);
    core.start = Some(start);
    core.samples = history.since(start.date).len();
    core.absolute = Some(absolute);
    core.daily_gain = finite(absolute as f64 / days as f64);
    core.percent_missing = Unavailable::ZeroBase;
    core.percent = if from > 0 { finite(absolute as f64 / from as f64 * 100.0) } else { None };
    core
}

/// The numbers behind [`Acceleration`], shared with the summary and the rising test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AccelerationCore {
    pub ratio: Option<f64>,
    pub accelerating: Option<bool>,
    pub missing: Unavailable,
    pub samples: usize,
}

pub(crate) fn acceleration(week: &WindowCore, month: &WindowCore) -> AccelerationCore {
    let (Some(g7), Some(g30)) = (week.daily_gain, month.daily_gain) else {
        return AccelerationCore { ratio: None, accelerating: None, missing: month.missing, samples: month.samples };
    };
    AccelerationCore {
        ratio: if g30 > 0.0 { finite(g7 / g30) } else { None },
        accelerating: Some(g7 > 0.0 && g7 > g30),
        missing: Unavailable::ZeroBase,
        samples: month.samples,
    }
}

impl From<WindowCore> for GrowthWindow {
    fn from(core: WindowCore) -> Self {
        let days = core.window_days;
        GrowthWindow {
            window_days: days,
            start_date: core.start.map(|p| p.date),
            end_date: core.end.map(|p| p.date),
            actual_days: core.actual_days(),
            absolute: Measure::new(&GROWTH_ABS, core.absolute, core.samples, core.missing).days(days),
            percent: Measure::float(&GROWTH_PCT, core.percent, core.samples, core.percent_missing).days(days),
            average_daily_gain: Measure::float(&GROWTH_DAILY, core.daily_gain, core.samples, core.missing).days(days),
        }
    }
}

fn metric_growth(history: &History<'_>, metric: Metric) -> MetricGrowth {
    let cores = GROWTH_WINDOWS.map(|days| window(history, metric, days));
    let (week, month) = (&cores[1], &cores[2]);
    let accel = acceleration(week, month);
    MetricGrowth {
        metric,
        current: history.latest().map(|p| metric.of(p)),
        windows: cores.into_iter().map(GrowthWindow::from).collect(),
        acceleration: Acceleration {
            ratio: Measure::float(&GROWTH_ACCELERATION, accel.ratio, accel.samples, accel.missing).days(30),
            accelerating: accel.accelerating,
        },
    }
}

pub(crate) fn growth(history: &History<'_>) -> Growth {
    Growth {
        as_of: history.latest().map(|p| p.date),
        tracking_since: history.first().map(|p| p.date),
        followers: metric_growth(history, Metric::Followers),
        following: metric_growth(history, Metric::Following),
        likes: metric_growth(history, Metric::Likes),
        videos: metric_growth(history, Metric::Videos),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::{day, point};
    use chrono::Days;
    use proptest::prelude::*;

    fn linear(start: NaiveDate, days: u64, first: i64, per_day: i64) -> Vec<DailyPoint> {
        (0..=days).map(|i| point(start + Days::new(i), first + per_day * i as i64)).collect()
    }

    #[test]
    fn percent_absolute_and_daily_gain_by_hand() {
        // 10,000 followers on 1 March, +50 a day: on 31 March 11,500. 30 days: +1,500 = +15 %, 50 a day.
        let points = linear(day(2025, 3, 1), 30, 10_000, 50);
        let history = History::new(&points, day(2025, 3, 31));
        let w = window(&history, Metric::Followers, 30);
        assert_eq!(w.absolute, Some(1_500));
        assert_eq!(w.percent, Some(15.0));
        assert_eq!(w.daily_gain, Some(50.0));
        assert_eq!(w.samples, 31);
        let w7 = window(&history, Metric::Followers, 7);
        assert_eq!((w7.absolute, w7.start.map(|p| p.date)), (Some(350), Some(day(2025, 3, 24))));
    }

    #[test]
    fn a_window_longer_than_the_history_is_null_not_shortened() {
        let points = linear(day(2025, 3, 1), 30, 10_000, 50);
        let history = History::new(&points, day(2025, 3, 31));
        let w = window(&history, Metric::Followers, 90);
        assert_eq!((w.absolute, w.percent, w.missing), (None, None, Unavailable::NotEnoughHistory));
    }

    #[test]
    fn gaps_divide_by_actual_days() {
        // Snapshots on 26 Feb (1,000) and 6 March (1,400). The 7-day window starts on 27 Feb; 26 Feb is one day early,
        // within the 1-day slack, so the change spans 8 actual days: 400 / 8 = 50 a day.
        let points = [point(day(2025, 2, 26), 1_000), point(day(2025, 3, 6), 1_400)];
        let history = History::new(&points, day(2025, 3, 6));
        let w = window(&history, Metric::Followers, 7);
        assert_eq!((w.actual_days(), w.daily_gain), (Some(8), Some(50.0)));
        // The 1-day window starts 5 March: the nearest earlier snapshot is 7 days before that, beyond the slack.
        assert_eq!(window(&history, Metric::Followers, 1).absolute, None);
    }

    #[test]
    fn percent_is_null_when_the_base_is_zero() {
        let points = linear(day(2025, 3, 1), 7, 0, 10);
        let history = History::new(&points, day(2025, 3, 8));
        let w = window(&history, Metric::Followers, 7);
        assert_eq!((w.absolute, w.percent, w.percent_missing), (Some(70), None, Unavailable::ZeroBase));
    }

    #[test]
    fn acceleration_compares_7_with_30_days() {
        // 23 days at +10, then 7 days at +40: 7-day gain 40/day, 30-day gain (230 + 280) / 30 = 17/day → 40/17.
        let mut points = linear(day(2025, 3, 1), 23, 1_000, 10);
        let last = points.last().copied().unwrap();
        points.extend((1..=7).map(|i| point(last.date + Days::new(i), last.followers + 40 * i as i64)));
        let history = History::new(&points, day(2025, 3, 31));
        let g = metric_growth(&history, Metric::Followers);
        assert_eq!(g.acceleration.accelerating, Some(true));
        assert!((g.acceleration.ratio.value.unwrap() - 40.0 / 17.0).abs() < 1e-12);
    }

    #[test]
    fn empty_history_reports_no_history() {
        let history = History::new(&[], day(2025, 3, 31));
        let g = growth(&history);
        assert_eq!(g.as_of, None);
        assert_eq!(g.followers.windows[0].absolute.unavailable, Some(Unavailable::NoHistory));
        assert_eq!(g.followers.acceleration.accelerating, None);
    }

    proptest! {
        #[test]
        fn growth_never_panics_and_percent_needs_a_positive_base(
            steps in proptest::collection::vec((1u64..10, any::<i64>()), 0..60),
            start_offset in 0i32..3_000_000,
        ) {
            let mut date = NaiveDate::from_num_days_from_ce_opt(start_offset).unwrap_or(NaiveDate::MIN);
            let mut points = Vec::new();
            for (gap, followers) in steps {
                let Some(next) = date.checked_add_days(Days::new(gap)) else { break };
                date = next;
                points.push(DailyPoint { date, followers, following: followers, likes: followers, videos: 0 });
            }
            let history = History::new(&points, NaiveDate::MAX);
            let g = growth(&history);
            for w in &g.followers.windows {
                if let (Some(start), Some(pct)) = (w.start_date, w.percent.value) {
                    let base = points.iter().find(|p| p.date == start).unwrap().followers;
                    prop_assert!(base > 0, "percent {pct} from a base of {base}");
                }
                if let Some(start) = w.start_date {
                    let base = points.iter().find(|p| p.date == start).unwrap().followers;
                    if base == 0 { prop_assert_eq!(w.percent.value, None); }
                }
                prop_assert!(w.percent.value.is_none_or(f64::is_finite));
                prop_assert!(w.average_daily_gain.value.is_none_or(f64::is_finite));
            }
        }
    }
}
