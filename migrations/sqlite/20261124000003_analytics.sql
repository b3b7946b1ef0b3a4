-- Workspace analytics settings, target audiences and creator audience profiles.

-- One row per workspace: its analytics assumptions and target audience, as JSON documents whose
-- shape the analytics crate defines (and validates before anything is stored).
create table workspace_settings (
    workspace_id    blob primary key references workspaces (id) on delete cascade,
    analytics       text,
    target_audience text,
    created_at      text not null,
    updated_at      text not null
);

-- A creator's audience as some source described it, private to the workspace that recorded it.
create table audience_profiles (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    creator_id   blob not null references creators (id) on delete cascade,
    source       text not null,
    captured_at  text not null,
    sample_size  bigint check (sample_size >= 0),
    ages         text not null,
    genders      text not null,
    countries    text not null,
    languages    text not null,
    created_at   text not null
);
create index audience_profiles_latest on audience_profiles (workspace_id, creator_id, captured_at);
