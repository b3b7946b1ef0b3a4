//! The public API end to end: a realistic creator, properties over arbitrary input (no panics, no
//! NaN, summary and full analysis agree) and the OpenAPI schema. (`benches/summarize.rs` times it.)

mod common;

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use common::{audience, history, now, target, today, videos};
use proptest::prelude::*;
use zzyzx_analytics::{
    AudienceKind, AudienceProfile, CreatorAnalytics, CreatorSummary, DailyPoint, Settings, TargetAudience, Tier,
    Unavailable, VideoStats, analyze, summarize,
};

fn run(settings: &Settings) -> (CreatorAnalytics, CreatorSummary) {
    let (h, v, t, a) = (history(), videos(), target(), audience());
    (
        analyze(&h, &v, today(), now(), settings, Some(&t), Some(&a)),
        summarize(&h, &v, today(), now(), settings, Some(&t), Some(&a)),
    )
}

#[test]
fn a_rising_micro_creator_end_to_end() {
    let (a, s) = run(&Settings::default());
    // Followers today: 20,000 + 358 × 40 + 7 × 300 = 36,420; a week ago 34,320.
    assert_eq!(a.followers, Some(36_420));
    let week = &a.growth.followers.windows[1];
    assert_eq!((week.window_days, week.absolute.value), (7, Some(2_100)));
    assert!((week.percent.value.unwrap() - 2_100.0 / 34_320.0 * 100.0).abs() < 1e-9);
    assert_eq!(a.tier.as_ref().map(|t| t.tier), Some(Tier::Micro));
    assert!(a.rising.rising, "{:?}", a.rising.reasons);
    assert_eq!(a.rising.reasons[1], "a video posted 26 Jun 2025 has 9× median views");
    assert_eq!(a.outliers.top_video_id.as_deref(), Some("7468000000000000001"));
    // Fit: countries 0.5 (0.35), genders 0.8 (0.15) → (0.175 + 0.12) / 0.5 = 59.
    assert_eq!(a.fit.score, Some(59));
    assert_eq!(a.content_signal.score, Some(100));
    assert_eq!(s.content_signal, Some(100));
    assert_eq!(a.projection.points.len(), 30);
    assert_eq!(a.projection.milestone.goal, Some(50_000));
    assert_eq!(a.daily_gains.len(), 365);
    assert!(a.authenticity.signals.is_empty(), "{:?}", a.authenticity.signals);
    assert_eq!(s.outlier_count, 1);
    assert!(s.rising.rising);
}

#[test]
fn the_json_has_the_contracted_fields_and_every_assumption() {
    let (a, s) = run(&Settings::default());
    let json = serde_json::to_value(&a).unwrap();
    for field in [
        "growth",
        "projection",
        "engagement",
        "outliers",
        "rising",
        "tier",
        "fair_price",
        "returns",
        "authenticity",
        "fit",
        "content_signal",
        "daily_gains",
    ] {
        assert!(json.get(field).is_some(), "analyze JSON lacks {field}");
    }
    assert_eq!(json["growth"]["followers"]["windows"][1]["percent"]["formula"], "growth.pct.v1");
    assert_eq!(json["tier"]["tier"], "micro");
    let assumptions = json["returns"]["assumptions"].as_array().unwrap();
    assert!(assumptions.len() >= 6, "returns must state every assumption");
    let summary = serde_json::to_value(&s).unwrap();
    for field in [
        "growth_7d",
        "growth_30d",
        "engagement_by_views",
        "outlier_count",
        "rising",
        "tier",
        "fit_score",
        "top_video_id",
    ] {
        assert!(summary.get(field).is_some(), "summary JSON lacks {field}");
    }
}

#[test]
fn the_openapi_schema_covers_every_output_type() {
    #[derive(utoipa::OpenApi)]
    #[openapi(components(schemas(CreatorAnalytics, CreatorSummary, Settings, TargetAudience, AudienceProfile)))]
    struct Doc;
    let doc = <Doc as utoipa::OpenApi>::openapi().to_json().unwrap();
    for schema in ["\"CreatorAnalytics\"", "\"AnalyticsSummary\"", "\"Measure_f64\"", "\"Projection\"", "\"Tier\""] {
        assert!(doc.contains(schema), "the OpenAPI document lacks {schema}");
    }
}

