package io.tierserve.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is given.
 *
 * @param dataDirectory where the database files live; kept across restarts
 * @param port the port to listen on on localhost; 0 picks a free one (kept across restarts of the
 *     server within one run of the platform, so the connection pool's URL stays valid)
 * @param restarts how often within ten minutes the platform starts the server again when it exits
 *     unexpectedly; past that (and at once with 0) the platform exits with status 1, for its
 *     supervisor to start it again
 * @param startupTimeout how long a start may take, recovery from the write-ahead log after a crash
 *     included
 * @param stopTimeout how long a server left running by an earlier run of the platform may take to
 *     stop cleanly before it is stopped immediately
 */
@ConfigurationProperties("tierserve.database.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("3") int restarts,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("30s") Duration stopTimeout) {}
