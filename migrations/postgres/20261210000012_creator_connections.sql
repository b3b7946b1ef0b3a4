-- Creators who connect their own TikTok account to a workspace (Login Kit): one row per workspace
-- and creator, from the connect link the brand sends to the tokens the creator's consent gives.
-- Tokens and the PKCE verifier are stored encrypted (XChaCha20-Poly1305 under
-- ZZYZX_ENCRYPTION_KEY); the link token and the OAuth state only as SHA-256.
create table creator_connections (
    id                 uuid primary key,
    workspace_id       uuid not null references workspaces (id) on delete cascade,
    creator_id         uuid not null references creators (id) on delete cascade,
    link_prefix        text not null,
    link_hash          bytea not null unique,
    status             text not null check (status in ('pending', 'connected', 'revoked', 'disconnected')),
    created_by         uuid references users (id) on delete set null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    -- An authorization under way.
    state_hash         bytea unique,
    verifier           bytea,
    state_expires_at   timestamptz,
    -- The authorization.
    open_id            text,
    scopes             text not null default '',
    access_token       bytea,
    refresh_token      bytea,
    access_expires_at  timestamptz,
    refresh_expires_at timestamptz,
    -- While connected (from connected_at until ended_at), the workspace reads the creator's counts
    -- from the connection alone: fetched snapshots of that span are hidden from it.
    connected_at       timestamptz,
    ended_at           timestamptz,
    next_sync_at       timestamptz,
    last_synced_at     timestamptz,
    last_error         text,
    unique (workspace_id, creator_id)
);
create index creator_connections_creator on creator_connections (creator_id);
create index creator_connections_due on creator_connections (next_sync_at) where status = 'connected';
