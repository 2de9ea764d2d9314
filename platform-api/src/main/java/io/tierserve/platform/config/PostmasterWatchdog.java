package io.tierserve.platform.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL when the platform process dies without stopping it.
 *
 * <p>PostgreSQL's postmaster runs detached from the JVM ({@code pg_ctl start} starts it in a session
 * of its own), so nothing ends it when the JVM is killed. The watchdog is a small {@code sh}
 * process whose standard input is a pipe from the JVM; it blocks reading it. Only the JVM holds
 * the pipe's other end, and the kernel closes it when the JVM ends, however it ends ({@code kill -9},
 * the OOM killer, a crash): the read returns, and the watchdog sends the postmaster SIGINT
 * (PostgreSQL's fast shutdown: sessions ended, a checkpoint written), provided {@code postmaster.pid}
 * still names it and, where {@code /proc} exists, that process still runs {@code postgres -D} on this
 * directory, so a reused process id is never signalled. No polling, no process id of the JVM to go
 * stale: the server is gone moments after the platform.
 *
 * <p>It ignores SIGINT, SIGHUP and SIGQUIT, which a terminal sends to the whole foreground process group
 * (the platform stops the server itself then, on its graceful shutdown), and it is ended with
 * SIGTERM when the platform stops the server itself. Should the watchdog not run at all (no
 * {@code sh}), or be killed together with the platform, the next start finds the server and stops
 * it ({@link LeftoverServer}).
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostmasterWatchdog.class);

    /** Its name in {@code ps}: {@code $0} of the script. */
    static final String NAME = "tierserve-postgres-watchdog";

    // $1: the postmaster's pid, $2: the data directory
    private static final String SCRIPT = """
            trap '' INT HUP QUIT
            read -r _ignored
            { read -r listed < "$2/postmaster.pid"; } 2>/dev/null || exit 0
            [ "$listed" = "$1" ] || exit 0
            if [ -r "/proc/$1/cmdline" ]; then
                case "$(tr '\\000' ' ' < "/proc/$1/cmdline")" in
                    *"postgres -D $2 "*) ;;
                    *) exit 0 ;;
                esac
            fi
            kill -INT "$1"
            """;

    private final @Nullable Process process;

    private PostmasterWatchdog(@Nullable Process process) {
        this.process = process;
    }

    /** Starts watching for {@code postmaster}, the server on {@code dataDirectory} (an absolute path). */
    static PostmasterWatchdog start(long postmaster, Path dataDirectory) {
        try {
            Process process = new ProcessBuilder(
                            "sh", "-c", SCRIPT, NAME, Long.toString(postmaster), dataDirectory.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new PostmasterWatchdog(process);
        } catch (IOException e) {
            log.warn(
                    "No watchdog for the embedded PostgreSQL ({}): should this process be killed, the next start stops"
                            + " the server it leaves",
                    e.getMessage());
            return new PostmasterWatchdog(null);
        }
    }

    /** Closes the pipe as the end of this process does: the watchdog stops the server, if it still may. */
    void closePipe() throws IOException {
        if (process != null) {
            process.getOutputStream().close();
        }
    }

    /** Waits until the watchdog has ended (after its pipe closed, it has done whatever it does). */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the watchdog without it touching the server (the platform stops the server itself). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OutputStream pipe = process.getOutputStream();
        try {
            pipe.close();
        } catch (IOException e) {
            // the watchdog is gone either way
        }
    }
}
