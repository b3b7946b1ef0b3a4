//! Kept dashboard rows.

use chrono::NaiveDate;

use super::analytics::push_scope;
use super::lists::{ITEM_COLUMNS, ItemColumns};
use super::*;

const SUMMARY_COLUMNS: &str =
    "cs.creator_id, cs.shape, cs.data_version, cs.computed_on, cs.documents, cs.sort_keys, cs.payload, cs.latest";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    creator_id: Uuid,
    #[sqlx(flatten)]
    stamp: SummaryStamp,
    sort_keys: String,
    payload: String,
    latest: Option<String>,
}

impl From<SummaryRow> for StoredSummary {
    fn from(row: SummaryRow) -> Self {
        let SummaryRow { creator_id, stamp, sort_keys, payload, latest } = row;
        StoredSummary { creator_id, stamp, sort_keys, payload, latest }
    }
}

/// A list item with its creator and, when kept, the creator's row (columns `summary_*`).
#[derive(sqlx::FromRow)]
struct ItemSummaryRow {
    #[sqlx(flatten)]
    item: ItemColumns,
    summary_shape: Option<i32>,
    summary_data_version: Option<i64>,
    summary_computed_on: Option<NaiveDate>,
    summary_documents: Option<i64>,
    summary_sort_keys: Option<String>,
    summary_payload: Option<String>,
    summary_latest: Option<String>,
}

impl ItemSummaryRow {
    fn split(self) -> (ListItem, Option<StoredSummary>) {
        let summary = match (
            self.summary_shape,
            self.summary_data_version,
            self.summary_computed_on,
            self.summary_documents,
            self.summary_sort_keys,
            self.summary_payload,
        ) {
            (Some(shape), Some(data_version), Some(computed_on), Some(documents), Some(sort_keys), Some(payload)) => {
                Some(StoredSummary {
                    creator_id: self.item.creator.id,
                    stamp: SummaryStamp { shape, data_version, computed_on, documents },
                    sort_keys,
                    payload,
                    latest: self.summary_latest,
                })
            }
            _ => None,
        };
        (self.item.into_item(None), summary)
    }
}

#[async_trait]
impl SummaryStore for SqlStore {
    async fn list_items_with_summaries(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
    ) -> Result<Vec<(ListItem, Option<StoredSummary>)>> {
        let rows = sqlx::query_as::<_, ItemSummaryRow>(&format!(
            "select {ITEM_COLUMNS}, {CREATOR_COLUMNS}, cs.shape as summary_shape, cs.data_version as summary_data_version, \
                    cs.computed_on as summary_computed_on, cs.documents as summary_documents, \
                    cs.sort_keys as summary_sort_keys, cs.payload as summary_payload, cs.latest as summary_latest \
             from list_items i \
             join lists l on l.id = i.list_id \
             join creators c on c.id = i.creator_id \
             left join creator_summaries cs on cs.workspace_id = $1 and cs.creator_id = i.creator_id \
             where l.workspace_id = $1 and i.list_id = $2"
        ))
        .bind(workspace_id)
        .bind(list_id)
        .fetch_all(&self.pool)
        .await?;
        // Ordered here: PostgreSQL would sort the joined rows, kept rows of a kilobyte or more and
        // all, which cost it a fifth of the read.
        let mut rows: Vec<_> = rows.into_iter().map(ItemSummaryRow::split).collect();
        rows.sort_by_key(|(item, _)| item.position);
        Ok(rows)
    }

    async fn summaries(&self, workspace_id: Uuid, scope: CreatorScope) -> Result<HashMap<Uuid, StoredSummary>> {
        let mut query = QueryBuilder::<Db>::new(format!(
            "select {SUMMARY_COLUMNS} from creator_summaries cs where cs.workspace_id = "
        ));
        query.push_bind(workspace_id).push(" and ");
        push_scope(&mut query, "cs.creator_id", workspace_id, &scope);
        let rows = query.build_query_as::<SummaryRow>().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|row| (row.creator_id, row.into())).collect())
    }

    async fn put_summaries(&self, workspace_id: Uuid, rows: &[StoredSummary], now: DateTime<Utc>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        // A few kilobytes each: keep statements small.
        for chunk in rows.chunks(100) {
            let mut insert = QueryBuilder::<Db>::new(
                "insert into creator_summaries \
                 (workspace_id, creator_id, shape, data_version, computed_on, documents, computed_at, sort_keys, \
                 payload, latest) ",
            );
            insert.push_values(chunk, |mut row, summary| {
                row.push_bind(workspace_id)
                    .push_bind(summary.creator_id)
                    .push_bind(summary.stamp.shape)
                    .push_bind(summary.stamp.data_version)
                    .push_bind(summary.stamp.computed_on)
                    .push_bind(summary.stamp.documents)
                    .push_bind(now)
                    .push_bind(summary.sort_keys.clone())
                    .push_bind(summary.payload.clone())
                    .push_bind(summary.latest.clone());
            });
            insert.push(
                " on conflict (workspace_id, creator_id) do update set shape = excluded.shape, \
                 data_version = excluded.data_version, computed_on = excluded.computed_on, \
                 documents = excluded.documents, computed_at = excluded.computed_at, sort_keys = excluded.sort_keys, \
                 payload = excluded.payload, latest = excluded.latest \
                 where creator_summaries.data_version <= excluded.data_version",
            );
            insert.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn summary_workspaces(&self, creator_ids: &[Uuid]) -> Result<Vec<(Uuid, Vec<Uuid>)>> {
        let mut by_workspace: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for chunk in creator_ids.chunks(ROWS_PER_INSERT) {
            let mut query =
                QueryBuilder::<Db>::new("select workspace_id, creator_id from workspace_creators where creator_id in ");
            push_ids(&mut query, chunk);
            for (workspace_id, creator_id) in query.build_query_as::<(Uuid, Uuid)>().fetch_all(&self.pool).await? {
                by_workspace.entry(workspace_id).or_default().push(creator_id);
            }
        }
        let mut workspaces: Vec<(Uuid, Vec<Uuid>)> = by_workspace.into_iter().collect();
        workspaces.sort_unstable_by_key(|(workspace_id, _)| *workspace_id);
        Ok(workspaces)
    }

    async fn summary_keys(&self, after: Option<(Uuid, Uuid)>, limit: i64) -> Result<Vec<(Uuid, Uuid)>> {
        let mut query = QueryBuilder::<Db>::new("select workspace_id, creator_id from workspace_creators ");
        if let Some((workspace_id, creator_id)) = after {
            query
                .push("where workspace_id > ")
                .push_bind(workspace_id)
                .push(" or (workspace_id = ")
                .push_bind(workspace_id)
                .push(" and creator_id > ")
                .push_bind(creator_id)
                .push(") ");
        }
        query.push("order by workspace_id, creator_id limit ").push_bind(limit);
        Ok(query.build_query_as::<(Uuid, Uuid)>().fetch_all(&self.pool).await?)
    }

    async fn summary_key_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>("select count(*) from workspace_creators").fetch_one(&self.pool).await?)
    }

    async fn summaries_of_other_shapes(&self, shape: i32) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>("select count(*) from creator_summaries where shape <> $1")
            .bind(shape)
            .fetch_one(&self.pool)
            .await?)
    }
}
