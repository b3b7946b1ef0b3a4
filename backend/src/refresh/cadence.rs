//! How often each creator is fetched: sooner while something is happening to it, seldom when
//! nothing is or nobody looks, within configured bounds, and never past the provider's daily
//! budget. When the budget cannot cover every creator's cadence, the more urgent reasons are
//! claimed first.

use chrono::{DateTime, Duration as Span, Timelike, Utc};
use std::time::Duration;
use zzyzx_analytics::VideoStats;

/// Why a creator is next due when it is. The order is the claim priority: under a tight budget a
/// rising creator is fetched before a dormant one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// In no list anyone opened in 30 days, and in no campaign.
    Unwatched,
    /// No video in 30 days.
    Dormant,
    Regular,
    /// A video of the last 3 days is still gaining views.
    Climbing,
    /// In a running campaign: its posts are looked for.
    Campaign,
    /// Rising in a workspace that watches it.
    Rising,
}

impl Reason {
    pub const ALL: [Reason; 6] =
        [Reason::Unwatched, Reason::Dormant, Reason::Regular, Reason::Climbing, Reason::Campaign, Reason::Rising];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Unwatched => "unwatched",
            Reason::Dormant => "dormant",
            Reason::Regular => "regular",
            Reason::Climbing => "climbing",
            Reason::Campaign => "campaign",
            Reason::Rising => "rising",
        }
    }

    pub fn parse(text: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|reason| reason.as_str() == text)
    }

    /// Stored beside the creator, so the claim can order by it.
    pub fn priority(self) -> i16 {
        self as i16
    }
}

/// A video younger than this can still be climbing.
pub const CLIMBING_DAYS: i64 = 3;
/// Views gained since the last fetch, as a share of the views then, that count as still climbing.
pub const CLIMBING_GAIN: f64 = 0.10;
/// No video for this long is dormant.
pub const DORMANT_DAYS: i64 = 30;
/// A list nobody opened for this long no longer speeds its creators up.
pub const WATCHED_DAYS: i64 = 30;
/// A creator due this long ago goes before every priority, so a tight budget delays the least
/// urgent but never starves them.
pub const STARVED_DAYS: i64 = 7;

/// The intervals: `regular` (`ZZYZX_REFRESH_INTERVAL`) scaled by the reason, then kept within
/// `min` and `max`.
#[derive(Debug, Clone, Copy)]
pub struct Cadence {
    pub regular: Duration,
    pub min: Duration,
    pub max: Duration,
}

