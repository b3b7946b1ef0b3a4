//! A creator's daily history: one snapshot of the four counts per UTC day, with gaps where a refresh failed.
//!
//! Growth depends entirely on zzyzx's own snapshots (analytics.md, Conventions), so this module also turns raw
//! snapshots into days, draws sparklines and builds the daily-gains table (§2.2).

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use utoipa::ToSchema;

/// The four public counts of a creator on one UTC day (the last snapshot of that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DailyPoint {
    /// UTC day of the snapshot.
    pub date: NaiveDate,
    /// Followers, `F(d)` in analytics.md.
    pub followers: i64,
    /// Accounts the creator follows, `G(d)`.
    pub following: i64,
    /// Total likes ("hearts") on all videos, `H(d)`.
    pub likes: i64,
    /// Number of videos, `K(d)`.
    pub videos: i64,
}

/// One of the four counts in a [`DailyPoint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Followers,
    Following,
    Likes,
    Videos,
}

impl Metric {
    pub(crate) fn of(self, point: &DailyPoint) -> i64 {
        match self {
            Metric::Followers => point.followers,
            Metric::Following => point.following,
            Metric::Likes => point.likes,
            Metric::Videos => point.videos,
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            Metric::Followers => "followers",
            Metric::Following => "following",
            Metric::Likes => "likes",
            Metric::Videos => "videos",
        }
    }
}

/// A history as every analysis sees it: ascending, one point per day, nothing after `today`.
///
/// Callers promise ascending, unique days; when they break the promise the points are sorted (the last point given for a
/// day wins) rather than producing nonsense, and the common, well-formed case costs no copy.
pub(crate) struct History<'a> {
    pub points: Cow<'a, [DailyPoint]>,
}

impl<'a> History<'a> {
    pub fn new(history: &'a [DailyPoint], today: NaiveDate) -> Self {
        let well_formed = history.windows(2).all(|pair| pair[0].date < pair[1].date);
        let points = if well_formed {
            let up_to_today = history.partition_point(|p| p.date <= today);
            Cow::Borrowed(&history[..up_to_today])
        } else {
            let mut sorted: Vec<DailyPoint> = history.iter().copied().filter(|p| p.date <= today).collect();
            // Stable sort, then keep the last of each day, as a later snapshot supersedes an earlier one.
            sorted.sort_by_key(|p| p.date);
            let mut unique: Vec<DailyPoint> = Vec::with_capacity(sorted.len());
            for point in sorted {
                match unique.last_mut() {
                    Some(last) if last.date == point.date => *last = point,
                    _ => unique.push(point),
                }
            }
            Cow::Owned(unique)
        };
        Self { points }
    }

    pub fn latest(&self) -> Option<&DailyPoint> {
        self.points.last()
    }

    pub fn first(&self) -> Option<&DailyPoint> {
        self.points.first()
    }

    /// The last point on or before `date`.
    pub fn at_or_before(&self, date: NaiveDate) -> Option<&DailyPoint> {
        let after = self.points.partition_point(|p| p.date <= date);
        after.checked_sub(1).map(|i| &self.points[i])
    }

    /// Points with `from <= date`, in order.
    pub fn since(&self, from: NaiveDate) -> &[DailyPoint] {
        let start = self.points.partition_point(|p| p.date < from);
        &self.points[start..]
    }
}

/// Whole days from `earlier` to `later` (negative when `later` is before `earlier`).
pub(crate) fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    later.signed_duration_since(earlier).num_days()
}

/// `date − days`, or `None` before the calendar's start.
pub(crate) fn days_before(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(days))
}

/// `date + days`, or `None` past the calendar's end.
pub(crate) fn days_after(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

/// A change between two consecutive snapshots, spread evenly over the days between them.
///
/// §2.3: with missing days the change is divided by the actual number of days, never by a nominal one, so a gap of
/// three days contributes three days of one third of the change each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    pub change: i64,
    pub per_day: f64,
}

