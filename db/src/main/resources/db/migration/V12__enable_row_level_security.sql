-- Row-level security: the second wall between tenants, behind the tenant checks in the code.
--
-- The platform sets app.tenant_id for the length of a transaction (set_config(..., true)) when
-- the caller is bound to one tenant (a tenant user, an API key). Then every tenant-owned table
-- shows and accepts only that tenant's rows, whatever a query forgets. Without the setting (the
-- platform admin, background jobs, API-key lookup before the tenant is known) all rows are
-- visible: those paths are not tenant-bound.
--
-- FORCE makes the policies bind the tables' owner too (the application usually owns them).
-- A superuser bypasses row-level security even so, so when the application connects as one (the
-- embedded PostgreSQL), it also switches to the unprivileged role tierserve_tenant for
-- tenant-bound transactions (SET LOCAL ROLE). Creating that role needs CREATEROLE; where the
-- migration lacks it, the role is skipped and the owner-level policies still apply.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'tierserve_tenant') then
        create role tierserve_tenant nologin;
    end if;
    execute format('grant tierserve_tenant to %I', current_user);
    execute format('grant usage on schema %I to tierserve_tenant', current_schema());
    execute format('grant select, insert, update, delete on all tables in schema %I to tierserve_tenant',
                   current_schema());
    execute format('grant usage, select on all sequences in schema %I to tierserve_tenant', current_schema());
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to tierserve_tenant',
                   current_schema());
    execute format('alter default privileges in schema %I grant usage, select on sequences to tierserve_tenant',
                   current_schema());
exception
    when insufficient_privilege then
        raise notice 'no CREATEROLE: row-level security binds the owner only (see V12)';
end
$$;

alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_isolation on tenants
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table cascades enable row level security;
alter table cascades force row level security;
create policy tenant_isolation on cascades
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table stages enable row level security;
alter table stages force row level security;
create policy tenant_isolation on stages
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table stage_skips enable row level security;
alter table stage_skips force row level security;
create policy tenant_isolation on stage_skips
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table model_artifacts enable row level security;
alter table model_artifacts force row level security;
create policy tenant_isolation on model_artifacts
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table tiers enable row level security;
alter table tiers force row level security;
create policy tenant_isolation on tiers
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table profiles enable row level security;
alter table profiles force row level security;
create policy tenant_isolation on profiles
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table profile_stage_latencies enable row level security;
alter table profile_stage_latencies force row level security;
create policy tenant_isolation on profile_stage_latencies
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table profile_samples enable row level security;
alter table profile_samples force row level security;
create policy tenant_isolation on profile_samples
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table profile_outputs enable row level security;
alter table profile_outputs force row level security;
create policy tenant_isolation on profile_outputs
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table policy_versions enable row level security;
alter table policy_versions force row level security;
create policy tenant_isolation on policy_versions
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table recomputation_jobs enable row level security;
alter table recomputation_jobs force row level security;
create policy tenant_isolation on recomputation_jobs
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy tenant_isolation on audit_events
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table usage_records enable row level security;
alter table usage_records force row level security;
create policy tenant_isolation on usage_records
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys
    using (nullif(current_setting('app.tenant_id', true), '') is null
           or tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
