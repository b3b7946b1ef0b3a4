//! The demo source: invented creators with real-looking growth, for a first run without a
//! provider key. Everything is computed from a hash of the handle and the day, with no network
//! and no randomness, so the same question on the same day always gets the same answer.
//!
//! How time works here. Counts follow an absolute calendar: a creator's follower *level* drifts
//! day by day from a fixed reference date, and posting days are fixed dates, so tomorrow's
//! profile continues today's history. The *shape* of the recent past (the acceleration of a
//! rising creator, the spike of a viral one, the outlier videos) is laid out relative to the day
//! asked about, so every pattern shows whenever the demo runs. [`demo_history`] walks back from
//! the level at `end` through that shape, so its last point is always the profile at `end`.

mod catalog;
mod comments;

use crate::wire;
use crate::{Capabilities, Profile, Source, SourceError, UserMatch, Video, VideoComment};
use async_trait::async_trait;
use catalog::{CREATORS, Entry, NEWCOMERS, Niche, PATTERN_CYCLE};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How a demo creator's numbers move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Roughly constant daily growth.
    Steady,
    /// Growth that accelerates toward today, with an outlier video (≥5× median views) in the last
    /// 30 days.
    Rising,
    /// Modest growth and one viral video (≥10× median views) in the last 30 days, with the
    /// follower jump it brought.
    Viral,
    /// Slowly losing followers; newer videos get fewer views.
    Declining,
    /// No new videos for months; counts flat.
    Dormant,
}

impl Pattern {
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::Steady => "steady",
            Pattern::Rising => "rising",
            Pattern::Viral => "viral",
            Pattern::Declining => "declining",
            Pattern::Dormant => "dormant",
        }
    }
}

/// One day of a demo creator's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DemoPoint {
    pub at: DateTime<Utc>,
    pub followers: i64,
    pub following: i64,
    pub likes: i64,
    pub videos: i64,
}

/// The demo brand: the made-up shop whose seeding campaigns the demo workspace shows. About a
/// third of the catalog's creators take part; in every cycle of [`DEMO_CAMPAIGN_DAYS`] days from
/// the reference date, each of them posts once about the brand (an @mention, the brand's hashtag
/// and their discount code), a few days to a few weeks into the cycle.
pub const DEMO_BRAND_HANDLE: &str = "sunnythreads";
pub const DEMO_BRAND_HASHTAG: &str = "sunnythreadsgifted";
pub const DEMO_CAMPAIGN_DAYS: i64 = 40;

/// Whether a demo creator takes part in the demo brand's seeding.
pub fn demo_seeded(handle: &str) -> bool {
    Creator::new(handle).seeded
}

/// The first day of the demo brand's seeding cycle that `date` falls in.
pub fn demo_cycle_start(date: NaiveDate) -> NaiveDate {
    let day = (date - reference_date()).num_days();
    date_of(day.div_euclid(DEMO_CAMPAIGN_DAYS) * DEMO_CAMPAIGN_DAYS)
}

/// The creator's demo discount code: `SUNNY` and the first letters of their handle.
pub fn demo_discount_code(handle: &str) -> String {
    let letters: String = handle.chars().filter(char::is_ascii_alphabetic).take(5).collect();
    format!("SUNNY{}", letters.to_ascii_uppercase())
}

/// The handles of the demo list (about 60 invented creators in apparel-brand niches).
pub fn demo_handles() -> Vec<&'static str> {
    CREATORS.iter().map(|c| c.handle).collect()
}

/// The pattern a handle follows; any handle has one.
pub fn demo_pattern(handle: &str) -> Pattern {
    Creator::new(handle).pattern
}

/// `days` daily points ending at `end` (oldest first, the last one at `end` itself), consistent
/// with the demo profile's counts on `end`'s day. Counts are never negative. At most ten years.
pub fn demo_history(handle: &str, days: usize, end: DateTime<Utc>) -> Vec<DemoPoint> {
    Creator::new(handle).history(days, end)
}

