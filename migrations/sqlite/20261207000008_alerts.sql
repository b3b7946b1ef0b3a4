-- Alerts: the facts worth telling a workspace (an outbox, one row per fact, made unique by its
-- key), who has read them, the webhooks they go to and each delivery's attempts, and each member's
-- e-mail digest. Which events a workspace records is its `alert_rules` document.

alter table workspace_settings add column alert_rules text;

create table events (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    type         text not null,
    dedup_key    text not null,
    creator_id   blob references creators (id) on delete cascade,
    campaign_id  blob references campaigns (id) on delete cascade,
    video_id     text,
    occurred_at  text not null,
    sentence     text not null,
    data         text not null,
    source       text,
    created_at   text not null,
    unique (workspace_id, dedup_key)
);
create index events_feed on events (workspace_id, occurred_at desc, id desc);
create index events_created on events (workspace_id, created_at);

-- A member has read every event created up to `read_through`, and those named in `event_reads`.
create table inbox_marks (
    user_id      blob not null references users (id) on delete cascade,
    workspace_id blob not null references workspaces (id) on delete cascade,
    read_through text not null,
    primary key (user_id, workspace_id)
);

create table event_reads (
    user_id  blob not null references users (id) on delete cascade,
    event_id blob not null references events (id) on delete cascade,
    read_at  text not null,
    primary key (user_id, event_id)
);

create table webhook_endpoints (
    id                blob primary key,
    workspace_id      blob not null references workspaces (id) on delete cascade,
    url               text not null,
    description       text not null default '',
    event_types       text not null,
    enabled           boolean not null default true,
    -- The signing secret is derived from the server's key, the endpoint and this number; never stored.
    secret_generation boolean not null default true,
    failing_since     text,
    disabled_reason   text,
    created_at        text not null,
    updated_at        text not null
);
create index webhook_endpoints_workspace on webhook_endpoints (workspace_id);

create table webhook_deliveries (
    id              blob primary key,
    endpoint_id     blob not null references webhook_endpoints (id) on delete cascade,
    event_id        blob not null references events (id) on delete cascade,
    status          text not null check (status in ('pending', 'delivered', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at text,
    lease_until     text,
    lease_owner     text,
    last_attempt_at text,
    response_status integer,
    last_error      text,
    delivered_at    text,
    created_at      text not null,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where next_attempt_at is not null;
create index webhook_deliveries_log on webhook_deliveries (endpoint_id, created_at desc, id desc);

create table digest_settings (
    user_id      blob not null references users (id) on delete cascade,
    workspace_id blob not null references workspaces (id) on delete cascade,
    frequency    text not null check (frequency in ('off', 'daily', 'weekly')),
    last_sent_at text,
    created_at   text not null,
    updated_at   text not null,
    primary key (user_id, workspace_id)
);
