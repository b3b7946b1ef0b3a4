//! Seeding campaigns: the pipeline's stages, what a creator's bio gives as a contact, when a
//! campaign post is checked again, and the rules that find posts (`rules`).

mod rules;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub(crate) use rules::word_character;
pub use rules::{
    CODE_PATTERN_PATTERN, Caption, DOMAIN_PATTERN, Evidence, HASHTAG_PATTERN, KEYWORD_PATTERN, MAX_RULES_PER_KIND,
    Matcher, MatcherSet, RuleKind, Rules,
};

/// Where a creator is in a campaign. The pipeline runs shortlisted → … → posted; `declined` and
/// `no_show` are its exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Shortlisted,
    Contacted,
    Agreed,
    Shipped,
    Delivered,
    Posted,
    Declined,
    NoShow,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Shortlisted,
        Stage::Contacted,
        Stage::Agreed,
        Stage::Shipped,
        Stage::Delivered,
        Stage::Posted,
        Stage::Declined,
        Stage::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Shortlisted => "shortlisted",
            Stage::Contacted => "contacted",
            Stage::Agreed => "agreed",
            Stage::Shipped => "shipped",
            Stage::Delivered => "delivered",
            Stage::Posted => "posted",
            Stage::Declined => "declined",
            Stage::NoShow => "no_show",
        }
    }

    pub fn parse(raw: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == raw)
    }

    /// The product has gone out (and no exit was taken since).
    pub fn has_shipped(self) -> bool {
        matches!(self, Stage::Shipped | Stage::Delivered | Stage::Posted)
    }

    /// The creator agreed to take part (and no exit was taken since): a fee is owed.
    pub fn has_agreed(self) -> bool {
        matches!(self, Stage::Agreed | Stage::Shipped | Stage::Delivered | Stage::Posted)
    }

    /// Stages a detected post moves forward to `posted`: before it, and not an exit.
    pub const BEFORE_POSTED: [Stage; 5] =
        [Stage::Shortlisted, Stage::Contacted, Stage::Agreed, Stage::Shipped, Stage::Delivered];
}

impl TryFrom<String> for Stage {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Stage::parse(&raw).ok_or_else(|| format!("unknown campaign stage {raw:?}"))
    }
}

/// How a campaign post is checked again: at about 1 h, 6 h and 24 h after it was posted, then
/// daily until day 30, then weekly until day 90, then never. The next check after `now`.
pub fn next_post_check(posted_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let early = [Duration::hours(1), Duration::hours(6), Duration::hours(24)];
    let daily = (2..=30).map(Duration::days);
    let weekly = (1..=8).map(|week| Duration::days(30 + 7 * week)).chain([Duration::days(90)]);
    early.into_iter().chain(daily).chain(weekly).map(|age| posted_at + age).find(|at| *at > now)
}

/// Contacts found in a bio: e-mail addresses first, then links, one per line.
pub fn contact_from_bio(bio: &str) -> String {
    let words = || bio.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '(' | ')' | '<' | '>'));
    let trim = |w: &str| w.trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '?' | '"' | '\'')).to_owned();
    let emails = words().map(trim).filter(|w| is_email(w));
    let links = words().map(trim).filter(|w| !is_email(w) && is_link(w));
    let mut found: Vec<String> = Vec::new();
    for contact in emails.chain(links) {
        if !found.contains(&contact) {
            found.push(contact);
        }
    }
    found.join("\n")
}

fn is_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else { return false };
    !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c)) && is_domain(domain)
}

fn is_link(word: &str) -> bool {
    let rest = word.strip_prefix("https://").or_else(|| word.strip_prefix("http://"));
    match rest {
        Some(rest) => is_domain(rest.split(['/', '?', '#']).next().unwrap_or_default()),
        None => word.starts_with("www.") && is_domain(word.split('/').next().unwrap_or_default()),
    }
}

fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_are_checked_densely_at_first_then_daily_then_weekly_then_never() {
        let posted = DateTime::parse_from_rfc3339("2026-06-01T12:00:00Z").unwrap().to_utc();
        let next = |age: Duration| next_post_check(posted, posted + age).map(|at| at - posted);
        assert_eq!(next(Duration::minutes(5)), Some(Duration::hours(1)));
        assert_eq!(next(Duration::hours(1)), Some(Duration::hours(6)));
        assert_eq!(next(Duration::hours(7)), Some(Duration::hours(24)));
        assert_eq!(next(Duration::hours(30)), Some(Duration::days(2)));
        assert_eq!(next(Duration::days(29) + Duration::hours(1)), Some(Duration::days(30)));
        assert_eq!(next(Duration::days(30)), Some(Duration::days(37)));
        assert_eq!(next(Duration::days(86)), Some(Duration::days(90)));
        assert_eq!(next(Duration::days(90)), None);
        // A post found late is checked at the next point of its schedule, not from the start.
        assert_eq!(next(Duration::days(45)), Some(Duration::days(51)));
        let checks = (0..100 * 24).filter_map(|h| next(Duration::hours(h))).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(checks.len(), 3 + 29 + 9, "1 h, 6 h, 24 h; days 2–30; eight weeks and day 90");
    }

    #[test]
    fn a_bio_gives_its_emails_then_its_links() {
        let bio =
            "LA ☀️ fits | collabs: Mia.Fits+pr@example.com (dm ok) www.miafits.shop https://linktr.ee/miafits. @other";
        assert_eq!(contact_from_bio(bio), "Mia.Fits+pr@example.com\nwww.miafits.shop\nhttps://linktr.ee/miafits");
        assert_eq!(contact_from_bio("no contact, just vibes @me"), "");
        assert_eq!(contact_from_bio("mail: a@b"), "");
    }

    #[test]
    fn stages_round_trip_and_know_their_place() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        assert!(Stage::Delivered.has_shipped() && !Stage::Declined.has_shipped());
        assert!(Stage::Agreed.has_agreed() && !Stage::Contacted.has_agreed());
    }
}
