//! Engagement rate (analytics.md §1): by views and by followers over the last 30 videos, median-based as the headline
//! (§1.3), with the ratio of totals and the mean of per-video rates beside it so the three readings of "ER over 30
//! videos" (§1.2) are never confused.

use crate::measure::{
    ENGAGEMENT_FOLLOWERS_MEDIAN, ENGAGEMENT_VIEWS_MEAN, ENGAGEMENT_VIEWS_MEDIAN, ENGAGEMENT_VIEWS_TOTAL, Measure,
    Unavailable, VIEWS_MEDIAN, finite,
};
use crate::videos::{MIN_VIDEOS, RecentVideos, VIDEO_WINDOW, VideoStats, median};
use serde::Serialize;
use utoipa::ToSchema;

/// Engagement of the last 30 videos. All rates are percentages.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Engagement {
    /// Headline: `engagement.views.median.v1`, median(likes + comments + shares) ÷ median(views) × 100 (§1.2 ER_med,
    /// Modash's calculator), chosen because one viral video cannot move it (§1.3).
    pub by_views: Measure<f64>,
    /// `engagement.followers.median.v1`: median(likes + comments + shares) ÷ followers today × 100. The median, as for
    /// Modash's Instagram rate, so one viral post does not inflate it (§1.1).
    pub by_followers: Measure<f64>,
    /// `engagement.views.total.v1` (§1.2 ER_tot): dominated by the biggest video.
    pub by_views_total: Measure<f64>,
    /// `engagement.views.mean_of_rates.v1` (§1.2 ER_avg): gives small videos equal weight.
    pub by_views_mean_of_rates: Measure<f64>,
    /// `views.median.v1`: the expected views of the next video (§6.4).
    pub expected_views: Measure<f64>,
}

/// The numbers shared with the summary, pricing and returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EngagementCore {
    /// ER_med in percent.
    pub by_views: Option<f64>,
    pub median_views: Option<f64>,
    pub median_interactions: Option<f64>,
    /// Videos used: those of `W_30` with at least one view (§1.3 skips zero-view videos).
    pub sample: usize,
    pub missing: Unavailable,
}

/// The sample every engagement figure uses: `W_30` without zero-view videos, which are usually a source's placeholder
/// rather than a real count (§8.3).
fn sample<'a>(recent: &'a RecentVideos<'_>) -> impl Iterator<Item = &'a VideoStats> + 'a {
    recent.window().iter().copied().filter(|v| v.views() > 0)
}

pub(crate) fn core(recent: &RecentVideos<'_>) -> EngagementCore {
    let views: Vec<f64> = sample(recent).map(|v| v.views() as f64).collect();
    let n = views.len();
    if n < MIN_VIDEOS {
        return EngagementCore {
            by_views: None,
            median_views: None,
            median_interactions: None,
            sample: n,
            missing: Unavailable::NotEnoughVideos,
        };
    }
    let median_views = median(views);
    let median_interactions = median(sample(recent).map(|v| v.interactions() as f64).collect());
    let by_views = match (median_interactions, median_views) {
        (Some(i), Some(v)) if v > 0.0 => finite(i / v * 100.0),
        _ => None,
    };
    EngagementCore { by_views, median_views, median_interactions, sample: n, missing: Unavailable::NoViews }
}

/// The engagement rate by views of one video, `None` without views.
pub(crate) fn video_rate(video: &VideoStats) -> Option<f64> {
    let views = video.views();
    if views == 0 { None } else { finite(video.interactions() as f64 / views as f64 * 100.0) }
}

