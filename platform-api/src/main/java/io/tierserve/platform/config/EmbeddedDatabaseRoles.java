package io.tierserve.platform.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL, and as what.
 *
 * <ul>
 *   <li><b>Password authentication only.</b> The server is created with {@code initdb
 *       --auth=scram-sha-256 --pwfile=...}: {@code pg_hba.conf} trusts no connection, and the
 *       superuser {@code postgres} has a password generated at the first start, kept in {@code
 *       data/postgres.password} beside the data directory (mode 600, read by this process only).
 *   <li><b>An owner and an application role.</b> {@code tierserve_owner} owns the schema and its
 *       tables and runs the migrations; {@code tierserve_app} is what the connection pool logs in
 *       as: no superuser, not the owner, {@code NOBYPASSRLS}, with only {@code SELECT}, {@code
 *       INSERT}, {@code UPDATE}, {@code DELETE} on the tables and use of the sequences (granted after
 *       each migration, {@link ApplicationRoleGrants}), so row-level security binds it and it can
 *       neither change the schema nor lift the audit trail's triggers. Their passwords are new at
 *       every start of the platform and live in its memory only.
 *   <li><b>Older data directories keep working.</b> A directory created when local connections were
 *       trusted is converted at its next start: the superuser gets the password of the file, every
 *       {@code trust} in {@code pg_hba.conf} becomes {@code scram-sha-256} (the server reloads it),
 *       and the tables, sequences, views and functions the superuser owned in schema {@code public}
 *       pass to {@code tierserve_owner}.
 * </ul>
 */
