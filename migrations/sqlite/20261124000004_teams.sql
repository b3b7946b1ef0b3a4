-- Teams and third-party access: invitations, API keys and share links. Every secret is stored
-- only as its SHA-256; the secret itself is shown once, when it is made.

-- A single-use, expiring invitation into a workspace for one e-mail address.
create table invitations (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    email        text not null,  -- lowercased; only this address may accept
    role         text not null check (role in ('owner', 'editor', 'viewer')),
    token_hash   blob not null unique,
    invited_by   blob references users (id) on delete set null,
    expires_at   text not null,
    accepted_at  text,
    accepted_by  blob references users (id) on delete set null,
    revoked_at   text,
    created_at   text not null
);
create index invitations_workspace on invitations (workspace_id, created_at);

-- A key for third-party tools: acts in one workspace with the scopes it was given, never with
-- more than its creator's role there.
create table api_keys (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    user_id      blob not null references users (id) on delete cascade,
    name         text not null,
    prefix       text not null,  -- the first characters, for recognising a key in a list
    key_hash     blob not null unique,
    scopes       text not null,  -- space-separated
    expires_at   text not null,
    last_used_at text,
    revoked_at   text,
    created_at   text not null
);
create index api_keys_workspace on api_keys (workspace_id, created_at);

-- A public, read-only link to one list's dashboard.
create table share_links (
    id           blob primary key,
    workspace_id blob not null references workspaces (id) on delete cascade,
    list_id      blob not null references lists (id) on delete cascade,
    prefix       text not null,
    token_hash   blob not null unique,
    created_by   blob references users (id) on delete set null,
    expires_at   text,
    last_used_at text,
    revoked_at   text,
    created_at   text not null
);
create index share_links_list on share_links (list_id, created_at);