/// The demo [`Source`]. `DemoSource::new()` follows the calendar (today, in UTC);
/// `DemoSource::at(now)` answers as of a fixed moment. Like a real source, it knows its own
/// creators (the catalog's) and answers "not found" for any other handle, so a typo never becomes a
/// tracked creator; [`DemoSource::inventing_any_handle`] makes one up for any handle instead, for
/// benchmarks that need thousands.
#[derive(Debug, Clone, Default)]
pub struct DemoSource {
    now: Option<DateTime<Utc>>,
    any_handle: bool,
    /// Each answer counts as one request, as a provider's would.
    sent: Arc<AtomicU64>,
}

impl DemoSource {
    pub fn new() -> Self {
        DemoSource { now: None, any_handle: false, sent: Arc::default() }
    }

    pub fn at(now: DateTime<Utc>) -> Self {
        DemoSource { now: Some(now), any_handle: false, sent: Arc::default() }
    }

    /// This source, answering for any handle with a creator invented from it.
    pub fn inventing_any_handle(self) -> Self {
        DemoSource { any_handle: true, ..self }
    }

    /// `handle` canonical, if this source answers for it.
    fn known(&self, handle: &str) -> Result<String, SourceError> {
        self.count();
        let handle = wire::canonical_handle(handle);
        let listed = |h: &str| CREATORS.iter().chain(NEWCOMERS.iter()).any(|c| c.handle == h);
        if handle.is_empty() || !(self.any_handle || listed(&handle)) {
            return Err(SourceError::NotFound);
        }
        Ok(handle)
    }

    /// Up to `max` comments under the video `video_id` of `handle`, newest first: in the languages
    /// the creator's audience writes, by recurring commenters, some unreadable (emoji, one word).
    pub fn comments(&self, handle: &str, video_id: &str, max: usize) -> Result<Vec<VideoComment>, SourceError> {
        Ok(comments::comments(&self.known(handle)?, video_id, max, self.now()))
    }

    fn count(&self) {
        self.sent.fetch_add(1, Ordering::Relaxed);
    }

    /// The moment answers are computed for. Without a fixed moment it is the start of today, so
    /// every call on the same day agrees.
    fn now(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(|| start_of_day(Utc::now().date_naive()))
    }
}

#[async_trait]
impl Source for DemoSource {
    fn name(&self) -> &'static str {
        "demo"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            profile: true,
            videos: true,
            hashtag_videos: true,
            user_search: true,
            comments: true,
            audience: false,
        }
    }

    fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    fn requests_per_refresh(&self) -> u32 {
        2
    }

    async fn profile(&self, handle: &str) -> Result<Profile, SourceError> {
        Ok(Creator::new(&self.known(handle)?).profile(self.now()))
    }

    async fn videos(&self, handle: &str, _sec_uid: Option<&str>, max: usize) -> Result<Vec<Video>, SourceError> {
        let mut videos = Creator::new(&self.known(handle)?).videos(self.now(), max.max(RECENT_VIDEOS));
        videos.truncate(max);
        Ok(videos)
    }

    async fn hashtag_videos(&self, tag: &str, max: usize) -> Result<Vec<Video>, SourceError> {
        self.count();
        let tag = wire::canonical_tag(tag);
        if tag.is_empty() {
            return Err(SourceError::Rejected("empty hashtag".into()));
        }
        Ok(hashtag_videos(&tag, max, self.now()))
    }

    async fn comments(&self, handle: &str, video_id: &str, max: usize) -> Result<Vec<VideoComment>, SourceError> {
        DemoSource::comments(self, handle, video_id, max)
    }

    async fn search_users(&self, query: &str, max: usize) -> Result<Vec<UserMatch>, SourceError> {
        self.count();
        let query = wire::canonical_handle(query);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.now();
        let matches = CREATORS
            .iter()
            .filter(|c| {
                let name = c.display_name.to_lowercase();
                c.handle.starts_with(&query)
                    || name.starts_with(&query)
                    || name.split_whitespace().any(|word| word.starts_with(&query))
            })
            .take(max)
            .map(|c| {
                let creator = Creator::new(c.handle);
                UserMatch {
                    handle: creator.handle.clone(),
                    display_name: Some(creator.display_name.clone()),
                    avatar_url: None,
                    verified: creator.verified,
                    followers: Some(creator.profile(now).followers),
                }
            })
            .collect();
        Ok(matches)
    }
}

// ---- The model -----------------------------------------------------------------------------------

