//! Metric history a workspace writes itself: CSV imports, all-or-nothing or partial. The points
//! are private to the workspace (see `store::creators`).

use chrono::Utc;
use uuid::Uuid;

use super::analytics::Analytics;
use super::{Result, ServiceError, Violation};
use crate::domain::{Handle, MetricPoint};
use crate::import::metrics as csv;
use crate::store::{SnapshotSource, Store};

/// Bad rows reported back at most.
const REPORTED_ERRORS: usize = 100;

pub struct MetricImport {
    pub rows_written: u64,
    pub creators_created: u64,
    pub rows_rejected: usize,
    /// The first rejected rows, by line.
    pub errors: Vec<Violation>,
}

/// Imports `handle,captured_at,followers,following,likes,videos` rows, creating unknown creators.
/// With `partial`, good rows are written and bad ones reported; without, any bad row rejects the
/// whole file and nothing is written.
pub async fn import(
    store: &dyn Store,
    workspace_id: Uuid,
    file: impl AsRef<[u8]> + Send + 'static,
    partial: bool,
) -> Result<MetricImport> {
    let now = Utc::now();
    // Parsing 100,000 rows takes a while: off the async workers.
    let parsed = tokio::task::spawn_blocking(move || csv::parse_csv(file.as_ref(), now, |_| {}))
        .await
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("import parsing failed: {e}")))?;
    let rejected = parsed.errors.len();
    let errors: Vec<Violation> =
        parsed.errors.iter().take(REPORTED_ERRORS).map(|e| Violation::line(e.line, &e.message)).collect();
    if rejected > 0 && !partial {
        return Err(ServiceError::ImportRejected { errors, total: rejected });
    }
    let summary = store.import_snapshots(workspace_id, &parsed.rows, SnapshotSource::Import, now).await?;
    keep_imported_rows(store, workspace_id, &parsed.rows).await;
    Ok(MetricImport {
        rows_written: summary.rows_written,
        creators_created: summary.creators_created,
        rows_rejected: rejected,
        errors,
    })
}

/// Recomputes the dashboard rows of the creators an import wrote to.
pub async fn keep_imported_rows(store: &dyn Store, workspace_id: Uuid, rows: &[(Handle, MetricPoint)]) {
    let mut handles: Vec<String> = rows.iter().map(|(handle, _)| handle.as_ref().to_owned()).collect();
    handles.sort_unstable();
    handles.dedup();
    match store.known_creator_ids(workspace_id, &handles).await {
        Ok(ids) => {
            let ids: Vec<Uuid> = ids.into_values().collect();
            Analytics { store }.keep_rows_logged(&ids).await;
        }
        Err(error) => tracing::warn!(error = ?error, "finding the imported creators failed"),
    }
}
