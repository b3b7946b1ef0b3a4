//! A campaign's detection rules and how a video's caption is checked against them. Every match
//! carries its evidence: which rule, the rule's pattern, and the text of the caption it matched.
//!
//! - an @mention of the brand's handle, as a whole handle;
//! - a hashtag, case-insensitive, from the video's hashtags or a `#tag` in the caption;
//! - a keyword or phrase, case- and accent-insensitive, on word boundaries;
//! - a link domain, itself or any subdomain;
//! - a discount-code pattern, a whole code where `*` stands for any letters or digits.
//!
//! A rule that would match nearly every caption (empty, one or two characters) is refused.

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use utoipa::ToSchema;

use crate::domain::Handle;
use crate::domain::text::whitespace_class;

/// Rules of each kind a campaign may have.
pub const MAX_RULES_PER_KIND: usize = 50;
/// Shortest keyword, hashtag literal or code literal: anything shorter matches too much.
pub const MIN_PATTERN_CHARS: usize = 3;
const MAX_PATTERN_CHARS: usize = 100;

/// A character `is_word_char` takes, as a regex class for JSON Schema patterns; beyond Latin-1 it
/// also lets through what is neither whitespace nor a letter or digit, since letters of every
/// script cannot be spelled in a pattern every engine reads alike (`\p{L}` is not one), so the
/// x-rule notes say the rest.
macro_rules! word_character {
    () => {
        r"[^\s\x00-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\xA9\xAB-\xB1\xB4\xB6-\xB8\xBB\xBF\xD7\xF7]"
    };
}
pub(crate) use word_character;

/// The same for `is_alphanumeric` (`_` left out).
macro_rules! alphanumeric_character {
    () => {
        r"[^\s\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\xA9\xAB-\xB1\xB4\xB6-\xB8\xBB\xBF\xD7\xF7]"
    };
}

/// What each kind of rule accepts, as JSON Schema patterns for the OpenAPI document.
pub const HASHTAG_PATTERN: &str =
    concat!("^", whitespace_class!(), "*#*", word_character!(), "{3,100}", whitespace_class!(), "*$");
pub const KEYWORD_PATTERN: &str = concat!(alphanumeric_character!(), r"(?:[\s\S]*", alphanumeric_character!(), "){2}");
pub const DOMAIN_PATTERN: &str = concat!(
    "^",
    whitespace_class!(),
    r"*(?:[Hh][Tt][Tt][Pp][Ss]?://)?(?:[Ww][Ww][Ww]\.)?",
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?:[/?#][\s\S]*)?",
    whitespace_class!(),
    "*$"
);
pub const CODE_PATTERN_PATTERN: &str =
    concat!("^", whitespace_class!(), r"*(?:\**[A-Za-z0-9_-]){3}[A-Za-z0-9_*-]*", whitespace_class!(), "*$");

/// What a campaign looks for in its creators' captions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// The brand's TikTok handle: a caption that @mentions it matches. Blank means none.
    #[schema(example = "sunnyco", max_length = 200, format = "handle-or-blank")]
    pub brand_handle: Option<String>,
    /// Hashtags with or without `#`, case-insensitive; 3 to 100 letters, digits or `_`. At most 50.
    #[schema(example = json!(["sunnyco", "sunnycopartner"]), max_items = 50, format = "rule-hashtag")]
    pub hashtags: Vec<String>,
    /// Words or phrases, case- and accent-insensitive, matched on word boundaries; at least 3 letters or
    /// digits, at most 100 characters. At most 50.
    #[schema(example = json!(["sunny co", "gifted by sunny"]), max_items = 50, max_length = 100, format = "keyword")]
    pub keywords: Vec<String>,
    /// Domains such as `sunny.example` (a URL is cut to its host, `www.` dropped); subdomains match
    /// too. At most 50.
    #[schema(example = json!(["sunny.example"]), max_items = 50, format = "domain")]
    pub link_domains: Vec<String>,
    /// Discount codes, letters, digits, `-` and `_`, where `*` stands for any run of them; at least 3 other
    /// characters, at most 100 in all. At most 50.
    #[schema(example = json!(["SUNNY*"]), max_items = 50, max_length = 100, format = "code-pattern")]
    pub code_patterns: Vec<String>,
}

