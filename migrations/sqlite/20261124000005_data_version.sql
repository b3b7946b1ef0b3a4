-- Bumped in the same transaction as every write of a creator's snapshots or videos, so a cache of
-- what analytics read can tell, with one cheap read, whether it is still exact.
alter table creators add column data_version bigint not null default 0;
