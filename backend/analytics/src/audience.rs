//! Audience fit (analytics.md §10.9, proposal): a workspace's target audience against a creator's audience profile,
//! scored 0–100 with a per-dimension breakdown, "unknown" rather than a guess when there is no audience data
//! (Trendpop's stance). Separately, a content signal from the creator's own videos (regions and hashtags), which is
//! evidence about the content, not about who watches it, and is labelled so.

use crate::codes::{is_age_band, is_country, is_gender, is_language};
use crate::estimate::wilson_bounds;
use crate::measure::{CONTENT_INTEREST, CONTENT_REGION, FIT_AUDIENCE, FIT_CONTENT, Measure, Unavailable};
use crate::settings::ValidationErrors;
use crate::videos::{MIN_VIDEOS, RecentVideos, VIDEO_WINDOW, normalize_hashtag};
use crate::wording;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The audience a workspace wants to reach. An empty list means "any" for that dimension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct TargetAudience {
    /// ISO 3166-1 alpha-2 codes in upper case, e.g. "US"; at most 300, none repeated.
    #[schema(value_type = BTreeSet<crate::codes::CountryCode>, max_items = 300)]
    pub countries: Vec<String>,
    /// ISO 639-1 codes in lower case, e.g. "en"; none repeated.
    #[schema(value_type = BTreeSet<crate::codes::LanguageCode>, max_items = 300)]
    pub languages: Vec<String>,
    /// Bands from [`crate::codes::AGE_BANDS`]: "13-17", "18-24", "25-34", "35-44", "45-54", "55+".
    #[schema(value_type = BTreeSet<crate::codes::AgeBand>)]
    pub age_bands: Vec<String>,
    /// From [`crate::codes::GENDERS`]: "female", "male", "other".
    #[schema(value_type = BTreeSet<crate::codes::Gender>)]
    pub genders: Vec<String>,
    /// Hashtags in lower case without '#', e.g. "skincare"; compared with the creator's video hashtags. At most 300,
    /// none repeated, of 1 to 100 characters without whitespace or control characters.
    #[schema(
        value_type = BTreeSet<String>,
        max_items = 300,
        min_length = 1,
        max_length = 100,
        pattern = r"^[^#\s\x00-\x1F\x7F-\x9F][^\s\x00-\x1F\x7F-\x9F]*$"
    )]
    pub interests: Vec<String>,
}

/// How an audience profile was obtained. Fit uses the best kind a creator has (newest first within a kind):
/// `connected`, then `provider`, then `imported` or `manual` (one rank), then `estimated`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AudienceKind {
    /// Read from the creator's own account with their consent: exact.
    Connected,
    /// Reported by a data provider (such as a provider's audience countries).
    Provider,
    /// Imported from CSV by the workspace.
    Imported,
    /// Entered by hand in the workspace.
    #[default]
    Manual,
    /// Estimated by zzyzx from an engagement sample (the creator's commenters), with intervals.
    Estimated,
}

impl AudienceKind {
    pub const ALL: [AudienceKind; 5] = [
        AudienceKind::Connected,
        AudienceKind::Provider,
        AudienceKind::Imported,
        AudienceKind::Manual,
        AudienceKind::Estimated,
    ];

    /// As stored and serialised: "connected", "provider", "imported", "manual", "estimated".
    pub fn as_str(self) -> &'static str {
        match self {
            AudienceKind::Connected => "connected",
            AudienceKind::Provider => "provider",
            AudienceKind::Imported => "imported",
            AudienceKind::Manual => "manual",
            AudienceKind::Estimated => "estimated",
        }
    }

    /// The kind stored as `name`; `None` for a name this version does not know.
    pub fn parse(name: &str) -> Option<AudienceKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// Higher wins when choosing the profile fit uses.
    pub fn precedence(self) -> u8 {
        match self {
            AudienceKind::Connected => 3,
            AudienceKind::Provider => 2,
            AudienceKind::Imported | AudienceKind::Manual => 1,
            AudienceKind::Estimated => 0,
        }
    }

    /// Whether a profile of this kind captured at `captured_at` is preferred over one of kind `other` captured at
    /// `other_captured_at`: the higher precedence, then the newer.
    pub fn preferred_over(
        self,
        captured_at: DateTime<Utc>,
        other: AudienceKind,
        other_captured_at: DateTime<Utc>,
    ) -> bool {
        (self.precedence(), captured_at) > (other.precedence(), other_captured_at)
    }
}

