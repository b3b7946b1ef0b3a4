//! An audience estimated from an engagement sample (analytics.md §10.9, proposal): the languages of the people who
//! comment on a creator's recent videos, and their countries where the source gives one, each share with its sample
//! size and a 95% Wilson score interval. Tools such as HypeAuditor estimate audiences from engagers too; this one says
//! how, and says "estimate from N comments on M videos" wherever it is shown.
//!
//! How it counts:
//!
//! - **Each commenter counts once**, under the language of most of their classified comments (ties: the language with
//!   more letters behind it, then the first code alphabetically). Someone who writes 30 comments is one person of the
//!   audience, not 30; weighing per comment would let the chattiest few decide the estimate.
//! - **A comment is classified** when it has at least [`MIN_LETTERS`] letters (or [`MIN_DENSE_CHARACTERS`] Chinese,
//!   Japanese or Korean characters, where one character carries a syllable or a word) and `whatlang` names a language
//!   with a confidence of at least [`MIN_CONFIDENCE`]. Others are skipped and counted by reason: too short, mostly
//!   emoji or symbols (fewer letters than that, outnumbered by emoji and symbols), language not reliable, or a
//!   language without an ISO 639-1 code (none with whatlang 0.18; kept so the counts always add up). Only the first
//!   [`MAX_READ_CHARACTERS`] characters are read (TikTok caps a comment at 150), so one huge string cannot stall it.
//! - **Why 0.5 and not whatlang's own `is_reliable()`** (confidence above 0.9): on comment-length sentences written
//!   for the tests, 0.9 kept about a third of them, while 0.5 kept most and every one it kept was right; below 0.5
//!   the detector confuses Spanish with Portuguese and Catalan and short English with Italian or Danish.
//! - **Its known bias:** languages the detector is less sure of (Spanish, next to Portuguese) lose more comments to
//!   "language not reliable", which understates them a little; the skipped counts are reported so this shows.
//! - **Language codes** are ISO 639-1, the codes a workspace targets ([`crate::codes::LANGUAGES`]); whatlang's
//!   ISO 639-3 codes are mapped to them, macrolanguages included (Mandarin → `zh`, Bokmål → `no`, Iranian Persian →
//!   `fa`), so a target of "no" or "zh" matches.
//! - **Countries** come from commenters' profiles only, never from the language. Each commenter with one counts once
//!   (their most frequent valid code), and the country shares have their own sample size.
//! - **Unknown commenters:** some sources do not say who wrote a comment (the Research API's comment list does not).
//!   Such comments count as one commenter each, which overstates distinct commenters when someone repeats, and are
//!   counted in `comments_without_commenter` so a reader can see it.
//!
//! Commenters are the people who engage, not everyone who watches or follows: the result is an estimate, labelled so.

use crate::audience::{AudienceKind, AudienceProfile};
use crate::codes::{is_country, is_language};
use crate::measure::{ESTIMATE_COUNTRY, ESTIMATE_LANGUAGE, Formula, Unavailable};
use crate::wording;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

/// Fewest letters a comment needs to be classified.
pub const MIN_LETTERS: usize = 12;
/// Fewest Chinese, Japanese or Korean characters that classify a comment with fewer than [`MIN_LETTERS`] letters.
pub const MIN_DENSE_CHARACTERS: usize = 4;
/// Lowest whatlang confidence (0 to 1) at which a comment's language is taken.
pub const MIN_CONFIDENCE: f64 = 0.5;
/// Characters of a comment that are read; the rest is ignored.
pub const MAX_READ_CHARACTERS: usize = 500;
/// From this many comments on, they are read on every available core (see [`estimate_audience`]).
pub const PARALLEL_FROM_COMMENTS: usize = 128;
/// The `source` of an [`AudienceProfile`] made from an estimate.
pub const ESTIMATE_SOURCE: &str = "estimated_from_comments";
/// The 97.5th percentile of the standard normal distribution: a two-sided 95% interval.
const Z_95: f64 = 1.959_963_984_540_054;

/// One comment of the sample, as a source fetched it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SampledComment {
    pub text: String,
    /// Who wrote it, as the source identifies them; null (or blank) when the source does not say.
    pub commenter_id: Option<String>,
    /// The video it was left on.
    pub video_id: String,
    /// The country on the commenter's profile, ISO 3166-1 alpha-2 in either case; null when the source gives none.
    /// Codes that are not ISO 3166-1 are ignored.
    pub commenter_country: Option<String>,
}

