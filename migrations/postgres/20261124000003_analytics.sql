-- Workspace analytics settings, target audiences and creator audience profiles.

-- One row per workspace: its analytics assumptions and target audience, as JSON documents whose
-- shape the analytics crate defines (and validates before anything is stored).
create table workspace_settings (
    workspace_id    uuid primary key references workspaces (id) on delete cascade,
    analytics       jsonb,
    target_audience jsonb,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- A creator's audience as some source described it, private to the workspace that recorded it.
create table audience_profiles (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    creator_id   uuid not null references creators (id) on delete cascade,
    source       text not null,
    captured_at  timestamptz not null,
    sample_size  bigint check (sample_size >= 0),
    ages         jsonb not null,
    genders      jsonb not null,
    countries    jsonb not null,
    languages    jsonb not null,
    created_at   timestamptz not null
);
create index audience_profiles_latest on audience_profiles (workspace_id, creator_id, captured_at);