/// A creator's audience as estimated by some source, each distribution a map label → share 0..=1. A map may sum to
/// less than 1: the rest is unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AudienceProfile {
    /// How it was obtained; decides which profile fit uses.
    #[serde(default)]
    pub kind: AudienceKind,
    /// Where the estimate comes from, e.g. "tiktok_one" or "sampled_commenters".
    pub source: String,
    pub captured_at: DateTime<Utc>,
    /// How many accounts the estimate was built from, when known.
    pub sample_size: Option<i64>,
    /// Age band → share.
    #[serde(default)]
    pub ages: BTreeMap<String, f64>,
    /// Gender → share.
    #[serde(default)]
    pub genders: BTreeMap<String, f64>,
    /// Country code → share.
    #[serde(default)]
    pub countries: BTreeMap<String, f64>,
    /// Language code → share.
    #[serde(default)]
    pub languages: BTreeMap<String, f64>,
}

/// Most entries a target list may hold.
pub const MAX_TARGET_ENTRIES: usize = 300;
/// Longest interest hashtag accepted.
pub const MAX_INTEREST_CHARS: usize = 100;
/// Shares of one distribution may sum to this much over 1, for rounding in the source.
pub const SHARE_SUM_TOLERANCE: f64 = 1e-6;

/// Tells whether a code belongs to a list of [`crate::codes`].
type IsValid = fn(&str) -> bool;

/// A JSON pointer token: `~` and `/` escaped (RFC 6901).
fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl TargetAudience {
    /// Every problem with this target, as (JSON pointer, message).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let lists: [(&str, &Vec<String>, IsValid, &str); 5] = [
            ("countries", &self.countries, is_country, "must be an ISO 3166-1 alpha-2 code in upper case, like \"US\""),
            ("languages", &self.languages, is_language, "must be an ISO 639-1 code in lower case, like \"en\""),
            ("age_bands", &self.age_bands, is_age_band, "must be one of 13-17, 18-24, 25-34, 35-44, 45-54, 55+"),
            ("genders", &self.genders, is_gender, "must be one of female, male, other"),
            ("interests", &self.interests, is_interest, "must be a hashtag in lower case without '#' or spaces"),
        ];
        for (field, values, is_valid, message) in lists {
            if values.len() > MAX_TARGET_ENTRIES {
                errors.push((format!("/{field}"), format!("must have at most {MAX_TARGET_ENTRIES} entries")));
            }
            for (i, value) in values.iter().enumerate() {
                if !is_valid(value) {
                    errors.push((format!("/{field}/{i}"), message.to_owned()));
                } else if values[..i].contains(value) {
                    errors.push((format!("/{field}/{i}"), "must not repeat an entry".to_owned()));
                }
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// True when the target names no audience dimension (interests alone are compared with content only).
    fn has_audience_dimension(&self) -> bool {
        !(self.countries.is_empty()
            && self.languages.is_empty()
            && self.age_bands.is_empty()
            && self.genders.is_empty())
    }
}

fn is_interest(tag: &str) -> bool {
    !tag.is_empty()
        && tag.chars().count() <= MAX_INTEREST_CHARS
        && !tag.chars().any(|c| c.is_whitespace() || c.is_control())
        && normalize_hashtag(tag) == tag
}

impl AudienceProfile {
    /// Every problem with this profile, as (JSON pointer, message).
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.source.trim().is_empty() || self.source.chars().count() > 200 {
            errors.push(("/source".to_owned(), "must be 1 to 200 characters".to_owned()));
        }
        if self.sample_size.is_some_and(|n| n < 0) {
            errors.push(("/sample_size".to_owned(), "must not be negative".to_owned()));
        }
        let maps: [(&str, &BTreeMap<String, f64>, IsValid, &str); 4] = [
            ("ages", &self.ages, is_age_band, "is not an age band (13-17, 18-24, 25-34, 35-44, 45-54, 55+)"),
            ("genders", &self.genders, is_gender, "is not a gender (female, male, other)"),
            ("countries", &self.countries, is_country, "is not an ISO 3166-1 alpha-2 code in upper case"),
            ("languages", &self.languages, is_language, "is not an ISO 639-1 code in lower case"),
        ];
        for (field, map, is_valid, message) in maps {
            for (key, &share) in map {
                let pointer = format!("/{field}/{}", pointer_token(key));
                if !is_valid(key) {
                    errors.push((pointer, message.to_owned()));
                } else if !(share.is_finite() && (0.0..=1.0).contains(&share)) {
                    errors.push((pointer, "must be a share from 0 to 1".to_owned()));
                }
            }
            // NaN shares make the sum NaN, which must fail too.
            let sum: f64 = map.values().sum();
            if sum.is_nan() || sum > 1.0 + SHARE_SUM_TOLERANCE {
                errors.push((format!("/{field}"), "shares must add up to at most 1".to_owned()));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// A dimension of an audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AudienceDimension {
    Countries,
    Languages,
    Ages,
    Genders,
}

impl AudienceDimension {
    /// Weights of the fit score (proposal): where the audience lives matters most to a brand that ships to some
    /// countries only, then language and age, then gender.
    pub fn weight(self) -> f64 {
        match self {
            AudienceDimension::Countries => 0.35,
            AudienceDimension::Languages => 0.25,
            AudienceDimension::Ages => 0.25,
            AudienceDimension::Genders => 0.15,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            AudienceDimension::Countries => "countries",
            AudienceDimension::Languages => "languages",
            AudienceDimension::Ages => "age bands",
            AudienceDimension::Genders => "genders",
        }
    }
}

/// A label and its share.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct LabelShare {
    pub label: String,
    pub share: f64,
}

/// How one dimension of the audience matches the target.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FitDimension {
    pub dimension: AudienceDimension,
    /// Weight in the overall score before renormalising over the dimensions used.
    pub weight: f64,
    /// The target's labels.
    pub target: Vec<String>,
    /// Share of the audience with a target label; null when the profile has no data for this dimension.
    pub matched_share: Option<f64>,
    /// Share of the audience the profile describes in this dimension (the rest is unknown and counts as not matching).
    pub known_share: f64,
    /// 95% margin of error of `matched_share`, 1.96 × √(p(1 − p) ÷ n), when the sample size is known (KOLens shows
    /// one on each panel, §9.1).
    pub margin_of_error: Option<f64>,
    /// `matched_share` × 100, rounded.
    pub score: Option<u8>,
    /// The matching labels, largest share first.
    pub matches: Vec<LabelShare>,
    pub explanation: String,
}

/// How well a creator's audience matches the workspace's target.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AudienceFit {
    /// `fit.audience.v1`.
    pub formula: &'static str,
    pub formula_text: &'static str,
    /// 0–100; null ("unknown") without audience data or without a target.
    pub score: Option<u8>,
    pub unavailable: Option<Unavailable>,
    /// The kind of profile used (the best the creator has), shown with the score.
    pub kind: Option<AudienceKind>,
    /// The profile's source, capture time and sample size, shown with the score.
    pub source: Option<String>,
    pub captured_at: Option<DateTime<Utc>>,
    pub sample_size: Option<i64>,
    /// The score's 95% interval when it rests on a sample, computed as `FitInterval` says.
    pub interval: Option<FitInterval>,
    /// One entry per dimension the target names.
    pub dimensions: Vec<FitDimension>,
    /// Product of the matched shares: the share of the audience in the target on every dimension at once, assuming
    /// the dimensions are independent. Used for the price per thousand target followers (§6.2).
    pub estimated_target_share: Option<f64>,
    pub explanation: String,
}

