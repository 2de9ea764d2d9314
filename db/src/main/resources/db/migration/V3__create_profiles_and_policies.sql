-- Profiles (what each stage of a cascade did on labelled samples, and how long it took) and the
-- policy versions computed from them.

create table profiles (
    tenant_id     uuid        not null,
    id            uuid        not null,
    cascade_id    uuid        not null,
    name          text        not null check (length(name) between 1 and 200),
    source        text        not null check (source in ('UPLOADED', 'MEASURED')),
    sample_count  integer     not null default 0 check (sample_count >= 0),
    -- the share of samples used to estimate the model; the rest evaluates the policies
    fit_fraction  double precision not null default 0.5 check (fit_fraction > 0 and fit_fraction < 1),
    created_by    uuid        references users (id) on delete set null,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, cascade_id, id),
    unique (tenant_id, cascade_id, name),
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade
);

-- Per-stage latency per device class ("cpu", "gpu", "cpu-avx512", ...).
create table profile_stage_latencies (
    tenant_id    uuid             not null,
    profile_id   uuid             not null,
    cascade_id   uuid             not null,
    stage_id     uuid             not null,
    device_class text             not null check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    mean_ms      double precision not null check (mean_ms >= 0),
    p50_ms       double precision check (p50_ms >= 0),
    p99_ms       double precision check (p99_ms >= 0),
    measurements integer          not null default 1 check (measurements >= 1),
    primary key (tenant_id, profile_id, stage_id, device_class),
    foreign key (tenant_id, cascade_id, profile_id)
        references profiles (tenant_id, cascade_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id, stage_id)
        references stages (tenant_id, cascade_id, id) on delete cascade,
    check (p50_ms is null or p99_ms is null or p50_ms <= p99_ms)
);

create table profile_samples (
    tenant_id    uuid    not null,
    profile_id   uuid    not null,
    sample_index integer not null check (sample_index >= 0),
    label        text    not null,
    primary key (tenant_id, profile_id, sample_index),
    foreign key (tenant_id, profile_id) references profiles (tenant_id, id) on delete cascade
);

-- One row per sample and stage: the stage's prediction, its confidence, and whether it was right.
create table profile_outputs (
    tenant_id    uuid             not null,
    profile_id   uuid             not null,
    sample_index integer          not null,
    cascade_id   uuid             not null,
    stage_id     uuid             not null,
    prediction   text             not null,
    confidence   double precision not null check (confidence >= 0 and confidence <= 1),
    correct      boolean          not null,
    primary key (tenant_id, profile_id, sample_index, stage_id),
    foreign key (tenant_id, profile_id, sample_index)
        references profile_samples (tenant_id, profile_id, sample_index) on delete cascade,
    foreign key (tenant_id, cascade_id, stage_id)
        references stages (tenant_id, cascade_id, id) on delete cascade
);
create index profile_outputs_stage_idx on profile_outputs (tenant_id, stage_id);

-- A policy version serves one (cascade, tier, device class). "tables" holds the policy in the
-- policy-service format; "metrics" its held-out evaluation (accuracy, latency, bounds, baselines).
create table policy_versions (
    tenant_id       uuid        not null,
    id              uuid        not null,
    cascade_id      uuid        not null,
    tier_id         uuid        not null,
    device_class    text        not null check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    version_number  integer     not null check (version_number >= 1),
    profile_id      uuid,
    status          text        not null default 'DRAFT'
                                check (status in ('DRAFT', 'PENDING_APPROVAL', 'ACTIVE', 'RETIRED', 'REJECTED')),
    recall          boolean     not null default true,
    tradeoff_weight double precision check (tradeoff_weight >= 0),
    tables          jsonb       not null check (jsonb_typeof(tables) = 'object'),
    metrics         jsonb       not null default '{}' check (jsonb_typeof(metrics) = 'object'),
    expected_cost_ms double precision check (expected_cost_ms >= 0),
    expected_accuracy double precision check (expected_accuracy >= 0 and expected_accuracy <= 1),
    created_at      timestamptz not null default now(),
    activated_at    timestamptz,
    activated_by    uuid        references users (id) on delete set null,
    version         bigint      not null default 0,
    primary key (tenant_id, id),
    unique (tenant_id, cascade_id, tier_id, device_class, version_number),
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade,
    foreign key (tenant_id, tier_id) references tiers (tenant_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id, profile_id)
        references profiles (tenant_id, cascade_id, id) on delete set null (profile_id),
    check ((status = 'ACTIVE') = (activated_at is not null) or status = 'RETIRED')
);
-- at most one active version per (cascade, tier, device class)
create unique index policy_versions_active_idx
    on policy_versions (tenant_id, cascade_id, tier_id, device_class) where status = 'ACTIVE';