/// Day 0 of the demo calendar; levels drift from here.
const REFERENCE_DATE: (i32, u32, u32) = (2026, 1, 1);
const MIN_FOLLOWERS: f64 = 1_000.0;
const MAX_FOLLOWERS: f64 = 900_000.0;
/// How many videos `videos()` lays out (and measures outliers against) before truncating.
const RECENT_VIDEOS: usize = 30;
/// How far back a video listing looks for posts.
const VIDEO_SCAN_DAYS: i64 = 1_000;
/// The longest history `demo_history` lays out.
const MAX_HISTORY_DAYS: usize = 3_660;
/// Hashtag feeds use the creators' own videos, topped up with made-up ones for rare tags.
const HASHTAG_TOP_UP: usize = 24;
/// At most this many videos per creator in one hashtag feed, so a feed is a mix.
const HASHTAG_PER_CREATOR: usize = 4;

/// Salts keep the different uses of one creator's hash independent.
mod salt {
    pub const POST: u64 = 1;
    pub const NOISE: u64 = 2;
    pub const VIDEO: u64 = 3;
    pub const SHUFFLE: u64 = 4;
    pub const TAG_VIDEO: u64 = 5;
}

struct Creator {
    handle: String,
    display_name: String,
    niche: Niche,
    pattern: Pattern,
    seed: u64,
    /// Takes part in the demo brand's seeding.
    seeded: bool,
    verified: bool,
    region: &'static str,
    /// Followers on day 0.
    base_followers: f64,
    /// The pattern's daily growth rate (a fraction; for `Declining`, the rate of loss).
    rate: f64,
    /// Rising: the rate today, decaying back to `rate` over `tau` days into the past.
    peak_rate: f64,
    tau: f64,
    /// Viral: the follower jump the viral video brought, as a fraction.
    spike: f64,
    post_probability: f64,
    /// Dormant creators post nothing after this day.
    last_post_day: i64,
    base_videos: i64,
    base_following: i64,
    follow_every_days: i64,
    view_ratio: f64,
    likes_per_follower: f64,
    likes_per_video: f64,
}

impl Creator {
    fn new(handle: &str) -> Creator {
        let handle = wire::canonical_handle(handle);
        let seed = fnv1a(handle.as_bytes());
        let mut rng = Rng::new(seed);
        let listed = CREATORS.iter().position(|c| c.handle == handle);
        let known: Option<&Entry> =
            listed.map(|i| &CREATORS[i]).or_else(|| NEWCOMERS.iter().find(|c| c.handle == handle));
        let niche = known.map(|c| c.niche).unwrap_or(Niche::ALL[(seed % Niche::ALL.len() as u64) as usize]);
        let pattern = match listed {
            Some(i) => PATTERN_CYCLE[i % PATTERN_CYCLE.len()],
            None => match seed % 20 {
                0..=7 => Pattern::Steady,
                8..=11 => Pattern::Rising,
                12..=13 => Pattern::Viral,
                14..=16 => Pattern::Declining,
                _ => Pattern::Dormant,
            },
        };
        let display_name = known.map(|c| c.display_name.to_string()).unwrap_or_else(|| name_from_handle(&handle));
        let (low, high) = match pattern {
            Pattern::Steady => (8_000.0, 350_000.0),
            Pattern::Rising => (2_500.0, 60_000.0),
            Pattern::Viral => (3_000.0, 120_000.0),
            Pattern::Declining => (30_000.0, 600_000.0),
            Pattern::Dormant => (1_500.0, 200_000.0),
        };
        let base_followers = rng.log_range(low, high);
        let rate = match pattern {
            Pattern::Steady => rng.range(0.0008, 0.0035),
            Pattern::Rising => rng.range(0.001, 0.003),
            Pattern::Viral => rng.range(0.0005, 0.002),
            Pattern::Declining => rng.range(0.0005, 0.0025),
            Pattern::Dormant => 0.00003,
        };
        let post_probability = match pattern {
            Pattern::Rising | Pattern::Viral => rng.range(0.5, 0.95),
            Pattern::Declining => rng.range(0.2, 0.45),
            _ => rng.range(0.3, 0.85),
        };
        let base_videos = rng.range(40.0, 900.0) as i64;
        Creator {
            display_name,
            niche,
            pattern,
            seed,
            seeded: listed.is_some_and(|i| i % 3 == 0) && pattern != Pattern::Dormant,
            verified: seed.is_multiple_of(17),
            region: ["US", "US", "US", "GB", "CA", "AU", "DE", "IE", "NL"][(seed % 9) as usize],
            base_followers,
            rate,
            peak_rate: rate + rng.range(0.008, 0.016),
            tau: rng.range(20.0, 45.0),
            spike: rng.range(0.25, 0.9),
            post_probability,
            last_post_day: if pattern == Pattern::Dormant { -(rng.range(120.0, 300.0) as i64) } else { i64::MAX },
            base_videos,
            base_following: rng.range(40.0, 1_500.0) as i64,
            follow_every_days: rng.range(20.0, 60.0) as i64,
            view_ratio: rng.range(0.08, 0.5),
            likes_per_follower: rng.range(4.0, 18.0),
            likes_per_video: base_followers * rng.range(0.005, 0.03),
            handle,
        }
    }

