/** Who may call what: one filter chain per surface, API-key authentication, tenant isolation, login audit. */
package io.tierserve.platform.security;
