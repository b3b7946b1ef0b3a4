//! Outlier ("viral") scores per video (analytics.md §4): views as a multiple of the creator's median, views per
//! follower, and the creator's top video chosen by score rather than raw views (§4.3).

use crate::engagement::video_rate;
use crate::measure::{
    ENGAGEMENT_VIDEO, Measure, OUTLIER_MULTIPLE, Unavailable, VIEWS_MEDIAN, VIEWS_PER_FOLLOWER, finite,
};
use crate::videos::{MIN_VIDEOS, RecentVideos, Score, VIDEO_WINDOW, VideoStats};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// Videos posted within this many days are listed and can be the top video, even beyond the last 30.
pub const TOP_VIDEO_DAYS: i64 = 90;
/// Viral videos are counted, and the rising badge looks for one, among videos posted within this many days (§7).
pub const RECENT_OUTLIER_DAYS: i64 = 30;

/// One video's outlier reading.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct VideoOutlier {
    pub video_id: String,
    pub posted_at: DateTime<Utc>,
    pub views: i64,
    /// `outlier.multiple.v1`: views ÷ median views of the other mature videos among the last 30; its sample size is
    /// the number of videos in that median. Null with fewer than 3 videos (cold start, §4.1).
    pub multiple: Measure<f64>,
    /// The median it was divided by.
    pub base_median_views: Option<f64>,
    /// `multiple` ≥ the workspace's viral multiple.
    pub viral: bool,
    /// True while the video is under 48 hours old: it is still collecting views, so its multiple can only be read as a
    /// lower bound (§4.3).
    pub provisional: bool,
    /// `outlier.views_per_follower.v1` (§4.1 VPS): makes under-the-radar creators stand out (§4.3).
    pub views_per_follower: Measure<f64>,
    /// `engagement.video.v1`: this video's engagement rate by views.
    pub engagement_rate: Measure<f64>,
}

/// The outlier strip of a creator.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Outliers {
    /// The workspace's viral multiple used for `viral`.
    pub viral_multiple: f64,
    /// `views.median.v1` over the mature videos among the last 30: the median line of the strip chart.
    pub median_views: Measure<f64>,
    /// The last 30 videos plus any other video of the last 90 days, newest first.
    pub videos: Vec<VideoOutlier>,
    /// Videos posted in the last 30 days at or above the viral multiple.
    pub viral_count_30d: usize,
    /// The video of the last 90 days with the highest multiple (§4.3: by score, not raw views); null at cold start.
    pub top_video_id: Option<String>,
    /// Set when no video can be scored yet, e.g. `not_enough_videos`.
    pub unavailable: Option<Unavailable>,
}

/// Whether a score counts as viral under `viral_multiple`.
pub(crate) fn is_viral(score: &Score, viral_multiple: f64) -> bool {
    score.multiple >= viral_multiple
}

/// Scored videos posted within `days`, newest first.
fn scored_within<'a>(recent: &'a RecentVideos<'_>, days: i64) -> impl Iterator<Item = (&'a VideoStats, Score)> + 'a {
    recent.posted_within(days).filter_map(|v| recent.score(v).map(|s| (v, s)))
}

/// The highest-scoring video posted within `days`; on a tie the one with more views, then the newer one.
pub(crate) fn best_within<'a>(recent: &'a RecentVideos<'_>, days: i64) -> Option<(&'a VideoStats, Score)> {
    scored_within(recent, days).fold(None, |best: Option<(&VideoStats, Score)>, (v, s)| match best {
        Some((b, bs)) if (bs.multiple, b.views()) >= (s.multiple, v.views()) => Some((b, bs)),
        _ => Some((v, s)),
    })
}

/// Videos of the last 30 days at or above the viral multiple: the `outlier_count` of the summary.
pub(crate) fn viral_count(recent: &RecentVideos<'_>, viral_multiple: f64) -> usize {
    scored_within(recent, RECENT_OUTLIER_DAYS).filter(|(_, s)| is_viral(s, viral_multiple)).count()
}

