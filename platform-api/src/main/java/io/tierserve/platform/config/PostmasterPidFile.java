package io.tierserve.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a running (or crashed) PostgreSQL wrote into {@code postmaster.pid} of its data directory:
 * line 1 the postmaster's process id, line 7 (once started) the key and id of its System V shared
 * memory segment, which every one of its server processes stays attached to while it lives.
 *
 * @param pid the postmaster's process id
 * @param sharedMemoryId the id of its System V shared memory segment, when stated
 */
record PostmasterPidFile(long pid, OptionalLong sharedMemoryId) {

    static final String NAME = "postmaster.pid";

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** Reads {@code dataDirectory/postmaster.pid}; empty when there is none or its first line is no process id. */
    static Optional<PostmasterPidFile> read(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve(NAME));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        OptionalLong shmid = OptionalLong.empty();
        if (lines.size() >= 7) {
            String[] keyAndId = BLANKS.split(lines.get(6).trim());
            if (keyAndId.length == 2) {
                try {
                    shmid = OptionalLong.of(Long.parseLong(keyAndId[1]));
                } catch (NumberFormatException e) {
                    // not stated: nothing to wait for
                }
            }
        }
        return Optional.of(new PostmasterPidFile(pid, shmid));
    }
}
