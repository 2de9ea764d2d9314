/** Tenants: the organisations that serve models on the platform, managed by platform admins. */
package io.tierserve.platform.tenant;
