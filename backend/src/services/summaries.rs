//! Kept dashboard rows: what a dashboard, the rising creators and discovery show of a creator,
//! computed when the creator's data changes and stored per workspace and creator
//! (`creator_summaries`), so that a view reads one row per creator instead of a month of
//! snapshots and three months of videos.
//!
//! A row is kept per workspace, not once per creator, because nearly every figure on it depends on
//! the workspace: its private (written or imported) points and connected account, its audience
//! profiles, its settings (viral multiple, follower ceiling) and its target audience (fit, content
//! signal). Each row carries the stamp it was computed under ([`SummaryStamp`]) and is used only
//! while that stamp is current, so a missed write can make a view slower, never wrong.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zzyzx_analytics::CreatorSummary as Summary;

use super::analytics::Row;
use crate::store::{Creator, Snapshot, StoredSummary, SummaryStamp, VideoResponse, WorkspaceDocuments};

/// The payload's version ([`crate::store::SUMMARY_SHAPE`]). Change it there with anything that
/// changes what a row holds or how its figures are computed: older rows are then recomputed as they
/// are read (or all at once by `zzyzx summaries rebuild`, which `migrate` runs when it finds any).
pub const SHAPE: i32 = crate::store::SUMMARY_SHAPE;

/// A kept row as the API shows it: a dashboard sends it on without reading it, after the fields
/// of the list's own item (see `http::lists::dashboard`).
#[derive(Serialize, Deserialize)]
struct Payload {
    latest: Option<Snapshot>,
    summary: Summary,
    sparkline: Vec<Option<i64>>,
    top_video: Option<VideoResponse>,
}

/// How every payload starts: a cheap check that a row sent on unread has this shape.
const PAYLOAD_START: &str = "{\"latest\":";

/// What a dashboard sorts and totals its rows by, kept beside each row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SortKeys {
    /// The latest snapshot's followers (totals add these up).
    pub latest_followers: Option<i64>,
    pub followers: Option<i64>,
    pub growth_7d: Option<f64>,
    pub growth_30d: Option<f64>,
    pub acceleration: Option<f64>,
    pub engagement: Option<f64>,
    pub outliers: usize,
    pub rising: bool,
    pub fit: Option<u8>,
    pub content_signal: Option<u8>,
}

impl SortKeys {
    pub fn of(row: &Row) -> Self {
        let s = &row.summary;
        Self {
            latest_followers: row.latest.as_ref().map(|latest| latest.followers),
            followers: s.followers,
            growth_7d: s.growth_7d.percent,
            growth_30d: s.growth_30d.percent,
            acceleration: s.acceleration,
            engagement: s.engagement_by_views.median_percent,
            outliers: s.outlier_count,
            rising: s.rising.rising,
            fit: s.fit_score,
            content_signal: s.content_signal,
        }
    }
}

/// A kept row read only as far as its sort keys; the rest stays JSON until someone needs it.
#[derive(Debug, Clone)]
pub struct KeptRow {
    pub keys: SortKeys,
    /// The row as the API shows it: `latest`, `summary`, `sparkline` and `top_video`, as JSON.
    pub payload: String,
}

impl KeptRow {
    /// The row of this creator in full, if it reads back.
    pub fn read(&self, creator: Creator) -> Option<Row> {
        let payload: Payload = serde_json::from_str(&self.payload)
            .inspect_err(
                |error| tracing::warn!(%error, creator_id = %creator.id, "a kept dashboard row does not read back"),
            )
            .ok()?;
        Some(Row {
            creator,
            latest: payload.latest,
            summary: payload.summary,
            sparkline: payload.sparkline,
            top_video: payload.top_video,
        })
    }
}

/// A hash of what a row depends on in the workspace's documents: its analytics settings and its
/// target audience (not its alert rules).
pub fn documents_key(documents: &WorkspaceDocuments) -> i64 {
    let mut hash = Sha256::new();
    for document in [&documents.analytics, &documents.target_audience] {
        hash.update(document.as_ref().map(|value| value.to_string()).unwrap_or_default());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

/// The stamp a row of this creator must carry to be current today.
pub fn current_stamp(creator: &Creator, today: NaiveDate, documents: i64) -> SummaryStamp {
    SummaryStamp { shape: SHAPE, data_version: creator.data_version, computed_on: today, documents }
}

pub fn keep(row: &Row, stamp: SummaryStamp) -> StoredSummary {
    let payload = Payload {
        latest: row.latest.clone(),
        summary: row.summary.clone(),
        sparkline: row.sparkline.clone(),
        top_video: row.top_video.clone(),
    };
    // Plain data with string keys: serialising it cannot fail.
    StoredSummary {
        creator_id: row.creator.id,
        stamp,
        sort_keys: serde_json::to_string(&SortKeys::of(row)).unwrap_or_default(),
        payload: serde_json::to_string(&payload).unwrap_or_default(),
        latest: serde_json::to_string(&row.latest).ok(),
    }
}

/// The kept row if its stamp is `current` and its keys read back. Of the payload only the ends are
/// checked; [`KeptRow::read`] reads the rest when a view needs it.
pub fn kept(kept: StoredSummary, current: SummaryStamp) -> Option<KeptRow> {
    if kept.stamp != current || !kept.payload.starts_with(PAYLOAD_START) || !kept.payload.ends_with('}') {
        return None;
    }
    let keys = serde_json::from_str(&kept.sort_keys)
        .inspect_err(
            |error| tracing::warn!(%error, creator_id = %kept.creator_id, "a kept row's sort keys do not read back"),
        )
        .ok()?;
    Some(KeptRow { keys, payload: kept.payload })
}
