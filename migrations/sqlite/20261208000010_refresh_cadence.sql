-- Why each creator is next due when it is (rising, campaign, climbing, regular, dormant,
-- unwatched) and the claim priority that follows from it (refresh/cadence.rs).
alter table creators add column refresh_reason text;
alter table creators add column refresh_priority integer not null default 2;

-- When someone last opened each list: creators only in lists nobody opened for 30 days are
-- fetched seldom. Lists start as opened when last changed.
alter table lists add column viewed_at text;
update lists set viewed_at = updated_at;

-- Requests sent to each source per UTC day, reserved before they are sent, against
-- ZZYZX_SOURCE_DAILY_BUDGET.
create table source_usage (
    source   text not null,
    day      text not null,
    requests integer not null,
    primary key (source, day)
);
