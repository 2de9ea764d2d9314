package io.tierserve.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anchors the audit chains outside the database: a checkpoint is a chain's head (event count, last
 * event id and hash), signed with an HMAC key the database never sees, appended to a file per chain.
 * A chain that no longer holds its last checkpoint's head unchanged was truncated or rewritten,
 * even when it was re-hashed to look intact, which the hash chain alone cannot tell.
 *
 * <p>Events after the newest checkpoint are protected only by the hash chain; checkpoints are
 * written every {@code tierserve.audit.checkpoint-interval} (5 minutes) and on demand.
 */
@Component
@EnableConfigurationProperties(AuditCheckpointProperties.class)
class AuditCheckpoints {

    /** One signed head; {@code chain} is a tenant id or {@code platform}. */
    record Checkpoint(String chain, long events, Long headId, String headHash, Instant at, String mac) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Path directory;
    private final byte[] key;

    AuditCheckpoints(JdbcTemplate jdbc, JsonMapper json, AuditCheckpointProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.directory = properties.directory();
        this.key = key(properties);
    }

    private static byte[] key(AuditCheckpointProperties properties) {
        if (properties.checkpointKey() != null && !properties.checkpointKey().isBlank()) {
            return properties.checkpointKey().getBytes(StandardCharsets.UTF_8);
        }
        Path file = properties.directory().resolve("checkpoint.key");
        try {
            Files.createDirectories(properties.directory());
            if (!Files.exists(file)) {
                byte[] generated = new byte[32];
                new SecureRandom().nextBytes(generated);
                Files.writeString(file, Base64.getEncoder().encodeToString(generated));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no POSIX permissions: the directory's protect it
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit checkpoint key " + file, e);
        }
    }

    /** Writes a checkpoint of every chain (each tenant's and the platform's). */
    @Scheduled(
            fixedDelayString = "${tierserve.audit.checkpoint-interval:5m}",
            initialDelayString = "${tierserve.audit.checkpoint-interval:5m}")
    @Transactional(readOnly = true)
    public void writeAll() {
        write(null);
        jdbc.queryForList("select distinct tenant_id from audit_events where tenant_id is not null", UUID.class)
                .forEach(this::write);
    }

    /** Writes a checkpoint of one chain ({@code null}: the platform's). */
    @Transactional(readOnly = true)
    public Checkpoint write(UUID tenantId) {
        Checkpoint unsigned = head(tenantId, Instant.now());
        Checkpoint signed = new Checkpoint(
                unsigned.chain(),
                unsigned.events(),
                unsigned.headId(),
                unsigned.headHash(),
                unsigned.at(),
                mac(unsigned));
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    file(signed.chain()),
                    json.writeValueAsString(signed) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit checkpoint", e);
        }
        return signed;
    }

    /**
     * Why the chain no longer matches its newest checkpoint, or null when it does (or has none).
     */
    String mismatch(UUID tenantId) {
        Path file = file(chain(tenantId));
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoints " + file, e);
        }
        if (lines.isEmpty()) {
            return null;
        }
        Checkpoint last = json.readValue(lines.get(lines.size() - 1), Checkpoint.class);
        if (!MessageDigest.isEqual(
                mac(last).getBytes(StandardCharsets.US_ASCII), last.mac().getBytes(StandardCharsets.US_ASCII))) {
            return "the newest checkpoint's signature is wrong: the checkpoint file was altered";
        }
        if (last.headId() == null) {
            return null;
        }
        Checkpoint now = headAt(tenantId, last.headId());
        if (now.events() != last.events() || !last.headHash().equals(now.headHash())) {
            return "the chain no longer holds the head checkpointed at " + last.at() + " (event " + last.headId() + ", "
                    + last.events() + " events): events were deleted or rewritten";
        }
        return null;
    }

    private Checkpoint head(UUID tenantId, Instant at) {
        String of = tenantId == null ? "tenant_id is null" : "tenant_id = ?";
        Object[] arguments = tenantId == null ? new Object[0] : new Object[] {tenantId};
        Long headId = jdbc.queryForObject("select max(id) from audit_events where " + of, Long.class, arguments);
        Checkpoint head =
                headId == null ? new Checkpoint(chain(tenantId), 0, null, null, at, null) : headAt(tenantId, headId);
        return new Checkpoint(head.chain(), head.events(), head.headId(), head.headHash(), at, null);
    }

    // the chain up to and including event headId: how many events, and that event's hash
    private Checkpoint headAt(UUID tenantId, long headId) {
        String of = tenantId == null ? "tenant_id is null" : "tenant_id = ?";
        Object[] arguments = tenantId == null ? new Object[] {headId} : new Object[] {tenantId, headId};
        Long events = jdbc.queryForObject(
                "select count(*) from audit_events where " + of + " and id <= ?", Long.class, arguments);
        List<byte[]> hash =
                jdbc.queryForList("select hash from audit_events where " + of + " and id = ?", byte[].class, arguments);
        return new Checkpoint(
                chain(tenantId),
                events == null ? 0 : events,
                headId,
                hash.isEmpty() ? null : HexFormat.of().formatHex(hash.get(0)),
                null,
                null);
    }

    private String mac(Checkpoint checkpoint) {
        String text = checkpoint.chain() + "|" + checkpoint.events() + "|" + checkpoint.headId() + "|"
                + checkpoint.headHash() + "|" + checkpoint.at();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private Path file(String chain) {
        return directory.resolve(chain + ".jsonl");
    }

    private static String chain(UUID tenantId) {
        return tenantId == null ? "platform" : tenantId.toString();
    }
}
