-- Fetched data: videos and their stats over time, refresh jobs, data-source state, hashtag cache.

-- Byte order on handles, so a prefix search is an index range scan on both databases.
alter table creators alter column handle type text collate "C";
-- Lowercased display name, for case-insensitive prefix search.
alter table creators add column display_name_key text collate "C";
create index creators_display_name_key on creators (display_name_key);
-- Whether the latest counts may be rounded by the source.
alter table creators add column counts_may_be_rounded boolean not null default false;

-- How a workspace came to know a creator: 'list', 'import' or 'hashtag'.
alter table workspace_creators add column origin text not null default 'list';

create table videos (
    id               uuid primary key,
    platform_id      text not null unique,
    creator_id       uuid not null references creators (id) on delete cascade,
    posted_at        timestamptz not null,
    description      text not null default '',
    hashtags         jsonb not null default '[]',
    duration_seconds integer,
    cover_url        text,
    share_url        text not null,
    region           text,
    views            bigint not null check (views >= 0),
    likes            bigint not null check (likes >= 0),
    comments         bigint not null check (comments >= 0),
    shares           bigint not null check (shares >= 0),
    saves            bigint check (saves >= 0),
    source           text not null,
    fetched_at       timestamptz not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index videos_creator_posted on videos (creator_id, posted_at);
create index videos_creator_views on videos (creator_id, views);

-- A video's stats at each fetch, at most one per hour, for view velocity.
create table video_snapshots (
    video_id      uuid not null references videos (id) on delete cascade,
    captured_hour timestamptz not null,
    captured_at   timestamptz not null,
    views         bigint not null check (views >= 0),
    likes         bigint not null check (likes >= 0),
    comments      bigint not null check (comments >= 0),
    shares        bigint not null check (shares >= 0),
    primary key (video_id, captured_hour)
);

-- Long operations a client can poll.
create table jobs (
    id           uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    kind         text not null,
    creator_id   uuid references creators (id) on delete cascade,
    status       text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    progress     integer not null default 0 check (progress between 0 and 100),
    message      text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    finished_at  timestamptz
);
create index jobs_pending_creator on jobs (creator_id) where status in ('queued', 'running');

-- What every instance knows about a data source: last outcome, pauses, breaker.
create table source_state (
    source          text primary key,
    last_success_at timestamptz,
    last_error      text,
    last_error_at   timestamptz,
    paused_until    timestamptz,
    pause_reason    text,
    updated_at      timestamptz not null
);

-- Hashtag pulls, kept for a while so repeated looks do not spend the provider's quota.
create table hashtag_pulls (
    tag        text primary key,
    source     text not null,
    video_ids  jsonb not null,
    fetched_at timestamptz not null
);
