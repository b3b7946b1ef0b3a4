//! The facts about one creator worth telling a brand the moment they are first known: a video gone
//! viral, the rising badge turning on, a follower milestone crossed, a follower spike worth
//! checking, a creator gone quiet. Pure: the refresh worker feeds it a creator's recent history
//! and videos after each fetch and stores what it finds as events, each once by its key.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::authenticity;
use crate::growth;
use crate::history::{DailyPoint, History, Metric};
use crate::outliers::RECENT_OUTLIER_DAYS;
use crate::rising;
use crate::settings::Settings;
use crate::videos::{RecentVideos, VideoStats};
use crate::wording;

/// Follower counts worth an event: 10K, 25K, 50K, 100K, 250K, 500K, 1M, 2.5M, 5M, 10M.
pub const MILESTONES: [i64; 10] =
    [10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000];

/// A spike is news for this many days after it happened; older ones were news before.
pub const SPIKE_NEWS_DAYS: i64 = 3;

/// The thresholds a workspace chose for its alerts.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// A video is viral at this multiple of the creator's median views.
    pub viral_multiple: f64,
    /// …and with at least this many views.
    pub viral_min_views: i64,
    /// Follower counts that make a milestone, ascending.
    pub milestones: Vec<i64>,
    /// A creator is dormant after this many days without a new video.
    pub dormant_days: i64,
}

/// One fact about a creator, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    Viral { video_id: String, posted_at: DateTime<Utc>, views: i64, median_views: f64, multiple: f64 },
    Rising { reasons: Vec<String>, growth_7d_percent: Option<f64>, acceleration: Option<f64> },
    Milestone { milestone: i64, followers: i64, reached_on: NaiveDate },
    Spike { date: NaiveDate, before: i64, after: i64, change: i64, multiple_of_typical: Option<f64>, evidence: String },
    Dormant { last_video_id: String, last_posted_at: DateTime<Utc>, days_quiet: i64 },
}

impl Fact {
    /// What makes the fact unique for its creator: the same key is never told twice.
    pub fn key(&self) -> String {
        match self {
            Fact::Viral { video_id, .. } => format!("viral:{video_id}"),
            // Turning rising is news once per day it happens.
            Fact::Rising { .. } => "rising".to_owned(),
            Fact::Milestone { milestone, .. } => format!("milestone:{milestone}"),
            Fact::Spike { date, .. } => format!("spike:{date}"),
            Fact::Dormant { last_video_id, .. } => format!("dormant:{last_video_id}"),
        }
    }

    /// The fact in one sentence, about `@handle`.
    pub fn sentence(&self, handle: &str) -> String {
        match self {
            Fact::Viral { views, multiple, .. } => format!(
                "A video by @{handle} went viral: {} views, {} their median",
                wording::compact(*views),
                wording::multiple(*multiple)
            ),
            Fact::Rising { reasons, .. } => format!("@{handle} is rising: {}", reasons.join("; ")),
            Fact::Milestone { milestone, followers, .. } => format!(
                "@{handle} passed {} followers (now {})",
                wording::compact(*milestone),
                wording::compact(*followers)
            ),
            Fact::Spike { evidence, .. } => format!("A follower spike worth checking on @{handle}: {evidence}"),
            Fact::Dormant { days_quiet, .. } => format!("@{handle} has posted no video for {days_quiet} days"),
        }
    }
}

/// What is news about a creator as of `now`, from their daily history (at least the last 32 days)
/// and their videos (newest first, at least the last 90 days).
pub fn detect(
    history: &[DailyPoint],
    videos: &[VideoStats],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
    thresholds: &Thresholds,
) -> Vec<Fact> {
    detect_with_rising(history, videos, today, now, settings, thresholds).0
}