pub(crate) fn engagement(recent: &RecentVideos<'_>, core: &EngagementCore, followers: Option<i64>) -> Engagement {
    let n = core.sample;
    let window = VIDEO_WINDOW as u32;
    let enough = n >= MIN_VIDEOS;
    let (total, mean_of_rates) = if enough {
        let (interactions, views) = sample(recent)
            .fold((0.0, 0.0), |(i, v), video| (i + video.interactions() as f64, v + video.views() as f64));
        let rates: f64 = sample(recent).filter_map(video_rate).sum();
        (finite(interactions / views * 100.0), finite(rates / n as f64))
    } else {
        (None, None)
    };
    let (by_followers, followers_missing) = match (followers, core.median_interactions) {
        (Some(f), Some(i)) if f > 0 => (finite(i / f as f64 * 100.0), Unavailable::NotFinite),
        (_, None) => (None, core.missing),
        _ => (None, Unavailable::NoFollowers),
    };
    Engagement {
        by_views: Measure::float(&ENGAGEMENT_VIEWS_MEDIAN, core.by_views, n, core.missing).videos(window),
        by_followers: Measure::float(&ENGAGEMENT_FOLLOWERS_MEDIAN, by_followers, n, followers_missing).videos(window),
        by_views_total: Measure::float(&ENGAGEMENT_VIEWS_TOTAL, total, n, core.missing).videos(window),
        by_views_mean_of_rates: Measure::float(&ENGAGEMENT_VIEWS_MEAN, mean_of_rates, n, core.missing).videos(window),
        expected_views: Measure::float(&VIEWS_MEDIAN, core.median_views, n, core.missing).videos(window),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::videos::tests::{now, video};

    fn with_interactions(id: &str, views: i64, likes: i64, comments: i64, shares: i64) -> VideoStats {
        VideoStats { likes, comments, shares, ..video(id, 5, views) }
    }

    #[test]
    fn median_total_and_mean_rates_by_hand() {
        // Views 1,000 / 2,000 / 10,000; interactions 100 / 300 / 500 → rates 10 %, 15 %, 5 %.
        // ER_med = 300 / 2,000 = 15 %; ER_tot = 900 / 13,000 = 6.923 %; ER_avg = 10 %.
        let videos = [
            with_interactions("a", 1_000, 80, 15, 5),
            with_interactions("b", 2_000, 250, 30, 20),
            with_interactions("c", 10_000, 400, 60, 40),
        ];
        let recent = RecentVideos::new(&videos, now());
        let core = core(&recent);
        let e = engagement(&recent, &core, Some(20_000));
        assert_eq!(e.by_views.value, Some(15.0));
        assert!((e.by_views_total.value.unwrap() - 900.0 / 13_000.0 * 100.0).abs() < 1e-12);
        assert!((e.by_views_mean_of_rates.value.unwrap() - 10.0).abs() < 1e-12);
        // By followers: median interactions 300 ÷ 20,000 = 1.5 %.
        assert_eq!(e.by_followers.value, Some(1.5));
        assert_eq!(e.expected_views.value, Some(2_000.0));
        assert_eq!((e.by_views.sample_size, e.by_views.window_videos), (3, Some(30)));
    }

    #[test]
    fn zero_view_videos_are_skipped_and_three_are_needed() {
        let videos = [video("a", 3, 1_000), video("b", 4, 0), video("c", 5, 2_000)];
        let recent = RecentVideos::new(&videos, now());
        let e = engagement(&recent, &core(&recent), Some(0));
        assert_eq!(e.by_views.value, None);
        assert_eq!(e.by_views.unavailable, Some(Unavailable::NotEnoughVideos));
        assert_eq!(e.by_views.sample_size, 2);
    }

    #[test]
    fn by_followers_needs_followers() {
        let videos = [video("a", 3, 1_000), video("b", 4, 3_000), video("c", 5, 2_000)];
        let recent = RecentVideos::new(&videos, now());
        let e = engagement(&recent, &core(&recent), Some(0));
        assert_eq!(e.by_views.value, Some(10.0));
        assert_eq!(e.by_followers.unavailable, Some(Unavailable::NoFollowers));
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let big = |id| with_interactions(id, i64::MAX, i64::MAX, i64::MAX, i64::MAX);
        let videos = [big("a"), big("b"), big("c")];
        let recent = RecentVideos::new(&videos, now());
        let e = engagement(&recent, &core(&recent), Some(i64::MAX));
        assert_eq!(e.by_views.value, Some(100.0));
    }
}
