-- Fetched data: videos and their stats over time, refresh jobs, data-source state, hashtag cache.
-- (SQLite compares text bytewise already, so handles need no collation change.)

alter table creators add column display_name_key text;
create index creators_display_name_key on creators (display_name_key);
alter table creators add column counts_may_be_rounded boolean not null default false;

alter table workspace_creators add column origin text not null default 'list';

create table videos (
    id               blob primary key,
    platform_id      text not null unique,
    creator_id       blob not null references creators (id) on delete cascade,
    posted_at        text not null,
    description      text not null default '',
    hashtags         text not null default '[]',
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
    fetched_at       text not null,
    created_at       text not null,
    updated_at       text not null
);
create index videos_creator_posted on videos (creator_id, posted_at);
create index videos_creator_views on videos (creator_id, views);

create table video_snapshots (
    video_id      blob not null references videos (id) on delete cascade,
    captured_hour text not null,
    captured_at   text not null,
    views         bigint not null check (views >= 0),
    likes         bigint not null check (likes >= 0),
    comments      bigint not null check (comments >= 0),
    shares        bigint not null check (shares >= 0),
    primary key (video_id, captured_hour)
);

create table jobs (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    kind         text not null,
    creator_id   blob references creators (id) on delete cascade,
    status       text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    progress     integer not null default 0 check (progress between 0 and 100),
    message      text,
    created_at   text not null,
    updated_at   text not null,
    finished_at  text
);
create index jobs_pending_creator on jobs (creator_id) where status in ('queued', 'running');

create table source_state (
    source          text primary key,
    last_success_at text,
    last_error      text,
    last_error_at   text,
    paused_until    text,
    pause_reason    text,
    updated_at      text not null
);

create table hashtag_pulls (
    tag        text primary key,
    source     text not null,
    video_ids  text not null,
    fetched_at text not null
);
