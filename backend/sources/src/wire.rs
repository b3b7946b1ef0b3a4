//! Defensive decoding of provider JSON (the parsing rules of the sources reference, §8): ids as
//! string or number and never through `f64`, counts as number or numeric string and never
//! negative or absurd, flags as bool or 0/1, cursors passed back unchanged. Plus the small
//! normalisations every client applies the same way (handles, hashtags, share URLs, timestamps).

use crate::{SourceError, Video};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Integers up to 2^53 survive a trip through `f64`; a count sent as `1.2e3` is only believed
/// below that.
const EXACT_F64_LIMIT: f64 = 9_007_199_254_740_992.0;

/// A count as the provider sent it. Decoding never fails: an invalid value is kept with its
/// reason, so it fails the call only if it is actually used (TikTok has sent an overflowed
/// `stats.heart` next to an exact `statsV2.heartCount`, and the exact one should win).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Count {
    Valid(i64),
    Invalid(String),
}

impl Count {
    pub(crate) fn from_json(value: &Value) -> Count {
        let parsed = match value {
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    count_from_u64(u)
                } else if let Some(i) = n.as_i64() {
                    count_from_i64(i)
                } else {
                    count_from_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => parse_count(s),
            other => Err(format!("expected a count, got {}", kind(other))),
        };
        match parsed {
            Ok(n) => Count::Valid(n),
            Err(reason) => Count::Invalid(reason),
        }
    }

    /// The value, or a `BadPayload` naming the field.
    pub(crate) fn get(&self, field: &str) -> Result<i64, SourceError> {
        match self {
            Count::Valid(n) => Ok(*n),
            Count::Invalid(reason) => Err(SourceError::BadPayload(format!("{field}: {reason}"))),
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Count::from_json(&Value::deserialize(deserializer)?))
    }
}

/// Reads a count sent as a string (`statsV2` sends them so). Only plain digits: no sign, no
/// decimals, no "1.2M".
pub(crate) fn parse_count(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if text.starts_with('-') && text.len() > 1 && text[1..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("negative count {text}"));
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("not a count: {:?}", crate::http::clip(text)));
    }
    match text.parse::<u64>() {
        Ok(n) => count_from_u64(n),
        Err(_) => Err(format!("absurd count {}", crate::http::clip(text))),
    }
}

fn count_from_u64(n: u64) -> Result<i64, String> {
    i64::try_from(n).map_err(|_| format!("absurd count {n}"))
}

fn count_from_i64(n: i64) -> Result<i64, String> {
    if n < 0 { Err(format!("negative count {n}")) } else { Ok(n) }
}

fn count_from_f64(n: f64) -> Result<i64, String> {
    if n.is_nan() || n < 0.0 {
        Err(format!("negative or invalid count {n}"))
    } else if n.fract() != 0.0 {
        Err(format!("fractional count {n}"))
    } else if n >= EXACT_F64_LIMIT {
        Err(format!("absurd count {n}"))
    } else {
        // In range and integral: the conversion is exact.
        Ok(n as i64)
    }
}

/// An id (user, video, hashtag) as a string, whether sent as a string or an integer. Video ids
/// pass 2^53, so a floating-point number is refused rather than rounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Id {
    Valid(String),
    Invalid(String),
}

impl Id {
    pub(crate) fn from_json(value: &Value) -> Id {
        match value {
            Value::String(s) if !s.trim().is_empty() => Id::Valid(s.trim().to_string()),
            Value::Number(n) if n.is_u64() => Id::Valid(n.to_string()),
            Value::Number(n) if n.is_i64() => Id::Invalid(format!("negative id {n}")),
            Value::Number(n) => Id::Invalid(format!("id {n} is not an integer (precision lost)")),
            other => Id::Invalid(format!("expected an id, got {}", kind(other))),
        }
    }

    pub(crate) fn get(&self, field: &str) -> Result<&str, SourceError> {
        match self {
            Id::Valid(id) => Ok(id),
            Id::Invalid(reason) => Err(SourceError::BadPayload(format!("{field}: {reason}"))),
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Id::from_json(&Value::deserialize(deserializer)?))
    }
}

/// A yes/no flag sent as a bool, 0/1 or their string forms (TikTok's web search uses
/// `has_more: 1`). Anything else fails the decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let flag = match &value {
            Value::Bool(b) => Some(*b),
            Value::Null => Some(false),
            Value::Number(n) => match n.as_u64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Value::String(s) => match s.trim() {
                "true" | "1" => Some(true),
                "false" | "0" | "" => Some(false),
                _ => None,
            },
            _ => None,
        };
        flag.map(Flag).ok_or_else(|| serde::de::Error::custom(format!("expected a flag, got {value}")))
    }
}

/// Whether an optional flag is set.
pub(crate) fn is_set(flag: Option<Flag>) -> bool {
    flag.is_some_and(|f| f.0)
}

/// A paging cursor, kept exactly as sent (number or string) so it goes back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cursor(Value);