/// The kind of rule a post matched (or `manual`: attached by hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    Mention,
    Hashtag,
    Keyword,
    Link,
    Code,
    Manual,
}

impl RuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Mention => "mention",
            RuleKind::Hashtag => "hashtag",
            RuleKind::Keyword => "keyword",
            RuleKind::Link => "link",
            RuleKind::Code => "code",
            RuleKind::Manual => "manual",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Mention, Self::Hashtag, Self::Keyword, Self::Link, Self::Code, Self::Manual]
            .into_iter()
            .find(|kind| kind.as_str() == raw)
    }
}

/// Why a video counts as a campaign post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Evidence {
    pub rule: RuleKind,
    /// The rule as the campaign states it.
    #[schema(example = "#sunnyco")]
    pub pattern: String,
    /// The text of the caption that matched, as written there.
    #[schema(example = "#SunnyCo")]
    pub matched: String,
}

impl Rules {
    /// The rules in canonical form (trimmed, `#`/`@` dropped, lowercase where case does not
    /// matter, repeats removed), or every problem as (JSON pointer under `/rules`, message).
    pub fn normalized(self) -> Result<Rules, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let mut fail = |pointer: String, message: &str| errors.push((format!("/rules/{pointer}"), message.to_owned()));
        let brand_handle = match self.brand_handle.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
            None => None,
            Some(raw) => match Handle::parse(raw) {
                Ok(handle) => Some(handle.as_ref().to_owned()),
                Err(error) => {
                    fail("brand_handle".into(), &error.to_string());
                    None
                }
            },
        };
        let mut kind = |name: &str, values: Vec<String>, canonical: &dyn Fn(&str) -> Result<String, &'static str>| {
            if values.len() > MAX_RULES_PER_KIND {
                fail(name.into(), "must have at most 50 entries");
                return Vec::new();
            }
            let mut out: Vec<String> = Vec::new();
            for (i, value) in values.iter().enumerate() {
                match canonical(value) {
                    Ok(value) if !out.contains(&value) => out.push(value),
                    Ok(_) => {}
                    Err(message) => fail(format!("{name}/{i}"), message),
                }
            }
            out
        };
        let hashtags = kind("hashtags", self.hashtags, &canonical_hashtag);
        let keywords = kind("keywords", self.keywords, &canonical_keyword);
        let link_domains = kind("link_domains", self.link_domains, &canonical_domain);
        let code_patterns = kind("code_patterns", self.code_patterns, &canonical_code);
        if errors.is_empty() {
            Ok(Rules { brand_handle, hashtags, keywords, link_domains, code_patterns })
        } else {
            Err(errors)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.brand_handle.is_none()
            && self.hashtags.is_empty()
            && self.keywords.is_empty()
            && self.link_domains.is_empty()
            && self.code_patterns.is_empty()
    }

    /// The first rule the caption matches, in the order mention, hashtag, keyword, link, code.
    /// `hashtags` are the video's own (lowercase, without `#`). Rules must be [`normalized`].
    /// To check many captions, compile the rules once with [`Matcher::new`].
    pub fn first_match(&self, caption: &str, hashtags: &[String]) -> Option<Evidence> {
        Matcher::new(self).first_match(&Caption::new(caption, hashtags))
    }
}

/// A caption folded once for matching against any number of rule sets.
pub struct Caption<'a> {
    /// The caption folded, as text: what [`MatcherSet::screen`] reads.
    screen: String,
    /// The caption folded with where each character came from: made when a rule set that may
    /// match first asks.
    folded: OnceCell<Folded<'a>>,
    /// The video's hashtags, folded.
    hashtags: Vec<String>,
    /// The caption's code-like words, with their uppercase form: made when a rule first asks.
    codes: OnceCell<Vec<(&'a str, String)>>,
    text: &'a str,
}

impl<'a> Caption<'a> {
    pub fn new(text: &'a str, hashtags: &[String]) -> Self {
        let hashtags = hashtags.iter().map(|t| fold(t)).collect();
        let folded = OnceCell::new();
        let screen =
            if text.is_ascii() { fold_ascii(text) } else { folded.get_or_init(|| Folded::new(text)).text.clone() };
        Caption { screen, folded, hashtags, codes: OnceCell::new(), text }
    }

