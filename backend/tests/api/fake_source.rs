//! A scripted data source for worker tests: answers instantly or after a delay, replays scripted
//! failures per handle, and counts every call.

use async_trait::async_trait;
use chrono::Utc;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use zzyzx_sources::{Capabilities, Profile, Source, SourceError, UserMatch, Video, VideoComment};

/// (commenter id, the country they give, text)
pub type ScriptedComment = (String, Option<String>, String);

#[derive(Default)]
pub struct FakeSource {
    pub latency: Duration,
    /// Failures to answer, in order, before succeeding; per handle.
    script: Mutex<HashMap<String, VecDeque<SourceError>>>,
    /// Fail every profile call with this error.
    pub always: Option<SourceError>,
    calls: Mutex<Vec<(String, Instant)>>,
    /// Multiplies the views of a handle's videos from now on.
    boosts: Mutex<HashMap<String, i64>>,
    /// Panic on the next profile call (a bug somewhere below the worker).
    panic_next: std::sync::atomic::AtomicBool,
    /// Captions that replace a handle's video `n`'s: (handle, n) → caption.
    captions: Mutex<HashMap<(String, i64), String>>,
    /// Bios by handle.
    bios: Mutex<HashMap<String, String>>,
    /// Handles whose profile comes with a follower count the database refuses (below zero).
    unwritable: Mutex<std::collections::HashSet<String>>,
    /// Comments under every video of a handle. The source gives comments only once some are scripted.
    comments: Mutex<HashMap<String, Vec<ScriptedComment>>>,
    comment_calls: std::sync::atomic::AtomicUsize,
    video_calls: std::sync::atomic::AtomicUsize,
}

impl FakeSource {
    pub fn new(latency: Duration) -> Self {
        Self { latency, ..Self::default() }
    }

    pub fn failing(error: SourceError) -> Self {
        Self { always: Some(error), ..Self::default() }
    }

    pub fn script(&self, handle: &str, errors: Vec<SourceError>) {
        self.script.lock().unwrap().insert(handle.to_owned(), errors.into());
    }

    /// Multiplies the views of `handle`'s videos by `factor` from now on, as if they caught on.
    pub fn bump_views(&self, handle: &str, factor: i64) {
        self.boosts.lock().unwrap().insert(handle.to_owned(), factor);
    }

    /// Gives `handle`'s video `n` (posted `n` days ago) this caption; its hashtags are the caption's `#tags`.
    pub fn caption(&self, handle: &str, n: i64, caption: &str) {
        self.captions.lock().unwrap().insert((handle.to_owned(), n), caption.to_owned());
    }

    /// Makes `handle`'s profile one the database refuses to store.
    pub fn unwritable(&self, handle: &str) {
        self.unwritable.lock().unwrap().insert(handle.to_owned());
    }

    pub fn bio(&self, handle: &str, bio: &str) {
        self.bios.lock().unwrap().insert(handle.to_owned(), bio.to_owned());
    }

    /// Puts these comments, (commenter id, country, text), under every video of `handle`.
    pub fn comments_under(&self, handle: &str, comments: Vec<ScriptedComment>) {
        self.comments.lock().unwrap().insert(handle.to_owned(), comments);
    }

