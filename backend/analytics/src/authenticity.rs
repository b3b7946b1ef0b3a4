//! Authenticity signals from zzyzx's own snapshots (analytics.md §8.2): follower step spikes not explained by a video
//! and spikes or a seesaw in the following count, each labelled "worth checking" with its evidence, never folded into
//! a black-box score. Data-quality flags (§8.3) are reported beside them so glitches are not mistaken for fraud.

use crate::history::{DailyPoint, History, Metric, days_before, days_between};
use crate::measure::{AUTH_FOLLOWER_SPIKE, AUTH_FOLLOWING_SPIKE};
use crate::outliers::is_viral;
use crate::videos::{RecentVideos, median};
use crate::wording;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// A day's change must be at least this many times the typical daily change of the days before it (proposal, §8.2:
/// "a one-day gain far above the creator's recent daily gains").
pub const SPIKE_MULTIPLE: f64 = 5.0;
/// The typical change is the median of the one-day changes in this many days before the day…
pub const BASELINE_DAYS: u64 = 30;
/// …of which at least this many must be known; earlier days are not judged.
pub const MIN_BASELINE_DAYS: usize = 7;
/// Smallest follower gain judged at all, so small accounts' noise is not reported.
pub const MIN_FOLLOWER_SPIKE: i64 = 100;
/// Smallest follower gain judged, as a share of the followers the day before.
pub const MIN_FOLLOWER_SPIKE_SHARE: f64 = 0.005;
/// Smallest change in following judged.
pub const MIN_FOLLOWING_SPIKE: i64 = 50;
/// Smallest change in following judged, as a share of the following the day before.
pub const MIN_FOLLOWING_SPIKE_SHARE: f64 = 0.10;
/// A step stands alone: the one-day changes just before and after it (where known) are each under this share of its
/// size. A rise spread over several days is §8.2's "smooth spike", more likely a post taking off, and is not flagged.
pub const ISOLATION_SHARE: f64 = 0.5;
/// A video posted on the day of a spike or up to this many days before may explain it (§8.2 "smooth spike").
pub const EXPLAINING_VIDEO_DAYS: u64 = 3;
/// Two following spikes of opposite sign this close together form a seesaw (follow/unfollow).
pub const SEESAW_DAYS: i64 = 7;
/// Sizes in which followers are sold: a gain over the typical day within 2% of one of these is flagged as a round step
/// (§8.2: "spikes of exactly 1K or 5K are suspicious").
pub const ROUND_STEPS: [i64; 8] = [1_000, 2_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];

/// What kind of signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// A one-day jump in followers far above the recent daily gains.
    FollowerStepSpike,
    /// A one-day jump or drop in the following count.
    FollowingSpike,
}

/// A video that may explain a follower spike.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ExplainingVideo {
    pub video_id: String,
    pub posted_at: DateTime<Utc>,
    /// Its outlier multiple (`outlier.multiple.v1`).
    pub multiple: f64,
}

/// One signal with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AuthenticitySignal {
    pub kind: SignalKind,
    /// `authenticity.follower_step.v1` or `authenticity.following_spike.v1`.
    pub formula: &'static str,
    /// False only for a follower spike that an outlier video posted just before explains.
    pub worth_checking: bool,
    /// "worth checking", or "likely a video taking off".
    pub label: &'static str,
    /// Day of the jump.
    pub date: NaiveDate,
    pub before: i64,
    pub after: i64,
    pub change: i64,
    /// Median one-day change (absolute for following) over the 30 days before.
    pub typical_daily_change: f64,
    /// How many one-day changes that median used.
    pub baseline_days: usize,
    /// `change ÷ typical_daily_change`, when the typical change is positive.
    pub multiple_of_typical: Option<f64>,
    /// The gain over a typical day is within 2% of a size in which followers are sold (1K, 2K, 2.5K, 5K, …).
    pub round_step: bool,
    /// For following: an opposite jump lies within 7 days (follow/unfollow).
    pub seesaw: bool,
    /// For followers: the outlier video posted that day or up to 3 days before that may explain it.
    pub explained_by: Option<ExplainingVideo>,
    /// Whether the video list reaches back to this day; when it does not, "not explained" only means "unknown".
    pub video_data_covers_date: bool,
    /// The evidence in one sentence.
    pub evidence: String,
}

