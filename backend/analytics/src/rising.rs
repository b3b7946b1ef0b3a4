//! The rising-creator badge (analytics.md §7): accelerating follower growth plus at least one outlier video in the last
//! 30 days, under a follower ceiling, with the reason in words and cold start handled explicitly.

use crate::growth::{AccelerationCore, WindowCore};
use crate::measure::{FORMULAS, RISING};
use crate::outliers::{RECENT_OUTLIER_DAYS, best_within, is_viral};
use crate::settings::Settings;
use crate::videos::{MIN_VIDEOS, RecentVideos};
use crate::wording;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// Whether a creator is rising, and why or why not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Rising {
    /// `rising.v1`.
    #[serde(deserialize_with = "known_formula")]
    #[schema(value_type = String)]
    pub formula: FormulaId,
    pub rising: bool,
    /// When rising, the evidence for the badge (e.g. "+38% followers in 7 days", "a video posted 26 Jun 2025 has 9× median
    /// views"); otherwise every condition that failed, in words.
    pub reasons: Vec<String>,
    /// 7-day average daily gain > 0 and > the 30-day one; null without 30 days of history.
    pub accelerating: Option<bool>,
    /// 7-day ÷ 30-day average daily gain (`growth.acceleration.v1`).
    pub acceleration: Option<f64>,
    /// Follower growth over 7 days in percent (`growth.pct.v1`).
    pub growth_7d_percent: Option<f64>,
    /// The best-scoring video of the last 30 days, viral or not.
    pub best_video_id: Option<String>,
    /// Its outlier multiple (`outlier.multiple.v1`).
    pub best_video_multiple: Option<f64>,
    /// The workspace's viral multiple the video had to reach.
    pub viral_multiple: f64,
    /// The workspace's follower ceiling.
    pub follower_ceiling: i64,
}

/// A formula's id. An alias, so that the derived `Deserialize` does not tie its input to
/// `'static` (serde treats a written `&'static` field as borrowed).
pub type FormulaId = &'static str;

/// A kept assessment reads back only under a formula this build knows.
fn known_formula<'de, D: Deserializer<'de>>(deserializer: D) -> Result<FormulaId, D::Error> {
    let id = String::deserialize(deserializer)?;
    FORMULAS
        .iter()
        .map(|formula| formula.id)
        .find(|known| *known == id)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown formula {id}")))
}

pub(crate) fn assess(
    week: &WindowCore,
    acceleration: &AccelerationCore,
    recent: &RecentVideos<'_>,
    followers: Option<i64>,
    settings: &Settings,
) -> Rising {
    let best = best_within(recent, RECENT_OUTLIER_DAYS);
    let viral_multiple = settings.effective_viral_multiple();
    let ceiling = settings.rising_follower_ceiling;
    let mut evidence = Vec::new();
    let mut failures = Vec::new();

    match followers {
        None => failures.push("no follower history yet".to_owned()),
        Some(f) if f >= ceiling => failures.push(format!(
            "{} followers, at or above the ceiling of {}",
            wording::compact(f),
            wording::compact(ceiling)
        )),
        Some(_) => {}
    }

    match (acceleration.accelerating, week.absolute) {
        (Some(true), Some(absolute)) => {
            let change = match week.percent {
                Some(p) => wording::signed_percent(p),
                None => wording::signed_count(absolute),
            };
            let pace =
                acceleration.ratio.map(|r| format!(", {} the 30-day pace", wording::multiple(r))).unwrap_or_default();
            evidence.push(format!("{change} followers in 7 days{pace}"));
        }
        (Some(_), _) => failures.push(format!(
            "growth is not accelerating: {} a day over 7 days against {} over 30 days",
            week.daily_gain.map_or_else(|| "?".to_owned(), |g| wording::signed_count(g.round() as i64)),
            acceleration_base(acceleration, week),
        )),
        (None, _) => failures.push("not enough history to compare 7 with 30 days of growth".to_owned()),
    }

    match best {
        _ if recent.window < MIN_VIDEOS => {
            failures.push(format!("fewer than {MIN_VIDEOS} videos: no outlier scores yet"));
        }
        Some((video, score)) if is_viral(&score, viral_multiple) => {
            // Named by its date, as people name videos; the video itself is the summary's top video.
            evidence.push(format!(
                "a video posted {} has {} median views",
                video.posted_at.format("%-d %b %Y"),
                wording::multiple(score.multiple)
            ));
        }
        Some((_, score)) => failures.push(format!(
            "no video of the last 30 days reaches {} median views (best {})",
            wording::multiple(viral_multiple),
            wording::multiple(score.multiple)
        )),
        None => failures.push("no scored video in the last 30 days".to_owned()),
    }

    let rising = failures.is_empty();
    Rising {
        formula: RISING.id,
        rising,
        reasons: if rising { evidence } else { failures },
        accelerating: acceleration.accelerating,
        acceleration: acceleration.ratio,
        growth_7d_percent: week.percent,
        best_video_id: best.map(|(v, _)| v.id.clone()),
        best_video_multiple: best.map(|(_, s)| s.multiple),
        viral_multiple,
        follower_ceiling: ceiling,
    }
}

