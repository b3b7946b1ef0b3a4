//! The demo source: deterministic, internally consistent, and showing each pattern it promises.

use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashSet;
use zzyzx_sources::{DemoSource, Pattern, Source, SourceError, Video, demo_handles, demo_history, demo_pattern};

/// A few moments, far enough apart that the patterns must hold on their own, not by luck of one
/// date (2026-11-24 is when this was written).
fn moments() -> Vec<DateTime<Utc>> {
    vec![
        Utc.with_ymd_and_hms(2026, 11, 24, 15, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 2, 3, 8, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 6, 30, 23, 59, 59).unwrap(),
    ]
}

fn now() -> DateTime<Utc> {
    moments()[0]
}

fn handles_with(pattern: Pattern) -> Vec<&'static str> {
    demo_handles().into_iter().filter(|h| demo_pattern(h) == pattern).collect()
}

fn median(values: &mut [i64]) -> f64 {
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 { values[n / 2] as f64 } else { (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0 }
}

/// The biggest views ÷ median among videos of the last 30 days.
fn best_outlier(videos: &[Video], at: DateTime<Utc>) -> f64 {
    let mut views: Vec<i64> = videos.iter().map(|v| v.views).collect();
    let median = median(&mut views);
    videos
        .iter()
        .filter(|v| at - v.posted_at <= Duration::days(30))
        .map(|v| v.views as f64 / median)
        .fold(0.0, f64::max)
}

#[test]
fn there_are_about_sixty_unique_handles() {
    let handles = demo_handles();
    assert!((55..=70).contains(&handles.len()), "{} handles", handles.len());
    assert_eq!(handles.iter().collect::<HashSet<_>>().len(), handles.len(), "handles are unique");
}

#[tokio::test]
async fn the_same_question_gets_the_same_answer() {
    let (a, b) = (DemoSource::at(now()), DemoSource::at(now()));
    for handle in ["liftwithmarisol", "thriftedtilly", "someone.unknown"] {
        assert_eq!(a.profile(handle).await, b.profile(handle).await);
        assert_eq!(a.videos(handle, None, 30).await, b.videos(handle, None, 30).await);
    }
    assert_eq!(a.hashtag_videos("thrift", 40).await, b.hashtag_videos("thrift", 40).await);
    assert_eq!(a.search_users("thr", 10).await, b.search_users("thr", 10).await);
    assert_eq!(demo_history("capsule.cleo", 90, now()), demo_history("capsule.cleo", 90, now()));
}

#[tokio::test]
async fn the_calendar_source_agrees_with_itself_during_a_day() {
    let source = DemoSource::new();
    let first = source.profile("milesbymateo").await.expect("profile");
    let second = DemoSource::new().profile("milesbymateo").await.expect("profile");
    assert_eq!(first, second);
    assert_eq!(first.fetched_at, first.fetched_at.date_naive().and_hms_opt(0, 0, 0).unwrap().and_utc());
}

#[tokio::test]
async fn it_knows_its_own_creators_and_no_one_else_like_a_real_source() {
    let source = DemoSource::at(now());
    for handle in ["unknown.creator", "liftwithmarisoll", "@", "  "] {
        assert_eq!(source.profile(handle).await, Err(SourceError::NotFound), "{handle}");
        assert_eq!(source.videos(handle, None, 10).await, Err(SourceError::NotFound), "{handle}");
        assert_eq!(source.comments(handle, "7400000000000000001", 10), Err(SourceError::NotFound), "{handle}");
    }
    // Its own, in any spelling, including the newcomers that only search and hashtags show.
    for handle in ["liftwithmarisol", "@LiftWithMarisol", "newdrop.nadia"] {
        assert!(source.profile(handle).await.is_ok(), "{handle}");
        assert!(!source.comments(handle, "7400000000000000001", 10).unwrap().is_empty(), "{handle}");
    }
    // Every creator its search and hashtag pulls show can be fetched.
    let shown = source.search_users("a", 100).await.unwrap().into_iter().map(|m| m.handle);
    let authors = source.hashtag_videos("thrift", 40).await.unwrap().into_iter().map(|v| v.author_handle);
    for handle in shown.chain(authors) {
        assert!(source.profile(&handle).await.is_ok(), "{handle}");
    }
}

#[tokio::test]
async fn any_handle_has_a_profile_with_realistic_counts() {
    let source = DemoSource::at(now()).inventing_any_handle();
    let handles = demo_handles().into_iter().chain(["unknown.creator", "ANOTHER_ONE"]);
    for handle in handles {
        let profile = source.profile(handle).await.expect("profile");
        assert_eq!(profile.handle, handle.to_lowercase());
        assert!((1_000..=900_000).contains(&profile.followers), "{handle}: {} followers", profile.followers);
        assert!(
            profile.following >= 0 && profile.likes >= profile.followers && profile.videos > 0,
            "{handle}: {profile:?}"
        );
        assert!(!profile.private && !profile.counts_may_be_rounded);
    }
    assert_eq!(source.profile("  ").await, Err(SourceError::NotFound));
}

#[test]
fn history_ends_at_the_profile_and_never_goes_negative() {
    let handles = demo_handles().into_iter().chain(["unknown.creator", "x"]);
    for handle in handles {
        for at in moments() {
            let history = demo_history(handle, 365, at);
            assert_eq!(history.len(), 365);
            let last = history.last().unwrap();
            assert_eq!(last.at, at, "the last point is at `end`");
            let profile = block_on(DemoSource::at(at).inventing_any_handle().profile(handle)).expect("profile");
            assert_eq!(
                (last.followers, last.following, last.likes, last.videos),
                (profile.followers, profile.following, profile.likes, profile.videos),
                "{handle} at {at}"
            );
            for pair in history.windows(2) {
                assert_eq!(pair[1].at - pair[0].at, Duration::days(1), "one point per day");
                assert!(pair[1].videos >= pair[0].videos, "{handle}: video count never shrinks");
            }
            for point in &history {
                assert!(point.followers >= 0 && point.following >= 0 && point.likes >= 0 && point.videos >= 0);
            }
        }
    }
    assert!(demo_history("x", 0, now()).is_empty());
}

#[test]
fn tomorrows_history_continues_todays_post_and_follow_counts() {
    for handle in demo_handles() {
        let today = demo_history(handle, 30, now());
        let tomorrow = demo_history(handle, 31, now() + Duration::days(1));
        for (a, b) in today.iter().zip(&tomorrow) {
            assert_eq!((a.at, a.videos, a.following), (b.at, b.videos, b.following), "{handle}");
        }
    }
}

#[tokio::test]
async fn viral_creators_have_a_video_at_ten_times_the_median_in_the_last_30_days() {
    let viral = handles_with(Pattern::Viral);
    assert!(!viral.is_empty());
    for at in moments() {
        let source = DemoSource::at(at);
        for handle in &viral {
            let videos = source.videos(handle, None, 30).await.expect("videos");
            let outlier = best_outlier(&videos, at);
            assert!(outlier >= 10.0, "{handle} at {at}: best outlier {outlier:.1}× median");
        }
    }
}

#[tokio::test]
async fn rising_creators_accelerate_and_have_an_outlier_video() {
    let rising = handles_with(Pattern::Rising);
    assert!(!rising.is_empty());
    for at in moments() {
        let source = DemoSource::at(at);
        for handle in &rising {
            let videos = source.videos(handle, None, 30).await.expect("videos");
            let outlier = best_outlier(&videos, at);
            assert!(outlier >= 5.0, "{handle} at {at}: best outlier {outlier:.1}× median");

            let history = demo_history(handle, 31, at);
            let gain = |days: usize| (history[30].followers - history[30 - days].followers) as f64 / days as f64;
            assert!(
                gain(7) > gain(30) * 1.1,
                "{handle} at {at}: 7-day gain {:.0}/day vs 30-day {:.0}/day",
                gain(7),
                gain(30)
            );
        }
    }
}

#[test]
fn declining_creators_lose_followers_and_steady_ones_gain() {
    for at in moments() {
        for handle in handles_with(Pattern::Declining) {
            let history = demo_history(handle, 90, at);
            assert!(history[89].followers < history[0].followers, "{handle} at {at} should decline");
        }
        for handle in handles_with(Pattern::Steady) {
            let history = demo_history(handle, 90, at);
            assert!(history[89].followers > history[0].followers, "{handle} at {at} should grow");
        }
    }
}

#[tokio::test]
async fn dormant_creators_are_flat_and_post_nothing() {
    let dormant = handles_with(Pattern::Dormant);
    assert!(!dormant.is_empty());
    for at in moments().into_iter().filter(|at| *at > Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()) {
        for handle in &dormant {
            let history = demo_history(handle, 90, at);
            let (first, last) = (history[0], history[89]);
            assert_eq!(first.videos, last.videos, "{handle}: no new videos");
            let change = (last.followers - first.followers).abs() as f64 / first.followers as f64;
            assert!(change < 0.02, "{handle}: followers moved {:.1}%", change * 100.0);
            let videos = DemoSource::at(at).videos(handle, None, 30).await.expect("videos");
            assert!(videos.iter().all(|v| at - v.posted_at > Duration::days(30)), "{handle}: a recent video");
        }
    }
}

#[tokio::test]
async fn videos_look_like_videos() {
    let source = DemoSource::at(now());
    for handle in demo_handles() {
        let videos = source.videos(handle, None, 30).await.expect("videos");
        assert_eq!(videos.len(), 30, "{handle}");
        assert_eq!(videos.iter().map(|v| &v.platform_id).collect::<HashSet<_>>().len(), 30, "{handle}: unique ids");
        for pair in videos.windows(2) {
            assert!(pair[0].posted_at >= pair[1].posted_at, "{handle}: newest first");
        }
        for video in &videos {
            assert!(video.posted_at < now());
            assert!(video.platform_id.len() == 19 && video.platform_id.starts_with('7'));
            assert_eq!(video.share_url, format!("https://www.tiktok.com/@{handle}/video/{}", video.platform_id));
            assert!(
                !video.hashtags.is_empty()
                    && video.hashtags.iter().all(|t| *t == t.to_lowercase() && !t.starts_with('#'))
            );
            assert!(video.duration_seconds.is_some_and(|d| (5..=180).contains(&d)));
            assert!(video.views > 0 && video.likes <= video.views && video.comments >= 0 && video.shares >= 0);
            assert!(video.saves.is_some());
        }
    }
    assert_eq!(source.videos("liftwithmarisol", None, 5).await.map(|v| v.len()), Ok(5));
}

#[tokio::test]
async fn hashtag_feeds_mix_known_and_new_creators() {
    let source = DemoSource::at(now());
    let known: HashSet<&str> = demo_handles().into_iter().collect();
    for tag in ["thrift", "streetwear", "running", "#Yoga", "sustainablefashion", "brandnewtag"] {
        let videos = source.hashtag_videos(tag, 40).await.expect("hashtag videos");
        let tag = tag.trim_start_matches('#').to_lowercase();
        assert!(videos.len() >= 10, "{tag}: only {} videos", videos.len());
        assert!(videos.iter().all(|v| v.hashtags.contains(&tag)), "{tag}: every video carries the tag");
        let authors: HashSet<&str> = videos.iter().map(|v| v.author_handle.as_str()).collect();
        assert!(authors.len() >= 3, "{tag}: a mix of creators");
        assert!(authors.iter().any(|a| !known.contains(a)), "{tag}: someone new to discover");
        for video in &videos {
            let profile = source.profile(&video.author_handle).await.expect("a demo creator");
            assert_eq!(
                video.author_followers,
                Some(profile.followers),
                "{tag}: the author's count, as their profile says"
            );
        }
    }
    let a = source.hashtag_videos("thrift", 40).await.unwrap();
    let b = source.hashtag_videos("gymtok", 40).await.unwrap();
    assert_ne!(a, b, "feeds differ per tag");
}

#[tokio::test]
async fn user_search_prefix_matches_handles_and_names() {
    let source = DemoSource::at(now());
    let handles = |matches: Vec<zzyzx_sources::UserMatch>| matches.into_iter().map(|m| m.handle).collect::<Vec<_>>();

    let thrift = handles(source.search_users("thrift", 10).await.unwrap());
    assert!(thrift.contains(&"thriftwithtamsin".to_string()) && thrift.contains(&"thriftedtilly".to_string()));
    assert!(thrift.iter().all(|h| h.starts_with("thrift")));

    assert_eq!(handles(source.search_users("Maren", 10).await.unwrap()), ["mendedbymaren"]);
    assert_eq!(handles(source.search_users("@CAPSULE", 10).await.unwrap()), ["capsule.cleo"]);
    assert_eq!(source.search_users("", 10).await, Ok(vec![]));
    assert_eq!(source.search_users("t", 3).await.map(|m| m.len()), Ok(3));
    let found = source.search_users("mendedbymaren", 1).await.unwrap();
    assert_eq!(found[0].followers, Some(source.profile("mendedbymaren").await.unwrap().followers));
}

#[test]
fn the_demo_source_needs_no_network_and_has_every_capability() {
    let source = DemoSource::at(now());
    assert_eq!(source.name(), "demo");
    let caps = source.capabilities();
    assert!(caps.profile && caps.videos && caps.hashtag_videos && caps.user_search);
}

/// Runs a demo future on a throwaway runtime (the demo source never does real I/O).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().build().expect("runtime").block_on(future)
}
