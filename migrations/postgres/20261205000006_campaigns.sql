-- Seeding campaigns: the product sent, the rules that find the posts it earned, a pipeline stage
-- per creator, the posts found and the orders they brought.

create table campaigns (
    id            uuid primary key,
    workspace_id  uuid not null references workspaces (id) on delete cascade,
    name          text not null,
    starts_on     date not null,
    ends_on       date not null check (ends_on >= starts_on),
    product_name  text not null,
    unit_cost     double precision not null check (unit_cost >= 0),
    shipping_cost double precision not null check (shipping_cost >= 0),
    retail_value  double precision not null check (retail_value >= 0),
    currency      text not null,
    fee           double precision check (fee >= 0),
    overdue_days  integer not null check (overdue_days between 1 and 180),
    landing_url   text,
    rules         jsonb not null,
    demo          boolean not null default false,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    unique (workspace_id, name)
);
create index campaigns_running on campaigns (starts_on, ends_on);

create table campaign_creators (
    id               uuid primary key,
    campaign_id      uuid not null references campaigns (id) on delete cascade,
    creator_id       uuid not null references creators (id) on delete cascade,
    stage            text not null check (stage in
                         ('shortlisted', 'contacted', 'agreed', 'shipped', 'delivered', 'posted', 'declined', 'no_show')),
    stage_changed_at timestamptz not null,
    stage_changed_by text,
    contact          text not null default '',
    contact_from_bio boolean not null default false,
    discount_code    text,
    fee              double precision check (fee >= 0),
    clicks           bigint check (clicks >= 0),
    shipped_on       date,
    units            integer check (units >= 1),
    shipment_cost    double precision check (shipment_cost >= 0),
    carrier          text,
    tracking_url     text,
    delivered_on     date,
    estimate         jsonb,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (campaign_id, creator_id)
);
create index campaign_creators_creator on campaign_creators (creator_id);
create unique index campaign_creators_code on campaign_creators (campaign_id, upper(discount_code))
    where discount_code is not null;

-- Who moved a creator to which stage, and when.
create table campaign_stage_events (
    id       uuid primary key,
    entry_id uuid not null references campaign_creators (id) on delete cascade,
    stage    text not null,
    at       timestamptz not null,
    by_user  uuid references users (id) on delete set null,
    by_label text
);
create index campaign_stage_events_entry on campaign_stage_events (entry_id, at);

-- A video found (or attached) as a campaign post, with its evidence. Keyed by the video's TikTok
-- id: a post attached by URL exists before its video is fetched. Dismissed posts stay, so
-- detection never brings them back.
create table campaign_posts (
    id            uuid primary key,
    campaign_id   uuid not null references campaigns (id) on delete cascade,
    entry_id      uuid not null references campaign_creators (id) on delete cascade,
    platform_id   text not null,
    status        text not null check (status in ('detected', 'attached', 'dismissed')),
    rule          text not null,
    pattern       text not null,
    matched       text not null,
    detected_at   timestamptz not null,
    next_check_at timestamptz,
    unique (campaign_id, platform_id)
);
create index campaign_posts_entry on campaign_posts (entry_id);

create table campaign_orders (
    id          uuid primary key,
    campaign_id uuid not null references campaigns (id) on delete cascade,
    entry_id    uuid not null references campaign_creators (id) on delete cascade,
    order_id    text not null,
    ordered_at  date not null,
    code        text,
    utm         text,
    amount      double precision not null check (amount >= 0),
    currency    text not null,
    source      text not null,
    created_at  timestamptz not null,
    unique (campaign_id, order_id)
);
create index campaign_orders_entry on campaign_orders (entry_id);

-- A share link opens a list's dashboard or a campaign's report.
alter table share_links alter column list_id drop not null;
alter table share_links add column campaign_id uuid references campaigns (id) on delete cascade;
alter table share_links add constraint share_links_one_subject check ((list_id is null) <> (campaign_id is null));
create index share_links_campaign on share_links (campaign_id, created_at);