/// [`detect`], and whether the creator is rising today (told as a fact or not: it was yesterday
/// too), which the refresh cadence follows.
pub fn detect_with_rising(
    history: &[DailyPoint],
    videos: &[VideoStats],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
    thresholds: &Thresholds,
) -> (Vec<Fact>, bool) {
    let recent = RecentVideos::new(videos, now);
    let mut facts = viral(&recent, thresholds);
    let current = rising_as_of(history, videos, today, now, settings);
    let rising = current.rising;
    facts.extend(turned_rising(current, history, videos, today, now, settings));
    let days = History::new(history, today);
    facts.extend(milestone(&days, thresholds));
    facts.extend(spikes(&days, &recent, today, settings));
    facts.extend(dormant(videos, now, thresholds));
    (facts, rising)
}

fn viral(recent: &RecentVideos<'_>, thresholds: &Thresholds) -> Vec<Fact> {
    recent
        .posted_within(RECENT_OUTLIER_DAYS)
        .filter(|video| video.views() >= thresholds.viral_min_views)
        .filter_map(|video| {
            let score = recent.score(video)?;
            (score.multiple >= thresholds.viral_multiple).then(|| Fact::Viral {
                video_id: video.id.clone(),
                posted_at: video.posted_at,
                views: video.views(),
                median_views: score.base_median,
                multiple: score.multiple,
            })
        })
        .collect()
}

