-- User names are scoped per tenant: a tenant user signs in as "<tenant>/<user name>", a platform
-- account (no tenant) by its plain name. A name is unique within its tenant ignoring case, and
-- platform accounts among themselves, so two tenants may each have a user "alice" and neither
-- can find out that the other has one. (Refusing tenant users named like a platform account,
-- ignoring case, is the application's check.)
alter table users drop constraint users_username_key;

-- Rows stored before names had to be lower case could differ only in case within one tenant; such
-- a database keeps names unique as written (the application still compares ignoring case).
do $$
begin
    if exists (select 1 from users group by tenant_id, lower(username) having count(*) > 1) then
        raise notice 'user names differing only in case exist in one tenant: unique as written';
        create unique index users_tenant_username_key
            on users (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), username);
    else
        create unique index users_tenant_username_key
            on users (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(username));
    end if;
end
$$;
