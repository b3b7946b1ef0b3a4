//! Lists and their items.

use super::*;

/// A list item's own columns and its creator's ([`ITEM_COLUMNS`]).
#[derive(sqlx::FromRow)]
pub(super) struct ItemColumns {
    item_id: Uuid,
    list_id: Uuid,
    position: i64,
    note: String,
    tags: Json<Vec<String>>,
    item_created_at: DateTime<Utc>,
    item_updated_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub(super) creator: Creator,
}

pub(super) const ITEM_COLUMNS: &str = "i.id as item_id, i.list_id, i.position, i.note, i.tags, \
     i.created_at as item_created_at, i.updated_at as item_updated_at";

impl ItemColumns {
    pub(super) fn into_item(self, latest: Option<Snapshot>) -> ListItem {
        ListItem {
            id: self.item_id,
            list_id: self.list_id,
            position: self.position,
            note: self.note,
            tags: self.tags.0,
            created_at: self.item_created_at,
            updated_at: self.item_updated_at,
            creator: self.creator,
            latest,
        }
    }
}

/// A list item joined with its creator and the creator's latest snapshot visible to the workspace,
/// and the list's version.
#[derive(sqlx::FromRow)]
struct ItemRow {
    #[sqlx(flatten)]
    item: ItemColumns,
    #[sqlx(flatten)]
    latest: LatestColumns,
    list_version: i64,
}

impl From<ItemRow> for ListItem {
    fn from(row: ItemRow) -> Self {
        row.item.into_item(row.latest.into_snapshot())
    }
}

/// A list item with the latest snapshot (JSON) kept beside its creator's row if that row is
/// current, and the list's version.
#[derive(sqlx::FromRow)]
struct PageRow {
    #[sqlx(flatten)]
    item: ItemColumns,
    kept_latest: Option<String>,
    list_version: i64,
}

impl PageRow {
    /// The item, or `None` when its creator's row is not kept, not current or does not read back.
    fn into_item(self) -> Option<ListItem> {
        let latest = serde_json::from_str(self.kept_latest.as_deref()?)
            .inspect_err(|error| tracing::warn!(%error, "a kept latest snapshot does not read back"))
            .ok()?;
        Some(self.item.into_item(latest))
    }
}

/// Items of one list; `$1` workspace, `$2` list, then whatever `tail` binds.
fn items_query(tail: &str) -> String {
    let latest = latest_join("i.creator_id", "$1");
    format!(
        "select {ITEM_COLUMNS}, {CREATOR_COLUMNS}, {LATEST_COLUMNS}, l.version as list_version \
         from list_items i \
         join lists l on l.id = i.list_id \
         join creators c on c.id = i.creator_id \
         {latest} \
         where l.workspace_id = $1 and i.list_id = $2 {tail}"
    )
}

impl SqlStore {
    pub(super) async fn list_in(
        &self,
        executor: impl sqlx::Executor<'_, Database = Db>,
        workspace_id: Uuid,
        list_id: Uuid,
    ) -> Result<List> {
        sqlx::query_as::<_, List>(&format!(
            "select {LIST_COLUMNS} from lists l where l.workspace_id = $1 and l.id = $2"
        ))
        .bind(workspace_id)
        .bind(list_id)
        .fetch_optional(executor)
        .await?
        .ok_or(StoreError::NotFound)
    }

    pub(super) async fn item_in(
        &self,
        executor: impl sqlx::Executor<'_, Database = Db>,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
    ) -> Result<ListItem> {
        sqlx::query_as::<_, ItemRow>(&items_query("and i.id = $3"))
            .bind(workspace_id)
            .bind(list_id)
            .bind(item_id)
            .fetch_optional(executor)
            .await?
            .map(ListItem::from)
            .ok_or(StoreError::NotFound)
    }
}

#[async_trait]
impl ListStore for SqlStore {
    async fn create_list(&self, list: NewList) -> Result<List> {
        sqlx::query("insert into lists (id, workspace_id, name, description, created_at, updated_at, viewed_at) values ($1, $2, $3, $4, $5, $5, $5)")
            .bind(list.id)
            .bind(list.workspace_id)
            .bind(&list.name)
            .bind(&list.description)
            .bind(list.now)
            .execute(&self.pool)
            .await
            .map_err(on_unique_violation(Conflict::DuplicateListName))?;
        self.list_in(&self.pool, list.workspace_id, list.id).await
    }