/// The 95% interval of a fit score read from a sample of the audience (an estimate from commenters, or an imported
/// or reported profile that states its sample size): each dimension's matched share gets its Wilson interval for
/// that sample, and the bounds are weighted as the score is. That is the interval the score would have if its
/// dimensions moved together, the widest case, so it is never narrower than the data allows. It widens as the sample
/// shrinks. A connected account's audience is TikTok's own count of the followers, not a sample, and has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FitInterval {
    #[schema(maximum = 100)]
    pub low: u8,
    #[schema(maximum = 100)]
    pub high: u8,
}

/// A share from an unvalidated profile, made safe to add: NaN and negatives count as 0, nothing above 1.
fn clean_share(share: f64) -> f64 {
    if share.is_finite() { share.clamp(0.0, 1.0) } else { 0.0 }
}

/// (dimension, target labels, profile distribution) for each dimension.
fn dimensions<'a>(
    target: &'a TargetAudience,
    profile: &'a AudienceProfile,
) -> [(AudienceDimension, &'a [String], &'a BTreeMap<String, f64>); 4] {
    [
        (AudienceDimension::Countries, &target.countries, &profile.countries),
        (AudienceDimension::Languages, &target.languages, &profile.languages),
        (AudienceDimension::Ages, &target.age_bands, &profile.ages),
        (AudienceDimension::Genders, &target.genders, &profile.genders),
    ]
}