    // -- Counts --

    /// The follower level on `day`, drifting from day 0 at the pattern's long-run rate: linear
    /// growth (so years of demo do not explode), exponential decay (so a decline never hits zero).
    fn level(&self, day: i64) -> f64 {
        let day = day as f64;
        let level = match self.pattern {
            Pattern::Steady | Pattern::Viral => self.base_followers * (1.0 + self.rate * day),
            Pattern::Rising => self.base_followers * (1.0 + (self.rate + self.peak_rate) / 2.0 * day),
            Pattern::Declining => self.base_followers * (-self.rate * day).exp(),
            Pattern::Dormant => self.base_followers,
        };
        level.clamp(MIN_FOLLOWERS, MAX_FOLLOWERS)
    }

    /// Follower growth on the day that ended `k` days before `today` (`day = today - k`).
    fn growth(&self, k: i64, day: i64, spike_age: Option<i64>) -> f64 {
        let wobble = self.unit(salt::NOISE, day) - 0.5;
        let rate = match self.pattern {
            Pattern::Steady => self.rate * (1.0 + 0.6 * wobble),
            Pattern::Rising => {
                let accelerating = self.rate + (self.peak_rate - self.rate) * (-(k as f64) / self.tau).exp();
                accelerating * (1.0 + 0.3 * wobble)
            }
            Pattern::Viral => {
                // The jump lands over the four days after the viral video was posted.
                let jump = spike_age
                    .map(|age| match age - 1 - k {
                        0 => 0.45,
                        1 => 0.3,
                        2 => 0.15,
                        3 => 0.1,
                        _ => 0.0,
                    })
                    .map(|share| (1.0 + self.spike).powf(share) - 1.0)
                    .unwrap_or(0.0);
                self.rate * (1.0 + 0.6 * wobble) + jump
            }
            Pattern::Declining => -self.rate * (1.0 + 0.6 * wobble),
            Pattern::Dormant => -self.rate + 0.0001 * wobble,
        };
        rate.max(-0.5)
    }

    fn posts_on(&self, day: i64) -> bool {
        day <= self.last_post_day && self.unit(salt::POST, day) < self.post_probability
    }

    /// Videos published before `day` (posts count from the day after they went up).
    fn videos_before(&self, day: i64) -> i64 {
        let span = day.clamp(-5_000, 5_000);
        let posted: i64 = if span >= 0 {
            (0..span).filter(|&d| self.posts_on(d)).count() as i64
        } else {
            -((span..0).filter(|&d| self.posts_on(d)).count() as i64)
        };
        (self.base_videos + posted).max(0)
    }

    fn following_on(&self, day: i64) -> i64 {
        match self.pattern {
            Pattern::Dormant => self.base_following,
            _ => self.base_following + day.max(0) / self.follow_every_days.max(1),
        }
    }

    fn likes(&self, followers: i64, videos: i64) -> i64 {
        (followers as f64 * self.likes_per_follower + videos as f64 * self.likes_per_video).round() as i64
    }

