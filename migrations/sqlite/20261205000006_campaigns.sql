-- Seeding campaigns: the product sent, the rules that find the posts it earned, a pipeline stage
-- per creator, the posts found and the orders they brought.

create table campaigns (
    id            blob primary key,
    workspace_id  blob not null references workspaces (id) on delete cascade,
    name          text not null,
    starts_on     text not null,
    ends_on       text not null check (ends_on >= starts_on),
    product_name  text not null,
    unit_cost     real not null check (unit_cost >= 0),
    shipping_cost real not null check (shipping_cost >= 0),
    retail_value  real not null check (retail_value >= 0),
    currency      text not null,
    fee           real check (fee >= 0),
    overdue_days  integer not null check (overdue_days between 1 and 180),
    landing_url   text,
    rules         text not null,
    demo          boolean not null default false,
    created_at    text not null,
    updated_at    text not null,
    unique (workspace_id, name)
);
create index campaigns_running on campaigns (starts_on, ends_on);

create table campaign_creators (
    id               blob primary key,
    campaign_id      blob not null references campaigns (id) on delete cascade,
    creator_id       blob not null references creators (id) on delete cascade,
    stage            text not null check (stage in
                         ('shortlisted', 'contacted', 'agreed', 'shipped', 'delivered', 'posted', 'declined', 'no_show')),
    stage_changed_at text not null,
    stage_changed_by text,
    contact          text not null default '',
    contact_from_bio boolean not null default false,
    discount_code    text,
    fee              real check (fee >= 0),
    clicks           bigint check (clicks >= 0),
    shipped_on       text,
    units            integer check (units >= 1),
    shipment_cost    real check (shipment_cost >= 0),
    carrier          text,
    tracking_url     text,
    delivered_on     text,
    estimate         text,
    created_at       text not null,
    updated_at       text not null,
    unique (campaign_id, creator_id)
);
create index campaign_creators_creator on campaign_creators (creator_id);
create unique index campaign_creators_code on campaign_creators (campaign_id, upper(discount_code))
    where discount_code is not null;

-- Who moved a creator to which stage, and when.
create table campaign_stage_events (
    id       blob primary key,
    entry_id blob not null references campaign_creators (id) on delete cascade,
    stage    text not null,
    at       text not null,
    by_user  blob references users (id) on delete set null,
    by_label text
);
create index campaign_stage_events_entry on campaign_stage_events (entry_id, at);

-- A video found (or attached) as a campaign post, with its evidence. Keyed by the video's TikTok
-- id: a post attached by URL exists before its video is fetched. Dismissed posts stay, so
-- detection never brings them back.
create table campaign_posts (
    id            blob primary key,
    campaign_id   blob not null references campaigns (id) on delete cascade,
    entry_id      blob not null references campaign_creators (id) on delete cascade,
    platform_id   text not null,
    status        text not null check (status in ('detected', 'attached', 'dismissed')),
    rule          text not null,
    pattern       text not null,
    matched       text not null,
    detected_at   text not null,
    next_check_at text,
    unique (campaign_id, platform_id)
);
create index campaign_posts_entry on campaign_posts (entry_id);

create table campaign_orders (
    id          blob primary key,
    campaign_id blob not null references campaigns (id) on delete cascade,
    entry_id    blob not null references campaign_creators (id) on delete cascade,
    order_id    text not null,
    ordered_at  text not null,
    code        text,
    utm         text,
    amount      real not null check (amount >= 0),
    currency    text not null,
    source      text not null,
    created_at  text not null,
    unique (campaign_id, order_id)
);
create index campaign_orders_entry on campaign_orders (entry_id);

-- A share link opens a list's dashboard or a campaign's report. (SQLite cannot drop a NOT NULL
-- constraint, so the table is rebuilt; nothing references it.)
create table share_links_new (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    list_id      blob references lists (id) on delete cascade,
    campaign_id  blob references campaigns (id) on delete cascade,
    prefix       text not null,
    token_hash   blob not null unique,
    created_by   blob references users (id) on delete set null,
    expires_at   text,
    last_used_at text,
    revoked_at   text,
    created_at   text not null,
    check ((list_id is null) <> (campaign_id is null))
);
insert into share_links_new (id, workspace_id, list_id, prefix, token_hash, created_by, expires_at, last_used_at, revoked_at, created_at)
    select id, workspace_id, list_id, prefix, token_hash, created_by, expires_at, last_used_at, revoked_at, created_at from share_links;
drop table share_links;
alter table share_links_new rename to share_links;
create index share_links_list on share_links (list_id, created_at);
create index share_links_campaign on share_links (campaign_id, created_at);
