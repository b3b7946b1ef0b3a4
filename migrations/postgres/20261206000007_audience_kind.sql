-- How each audience profile was obtained, which decides the one fit uses: connected, then provider,
-- then imported or manual, then estimated. Profiles recorded so far were entered by hand or imported.
alter table audience_profiles add column kind text not null default 'manual'
    check (kind in ('connected', 'provider', 'imported', 'manual', 'estimated'));
update audience_profiles set kind = 'imported' where source = 'import';
