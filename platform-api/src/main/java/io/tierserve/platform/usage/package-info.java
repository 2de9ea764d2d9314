/** Usage metering of the public API: one record per request, aggregates for admins, Prometheus meters. */
package io.tierserve.platform.usage;