/// A data problem that is not a fraud signal (§8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataQualityKind {
    /// The source returned 0 on days when the count was otherwise positive.
    ZeroCount,
    /// A negative count, typically total likes that overflowed a 32-bit integer upstream.
    NegativeCount,
    /// Counts look rounded to three significant digits (e.g. 19,400): short windows step, prefer long ones.
    RoundedCounts,
}

/// A data-quality flag with the days it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct DataQualityFlag {
    pub kind: DataQualityKind,
    pub metric: Metric,
    /// How many snapshots are affected.
    pub occurrences: usize,
    /// The first few affected days.
    pub dates: Vec<NaiveDate>,
    pub explanation: String,
}

/// All signals of one creator.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Authenticity {
    /// One-day follower changes that had enough history before them to be judged.
    pub checked_days: usize,
    /// Oldest first.
    pub signals: Vec<AuthenticitySignal>,
    pub data_quality: Vec<DataQualityFlag>,
    /// A line for the panel, e.g. "2 signals worth checking".
    pub summary: String,
}

/// A one-day change and the typical change before it.
struct Jump {
    before: DailyPoint,
    after: DailyPoint,
    change: i64,
    typical: f64,
    baseline_days: usize,
}

/// One-day changes of `metric` (`abs` for the size of following changes), as (day, change).
fn one_day_changes(points: &[DailyPoint], metric: Metric) -> Vec<(NaiveDate, i64)> {
    points
        .windows(2)
        .filter(|pair| days_between(pair[0].date, pair[1].date) == 1)
        .map(|pair| (pair[1].date, metric.of(&pair[1]).saturating_sub(metric.of(&pair[0]))))
        .collect()
}

/// The one-day jumps of `metric` whose size passes `is_candidate` and `SPIKE_MULTIPLE` × the typical size.
fn jumps(
    points: &[DailyPoint],
    metric: Metric,
    absolute: bool,
    is_candidate: impl Fn(i64, i64) -> bool,
) -> (Vec<Jump>, usize) {
    let changes = one_day_changes(points, metric);
    let size = |c: i64| if absolute { c.saturating_abs() } else { c };
    let mut checked = 0;
    let mut found = Vec::new();
    for pair in points.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        if days_between(before.date, after.date) != 1 {
            continue;
        }
        let Some(from) = days_before(after.date, BASELINE_DAYS) else { continue };
        let start = changes.partition_point(|(d, _)| *d < from);
        let end = changes.partition_point(|(d, _)| *d < after.date);
        let baseline = &changes[start..end];
        if baseline.len() < MIN_BASELINE_DAYS {
            continue;
        }
        checked += 1;
        let change = metric.of(&after).saturating_sub(metric.of(&before));
        if !is_candidate(change, metric.of(&before)) {
            continue;
        }
        let typical = median(baseline.iter().map(|(_, c)| size(*c) as f64).collect()).unwrap_or(0.0);
        if (size(change) as f64) < SPIKE_MULTIPLE * typical.max(1.0) {
            continue;
        }
        let neighbours = [end.checked_sub(1).and_then(|i| changes.get(i)), changes.get(end + 1)];
        let isolated = neighbours.into_iter().flatten().all(|(date, neighbour)| {
            days_between(*date, after.date).abs() != 1
                || (size(*neighbour) as f64) < ISOLATION_SHARE * size(change) as f64
        });
        if !isolated {
            continue;
        }
        found.push(Jump { before, after, change, typical, baseline_days: baseline.len() });
    }
    (found, checked)
}

