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
use crate::store::{Creator, Snapshot, StoredSummary, SummaryStamp, VideoRow, WorkspaceDocuments};

/// The payload's version. Change it with anything that changes what a row holds or how its
/// figures are computed: older rows are then recomputed as they are read (or all at once by
/// `zzyzx summaries rebuild`, which `migrate` runs when it finds any).
pub const SHAPE: i32 = 2;

#[derive(Serialize, Deserialize)]
struct Payload {
    latest: Option<Snapshot>,
    summary: Summary,
    sparkline: Vec<Option<i64>>,
    top_video: Option<VideoRow>,
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
    StoredSummary {
        creator_id: row.creator.id,
        stamp,
        // Plain data with string keys: serialising it cannot fail.
        payload: serde_json::to_string(&payload).unwrap_or_default(),
    }
}

/// The kept row, if its stamp is `current` and it reads back.
pub fn read(creator: &Creator, kept: StoredSummary, current: SummaryStamp) -> Option<Row> {
    if kept.stamp != current {
        return None;
    }
    let payload: Payload = serde_json::from_str(&kept.payload)
        .inspect_err(
            |error| tracing::warn!(%error, creator_id = %creator.id, "a kept dashboard row does not read back"),
        )
        .ok()?;
    Some(Row {
        creator: creator.clone(),
        latest: payload.latest,
        summary: payload.summary,
        sparkline: payload.sparkline,
        top_video: payload.top_video,
    })
}
