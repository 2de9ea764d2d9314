/** Demo data on first start: the {@code demo} tenant, its default tiers, and whatever other features contribute. */
package io.tierserve.platform.demo;