/// The steps of `metric` between consecutive points, oldest first.
pub(crate) fn steps(points: &[DailyPoint], metric: Metric) -> impl DoubleEndedIterator<Item = Step> + '_ {
    points.windows(2).map(move |pair| {
        let days = days_between(pair[0].date, pair[1].date).max(1);
        let change = metric.of(&pair[1]).saturating_sub(metric.of(&pair[0]));
        Step { from: pair[0].date, to: pair[1].date, days, change, per_day: change as f64 / days as f64 }
    })
}

/// Turns raw snapshots `(captured_at, followers, following, likes, videos)` into one point per UTC day: the last snapshot
/// of each day. Input is expected in ascending time; if it is not, it is sorted first so the latest snapshot of a day
/// still wins.
pub fn daily_from_snapshots(snapshots: &[(DateTime<Utc>, i64, i64, i64, i64)]) -> Vec<DailyPoint> {
    let ascending = snapshots.windows(2).all(|pair| pair[0].0 <= pair[1].0);
    let sorted: Cow<'_, [_]> = if ascending {
        Cow::Borrowed(snapshots)
    } else {
        let mut copy = snapshots.to_vec();
        copy.sort_by_key(|s| s.0);
        Cow::Owned(copy)
    };
    let mut days: Vec<DailyPoint> = Vec::new();
    for &(captured_at, followers, following, likes, videos) in sorted.iter() {
        let point = DailyPoint { date: captured_at.date_naive(), followers, following, likes, videos };
        match days.last_mut() {
            Some(last) if last.date == point.date => *last = point,
            _ => days.push(point),
        }
    }
    days
}

/// The longest sparkline drawn, ten years of days: the length is the caller's, but an absurd one must not exhaust
/// memory.
pub const MAX_SPARKLINE_DAYS: usize = 3660;

/// Followers on each of the last `days` days ending with `today`, oldest first; `None` where there is no snapshot for the
/// day. `days` is capped at [`MAX_SPARKLINE_DAYS`].
pub fn sparkline(history: &[DailyPoint], today: NaiveDate, days: usize) -> Vec<Option<i64>> {
    let days = days.min(MAX_SPARKLINE_DAYS);
    let history = History::new(history, today);
    let mut line = Vec::with_capacity(days);
    let Some(first_day) = days.checked_sub(1).and_then(|back| days_before(today, back as u64)) else {
        // The window starts before the calendar does: no snapshot can lie there, so it is all gaps but the known days.
        return (0..days).map(|_| None).collect();
    };
    let mut points = history.since(first_day).iter().peekable();
    let mut day = Some(first_day);
    for _ in 0..days {
        let value = match (day, points.peek()) {
            (Some(d), Some(p)) if p.date == d => points.next().map(|p| p.followers),
            _ => None,
        };
        line.push(value);
        day = day.and_then(|d| d.succ_opt());
    }
    line
}

/// One row of the daily-gains table (§2.2, Social Blade style): the counts of a day and their change since the
/// previous snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct DailyGain {
    /// UTC day.
    pub date: NaiveDate,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
    /// Days since the previous snapshot: 1 normally, more after a gap (the changes then span all those days). Null on
    /// the first row.
    pub days_since_previous: Option<i64>,
    /// Change in followers since the previous snapshot; null on the first row.
    pub followers_change: Option<i64>,
    pub following_change: Option<i64>,
    pub likes_change: Option<i64>,
    pub videos_change: Option<i64>,
}