    fn folded(&self) -> &Folded<'a> {
        self.folded.get_or_init(|| Folded::new(self.text))
    }

    /// The first whole code-like word that `pattern` matches.
    fn find_code(&self, pattern: &str) -> Option<&'a str> {
        let codes = self.codes.get_or_init(|| {
            self.text
                .split(|c: char| !is_code_char(c))
                .filter(|token| !token.is_empty() && token.len() <= MAX_PATTERN_CHARS)
                .map(|token| (token, token.to_ascii_uppercase()))
                .collect()
        });
        codes.iter().find(|(_, upper)| glob_matches(pattern.as_bytes(), upper.as_bytes())).map(|(token, _)| *token)
    }
}

/// A pattern folded as captions are, also kept as text for a quick first search.
#[derive(Debug)]
struct Needle {
    chars: Vec<char>,
    text: String,
}

impl Needle {
    fn new(folded: String) -> Self {
        Needle { chars: folded.chars().collect(), text: folded }
    }
}

/// Rules with their patterns folded once: (pattern as shown, folded needle).
#[derive(Debug)]
pub struct Matcher {
    mention: Option<(String, Needle)>,
    hashtags: Vec<(String, Needle, String)>,
    keywords: Vec<(String, Needle)>,
    link_domains: Vec<(String, Needle)>,
    code_patterns: Vec<String>,
}

impl Matcher {
    pub fn new(rules: &Rules) -> Self {
        Matcher {
            mention: rules.brand_handle.as_ref().map(|h| (format!("@{h}"), Needle::new(format!("@{h}")))),
            hashtags: rules
                .hashtags
                .iter()
                .map(|tag| (format!("#{tag}"), Needle::new(format!("#{}", fold(tag))), fold(tag)))
                .collect(),
            keywords: rules.keywords.iter().map(|k| (k.clone(), Needle::new(fold(k)))).collect(),
            link_domains: rules.link_domains.iter().map(|d| (d.clone(), Needle::new(d.clone()))).collect(),
            code_patterns: rules.code_patterns.clone(),
        }
    }

    pub fn first_match(&self, caption: &Caption) -> Option<Evidence> {
        let evidence = |rule, pattern: &str, matched: &str| {
            Some(Evidence { rule, pattern: pattern.to_owned(), matched: matched.to_owned() })
        };
        let folded = caption.folded();
        if let Some((pattern, needle)) = &self.mention
            && let Some(found) = folded.find(needle, is_handle_char)
        {
            return evidence(RuleKind::Mention, pattern, found);
        }
        for (pattern, needle, tag) in &self.hashtags {
            if let Some(found) = folded.find(needle, is_word_char) {
                return evidence(RuleKind::Hashtag, pattern, found);
            }
            if caption.hashtags.contains(tag) {
                return evidence(RuleKind::Hashtag, pattern, pattern);
            }
        }
        for (pattern, needle) in &self.keywords {
            if let Some(found) = folded.find_word(needle) {
                return evidence(RuleKind::Keyword, pattern, found);
            }
        }
        for (domain, needle) in &self.link_domains {
            if let Some(found) = folded.find_domain(needle) {
                return evidence(RuleKind::Link, domain, found);
            }
        }
        for pattern in &self.code_patterns {
            if let Some(found) = caption.find_code(pattern) {
                return evidence(RuleKind::Code, pattern, found);
            }
        }
        None
    }
}

/// Many rule sets compiled together, so that one pass over a caption tells which of them may
/// match it: most captions match none, and only the sets it names are checked in full.
pub struct MatcherSet {
    matchers: Vec<Matcher>,
    /// Every folded pattern of every set (a code pattern by its longest run without `*`), or
    /// `None` if they could not be compiled, when every set is checked.
    patterns: Option<AhoCorasick>,
    /// The set each pattern comes from.
    owners: Vec<usize>,
    /// The sets that name each hashtag (folded), for a video's own hashtags.
    hashtags: HashMap<String, Vec<usize>>,
}

