//! Finding creators: autocomplete over known creators merged with the source's user search, and
//! hashtag pulls cached so repeated looks do not spend the provider's quota.

use chrono::Utc;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;
use zzyzx_sources::{Source, SourceError, UserMatch};

use super::analytics::{Analytics, Row};
use super::{Result, ServiceError};
use crate::domain::campaign::word_character;
use crate::domain::text::whitespace_class;
use crate::store::{HashtagVideo, SearchHit, Store};

/// Source search results, kept briefly: typing "may", "maya", "maya " repeats queries.
type SearchEntries = HashMap<String, (Instant, Vec<UserMatch>)>;

#[derive(Clone)]
pub struct UserSearchCache {
    ttl: Duration,
    entries: Arc<Mutex<SearchEntries>>,
}

impl UserSearchCache {
    pub fn new(ttl: Duration) -> Self {
        Self { ttl, entries: Arc::default() }
    }

    fn get(&self, query: &str) -> Option<Vec<UserMatch>> {
        let entries = self.entries.lock().ok()?;
        entries.get(query).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, matches)| matches.clone())
    }

    fn put(&self, query: String, matches: Vec<UserMatch>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 10_000 {
                entries.retain(|_, (at, _)| at.elapsed() < self.ttl);
            }
            entries.insert(query, (Instant::now(), matches));
        }
    }
}

/// One autocomplete suggestion.
pub struct Suggestion {
    pub hit: Option<SearchHit>,
    pub from_source: Option<UserMatch>,
}

/// What discovery needs: the store, the data source (if any) and the caches of its answers.
pub struct Discovery<'a> {
    pub store: &'a dyn Store,
    pub source: Option<&'a dyn Source>,
    pub search_cache: &'a UserSearchCache,
    /// How long a hashtag pull is reused before the source is asked again.
    pub hashtag_ttl: Duration,
}

impl Discovery<'_> {
    /// Known creators whose handle or name starts with `query`, then the source's matches that are
    /// not known yet, up to `limit` in all.
    pub async fn search(&self, workspace_id: Uuid, query: &str, limit: usize) -> Result<Vec<Suggestion>> {
        let prefix = query.trim().trim_start_matches('@').to_lowercase();
        let hits = self.store.search_creators(workspace_id, &prefix, limit as i64).await?;
        let mut suggestions: Vec<Suggestion> =
            hits.into_iter().map(|hit| Suggestion { hit: Some(hit), from_source: None }).collect();
        let Some(source) = self.source.filter(|s| s.capabilities().user_search) else {
            return Ok(suggestions);
        };
        if suggestions.len() >= limit || prefix.chars().count() < 2 {
            return Ok(suggestions);
        }
        let matches = match self.search_cache.get(&prefix) {
            Some(matches) => matches,
            None => match source.search_users(&prefix, limit).await {
                Ok(matches) => {
                    self.search_cache.put(prefix.clone(), matches.clone());
                    matches
                }
                // Autocomplete still answers with what zzyzx knows when the provider cannot.
                Err(error) => {
                    tracing::warn!(error = %error, "user search at the source failed");
                    Vec::new()
                }
            },
        };
        for found in matches {
            if suggestions.len() >= limit {
                break;
            }
            let known = suggestions.iter().any(|s| s.hit.as_ref().is_some_and(|h| h.handle == found.handle));
            if !known {
                suggestions.push(Suggestion { hit: None, from_source: Some(found) });
            }
        }
        Ok(suggestions)
    }
}

/// What [`parse_hashtag`] accepts, as a JSON Schema pattern (letters beyond Latin-1 aside: see
/// `word_character`).
pub const HASHTAG_PATTERN: &str =
    concat!("^", whitespace_class!(), "*#*", word_character!(), "{1,100}", whitespace_class!(), "*$");

/// A hashtag as typed (`#Gym`, `gym`): lowercase, without `#`, letters, digits and `_`.
pub fn parse_hashtag(raw: &str) -> Result<String> {
    let tag = raw.trim().trim_start_matches('#');
    let valid = (1..=100).contains(&tag.chars().count()) && tag.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(ServiceError::invalid_parameter(
            "tag",
            "must be a hashtag: 1 to 100 letters, digits or '_', with or without '#'",
        ));
    }
    Ok(tag.to_lowercase())
}

pub struct HashtagPull {
    pub tag: String,
    pub source: String,
    pub fetched_at: chrono::DateTime<Utc>,
    pub cached: bool,
    pub videos: Vec<HashtagVideo>,
    /// One per author, most views under the tag first.
    pub creators: Vec<HashtagCreator>,
}

/// An author of a hashtag pull: their dashboard row, and what the pull shows of them.
pub struct HashtagCreator {
    pub row: Row,
    pub tracked: bool,
    /// Their videos in the pull, and those videos' views together.
    pub videos_here: usize,
    pub views_here: i64,
    /// Followers as the pull's answer gave them, at `fetched_at`; the row's latest snapshot, when
    /// there is one, is the better count.
    pub pulled_followers: Option<i64>,
}

impl Discovery<'_> {
    /// The videos under `tag` and their creators: from the cache when fresh, else from the source.
    pub async fn hashtag_videos(&self, workspace_id: Uuid, tag: String, max: usize) -> Result<HashtagPull> {
        let source = self.source.filter(|s| s.capabilities().hashtag_videos).ok_or(ServiceError::SourceUnavailable(
            "No data source that can pull hashtags is configured (ZZYZX_SOURCE).",
        ))?;
        let now = Utc::now();
        let ttl = chrono::Duration::from_std(self.hashtag_ttl).unwrap_or_default();
        let (pull, cached) = match self.store.hashtag_pull(workspace_id, &tag).await? {
            Some(pull) if now - pull.fetched_at < ttl => (pull, true),
            _ => {
                let fetched = source.hashtag_videos(&tag, max).await.map_err(source_error)?;
                (self.store.store_hashtag_pull(workspace_id, &tag, source.name(), &fetched, now).await?, false)
            }
        };
        let mut creator_ids: Vec<Uuid> = pull.videos.iter().map(|v| v.creator.id).collect();
        self.store.remember_creators(workspace_id, &creator_ids, "hashtag", now).await?;
        // Most viewed first: the order of first appearance in the videos.
        let mut seen = std::collections::HashSet::new();
        creator_ids.retain(|id| seen.insert(*id));
        let rows = Analytics { store: self.store }.rows_of(workspace_id, &creator_ids).await?;
        let creators = rows
            .into_iter()
            .map(|row| {
                let here: Vec<&HashtagVideo> = pull.videos.iter().filter(|v| v.creator.id == row.creator.id).collect();
                HashtagCreator {
                    tracked: here.iter().any(|v| v.tracked),
                    videos_here: here.len(),
                    views_here: here.iter().map(|v| v.video.views).fold(0, i64::saturating_add),
                    pulled_followers: pull.author_followers.get(&row.creator.handle).copied(),
                    row,
                }
            })
            .collect();
        Ok(HashtagPull { tag, source: pull.source, fetched_at: pull.fetched_at, cached, videos: pull.videos, creators })
    }
}

/// A provider failure during a request: the client learns it is upstream, not its own fault.
fn source_error(error: SourceError) -> ServiceError {
    match error {
        SourceError::RateLimited { retry_after } => {
            ServiceError::TooManyRequests { retry_after: retry_after.map_or(60, |d| d.as_secs().max(1)) }
        }
        other => {
            tracing::warn!(error = %other, "the data source failed during a request");
            ServiceError::Upstream(other.to_string())
        }
    }
}
