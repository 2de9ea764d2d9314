package io.tierserve.platform.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is given.
 *
 * @param dataDirectory where the database files live; kept across restarts
 * @param port the port to listen on on localhost; 0 picks a free one
 */
@ConfigurationProperties("tierserve.database.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("0") int port) {}