impl MatcherSet {
    pub fn new<'r>(rules: impl IntoIterator<Item = &'r Rules>) -> Self {
        let matchers: Vec<Matcher> = rules.into_iter().map(Matcher::new).collect();
        let mut texts: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        let mut hashtags: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, m) in matchers.iter().enumerate() {
            let needles = m.mention.iter().map(|(_, needle)| needle);
            let needles = needles.chain(m.hashtags.iter().map(|(_, needle, _)| needle));
            let needles = needles.chain(m.keywords.iter().chain(&m.link_domains).map(|(_, needle)| needle));
            let codes = m.code_patterns.iter().filter_map(|p| p.split('*').max_by_key(|run| run.len()));
            for text in needles.map(|needle| needle.text.clone()).chain(codes.map(str::to_ascii_lowercase)) {
                texts.push(text);
                owners.push(n);
            }
            for (_, _, tag) in &m.hashtags {
                hashtags.entry(tag.clone()).or_default().push(n);
            }
        }
        let patterns = AhoCorasick::new(&texts).ok();
        MatcherSet { matchers, patterns, owners, hashtags }
    }

    pub fn matcher(&self, n: usize) -> &Matcher {
        &self.matchers[n]
    }

    /// Which sets may match `caption`: every one that does ([`Matcher::first_match`]), and
    /// some that do not.
    pub fn screen(&self, caption: &Caption) -> Vec<bool> {
        let Some(patterns) = &self.patterns else { return vec![true; self.matchers.len()] };
        let mut may = vec![false; self.matchers.len()];
        for found in patterns.find_overlapping_iter(&caption.screen) {
            may[self.owners[found.pattern().as_usize()]] = true;
        }
        for tag in &caption.hashtags {
            for &n in self.hashtags.get(tag).into_iter().flatten() {
                may[n] = true;
            }
        }
        may
    }
}

impl std::fmt::Debug for MatcherSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatcherSet").field("matchers", &self.matchers).finish_non_exhaustive()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// [`fold`] for ASCII text, without the bookkeeping of where each character came from.
fn fold_ascii(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            if !folded.ends_with(' ') {
                folded.push(' ');
            }
        } else {
            folded.push(c.to_ascii_lowercase());
        }
    }
    folded
}

/// Lowercase, without accents, with runs of whitespace as one space.
fn fold(text: &str) -> String {
    Folded::new(text).chars.into_iter().collect()
}

/// Checked as typed, then lowercased (which may lengthen it: `İ` becomes `i̇`).
fn canonical_hashtag(raw: &str) -> Result<String, &'static str> {
    let tag = raw.trim().trim_start_matches('#');
    if tag.chars().count() < MIN_PATTERN_CHARS || tag.chars().count() > MAX_PATTERN_CHARS {
        return Err("must be a hashtag of 3 to 100 characters");
    }
    if !tag.chars().all(is_word_char) {
        return Err("must be one hashtag: letters, digits and '_' only");
    }
    Ok(tag.to_lowercase())
}

fn canonical_keyword(raw: &str) -> Result<String, &'static str> {
    let keyword = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let letters = keyword.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < MIN_PATTERN_CHARS || raw.chars().count() > MAX_PATTERN_CHARS {
        return Err("must be a word or phrase with at least 3 letters or digits, at most 100 characters");
    }
    Ok(keyword)
}

fn canonical_domain(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim().to_ascii_lowercase();
    let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://")).unwrap_or(&raw);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let valid = labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if valid { Ok(host.to_owned()) } else { Err("must be a domain such as shop.example.com") }
}

fn canonical_code(raw: &str) -> Result<String, &'static str> {
    let code = raw.trim().to_ascii_uppercase();
    if raw.chars().count() > MAX_PATTERN_CHARS || !code.chars().all(|c| is_code_char(c) || c == '*') {
        return Err("must be a code of letters, digits, '-' and '_', with '*' for any run of them");
    }
    if code.chars().filter(|c| *c != '*').count() < MIN_PATTERN_CHARS {
        return Err("must have at least 3 characters other than '*'");
    }
    Ok(code)
}

/// Whether `code` (uppercase) matches `pattern`, where `*` matches any run of characters.
fn glob_matches(pattern: &[u8], code: &[u8]) -> bool {
    match pattern.split_first() {
        None => code.is_empty(),
        Some((b'*', rest)) => (0..=code.len()).any(|skip| glob_matches(rest, &code[skip..])),
        Some((p, rest)) => code.split_first().is_some_and(|(c, code)| c == p && glob_matches(rest, code)),
    }
}

