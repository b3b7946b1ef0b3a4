-- A page of list items shows each creator's latest snapshot. A kept row holds it inside its
-- payload, which is too large to read for that; kept beside it, a page reads it instead of
-- looking the creator's snapshots up. The rows' shape changed with it (4), so `migrate` rebuilds
-- every row once; until then a page looks the snapshots up.
alter table creator_summaries add column latest text;
