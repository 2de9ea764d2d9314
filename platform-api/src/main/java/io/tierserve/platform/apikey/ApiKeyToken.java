package io.tierserve.platform.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The text form of a key, {@code ts_<prefix>_<secret>}: a 12-character prefix that finds the stored
 * key, and 32 random bytes (base64url) that only the holder knows.
 *
 * <p>Keys are stored as SHA-256 of the whole text: with 256 bits of entropy a fast hash is as good
 * as a slow one (nothing to brute-force) and keeps authentication cheap on every request.
 */
record ApiKeyToken(String prefix, String text) {

    static final String SCHEME = "ts_";
    static final int PREFIX_LENGTH = 12;
    private static final int MIN_SECRET_LENGTH = 16;
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static ApiKeyToken generate() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String text =
                SCHEME + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new ApiKeyToken(prefix.toString(), text);
    }

    /** The token in {@code text}, or empty when it is not shaped like one. */
    static Optional<ApiKeyToken> parse(String text) {
        int secretStart = SCHEME.length() + PREFIX_LENGTH + 1;
        if (text == null
                || text.length() < secretStart + MIN_SECRET_LENGTH
                || text.length() > 200
                || !text.startsWith(SCHEME)
                || text.charAt(secretStart - 1) != '_') {
            return Optional.empty();
        }
        String prefix = text.substring(SCHEME.length(), secretStart - 1);
        for (int i = 0; i < prefix.length(); i++) {
            if (ALPHANUMERIC.indexOf(prefix.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new ApiKeyToken(prefix, text));
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether this token hashes to {@code stored}, compared in constant time. */
    boolean matches(byte[] stored) {
        return MessageDigest.isEqual(hash(), stored);
    }

    @Override
    public String toString() {
        // never log the secret
        return SCHEME + prefix + "_…";
    }
}
