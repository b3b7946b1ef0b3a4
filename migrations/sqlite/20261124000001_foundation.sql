-- Accounts, workspaces, sessions, lists, creators and their metric history.
-- Timestamps are UTC; counts are 64-bit and never negative.

create table settings (
    key        text primary key,
    value      text not null,
    created_at text not null,
    updated_at text not null
);

create table users (
    id                   blob primary key,
    email                text not null unique,  -- stored lowercased: unique case-insensitively
    display_name         text not null,
    password_hash        text not null,
    failed_logins        integer not null default 0,
    last_failed_login_at text,
    created_at           text not null,
    updated_at           text not null
);

create table workspaces (
    id         blob primary key,
    name       text not null,
    created_at text not null,
    updated_at text not null
);

create table memberships (
    workspace_id blob not null references workspaces (id) on delete cascade,
    user_id      blob not null references users (id) on delete cascade,
    role         text not null check (role in ('owner', 'editor', 'viewer')),
    created_at   text not null,
    updated_at   text not null,
    primary key (workspace_id, user_id)
);
create index memberships_user on memberships (user_id, created_at);

-- A login session: one family of rotating refresh tokens. Access tokens name their session.
create table sessions (
    id         blob primary key,
    user_id    blob not null references users (id) on delete cascade,
    expires_at text not null,
    revoked_at text,
    created_at text not null,
    updated_at text not null
);
create index sessions_user on sessions (user_id);

create table refresh_tokens (
    token_hash blob primary key,  -- SHA-256 of the token; the token itself is never stored
    session_id blob not null references sessions (id) on delete cascade,
    expires_at text not null,
    used_at    text,
    created_at text not null
);
create index refresh_tokens_session on refresh_tokens (session_id);

-- One row per TikTok account, shared by all workspaces: it is public data.
create table creators (
    id               blob primary key,
    handle           text not null unique,  -- canonical: lowercase, without '@'
    platform_user_id text,
    sec_uid          text,
    display_name     text,
    avatar_url       text,
    bio              text,
    verified         boolean not null default false,
    region           text,
    status           text not null default 'active' check (status in ('active', 'not_found', 'private', 'banned')),
    next_fetch_at    text,
    last_fetched_at  text,
    failures         integer not null default 0,
    last_error       text,
    lease_until      text,
    lease_owner      text,
    created_at       text not null,
    updated_at       text not null
);
create index creators_due on creators (next_fetch_at) where status = 'active';

-- Which creators a workspace knows: it may read their profile and history.
create table workspace_creators (
    workspace_id blob not null references workspaces (id) on delete cascade,
    creator_id   blob not null references creators (id) on delete cascade,
    created_at   text not null,
    primary key (workspace_id, creator_id)
);

-- Fetched snapshots (workspace_id null) are shared; written or imported ones belong to a workspace.
create table creator_snapshots (
    id            integer primary key,
    creator_id    blob not null references creators (id) on delete cascade,
    workspace_id  blob references workspaces (id) on delete cascade,
    captured_at   text not null,
    captured_hour text not null,
    followers     bigint not null check (followers >= 0),
    following     bigint not null check (following >= 0),
    likes         bigint not null check (likes >= 0),
    videos        bigint not null check (videos >= 0),
    source        text not null,
    created_at    text not null
);
create unique index creator_snapshots_fetched_hourly on creator_snapshots (creator_id, captured_hour) where workspace_id is null;
create unique index creator_snapshots_written on creator_snapshots (creator_id, workspace_id, captured_at) where workspace_id is not null;
create index creator_snapshots_history on creator_snapshots (creator_id, captured_at);

create table lists (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    name         text not null,
    description  text not null default '',
    version      bigint not null default 1,
    created_at   text not null,
    updated_at   text not null,
    unique (workspace_id, name)
);
create index lists_workspace on lists (workspace_id, id);

create table list_items (
    id         blob primary key,
    list_id    blob not null references lists (id) on delete cascade,
    creator_id blob not null references creators (id),
    position   bigint not null,
    note       text not null default '',
    tags       text not null default '[]',
    created_at text not null,
    updated_at text not null,
    unique (list_id, creator_id)
);
create index list_items_order on list_items (list_id, position);
create index list_items_creator on list_items (creator_id);
