package io.tierserve.platform.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * After every migration, gives the application role what it needs on the migrated schema, and no
 * more: {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} on every table, use of every
 * sequence, use of the schema.
 *
 * <p>It applies when the migrations run as another role than the pool's ({@code spring.flyway.user},
 * or the embedded server's {@code tierserve_owner} and {@code tierserve_app}): it runs on Flyway's
 * connection, as the owner, so it can grant only what the owner owns. With one role for both it
 * does nothing.
 */
@Component
class ApplicationRoleGrants implements Callback {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRoleGrants.class);

    private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

    ApplicationRoleGrants(ObjectProvider<JdbcConnectionDetails> connectionDetails) {
        this.connectionDetails = connectionDetails;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return "application role grants";
    }

    @Override
    public void handle(Event event, Context context) {
        JdbcConnectionDetails details = connectionDetails.getIfAvailable();
        String application = details == null ? null : details.getUsername();
        if (application == null || application.isBlank()) {
            return;
        }
        try {
            grant(context.getConnection(), application);
        } catch (SQLException e) {
            throw new FlywayException("Could not grant the application role " + application + " its rights", e);
        }
    }

    static void grant(Connection connection, String application) throws SQLException {
        String schema;
        boolean ownsSchema;
        try (PreparedStatement query = connection.prepareStatement(
                        "select current_user = ?, exists (select 1 from pg_roles where rolname = ?), current_schema(),"
                                + " (select nspowner = (select oid from pg_roles where rolname = current_user)"
                                + " from pg_namespace where nspname = current_schema())");
                ResultSet row = executeWith(query, application)) {
            row.next();
            if (row.getBoolean(1)) {
                return;
            }
            if (!row.getBoolean(2)) {
                log.warn("The connection pool's user {} is no role of the database: nothing granted", application);
                return;
            }
            schema = row.getString(3);
            ownsSchema = row.getBoolean(4);
        }
        try (Statement sql = connection.createStatement()) {
            String role = quote(sql, application);
            String in = quote(sql, schema);
            if (ownsSchema) {
                sql.execute("grant usage on schema " + in + " to " + role);
            }
            sql.execute("grant select, insert, update, delete on all tables in schema " + in + " to " + role);
            sql.execute("grant usage, select on all sequences in schema " + in + " to " + role);
        }
        log.info("Granted {} the use of the tables and sequences in schema {}", application, schema);
    }

    private static ResultSet executeWith(PreparedStatement query, String application) throws SQLException {
        query.setString(1, application);
        query.setString(2, application);
        return query.executeQuery();
    }

    private static String quote(Statement sql, String identifier) throws SQLException {
        try (ResultSet quoted = sql.executeQuery("select quote_ident('" + identifier.replace("'", "''") + "')")) {
            quoted.next();
            return quoted.getString(1);
        }
    }
}
