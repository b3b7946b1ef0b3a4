-- A connected creator's second, optional authorization: their TikTok account on the API for
-- Business, whose own token reads the account's audience (/business/get/). One row per connection,
-- made when the creator first asks for it; it ends with the connection. The tokens are sealed like
-- the Login Kit ones (XChaCha20-Poly1305 under ZZYZX_ENCRYPTION_KEY, bound to the connection id and
-- column); the OAuth state is stored only as SHA-256.
create table connection_business_access (
    connection_id      blob primary key references creator_connections (id) on delete cascade,
    status             text not null check (status in ('pending', 'connected', 'revoked', 'disconnected')),
    created_at         text not null,
    updated_at         text not null,
    -- An authorization under way.
    state_hash         blob unique,
    state_expires_at   text,
    -- The authorization: business_id is the token answer's open_id.
    business_id        text,
    scopes             text not null default '',
    access_token       blob,
    refresh_token      blob,
    access_expires_at  text,
    refresh_expires_at text,
    connected_at       text,
    ended_at           text,
    -- The last read of the audience, and why the last read or attempt did not give one.
    last_read_at       text,
    last_error         text
);