    fn profile(&self, now: DateTime<Utc>) -> Profile {
        let today = day_number(now);
        let followers = self.level(today).round() as i64;
        let videos = self.videos_before(today);
        Profile {
            platform_user_id: (6_800_000_000_000_000_000 + self.seed % 100_000_000_000_000_000).to_string(),
            handle: self.handle.clone(),
            sec_uid: Some(format!("MS4wLjABAAAAdemo{:016x}", self.seed)),
            display_name: Some(self.display_name.clone()),
            avatar_url: None,
            bio: Some(self.niche.bio().to_string()),
            verified: self.verified,
            region: Some(self.region.to_string()),
            private: false,
            followers,
            following: self.following_on(today),
            likes: self.likes(followers, videos),
            videos,
            counts_may_be_rounded: false,
            fetched_at: now,
        }
    }

    fn history(&self, days: usize, end: DateTime<Utc>) -> Vec<DemoPoint> {
        if days == 0 {
            return Vec::new();
        }
        let today = day_number(end);
        let spike_age = self.viral_age(today);
        let days = days.min(MAX_HISTORY_DAYS);
        let mut points = Vec::with_capacity(days);
        let mut followers = self.level(today);
        let mut videos = self.videos_before(today);
        for k in 0..days as i64 {
            let day = today - k;
            let rounded = followers.round().max(0.0) as i64;
            // Only fails at the edge of chrono's calendar, where there is nothing left to show.
            let Some(at) = end.checked_sub_signed(Duration::days(k)) else { break };
            points.push(DemoPoint {
                at,
                followers: rounded,
                following: self.following_on(day),
                likes: self.likes(rounded, videos),
                videos,
            });
            // Step one day back: undo that day's growth and that day's post.
            followers /= 1.0 + self.growth(k, day, spike_age);
            if self.posts_on(day - 1) {
                videos = (videos - 1).max(0);
            }
        }
        points.reverse();
        points
    }

    // -- Videos --

    /// Viral: how many days ago the viral video went up (a posting day 5–22 days back).
    fn viral_age(&self, today: i64) -> Option<i64> {
        (self.pattern == Pattern::Viral)
            .then(|| self.post_near(today, 5 + ((self.seed >> 8) % 14) as i64, 5, 22))
            .flatten()
    }

    /// Rising: the ages of the outlier videos (one or two, within the last 28 days).
    fn outlier_ages(&self, today: i64) -> Vec<i64> {
        if self.pattern != Pattern::Rising {
            return Vec::new();
        }
        let mut ages = Vec::new();
        ages.extend(self.post_near(today, 3 + ((self.seed >> 8) % 9) as i64, 2, 12));
        if (self.seed >> 16).is_multiple_of(2) {
            ages.extend(self.post_near(today, 14 + ((self.seed >> 24) % 12) as i64, 13, 28));
        }
        ages
    }

    /// The posting day closest to `target` days ago, between `newest` and `oldest` days ago.
    fn post_near(&self, today: i64, target: i64, newest: i64, oldest: i64) -> Option<i64> {
        (newest..=oldest).filter(|age| self.posts_on(today - age)).min_by_key(|age| ((age - target).abs(), *age))
    }

    /// The `count` most recent videos as of `now`, newest first.
    fn videos(&self, now: DateTime<Utc>, count: usize) -> Vec<Video> {
        let today = day_number(now);
        let level = self.level(today);
        let newest = (today - 1).min(self.last_post_day);
        let mut videos: Vec<Video> = (0..VIDEO_SCAN_DAYS)
            .map(|back| newest - back)
            .filter(|&day| self.posts_on(day))
            .take(count)
            .map(|day| self.video(day, now, level))
            .collect();

        // Outliers are set against the others so they stand out whatever the noise did: with them
        // at the top, the list's median is at most the others' value at the middle position.
        let outliers: Vec<(i64, f64)> = match self.pattern {
            Pattern::Viral => {
                self.viral_age(today).map(|age| (age, 12.0 + 18.0 * self.unit(salt::VIDEO, age))).into_iter().collect()
            }
            Pattern::Rising => {
                self.outlier_ages(today).into_iter().map(|age| (age, 6.0 + 3.0 * self.unit(salt::VIDEO, age))).collect()
            }
            _ => Vec::new(),
        };
        let outlier_ids: Vec<String> = outliers.iter().map(|(age, _)| self.video_id(today - age)).collect();
        let mut others: Vec<i64> =
            videos.iter().filter(|v| !outlier_ids.contains(&v.platform_id)).map(|v| v.views).collect();
        others.sort_unstable();
        let middle = others.get((videos.len() / 2).min(others.len().saturating_sub(1))).copied().unwrap_or(1000);
        for ((_, factor), id) in outliers.iter().zip(&outlier_ids) {
            if let Some(video) = videos.iter_mut().find(|v| &v.platform_id == id) {
                let views = (middle.max(100) as f64 * factor).round() as i64;
                self.set_views(video, views, (self.seed ^ video.posted_at.timestamp() as u64) | 1);
            }
        }
        videos
    }