    pub fn comment_calls(&self) -> usize {
        self.comment_calls.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Makes the next profile call panic, once.
    pub fn panic_on_next_call(&self) {
        self.panic_next.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn calls(&self) -> Vec<(String, Instant)> {
        self.calls.lock().unwrap().clone()
    }

    pub fn calls_for(&self, handle: &str) -> Vec<Instant> {
        self.calls().into_iter().filter(|(h, _)| h == handle).map(|(_, at)| at).collect()
    }

    pub fn profile_for(handle: &str) -> Profile {
        let seed = handle.bytes().map(i64::from).sum::<i64>();
        Profile {
            platform_user_id: format!("{seed}000"),
            handle: handle.to_owned(),
            sec_uid: Some(format!("sec-{handle}")),
            display_name: Some(format!("The {handle}")),
            avatar_url: None,
            bio: None,
            verified: false,
            region: Some("US".into()),
            private: false,
            followers: 1_000 + seed,
            following: 100,
            likes: 50_000 + seed,
            videos: 40,
            counts_may_be_rounded: false,
            fetched_at: Utc::now(),
        }
    }

    pub fn video_for(handle: &str, n: i64) -> Video {
        Video {
            platform_id: format!("74-{handle}-{n}"),
            author_handle: handle.to_owned(),
            author_display_name: Some(format!("The {handle}")),
            author_avatar_url: None,
            author_followers: None,
            posted_at: Utc::now() - chrono::Duration::days(n),
            description: format!("video {n} #gym"),
            hashtags: vec!["gym".into()],
            duration_seconds: Some(30),
            cover_url: None,
            share_url: format!("https://www.tiktok.com/@{handle}/video/{n}"),
            region: Some("US".into()),
            // A handle with "viral" in it has one breakout video, three days old, far above its usual views.
            views: if handle.contains("viral") && n == 3 { 100_000 } else { 1_000 * (n + 1) },
            likes: 100 * (n + 1),
            comments: 10,
            shares: 5,
            saves: Some(3),
        }
    }
}

#[async_trait]
impl Source for FakeSource {
    fn name(&self) -> &'static str {
        "tikapi"
    }

    fn capabilities(&self) -> Capabilities {
        let comments = !self.comments.lock().unwrap().is_empty();
        Capabilities { profile: true, videos: true, hashtag_videos: true, user_search: true, comments, audience: false }
    }

    fn requests_sent(&self) -> u64 {
        let others = self.video_calls.load(std::sync::atomic::Ordering::SeqCst)
            + self.comment_calls.load(std::sync::atomic::Ordering::SeqCst);
        (self.calls.lock().unwrap().len() + others) as u64
    }

    fn requests_per_refresh(&self) -> u32 {
        2
    }

    async fn profile(&self, handle: &str) -> Result<Profile, SourceError> {
        self.calls.lock().unwrap().push((handle.to_owned(), Instant::now()));
        if self.panic_next.swap(false, std::sync::atomic::Ordering::SeqCst) {
            panic!("a scripted panic while fetching {handle}");
        }
        if !self.latency.is_zero() {
            tokio::time::sleep(self.latency).await;
        }
        if let Some(error) = &self.always {
            return Err(error.clone());
        }
        let scripted = self.script.lock().unwrap().get_mut(handle).and_then(VecDeque::pop_front);
        match scripted {
            Some(error) => Err(error),
            None => {
                let followers = match self.unwritable.lock().unwrap().contains(handle) {
                    true => -1,
                    false => Self::profile_for(handle).followers,
                };
                Ok(Profile {
                    bio: self.bios.lock().unwrap().get(handle).cloned(),
                    followers,
                    ..Self::profile_for(handle)
                })
            }
        }
    }

    async fn videos(&self, handle: &str, _sec_uid: Option<&str>, max: usize) -> Result<Vec<Video>, SourceError> {
        self.video_calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let boost = self.boosts.lock().unwrap().get(handle).copied().unwrap_or(1);
        let captions = self.captions.lock().unwrap().clone();
        let boosted = |mut video: Video| {
            video.views *= boost;
            let n = video.platform_id.rsplit('-').next().and_then(|n| n.parse::<i64>().ok()).unwrap_or_default();
            if let Some(caption) = captions.get(&(handle.to_owned(), n)) {
                video.description = caption.clone();
                video.hashtags =
                    caption.split_whitespace().filter_map(|w| w.strip_prefix('#')).map(str::to_lowercase).collect();
            }
            video
        };
        Ok((0..(max as i64).min(5)).map(|n| boosted(Self::video_for(handle, n))).collect())
    }

    async fn hashtag_videos(&self, tag: &str, max: usize) -> Result<Vec<Video>, SourceError> {
        let handles = ["hashtag.one", "hashtag.two", "hashtag.three"];
        let video = |n: usize| {
            let mut video = Self::video_for(handles[n % 3], n as i64 + tag.len() as i64);
            // Like TikAPI's `authorStats`, for one author only.
            video.author_followers = (n % 3 == 1).then_some(12_345);
            video
        };
        Ok((0..max.min(6)).map(video).collect())
    }

    async fn comments(&self, handle: &str, video_id: &str, max: usize) -> Result<Vec<VideoComment>, SourceError> {
        self.comment_calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let scripted = self.comments.lock().unwrap().get(handle).cloned().unwrap_or_default();
        Ok(scripted
            .into_iter()
            .take(max)
            .enumerate()
            .map(|(n, (commenter, country, text))| VideoComment {
                id: format!("{video_id}-c{n}"),
                text,
                posted_at: Utc::now(),
                commenter_id: Some(commenter),
                commenter_handle: None,
                commenter_region: country,
                likes: None,
                language: None,
            })
            .collect())
    }

    async fn search_users(&self, query: &str, _max: usize) -> Result<Vec<UserMatch>, SourceError> {
        Ok(vec![UserMatch {
            handle: format!("{query}.from.source"),
            display_name: Some("From the source".into()),
            avatar_url: None,
            verified: true,
            followers: Some(12_345),
        }])
    }
}
