-- Creators who connect their own TikTok account to a workspace (Login Kit): one row per workspace
-- and creator, from the connect link the brand sends to the tokens the creator's consent gives.
-- Tokens and the PKCE verifier are stored encrypted (XChaCha20-Poly1305 under
-- ZZYZX_ENCRYPTION_KEY); the link token and the OAuth state only as SHA-256.
create table creator_connections (
    id                 blob primary key,
    workspace_id       blob not null references workspaces (id) on delete cascade,
    creator_id         blob not null references creators (id) on delete cascade,
    link_prefix        text not null,
    link_hash          blob not null unique,
    status             text not null check (status in ('pending', 'connected', 'revoked', 'disconnected')),
    created_by         blob references users (id) on delete set null,
    created_at         text not null,
    updated_at         text not null,
    -- An authorization under way.
    state_hash         blob unique,
    verifier           blob,
    state_expires_at   text,
    -- The authorization.
    open_id            text,
    scopes             text not null default '',
    access_token       blob,
    refresh_token      blob,
    access_expires_at  text,
    refresh_expires_at text,
    -- While connected (from connected_at until ended_at), the workspace reads the creator's counts
    -- from the connection alone: fetched snapshots of that span are hidden from it.
    connected_at       text,
    ended_at           text,
    next_sync_at       text,
    last_synced_at     text,
    last_error         text,
    unique (workspace_id, creator_id)
);
create index creator_connections_creator on creator_connections (creator_id);
create index creator_connections_due on creator_connections (next_sync_at) where status = 'connected';