    fn video_id(&self, day: i64) -> String {
        (7_000_000_000_000_000_000 + mix(self.seed, salt::VIDEO, day as u64) % 1_000_000_000_000_000_000).to_string()
    }

    fn video(&self, day: i64, now: DateTime<Utc>, level: f64) -> Video {
        let mut rng = Rng::new(mix(self.seed, salt::VIDEO, day as u64));
        let posted_at = start_of_day(date_of(day)) + Duration::seconds(rng.range(11.0 * 3600.0, 23.0 * 3600.0) as i64);
        let age_days = ((now - posted_at).num_seconds().max(0) as f64) / 86_400.0;
        let trend = match self.pattern {
            Pattern::Rising => 1.0 + 1.2 * (-age_days / 20.0).exp(),
            Pattern::Declining => 0.45 + 0.55 * (age_days / 45.0).min(1.0),
            _ => 1.0,
        };
        let ramp_up = 1.0 - (-age_days / 1.5).exp();
        let views = (level * self.view_ratio * rng.log_normal(0.45) * trend * ramp_up).round().max(30.0) as i64;
        let tags = self.niche.tags();
        let mut picked = vec![tags[rng.below(3)]];
        for _ in 0..rng.below(3) + 1 {
            picked.push(tags[rng.below(tags.len())]);
        }
        if rng.unit() < 0.4 {
            picked.push("fyp");
        }
        if self.gifted_day(day.div_euclid(DEMO_CAMPAIGN_DAYS)) == Some(day) {
            picked.push(DEMO_BRAND_HASHTAG);
        }
        let hashtags = wire::hashtags(picked);
        let mut video = self.build_video(self.video_id(day), posted_at, hashtags, views, &mut rng);
        if video.hashtags.iter().any(|t| t == DEMO_BRAND_HASHTAG) {
            let code = demo_discount_code(&self.handle);
            video.description = format!("gifted by @{DEMO_BRAND_HANDLE} 💛 code {code} {}", video.description);
        }
        video
    }

    /// The day of `cycle` on which a seeded creator posts about the demo brand: their first
    /// posting day from a few days into the cycle.
    fn gifted_day(&self, cycle: i64) -> Option<i64> {
        if !self.seeded {
            return None;
        }
        let start = cycle * DEMO_CAMPAIGN_DAYS;
        let first = start + 4 + (self.seed % 14) as i64;
        (first..start + DEMO_CAMPAIGN_DAYS).find(|&day| self.posts_on(day))
    }

    fn build_video(
        &self,
        platform_id: String,
        posted_at: DateTime<Utc>,
        hashtags: Vec<String>,
        views: i64,
        rng: &mut Rng,
    ) -> Video {
        let phrases = self.niche.phrases();
        let phrase = phrases[rng.below(phrases.len())];
        let tag_text: Vec<String> = hashtags.iter().map(|t| format!("#{t}")).collect();
        let (shortest, longest) = self.niche.durations();
        let mut video = Video {
            share_url: wire::share_url(&self.handle, &platform_id),
            platform_id,
            author_handle: self.handle.clone(),
            author_display_name: Some(self.display_name.clone()),
            author_avatar_url: None,
            author_followers: None,
            posted_at,
            description: format!("{phrase} {}", tag_text.join(" ")),
            hashtags,
            duration_seconds: Some(rng.range(shortest as f64, longest as f64) as i32),
            cover_url: None,
            region: Some(self.region.to_string()),
            views: 0,
            likes: 0,
            comments: 0,
            shares: 0,
            saves: None,
        };
        self.set_views(&mut video, views, rng.next());
        video
    }