/// The 30-day daily gain in words, recovered from the ratio when the 30-day figure is not at hand.
fn acceleration_base(acceleration: &AccelerationCore, week: &WindowCore) -> String {
    match (acceleration.ratio, week.daily_gain) {
        (Some(r), Some(g7)) if r != 0.0 => wording::signed_count((g7 / r).round() as i64),
        _ => "a higher or equal pace".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::growth::{acceleration, window};
    use crate::history::tests::{day, point};
    use crate::history::{DailyPoint, History, Metric};
    use crate::videos::VideoStats;
    use crate::videos::tests::{now, video};
    use chrono::Days;

    /// 23 days of +100 from 100,000, then 7 days that add `last_week` in total.
    fn history(last_week: i64) -> Vec<DailyPoint> {
        let start = day(2025, 5, 31);
        let mut points: Vec<DailyPoint> =
            (0..=23).map(|i| point(start + Days::new(i), 100_000 + 100 * i as i64)).collect();
        let base = points[23].followers;
        points.extend((1..=7).map(|i| point(start + Days::new(23 + i), base + last_week * i as i64 / 7)));
        points
    }

    fn assess_with(points: &[DailyPoint], videos: &[VideoStats], settings: &Settings) -> Rising {
        let history = History::new(points, day(2025, 6, 30));
        let week = window(&history, Metric::Followers, 7);
        let month = window(&history, Metric::Followers, 30);
        let recent = RecentVideos::new(videos, now());
        assess(&week, &acceleration(&week, &month), &recent, history.latest().map(|p| p.followers), settings)
    }

    fn videos_with_hit() -> Vec<VideoStats> {
        let mut videos = vec![video("7468123", 5, 9_000)];
        videos.extend((0..5).map(|i| video(&format!("v{i}"), 6 + i, 1_000)));
        videos
    }

    #[test]
    fn accelerating_with_a_viral_video_is_rising_with_reasons() {
        // Last 7 days: +38,110 on 102,300 = +37.25…% → "+37%"; a video at 9× the median of 1,000.
        let r = assess_with(&history(38_110), &videos_with_hit(), &Settings::default());
        assert!(r.rising, "{:?}", r.reasons);
        assert!(r.reasons[0].starts_with("+37% followers in 7 days, "), "{}", r.reasons[0]);
        assert_eq!(r.reasons[1], "a video posted 25 Jun 2025 has 9× median views");
    }

    #[test]
    fn steady_growth_is_not_rising_and_says_why() {
        let r = assess_with(&history(700), &videos_with_hit(), &Settings::default());
        assert!(!r.rising);
        assert_eq!(r.reasons, ["growth is not accelerating: +100 a day over 7 days against +100 over 30 days"]);
    }

    #[test]
    fn the_ceiling_and_cold_start_block_the_badge() {
        let settings = Settings { rising_follower_ceiling: 100_000, ..Settings::default() };
        let r = assess_with(&history(38_110), &videos_with_hit()[..2], &settings);
        assert!(!r.rising);
        assert_eq!(
            r.reasons,
            ["140.4K followers, at or above the ceiling of 100K", "fewer than 3 videos: no outlier scores yet"]
        );
    }
}