pub(crate) fn authenticity(history: &History<'_>, recent: &RecentVideos<'_>, viral_multiple: f64) -> Authenticity {
    let points = &history.points;
    let oldest_video_day = recent.all.last().map(|v| v.posted_at.date_naive());

    let (follower_jumps, checked_days) = jumps(points, Metric::Followers, false, |change, before| {
        // A jump from 0 is the source recovering from a zero glitch, reported under data quality instead.
        before > 0 && change >= MIN_FOLLOWER_SPIKE && change as f64 >= MIN_FOLLOWER_SPIKE_SHARE * before as f64
    });
    let mut signals: Vec<AuthenticitySignal> = follower_jumps
        .into_iter()
        .map(|jump| follower_signal(jump, recent, viral_multiple, oldest_video_day))
        .collect();

    let (following_jumps, _) = jumps(points, Metric::Following, true, |change, before| {
        let size = change.saturating_abs();
        size >= MIN_FOLLOWING_SPIKE && size as f64 >= MIN_FOLLOWING_SPIKE_SHARE * before.max(1) as f64
    });
    let seesaw: Vec<bool> = following_jumps
        .iter()
        .map(|j| {
            following_jumps.iter().any(|other| {
                other.change.signum() == -j.change.signum()
                    && days_between(other.after.date, j.after.date).abs() <= SEESAW_DAYS
            })
        })
        .collect();
    signals.extend(following_jumps.into_iter().zip(seesaw).map(|(jump, seesaw)| following_signal(jump, seesaw)));
    signals.sort_by_key(|s| s.date);

    let worth = signals.iter().filter(|s| s.worth_checking).count();
    let summary = match (worth, checked_days) {
        (_, 0) => "not enough daily history yet: spikes are judged after 7 days of one-day changes".to_owned(),
        (0, _) => format!("nothing worth checking in {checked_days} days"),
        (1, _) => "1 signal worth checking".to_owned(),
        (n, _) => format!("{n} signals worth checking"),
    };
    Authenticity { checked_days, signals, data_quality: data_quality(points), summary }
}

fn follower_signal(
    jump: Jump,
    recent: &RecentVideos<'_>,
    viral_multiple: f64,
    oldest_video_day: Option<NaiveDate>,
) -> AuthenticitySignal {
    let day = jump.after.date;
    let earliest = days_before(day, EXPLAINING_VIDEO_DAYS).unwrap_or(NaiveDate::MIN);
    let explained_by = recent
        .all
        .iter()
        .filter(|v| (earliest..=day).contains(&v.posted_at.date_naive()))
        .filter_map(|v| recent.score(v).filter(|s| is_viral(s, viral_multiple)).map(|s| (v, s)))
        .max_by(|a, b| a.1.multiple.total_cmp(&b.1.multiple))
        .map(|(v, s)| ExplainingVideo { video_id: v.id.clone(), posted_at: v.posted_at, multiple: s.multiple });
    let covers = oldest_video_day.is_some_and(|oldest| oldest <= day);
    let excess = jump.change as f64 - jump.typical;
    let round_step = ROUND_STEPS.iter().any(|&step| (excess - step as f64).abs() <= 0.02 * step as f64);
    let multiple = (jump.typical > 0.0).then(|| jump.change as f64 / jump.typical);
    let mut evidence = format!(
        "{} followers on {day} against a typical day of {}",
        wording::signed_count(jump.change),
        wording::signed_count(jump.typical.round() as i64)
    );
    if let Some(m) = multiple {
        evidence.push_str(&format!(" ({} that)", wording::multiple(m)));
    }
    if round_step {
        evidence.push_str("; close to a round step in which followers are sold");
    }
    match (&explained_by, covers) {
        (Some(v), _) => evidence.push_str(&format!(
            "; a video posted {} has {} median views: more likely a post took off",
            v.posted_at.format("%-d %b %Y"),
            wording::multiple(v.multiple)
        )),
        (None, true) => evidence.push_str(&format!(
            "; no video posted {} to {} reaches {} median views",
            earliest.format("%-d %b %Y"),
            day.format("%-d %b %Y"),
            wording::multiple(viral_multiple)
        )),
        (None, false) => evidence.push_str("; no video data reaches back to that day"),
    }
    let worth_checking = explained_by.is_none();
    AuthenticitySignal {
        kind: SignalKind::FollowerStepSpike,
        formula: AUTH_FOLLOWER_SPIKE.id,
        worth_checking,
        label: if worth_checking { "worth checking" } else { "likely a video taking off" },
        date: day,
        before: jump.before.followers,
        after: jump.after.followers,
        change: jump.change,
        typical_daily_change: jump.typical,
        baseline_days: jump.baseline_days,
        multiple_of_typical: multiple.filter(|m| m.is_finite()),
        round_step,
        seesaw: false,
        explained_by,
        video_data_covers_date: covers,
        evidence,
    }
}

