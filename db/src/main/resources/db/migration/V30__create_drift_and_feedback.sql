-- Drift detection and feedback (issue 6): live confidence-bin counts, drift events, the per-stage
-- outputs of each served request, labels sent back by applications, and why a job was queued.

-- Live traffic's confidence bins, counted in memory per platform instance and added here
-- periodically (several instances add up). One row per (policy version, minute, stage, bin); the
-- bins are those of the version's policy document, so live counts and the profile's replay are
-- binned alike. stage_index is the stage's index in the policy (cascade position order).
create table drift_bin_counts (
    tenant_id         uuid        not null,
    policy_version_id uuid        not null,
    bucket_start      timestamptz not null,
    stage_index       integer     not null check (stage_index >= 0),
    bin               integer     not null check (bin >= 0),
    cascade_id        uuid        not null,
    device_class      text        not null check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    count             bigint      not null check (count >= 0),
    primary key (tenant_id, policy_version_id, bucket_start, stage_index, bin),
    foreign key (tenant_id, policy_version_id) references policy_versions (tenant_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade
);
create index drift_bin_counts_cascade_idx on drift_bin_counts (tenant_id, cascade_id, bucket_start);

-- A stage whose live bin distribution moved away from what its profile predicts (PSI above the
-- threshold with enough live samples in the window). At most one per (version, stage) per window.
create table drift_events (
    tenant_id         uuid             not null,
    id                uuid             not null,
    cascade_id        uuid             not null,
    policy_version_id uuid             not null,
    tier_id           uuid             not null,
    stage_id          uuid             not null,
    device_class      text             not null check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    psi               double precision not null check (psi >= 0),
    threshold         double precision not null check (threshold >= 0),
    live_count        bigint           not null check (live_count >= 0),
    window_start      timestamptz      not null,
    window_end        timestamptz      not null,
    created_at        timestamptz      not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade,
    foreign key (tenant_id, policy_version_id) references policy_versions (tenant_id, id) on delete cascade,
    foreign key (tenant_id, tier_id) references tiers (tenant_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id, stage_id) references stages (tenant_id, cascade_id, id) on delete cascade,
    check (window_start <= window_end)
);
create index drift_events_cascade_idx on drift_events (tenant_id, cascade_id, created_at);
create index drift_events_version_idx on drift_events (tenant_id, policy_version_id, stage_id, created_at);

-- The trace of a served request now keeps each run stage's prediction (class index) and
-- confidence, in run order beside usage_records.stages; and, for the sampled share of requests
-- that were fully profiled (every stage run after the answer), every stage's output in cascade
-- order, which is what a live profile needs.
alter table usage_records add column stage_predictions integer[];
alter table usage_records add column stage_confidences double precision[];
alter table usage_records add column profile_predictions integer[];
alter table usage_records add column profile_confidences double precision[];
alter table usage_records
    add constraint usage_records_stage_outputs_check check (
        (stage_predictions is null) = (stage_confidences is null)
        and (profile_predictions is null) = (profile_confidences is null));

-- A label an application sent back for one of its requests (at most one per request), with what
-- each run stage predicted and whether it was right. live_profile_id is set once the labelled
-- sample went into a live profile.
create table feedback (
    tenant_id       uuid               not null references tenants (id) on delete cascade,
    request_id      uuid               not null,
    cascade_id      uuid               not null,
    label           integer            not null check (label >= 0),
    stages          text[]             not null,
    predictions     integer[]          not null,
    confidences     double precision[] not null,
    correct         boolean[]          not null,
    answer_correct  boolean            not null,
    profiled        boolean            not null,
    live_profile_id uuid,
    api_key_id      uuid,
    created_at      timestamptz        not null default now(),
    primary key (tenant_id, request_id),
    foreign key (tenant_id, request_id) references usage_records (tenant_id, request_id) on delete cascade,
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id, live_profile_id)
        references profiles (tenant_id, cascade_id, id) on delete set null (live_profile_id),
    check (cardinality(stages) = cardinality(predictions)
           and cardinality(stages) = cardinality(confidences)
           and cardinality(stages) = cardinality(correct))
);
create index feedback_pending_idx on feedback (tenant_id, cascade_id, created_at)
    where profiled and live_profile_id is null;

-- A tier created or changed needs policies for every cascade with a stored profile.
alter table recomputation_jobs drop constraint recomputation_jobs_reason_check;
alter table recomputation_jobs add constraint recomputation_jobs_reason_check
    check (reason in ('PROFILE_STORED', 'LIVE_FEEDBACK', 'TIER_CHANGED'));

alter table drift_bin_counts enable row level security;
alter table drift_bin_counts force row level security;
create policy tenant_isolation on drift_bin_counts
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table drift_events enable row level security;
alter table drift_events force row level security;
create policy tenant_isolation on drift_events
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table feedback enable row level security;
alter table feedback force row level security;
create policy tenant_isolation on feedback
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
