-- The audit log is append-only and hash-chained per tenant.
--
-- hash = SHA-256(prev_hash || the event's canonical text), computed by the platform when it
-- writes the event (under a per-tenant advisory lock, so the chain has no forks); prev_hash is
-- the hash of the tenant's previous event (null for its first). Changing any stored event breaks
-- its own hash and every later link, which GET /api/tenants/{t}/audit/verify reports.

create function audit_events_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_events is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_events_append_only
    before update or delete on audit_events
    for each row execute function audit_events_refuse_change();

create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_refuse_change();

-- Audit queries filter by actor, action and target inside one tenant, newest first.
create index audit_events_tenant_id_idx on audit_events (tenant_id, id);
create index audit_events_actor_idx on audit_events (tenant_id, actor, id);
create index audit_events_action_idx on audit_events (tenant_id, action, id);
create index audit_events_target_idx on audit_events (tenant_id, target_name, id);

-- The hash of one event: SHA-256 over the previous hash and an unambiguous text of the event
-- (a JSON array; the time in UTC to the microsecond). Used when writing and when verifying, so
-- both compute exactly the same bytes.
create function audit_event_hash(
    prev bytea, tenant uuid, occurred timestamptz, actor text, action text,
    target_type text, target_id uuid, target_name text, details jsonb) returns bytea
    language sql immutable as $$
    select sha256(coalesce(prev, '\x'::bytea) || convert_to(jsonb_build_array(
        tenant, to_char(occurred at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        actor, action, target_type, target_id, target_name, details)::text, 'UTF8'))
$$;
