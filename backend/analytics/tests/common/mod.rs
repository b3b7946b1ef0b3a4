//! A realistic creator for the tests and the benchmark: a year of daily history, 30 videos, a
//! target audience and an audience profile.

#![allow(dead_code)]

use chrono::{DateTime, Days, Duration, NaiveDate, TimeZone, Utc};
use std::collections::BTreeMap;
use zzyzx_analytics::{AudienceKind, AudienceProfile, DailyPoint, TargetAudience, VideoStats};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 30, 12, 0, 0).unwrap()
}

/// 365 days ending today: 20,000 followers growing 40 a day, then 300 a day over the last week.
pub fn history() -> Vec<DailyPoint> {
    let start = today() - Days::new(364);
    let mut followers = 20_000;
    (0..365)
        .map(|i| {
            followers += if i >= 358 { 300 } else { 40 };
            DailyPoint {
                date: start + Days::new(i),
                followers,
                following: 310,
                likes: 50 * followers,
                videos: 100 + i as i64 / 3,
            }
        })
        .collect()
}

/// 30 videos, one every 3 days, 10,000 views each and 10% engagement, except a 90,000-view hit 4 days ago.
pub fn videos() -> Vec<VideoStats> {
    (0..30)
        .map(|i| {
            let views = if i == 1 { 90_000 } else { 10_000 };
            VideoStats {
                id: format!("74680000000000000{i:02}"),
                posted_at: now() - Duration::days(1 + 3 * i),
                views,
                likes: views / 12,
                comments: views / 100,
                shares: views / 200,
                saves: None,
                hashtags: vec!["#SkinCare".to_owned(), "fyp".to_owned()],
                region: Some("US".to_owned()),
            }
        })
        .collect()
}

pub fn target() -> TargetAudience {
    TargetAudience {
        countries: vec!["US".to_owned()],
        genders: vec!["female".to_owned()],
        interests: vec!["skincare".to_owned()],
        ..TargetAudience::default()
    }
}

pub fn audience() -> AudienceProfile {
    AudienceProfile {
        kind: AudienceKind::Provider,
        source: "tiktok_one".to_owned(),
        captured_at: now(),
        sample_size: None,
        ages: BTreeMap::new(),
        genders: [("female".to_owned(), 0.8), ("male".to_owned(), 0.2)].into(),
        countries: [("US".to_owned(), 0.5), ("CA".to_owned(), 0.2)].into(),
        languages: BTreeMap::new(),
    }
}
