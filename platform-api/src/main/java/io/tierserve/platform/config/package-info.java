/** Cross-cutting set-up of the platform: security, the database, problem details, OpenAPI, startup. */
package io.tierserve.platform.config;
