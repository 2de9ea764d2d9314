/**
 * What the data plane serves from: an in-memory snapshot of every tenant's API keys, tiers, limits
 * and active policy versions, kept current from PostgreSQL change notifications.
 */
@NullMarked
package io.tierserve.platform.serving;

import org.jspecify.annotations.NullMarked;
