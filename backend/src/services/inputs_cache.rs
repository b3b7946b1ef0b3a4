//! What dashboards and discovery read of each creator (a month of snapshots, three months of
//! videos), kept in memory per workspace and creator with the creator's `data_version`.
//!
//! Reading and parsing those rows is nearly all of a dashboard's cost (measured: a 500-creator
//! dashboard spent 79 of its 80 ms there). Every write of a creator's snapshots or videos bumps
//! `data_version` in its own transaction, and a dashboard reads the versions with its list
//! anyway, so an entry is used only while its version is current: numbers stay exact, and
//! instances sharing one database need not tell each other anything.

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

use crate::store::{CreatorInputs, SnapshotTuple, VideoFacts};

/// Entries kept (about 8 KB each for a creator with a month of daily snapshots and 30 videos).
const CAPACITY: usize = 5_000;

struct Entry {
    version: i64,
    /// The windows the entry was read with: it answers for any window inside them.
    snapshots_since: DateTime<Utc>,
    videos_since: DateTime<Utc>,
    inputs: Arc<CreatorInputs>,
}

#[derive(Clone, Default)]
pub struct InputsCache(Arc<Mutex<HashMap<(Uuid, Uuid), Entry>>>);

/// A creator's inputs narrowed to a window, without copying them.
pub struct Window {
    inputs: Arc<CreatorInputs>,
    snapshots_from: usize,
    videos_to: usize,
}

impl Window {
    pub fn new(inputs: Arc<CreatorInputs>, snapshots_since: DateTime<Utc>, videos_since: DateTime<Utc>) -> Self {
        let snapshots_from = inputs.snapshots.partition_point(|point| point.0 < snapshots_since);
        let videos_to = inputs.videos.partition_point(|video| video.posted_at >= videos_since);
        Self { inputs, snapshots_from, videos_to }
    }

    /// Ascending by time.
    pub fn snapshots(&self) -> &[SnapshotTuple] {
        &self.inputs.snapshots[self.snapshots_from..]
    }

    /// Newest first.
    pub fn videos(&self) -> &[VideoFacts] {
        &self.inputs.videos[..self.videos_to]
    }
}

impl InputsCache {
    /// Whether a scope this large is worth keeping (a workspace-wide discovery over 100,000
    /// creators is not).
    pub fn fits(&self, creators: usize) -> bool {
        creators <= CAPACITY / 2
    }

    /// The entry for this creator if it is current and covers the windows.
    pub fn get(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        version: i64,
        snapshots_since: DateTime<Utc>,
        videos_since: DateTime<Utc>,
    ) -> Option<Arc<CreatorInputs>> {
        let entries = self.0.lock().ok()?;
        let entry = entries.get(&(workspace_id, creator_id))?;
        let covers = entry.snapshots_since <= snapshots_since && entry.videos_since <= videos_since;
        (entry.version == version && covers).then(|| entry.inputs.clone())
    }

    pub fn put(
        &self,
        workspace_id: Uuid,
        creator_id: Uuid,
        version: i64,
        snapshots_since: DateTime<Utc>,
        videos_since: DateTime<Utc>,
        inputs: Arc<CreatorInputs>,
    ) {
        let Ok(mut entries) = self.0.lock() else { return };
        if entries.len() >= CAPACITY && !entries.contains_key(&(workspace_id, creator_id)) {
            entries.clear();
        }
        entries.insert((workspace_id, creator_id), Entry { version, snapshots_since, videos_since, inputs });
    }

    /// Forgets everything (when full; and for measuring the uncached path).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.0.lock() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn inputs(now: DateTime<Utc>) -> CreatorInputs {
        let video = |days: i64| VideoFacts {
            platform_id: format!("v{days}"),
            posted_at: now - Duration::days(days),
            views: 1,
            likes: 0,
            comments: 0,
            shares: 0,
            saves: None,
            hashtags: vec![],
            region: None,
        };
        CreatorInputs {
            snapshots: (0..5).rev().map(|days| (now - Duration::days(days), 10 - days, 0, 0, 0)).collect(),
            videos: vec![video(1), video(3), video(6)],
        }
    }

    #[test]
    fn a_window_keeps_what_a_fresh_read_would() {
        let now = Utc::now();
        let window = Window::new(Arc::new(inputs(now)), now - Duration::days(2), now - Duration::days(4));
        assert_eq!(window.snapshots().iter().map(|p| p.1).collect::<Vec<_>>(), vec![8, 9, 10]);
        assert_eq!(window.videos().iter().map(|v| v.platform_id.as_str()).collect::<Vec<_>>(), vec!["v1", "v3"]);
    }

    #[test]
    fn entries_answer_only_for_their_version_and_windows() {
        let cache = InputsCache::default();
        let (workspace, creator, now) = (Uuid::new_v4(), Uuid::new_v4(), Utc::now());
        let (snapshots_since, videos_since) = (now - Duration::days(32), now - Duration::days(90));
        cache.put(workspace, creator, 7, snapshots_since, videos_since, Arc::new(inputs(now)));
        assert!(cache.get(workspace, creator, 7, snapshots_since, videos_since).is_some());
        assert!(cache.get(workspace, creator, 7, now - Duration::days(31), now).is_some(), "a narrower window");
        assert!(cache.get(workspace, creator, 8, snapshots_since, videos_since).is_none(), "a newer version");
        assert!(cache.get(workspace, creator, 7, now - Duration::days(40), videos_since).is_none(), "a wider window");
        assert!(cache.get(Uuid::new_v4(), creator, 7, snapshots_since, videos_since).is_none(), "another workspace");
    }
}
