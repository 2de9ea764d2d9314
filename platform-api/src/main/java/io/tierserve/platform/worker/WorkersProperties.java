package io.tierserve.platform.worker;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote inference workers.
 *
 * @param remote whether this instance routes requests to registered remote workers; false keeps it to
 *     its in-process worker while it still accepts registrations (one instance serving standalone
 *     beside others, or a comparison of the two)
 * @param token the shared secret workers present ({@code Authorization: Bearer}) on
 *     {@code /internal/**} and that this platform presents to them; unset: no remote worker is accepted
 * @param deviceClasses the pools in order of preference: a request goes to the first class that has
 *     an up worker and an active policy version for its tier
 * @param heartbeatTimeout a worker with no heartbeat for this long is marked {@code DOWN}
 * @param forgetAfter a worker with no heartbeat for this long is removed from the registrations (a
 *     scaled-down or replaced worker; it registers afresh if it returns)
 * @param refreshInterval how often this instance reads every worker's registration from the database
 *     (and marks silent ones down)
 * @param connectTimeout connecting to a worker
 * @param requestTimeout the longest a request without a deadline waits for a worker's answer
 * @param profileTimeout the longest a profiling run on a worker may take
 */
@ConfigurationProperties("tierserve.workers")
record WorkersProperties(
        @DefaultValue("true") boolean remote,
        String token,
        @DefaultValue({"gpu", "cpu"}) List<String> deviceClasses,
        @DefaultValue("6s") Duration heartbeatTimeout,
        @DefaultValue("1h") Duration forgetAfter,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("10m") Duration profileTimeout) {

    boolean hasToken() {
        return token != null && !token.isBlank();
    }
}
