-- Alerts: the facts worth telling a workspace (an outbox, one row per fact, made unique by its
-- key), who has read them, the webhooks they go to and each delivery's attempts, and each member's
-- e-mail digest. Which events a workspace records is its `alert_rules` document.

alter table workspace_settings add column alert_rules jsonb;

create table events (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    type         text not null,
    dedup_key    text not null,
    creator_id   uuid references creators (id) on delete cascade,
    campaign_id  uuid references campaigns (id) on delete cascade,
    video_id     text,
    occurred_at  timestamptz not null,
    sentence     text not null,
    data         jsonb not null,
    source       text,
    created_at   timestamptz not null,
    unique (workspace_id, dedup_key)
);
create index events_feed on events (workspace_id, occurred_at desc, id desc);
create index events_created on events (workspace_id, created_at);

-- A member has read every event created up to `read_through`, and those named in `event_reads`.
create table inbox_marks (
    user_id      uuid not null references users (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    read_through timestamptz not null,
    primary key (user_id, workspace_id)
);

create table event_reads (
    user_id  uuid not null references users (id) on delete cascade,
    event_id uuid not null references events (id) on delete cascade,
    read_at  timestamptz not null,
    primary key (user_id, event_id)
);

create table webhook_endpoints (
    id                uuid primary key,
    workspace_id      uuid not null references workspaces (id) on delete cascade,
    url               text not null,
    description       text not null default '',
    event_types       jsonb not null,
    enabled           boolean not null default true,
    -- The signing secret is derived from the server's key, the endpoint and this number; never stored.
    secret_generation integer not null default 1,
    failing_since     timestamptz,
    disabled_reason   text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index webhook_endpoints_workspace on webhook_endpoints (workspace_id);

create table webhook_deliveries (
    id              uuid primary key,
    endpoint_id     uuid not null references webhook_endpoints (id) on delete cascade,
    event_id        uuid not null references events (id) on delete cascade,
    status          text not null check (status in ('pending', 'delivered', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz,
    lease_until     timestamptz,
    lease_owner     text,
    last_attempt_at timestamptz,
    response_status integer,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz not null,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where next_attempt_at is not null;
create index webhook_deliveries_log on webhook_deliveries (endpoint_id, created_at desc, id desc);

create table digest_settings (
    user_id      uuid not null references users (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    frequency    text not null check (frequency in ('off', 'daily', 'weekly')),
    last_sent_at timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (user_id, workspace_id)
);
