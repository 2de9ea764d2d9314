/** Tolerance tiers: the promises (accuracy tolerance or latency budget) a tenant's callers choose from. */
package io.tierserve.platform.tier;
