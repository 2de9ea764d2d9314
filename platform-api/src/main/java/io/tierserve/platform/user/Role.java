package io.tierserve.platform.user;

/**
 * What an account may do: a platform admin everything; a tenant admin everything inside its
 * tenant; a tenant viewer (and the older developer and auditor roles) read inside its tenant.
 */
enum Role {
    PLATFORM_ADMIN,
    TENANT_ADMIN,
    TENANT_VIEWER,
    DEVELOPER,
    AUDITOR
}
