package io.tierserve.platform.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * A digest of everything a login's rights rest on: the password hash, the roles, the tenant and
 * whether the account is enabled. A session keeps the one from its login; when the stored account's
 * differs (or the account is gone) the session has ended.
 *
 * <p>Computed from the row, not from a version counter, so a change made directly in the database
 * ends sessions too.
 */
final class CredentialFingerprint {

    private CredentialFingerprint() {}

    static String of(UserAccount account) {
        String roles = account.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        String text = account.passwordHash() + "\n" + roles + "\n" + account.tenantId() + "\n" + account.enabled()
                + "\n" + account.username();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
