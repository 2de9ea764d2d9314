-- The held-out frontier a recomputation computed for a cascade on one device class: every policy
-- family the tiers were planned with (its fit-half hull, each rule replayed on the held-out half)
-- and the baselines of the same held-out half. Written with the job's policy versions, in the same
-- transaction; GET .../cascades/{c}/frontier reads the newest per device class.
create table policy_frontiers (
    tenant_id    uuid        not null,
    id           uuid        not null,
    cascade_id   uuid        not null,
    device_class text        not null check (device_class ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    profile_id   uuid,
    job_id       uuid,
    frontier     jsonb       not null check (jsonb_typeof(frontier) = 'object'),
    created_at   timestamptz not null default now(),
    primary key (tenant_id, id),
    -- one frontier per job and device class: a job re-run after a crash stores nothing twice
    unique (tenant_id, job_id, device_class),
    foreign key (tenant_id, cascade_id) references cascades (tenant_id, id) on delete cascade,
    foreign key (tenant_id, cascade_id, profile_id)
        references profiles (tenant_id, cascade_id, id) on delete set null (profile_id)
);
create index policy_frontiers_newest_idx on policy_frontiers (tenant_id, cascade_id, device_class, created_at desc);

alter table policy_frontiers enable row level security;
alter table policy_frontiers force row level security;
create policy tenant_isolation on policy_frontiers
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
