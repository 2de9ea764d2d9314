-- Rate limits and quotas, enforced across every platform-api instance through one counter row per
-- (tenant, scope, window): an upsert increments it atomically and returns the new count, so all
-- instances see the same count; old windows are deleted by the platform.
--
-- tenant_limits: the tenant-wide limits (null = unlimited). Tier limits live on tiers
-- (rate_limit_per_second, and quota_per_day added here).
create table tenant_limits (
    tenant_id             uuid    primary key references tenants (id) on delete cascade,
    rate_limit_per_second integer check (rate_limit_per_second >= 1),
    quota_per_day         bigint  check (quota_per_day >= 1),
    updated_at            timestamptz not null default now()
);

alter table tiers add column quota_per_day bigint check (quota_per_day >= 1);

create table rate_counters (
    tenant_id    uuid        not null references tenants (id) on delete cascade,
    scope        text        not null check (length(scope) between 1 and 100),
    window_start timestamptz not null,
    count        bigint      not null default 0,
    primary key (tenant_id, scope, window_start)
);
create index rate_counters_window_idx on rate_counters (window_start);

alter table tenant_limits enable row level security;
alter table tenant_limits force row level security;
create policy tenant_isolation on tenant_limits
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table rate_counters enable row level security;
alter table rate_counters force row level security;
create policy tenant_isolation on rate_counters
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
