-- Operational tables: the recomputation queue, the audit log, usage metering, worker
-- registrations, and the record of demo data already seeded.

-- A queue worked with SELECT ... FOR UPDATE SKIP LOCKED: a worker claims a QUEUED job (or a
-- RUNNING one whose lease expired) by setting lease_owner and lease_expires_at, and extends the
-- lease while it works.
create table recomputation_jobs (
    tenant_id        uuid        not null,
    id               uuid        not null,
    cascade_id       uuid        not null,
    profile_id       uuid        not null,
    status           text        not null default 'QUEUED'
                                 check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts         integer     not null default 0 check (attempts >= 0),
    max_attempts     integer     not null default 3 check (max_attempts >= 1),
    run_after        timestamptz not null default now(),
    lease_owner      text,
    lease_expires_at timestamptz,
    last_error       text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, cascade_id, profile_id)
        references profiles (tenant_id, cascade_id, id) on delete cascade,
    check (attempts <= max_attempts),
    check ((status = 'RUNNING') = (lease_owner is not null and lease_expires_at is not null)),
    check ((status in ('SUCCEEDED', 'FAILED')) = (finished_at is not null))
);
create index recomputation_jobs_cascade_idx on recomputation_jobs (tenant_id, cascade_id, created_at);
-- The claim query scans across tenants by due time (documented exception to the tenant-first
-- rule: a worker serves every tenant).
create index recomputation_jobs_due_idx on recomputation_jobs (run_after)
    where status in ('QUEUED', 'RUNNING');

-- Append-only. Outlives what it describes, so it has no foreign keys: deleting a tenant keeps
-- the record that it existed and who deleted it. tenant_id is null for platform-level events.
-- prev_hash and hash are filled once the hash chain arrives; the sequence orders the chain.
create table audit_events (
    tenant_id   uuid,
    id          bigint      generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor       text        not null check (length(actor) between 1 and 200),
    action      text        not null check (action ~ '^[a-z]+(\.[a-z_]+)+$'),
    target_type text        not null check (length(target_type) between 1 and 100),
    target_id   uuid,
    target_name text,
    details     jsonb       not null default '{}' check (jsonb_typeof(details) = 'object'),
    prev_hash   bytea       check (length(prev_hash) = 32),
    hash        bytea       check (length(hash) = 32)
);
create index audit_events_tenant_idx on audit_events (tenant_id, occurred_at);

-- One row per public API request, for metering and drift detection.
create table usage_records (
    tenant_id         uuid             not null references tenants (id) on delete cascade,
    id                bigint           generated always as identity,
    request_id        uuid             not null,
    occurred_at       timestamptz      not null default now(),
    api_key_id        uuid,
    cascade_id        uuid,
    tier_id           uuid,
    policy_version_id uuid,
    device_class      text             check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    stages_run        integer          not null check (stages_run >= 0),
    answered_by_stage_id uuid,
    recalled          boolean          not null default false,
    deadline_hit      boolean          not null default false,
    latency_ms        double precision not null check (latency_ms >= 0),
    outcome           text             not null check (outcome in ('OK', 'CLIENT_ERROR', 'SERVER_ERROR', 'RATE_LIMITED')),
    primary key (tenant_id, id),
    unique (tenant_id, request_id),
    foreign key (tenant_id, api_key_id) references api_keys (tenant_id, id) on delete set null (api_key_id),
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete set null (cascade_id),
    foreign key (tenant_id, tier_id) references tiers (tenant_id, id) on delete set null (tier_id),
    foreign key (tenant_id, policy_version_id)
        references policy_versions (tenant_id, id) on delete set null (policy_version_id)
);
create index usage_records_time_idx on usage_records (tenant_id, occurred_at);

-- Inference worker processes (one per node and pool) that announced themselves; platform-level.
create table worker_registrations (
    id                uuid        primary key,
    pool              text        not null check (pool ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    device_class      text        not null check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    endpoint          text        not null check (length(endpoint) between 1 and 500),
    capacity          integer     not null default 1 check (capacity >= 1),
    status            text        not null default 'UP' check (status in ('UP', 'DRAINING', 'DOWN')),
    registered_at     timestamptz not null default now(),
    last_heartbeat_at timestamptz not null default now(),
    unique (endpoint)
);
create index worker_registrations_pool_idx on worker_registrations (device_class, pool, last_heartbeat_at);

-- Which demo seed steps ran on this database, so each runs once even across upgrades.
create table demo_seeds (
    step       text        primary key check (length(step) between 1 and 100),
    applied_at timestamptz not null default now()
);