/// (matched share, known share) of one dimension; `None` when the profile has no data for it.
fn match_share(target: &[String], distribution: &BTreeMap<String, f64>) -> Option<(f64, f64)> {
    let known: f64 = distribution.values().map(|&s| clean_share(s)).sum::<f64>().min(1.0);
    if known <= 0.0 {
        return None;
    }
    let matched: f64 = distribution
        .iter()
        .filter(|(label, _)| target.iter().any(|t| t.eq_ignore_ascii_case(label)))
        .map(|(_, &s)| clean_share(s))
        .sum::<f64>()
        .min(known);
    Some((matched, known))
}

/// The weighted fit score and the product of the matched shares, or the reason there is none. The summary calls this
/// alone; [`fit`] adds the breakdown in words around the same numbers.
pub(crate) fn fit_score(
    target: Option<&TargetAudience>,
    audience: Option<&AudienceProfile>,
) -> Result<(u8, f64), Unavailable> {
    let (weighted, product) = matched(target, audience)?;
    let weights: f64 = weighted.iter().map(|(weight, _)| weight).sum();
    let share: f64 = weighted.iter().map(|(weight, matched)| weight * matched).sum::<f64>() / weights;
    Ok((to_score(share), product))
}

/// [`FitInterval`] of the fit score, when the profile names its sample and is not a connected account's.
pub(crate) fn fit_interval(target: Option<&TargetAudience>, audience: Option<&AudienceProfile>) -> Option<FitInterval> {
    let profile = audience.filter(|a| a.kind != AudienceKind::Connected)?;
    let n = profile.sample_size.filter(|n| *n > 0)? as f64;
    let (weighted, _) = matched(target, audience).ok()?;
    let weights: f64 = weighted.iter().map(|(weight, _)| weight).sum();
    let (low, high) = weighted.iter().fold((0.0, 0.0), |(low, high), &(weight, matched)| {
        let bounds = wilson_bounds(matched, n);
        (low + weight * bounds.low, high + weight * bounds.high)
    });
    Some(FitInterval { low: to_score(low / weights), high: to_score(high / weights) })
}

/// (weight, matched share) of each target dimension the profile has data on, at least one, and the product of the
/// matched shares; or why there is no fit.
fn matched(
    target: Option<&TargetAudience>,
    audience: Option<&AudienceProfile>,
) -> Result<(Vec<(f64, f64)>, f64), Unavailable> {
    let profile = audience.ok_or(Unavailable::NoAudienceData)?;
    let target = target.filter(|t| t.has_audience_dimension()).ok_or(Unavailable::NoTarget)?;
    let weighted: Vec<(f64, f64)> = dimensions(target, profile)
        .into_iter()
        .filter(|(_, labels, _)| !labels.is_empty())
        .filter_map(|(dimension, labels, distribution)| {
            match_share(labels, distribution).map(|(matched, _)| (dimension.weight(), matched))
        })
        .collect();
    if weighted.iter().map(|(weight, _)| weight).sum::<f64>() <= 0.0 {
        return Err(Unavailable::NoAudienceData);
    }
    let product = weighted.iter().map(|(_, matched)| matched).product();
    Ok((weighted, product))
}

fn to_score(share: f64) -> u8 {
    (share * 100.0).round().clamp(0.0, 100.0) as u8
}

pub(crate) fn fit(target: Option<&TargetAudience>, audience: Option<&AudienceProfile>) -> AudienceFit {
    let result = fit_score(target, audience);
    let interval = fit_interval(target, audience).filter(|_| result.is_ok());
    let sample = audience.and_then(|a| a.sample_size).filter(|n| *n > 0);
    let dimensions: Vec<FitDimension> = match (target, audience) {
        (Some(target), Some(profile)) => dimensions(target, profile)
            .into_iter()
            .filter(|(_, labels, _)| !labels.is_empty())
            .map(|(dimension, labels, distribution)| fit_dimension(dimension, labels, distribution, sample))
            .collect(),
        _ => Vec::new(),
    };
    let explanation = match (&result, audience) {
        (Ok((score, _)), Some(profile)) => {
            let used: Vec<&str> =
                dimensions.iter().filter(|d| d.matched_share.is_some()).map(|d| d.dimension.noun()).collect();
            let sample = sample.map(|n| format!(", {} sampled", wording::count(n))).unwrap_or_default();
            let interval = interval.map(|i| format!(" (95% interval {}–{})", i.low, i.high)).unwrap_or_default();
            format!(
                "fit {score}/100{interval} from {} ({} audience data: {}, {}{sample})",
                used.join(", "),
                profile.kind.as_str(),
                profile.source,
                profile.captured_at.date_naive()
            )
        }
        (Err(Unavailable::NoTarget), _) => {
            "unknown: the workspace has no target countries, languages, ages or genders".to_owned()
        }
        (Err(_), Some(_)) => "unknown: the audience data covers none of the target's dimensions".to_owned(),
        _ => "unknown: no audience data for this creator".to_owned(),
    };
    let (score, share, unavailable) = match result {
        Ok((score, share)) => (Some(score), Some(share), None),
        Err(why) => (None, None, Some(why)),
    };
    AudienceFit {
        formula: FIT_AUDIENCE.id,
        formula_text: FIT_AUDIENCE.text,
        score,
        unavailable,
        kind: audience.map(|a| a.kind),
        source: audience.map(|a| a.source.clone()),
        captured_at: audience.map(|a| a.captured_at),
        sample_size: audience.and_then(|a| a.sample_size),
        interval,
        dimensions,
        estimated_target_share: share,
        explanation,
    }
}