pub(crate) fn outliers(recent: &RecentVideos<'_>, followers: Option<i64>, viral_multiple: f64) -> Outliers {
    let listed = recent.window.max(recent.posted_within(TOP_VIDEO_DAYS).count());
    let window = VIDEO_WINDOW as u32;
    let videos = recent.all[..listed]
        .iter()
        .map(|v| {
            let score = recent.score(v);
            let per_follower = followers.filter(|f| *f > 0).and_then(|f| finite(v.views() as f64 / f as f64));
            let follower_missing = if followers.is_none() { Unavailable::NoHistory } else { Unavailable::NoFollowers };
            VideoOutlier {
                video_id: v.id.clone(),
                posted_at: v.posted_at,
                views: v.views,
                multiple: Measure::float(
                    &OUTLIER_MULTIPLE,
                    score.map(|s| s.multiple),
                    score.map_or(0, |s| s.base_size),
                    if recent.window < MIN_VIDEOS { Unavailable::NotEnoughVideos } else { Unavailable::NoViews },
                )
                .videos(window),
                base_median_views: score.map(|s| s.base_median),
                viral: score.is_some_and(|s| is_viral(&s, viral_multiple)),
                provisional: !recent.is_mature(v),
                views_per_follower: Measure::float(&VIEWS_PER_FOLLOWER, per_follower, 1, follower_missing),
                engagement_rate: Measure::float(&ENGAGEMENT_VIDEO, video_rate(v), 1, Unavailable::NoViews),
            }
        })
        .collect();
    let (median_views, base_size) = recent.base_median();
    let cold = recent.window < MIN_VIDEOS;
    Outliers {
        viral_multiple,
        median_views: Measure::float(
            &VIEWS_MEDIAN,
            median_views,
            base_size,
            if cold { Unavailable::NotEnoughVideos } else { Unavailable::NoViews },
        )
        .videos(window),
        videos,
        viral_count_30d: viral_count(recent, viral_multiple),
        top_video_id: best_within(recent, TOP_VIDEO_DAYS).map(|(v, _)| v.id.clone()),
        unavailable: cold.then_some(Unavailable::NotEnoughVideos),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::videos::tests::{now, video};

    #[test]
    fn the_top_video_is_the_best_multiple_of_the_last_90_days() {
        // "old-bigger-hit" has 50× the median but was posted 100 days ago: the top video is the 9× one.
        let videos = [
            video("recent-hit", 10, 9_000),
            video("a", 11, 1_000),
            video("b", 12, 1_000),
            video("c", 13, 1_000),
            video("old-bigger-hit", 100, 50_000),
        ];
        let recent = RecentVideos::new(&videos, now());
        let o = outliers(&recent, Some(10_000), 5.0);
        assert_eq!(o.top_video_id.as_deref(), Some("recent-hit"));
        assert_eq!(o.viral_count_30d, 1);
        let hit = &o.videos[0];
        // Base of "recent-hit": median(1,000, 1,000, 1,000, 50,000) = 1,000 → 9×; views per follower 0.9.
        assert_eq!((hit.multiple.value, hit.viral, hit.views_per_follower.value), (Some(9.0), true, Some(0.9)));
        assert_eq!(o.videos.len(), 5, "W_30 is listed in full even beyond 90 days");
    }

    #[test]
    fn cold_start_scores_nothing() {
        let videos = [video("a", 3, 1_000), video("b", 4, 50_000)];
        let recent = RecentVideos::new(&videos, now());
        let o = outliers(&recent, Some(10_000), 5.0);
        assert_eq!(o.unavailable, Some(Unavailable::NotEnoughVideos));
        assert!(o.videos.iter().all(|v| v.multiple.value.is_none() && !v.viral));
        assert_eq!(o.top_video_id, None);
    }

    #[test]
    fn a_young_video_is_provisional() {
        let videos = [video("new", 1, 20_000), video("a", 3, 1_000), video("b", 4, 1_000), video("c", 5, 1_000)];
        let recent = RecentVideos::new(&videos, now());
        let o = outliers(&recent, None, 5.0);
        assert!(o.videos[0].provisional && o.videos[0].viral);
        assert_eq!(o.videos[0].views_per_follower.unavailable, Some(Unavailable::NoHistory));
    }
}
