package io.tierserve.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a data directory startable again when the platform that ran its embedded PostgreSQL ended
 * without stopping it ({@code kill -9}, the OOM killer): PostgreSQL refuses to start while the
 * {@code postmaster.pid} of its directory names a live process.
 *
 * <p>Called while this process holds the directory's {@link DataDirectoryLock}, so no running
 * platform owns whatever server the file names. What it finds:
 *
 * <ul>
 *   <li>no {@code postmaster.pid}: nothing to do;
 *   <li>a live process that is PostgreSQL on this very directory (its executable is {@code
 *       postgres} and its command line's {@code -D} resolves to this directory): a server left
 *       running. It is stopped cleanly (SIGINT, PostgreSQL's fast shutdown: it ends its sessions
 *       and writes a checkpoint), or if that takes too long, immediately (SIGQUIT; the next start
 *       recovers from the write-ahead log as after a crash);
 *   <li>a process that is gone: PostgreSQL handles that file itself, once every process of the
 *       crashed server has let go of its shared memory, which is waited for here (the file of a
 *       process that has ended but is not yet reaped is removed: PostgreSQL would take it for alive);
 *   <li>a live process that is something else (its id was reused): the file is stale and is
 *       removed, after the same wait;
 *   <li>a live process whose command line cannot be read: nothing is touched; the start fails
 *       with a message that names the process.
 * </ul>
 *
 * <p>Signals go through {@code sh -c kill}: Java sends no SIGINT, and the shell's own {@code kill}
 * needs no other package.
 */
final class LeftoverServer {

    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private static final Path SYSV_SHARED_MEMORY = Path.of("/proc/sysvipc/shm");

    enum Identity {
        /** PostgreSQL on the data directory in question. */
        OURS,
        /** Verifiably something else. */
        OTHER,
        /** Its executable or command line cannot be read. */
        UNKNOWN
    }

    private LeftoverServer() {}

    /**
     * Clears what a previous run left on {@code dataDirectory}.
     *
     * @param stopTimeout how long a left-running server may take for a clean stop
     * @throws EmbeddedDatabaseException when the directory cannot be made startable
     */
    static void clear(Path dataDirectory, Duration stopTimeout) throws IOException {
        Optional<PostmasterPidFile> found = PostmasterPidFile.read(dataDirectory);
        if (found.isEmpty()) {
            return;
        }
        PostmasterPidFile file = found.get();
        Optional<ProcessHandle> process = ProcessHandle.of(file.pid()).filter(LeftoverServer::running);
        if (process.isEmpty()) {
            awaitDetached(dataDirectory, file.sharedMemoryId());
            if (ProcessHandle.of(file.pid()).isPresent()) {
                // ended but not reaped: PostgreSQL would take the zombie for a live server
                Files.deleteIfExists(dataDirectory.resolve(PostmasterPidFile.NAME));
            }
            log.info(
                    "The embedded PostgreSQL on {} did not stop cleanly last time (PID {} is gone); it recovers"
                            + " from its write-ahead log as it starts",
                    dataDirectory,
                    file.pid());
            return;
        }
        switch (identify(process.get(), dataDirectory)) {
            case OURS -> {
                stop(process.get(), stopTimeout);
                awaitDetached(dataDirectory, file.sharedMemoryId());
                log.warn(
                        "Stopped the embedded PostgreSQL (PID {}) that a previous run of the platform left running"
                                + " on {}",
                        file.pid(),
                        dataDirectory);
            }
            case OTHER -> {
                awaitDetached(dataDirectory, file.sharedMemoryId());
                Files.deleteIfExists(dataDirectory.resolve(PostmasterPidFile.NAME));
                log.info(
                        "Removed the stale {} of {}: PID {} is no longer a PostgreSQL on it",
                        PostmasterPidFile.NAME,
                        dataDirectory,
                        file.pid());
            }
            case UNKNOWN ->
                throw new EmbeddedDatabaseException("The " + PostmasterPidFile.NAME + " of " + dataDirectory
                        + " names PID " + file.pid() + ", which runs but cannot be identified; if it is not a"
                        + " PostgreSQL on this directory, remove that file; if it is, stop it");
        }
    }

    /** Whether {@code process} is a PostgreSQL server whose data directory is {@code dataDirectory}. */
    static Identity identify(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        Optional<String[]> arguments = info.arguments();
        if (command.isEmpty() || arguments.isEmpty()) {
            return Identity.UNKNOWN;
        }
        // " (deleted)" follows the name when the binaries were removed under a running server
        Path executable = Path.of(command.get()).getFileName();
        if (executable == null || !executable.toString().startsWith("postgres")) {
            return Identity.OTHER;
        }
        List<String> args = List.of(arguments.get());
        int flag = args.indexOf("-D");
        if (flag < 0 || flag + 1 >= args.size()) {
            return Identity.UNKNOWN;
        }
        Path directory = Path.of(args.get(flag + 1));
        try {
            if (!directory.isAbsolute()) {
                Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
                if (!Files.isDirectory(cwd)) {
                    return Identity.UNKNOWN;
                }
                directory = cwd.toRealPath().resolve(directory);
            }
            if (!Files.isDirectory(directory)) {
                return Identity.OTHER;
            }
            return Files.isSameFile(directory, dataDirectory) ? Identity.OURS : Identity.OTHER;
        } catch (IOException e) {
            return Identity.UNKNOWN;
        }
    }

    private static void stop(ProcessHandle server, Duration timeout) throws IOException {
        signal(server.pid(), "INT");
        if (awaitExit(server, timeout)) {
            return;
        }
        log.warn(
                "The PostgreSQL left running (PID {}) did not stop within {}; stopping it immediately",
                server.pid(),
                timeout);
        signal(server.pid(), "QUIT");
        if (!awaitExit(server, Duration.ofSeconds(10))) {
            throw new EmbeddedDatabaseException("The PostgreSQL (PID " + server.pid()
                    + ") left running by a previous run of the platform does not stop; end it with kill -9 "
                    + server.pid());
        }
    }

    static void signal(long pid, String signal) throws IOException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " \"$1\"", "kill", Long.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            kill.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PID " + pid, e);
        }
    }

    /**
     * Whether {@code process} still runs. Unlike {@link ProcessHandle#isAlive()}, a process that has
     * ended but is not yet reaped by its parent (a zombie, state {@code Z} in {@code
     * /proc/<pid>/stat}) does not: a postmaster's parent is whatever adopted it, which need not reap
     * promptly (a JVM that is process 1 of a container never does).
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int name = stat.lastIndexOf(')');
            return name < 0 || name + 2 >= stat.length() || stat.charAt(name + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            pause(50);
        }
        return true;
    }

    /**
     * Waits until no process is attached to the server's System V shared memory segment: the
     * processes of a postmaster killed with {@code kill -9} end on their own within moments, and
     * PostgreSQL refuses to start while they last. Linux only ({@code /proc/sysvipc/shm}); elsewhere
     * PostgreSQL's own check is all there is.
     */
    static void awaitDetached(Path dataDirectory, OptionalLong sharedMemoryId) {
        if (sharedMemoryId.isEmpty() || !Files.isReadable(SYSV_SHARED_MEMORY)) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long attached;
        while ((attached = attached(sharedMemoryId.getAsLong())) > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new EmbeddedDatabaseException(
                        attached + " process(es) of an earlier PostgreSQL on " + dataDirectory
                                + " still run (shared memory id " + sharedMemoryId.getAsLong()
                                + "); end them (ps -ef | grep postgres) and start again");
            }
            pause(100);
        }
    }

    /** How many processes are attached to System V shared memory segment {@code id}; 0 when it is gone. */
    private static long attached(long id) {
        try {
            for (String line : Files.readAllLines(SYSV_SHARED_MEMORY)) {
                String[] columns = line.trim().split("\\s+");
                // key shmid perms size cpid lpid nattch ...
                if (columns.length > 6 && columns[1].equals(Long.toString(id))) {
                    return Long.parseLong(columns[6]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("Interrupted while waiting for an earlier PostgreSQL to end", e);
        }
    }
}