/// A 95% Wilson score interval of a share: always within 0 to 1 and around the share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct WilsonInterval {
    #[schema(value_type = crate::codes::Share)]
    pub low: f64,
    #[schema(value_type = crate::codes::Share)]
    pub high: f64,
}

/// The 95% Wilson score interval of `successes` out of `trials`; `None` without trials or with more successes than
/// trials. Unlike p ± 1.96 × √(p(1 − p) ÷ n), it stays inside [0, 1] and is not zero-width at 0 or n successes.
pub fn wilson_interval(successes: usize, trials: usize) -> Option<WilsonInterval> {
    if trials == 0 || successes > trials {
        return None;
    }
    let interval = wilson_bounds(successes as f64 / trials as f64, trials as f64);
    // At 0 and n successes the exact bounds are 0 and 1, whatever the rounding.
    Some(WilsonInterval {
        low: if successes == 0 { 0.0 } else { interval.low },
        high: if successes == trials { 1.0 } else { interval.high },
    })
}

/// The 95% Wilson score interval of a share `p` (0 to 1) observed in a sample of `n` (> 0), for shares that are
/// not a whole count of successes (a weighted or reported share). Rounding never takes a bound across `p` or out of
/// [0, 1].
pub(crate) fn wilson_bounds(p: f64, n: f64) -> WilsonInterval {
    let z2 = Z_95 * Z_95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half_width = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    WilsonInterval { low: (centre - half_width).clamp(0.0, p), high: (centre + half_width).clamp(p, 1.0) }
}

/// How many comments, distinct commenters and videos a set of shares rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ToSchema)]
pub struct SampleSize {
    pub comments: usize,
    /// The denominator of every share.
    pub commenters: usize,
    pub videos: usize,
}

/// One language or country of the estimate.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EstimatedShare {
    /// An ISO 639-1 language code ("en") or an ISO 3166-1 alpha-2 country code ("US").
    pub code: String,
    /// Distinct commenters counted under this code.
    pub commenters: usize,
    /// `commenters` ÷ the commenters of the sample.
    #[schema(value_type = crate::codes::Share)]
    pub share: f64,
    pub interval: WilsonInterval,
}

/// The languages or the countries of the estimate.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EstimatedBreakdown {
    /// `fit.estimate.language.v1` or `fit.estimate.country.v1`.
    pub formula: &'static str,
    pub formula_text: &'static str,
    pub sample: SampleSize,
    /// Most commenters first, then by code; empty when the sample is.
    pub shares: Vec<EstimatedShare>,
    /// Why there are no shares; absent when there are.
    pub unavailable: Option<Unavailable>,
}

/// Comments left out of the language estimate, by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ToSchema)]
pub struct SkippedComments {
    /// Fewer than 12 letters (and 4 Chinese, Japanese or Korean characters), empty ones included.
    pub too_short: usize,
    /// As short, and with more emoji or symbols than letters.
    pub mostly_emoji_or_symbols: usize,
    /// The detector named no language with a confidence of at least 0.5.
    pub language_not_reliable: usize,
    /// The detected language has no ISO 639-1 code.
    pub no_language_code: usize,
}

impl SkippedComments {
    pub fn total(&self) -> usize {
        self.too_short + self.mostly_emoji_or_symbols + self.language_not_reliable + self.no_language_code
    }
}

/// What the estimate was given and what it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct EstimateSample {
    /// Comments given.
    pub comments: usize,
    /// Comments whose language was taken; `comments` = `comments_classified` + the skipped ones.
    pub comments_classified: usize,
    pub skipped: SkippedComments,
    /// Comments whose source does not say who wrote them; each counts as its own commenter.
    pub comments_without_commenter: usize,
    /// Distinct commenters among the comments given.
    pub commenters: usize,
    /// Distinct videos among the comments given.
    pub videos: usize,
}

/// A creator's audience estimated from the people who comment on their videos.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AudienceEstimate {
    /// Always "estimated_from_comments": the `source` of the profile it becomes.
    pub source: &'static str,
    /// "estimate from 412 comments on 12 videos": the classified comments and the videos they were left on.
    pub label: String,
    pub languages: EstimatedBreakdown,
    pub countries: EstimatedBreakdown,
    pub sample: EstimateSample,
}

