-- Tenants, the people who act on them, and the API keys applications call with.
--
-- Conventions for every migration in this folder:
--   * names users choose (tenants, cascades, stages, tiers) are lower-case DNS labels;
--   * a tenant-owned table has primary key (tenant_id, id) and every other key and index starts
--     with tenant_id, so tenant data clusters together and the tables can later be partitioned
--     by tenant; foreign keys between tenant-owned tables carry tenant_id too, so a row can never
--     point into another tenant's data;
--   * timestamps are timestamptz; optimistic locking uses a "version" column;
--   * names sort with collation "C", so lists come out in the same order on every server locale.

create table tenants (
    id           uuid        primary key,
    name         text        collate "C" not null unique
                             check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    display_name text        not null check (length(display_name) between 1 and 200),
    -- how a recomputed policy version goes live: at once, or after a tenant admin approves it
    policy_activation text   not null default 'AUTOMATIC'
                             check (policy_activation in ('AUTOMATIC', 'APPROVAL')),
    version      bigint      not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

-- Users log in by user name before any tenant is known, so the user name is unique platform-wide.
-- tenant_id is null for platform-level users (the bootstrap admin).
create table users (
    id            uuid        primary key,
    tenant_id     uuid        references tenants (id) on delete cascade,
    username      text        not null unique
                              check (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$'),
    -- a DelegatingPasswordEncoder string: {bcrypt}..., {argon2}...
    password_hash text        not null check (password_hash ~ '^\{[a-z0-9-]+\}'),
    enabled       boolean     not null default true,
    version       bigint      not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index users_tenant_idx on users (tenant_id, username);

create table user_roles (
    user_id uuid not null references users (id) on delete cascade,
    role    text not null
            check (role in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER', 'AUDITOR')),
    primary key (user_id, role)
);

-- Only a hash of the key is stored; the prefix is shown to people so they can tell keys apart.
create table api_keys (
    tenant_id    uuid        not null references tenants (id) on delete cascade,
    id           uuid        not null,
    name         text        not null check (length(name) between 1 and 100),
    prefix       text        not null check (prefix ~ '^[A-Za-z0-9_]{8,16}$'),
    key_hash     bytea       not null check (length(key_hash) = 32),
    created_by   uuid        references users (id) on delete set null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    primary key (tenant_id, id),
    unique (tenant_id, name),
    check (expires_at is null or expires_at > created_at)
);
-- The one global lookup path: a request presents its key before its tenant is known, so the
-- prefix must find the key on its own (documented exception to the tenant-first rule).
create unique index api_keys_prefix_idx on api_keys (prefix);
