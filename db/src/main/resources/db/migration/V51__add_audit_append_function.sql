-- One append to a tenant's audit hash chain, shared by every writer (platform-api's AuditChain and
-- policy-service's job processor), so there is a single definition of how an event joins the chain:
-- a per-tenant transaction-scoped advisory lock keeps the chain free of forks, the previous event's
-- hash is the link, and audit_event_hash (V11) computes the new one from the stored values.
-- Runs with the caller's rights, so row-level security applies as to a plain insert.
create function audit_append(
    tenant uuid, actor text, action text, target_type text, target_id uuid, target_name text,
    details jsonb) returns void
    language plpgsql as $$
declare
    occurred timestamptz := clock_timestamp();
    prev     bytea;
begin
    perform pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(tenant::text, 'platform'), 0));
    select e.hash into prev from audit_events e
    where e.tenant_id is not distinct from tenant
    order by e.id desc limit 1;
    insert into audit_events (tenant_id, occurred_at, actor, action, target_type, target_id, target_name,
                              details, prev_hash, hash)
    values (tenant, occurred, actor, action, target_type, target_id, target_name, details, prev,
            audit_event_hash(prev, tenant, occurred, actor, action, target_type, target_id, target_name,
                             details));
end
$$;