fn following_signal(jump: Jump, seesaw: bool) -> AuthenticitySignal {
    let day = jump.after.date;
    let multiple = (jump.typical > 0.0).then(|| jump.change.saturating_abs() as f64 / jump.typical);
    let mut evidence = format!(
        "following {} on {day} ({} to {}) against a typical day of ±{}",
        wording::signed_count(jump.change),
        wording::count(jump.before.following),
        wording::count(jump.after.following),
        wording::count(jump.typical.round() as i64)
    );
    if seesaw {
        evidence.push_str("; reversed within a week, a follow/unfollow pattern");
    }
    AuthenticitySignal {
        kind: SignalKind::FollowingSpike,
        formula: AUTH_FOLLOWING_SPIKE.id,
        worth_checking: true,
        label: "worth checking",
        date: day,
        before: jump.before.following,
        after: jump.after.following,
        change: jump.change,
        typical_daily_change: jump.typical,
        baseline_days: jump.baseline_days,
        multiple_of_typical: multiple.filter(|m| m.is_finite()),
        round_step: false,
        seesaw,
        explained_by: None,
        video_data_covers_date: false,
        evidence,
    }
}

/// Up to this many affected days are listed per flag.
const LISTED_DATES: usize = 10;
/// Rounded counts are judged over the latest this many snapshots…
const ROUNDING_SAMPLE: usize = 60;
/// …of which this many at least must be large enough (≥ 10,000) to tell…
const ROUNDING_MIN_POINTS: usize = 10;
/// …and this share must have at most three significant digits. For exact counts that share is about 1%.
const ROUNDING_SHARE: f64 = 0.8;

fn data_quality(points: &[DailyPoint]) -> Vec<DataQualityFlag> {
    let mut flags = Vec::new();
    for metric in [Metric::Followers, Metric::Following, Metric::Likes, Metric::Videos] {
        let flag = |kind, affected: Vec<NaiveDate>, explanation: String| DataQualityFlag {
            kind,
            metric,
            occurrences: affected.len(),
            dates: affected.into_iter().take(LISTED_DATES).collect(),
            explanation,
        };
        let negative: Vec<NaiveDate> = points.iter().filter(|p| metric.of(p) < 0).map(|p| p.date).collect();
        if !negative.is_empty() {
            let explanation = format!(
                "{} below zero on {} days: the source likely overflowed a 32-bit count",
                metric.noun(),
                negative.len()
            );
            flags.push(flag(DataQualityKind::NegativeCount, negative, explanation));
        }
        // Zero is suspicious only for counts that are otherwise positive; following can honestly be 0.
        if matches!(metric, Metric::Followers | Metric::Likes) && points.iter().any(|p| metric.of(p) > 0) {
            let zeros: Vec<NaiveDate> = points.iter().filter(|p| metric.of(p) == 0).map(|p| p.date).collect();
            if !zeros.is_empty() {
                let explanation = format!(
                    "{} reported as 0 on {} days: likely a source glitch, not a loss",
                    metric.noun(),
                    zeros.len()
                );
                flags.push(flag(DataQualityKind::ZeroCount, zeros, explanation));
            }
        }
        if matches!(metric, Metric::Followers | Metric::Likes) {
            let recent = &points[points.len().saturating_sub(ROUNDING_SAMPLE)..];
            let large: Vec<i64> = recent.iter().map(|p| metric.of(p)).filter(|&v| v >= 10_000).collect();
            let rounded = large.iter().filter(|&&v| has_at_most_three_significant_digits(v)).count();
            if large.len() >= ROUNDING_MIN_POINTS && rounded as f64 >= ROUNDING_SHARE * large.len() as f64 {
                let explanation = format!(
                    "{rounded} of the latest {} {} counts have at most three significant digits: the source rounds, \
                     so short windows step; prefer longer ones",
                    large.len(),
                    metric.noun()
                );
                flags.push(flag(DataQualityKind::RoundedCounts, Vec::new(), explanation));
            }
        }
    }
    flags
}

