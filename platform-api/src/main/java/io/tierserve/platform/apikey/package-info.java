/** API keys of tenants: created once and shown once, stored as prefix and hash, scoped, revocable. */
package io.tierserve.platform.apikey;
