-- Cascades (stage graphs with their model artifacts) and the tiers a tenant serves through them.

create table cascades (
    tenant_id   uuid        not null references tenants (id) on delete cascade,
    id          uuid        not null,
    name        text        collate "C" not null check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    description text        not null default '' check (length(description) <= 2000),
    version     bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, name)
);

-- A stage graph is a forest under a virtual root: each stage has at most one parent, and the
-- parent belongs to the same cascade (enforced by the composite foreign key below). "position"
-- is the stage's index in a topological order (a parent precedes its children), the order in
-- which policy tables number stages. The parent references are deferred so that a whole graph
-- can be replaced in one transaction in any statement order.
create table stages (
    tenant_id       uuid        not null,
    id              uuid        not null,
    cascade_id      uuid        not null,
    name            text        collate "C" not null check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    position        integer     not null check (position >= 0),
    parent_stage_id uuid,
    description     text        not null default '' check (length(description) <= 2000),
    version         bigint      not null default 0,
    created_at      timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, cascade_id, id),
    unique (tenant_id, cascade_id, name),
    unique (tenant_id, cascade_id, position) deferrable initially deferred,
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id, parent_stage_id)
        references stages (tenant_id, cascade_id, id) on delete cascade deferrable initially deferred,
    check (parent_stage_id is null or parent_stage_id <> id)
);

-- Optional skip edges on a line: from stage "from" the walk may jump straight to a later stage
-- "to" (ALGORITHMS.md section 4). Both ends live in the same cascade.
create table stage_skips (
    tenant_id     uuid not null,
    from_stage_id uuid not null,
    cascade_id    uuid not null,
    to_stage_id   uuid not null,
    primary key (tenant_id, from_stage_id, to_stage_id),
    foreign key (tenant_id, cascade_id, from_stage_id)
        references stages (tenant_id, cascade_id, id) on delete cascade deferrable initially deferred,
    foreign key (tenant_id, cascade_id, to_stage_id)
        references stages (tenant_id, cascade_id, id) on delete cascade deferrable initially deferred,
    check (from_stage_id <> to_stage_id)
);
create index stage_skips_to_idx on stage_skips (tenant_id, to_stage_id);

-- The model that runs a stage: a file (ONNX, TorchScript, DJL model directory) by location and
-- digest. A stage may have several artifacts over time; at most one is current.
create table model_artifacts (
    tenant_id    uuid        not null,
    id           uuid        not null,
    cascade_id   uuid        not null,
    stage_id     uuid        not null,
    format       text        not null check (format in ('ONNX', 'TORCHSCRIPT', 'DJL')),
    engine       text        not null check (engine in ('OnnxRuntime', 'PyTorch')),
    location     text        not null check (length(location) between 1 and 2000),
    sha256       text        check (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes   bigint      check (size_bytes >= 0),
    current      boolean     not null default true,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, cascade_id, stage_id)
        references stages (tenant_id, cascade_id, id) on delete cascade
);
create index model_artifacts_stage_idx on model_artifacts (tenant_id, stage_id);
create unique index model_artifacts_current_idx on model_artifacts (tenant_id, stage_id) where current;

-- A tier is a promise a tenant makes to its callers. Its objective is either an accuracy
-- tolerance (serve within this accuracy loss of the best stage, as cheaply as possible) or a
-- latency budget (the most accurate answer whose expected latency stays within the budget).
-- A deadline, when set, is a hard per-request cut-off on top of the objective.
create table tiers (
    tenant_id          uuid             not null references tenants (id) on delete cascade,
    id                 uuid             not null,
    name               text             collate "C" not null
                                        check (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    description        text             not null default '' check (length(description) <= 2000),
    objective_kind     text             not null
                                        check (objective_kind in ('ACCURACY_TOLERANCE', 'LATENCY_BUDGET')),
    accuracy_tolerance double precision check (accuracy_tolerance >= 0 and accuracy_tolerance <= 1),
    latency_budget_ms  double precision check (latency_budget_ms > 0 and latency_budget_ms <= 3600000),
    deadline_ms        double precision check (deadline_ms > 0 and deadline_ms <= 3600000),
    priority           integer          not null default 5 check (priority between 0 and 9),
    rate_limit_per_second integer       check (rate_limit_per_second between 1 and 1000000),
    default_tier       boolean          not null default false,
    version            bigint           not null default 0,
    created_at         timestamptz      not null default now(),
    updated_at         timestamptz      not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, name),
    -- each objective kind carries exactly its own parameter
    check (
        (objective_kind = 'ACCURACY_TOLERANCE' and accuracy_tolerance is not null and latency_budget_ms is null)
        or (objective_kind = 'LATENCY_BUDGET' and latency_budget_ms is not null and accuracy_tolerance is null)
    )
);
-- at most one default tier per tenant
create unique index tiers_default_idx on tiers (tenant_id) where default_tier;
