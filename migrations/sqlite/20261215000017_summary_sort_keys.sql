-- A dashboard sorts and totals its rows by a few figures of each; kept beside the row, they are
-- read without reading the row, which a dashboard then sends on as it is. Rows kept before this
-- have an older shape and are rebuilt at start-up (`zzyzx summaries rebuild`).
alter table creator_summaries add column sort_keys text not null default '{}';
