package io.tierserve.platform.user;

/** What an account may do; the security issue gives each its full meaning. */
enum Role {
    PLATFORM_ADMIN,
    TENANT_ADMIN,
    DEVELOPER,
    AUDITOR
}