impl Cursor {
    /// The cursor as a query-string value. `serde_json` prints integers exactly.
    pub(crate) fn as_query(&self) -> String {
        match &self.0 {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// The cursor as a JSON body value, unchanged.
    pub(crate) fn as_json(&self) -> &Value {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Cursor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        match &value {
            Value::Number(n) if n.is_u64() || n.is_i64() => Ok(Cursor(value)),
            Value::String(_) => Ok(Cursor(value)),
            _ => Err(serde::de::Error::custom(format!("expected a cursor, got {value}"))),
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Decodes a JSON value into a wire type; a mismatch is the provider's fault.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(value: Value, what: &str) -> Result<T, SourceError> {
    serde_json::from_value(value).map_err(|e| SourceError::BadPayload(format!("unexpected {what} shape: {e}")))
}

/// The canonical form of a handle: lowercase, without `@` or surrounding space.
pub(crate) fn canonical_handle(handle: &str) -> String {
    handle.trim().trim_start_matches('@').trim().to_lowercase()
}

/// A hashtag as stored: lowercase, without `#`.
pub(crate) fn canonical_tag(tag: &str) -> String {
    tag.trim().trim_start_matches('#').trim().to_lowercase()
}

/// Hashtags lowercased, without `#`, empty ones dropped, first occurrence kept.
pub(crate) fn hashtags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = canonical_tag(tag);
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// A video's hashtags: the ones the source lists, or, when it lists none, the caption's own `#tags`
/// ([`caption_hashtags`]), so a caption with tags never leaves them empty.
pub(crate) fn video_hashtags<'a>(listed: impl IntoIterator<Item = &'a str>, caption: &str) -> Vec<String> {
    let listed = hashtags(listed);
    if !listed.is_empty() {
        return listed;
    }
    hashtags(caption_hashtags(caption).iter().map(String::as_str))
}

/// Hashtags written into a caption (`#tag`), in order. A tag runs until whitespace, another `#`
/// or `@`, or ASCII punctuation other than `_`; letters of any script and emoji are kept, as TikTok
/// keeps them.
pub(crate) fn caption_hashtags(caption: &str) -> Vec<String> {
    caption
        .split('#')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| !c.is_whitespace() && *c != '@' && (*c == '_' || !c.is_ascii_punctuation()))
                .collect::<String>()
        })
        .filter(|tag| !tag.is_empty())
        .collect()
}

/// Provider text fit to store: NUL characters removed (PostgreSQL refuses them in text, and TikTok
/// has sent names padded with them), and empty text as `None`.
pub(crate) fn text(value: Option<String>) -> Option<String> {
    let value = value?;
    let value = if value.contains('\0') { value.replace('\0', "") } else { value };
    (!value.is_empty()).then_some(value)
}

/// Milliseconds to whole seconds, to the nearest second.
pub(crate) fn millis_to_seconds(millis: i64) -> i64 {
    millis / 1000 + i64::from(millis % 1000 >= 500)
}

pub(crate) fn share_url(handle: &str, video_id: &str) -> String {
    format!("https://www.tiktok.com/@{handle}/video/{video_id}")
}

/// Newest first (ties by id, so the order is stable), at most `max`.
pub(crate) fn newest_first(mut videos: Vec<Video>, max: usize) -> Vec<Video> {
    videos.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then_with(|| b.platform_id.cmp(&a.platform_id)));
    videos.truncate(max);
    videos
}

/// A two-letter country code, upper case; anything else is no code.
pub(crate) fn country_code(raw: Option<&str>) -> Option<String> {
    let code = raw?.trim();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())).then(|| code.to_ascii_uppercase())
}