fn fit_dimension(
    dimension: AudienceDimension,
    labels: &[String],
    distribution: &BTreeMap<String, f64>,
    sample: Option<i64>,
) -> FitDimension {
    let shares = match_share(labels, distribution);
    let mut matches: Vec<LabelShare> = distribution
        .iter()
        .filter(|(label, _)| labels.iter().any(|t| t.eq_ignore_ascii_case(label)))
        .map(|(label, &share)| LabelShare { label: label.clone(), share: clean_share(share) })
        .collect();
    matches.sort_by(|a, b| b.share.total_cmp(&a.share).then_with(|| a.label.cmp(&b.label)));
    let explanation = match shares {
        None => format!("no audience data on {}", dimension.noun()),
        Some((matched, known)) => {
            let listed: Vec<String> =
                matches.iter().take(5).map(|m| format!("{} {}", m.label, percent(m.share))).collect();
            let listed = if listed.is_empty() { String::new() } else { format!(" ({})", listed.join(", ")) };
            let unknown = if known < 0.99 { format!("; {} unknown", percent(1.0 - known)) } else { String::new() };
            format!("{} of the audience in the target {}{listed}{unknown}", percent(matched), dimension.noun())
        }
    };
    FitDimension {
        dimension,
        weight: dimension.weight(),
        target: labels.to_vec(),
        matched_share: shares.map(|(m, _)| m),
        known_share: shares.map_or(0.0, |(_, k)| k),
        margin_of_error: shares
            .zip(sample)
            .map(|((p, _), n)| 1.96 * (p * (1.0 - p) / n as f64).sqrt())
            .filter(|m| m.is_finite()),
        score: shares.map(|(m, _)| to_score(m)),
        matches,
        explanation,
    }
}

fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round())
}

/// A label and how many videos carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LabelCount {
    pub label: String,
    pub videos: usize,
}

/// Where the creator's content points, from their own videos: **a content signal, not audience data**. A creator
/// posting from the US about #skincare may still be watched mostly elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ContentSignal {
    /// Always "content_signal", so no client confuses it with the audience fit.
    pub kind: &'static str,
    /// "Content signal: from the creator's videos, not audience data".
    pub label: &'static str,
    /// `fit.content.v1`.
    pub formula: &'static str,
    pub formula_text: &'static str,
    /// 0–100: the mean of the available shares below × 100; null without a target or enough videos.
    pub score: Option<u8>,
    pub unavailable: Option<Unavailable>,
    /// `fit.content.region.v1`: share of the last 30 videos with a region that were posted from a target country.
    pub region_match: Measure<f64>,
    /// `fit.content.interest.v1`: share of the last 30 videos with at least one target hashtag.
    pub interest_match: Measure<f64>,
    /// Target countries among the videos' regions, most videos first.
    pub matched_regions: Vec<LabelCount>,
    /// Target hashtags among the videos' hashtags, most videos first.
    pub matched_hashtags: Vec<LabelCount>,
    pub explanation: String,
}

const CONTENT_LABEL: &str = "Content signal: from the creator's videos, not audience data";