    async fn lists(&self, workspace_id: Uuid, after: Option<Uuid>, limit: i64) -> Result<Vec<List>> {
        let after_clause = if after.is_some() { "and l.id > $3" } else { "" };
        let sql = format!(
            "select {LIST_COLUMNS} from lists l where l.workspace_id = $1 {after_clause} order by l.id limit $2"
        );
        let mut query = sqlx::query_as::<_, List>(&sql).bind(workspace_id).bind(limit);
        if let Some(after) = after {
            query = query.bind(after);
        }
        Ok(query.fetch_all(&self.pool).await?)
    }

    async fn list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<List> {
        self.list_in(&self.pool, workspace_id, list_id).await
    }

    async fn update_list(&self, workspace_id: Uuid, list_id: Uuid, change: ListChange) -> Result<List> {
        let updated = sqlx::query(
            "update lists set name = coalesce($3, name), description = coalesce($4, description), updated_at = $5 \
             where workspace_id = $1 and id = $2",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(change.name)
        .bind(change.description)
        .bind(change.now)
        .execute(&self.pool)
        .await
        .map_err(on_unique_violation(Conflict::DuplicateListName))?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.list_in(&self.pool, workspace_id, list_id).await
    }

    async fn delete_list(&self, workspace_id: Uuid, list_id: Uuid) -> Result<()> {
        let deleted = sqlx::query("delete from lists where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(list_id)
            .execute(&self.pool)
            .await?;
        if deleted.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn add_list_item(&self, workspace_id: Uuid, list_id: Uuid, item: NewListItem) -> Result<ListItem> {
        let mut tx = self.begin_write().await?;
        let list = self.list_in(&mut *tx, workspace_id, list_id).await?;
        if list.item_count >= MAX_LIST_ITEMS {
            return Err(StoreError::LimitReached(Limit::ListFull));
        }
        sqlx::query(
            "insert into creators (id, handle, next_fetch_at, created_at, updated_at) values ($1, $2, $3, $3, $3) \
             on conflict (handle) do nothing",
        )
        .bind(Uuid::now_v7())
        .bind(item.handle.as_ref())
        .bind(item.now)
        .execute(&mut *tx)
        .await?;
        let creator_id: Uuid = sqlx::query_scalar("select id from creators where handle = $1")
            .bind(item.handle.as_ref())
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query(
            "insert into workspace_creators (workspace_id, creator_id, created_at) values ($1, $2, $3) \
             on conflict (workspace_id, creator_id) do nothing",
        )
        .bind(workspace_id)
        .bind(creator_id)
        .bind(item.now)
        .execute(&mut *tx)
        .await?;
        let next_position: i64 =
            sqlx::query_scalar("select coalesce(max(position) + 1, 0) from list_items where list_id = $1")
                .bind(list_id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "insert into list_items (id, list_id, creator_id, position, note, tags, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(item.id)
        .bind(list_id)
        .bind(creator_id)
        .bind(next_position)
        .bind(&item.note)
        .bind(Json(&item.tags))
        .bind(item.now)
        .execute(&mut *tx)
        .await
        .map_err(on_unique_violation(Conflict::CreatorAlreadyInList))?;
        sqlx::query("update lists set version = version + 1, updated_at = $2 where id = $1")
            .bind(list_id)
            .bind(item.now)
            .execute(&mut *tx)
            .await?;
        let added = self.item_in(&mut *tx, workspace_id, list_id, item.id).await?;
        tx.commit().await?;
        Ok(added)
    }

    async fn list_items(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        from: i64,
        limit: i64,
    ) -> Result<(i64, Vec<ListItem>)> {
        // Each creator's latest snapshot comes from beside its kept row, the same snapshot found
        // when the row was kept, which spares three index probes a creator. Rows are kept as
        // creators' data is written, so they are nearly always current; a page with one that is
        // not (or a row kept before `latest` was kept beside it) looks every snapshot up instead.
        let rows = sqlx::query_as::<_, PageRow>(&format!(
            "select {ITEM_COLUMNS}, {CREATOR_COLUMNS}, l.version as list_version, \
                    case when cs.shape = $5 and cs.data_version = c.data_version then cs.latest end as kept_latest \
             from list_items i \
             join lists l on l.id = i.list_id \
             join creators c on c.id = i.creator_id \
             left join creator_summaries cs on cs.workspace_id = $1 and cs.creator_id = i.creator_id \
             where l.workspace_id = $1 and i.list_id = $2 and i.position >= $3 order by i.position limit $4"
        ))
        .bind(workspace_id)
        .bind(list_id)
        .bind(from)
        .bind(limit)
        .bind(SUMMARY_SHAPE)
        .fetch_all(&self.pool)
        .await?;
        let Some(version) = rows.first().map(|row| row.list_version) else {
            // An empty page: the list may not exist.
            return Ok((self.list_in(&self.pool, workspace_id, list_id).await?.version, Vec::new()));
        };
        if let Some(items) = rows.into_iter().map(PageRow::into_item).collect() {
            return Ok((version, items));
        }
        let rows = sqlx::query_as::<_, ItemRow>(&items_query("and i.position >= $3 order by i.position limit $4"))
            .bind(workspace_id)
            .bind(list_id)
            .bind(from)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let version = rows.first().map_or(version, |row| row.list_version);
        Ok((version, rows.into_iter().map(ListItem::from).collect()))
    }

    async fn update_list_item(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
        change: ItemChange,
    ) -> Result<ListItem> {
        let updated = sqlx::query(
            "update list_items set note = coalesce($4, note), tags = coalesce($5, tags), updated_at = $6 \
             where id = $3 and list_id = $2 and list_id in (select id from lists where workspace_id = $1)",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(item_id)
        .bind(change.note)
        .bind(change.tags.map(Json))
        .bind(change.now)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.item_in(&self.pool, workspace_id, list_id, item_id).await
    }

    async fn remove_list_item(
        &self,
        workspace_id: Uuid,
        list_id: Uuid,
        item_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query(
            "delete from list_items where id = $3 and list_id = $2 and list_id in (select id from lists where workspace_id = $1)",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let version = sqlx::query_scalar(
            "update lists set version = version + 1, updated_at = $2 where id = $1 returning version",
        )
        .bind(list_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    async fn reorder_list(&self, workspace_id: Uuid, list_id: Uuid, reorder: Reorder) -> Result<i64> {
        let (expected_version, now) = match &reorder {
            Reorder::Move { expected_version, now, .. } | Reorder::Set { expected_version, now, .. } => {
                (*expected_version, *now)
            }
        };
        let mut tx = self.begin_write().await?;
        // The version check and bump come first: a concurrent reorder with the same version waits
        // on this row and then finds the version moved on.
        let version: Option<i64> = sqlx::query_scalar(
            "update lists set version = version + 1, updated_at = $4 \
             where id = $2 and workspace_id = $1 and version = $3 returning version",
        )
        .bind(workspace_id)
        .bind(list_id)
        .bind(expected_version)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(version) = version else {
            self.list_in(&mut *tx, workspace_id, list_id).await?;
            return Err(StoreError::StaleVersion);
        };
        let current: Vec<(Uuid, i64)> =
            sqlx::query_as("select id, position from list_items where list_id = $1 order by position, id")
                .bind(list_id)
                .fetch_all(&mut *tx)
                .await?;
        let mut order: Vec<Uuid> = current.iter().map(|(id, _)| *id).collect();
        match reorder {
            Reorder::Move { item_id, position, .. } => {
                let from = order.iter().position(|id| *id == item_id).ok_or(StoreError::NotFound)?;
                let moved = order.remove(from);
                let to = usize::try_from(position).unwrap_or(0).min(order.len());
                order.insert(to, moved);
            }
            Reorder::Set { item_ids, .. } => {
                let mut wanted = item_ids.clone();
                wanted.sort_unstable();
                let mut have = order.clone();
                have.sort_unstable();
                if wanted != have {
                    return Err(StoreError::ItemSetMismatch);
                }
                order = item_ids;
            }
        }
        for (position, id) in order.iter().enumerate() {
            let position = position as i64;
            let unchanged = current.iter().any(|(cid, cpos)| cid == id && *cpos == position);
            if !unchanged {
                sqlx::query("update list_items set position = $2 where id = $1")
                    .bind(id)
                    .bind(position)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(version)
    }
}