final class EmbeddedDatabaseRoles {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseRoles.class);

    static final String SUPERUSER = "postgres";
    static final String OWNER = "tierserve_owner";
    static final String APPLICATION = "tierserve_app";
    static final String DATABASE = "postgres";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Pattern TRUST = Pattern.compile("(?m)^(\\s*[^#\\s][^#\\n]*?\\s)trust(\\s|$)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path passwordFile;
    private final DatabaseCredentials superuser;
    private final DatabaseCredentials owner = new DatabaseCredentials(OWNER, randomPassword());
    private final DatabaseCredentials application = new DatabaseCredentials(APPLICATION, randomPassword());

    private EmbeddedDatabaseRoles(Path passwordFile, String superuserPassword) {
        this.passwordFile = passwordFile;
        this.superuser = new DatabaseCredentials(SUPERUSER, superuserPassword);
    }

    /** The file that keeps the superuser's password: {@code data/postgres.password} for {@code data/postgres}. */
    static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    /**
     * Reads the superuser's password from its file beside {@code dataDirectory}, creating the file
     * with a new random password (mode 600) when there is none; a file others may read is narrowed
     * to mode 600.
     */
    static EmbeddedDatabaseRoles load(Path dataDirectory) throws IOException {
        Path file = passwordFile(dataDirectory);
        if (Files.notExists(file)
                && Files.exists(dataDirectory.resolve("PG_VERSION"))
                && !trustsConnections(dataDirectory)) {
            throw new EmbeddedDatabaseException("The embedded PostgreSQL in " + dataDirectory
                    + " asks for passwords, but " + file + ", which keeps its superuser's, is missing: restore it,"
                    + " or set the method of every line of " + dataDirectory.resolve("pg_hba.conf")
                    + " to trust for one start (the platform then sets a new password and asks for it again)");
        }
        String generated = randomPassword();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            log.info("Generated the embedded PostgreSQL's superuser password into {} (mode 600)", file);
            return new EmbeddedDatabaseRoles(file, generated);
        } catch (FileAlreadyExistsException existing) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("{} could be read by others; narrowed it to mode 600", file);
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty() || password.contains("\n")) {
                throw new EmbeddedDatabaseException(
                        file + " must hold the embedded PostgreSQL's superuser password on its one line");
            }
            return new EmbeddedDatabaseRoles(file, password);
        }
    }

    /** The file the superuser's password is kept in; {@code initdb --pwfile} reads it on the first start. */
    Path passwordFile() {
        return passwordFile;
    }

    DatabaseCredentials superuser() {
        return superuser;
    }

    DatabaseCredentials owner() {
        return owner;
    }

    DatabaseCredentials application() {
        return application;
    }

    /** Whether {@code pg_hba.conf} in {@code dataDirectory} still trusts some connections (an older data directory). */
    static boolean trustsConnections(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        return Files.exists(hba) && TRUST.matcher(Files.readString(hba)).find();
    }

    /**
     * Brings a running server to the roles above: converts trust authentication where an older data
     * directory still has it, creates or updates the owner and application roles with this run's
     * passwords, and hands what the superuser owns in schema {@code public} to the owner. Idempotent;
     * runs after every start of the server.
     */
    void apply(Path dataDirectory, String jdbcUrl) throws IOException, SQLException {
        boolean trusting = trustsConnections(dataDirectory);
        try (Connection connection = connect(jdbcUrl, superuser);
                Statement sql = connection.createStatement()) {
            sql.execute("set password_encryption = 'scram-sha-256'");
            if (trusting) {
                // connected without a password while trust lasts: set it before trust ends
                sql.execute("alter role " + SUPERUSER + " password " + literal(superuser.password()));
                Path hba = dataDirectory.resolve("pg_hba.conf");
                String converted = TRUST.matcher(Files.readString(hba)).replaceAll("$1scram-sha-256$2");
                Files.writeString(hba, converted, StandardCharsets.UTF_8);
                sql.execute("select pg_reload_conf()");
                log.warn(
                        "The embedded PostgreSQL in {} trusted local connections; it now asks for passwords"
                                + " (scram-sha-256), the superuser's kept in {}",
                        dataDirectory,
                        passwordFile);
            }
            for (DatabaseCredentials role : List.of(owner, application)) {
                sql.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = "
                        + literal(role.username()) + ") then create role " + role.username()
                        + "; end if; end $$");
                sql.execute("alter role " + role.username()
                        + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password "
                        + literal(role.password()));
            }
            sql.execute("alter schema public owner to " + OWNER);
            sql.execute("revoke create on schema public from public");
            sql.execute("grant usage on schema public to " + APPLICATION);
            for (String statement : handOverStatements(sql)) {
                sql.execute(statement);
            }
        }
    }

    /** What the superuser still owns in schema public (the tables of an older data directory), as ALTER ... OWNER statements. */
    private static List<String> handOverStatements(Statement sql) throws SQLException {
        List<String> statements = new ArrayList<>();
        // relations first: a table takes its indexes and identity sequences along
        try (var rows = sql.executeQuery("select c.relkind, c.oid::regclass::text from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'public' and c.relowner = '" + SUPERUSER + "'::regrole"
                + " and c.relkind in ('r', 'p', 'v', 'm', 'f')"
                + " order by c.oid")) {
            while (rows.next()) {
                String kind = switch (rows.getString(1)) {
                    case "v" -> "view";
                    case "m" -> "materialized view";
                    case "f" -> "foreign table";
                    default -> "table";
                };
                statements.add("alter " + kind + " " + rows.getString(2) + " owner to " + OWNER);
            }
        }
        // sequences that belong to no table
        try (var rows = sql.executeQuery("select c.oid::regclass::text from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'public' and c.relowner = '" + SUPERUSER + "'::regrole and c.relkind = 'S'"
                + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass"
                + " and d.objid = c.oid and d.deptype in ('a', 'i'))")) {
            while (rows.next()) {
                statements.add("alter sequence " + rows.getString(1) + " owner to " + OWNER);
            }
        }
        try (var rows = sql.executeQuery("select p.prokind, p.oid::regprocedure::text from pg_proc p"
                + " join pg_namespace n on n.oid = p.pronamespace"
                + " where n.nspname = 'public' and p.proowner = '" + SUPERUSER + "'::regrole")) {
            while (rows.next()) {
                String kind = switch (rows.getString(1)) {
                    case "p" -> "procedure";
                    case "a" -> "aggregate";
                    default -> "function";
                };
                statements.add("alter " + kind + " " + rows.getString(2) + " owner to " + OWNER);
            }
        }
        if (!statements.isEmpty()) {
            log.warn(
                    "Handing {} objects the embedded PostgreSQL's superuser owned in schema public to {}",
                    statements.size(),
                    OWNER);
        }
        return statements;
    }

    static Connection connect(String jdbcUrl, DatabaseCredentials credentials) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
