package io.tierserve.platform.audit;

import java.time.Instant;

/**
 * What an audit query asks for; every field is optional and they combine with AND.
 *
 * @param target the target's name
 * @param from inclusive lower bound of the time
 * @param to exclusive upper bound of the time
 */
record AuditFilter(String actor, String action, String target, Instant from, Instant to) {}
