-- API keys carry scopes (what a key may call), and tenants get a read-only role.
--
-- Scopes: 'predict' (the public inference API, /v1 and /v2) and 'admin:read' (reserved for
-- read-only admin calls with a key). A key holds at least one.
alter table api_keys
    add column scopes text[] not null default '{predict}'
        check (cardinality(scopes) >= 1 and scopes <@ array['predict', 'admin:read']::text[]);

-- TENANT_VIEWER reads everything of its tenant and changes nothing.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check
    check (role in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'TENANT_VIEWER', 'DEVELOPER', 'AUDITOR'));