fn has_at_most_three_significant_digits(v: i64) -> bool {
    let digits = v.unsigned_abs().checked_ilog10().unwrap_or(0) + 1;
    digits <= 3 || v.unsigned_abs().is_multiple_of(10u64.pow(digits - 3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::day;
    use crate::videos::VideoStats;
    use crate::videos::tests::{now, video};
    use chrono::{Days, TimeZone};

    /// 40 days ending 2025-06-30 of +50 followers a day from 20,000 (following steady at 300), with `edit` applied.
    fn history(edit: impl Fn(&mut [DailyPoint])) -> Vec<DailyPoint> {
        let start = day(2025, 5, 22);
        let mut points: Vec<DailyPoint> = (0..40)
            .map(|i| DailyPoint {
                date: start + Days::new(i),
                followers: 20_000 + 50 * i as i64,
                following: 300,
                likes: 1_000_000 + 1_000 * i as i64,
                videos: 100,
            })
            .collect();
        edit(&mut points);
        points
    }

    fn bump_followers_from(points: &mut [DailyPoint], index: usize, by: i64) {
        for p in &mut points[index..] {
            p.followers += by;
        }
    }

    fn run(points: &[DailyPoint], videos: &[VideoStats]) -> Authenticity {
        authenticity(&History::new(points, day(2025, 6, 30)), &RecentVideos::new(videos, now()), 5.0)
    }

    fn ordinary_videos() -> Vec<VideoStats> {
        (0..6).map(|i| video(&format!("v{i}"), 2 + 8 * i, 1_000)).collect()
    }

    #[test]
    fn an_unexplained_round_step_is_worth_checking() {
        // Day 35 (2025-06-26) gains 50 + 5,000: a typical day is +50, the excess is exactly 5K.
        let points = history(|p| bump_followers_from(p, 35, 5_000));
        let a = run(&points, &ordinary_videos());
        assert_eq!(a.signals.len(), 1);
        let s = &a.signals[0];
        assert_eq!(
            (s.kind, s.date, s.change, s.typical_daily_change),
            (SignalKind::FollowerStepSpike, day(2025, 6, 26), 5_050, 50.0)
        );
        assert!(s.worth_checking && s.round_step && s.video_data_covers_date);
        assert_eq!(
            s.evidence,
            "+5,050 followers on 2025-06-26 against a typical day of +50 (101× that); close to a round step in which \
             followers are sold; no video posted 23 Jun 2025 to 26 Jun 2025 reaches 5× median views"
        );
        assert_eq!(a.summary, "1 signal worth checking");
    }

    #[test]
    fn a_spike_after_an_outlier_video_is_explained() {
        let points = history(|p| bump_followers_from(p, 35, 4_321));
        let mut videos = ordinary_videos();
        videos.push(VideoStats {
            posted_at: Utc.from_utc_datetime(&day(2025, 6, 25).and_hms_opt(18, 0, 0).unwrap()),
            ..video("hit", 0, 40_000)
        });
        let a = run(&points, &videos);
        let s = &a.signals[0];
        assert!(!s.worth_checking && !s.round_step);
        assert_eq!(s.explained_by.as_ref().map(|v| v.video_id.as_str()), Some("hit"));
        assert_eq!(a.summary, "nothing worth checking in 32 days");
    }

    #[test]
    fn following_seesaw_is_flagged() {
        let points = history(|p| {
            for q in &mut p[30..33] {
                q.following = 2_300;
            }
        });
        let a = run(&points, &ordinary_videos());
        let following: Vec<_> = a.signals.iter().filter(|s| s.kind == SignalKind::FollowingSpike).collect();
        assert_eq!(following.len(), 2);
        assert!(following.iter().all(|s| s.seesaw && s.worth_checking));
        assert_eq!((following[0].change, following[1].change), (2_000, -2_000));
    }

    #[test]
    fn steady_growth_smooth_rises_and_short_histories_raise_nothing() {
        assert!(run(&history(|_| {}), &ordinary_videos()).signals.is_empty());
        // +1,000 on each of the last 4 days: a smooth rise, not a step.
        let rising = history(|p| (36..40).for_each(|i| bump_followers_from(p, i, 1_000)));
        assert!(run(&rising, &ordinary_videos()).signals.is_empty());
        let short = &history(|p| bump_followers_from(p, 5, 9_000))[..8];
        let a = run(short, &[]);
        assert_eq!((a.signals.len(), a.checked_days), (0, 0));
    }

    #[test]
    fn data_quality_flags_zero_negative_and_rounded_counts() {
        let points = history(|p| {
            p[10].followers = 0;
            for (i, q) in p.iter_mut().enumerate() {
                q.likes = if i == 12 { -5 } else { 1_200_000 + 100_000 * i as i64 };
            }
        });
        let kinds: Vec<(DataQualityKind, Metric)> = data_quality(&points).iter().map(|f| (f.kind, f.metric)).collect();
        assert_eq!(
            kinds,
            [
                (DataQualityKind::ZeroCount, Metric::Followers),
                (DataQualityKind::NegativeCount, Metric::Likes),
                (DataQualityKind::RoundedCounts, Metric::Likes),
            ]
        );
        assert!(has_at_most_three_significant_digits(19_400));
        assert!(!has_at_most_three_significant_digits(19_440));
    }
}
