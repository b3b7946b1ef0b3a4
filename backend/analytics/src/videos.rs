//! A creator's recent videos and the window every video analytic shares: `W_30`, the last 30 videos by posting time
//! (analytics.md, Conventions), and the outlier base built from it (§4.3).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Stats of one video as last refreshed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct VideoStats {
    /// TikTok's video id.
    pub id: String,
    pub posted_at: DateTime<Utc>,
    pub views: i64,
    pub likes: i64,
    pub comments: i64,
    pub shares: i64,
    /// Saves ("favourites"), when the source reports them; not part of any engagement formula (§1.1 uses none).
    pub saves: Option<i64>,
    /// Hashtags as the source gives them; compared after [`normalize_hashtag`].
    pub hashtags: Vec<String>,
    /// The region the video was posted from (ISO 3166-1 alpha-2), when known.
    pub region: Option<String>,
}

impl VideoStats {
    /// Views, with a negative count (a source glitch) read as zero.
    pub(crate) fn views(&self) -> i64 {
        self.views.max(0)
    }

    /// likes + comments + shares, each negative count read as zero, saturating rather than overflowing.
    pub(crate) fn interactions(&self) -> i64 {
        self.likes.max(0).saturating_add(self.comments.max(0)).saturating_add(self.shares.max(0))
    }
}

/// A hashtag in the form targets use: trimmed, without a leading `#`, lowercase.
pub fn normalize_hashtag(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_lowercase()
}

/// `W_N` with `N = 30`: the most common window (analytics.md, Conventions; HypeAuditor, Trendpop).
pub const VIDEO_WINDOW: usize = 30;

/// Fewer videos than this give no engagement rate, outlier score or expected views (§1.3, §4.1: ViralVault's cold-start
/// floor).
pub const MIN_VIDEOS: usize = 3;

/// A video younger than this is still collecting views: it is left out of everyone's outlier base and its own score is
/// marked provisional (§4.3, proposal).
pub const MATURE_AFTER: Duration = Duration::hours(48);

/// The videos an analysis looks at, newest first, with the outlier base precomputed.
pub(crate) struct RecentVideos<'a> {
    /// All videos, newest first (ties broken by id so the order is deterministic).
    pub all: Vec<&'a VideoStats>,
    /// How many of `all` form `W_30`: the first `window` entries.
    pub window: usize,
    /// Views of the mature videos in `W_30`, ascending: the outlier base before excluding the scored video.
    base: Vec<i64>,
    pub now: DateTime<Utc>,
}

/// One video's outlier multiple and the base it was measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Score {
    pub multiple: f64,
    pub base_median: f64,
    pub base_size: usize,
}

impl<'a> RecentVideos<'a> {
    pub fn new(videos: &'a [VideoStats], now: DateTime<Utc>) -> Self {
        let mut all: Vec<&VideoStats> = videos.iter().collect();
        all.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then_with(|| a.id.cmp(&b.id)));
        let window = all.len().min(VIDEO_WINDOW);
        let mut base: Vec<i64> = all[..window].iter().filter(|v| is_mature(v, now)).map(|v| v.views()).collect();
        base.sort_unstable();
        Self { all, window, base, now }
    }

    /// `W_30`, newest first.
    pub fn window(&self) -> &[&'a VideoStats] {
        &self.all[..self.window]
    }

    pub fn is_mature(&self, video: &VideoStats) -> bool {
        is_mature(video, self.now)
    }

    /// Videos posted within the last `days` days (a posting time after `now` counts as recent).
    pub fn posted_within(&self, days: i64) -> impl Iterator<Item = &'a VideoStats> + '_ {
        let since = self.now.checked_sub_signed(Duration::days(days));
        self.all.iter().copied().take_while(move |v| since.is_none_or(|since| v.posted_at >= since))
    }

    /// Median views of the mature videos in `W_30`: the median line of the outlier strip (§4.3) and the size of
    /// the outlier base.
    pub fn base_median(&self) -> (Option<f64>, usize) {
        let views: Vec<f64> = self.base.iter().map(|&v| v as f64).collect();
        (median_sorted(&views), self.base.len())
    }

    /// The outlier multiple of `video` (§4.1, §4.3): its views ÷ the median views of the mature videos in `W_30`, the
    /// video itself excluded so one hit does not raise its own bar.
    ///
    /// `None` when `W_30` holds fewer than [`MIN_VIDEOS`] videos (cold start), when fewer than two other mature videos
    /// are left to take a median of, or when that median is zero.
    pub fn score(&self, video: &VideoStats) -> Option<Score> {
        if self.window < MIN_VIDEOS {
            return None;
        }
        let in_base = self.is_mature(video) && self.window().iter().any(|v| std::ptr::eq(*v, video));
        let excluded = if in_base { self.base.binary_search(&video.views()).ok() } else { None };
        let base_size = self.base.len() - usize::from(excluded.is_some());
        if base_size < 2 {
            return None;
        }
        // The k-th smallest view count once the excluded entry is removed; any entry with equal views will do.
        let nth = |k: usize| match excluded {
            Some(j) if k >= j => self.base[k + 1],
            _ => self.base[k],
        };
        let base_median = if base_size % 2 == 1 {
            nth(base_size / 2) as f64
        } else {
            (nth(base_size / 2 - 1) as f64 + nth(base_size / 2) as f64) / 2.0
        };
        if base_median <= 0.0 {
            return None;
        }
        let multiple = video.views() as f64 / base_median;
        multiple.is_finite().then_some(Score { multiple, base_median, base_size })
    }
}