pub(crate) fn content_signal(target: Option<&TargetAudience>, recent: &RecentVideos<'_>) -> ContentSignal {
    let window = recent.window();
    let enough = window.len() >= MIN_VIDEOS;
    let empty = Vec::new();
    let countries = target.map_or(&empty, |t| &t.countries);
    let interests: Vec<String> =
        target.map_or_else(Vec::new, |t| t.interests.iter().map(|i| normalize_hashtag(i)).collect());

    // Regions: only videos that report one are in the sample.
    let mut region_counts: BTreeMap<String, usize> = BTreeMap::new();
    let with_region = window.iter().filter_map(|v| v.region.as_deref().filter(|r| !r.trim().is_empty())).inspect(|r| {
        if let Some(c) = countries.iter().find(|c| c.eq_ignore_ascii_case(r.trim())) {
            *region_counts.entry(c.clone()).or_default() += 1;
        }
    });
    let region_sample = with_region.count();
    let region_hits: usize = region_counts.values().sum();

    let mut tag_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut interest_hits = 0;
    for video in window {
        let tags: Vec<String> = video.hashtags.iter().map(|t| normalize_hashtag(t)).collect();
        let mut hit = false;
        for interest in &interests {
            if tags.contains(interest) {
                *tag_counts.entry(interest.clone()).or_default() += 1;
                hit = true;
            }
        }
        interest_hits += usize::from(hit);
    }

    let (region_share, region_missing) = if countries.is_empty() {
        (None, Unavailable::NoTarget)
    } else if !enough || region_sample == 0 {
        (None, Unavailable::NotEnoughVideos)
    } else {
        (Some(region_hits as f64 / region_sample as f64), Unavailable::NoTarget)
    };
    let (interest_share, interest_missing) = if interests.is_empty() {
        (None, Unavailable::NoTarget)
    } else if !enough {
        (None, Unavailable::NotEnoughVideos)
    } else {
        (Some(interest_hits as f64 / window.len() as f64), Unavailable::NoTarget)
    };
    let parts: Vec<f64> = [region_share, interest_share].into_iter().flatten().collect();
    let score = (!parts.is_empty()).then(|| to_score(parts.iter().sum::<f64>() / parts.len() as f64));
    let unavailable = match score {
        Some(_) => None,
        None if target.is_none() || (countries.is_empty() && interests.is_empty()) => Some(Unavailable::NoTarget),
        None => Some(Unavailable::NotEnoughVideos),
    };
    let ranked = |counts: BTreeMap<String, usize>| {
        let mut list: Vec<LabelCount> =
            counts.into_iter().map(|(label, videos)| LabelCount { label, videos }).collect();
        list.sort_by(|a, b| b.videos.cmp(&a.videos).then_with(|| a.label.cmp(&b.label)));
        list
    };
    let mut said = Vec::new();
    if let Some(share) = region_share {
        said.push(format!(
            "{} of {region_sample} videos with a region were posted from a target country",
            percent(share)
        ));
    }
    if let Some(share) = interest_share {
        said.push(format!("{} of {} videos use a target hashtag", percent(share), window.len()));
    }
    let explanation = match (score, unavailable) {
        (Some(_), _) => format!("{} (content, not audience data)", said.join("; ")),
        (None, Some(Unavailable::NoTarget)) => "unknown: the workspace has no target countries or interests".to_owned(),
        _ => format!("unknown: fewer than {MIN_VIDEOS} recent videos, or none with a region"),
    };
    let videos = VIDEO_WINDOW as u32;
    ContentSignal {
        kind: "content_signal",
        label: CONTENT_LABEL,
        formula: FIT_CONTENT.id,
        formula_text: FIT_CONTENT.text,
        score,
        unavailable,
        region_match: Measure::float(&CONTENT_REGION, region_share, region_sample, region_missing).videos(videos),
        interest_match: Measure::float(&CONTENT_INTEREST, interest_share, window.len(), interest_missing)
            .videos(videos),
        matched_regions: ranked(region_counts),
        matched_hashtags: ranked(tag_counts),
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::videos::VideoStats;
    use crate::videos::tests::{now, video};
    use proptest::prelude::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn map(items: &[(&str, f64)]) -> BTreeMap<String, f64> {
        items.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn audience_kinds_rank_connected_then_provider_then_the_workspaces_own_then_estimates() {
        let (old, new) = (now() - chrono::Duration::days(300), now());
        use AudienceKind::*;
        assert!(Connected.preferred_over(old, Provider, new));
        assert!(Provider.preferred_over(old, Imported, new));
        assert!(Manual.preferred_over(old, Estimated, new));
        assert!(Imported.preferred_over(new, Manual, old) && Manual.preferred_over(new, Imported, old));
        assert!(!Estimated.preferred_over(new, Estimated, new), "an equal is not preferred");
        for kind in AudienceKind::ALL {
            assert_eq!(AudienceKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        assert_eq!(AudienceKind::parse("guessed"), None);
    }

    fn profile() -> AudienceProfile {
        AudienceProfile {
            kind: AudienceKind::Estimated,
            source: "sampled_commenters".to_owned(),
            captured_at: now(),
            sample_size: Some(400),
            ages: map(&[("18-24", 0.5), ("25-34", 0.3), ("35-44", 0.2)]),
            genders: map(&[("female", 0.7), ("male", 0.3)]),
            countries: map(&[("US", 0.4), ("GB", 0.2), ("DE", 0.1)]),
            languages: BTreeMap::new(),
        }
    }

    fn target() -> TargetAudience {
        TargetAudience {
            countries: strings(&["US", "GB"]),
            languages: strings(&["en"]),
            age_bands: strings(&["18-24"]),
            genders: strings(&["female"]),
            interests: strings(&["skincare"]),
        }
    }

    #[test]
    fn fit_by_hand() {
        // Countries 0.6 (w 0.35), ages 0.5 (w 0.25), genders 0.7 (w 0.15); languages have no data and drop out.
        // (0.21 + 0.125 + 0.105) / 0.75 = 0.5867 → 59. Target share 0.6 × 0.5 × 0.7 = 0.21.
        let f = fit(Some(&target()), Some(&profile()));
        assert_eq!(f.score, Some(59));
        assert!((f.estimated_target_share.unwrap() - 0.21).abs() < 1e-12);
        let countries = &f.dimensions[0];
        assert_eq!(countries.explanation, "60% of the audience in the target countries (US 40%, GB 20%); 30% unknown");
        // 1.96 × √(0.6 × 0.4 / 400) = 0.048.
        assert!((countries.margin_of_error.unwrap() - 0.048_010).abs() < 1e-5);
        assert_eq!(f.dimensions[1].matched_share, None);
        // Wilson bounds at n = 400: countries 0.551–0.647, ages 0.451–0.549, genders 0.653–0.743, weighted as the
        // score: 0.538 and 0.633.
        assert_eq!(f.interval, Some(FitInterval { low: 54, high: 63 }));
        assert_eq!(
            f.explanation,
            "fit 59/100 (95% interval 54–63) from countries, age bands, genders (estimated audience data: \
             sampled_commenters, 2025-06-30, 400 sampled)"
        );
    }

    #[test]
    fn the_interval_widens_as_the_sample_shrinks_and_a_connected_audience_has_none() {
        let with = |kind: AudienceKind, sample_size: Option<i64>| {
            fit(Some(&target()), Some(&AudienceProfile { kind, sample_size, ..profile() }))
        };
        let width = |f: &AudienceFit| f.interval.map(|i| i.high - i.low).unwrap();
        let (large, small) = (with(AudienceKind::Estimated, Some(4_000)), with(AudienceKind::Estimated, Some(40)));
        assert_eq!((large.score, small.score), (Some(59), Some(59)));
        assert!(width(&large) < width(&with(AudienceKind::Estimated, Some(400))));
        assert!(width(&with(AudienceKind::Estimated, Some(400))) < width(&small));
        assert_eq!(small.interval, Some(FitInterval { low: 43, high: 72 }), "40 commenters: 59 could be 43 to 72");
        assert_eq!(with(AudienceKind::Imported, Some(400)).interval, Some(FitInterval { low: 54, high: 63 }));
        assert_eq!(with(AudienceKind::Connected, Some(400)).interval, None, "TikTok's own count, not a sample");
        assert_eq!(with(AudienceKind::Manual, None).interval, None, "no sample size, no interval");
        assert_eq!(with(AudienceKind::Estimated, Some(0)).interval, None);
        assert_eq!(fit(None, Some(&profile())).interval, None, "no target, no fit, no interval");
    }

    #[test]
    fn no_audience_data_is_unknown_not_zero() {
        let f = fit(Some(&target()), None);
        assert_eq!((f.score, f.unavailable), (None, Some(Unavailable::NoAudienceData)));
        let only_interests = TargetAudience { interests: strings(&["skincare"]), ..TargetAudience::default() };
        assert_eq!(fit(Some(&only_interests), Some(&profile())).unavailable, Some(Unavailable::NoTarget));
        let languages_only = TargetAudience { languages: strings(&["en"]), ..TargetAudience::default() };
        assert_eq!(fit(Some(&languages_only), Some(&profile())).unavailable, Some(Unavailable::NoAudienceData));
    }

    #[test]
    fn content_signal_counts_regions_and_hashtags() {
        let tagged = |id: &str, region: Option<&str>, tags: &[&str]| VideoStats {
            region: region.map(str::to_owned),
            hashtags: strings(tags),
            ..video(id, 3, 1_000)
        };
        let videos = [
            tagged("a", Some("US"), &["#SkinCare", "fyp"]),
            tagged("b", Some("FR"), &["fyp"]),
            tagged("c", None, &["skincare"]),
            tagged("d", Some("us"), &[]),
        ];
        let c = content_signal(Some(&target()), &RecentVideos::new(&videos, now()));
        // Regions: 2 of 3 videos with a region are in US/GB; hashtags: 2 of 4 videos. Mean (0.667 + 0.5) / 2 → 58.
        assert_eq!(c.region_match.value, Some(2.0 / 3.0));
        assert_eq!(c.interest_match.value, Some(0.5));
        assert_eq!(c.score, Some(58));
        assert_eq!(c.matched_hashtags, [LabelCount { label: "skincare".to_owned(), videos: 2 }]);
        assert_eq!(c.kind, "content_signal");
        assert_eq!(content_signal(None, &RecentVideos::new(&videos, now())).unavailable, Some(Unavailable::NoTarget));
    }

    #[test]
    fn target_validation_reports_pointers() {
        let bad = TargetAudience {
            countries: strings(&["US", "us", "US"]),
            languages: strings(&["EN"]),
            age_bands: strings(&["18-25"]),
            genders: strings(&["woman"]),
            interests: strings(&["#SkinCare", "skin care", "ok"]),
        };
        let pointers: Vec<String> = bad.validate().unwrap_err().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            pointers,
            [
                "/countries/1",
                "/countries/2",
                "/languages/0",
                "/age_bands/0",
                "/genders/0",
                "/interests/0",
                "/interests/1"
            ]
        );
        assert_eq!(target().validate(), Ok(()));
    }

    #[test]
    fn profile_validation_checks_keys_shares_and_sums() {
        assert_eq!(profile().validate(), Ok(()));
        let mut bad = profile();
        bad.source = " ".to_owned();
        bad.sample_size = Some(-1);
        bad.ages.insert("18-24".to_owned(), 1.5);
        bad.genders.insert("female".to_owned(), 0.8);
        bad.countries.insert("a/b".to_owned(), 0.1);
        bad.languages.insert("en".to_owned(), f64::NAN);
        let pointers: Vec<String> = bad.validate().unwrap_err().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            pointers,
            [
                "/source",
                "/sample_size",
                "/ages/18-24",
                "/ages",
                "/genders",
                "/countries/a~1b",
                "/languages/en",
                "/languages"
            ]
        );
    }

    proptest! {
        #[test]
        fn fit_score_is_within_0_and_100(
            shares in proptest::collection::vec(proptest::num::f64::ANY, 0..12),
            pick in proptest::collection::vec(any::<bool>(), 12),
        ) {
            let labels = ["US", "GB", "DE", "13-17", "18-24", "25-34", "female", "male", "other", "en", "de", "fr"];
            let mut p = profile();
            p.countries.clear();
            p.ages.clear();
            p.genders.clear();
            for (i, share) in shares.iter().enumerate() {
                let m = match i { 0..=2 => &mut p.countries, 3..=5 => &mut p.ages, 6..=8 => &mut p.genders, _ => &mut p.languages };
                m.insert(labels[i].to_owned(), *share);
            }
            let chosen = |range: std::ops::Range<usize>| range.filter(|&i| pick[i]).map(|i| labels[i].to_owned()).collect();
            let t = TargetAudience { countries: chosen(0..3), age_bands: chosen(3..6), genders: chosen(6..9), languages: chosen(9..12), interests: vec![] };
            let f = fit(Some(&t), Some(&p));
            prop_assert!(f.score.is_none_or(|s| s <= 100));
            prop_assert_eq!(f.interval.is_some(), f.score.is_some(), "a sampled profile's fit has an interval");
            if let (Some(score), Some(interval)) = (f.score, f.interval) {
                prop_assert!(interval.low <= score && score <= interval.high && interval.high <= 100, "{interval:?} around {score}");
            }
            prop_assert!(f.estimated_target_share.is_none_or(|s| (0.0..=1.0).contains(&s)));
            prop_assert_eq!(fit(Some(&t), None).score, None);
        }
    }
}