/// A caption folded for matching (lowercase, accents dropped, whitespace runs as one space),
/// remembering where each folded character came from in the original.
struct Folded<'a> {
    original: &'a str,
    chars: Vec<char>,
    /// `chars` as text, for a quick first search.
    text: String,
    /// Byte range in `original` of each folded character.
    spans: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    fn new(original: &'a str) -> Self {
        let mut chars = Vec::with_capacity(original.len());
        let mut spans = Vec::with_capacity(original.len());
        for (start, c) in original.char_indices() {
            let end = start + c.len_utf8();
            if c.is_whitespace() {
                if chars.last() != Some(&' ') {
                    chars.push(' ');
                    spans.push((start, end));
                }
                continue;
            }
            if c.is_ascii() {
                chars.push(c.to_ascii_lowercase());
                spans.push((start, end));
                continue;
            }
            for folded in c.nfkd().filter(|d| !is_combining_mark(*d)).flat_map(char::to_lowercase) {
                chars.push(folded);
                spans.push((start, end));
            }
        }
        let text = chars.iter().collect();
        Folded { original, chars, text, spans }
    }

    fn excerpt(&self, from: usize, to: usize) -> &'a str {
        &self.original[self.spans[from].0..self.spans[to - 1].1]
    }

    /// The first occurrence of `needle` not followed by a character for which `continues` holds.
    fn find(&self, needle: &Needle, continues: impl Fn(char) -> bool) -> Option<&'a str> {
        let length = needle.chars.len();
        self.positions(needle)
            .find(|&at| self.chars.get(at + length).is_none_or(|c| !continues(*c)))
            .map(|at| self.excerpt(at, at + length))
    }

    /// The first occurrence of `needle` as whole words.
    fn find_word(&self, needle: &Needle) -> Option<&'a str> {
        let length = needle.chars.len();
        self.positions(needle)
            .find(|&at| {
                let before = at.checked_sub(1).and_then(|i| self.chars.get(i));
                let after = self.chars.get(at + length);
                before.is_none_or(|c| !is_word_char(*c)) && after.is_none_or(|c| !is_word_char(*c))
            })
            .map(|at| self.excerpt(at, at + length))
    }

    /// `domain` itself or a subdomain, not part of a longer name (`notsunny.example`,
    /// `sunny.example.org`).
    fn find_domain(&self, domain: &Needle) -> Option<&'a str> {
        let length = domain.chars.len();
        let label_char = |c: &char| c.is_ascii_alphanumeric() || *c == '-';
        self.positions(domain)
            .find(|&at| {
                let before = at.checked_sub(1).and_then(|i| self.chars.get(i));
                let end = at + length;
                let after = self.chars.get(end);
                let continues_name = match after {
                    Some('.') => self.chars.get(end + 1).is_some_and(label_char),
                    Some(c) => label_char(c),
                    None => false,
                };
                before.is_none_or(|c| !label_char(c)) && !continues_name
            })
            .map(|at| self.excerpt(at, at + length))
    }

    /// Where `needle` starts in the folded caption. Most captions do not hold it at all, which a
    /// search of the text finds fastest.
    fn positions<'n>(&'n self, needle: &'n Needle) -> impl Iterator<Item = usize> + 'n {
        let held = !needle.text.is_empty() && self.text.contains(&needle.text);
        let needle = &needle.chars;
        let last = self.chars.len().checked_sub(needle.len()).filter(|_| held);
        (0..=last.unwrap_or(0))
            .filter(move |_| last.is_some())
            .filter(move |&at| self.chars[at] == needle[0] && self.chars[at..at + needle.len()] == *needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_character_classes_take_every_letter_and_digit_and_refuse_latin_1_punctuation() {
        let word = regex::Regex::new(&format!("^{}$", word_character!())).unwrap();
        let alphanumeric = regex::Regex::new(&format!("^{}$", alphanumeric_character!())).unwrap();
        let beyond_latin_1 = ['ß', 'ǅ', 'ʰ', 'Ω', 'ж', 'ع', '١', '日', 'ー', 'Ⅻ', '①', '—', '€', '😀'];
        for c in (char::MIN..='\u{ff}').chain(beyond_latin_1) {
            let (is_word, is_alphanumeric) = (word.is_match(&c.to_string()), alphanumeric.is_match(&c.to_string()));
            if c <= '\u{ff}' {
                assert_eq!(is_word, is_word_char(c), "{c:?}");
                assert_eq!(is_alphanumeric, c.is_alphanumeric(), "{c:?}");
            } else {
                assert!(is_word || !is_word_char(c), "{c:?} is a word character the pattern refuses");
                assert!(is_alphanumeric || !c.is_alphanumeric(), "{c:?} is alphanumeric but the pattern refuses it");
            }
        }
    }

    fn rules(json: &str) -> Rules {
        serde_json::from_str::<Rules>(json).unwrap().normalized().unwrap()
    }

    fn matched(rules: &Rules, caption: &str) -> Option<(RuleKind, String)> {
        rules.first_match(caption, &[]).map(|e| (e.rule, e.matched))
    }

    #[test]
    fn a_mention_must_be_the_whole_handle() {
        let r = rules(r#"{"brand_handle": "@SunnyCo"}"#);
        assert_eq!(r.brand_handle.as_deref(), Some("sunnyco"));
        assert_eq!(matched(&r, "Thanks @SunnyCo!"), Some((RuleKind::Mention, "@SunnyCo".into())));
        assert_eq!(matched(&r, "love @sunnyco.official"), None);
        assert_eq!(matched(&r, "love @sunnycoats"), None);
        assert_eq!(matched(&r, "sunnyco without the at"), None);
    }

    #[test]
    fn hashtags_match_in_the_caption_or_the_videos_tags_in_any_case() {
        let r = rules(r##"{"hashtags": ["#SunnyCo"]}"##);
        assert_eq!(r.hashtags, vec!["sunnyco"]);
        assert_eq!(matched(&r, "new fit #SUNNYCO #ootd"), Some((RuleKind::Hashtag, "#SUNNYCO".into())));
        assert_eq!(matched(&r, "#sunnycoast trip"), None);
        let evidence = r.first_match("no tags in text", &["sunnyco".into()]).unwrap();
        assert_eq!((evidence.rule, evidence.matched.as_str()), (RuleKind::Hashtag, "#sunnyco"));
    }

    #[test]
    fn keywords_ignore_case_and_accents_on_word_boundaries() {
        let r = rules(r#"{"keywords": ["Café  Soleil", "gifted"]}"#);
        assert_eq!(r.keywords, vec!["Café Soleil", "gifted"]);
        assert_eq!(matched(&r, "my CAFE\nsoleil haul"), Some((RuleKind::Keyword, "CAFE\nsoleil".into())));
        assert_eq!(matched(&r, "café soleils"), None);
        assert_eq!(matched(&r, "this was Gifted 🎁"), Some((RuleKind::Keyword, "Gifted".into())));
        assert_eq!(matched(&r, "regifted"), None);
    }

    #[test]
    fn links_match_the_domain_and_its_subdomains_only() {
        let r = rules(r#"{"link_domains": ["https://www.Sunny.example/shop"]}"#);
        assert_eq!(r.link_domains, vec!["sunny.example"]);
        assert_eq!(matched(&r, "shop at sunny.example/kit."), Some((RuleKind::Link, "sunny.example".into())));
        assert_eq!(matched(&r, "https://eu.sunny.example"), Some((RuleKind::Link, "sunny.example".into())));
        assert_eq!(matched(&r, "see notsunny.example"), None);
        assert_eq!(matched(&r, "see sunny.example.org"), None);
    }

    #[test]
    fn code_patterns_match_whole_codes_with_wildcards() {
        let r = rules(r#"{"code_patterns": ["sunny*", "ZZ-10"]}"#);
        assert_eq!(r.code_patterns, vec!["SUNNY*", "ZZ-10"]);
        assert_eq!(matched(&r, "use code sunnyMIA for 10%"), Some((RuleKind::Code, "sunnyMIA".into())));
        assert_eq!(matched(&r, "code ZZ-10!"), Some((RuleKind::Code, "ZZ-10".into())));
        assert_eq!(matched(&r, "code ZZ-100"), None);
        assert_eq!(matched(&r, "nothing here"), None);
    }

    #[test]
    fn rules_that_would_match_everything_are_refused_with_their_place() {
        let raw: Rules = serde_json::from_str(
            r##"{"brand_handle": "no spaces", "hashtags": ["#"], "keywords": ["", "a", " ok "],
                "link_domains": ["localhost"], "code_patterns": ["**", "A*B"]}"##,
        )
        .unwrap();
        let errors = raw.normalized().unwrap_err();
        let pointers: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/rules/brand_handle",
                "/rules/hashtags/0",
                "/rules/keywords/0",
                "/rules/keywords/1",
                "/rules/keywords/2",
                "/rules/link_domains/0",
                "/rules/code_patterns/0",
                "/rules/code_patterns/1",
            ]
        );
    }

    #[test]
    fn no_rules_match_nothing_and_repeats_are_dropped() {
        assert!(Rules::default().normalized().unwrap().is_empty());
        assert_eq!(matched(&Rules::default(), "@anyone #anything"), None);
        let r = rules(r##"{"hashtags": ["Sunny", "sunny", "#SUNNY"]}"##);
        assert_eq!(r.hashtags, vec!["sunny"]);
    }

    #[test]
    fn a_screen_names_every_rule_set_that_matches_a_caption_and_passes_over_the_rest() {
        let sets = [
            rules(r#"{"brand_handle": "@SunnyCo"}"#),
            rules(r##"{"hashtags": ["#SunnyCo", "linen_love"]}"##),
            rules(r#"{"keywords": ["Café  Soleil", "gifted"]}"#),
            rules(r#"{"link_domains": ["https://www.Sunny.example/shop"]}"#),
            rules(r#"{"code_patterns": ["sunny*", "Z*Z-10"]}"#),
            rules(r##"{"brand_handle": "moon", "keywords": ["straße"], "code_patterns": ["*MOON"]}"##),
        ];
        let screen = MatcherSet::new(&sets);
        let captions: [(&str, &[&str]); 12] = [
            ("Thanks @SunnyCo!", &[]),
            ("new fit #SUNNYCO #ootd", &[]),
            ("no tags in text", &["SunnyCo"]),
            ("#Linen_Love  day", &[]),
            ("my CAFE\nsoleil haul", &[]),
            ("my café\t\tSOLEIL haul", &[]),
            ("this was Gifted 🎁", &[]),
            ("https://eu.sunny.example", &[]),
            ("use code sunnyMIA for 10%", &[]),
            ("code ZaZ-10!", &[]),
            ("STRASSE straße @MOON and fullmoon", &[]),
            ("İstanbul ﬁ ǅ \u{0000} 🎉", &["ǅ"]),
        ];
        for (caption, tags) in captions {
            let tags: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
            let may = screen.screen(&Caption::new(caption, &tags));
            let matching: Vec<usize> =
                (0..sets.len()).filter(|&n| sets[n].first_match(caption, &tags).is_some()).collect();
            assert!(matching.iter().all(|&n| may[n]), "{caption:?}: {matching:?} match, screened {may:?}");
            assert!(!matching.is_empty() || caption.starts_with('İ'), "{caption:?} matches some set");
        }
        assert_eq!(screen.screen(&Caption::new("a quiet day at the beach #ootd", &["ootd".into()])), [false; 6]);
    }

    #[test]
    fn ascii_captions_fold_the_same_the_short_way() {
        for text in ["", " ", "Hello\t\tWORLD \n x\u{b} y  ", "MiXeD  @Case #Tag\r\n", "a\u{c}b"] {
            assert!(text.is_ascii());
            assert_eq!(fold_ascii(text), fold(text), "{text:?}");
        }
    }

    #[test]
    fn odd_captions_do_not_panic() {
        let r = rules(
            r##"{"brand_handle": "sunnyco", "hashtags": ["sunny"], "keywords": ["straße"], "link_domains": ["sunny.example"], "code_patterns": ["SUN*"]}"##,
        );
        for caption in ["", "@", "#", "ﬁ ǅ İstanbul \u{0000} 🎉🎉", "STRASSE", "ß", "sunny.", "x".repeat(5000).as_str()]
        {
            let _ = r.first_match(caption, &[]);
        }
    }
}
