-- The data plane serves from an in-memory snapshot of each tenant's keys, tiers, limits and
-- active policy versions. Every change to those rows notifies the channel tierserve_serving with
-- the tenant's id, once per tenant and transaction (PostgreSQL folds identical payloads of one
-- transaction into one notification, and delivers them only when it commits), so every instance
-- reloads that tenant's part of its snapshot.
create function notify_serving_change() returns trigger
    language plpgsql as $$
declare
    tenant uuid;
begin
    if tg_table_name = 'tenants' then
        tenant := coalesce(new.id, old.id);
    elsif tg_op = 'DELETE' then
        tenant := old.tenant_id;
    else
        tenant := new.tenant_id;
    end if;
    perform pg_notify('tierserve_serving', tenant::text);
    return null;
end
$$;

create trigger tenants_serving_change
    after insert or delete or update of name on tenants
    for each row execute function notify_serving_change();

-- last_used_at is written behind requests in batches; it is not part of the snapshot
create trigger api_keys_serving_change
    after insert or delete or update of tenant_id, name, prefix, key_hash, scopes, expires_at, revoked_at
    on api_keys
    for each row execute function notify_serving_change();

create trigger tiers_serving_change
    after insert or update or delete on tiers
    for each row execute function notify_serving_change();

create trigger tenant_limits_serving_change
    after insert or update or delete on tenant_limits
    for each row execute function notify_serving_change();

create trigger cascades_serving_change
    after insert or delete or update of name on cascades
    for each row execute function notify_serving_change();

create trigger policy_versions_serving_change
    after insert or delete or update of status on policy_versions
    for each row execute function notify_serving_change();

-- Rate limits are admitted from tokens that each instance leases in advance, so a request does
-- not wait for the database; the leases are counted here.
--
-- One lease: under a transaction-scoped advisory lock per (tenant, scope), grants up to p_wanted
-- tokens such that the counts of the rows from p_since to p_slot stay within p_max, and adds the
-- grant to the row of p_slot. A per-second limit passes the current 25 ms slot and the instant
-- 1 s before it (so any one-second interval, which touches at most 41 slots, is within the limit);
-- a daily quota passes the day's row for both. Returns the tokens granted (0 when none are left).
create function rate_lease(p_tenant uuid, p_scope text, p_slot timestamptz, p_since timestamptz, p_max bigint,
                           p_wanted integer) returns integer
    language plpgsql as $$
declare
    used    bigint;
    granted integer;
begin
    perform pg_advisory_xact_lock(hashtextextended('rate:' || p_tenant::text || ':' || p_scope, 0));
    select coalesce(sum(c.count), 0) into used from rate_counters c
    where c.tenant_id = p_tenant and c.scope = p_scope and c.window_start between p_since and p_slot;
    granted := greatest(0, least(p_wanted::bigint, p_max - used))::integer;
    if granted > 0 then
        insert into rate_counters as c (tenant_id, scope, window_start, count)
        values (p_tenant, p_scope, p_slot, granted)
        on conflict (tenant_id, scope, window_start) do update set count = c.count + excluded.count;
    end if;
    return granted;
end
$$;

-- Gives back leased tokens that were not used before their slot ended.
create function rate_return(p_tenant uuid, p_scope text, p_slot timestamptz, p_unused integer) returns void
    language sql as $$
    update rate_counters c set count = greatest(0, c.count - p_unused)
    where c.tenant_id = p_tenant and c.scope = p_scope and c.window_start = p_slot;
$$;
