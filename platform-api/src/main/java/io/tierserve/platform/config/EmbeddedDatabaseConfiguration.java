package io.tierserve.platform.config;

import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from Maven-shipped binaries when no external database is configured
 * ({@link EmbeddedDatabase}: durable, restarted when it exits, never left running, passwords only).
 *
 * <p>The pool connects as the application role {@code tierserve_app}, Flyway as the owner role
 * {@code tierserve_owner} ({@link EmbeddedDatabaseRoles}). The connection details depend on the
 * server bean, and the data source on the connection details, so on shutdown the pool closes
 * before the server stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties, EmbeddedDatabase::exitProcess);
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedDatabase database) {
        String url = database.jdbcUrl();
        DatabaseCredentials application = database.application();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return application.username();
            }

            @Override
            public String getPassword() {
                return application.password();
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    @Bean
    FlywayConnectionDetails embeddedPostgresFlywayConnectionDetails(EmbeddedDatabase database) {
        String url = database.jdbcUrl();
        DatabaseCredentials owner = database.owner();
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return owner.username();
            }

            @Override
            public String getPassword() {
                return owner.password();
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
