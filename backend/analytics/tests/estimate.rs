//! The audience estimator end to end: a real Research API comment list, synthetic comment sets
//! with known language mixes, and the estimate feeding the fit score. (`benches/estimate.rs`
//! times it.)

mod common;

use common::{SHORT_COMMENTS, comments_in_mix, creator_comments, history, now, sentences, today, videos};
use serde_json::Value;
use zzyzx_analytics::{
    AudienceEstimate, ESTIMATE_SOURCE, SampleSize, SampledComment, Settings, SkippedComments, TargetAudience,
    Unavailable, analyze, estimate_audience,
};

/// A captured `POST /v2/research/video/comment/list/` response (shared/fixtures/tiktok/SOURCES.md §2).
const RESEARCH_COMMENTS: &str = include_str!("fixtures/researchapi-video-comment-list-1.json");

/// The comments of a Research API comment list. The API names no commenter (its comment fields
/// are id, text, video id, parent id, likes, replies and time), so none is given.
fn research_comments(body: &str) -> Vec<SampledComment> {
    let json: Value = serde_json::from_str(body).expect("the fixture is JSON");
    json["data"]["comments"]
        .as_array()
        .expect("data.comments is a list")
        .iter()
        .map(|c| SampledComment {
            text: c["text"].as_str().unwrap_or_default().to_owned(),
            commenter_id: None,
            // A 19-digit number: printed from the parsed integer, never through f64.
            video_id: c["video_id"].to_string(),
            commenter_country: None,
        })
        .collect()
}

fn share_of(breakdown: &zzyzx_analytics::EstimatedBreakdown, code: &str) -> Option<f64> {
    breakdown.shares.iter().find(|s| s.code == code).map(|s| s.share)
}

#[test]
fn the_real_research_api_sample_is_too_thin_to_estimate_and_says_so() {
    let comments = research_comments(RESEARCH_COMMENTS);
    assert_eq!(comments.len(), 6);
    assert_eq!(comments[0].video_id, "7385291383449439519");

    let e = estimate_audience(&comments);

    // Three comments are empty and "OMG so cute" (9 letters) and "OMG pumpkin" (10) are under 12
    // letters: too short. "heart melting" has 12 letters, but whatlang reads it as Danish with a
    // confidence of 0.005: not reliable. No emoji anywhere.
    assert_eq!(
        e.sample.skipped,
        SkippedComments { too_short: 5, mostly_emoji_or_symbols: 0, language_not_reliable: 1, no_language_code: 0 }
    );
    assert_eq!(e.sample.comments, 6);
    assert_eq!(e.sample.comments_classified, 0);
    // All six are on one video, and without commenter ids each counts as its own commenter.
    assert_eq!((e.sample.videos, e.sample.commenters, e.sample.comments_without_commenter), (1, 6, 6));
    assert!(e.languages.shares.is_empty(), "no language was found: {:?}", e.languages.shares);
    assert_eq!(e.languages.unavailable, Some(Unavailable::NotEnoughData));
    assert_eq!(e.countries.unavailable, Some(Unavailable::NoAudienceData), "the Research API gives no countries");
    assert_eq!(e.label, "no estimate: 0 of 6 comments on 1 video could be classified");
    assert_eq!(e.to_profile(now()), None, "nothing to hand to the fit score");
}

/// Commenters per language, every n-th commenter writing twice, and the videos they comment on.
type Mix = (&'static [(&'static str, usize)], usize, usize);

#[test]
fn known_language_mixes_are_recovered_within_their_intervals() {
    let cases: [Mix; 3] = [
        (&[("en", 60), ("es", 30), ("de", 10)], 4, 8),
        (&[("pt", 50), ("fr", 30), ("en", 20)], 3, 12),
        (&[("es", 45), ("pt", 35), ("fr", 12), ("de", 8)], 5, 10),
    ];
    for (mix, repeat_every, video_count) in cases {
        let mut comments = comments_in_mix(mix, repeat_every, video_count);
        let classifiable = comments.len();
        // Every fourth comment's author also leaves a short one, which must change nothing.
        let short: Vec<SampledComment> = comments
            .iter()
            .step_by(4)
            .enumerate()
            .map(|(i, c)| SampledComment { text: SHORT_COMMENTS[i % SHORT_COMMENTS.len()].0.to_owned(), ..c.clone() })
            .collect();
        comments.extend(short);
        let total: usize = mix.iter().map(|(_, n)| n).sum();

        let e = estimate_audience(&comments);

        assert_eq!(
            e.languages.sample,
            SampleSize { comments: classifiable, commenters: total, videos: video_count },
            "mix {mix:?}"
        );
        assert_eq!(e.sample.skipped.total(), comments.len() - classifiable, "mix {mix:?}");
        assert_eq!(e.languages.shares.len(), mix.len(), "only the mix's languages are found: {:?}", e.languages.shares);
        for &(code, commenters) in mix {
            let truth = commenters as f64 / total as f64;
            let share = e.languages.shares.iter().find(|s| s.code == code).expect("every language of the mix");
            assert!((share.share - truth).abs() <= 0.03, "{code}: estimated {} for a true {truth}", share.share);
            assert!(
                share.interval.low <= truth && truth <= share.interval.high,
                "{code}: the true share {truth} lies outside {:?}",
                share.interval
            );
        }
    }
}