    /// Sets views and the engagement that goes with them.
    fn set_views(&self, video: &mut Video, views: i64, seed: u64) {
        let mut rng = Rng::new(seed);
        let likes = views as f64 * rng.range(0.04, 0.12);
        video.views = views;
        video.likes = likes.round() as i64;
        video.comments = (likes * rng.range(0.01, 0.04)).round() as i64;
        video.shares = (likes * rng.range(0.01, 0.08)).round() as i64;
        video.saves = Some((likes * rng.range(0.03, 0.12)).round() as i64);
    }

    /// A made-up video under `tag`, for tags none of the creators' own videos carry.
    fn tagged_video(&self, tag: &str, n: u64, now: DateTime<Utc>) -> Video {
        let mut rng = Rng::new(mix(self.seed, salt::TAG_VIDEO, fnv1a(tag.as_bytes()) ^ n));
        let today = day_number(now);
        let day = today - 1 - rng.below(30) as i64;
        let posted_at = start_of_day(date_of(day)) + Duration::seconds(rng.range(11.0 * 3600.0, 23.0 * 3600.0) as i64);
        let age_days = ((now - posted_at).num_seconds().max(0) as f64) / 86_400.0;
        let views = (self.level(today) * self.view_ratio * rng.log_normal(0.5) * (1.0 - (-age_days / 1.5).exp()))
            .round()
            .max(30.0) as i64;
        let niche_tags = self.niche.tags();
        let hashtags = wire::hashtags([tag, niche_tags[rng.below(niche_tags.len())]]);
        let id = (7_000_000_000_000_000_000 + rng.next() % 1_000_000_000_000_000_000).to_string();
        self.build_video(id, posted_at, hashtags, views, &mut rng)
    }

    fn unit(&self, salt: u64, day: i64) -> f64 {
        to_unit(mix(self.seed, salt, day as u64))
    }
}

/// Videos under `tag` from a tag-dependent mix of demo-list creators and newcomers, newest first.
fn hashtag_videos(tag: &str, max: usize, now: DateTime<Utc>) -> Vec<Video> {
    if max == 0 {
        return Vec::new();
    }
    let tag_seed = fnv1a(tag.as_bytes());
    let mut listed: Vec<&Entry> = CREATORS.iter().collect();
    let mut newcomers: Vec<&Entry> = NEWCOMERS.iter().collect();
    shuffle(&mut listed, mix(tag_seed, salt::SHUFFLE, 1));
    shuffle(&mut newcomers, mix(tag_seed, salt::SHUFFLE, 2));
    // Creators whose niche uses the tag come first (a stable sort keeps the shuffle otherwise),
    // then two listed creators per newcomer, so discovery always has someone new to show.
    let off_niche = |entry: &&Entry| !entry.niche.tags().contains(&tag);
    listed.sort_by_key(off_niche);
    newcomers.sort_by_key(off_niche);
    let mut pool: Vec<&Entry> = Vec::new();
    let mut listed = listed.into_iter();
    let mut newcomers = newcomers.into_iter();
    loop {
        let before = pool.len();
        pool.extend(listed.by_ref().take(2));
        pool.extend(newcomers.by_ref().take(1));
        if pool.len() == before {
            break;
        }
    }

    let wanted = max.min(HASHTAG_TOP_UP);
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for entry in &pool {
        let room = max.saturating_sub(found.len()).min(HASHTAG_PER_CREATOR);
        if room == 0 {
            break;
        }
        let creator = Creator::new(entry.handle);
        // Like TikAPI's `authorStats`: each video carries its author's followers.
        let followers = creator.profile(now).followers;
        let tagged = creator.videos(now, RECENT_VIDEOS).into_iter().filter(|v| v.hashtags.iter().any(|t| t == tag));
        for video in tagged.take(room) {
            if seen.insert(video.platform_id.clone()) {
                found.push(Video { author_followers: Some(followers), ..video });
            }
        }
    }
    if found.len() < wanted {
        for (n, entry) in pool.iter().take(12).enumerate() {
            let creator = Creator::new(entry.handle);
            let followers = creator.profile(now).followers;
            for k in 0..2u64 {
                let video = creator.tagged_video(tag, n as u64 * 2 + k, now);
                if seen.insert(video.platform_id.clone()) {
                    found.push(Video { author_followers: Some(followers), ..video });
                }
            }
        }
    }
    wire::newest_first(found, max)
}

