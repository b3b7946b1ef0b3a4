//! Finding creators: autocomplete over known creators merged with the source's user search, and
//! hashtag pulls cached so repeated looks do not spend the provider's quota.

use chrono::Utc;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zzyzx_sources::{SourceError, UserMatch};

use crate::http::problem::ApiError;
use crate::state::AppState;
use crate::store::{HashtagVideo, SearchHit};

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

/// Known creators whose handle or name starts with `query`, then the source's matches that are
/// not known yet, up to `limit` in all.
pub async fn search(
    state: &AppState,
    workspace_id: uuid::Uuid,
    query: &str,
    limit: usize,
) -> Result<Vec<Suggestion>, ApiError> {
    let prefix = query.trim().trim_start_matches('@').to_lowercase();
    let hits = state.store.search_creators(workspace_id, &prefix, limit as i64).await?;
    let mut suggestions: Vec<Suggestion> =
        hits.into_iter().map(|hit| Suggestion { hit: Some(hit), from_source: None }).collect();
    let Some(source) = state.source.as_ref().filter(|s| s.capabilities().user_search) else {
        return Ok(suggestions);
    };
    if suggestions.len() >= limit || prefix.chars().count() < 2 {
        return Ok(suggestions);
    }
    let matches = match state.user_search_cache.get(&prefix) {
        Some(matches) => matches,
        None => match source.search_users(&prefix, limit).await {
            Ok(matches) => {
                state.user_search_cache.put(prefix.clone(), matches.clone());
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

/// A hashtag as typed (`#Gym`, `gym`): lowercase, without `#`, letters, digits and `_`.
pub fn parse_hashtag(raw: &str) -> Result<String, ApiError> {
    let tag = raw.trim().trim_start_matches('#').to_lowercase();
    let valid = (1..=100).contains(&tag.chars().count()) && tag.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(ApiError::invalid_parameter(
            "tag",
            "must be a hashtag: 1 to 100 letters, digits or '_', with or without '#'",
        ));
    }
    Ok(tag)
}

pub struct HashtagPull {
    pub tag: String,
    pub source: &'static str,
    pub fetched_at: chrono::DateTime<Utc>,
    pub cached: bool,
    pub videos: Vec<HashtagVideo>,
}

/// The videos under `tag`: from the cache when fresh, else from the source.
pub async fn hashtag_videos(
    state: &AppState,
    workspace_id: uuid::Uuid,
    tag: String,
    max: usize,
) -> Result<HashtagPull, ApiError> {
    let source =
        state.source.as_ref().filter(|s| s.capabilities().hashtag_videos).ok_or(ApiError::SourceUnavailable(
            "No data source that can pull hashtags is configured (ZZYZX_SOURCE).",
        ))?;
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(state.hashtag_cache_ttl).unwrap_or_default();
    if let Some((fetched_at, videos)) = state.store.hashtag_pull(workspace_id, &tag).await?
        && now - fetched_at < ttl
    {
        let creator_ids: Vec<uuid::Uuid> = videos.iter().map(|v| v.creator.id).collect();
        state.store.remember_creators(workspace_id, &creator_ids, "hashtag", now).await?;
        return Ok(HashtagPull { tag, source: source.name(), fetched_at, cached: true, videos });
    }
    let fetched = source.hashtag_videos(&tag, max).await.map_err(source_error)?;
    let videos = state.store.store_hashtag_pull(workspace_id, &tag, source.name(), &fetched, now).await?;
    let creator_ids: Vec<uuid::Uuid> = videos.iter().map(|v| v.creator.id).collect();
    state.store.remember_creators(workspace_id, &creator_ids, "hashtag", now).await?;
    Ok(HashtagPull { tag, source: source.name(), fetched_at: now, cached: false, videos })
}

/// A provider failure during a request: the client learns it is upstream, not its own fault.
fn source_error(error: SourceError) -> ApiError {
    match error {
        SourceError::RateLimited { retry_after } => {
            ApiError::TooManyRequests { retry_after: retry_after.map_or(60, |d| d.as_secs().max(1)) }
        }
        other => {
            tracing::warn!(error = %other, "the data source failed during a request");
            ApiError::UpstreamFailed(other.to_string())
        }
    }
}