#[test]
fn empty_input_is_all_unknown() {
    let a = analyze(&[], &[], today(), now(), &Settings::default(), None, None);
    assert_eq!((a.as_of, a.followers, &a.tier), (None, None, &None));
    assert_eq!(a.engagement.by_views.unavailable, Some(Unavailable::NotEnoughVideos));
    assert_eq!(a.projection.unavailable, Some(Unavailable::NoHistory));
    assert_eq!(a.fit.score, None);
    assert!(!a.rising.rising);
    serde_json::to_string(&a).unwrap();
}

#[test]
fn extreme_dates_and_counts_do_not_panic() {
    let extremes = [i64::MIN, -1, 0, 1, i64::MAX];
    for (today, now) in [(NaiveDate::MAX, DateTime::<Utc>::MAX_UTC), (NaiveDate::MIN, DateTime::<Utc>::MIN_UTC)] {
        let near = |k: u64| today.checked_sub_days(Days::new(k)).or_else(|| today.checked_add_days(Days::new(k)));
        let history: Vec<DailyPoint> = (0..40u64)
            .filter_map(near)
            .zip(extremes.iter().cycle())
            .map(|(date, &n)| DailyPoint { date, followers: n, following: n, likes: n, videos: n })
            .collect();
        let videos: Vec<VideoStats> = extremes
            .iter()
            .enumerate()
            .map(|(i, &n)| VideoStats {
                id: i.to_string(),
                posted_at: if i % 2 == 0 { DateTime::<Utc>::MIN_UTC } else { DateTime::<Utc>::MAX_UTC },
                views: n,
                likes: n,
                comments: n,
                shares: n,
                saves: Some(n),
                hashtags: vec![],
                region: None,
            })
            .collect();
        let a = analyze(&history, &videos, today, now, &Settings::default(), Some(&target()), Some(&audience()));
        assert!(!has_non_finite(&format!("{a:?}")));
        summarize(&history, &videos, today, now, &Settings::default(), None, None);
        zzyzx_analytics::sparkline(&history, today, 400);
        zzyzx_analytics::project(&history, today, u32::MAX);
    }
}

/// True when a Debug rendering holds a NaN or an infinity: the tokens `NaN` and `inf` standing alone.
fn has_non_finite(debug: &str) -> bool {
    let bytes = debug.as_bytes();
    let standalone = |at: usize, len: usize| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + len).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|b| b.is_ascii_alphanumeric())
    };
    debug.match_indices("NaN").any(|(i, _)| standalone(i, 3))
        || debug.match_indices("inf").any(|(i, _)| standalone(i, 3))
}

fn count() -> impl Strategy<Value = i64> {
    prop_oneof![3 => 0i64..2_000_000, 1 => Just(0i64), 1 => any::<i64>()]
}

fn share() -> impl Strategy<Value = f64> {
    prop_oneof![4 => 0.0f64..=1.0, 1 => proptest::num::f64::ANY]
}

prop_compose! {
    fn arb_history()(
        start in 700_000i32..740_000,
        reversed in any::<bool>(),
        rows in proptest::collection::vec((0u64..4, count(), count(), count(), count()), 0..120),
    ) -> Vec<DailyPoint> {
        let mut date = NaiveDate::from_num_days_from_ce_opt(start).unwrap();
        let mut points = Vec::with_capacity(rows.len());
        for (gap, followers, following, likes, videos) in rows {
            date = date + Days::new(gap);
            points.push(DailyPoint { date, followers, following, likes, videos });
        }
        if reversed {
            points.reverse();
        }
        points
    }
}

prop_compose! {
    fn arb_videos(anchor: DateTime<Utc>)(
        rows in proptest::collection::vec(
            (-72i64..4_000, count(), count(), count(), count(), proptest::sample::subsequence(vec!["skincare", "#FYP", "ootd"], 0..3), proptest::option::of(prop_oneof![Just("US"), Just("fr"), Just("")])),
            0..40,
        ),
    ) -> Vec<VideoStats> {
        rows.into_iter().enumerate().map(|(i, (hours_ago, views, likes, comments, shares, tags, region))| VideoStats {
            id: format!("{i}"),
            posted_at: anchor - Duration::hours(hours_ago),
            views, likes, comments, shares,
            saves: None,
            hashtags: tags.into_iter().map(str::to_owned).collect(),
            region: region.map(str::to_owned),
        }).collect()
    }
}