#[test]
fn a_commenter_who_writes_thirty_times_counts_once() {
    let english = sentences("en");
    let mut comments: Vec<SampledComment> = (0..30)
        .map(|i| SampledComment {
            text: english[i % 12].to_owned(),
            commenter_id: Some("superfan".to_owned()),
            video_id: format!("video-{}", i % 3),
            commenter_country: None,
        })
        .collect();
    comments.extend(comments_in_mix(&[("es", 10)], 0, 3));

    let e = estimate_audience(&comments);

    // Per comment English would be 30 of 40; per commenter it is 1 of 11.
    assert_eq!(e.languages.sample, SampleSize { comments: 40, commenters: 11, videos: 3 });
    assert_eq!(share_of(&e.languages, "en"), Some(1.0 / 11.0));
    assert_eq!(share_of(&e.languages, "es"), Some(10.0 / 11.0));
    assert_eq!(e.label, "estimate from 40 comments on 3 videos");
}

#[test]
fn a_creator_sample_counts_what_it_skipped_and_where_commenters_live() {
    let comments = creator_comments();
    assert_eq!(comments.len(), 600);

    let e = estimate_audience(&comments);

    // 200 short comments in turn from SHORT_COMMENTS: the first three kinds (emoji) 34 + 34 + 33
    // times, the last three (words) 33 times each.
    assert_eq!(
        e.sample.skipped,
        SkippedComments { too_short: 99, mostly_emoji_or_symbols: 101, language_not_reliable: 0, no_language_code: 0 }
    );
    assert_eq!((e.sample.comments_classified, e.sample.commenters, e.sample.videos), (400, 500, 12));
    assert_eq!(e.label, "estimate from 400 comments on 12 videos");
    let languages: Vec<(&str, usize)> = e.languages.shares.iter().map(|s| (s.code.as_str(), s.commenters)).collect();
    assert_eq!(languages, [("en", 150), ("es", 60), ("pt", 42), ("de", 30), ("fr", 18)]);
    // Every other commenter of each language has a profile country.
    let countries: Vec<(&str, usize)> = e.countries.shares.iter().map(|s| (s.code.as_str(), s.commenters)).collect();
    assert_eq!(countries, [("US", 75), ("MX", 30), ("BR", 21), ("DE", 15), ("FR", 9)]);
    assert_eq!(e.countries.sample.commenters, 150);
    let us = &e.countries.shares[0];
    // Wilson 95% for 75 of 150: 0.5 ± 1.96 × √(0.25 ÷ 150 + 3.8415 ÷ 90,000) ÷ 1.02561 = 0.4210 to 0.5790.
    assert!((us.interval.low - 0.4210).abs() < 1e-4 && (us.interval.high - 0.5790).abs() < 1e-4, "{:?}", us.interval);
}

#[test]
fn the_estimate_feeds_the_fit_score() {
    let e = estimate_audience(&creator_comments());
    let profile = e.to_profile(now()).expect("a profile");
    assert_eq!(profile.validate(), Ok(()));
    let target = TargetAudience {
        countries: vec!["US".to_owned()],
        languages: vec!["en".to_owned(), "es".to_owned()],
        ..TargetAudience::default()
    };

    let a = analyze(&history(), &videos(), today(), now(), &Settings::default(), Some(&target), Some(&profile));

    // Countries 0.5 (weight 0.35) and languages 0.5 + 0.2 (weight 0.25): (0.175 + 0.175) ÷ 0.6 → 58.
    assert_eq!(a.fit.score, Some(58));
    assert_eq!(a.fit.source.as_deref(), Some(ESTIMATE_SOURCE));
    assert_eq!(a.fit.sample_size, Some(300), "the commenters behind the language shares");
}

#[test]
fn the_json_and_the_openapi_schema_carry_the_estimate() {
    let e = estimate_audience(&creator_comments());
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["label"], "estimate from 400 comments on 12 videos");
    assert_eq!(json["languages"]["formula"], "fit.estimate.language.v1");
    assert_eq!(json["countries"]["formula"], "fit.estimate.country.v1");
    assert_eq!(json["languages"]["shares"][0]["code"], "en");
    assert_eq!(json["languages"]["shares"][0]["share"], 0.5);
    assert!(json["languages"]["shares"][0]["interval"]["low"].is_f64());
    assert_eq!(json["sample"]["skipped"]["mostly_emoji_or_symbols"], 101);

    #[derive(utoipa::OpenApi)]
    #[openapi(components(schemas(AudienceEstimate, SampledComment)))]
    struct Doc;
    let doc = <Doc as utoipa::OpenApi>::openapi().to_json().unwrap();
    for schema in ["\"AudienceEstimate\"", "\"SampledComment\"", "\"WilsonInterval\"", "\"SkippedComments\""] {
        assert!(doc.contains(schema), "the OpenAPI document lacks {schema}");
    }
}