/// The daily-gains table, oldest first (the UI reverses it if it wants the newest on top).
pub(crate) fn daily_gains(history: &History<'_>) -> Vec<DailyGain> {
    let points = &history.points;
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let previous = i.checked_sub(1).map(|j| &points[j]);
            let change = |metric: Metric| previous.map(|q| metric.of(p).saturating_sub(metric.of(q)));
            DailyGain {
                date: p.date,
                followers: p.followers,
                following: p.following,
                likes: p.likes,
                videos: p.videos,
                days_since_previous: previous.map(|q| days_between(q.date, p.date)),
                followers_change: change(Metric::Followers),
                following_change: change(Metric::Following),
                likes_change: change(Metric::Likes),
                videos_change: change(Metric::Videos),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    pub fn point(date: NaiveDate, followers: i64) -> DailyPoint {
        DailyPoint { date, followers, following: 100, likes: followers.saturating_mul(10), videos: 50 }
    }

    #[test]
    fn keeps_the_last_snapshot_of_each_utc_day() {
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2025, 3, d, h, 0, 0).unwrap();
        let snapshots = [(at(1, 8), 10, 1, 1, 1), (at(1, 23), 12, 1, 1, 1), (at(3, 0), 20, 2, 2, 2)];
        let days = daily_from_snapshots(&snapshots);
        assert_eq!(
            days.iter().map(|p| (p.date, p.followers)).collect::<Vec<_>>(),
            [(day(2025, 3, 1), 12), (day(2025, 3, 3), 20)]
        );
    }

    #[test]
    fn unsorted_snapshots_are_sorted_so_the_latest_of_a_day_still_wins() {
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2025, 3, d, h, 0, 0).unwrap();
        let snapshots = [(at(1, 23), 12, 1, 1, 1), (at(1, 8), 10, 1, 1, 1)];
        assert_eq!(daily_from_snapshots(&snapshots)[0].followers, 12);
    }

    #[test]
    fn sparkline_marks_gaps_and_ends_today() {
        let history = [point(day(2025, 3, 1), 10), point(day(2025, 3, 3), 30), point(day(2025, 3, 9), 99)];
        assert_eq!(sparkline(&history, day(2025, 3, 4), 4), [Some(10), None, Some(30), None]);
        assert_eq!(sparkline(&history, day(2025, 3, 4), 0), Vec::<Option<i64>>::new());
        assert_eq!(sparkline(&history, NaiveDate::MIN, 3), [None, None, None]);
        assert_eq!(sparkline(&history, day(2025, 3, 4), usize::MAX).len(), MAX_SPARKLINE_DAYS);
    }

    #[test]
    fn daily_gains_span_gaps_and_say_so() {
        let history = [point(day(2025, 3, 1), 10), point(day(2025, 3, 4), 40)];
        let gains = daily_gains(&History::new(&history, day(2025, 3, 4)));
        assert_eq!(gains[0].followers_change, None);
        assert_eq!((gains[1].followers_change, gains[1].days_since_previous), (Some(30), Some(3)));
        assert_eq!(gains[1].likes_change, Some(300));
    }

    #[test]
    fn history_drops_future_points_and_repairs_disorder() {
        let today = day(2025, 3, 3);
        let messy = [
            point(day(2025, 3, 2), 2),
            point(day(2025, 3, 1), 1),
            point(day(2025, 3, 2), 3),
            point(day(2025, 3, 9), 9),
        ];
        let history = History::new(&messy, today);
        let followers: Vec<i64> = history.points.iter().map(|p| p.followers).collect();
        assert_eq!(followers, [1, 3]);
        assert_eq!(history.at_or_before(day(2025, 3, 1)).map(|p| p.followers), Some(1));
        assert_eq!(history.at_or_before(day(2025, 2, 1)), None);
    }

    proptest! {
        #[test]
        fn sparkline_has_the_requested_length(offsets in proptest::collection::vec(0u32..60, 0..40), days in 0usize..100) {
            let start = day(2025, 1, 1);
            let history: Vec<DailyPoint> = offsets.iter().map(|&o| point(start + Days::new(o.into()), o.into())).collect();
            let line = sparkline(&history, day(2025, 2, 1), days);
            prop_assert_eq!(line.len(), days);
        }
    }
}