impl AudienceEstimate {
    /// The estimate as an [`AudienceProfile`] the fit score reads, or `None` when it has neither language nor country
    /// shares. Its `sample_size` is the commenters behind the language shares (those behind the country shares when
    /// there are no language shares): a profile carries one sample size for all its dimensions.
    pub fn to_profile(&self, captured_at: DateTime<Utc>) -> Option<AudienceProfile> {
        if self.languages.shares.is_empty() && self.countries.shares.is_empty() {
            return None;
        }
        let shares =
            |b: &EstimatedBreakdown| b.shares.iter().map(|s| (s.code.clone(), s.share)).collect::<BTreeMap<_, _>>();
        let sample =
            if self.languages.shares.is_empty() { self.countries.sample } else { self.languages.sample }.commenters;
        Some(AudienceProfile {
            kind: AudienceKind::Estimated,
            source: ESTIMATE_SOURCE.to_owned(),
            captured_at,
            sample_size: i64::try_from(sample).ok(),
            ages: BTreeMap::new(),
            genders: BTreeMap::new(),
            countries: shares(&self.countries),
            languages: shares(&self.languages),
        })
    }
}

/// What reading one comment gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Language { code: &'static str, letters: usize },
    TooShort,
    MostlySymbols,
    NotReliable,
    NoLanguageCode,
}

/// Chinese, Japanese and Korean characters: kana, CJK ideographs and Hangul syllables.
fn is_dense(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}')
}

/// Characters that only join or modify an emoji (zero-width joiner, variation selectors, skin tones, tags), so a
/// composed emoji is not counted as several symbols.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{20E3}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

fn read_comment(text: &str) -> Reading {
    let text = match text.char_indices().nth(MAX_READ_CHARACTERS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let (mut letters, mut dense, mut symbols) = (0, 0, 0);
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            dense += usize::from(is_dense(c));
        } else if !(c.is_whitespace() || c.is_numeric() || c.is_control() || is_emoji_modifier(c)) {
            symbols += 1;
        }
    }
    if letters < MIN_LETTERS && dense < MIN_DENSE_CHARACTERS {
        return if symbols > letters { Reading::MostlySymbols } else { Reading::TooShort };
    }
    match whatlang::detect(text) {
        Some(info) if info.confidence() >= MIN_CONFIDENCE => match iso_639_1(info.lang()) {
            Some(code) => Reading::Language { code, letters },
            None => Reading::NoLanguageCode,
        },
        _ => Reading::NotReliable,
    }
}

/// whatlang's ISO 639-3 code as the ISO 639-1 code a workspace targets; `None` for a language without one.
fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    let code = match lang.code() {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "no",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    };
    is_language(code).then_some(code)
}

/// A profile country as an upper-case ISO 3166-1 alpha-2 code, or `None` when it is not one.
fn country_code(raw: &str) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    is_country(&code).then_some(code)
}

/// What one commenter's comments said.
#[derive(Debug, Default)]
struct Commenter {
    /// (language, classified comments, letters in them).
    languages: Vec<(&'static str, usize, usize)>,
    /// (country, comments that gave it).
    countries: Vec<(String, usize)>,
}

impl Commenter {
    fn add_language(&mut self, code: &'static str, letters: usize) {
        match self.languages.iter_mut().find(|(c, _, _)| *c == code) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 += letters;
            }
            None => self.languages.push((code, 1, letters)),
        }
    }

    fn add_country(&mut self, code: String) {
        match self.countries.iter_mut().find(|(c, _)| *c == code) {
            Some(entry) => entry.1 += 1,
            None => self.countries.push((code, 1)),
        }
    }

    /// Most classified comments, then most letters, then the first code alphabetically.
    fn language(&self) -> Option<&'static str> {
        self.languages
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then_with(|| b.0.cmp(a.0)))
            .map(|(code, _, _)| *code)
    }

    /// Most comments, then the first code alphabetically.
    fn country(&self) -> Option<&str> {
        self.countries.iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(code, _)| code.as_str())
    }
}

