//! The two documents a workspace keeps for analytics: its assumptions (`Settings`) and its
//! target audience. Both are read with defaults until saved, and validated before they are saved.

use chrono::Utc;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;
use zzyzx_analytics::{Settings, TargetAudience};

use super::{Result, ServiceError, Violation};
use crate::store::{Store, WorkspaceDocuments};

/// A document a workspace keeps: where it is stored and what makes it valid.
pub trait WorkspaceDocument: Serialize + DeserializeOwned + Default + Send + Sync {
    /// Its stored JSON, if it was ever saved.
    fn stored(documents: &WorkspaceDocuments) -> Option<&serde_json::Value>;
    /// Every invalid field as (JSON Pointer, message).
    fn problems(&self) -> Result<(), Vec<(String, String)>>;
    fn save(
        store: &dyn Store,
        workspace_id: Uuid,
        value: &serde_json::Value,
    ) -> impl Future<Output = crate::store::Result<()>> + Send;
}

impl WorkspaceDocument for Settings {
    fn stored(documents: &WorkspaceDocuments) -> Option<&serde_json::Value> {
        documents.analytics.as_ref()
    }

    fn problems(&self) -> Result<(), Vec<(String, String)>> {
        self.validate()
    }

    async fn save(store: &dyn Store, workspace_id: Uuid, value: &serde_json::Value) -> crate::store::Result<()> {
        store.put_analytics_settings(workspace_id, value, Utc::now()).await
    }
}

impl WorkspaceDocument for TargetAudience {
    fn stored(documents: &WorkspaceDocuments) -> Option<&serde_json::Value> {
        documents.target_audience.as_ref()
    }

    fn problems(&self) -> Result<(), Vec<(String, String)>> {
        self.validate()
    }

    async fn save(store: &dyn Store, workspace_id: Uuid, value: &serde_json::Value) -> crate::store::Result<()> {
        store.put_target_audience(workspace_id, value, Utc::now()).await
    }
}

/// The document as saved, or its default when nothing was saved (or what was saved no longer
/// parses, after its shape changed).
pub fn read<D: WorkspaceDocument>(documents: &WorkspaceDocuments) -> D {
    D::stored(documents).and_then(|value| serde_json::from_value(value.clone()).ok()).unwrap_or_default()
}

pub async fn get<D: WorkspaceDocument>(store: &dyn Store, workspace_id: Uuid) -> Result<D> {
    Ok(read(&store.workspace_documents(workspace_id).await?))
}

/// Validates and replaces the document.
pub async fn put<D: WorkspaceDocument>(store: &dyn Store, workspace_id: Uuid, document: D) -> Result<D> {
    document.problems().map_err(|problems| {
        ServiceError::Invalid(problems.into_iter().map(|(pointer, detail)| Violation::body(pointer, detail)).collect())
    })?;
    let value = serde_json::to_value(&document).map_err(|e| ServiceError::Unexpected(e.into()))?;
    D::save(store, workspace_id, &value).await?;
    Ok(document)
}