/// A Unix-seconds timestamp, when it is one chrono can represent.
pub(crate) fn unix_seconds(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn counts_accept_numbers_and_numeric_strings() {
        for (input, expected) in [
            (json!(0), 0),
            (json!(284113), 284113),
            (json!("284113"), 284113),
            (json!(" 42 "), 42),
            (json!(1200.0), 1200),
            (json!(i64::MAX), i64::MAX),
            (json!(i64::MAX.to_string()), i64::MAX),
        ] {
            assert_eq!(Count::from_json(&input), Count::Valid(expected), "{input}");
        }
    }

    #[test]
    fn counts_refuse_negative_absurd_and_non_numeric_values() {
        for input in [
            json!(-1),
            json!(-2147483648),
            json!("-5"),
            json!(9223372036854775808u64),
            json!("9223372036854775808"),
            json!("99999999999999999999999"),
            json!(1e300),
            json!(12.5),
            json!("1.2M"),
            json!(""),
            json!(true),
            json!(null),
            json!([1]),
            json!({"n": 1}),
        ] {
            assert!(matches!(Count::from_json(&input), Count::Invalid(_)), "{input} should be invalid");
        }
    }

    #[test]
    fn invalid_counts_name_their_field() {
        let err = Count::from_json(&json!(-3)).get("followerCount").unwrap_err();
        assert_eq!(err, SourceError::BadPayload("followerCount: negative count -3".into()));
    }

    #[test]
    fn ids_keep_every_digit() {
        assert_eq!(Id::from_json(&json!(7468123456789012345u64)), Id::Valid("7468123456789012345".into()));
        assert_eq!(Id::from_json(&json!("7468123456789012345")), Id::Valid("7468123456789012345".into()));
        assert!(matches!(Id::from_json(&json!(7.468123456789012e18)), Id::Invalid(_)));
        assert!(matches!(Id::from_json(&json!(-1)), Id::Invalid(_)));
        assert!(matches!(Id::from_json(&json!("  ")), Id::Invalid(_)));
    }

    #[test]
    fn flags_accept_bools_and_zero_one() {
        for (input, expected) in
            [(json!(true), true), (json!(false), false), (json!(1), true), (json!(0), false), (json!("1"), true)]
        {
            assert_eq!(serde_json::from_value::<Flag>(input.clone()).ok(), Some(Flag(expected)), "{input}");
        }
        assert!(serde_json::from_value::<Flag>(json!(2)).is_err());
        assert!(serde_json::from_value::<Flag>(json!("maybe")).is_err());
    }

    #[test]
    fn cursors_go_back_unchanged() {
        let number: Cursor = serde_json::from_value(json!(1739000000000u64)).unwrap();
        assert_eq!(number.as_query(), "1739000000000");
        assert_eq!(number.as_json(), &json!(1739000000000u64));
        let text: Cursor = serde_json::from_value(json!("30")).unwrap();
        assert_eq!(text.as_query(), "30");
        assert!(serde_json::from_value::<Cursor>(json!(1.5)).is_err());
    }

    #[test]
    fn a_caption_supplies_the_hashtags_only_when_the_source_lists_none() {
        let caption = "Fit check #OOTD #streetwear,#Café_Crème and #ootd again; not#a_tag? # alone #";
        assert_eq!(video_hashtags([], caption), ["ootd", "streetwear", "café_crème", "a_tag"]);
        assert_eq!(video_hashtags(["gym"], caption), ["gym"], "listed tags win");
        assert_eq!(video_hashtags([""], "#one"), ["one"], "an empty listed tag is no tag");
        assert!(video_hashtags([], "no tags here, 100% sure").is_empty());
        assert!(video_hashtags([], "").is_empty());
    }

    #[test]
    fn hashtags_are_lowercased_and_deduplicated() {
        assert_eq!(hashtags(["Sourdough", "#sourdough", "", "BreadTok", " #fyp "]), ["sourdough", "breadtok", "fyp"]);
        assert_eq!(canonical_handle(" @MayaBakes "), "mayabakes");
    }

    #[test]
    fn caption_hashtags_end_at_spaces_punctuation_and_mentions() {
        assert_eq!(
            caption_hashtags("day 3 #sourdough #BreadTok, with @maya#fypシ #🍞 # #so_good! #"),
            ["sourdough", "BreadTok", "fypシ", "🍞", "so_good"]
        );
        assert!(caption_hashtags("no tags here").is_empty());
    }

    #[test]
    fn text_drops_nul_characters_and_empty_values() {
        assert_eq!(text(Some("maya\0\0 bakes\0".into())).as_deref(), Some("maya bakes"));
        assert_eq!(text(Some("\0\0".into())), None);
        assert_eq!(text(Some(String::new())), None);
        assert_eq!(text(None), None);
    }

    #[test]
    fn country_codes_are_two_letters() {
        assert_eq!(country_code(Some(" mx ")).as_deref(), Some("MX"));
        assert_eq!(country_code(Some("USA")), None);
        assert_eq!(country_code(Some("1A")), None);
        assert_eq!(country_code(Some("")), None);
        assert_eq!(country_code(None), None);
    }

    #[test]
    fn milliseconds_round_to_the_nearest_second() {
        assert_eq!(millis_to_seconds(89_131), 89);
        assert_eq!(millis_to_seconds(173_675), 174);
        assert_eq!(millis_to_seconds(499), 0);
        assert_eq!(millis_to_seconds(500), 1);
        assert_eq!(millis_to_seconds(0), 0);
    }

    proptest! {
        #[test]
        fn caption_hashtags_never_panic(caption in ".*") {
            let _ = caption_hashtags(&caption);
        }

        #[test]
        fn parse_count_never_panics(text in ".*") {
            let _ = parse_count(&text);
        }

        #[test]
        fn parse_count_rejects_every_negative(n in i64::MIN..0) {
            prop_assert!(parse_count(&n.to_string()).is_err());
            prop_assert!(matches!(Count::from_json(&json!(n)), Count::Invalid(_)));
        }

        #[test]
        fn parse_count_accepts_every_valid_count(n in 0..=i64::MAX) {
            prop_assert_eq!(parse_count(&n.to_string()), Ok(n));
            prop_assert_eq!(Count::from_json(&json!(n)), Count::Valid(n));
        }

        #[test]
        fn parse_count_rejects_everything_past_i64(n in (i64::MAX as u64 + 1)..=u64::MAX) {
            prop_assert!(parse_count(&n.to_string()).is_err());
            prop_assert!(matches!(Count::from_json(&json!(n)), Count::Invalid(_)));
        }
    }
}