/// Rising today, and not yesterday (the badge as it stood with yesterday's data).
fn turned_rising(
    current: rising::Rising,
    history: &[DailyPoint],
    videos: &[VideoStats],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Option<Fact> {
    if !current.rising {
        return None;
    }
    let yesterday = today.pred_opt()?;
    let then = now - Duration::days(1);
    let before: Vec<DailyPoint> = history.iter().filter(|p| p.date <= yesterday).cloned().collect();
    let earlier_videos: Vec<VideoStats> = videos.iter().filter(|v| v.posted_at <= then).cloned().collect();
    let was = rising_as_of(&before, &earlier_videos, yesterday, then, settings);
    (!was.rising).then_some(Fact::Rising {
        reasons: current.reasons,
        growth_7d_percent: current.growth_7d_percent,
        acceleration: current.acceleration,
    })
}

fn rising_as_of(
    history: &[DailyPoint],
    videos: &[VideoStats],
    today: NaiveDate,
    now: DateTime<Utc>,
    settings: &Settings,
) -> rising::Rising {
    let days = History::new(history, today);
    let week = growth::window(&days, Metric::Followers, 7);
    let month = growth::window(&days, Metric::Followers, 30);
    let acceleration = growth::acceleration(&week, &month);
    let recent = RecentVideos::new(videos, now);
    rising::assess(&week, &acceleration, &recent, days.latest().map(|p| p.followers), settings)
}

/// The highest milestone the latest count reaches that an earlier point of the history was below.
fn milestone(days: &History<'_>, thresholds: &Thresholds) -> Option<Fact> {
    let latest = days.latest()?;
    let lowest = days.first()?.followers;
    let milestone = thresholds.milestones.iter().rev().find(|m| latest.followers >= **m && lowest < **m)?;
    let points = days.since(days.first()?.date);
    let reached_on =
        points.iter().rev().take_while(|p| p.followers >= *milestone).last().map_or(latest.date, |p| p.date);
    Some(Fact::Milestone { milestone: *milestone, followers: latest.followers, reached_on })
}

/// Follower spikes of the last few days that no viral video explains.
fn spikes(days: &History<'_>, recent: &RecentVideos<'_>, today: NaiveDate, settings: &Settings) -> Vec<Fact> {
    let scan = authenticity::authenticity(days, recent, settings.effective_viral_multiple());
    scan.signals
        .into_iter()
        .filter(|s| s.kind == authenticity::SignalKind::FollowerStepSpike && s.worth_checking)
        .filter(|s| (today - s.date).num_days() < SPIKE_NEWS_DAYS)
        .map(|s| Fact::Spike {
            date: s.date,
            before: s.before,
            after: s.after,
            change: s.change,
            multiple_of_typical: s.multiple_of_typical,
            evidence: s.evidence,
        })
        .collect()
}

fn dormant(videos: &[VideoStats], now: DateTime<Utc>, thresholds: &Thresholds) -> Option<Fact> {
    let last = videos.iter().max_by_key(|v| v.posted_at)?;
    let days_quiet = (now - last.posted_at).num_days();
    (days_quiet >= thresholds.dormant_days).then(|| Fact::Dormant {
        last_video_id: last.id.clone(),
        last_posted_at: last.posted_at,
        days_quiet,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::{day, point};
    use crate::videos::tests::{now, video};

    fn thresholds() -> Thresholds {
        Thresholds { viral_multiple: 5.0, viral_min_views: 1_000, milestones: MILESTONES.to_vec(), dormant_days: 30 }
    }

    fn steady_videos() -> Vec<VideoStats> {
        (3..15).map(|d| video(&format!("v{d}"), d * 2, 2_000)).collect()
    }

    fn kinds(facts: &[Fact]) -> Vec<String> {
        facts.iter().map(Fact::key).collect()
    }

    #[test]
    fn a_video_far_above_the_median_is_viral_once_by_its_id() {
        let mut videos = steady_videos();
        videos.insert(0, video("hit", 4, 40_000));
        let facts = viral(&RecentVideos::new(&videos, now()), &thresholds());
        assert_eq!(kinds(&facts), ["viral:hit"], "only the 20× video is viral");
        let Fact::Viral { multiple, .. } = &facts[0] else { unreachable!() };
        assert!((multiple - 20.0).abs() < 1e-9, "40,000 ÷ a 2,000 median is 20×, got {multiple}");
    }

    #[test]
    fn a_viral_multiple_under_the_minimum_views_is_not_news() {
        let mut videos: Vec<VideoStats> = (3..15).map(|d| video(&format!("v{d}"), d * 2, 20)).collect();
        videos.insert(0, video("small", 4, 400));
        let facts = viral(&RecentVideos::new(&videos, now()), &thresholds());
        assert!(facts.is_empty(), "400 views is 20× the median but under 1,000 views: {facts:?}");
    }

    #[test]
    fn the_highest_milestone_crossed_inside_the_window_is_told() {
        let history = [point(day(2025, 6, 1), 9_000), point(day(2025, 6, 2), 24_000), point(day(2025, 6, 3), 26_000)];
        let days = History::new(&history, day(2025, 6, 3));
        let fact = milestone(&days, &thresholds());
        assert_eq!(
            fact,
            Some(Fact::Milestone { milestone: 25_000, followers: 26_000, reached_on: day(2025, 6, 3) }),
            "9K → 26K crosses 10K and 25K; only 25K is news"
        );
    }

    #[test]
    fn a_milestone_passed_before_the_window_is_not_told_again() {
        let history = [point(day(2025, 6, 1), 11_000), point(day(2025, 6, 2), 12_000)];
        assert_eq!(milestone(&History::new(&history, day(2025, 6, 2)), &thresholds()), None);
    }

    #[test]
    fn dormant_after_the_threshold_keyed_by_the_last_video() {
        let videos = vec![video("last", 31, 100), video("older", 40, 100)];
        let fact = dormant(&videos, now(), &thresholds()).expect("31 days without a video");
        assert_eq!(fact.key(), "dormant:last");
        assert!(dormant(&[video("fresh", 3, 100)], now(), &thresholds()).is_none(), "posted 3 days ago");
        assert!(dormant(&[], now(), &thresholds()).is_none(), "no videos known: nothing to say");
    }

    #[test]
    fn a_sentence_names_the_creator_and_the_numbers() {
        let fact = Fact::Milestone { milestone: 50_000, followers: 50_400, reached_on: day(2025, 6, 3) };
        assert_eq!(fact.sentence("basecamp.bo"), "@basecamp.bo passed 50K followers (now 50.4K)");
    }
}
