/** Cascades: a tenant's stage graphs (models of rising cost), validated to be trees with optional skips on a line. */
package io.tierserve.platform.cascade;