prop_compose! {
    fn arb_settings()(
        viral in prop_oneof![3 => 1.5f64..20.0, 1 => proptest::num::f64::ANY],
        ceiling in any::<i64>(),
        ctr in share(),
        conversion in share(),
        cost in prop_oneof![0.0f64..100.0, proptest::num::f64::ANY],
        aov in proptest::option::of(prop_oneof![0.0f64..500.0, proptest::num::f64::ANY]),
    ) -> Settings {
        let mut s = Settings { viral_multiple: viral, rising_follower_ceiling: ceiling, ..Settings::default() };
        s.returns.click_through_rate = ctr;
        s.returns.conversion_rate = conversion;
        s.returns.product_cost = cost;
        s.returns.average_order_value = aov;
        s
    }
}

prop_compose! {
    fn arb_audience()(shares in proptest::collection::vec(share(), 8), sample in proptest::option::of(any::<i64>())) -> AudienceProfile {
        AudienceProfile {
            kind: AudienceKind::Manual,
            source: "test".to_owned(),
            captured_at: now(),
            sample_size: sample,
            ages: [("18-24".to_owned(), shares[0]), ("25-34".to_owned(), shares[1])].into(),
            genders: [("female".to_owned(), shares[2]), ("male".to_owned(), shares[3])].into(),
            countries: [("US".to_owned(), shares[4]), ("DE".to_owned(), shares[5])].into(),
            languages: [("en".to_owned(), shares[6]), ("de".to_owned(), shares[7])].into(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn analyze_never_panics_never_emits_nan_and_summarize_agrees(
        history in arb_history(),
        videos in arb_videos(now()),
        settings in arb_settings(),
        audience in proptest::option::of(arb_audience()),
        with_target in any::<bool>(),
        days_after in 0u64..3,
    ) {
        let today = history.iter().map(|p| p.date).max().unwrap_or(today()) + Days::new(days_after);
        let target = TargetAudience {
            countries: vec!["US".to_owned()],
            age_bands: vec!["18-24".to_owned()],
            interests: vec!["skincare".to_owned()],
            ..TargetAudience::default()
        };
        let target = with_target.then_some(&target);
        let a = analyze(&history, &videos, today, now(), &settings, target, audience.as_ref());
        let s = summarize(&history, &videos, today, now(), &settings, target, audience.as_ref());

        prop_assert!(!has_non_finite(&format!("{a:?}")), "NaN or infinity in analyze");
        prop_assert!(!has_non_finite(&format!("{s:?}")), "NaN or infinity in summarize");
        prop_assert!(serde_json::to_string(&a).is_ok());

        // The fit is unknown without audience data, and within 0..=100 otherwise.
        if audience.is_none() {
            prop_assert_eq!(a.fit.score, None);
        }
        prop_assert!(a.fit.score.is_none_or(|score| score <= 100));
        // Outliers need at least 3 videos.
        if videos.len() < 3 {
            prop_assert!(a.outliers.videos.iter().all(|v| v.multiple.value.is_none()));
        }
        // Percent growth is null whenever its base is not positive.
        for w in &a.growth.followers.windows {
            if let (Some(start), Some(_)) = (w.start_date, w.percent.value) {
                let base = a.daily_gains.iter().find(|d| d.date == start).map(|d| d.followers);
                prop_assert!(base.is_some_and(|b| b > 0));
            }
        }

        // The summary is the same code on the same data.
        let (g7, g30) = (&a.growth.followers.windows[1], &a.growth.followers.windows[2]);
        prop_assert_eq!((s.growth_7d.absolute, s.growth_7d.percent), (g7.absolute.value, g7.percent.value));
        prop_assert_eq!((s.growth_30d.absolute, s.growth_30d.percent), (g30.absolute.value, g30.percent.value));
        prop_assert_eq!(s.acceleration, a.growth.followers.acceleration.ratio.value);
        prop_assert_eq!(s.engagement_by_views.median_percent, a.engagement.by_views.value);
        prop_assert_eq!(s.engagement_by_views.sample_size, a.engagement.by_views.sample_size);
        prop_assert_eq!(s.outlier_count, a.outliers.viral_count_30d);
        prop_assert_eq!(&s.rising, &a.rising);
        prop_assert_eq!(s.tier, a.tier.as_ref().map(|t| t.tier));
        prop_assert_eq!(s.fit_score, a.fit.score);
        prop_assert_eq!(s.fit_kind, a.fit.kind.filter(|_| a.fit.score.is_some()));
        prop_assert_eq!(s.content_signal, a.content_signal.score);
        prop_assert_eq!(&s.top_video_id, &a.outliers.top_video_id);
        prop_assert_eq!((s.as_of, s.followers), (a.as_of, a.followers));
    }
}
