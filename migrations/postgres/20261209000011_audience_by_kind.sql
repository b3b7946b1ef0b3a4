-- The refresh worker asks, for every creator it fetches, when it last recorded an audience of a
-- kind (estimated, provider). Without this index that question read the whole table each time.
create index audience_profiles_by_kind on audience_profiles (creator_id, kind, created_at);
