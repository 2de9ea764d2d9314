package io.tierserve.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Slows password guessing: a token bucket per attempted user name and one per client address, each
 * spent by a failed login and refilled over the window. While either is empty, a login attempt is
 * refused before its password is checked (no bcrypt work, no audit row).
 *
 * <p>In memory, per instance: behind N instances a guesser gets N times the allowance, still far
 * too slow for a password of 12 or more characters. The buckets sit in a bounded cache, so made-up
 * names cannot grow memory without limit.
 */
final class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final LoginThrottleProperties properties;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    LoginThrottle(LoginThrottleProperties properties) {
        this.properties = properties;
        this.accounts = cache(properties);
        this.addresses = cache(properties);
    }

    private static Cache<String, Bucket> cache(LoginThrottleProperties properties) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(properties.window())
                .build();
    }

    /** Seconds until {@code username} from {@code address} may try again; 0 when it may now. */
    long waitSeconds(String username, String address) {
        long nanos = Math.max(
                wait(accounts.getIfPresent(key(username))), wait(addresses.getIfPresent(String.valueOf(address))));
        return nanos == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
    }

    /** Spends one failure of the account and one of the address. */
    void failed(String username, String address) {
        accounts.get(key(username), name -> bucket(properties.failuresPerAccount()))
                .tryConsume(1);
        addresses
                .get(String.valueOf(address), name -> bucket(properties.failuresPerAddress()))
                .tryConsume(1);
    }

    private static long wait(Bucket bucket) {
        return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, properties.window()))
                .build();
    }

    // user names differ only in case at most for older accounts: one allowance for all spellings
    private static String key(String username) {
        return String.valueOf(username).toLowerCase(Locale.ROOT);
    }
}
