/**
 * Recomputation jobs: a PostgreSQL queue (leases, retries, dead letters) and the processor that turns a stored profile into policy versions, in plain JDBC so the same code runs in platform-api and as {@code policy-service serve}.
 */
package io.tierserve.policy.service;