fn is_mature(video: &VideoStats, now: DateTime<Utc>) -> bool {
    now.signed_duration_since(video.posted_at) >= MATURE_AFTER
}

/// The median of an ascending slice, `None` when empty.
pub(crate) fn median_sorted(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The median of any values, `None` when empty.
pub(crate) fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_unstable_by(f64::total_cmp);
    median_sorted(&values)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 30, 12, 0, 0).unwrap()
    }

    /// A video posted `days_ago` days before [`now`] with `views` views and 10% engagement.
    pub fn video(id: &str, days_ago: i64, views: i64) -> VideoStats {
        VideoStats {
            id: id.to_owned(),
            posted_at: now() - Duration::days(days_ago),
            views,
            likes: views / 10,
            comments: 0,
            shares: 0,
            saves: None,
            hashtags: vec![],
            region: None,
        }
    }

    #[test]
    fn the_video_is_excluded_from_its_own_base() {
        // Hand-computed: base of "hit" = median(1000, 2000, 3000) = 2000, so 18000 / 2000 = 9×.
        let videos = [video("hit", 3, 18_000), video("a", 4, 1000), video("b", 5, 2000), video("c", 6, 3000)];
        let recent = RecentVideos::new(&videos, now());
        let hit = recent.score(&videos[0]).unwrap();
        assert_eq!((hit.multiple, hit.base_median, hit.base_size), (9.0, 2000.0, 3));
        // And "a" is measured against median(2000, 3000, 18000) = 3000.
        assert_eq!(recent.score(&videos[1]).unwrap().multiple, 1000.0 / 3000.0);
    }

    #[test]
    fn fewer_than_three_videos_give_no_score() {
        let videos = [video("a", 3, 1000), video("b", 4, 2000)];
        let recent = RecentVideos::new(&videos, now());
        assert_eq!(recent.score(&videos[0]), None);
    }

    #[test]
    fn young_videos_stay_out_of_the_base_but_are_scored() {
        // "new" is 1 day old: the base for everyone is the three mature videos.
        let videos = [video("new", 1, 50), video("a", 4, 1000), video("b", 5, 2000), video("c", 6, 3000)];
        let recent = RecentVideos::new(&videos, now());
        assert_eq!(recent.score(&videos[0]).unwrap().base_median, 2000.0);
        assert_eq!(recent.score(&videos[1]).unwrap().base_median, 2500.0);
    }

    #[test]
    fn hashtags_are_compared_lowercase_without_hash() {
        assert_eq!(normalize_hashtag(" #SkinCare "), "skincare");
    }

    proptest! {
        #[test]
        fn score_equals_views_over_median_of_the_others(views in proptest::collection::vec(0i64..1_000_000, 0..40)) {
            let videos: Vec<VideoStats> =
                views.iter().enumerate().map(|(i, &v)| video(&format!("{i:03}"), 3 + i as i64, v)).collect();
            let recent = RecentVideos::new(&videos, now());
            for (i, v) in videos.iter().enumerate() {
                let score = recent.score(v);
                if videos.len() < MIN_VIDEOS {
                    prop_assert!(score.is_none());
                    continue;
                }
                let others: Vec<f64> = videos
                    .iter()
                    .take(VIDEO_WINDOW)
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, o)| o.views as f64)
                    .collect();
                let expected = median(others.clone()).filter(|m| *m > 0.0 && others.len() >= 2).map(|m| v.views as f64 / m);
                prop_assert_eq!(score.map(|s| s.multiple), expected);
            }
        }
    }
}