impl Default for Cadence {
    fn default() -> Self {
        Self {
            regular: Duration::from_secs(24 * 3600),
            min: Duration::from_secs(6 * 3600),
            max: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

impl Cadence {
    /// Rising every quarter of the regular interval (6 h by default), a campaign every third
    /// (8 h), a climbing video every half (12 h); dormant three times as long (3 days), unwatched
    /// seven times (a week).
    pub fn interval(&self, reason: Reason) -> Duration {
        let wanted = match reason {
            Reason::Rising => self.regular / 4,
            Reason::Campaign => self.regular / 3,
            Reason::Climbing => self.regular / 2,
            Reason::Regular => self.regular,
            Reason::Dormant => self.regular * 3,
            Reason::Unwatched => self.regular * 7,
        };
        wanted.clamp(self.min.min(self.max), self.max)
    }
}

/// What the worker knows of a creator once it has fetched it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signals {
    pub rising: bool,
    pub in_campaign: bool,
    pub climbing: bool,
    pub dormant: bool,
    /// In a list someone opened in the last 30 days, or in a campaign.
    pub watched: bool,
}

/// The most urgent reason that applies.
pub fn reason(signals: Signals) -> Reason {
    if signals.rising {
        Reason::Rising
    } else if signals.in_campaign {
        Reason::Campaign
    } else if signals.climbing {
        Reason::Climbing
    } else if !signals.watched {
        Reason::Unwatched
    } else if signals.dormant {
        Reason::Dormant
    } else {
        Reason::Regular
    }
}

/// Whether a video of the last [`CLIMBING_DAYS`] gained at least [`CLIMBING_GAIN`] of its views
/// since the last fetch (`before` gives the views then), or is new and younger than a day.
pub fn climbing(videos: &[VideoStats], before: impl Fn(&str) -> Option<i64>, now: DateTime<Utc>) -> bool {
    videos.iter().filter(|video| now - video.posted_at <= Span::days(CLIMBING_DAYS)).any(|video| {
        match before(&video.id) {
            Some(then) => video.views as f64 >= then.max(1) as f64 * (1.0 + CLIMBING_GAIN),
            None => now - video.posted_at <= Span::days(1),
        }
    })
}

/// No video, or none posted in the last [`DORMANT_DAYS`].
pub fn dormant(videos: &[VideoStats], now: DateTime<Utc>) -> bool {
    videos.iter().map(|video| video.posted_at).max().is_none_or(|newest| now - newest > Span::days(DORMANT_DAYS))
}

/// The requests the worker may still send today at `now`: the budget is spread over the day's hours
/// (each hour's share becomes available at its start and carries over), so a tight budget is not
/// spent by the first cycle after midnight. Never below zero.
pub fn allowance(daily: i64, used_today: i64, now: DateTime<Utc>) -> i64 {
    let seconds = i64::from(now.time().num_seconds_from_midnight());
    let hours_begun = seconds / 3600 + 1;
    let paced = (daily.max(0) * hours_begun + 23) / 24;
    (paced.min(daily) - used_today).max(0)
}

/// Refreshes of `requests_each` requests that fit in what is left of the day's budget.
pub fn refreshes_within(remaining: i64, requests_each: u32) -> i64 {
    remaining.max(0) / i64::from(requests_each.max(1))
}

/// The requests a day the tracked creators need at their cadence: `counts` gives how many creators
/// are due for each reason.
pub fn requests_needed_per_day(cadence: &Cadence, counts: &[(Reason, i64)], requests_each: u32) -> i64 {
    let day = 86_400.0;
    let refreshes: f64 = counts
        .iter()
        .map(|(reason, count)| *count as f64 * day / cadence.interval(*reason).as_secs_f64().max(1.0))
        .sum();
    (refreshes * f64::from(requests_each)).ceil() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn hours(n: u64) -> Duration {
        Duration::from_secs(n * 3600)
    }

    fn video(id: &str, posted_at: DateTime<Utc>, views: i64) -> VideoStats {
        VideoStats {
            id: id.into(),
            posted_at,
            views,
            likes: 0,
            comments: 0,
            shares: 0,
            saves: None,
            hashtags: vec![],
            region: None,
        }
    }

    #[test]
    fn intervals_follow_the_reason_within_the_bounds() {
        let cadence = Cadence::default();
        let got: Vec<u64> = Reason::ALL.iter().map(|r| cadence.interval(*r).as_secs() / 3600).collect();
        assert_eq!(got, [168, 72, 24, 12, 8, 6]);
        let tight = Cadence { regular: hours(24), min: hours(10), max: hours(48) };
        assert_eq!(tight.interval(Reason::Rising), hours(10));
        assert_eq!(tight.interval(Reason::Unwatched), hours(48));
        // A minimum above the maximum gives way to the maximum rather than panicking.
        let odd = Cadence { regular: hours(24), min: hours(50), max: hours(30) };
        assert_eq!(odd.interval(Reason::Rising), hours(30));
    }

    #[test]
    fn the_most_urgent_reason_wins() {
        let all = Signals { rising: true, in_campaign: true, climbing: true, dormant: true, watched: false };
        assert_eq!(reason(all), Reason::Rising);
        assert_eq!(reason(Signals { rising: false, ..all }), Reason::Campaign);
        assert_eq!(reason(Signals { in_campaign: false, rising: false, ..all }), Reason::Climbing);
        let quiet = Signals { dormant: true, watched: true, ..Signals::default() };
        assert_eq!(reason(quiet), Reason::Dormant);
        assert_eq!(reason(Signals { watched: false, ..quiet }), Reason::Unwatched);
        assert_eq!(reason(Signals { watched: true, ..Signals::default() }), Reason::Regular);
        for reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.as_str()), Some(reason));
        }
        assert!(Reason::Rising.priority() > Reason::Dormant.priority());
    }

    #[test]
    fn climbing_needs_a_young_video_still_gaining() {
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
        let young = video("1", now - Span::hours(30), 1_200);
        let old = video("2", now - Span::days(5), 90_000);
        assert!(climbing(std::slice::from_ref(&young), |_| Some(1_000), now));
        assert!(!climbing(std::slice::from_ref(&young), |_| Some(1_150), now));
        assert!(!climbing(std::slice::from_ref(&old), |_| Some(1), now), "older than 3 days");
        // First seen: climbing only while under a day old.
        assert!(!climbing(std::slice::from_ref(&young), |_| None, now));
        assert!(climbing(&[video("3", now - Span::hours(5), 10)], |_| None, now));
    }

    #[test]
    fn dormant_means_no_video_for_thirty_days() {
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
        assert!(dormant(&[], now));
        assert!(dormant(&[video("1", now - Span::days(31), 5)], now));
        assert!(!dormant(&[video("1", now - Span::days(31), 5), video("2", now - Span::days(2), 5)], now));
    }

    #[test]
    fn budget_arithmetic() {
        assert_eq!(refreshes_within(1_000, 3), 333);
        assert_eq!(refreshes_within(-5, 2), 0);
        assert_eq!(refreshes_within(7, 0), 7);
        let cadence = Cadence::default();
        // 100 regular (100 refreshes a day) and 10 rising (40 a day) at 2 requests each.
        assert_eq!(requests_needed_per_day(&cadence, &[(Reason::Regular, 100), (Reason::Rising, 10)], 2), 280);
    }

    #[test]
    fn allowance_spreads_the_budget_over_the_day() {
        let midnight = Utc.with_ymd_and_hms(2026, 12, 6, 0, 10, 0).unwrap();
        assert_eq!(allowance(2_400, 0, midnight), 100);
        assert_eq!(allowance(2_400, 100, midnight), 0);
        assert_eq!(allowance(2_400, 100, midnight + Span::hours(1)), 100);
        assert_eq!(allowance(2_400, 0, midnight + Span::hours(23)), 2_400, "unspent hours carry over");
        assert_eq!(allowance(10, 3, midnight), 0, "a share rounds up, and the day never exceeds the budget");
        assert_eq!(allowance(10, 10, midnight + Span::hours(23)), 0);
    }

    /// The simulated population: how many creators of each kind.
    const MIX: [(Reason, i64); 6] = [
        (Reason::Rising, 30),
        (Reason::Campaign, 50),
        (Reason::Climbing, 100),
        (Reason::Regular, 320),
        (Reason::Dormant, 300),
        (Reason::Unwatched, 200),
    ];

    /// One creator of the simulated population.
    struct Simulated {
        reason: Reason,
        next_due: DateTime<Utc>,
        last_fetched: DateTime<Utc>,
    }

    struct Simulation {
        requests_per_day: Vec<i64>,
        /// Mean hours since the last fetch, sampled hourly, by reason.
        staleness: std::collections::HashMap<Reason, f64>,
    }

    /// 30 days of hourly worker cycles over a mixed population of 1,000 creators, claiming as the
    /// store does (the starved, then by priority, then the longest due) within the paced budget.
    fn simulate(daily: i64) -> Simulation {
        const REQUESTS_EACH: u32 = 2;
        let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let cadence = Cadence::default();
        let mut creators: Vec<Simulated> = MIX
            .iter()
            .flat_map(|(reason, count)| (0..*count).map(|_| *reason))
            .enumerate()
            .map(|(n, reason)| Simulated {
                reason,
                // Added over the first day, so they do not all fall due together.
                next_due: start + Span::minutes((n as i64 * 1_440) / 1_000),
                last_fetched: start,
            })
            .collect();
        let mut requests_per_day = vec![0_i64; 30];
        let mut stale_sum: std::collections::HashMap<Reason, (f64, f64)> = Default::default();
        for hour in 0..30 * 24 {
            let now = start + Span::hours(hour);
            let day = (hour / 24) as usize;
            let mut due: Vec<usize> = (0..creators.len()).filter(|n| creators[*n].next_due <= now).collect();
            let starved = now - Span::days(STARVED_DAYS);
            let rank = |c: &Simulated| if c.next_due < starved { i16::MAX } else { c.reason.priority() };
            due.sort_by_key(|n| (std::cmp::Reverse(rank(&creators[*n])), creators[*n].next_due));
            let admitted = refreshes_within(allowance(daily, requests_per_day[day], now), REQUESTS_EACH);
            for n in due.into_iter().take(admitted as usize) {
                let creator = &mut creators[n];
                creator.last_fetched = now;
                let interval = Span::from_std(cadence.interval(creator.reason)).unwrap();
                creator.next_due = now + interval;
                requests_per_day[day] += i64::from(REQUESTS_EACH);
            }
            if day > 0 {
                for creator in &creators {
                    let slot = stale_sum.entry(creator.reason).or_default();
                    slot.0 += (now - creator.last_fetched).num_minutes() as f64 / 60.0;
                    slot.1 += 1.0;
                }
            }
        }
        let staleness = stale_sum.into_iter().map(|(reason, (sum, n))| (reason, sum / n)).collect();
        Simulation { requests_per_day, staleness }
    }

    #[test]
    fn thirty_days_within_an_ample_and_a_tight_budget() {
        let cadence = Cadence::default();
        let needed = requests_needed_per_day(&cadence, &MIX, 2);
        assert_eq!(needed, 1_838);
        for budget in [4_000, 1_200] {
            let run = simulate(budget);
            let busiest = *run.requests_per_day.iter().max().unwrap();
            // The first day fetches everyone once; the steady state follows.
            let steady = &run.requests_per_day[1..];
            let quietest = *steady.iter().min().unwrap();
            let mean = steady.iter().sum::<i64>() / steady.len() as i64;
            let hours = |reason| run.staleness[&reason];
            println!(
                "budget {budget} requests/day (needed {needed}): {quietest}–{busiest} a day, {mean} on average; mean hours since \
                 the last fetch: rising {:.1}, campaign {:.1}, climbing {:.1}, regular {:.1}, dormant {:.1}, \
                 unwatched {:.1}",
                hours(Reason::Rising),
                hours(Reason::Campaign),
                hours(Reason::Climbing),
                hours(Reason::Regular),
                hours(Reason::Dormant),
                hours(Reason::Unwatched),
            );
            assert!(busiest <= budget, "day over budget: {busiest} > {budget}");
            assert!(hours(Reason::Rising) < hours(Reason::Regular));
            assert!(hours(Reason::Regular) < hours(Reason::Dormant));
            // Rising creators keep close to their 6-hour cadence whatever the budget.
            assert!(hours(Reason::Rising) <= 4.0, "rising {:.1} h stale", hours(Reason::Rising));
            if budget > needed {
                assert!(
                    mean.abs_diff(needed) <= needed as u64 / 10,
                    "an ample budget spends what the cadence needs: {mean}"
                );
                assert!(hours(Reason::Dormant) <= 40.0);
            } else {
                assert!(quietest >= budget - 2, "a tight budget is used in full: {quietest}");
                let starved = Span::days(STARVED_DAYS).num_hours() as f64;
                let wait = |reason| hours(reason) - cadence.interval(reason).as_secs_f64() / 3600.0;
                assert!(
                    wait(Reason::Unwatched) <= starved,
                    "the least urgent wait, but not forever: {:.1} h",
                    hours(Reason::Unwatched)
                );
            }
        }
    }
}