/// Reads every comment, in order. Language detection is most of the estimate's cost (about 50 µs for a sentence on
/// the reference 2-core machine), and each comment is read on its own, so from [`PARALLEL_FROM_COMMENTS`] comments
/// on they are dealt out over the available cores like cards (long and short comments tend to come in runs, so
/// contiguous halves would be uneven); a share whose thread cannot be started is read here.
fn read_comments(comments: &[SampledComment]) -> Vec<Reading> {
    let read_all = || comments.iter().map(|c| read_comment(&c.text)).collect();
    if comments.len() < PARALLEL_FROM_COMMENTS {
        return read_all();
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 {
        return read_all();
    }
    let read_share = |first: usize| comments.iter().skip(first).step_by(cores).map(|c| read_comment(&c.text)).collect();
    let shares: Vec<Vec<Reading>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..cores)
            .map(|first| (first, std::thread::Builder::new().spawn_scoped(scope, move || read_share(first))))
            .collect();
        threads
            .into_iter()
            .map(|(first, thread)| thread.ok().and_then(|t| t.join().ok()).unwrap_or_else(|| read_share(first)))
            .collect()
    });
    let mut shares: Vec<_> = shares.into_iter().map(Vec::into_iter).collect();
    (0..comments.len()).filter_map(|i| shares[i % cores].next()).collect()
}

/// Estimates a creator's audience from comments on their recent videos (see the module documentation for how).
/// Never panics; with nothing to classify, the shares are empty and say why. It is CPU-bound (about 10 to 20 ms for
/// 600 comments on two cores): call it from a blocking task, not on an async executor's thread.
pub fn estimate_audience(comments: &[SampledComment]) -> AudienceEstimate {
    let mut skipped = SkippedComments::default();
    let mut known: HashMap<&str, Commenter> = HashMap::new();
    let mut anonymous: Vec<Commenter> = Vec::new();
    let mut videos: HashSet<&str> = HashSet::new();
    let (mut language_videos, mut country_videos) = (HashSet::new(), HashSet::new());
    let (mut classified, mut with_country) = (0, 0);

    for (comment, reading) in comments.iter().zip(read_comments(comments)) {
        let video = comment.video_id.as_str();
        videos.insert(video);
        let id = comment.commenter_id.as_deref().map(str::trim).filter(|id| !id.is_empty());
        let mut anonymous_commenter = Commenter::default();
        let commenter = match id {
            Some(id) => known.entry(id).or_default(),
            None => &mut anonymous_commenter,
        };
        match reading {
            Reading::Language { code, letters } => {
                commenter.add_language(code, letters);
                classified += 1;
                language_videos.insert(video);
            }
            Reading::TooShort => skipped.too_short += 1,
            Reading::MostlySymbols => skipped.mostly_emoji_or_symbols += 1,
            Reading::NotReliable => skipped.language_not_reliable += 1,
            Reading::NoLanguageCode => skipped.no_language_code += 1,
        }
        if let Some(country) = comment.commenter_country.as_deref().and_then(country_code) {
            commenter.add_country(country);
            with_country += 1;
            country_videos.insert(video);
        }
        if id.is_none() {
            anonymous.push(anonymous_commenter);
        }
    }

    let commenters = || known.values().chain(&anonymous);
    // With comments but no shares, none could be classified (languages) or none carried a country (countries).
    let no_languages = if comments.is_empty() { Unavailable::NoAudienceData } else { Unavailable::NotEnoughData };
    let languages = breakdown(
        &ESTIMATE_LANGUAGE,
        commenters().filter_map(Commenter::language),
        SampleSize { comments: classified, commenters: 0, videos: language_videos.len() },
        no_languages,
    );
    let countries = breakdown(
        &ESTIMATE_COUNTRY,
        commenters().filter_map(Commenter::country),
        SampleSize { comments: with_country, commenters: 0, videos: country_videos.len() },
        Unavailable::NoAudienceData,
    );
    let sample = EstimateSample {
        comments: comments.len(),
        comments_classified: classified,
        skipped,
        comments_without_commenter: anonymous.len(),
        commenters: known.len() + anonymous.len(),
        videos: videos.len(),
    };
    AudienceEstimate { source: ESTIMATE_SOURCE, label: label(&sample, &languages.sample), languages, countries, sample }
}

