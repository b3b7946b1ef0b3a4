-- Every dashboard row kept: what a workspace's dashboards, rising creators and discovery show of a
-- creator, computed when the creator's data changes (the refresh worker, imports, written points,
-- audiences, connections) instead of at every view. A row is used only while its stamp matches:
-- the payload's shape, the creator's data_version, the day its windows end on, and the workspace's
-- analytics settings and target audience (a hash). Anything else is recomputed and written back.
create table creator_summaries (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    creator_id   uuid not null references creators (id) on delete cascade,
    shape        integer not null,
    data_version bigint not null,
    computed_on  date not null,
    documents    bigint not null,
    computed_at  timestamptz not null,
    -- The row as JSON (its shape is the application's, versioned by shape).
    payload      text not null,
    primary key (workspace_id, creator_id)
);

-- Deleting a creator cascades here.
create index creator_summaries_creator on creator_summaries (creator_id);