// ---- Calendar, hashing and a tiny deterministic generator ------------------------------------

fn reference_date() -> NaiveDate {
    let (y, m, d) = REFERENCE_DATE;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn day_number(at: DateTime<Utc>) -> i64 {
    (at.date_naive() - reference_date()).num_days()
}

fn date_of(day: i64) -> NaiveDate {
    reference_date().checked_add_signed(Duration::days(day)).unwrap_or_default()
}

fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

/// "maya.bakes_22" → "Maya Bakes 22".
fn name_from_handle(handle: &str) -> String {
    let words: Vec<String> = handle
        .split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    if words.is_empty() { handle.to_string() } else { words.join(" ") }
}

/// 64-bit FNV-1a: stable across platforms and releases, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Combines a seed with a salt and a value into a well-mixed 64-bit number (SplitMix64's finaliser).
fn mix(seed: u64, salt: u64, value: u64) -> u64 {
    let mut z = seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ value.wrapping_mul(0xd1b5_4a32_d192_ed03);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A number in [0, 1) from the top 53 bits.
fn to_unit(x: u64) -> f64 {
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = Rng::new(seed);
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// SplitMix64: small, fast and plenty for made-up numbers.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0, 0, 0)
    }

    fn unit(&mut self) -> f64 {
        to_unit(self.next())
    }

    fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// Uniform on a log scale: follower counts spread over orders of magnitude.
    fn log_range(&mut self, low: f64, high: f64) -> f64 {
        (low.ln() + (high.ln() - low.ln()) * self.unit()).exp()
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    /// exp(sigma · z) with z roughly standard normal (a sum of three uniforms, bounded at ±3).
    fn log_normal(&mut self, sigma: f64) -> f64 {
        let z = (self.unit() + self.unit() + self.unit() - 1.5) * 2.0;
        (sigma * z).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_creators_post_about_the_demo_brand_once_a_cycle() {
        let now = start_of_day(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap());
        let seeded: Vec<&str> = demo_handles().into_iter().filter(|h| demo_seeded(h)).collect();
        assert!((12..=22).contains(&seeded.len()), "about a third of 60: {}", seeded.len());
        for handle in demo_handles() {
            let creator = Creator::new(handle);
            let mentions: Vec<Video> = creator
                .videos(now, 200)
                .into_iter()
                .filter(|v| v.description.contains(&format!("@{DEMO_BRAND_HANDLE}")))
                .collect();
            if !creator.seeded {
                assert!(mentions.is_empty(), "{handle} is not seeded");
                continue;
            }
            assert!(!mentions.is_empty(), "{handle} posts about the brand");
            for video in &mentions {
                assert!(video.hashtags.contains(&DEMO_BRAND_HASHTAG.to_owned()));
                assert!(video.description.contains(&demo_discount_code(handle)));
            }
            let cycles: HashSet<NaiveDate> =
                mentions.iter().map(|v| demo_cycle_start(v.posted_at.date_naive())).collect();
            assert_eq!(cycles.len(), mentions.len(), "{handle}: one post a cycle");
        }
    }

    #[test]
    fn hashing_is_stable() {
        // Pinned so a change of hash (and so of every demo number) is a deliberate one.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn names_come_from_handles() {
        assert_eq!(name_from_handle("maya.bakes_22"), "Maya Bakes 22");
        assert_eq!(name_from_handle("..."), "...");
    }

    #[test]
    fn the_catalog_has_unique_handles_and_every_pattern() {
        let mut all: Vec<&str> = CREATORS.iter().chain(NEWCOMERS.iter()).map(|c| c.handle).collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "duplicate handle in the catalog");
        for handle in all {
            assert_eq!(handle, wire::canonical_handle(handle), "{handle} is not canonical");
        }
        for pattern in [Pattern::Steady, Pattern::Rising, Pattern::Viral, Pattern::Declining, Pattern::Dormant] {
            assert!(demo_handles().iter().any(|h| demo_pattern(h) == pattern), "no {pattern:?} creator");
        }
    }
}