/// Shares of the codes given once per commenter; `sample` without its commenters, which are counted here.
fn breakdown<'a>(
    formula: &Formula,
    codes: impl Iterator<Item = &'a str>,
    sample: SampleSize,
    missing: Unavailable,
) -> EstimatedBreakdown {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for code in codes {
        *counts.entry(code).or_default() += 1;
    }
    let commenters: usize = counts.values().sum();
    let mut shares: Vec<EstimatedShare> = counts
        .into_iter()
        .filter_map(|(code, k)| {
            let interval = wilson_interval(k, commenters)?;
            Some(EstimatedShare { code: code.to_owned(), commenters: k, share: k as f64 / commenters as f64, interval })
        })
        .collect();
    // Stable: equal counts stay in code order.
    shares.sort_by_key(|s| std::cmp::Reverse(s.commenters));
    EstimatedBreakdown {
        formula: formula.id,
        formula_text: formula.text,
        sample: SampleSize { commenters, ..sample },
        unavailable: shares.is_empty().then_some(missing),
        shares,
    }
}

/// `"1 comment"`, `"1,204 comments"`.
fn counted(n: usize, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{} {noun}{plural}", wording::count(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn label(sample: &EstimateSample, languages: &SampleSize) -> String {
    if sample.comments == 0 {
        "no estimate: no comments".to_owned()
    } else if languages.commenters > 0 {
        format!("estimate from {} on {}", counted(languages.comments, "comment"), counted(languages.videos, "video"))
    } else {
        format!(
            "no estimate: 0 of {} on {} could be classified",
            counted(sample.comments, "comment"),
            counted(sample.videos, "video")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn comment(text: &str, commenter: Option<&str>, video: &str, country: Option<&str>) -> SampledComment {
        SampledComment {
            text: text.to_owned(),
            commenter_id: commenter.map(str::to_owned),
            video_id: video.to_owned(),
            commenter_country: country.map(str::to_owned),
        }
    }

    const ENGLISH: &str = "I tried this recipe last night and my whole family loved it";
    const GERMAN: &str = "ich habe das Rezept gestern ausprobiert und alle waren begeistert";
    const FRENCH: &str = "je regarde tes vidéos tous les soirs avant de dormir";

    #[test]
    fn wilson_interval_by_hand() {
        // 8 of 10: centre (0.8 + 1.9208 / 10) ÷ 1.38415 = 0.71674, half width 1.96 × √(0.016 + 0.0096037) ÷ 1.38415
        // = 0.22658, so 0.4902 to 0.9433 (the textbook value).
        let i = wilson_interval(8, 10).unwrap();
        assert!((i.low - 0.4902).abs() < 1e-4 && (i.high - 0.9433).abs() < 1e-4, "{i:?}");
        // 0 of 10: the upper bound is z² ÷ (n + z²) = 3.8415 ÷ 13.8415 = 0.2775, the lower one exactly 0.
        let i = wilson_interval(0, 10).unwrap();
        assert_eq!(i.low, 0.0);
        assert!((i.high - 0.27753).abs() < 1e-5, "{i:?}");
        assert_eq!(wilson_interval(10, 10).unwrap().high, 1.0);
        assert_eq!(wilson_interval(0, 0), None, "no trials, no interval");
        assert_eq!(wilson_interval(3, 2), None, "more successes than trials is not a share");
    }

    #[test]
    fn comments_are_read_or_skipped_for_a_reason() {
        let cases: [(&str, Reading); 12] = [
            ("", Reading::TooShort),
            ("lol", Reading::TooShort),
            ("\0\0\0 \0", Reading::TooShort),
            ("😍😍😍", Reading::MostlySymbols),
            ("👍🏽👍🏽 ok", Reading::TooShort),
            ("so cute 😍😍😍😍😍😍😍😍", Reading::MostlySymbols),
            ("!!!!!!", Reading::MostlySymbols),
            // 12 letters, but whatlang reads it as Danish with confidence 0.005.
            ("heart melting", Reading::NotReliable),
            (ENGLISH, Reading::Language { code: "en", letters: 48 }),
            (GERMAN, Reading::Language { code: "de", letters: 56 }),
            ("好可爱啊", Reading::Language { code: "zh", letters: 4 }),
            ("너무 귀여워요", Reading::Language { code: "ko", letters: 6 }),
        ];
        for (text, expected) in cases {
            assert_eq!(read_comment(text), expected, "reading {text:?}");
        }
        let with_nul = format!("{ENGLISH}\0\0");
        assert!(matches!(read_comment(&with_nul), Reading::Language { code: "en", .. }), "NUL bytes are ignored");
    }

    #[test]
    fn every_whatlang_language_has_a_two_letter_code() {
        let codes: HashSet<&str> = whatlang::Lang::all().iter().filter_map(|&l| iso_639_1(l)).collect();
        assert_eq!(codes.len(), whatlang::Lang::all().len(), "a language lost its code or two share one");
    }

    #[test]
    fn a_commenter_counts_once_by_their_most_frequent_language() {
        // "a" writes German twice and French once; "b" writes French once; "c" English once.
        let comments = [
            comment(GERMAN, Some("a"), "v1", None),
            comment(FRENCH, Some("a"), "v1", None),
            comment(GERMAN, Some("a"), "v2", None),
            comment(FRENCH, Some("b"), "v2", None),
            comment(ENGLISH, Some("c"), "v3", None),
        ];
        let e = estimate_audience(&comments);
        let shares: Vec<(&str, usize)> = e.languages.shares.iter().map(|s| (s.code.as_str(), s.commenters)).collect();
        // Equal counts are in code order.
        assert_eq!(shares, [("de", 1), ("en", 1), ("fr", 1)]);
        assert_eq!(e.languages.sample, SampleSize { comments: 5, commenters: 3, videos: 3 });
        assert_eq!(e.label, "estimate from 5 comments on 3 videos");
    }

    #[test]
    fn a_tie_goes_to_the_language_with_more_letters() {
        let comments = [
            comment("die Farbe von dieser Jacke steht dir wirklich sehr gut", Some("a"), "v1", None),
            comment(ENGLISH, Some("a"), "v1", None),
        ];
        // 45 German letters against 48 English ones.
        assert_eq!(estimate_audience(&comments).languages.shares[0].code, "en");
    }

    #[test]
    fn countries_come_from_profiles_once_per_commenter() {
        let comments = [
            comment("😍", Some("a"), "v1", Some("us")),
            comment(ENGLISH, Some("a"), "v1", Some("US")),
            comment(GERMAN, Some("b"), "v2", Some(" DE ")),
            comment(GERMAN, Some("c"), "v2", Some("UK")),
            comment(FRENCH, None, "v3", Some("FR")),
            comment(FRENCH, None, "v3", None),
        ];
        let e = estimate_audience(&comments);
        let shares: Vec<(&str, usize)> = e.countries.shares.iter().map(|s| (s.code.as_str(), s.commenters)).collect();
        // "UK" is not ISO 3166-1 (the United Kingdom is GB), so c has no country; the skipped emoji still gives one.
        assert_eq!(shares, [("DE", 1), ("FR", 1), ("US", 1)]);
        assert_eq!(e.countries.sample, SampleSize { comments: 4, commenters: 3, videos: 3 });
        assert_eq!(e.sample.commenters, 5, "a, b, c and two comments without a commenter");
        assert_eq!(e.sample.comments_without_commenter, 2);
        assert_eq!(e.languages.sample.commenters, 5);
    }

    #[test]
    fn nothing_to_classify_says_why() {
        let e = estimate_audience(&[]);
        assert_eq!(e.languages.unavailable, Some(Unavailable::NoAudienceData));
        assert_eq!(e.label, "no estimate: no comments");
        assert_eq!(e.to_profile(Utc::now()), None);
        let e = estimate_audience(&[comment("😍😍", Some("a"), "v1", None)]);
        assert_eq!(e.languages.unavailable, Some(Unavailable::NotEnoughData));
        assert_eq!(e.countries.unavailable, Some(Unavailable::NoAudienceData));
        assert_eq!(e.label, "no estimate: 0 of 1 comment on 1 video could be classified");
    }

    #[test]
    fn the_profile_carries_the_shares_and_the_sample() {
        let comments = [
            comment(ENGLISH, Some("a"), "v1", Some("GB")),
            comment(ENGLISH, Some("b"), "v1", None),
            comment(GERMAN, Some("c"), "v2", Some("DE")),
            comment(GERMAN, Some("c"), "v2", Some("DE")),
        ];
        let now = Utc::now();
        let profile = estimate_audience(&comments).to_profile(now).expect("a profile");
        assert_eq!(profile.source, ESTIMATE_SOURCE);
        assert_eq!(profile.captured_at, now);
        assert_eq!(profile.sample_size, Some(3), "three distinct commenters classified");
        assert_eq!(profile.languages, BTreeMap::from([("de".to_owned(), 1.0 / 3.0), ("en".to_owned(), 2.0 / 3.0)]));
        assert_eq!(profile.countries, BTreeMap::from([("DE".to_owned(), 0.5), ("GB".to_owned(), 0.5)]));
        assert_eq!(profile.validate(), Ok(()));
        // Only countries: the sample is theirs.
        let only_countries = [comment("😍", Some("a"), "v1", Some("GB"))];
        assert_eq!(estimate_audience(&only_countries).to_profile(now).unwrap().sample_size, Some(1));
    }

    #[test]
    fn reading_on_several_cores_keeps_every_comment_in_its_place() {
        // Long, short and emoji comments in an irregular order, enough to be read in parallel.
        let texts = [ENGLISH, "lol", GERMAN, "😍😍😍", FRENCH, "heart melting", "好可爱啊"];
        let comments: Vec<SampledComment> = (0..PARALLEL_FROM_COMMENTS * 3 + 1)
            .map(|i| comment(texts[(i * i + i / 3) % texts.len()], Some("a"), "v", None))
            .collect();
        let one_by_one: Vec<Reading> = comments.iter().map(|c| read_comment(&c.text)).collect();
        assert_eq!(read_comments(&comments), one_by_one);
    }

    #[test]
    fn the_formula_text_states_the_thresholds_in_force() {
        let text = ESTIMATE_LANGUAGE.text;
        for stated in [
            format!("≥ {MIN_LETTERS} letters"),
            format!("≥ {MIN_DENSE_CHARACTERS} Chinese"),
            format!("confidence is ≥ {MIN_CONFIDENCE}"),
        ] {
            assert!(text.contains(&stated), "fit.estimate.language.v1 should say {stated:?}: {text}");
        }
    }

    #[test]
    fn a_huge_comment_is_read_only_in_part() {
        let huge = format!("{ENGLISH} ").repeat(20_000);
        assert!(
            matches!(read_comment(&huge), Reading::Language { code: "en", letters } if letters < MAX_READ_CHARACTERS)
        );
    }

    proptest! {
        #[test]
        fn wilson_bounds_hold_the_share_within_0_and_1(n in 1usize..100_000, k_seed in any::<usize>()) {
            let k = k_seed % (n + 1);
            let i = wilson_interval(k, n).unwrap();
            let p = k as f64 / n as f64;
            prop_assert!(0.0 <= i.low && i.low <= p && p <= i.high && i.high <= 1.0, "{k}/{n}: {i:?}");
        }

        #[test]
        fn wilson_is_symmetric_under_swapping_successes_and_failures(n in 1usize..100_000, k_seed in any::<usize>()) {
            let k = k_seed % (n + 1);
            let (a, b) = (wilson_interval(k, n).unwrap(), wilson_interval(n - k, n).unwrap());
            prop_assert!((a.low - (1.0 - b.high)).abs() < 1e-12 && (a.high - (1.0 - b.low)).abs() < 1e-12, "{a:?} {b:?}");
        }

        #[test]
        fn wilson_narrows_as_the_sample_grows_at_a_fixed_share(n in 1usize..10_000, k_seed in any::<usize>(), m in 2usize..50) {
            let k = k_seed % (n + 1);
            let (small, large) = (wilson_interval(k, n).unwrap(), wilson_interval(k * m, n * m).unwrap());
            prop_assert!(large.high - large.low < small.high - small.low, "{k}/{n} {small:?} vs ×{m} {large:?}");
        }

        #[test]
        fn any_comments_give_a_consistent_estimate(
            raw in proptest::collection::vec(
                (any::<String>(), proptest::option::of("[a-e ]{0,2}"), "[a-c]", proptest::option::of("[A-Za-z ]{0,3}")),
                0..40,
            ),
        ) {
            let comments: Vec<SampledComment> = raw
                .into_iter()
                .map(|(text, commenter_id, video_id, commenter_country)| SampledComment { text, commenter_id, video_id, commenter_country })
                .collect();
            let e = estimate_audience(&comments);
            prop_assert_eq!(e.sample.comments_classified + e.sample.skipped.total(), comments.len());
            for breakdown in [&e.languages, &e.countries] {
                let total: usize = breakdown.shares.iter().map(|s| s.commenters).sum();
                prop_assert_eq!(total, breakdown.sample.commenters);
                prop_assert!(breakdown.sample.commenters <= e.sample.commenters);
                for s in &breakdown.shares {
                    prop_assert!(s.interval.low <= s.share && s.share <= s.interval.high);
                }
            }
            if let Some(profile) = e.to_profile(Utc::now()) {
                prop_assert_eq!(profile.validate(), Ok(()));
            }
        }
    }
}
