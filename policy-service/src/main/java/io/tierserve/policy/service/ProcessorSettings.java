package io.tierserve.policy.service;

import java.time.Duration;
import java.util.UUID;

/**
 * How a job processor works the queue.
 *
 * @param owner the lease owner name (unique per processor: host, process and thread)
 * @param lease how long a claim holds without renewal; renewed every third of it while working
 * @param poll the wait between empty polls
 * @param backoffBase the wait after a first failure, doubled per further failure
 */
public record ProcessorSettings(String owner, Duration lease, Duration poll, Duration backoffBase) {

    public ProcessorSettings {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("a processor needs an owner name");
        }
        if (lease.toMillis() < 100 || poll.isNegative() || backoffBase.isNegative()) {
            throw new IllegalArgumentException("lease must be >= 100 ms, poll and backoff >= 0");
        }
    }

    /** Defaults: a 60 s lease, a 500 ms poll, a 5 s first backoff, owner {@code prefix-<random>}. */
    public static ProcessorSettings defaults(String prefix) {
        return new ProcessorSettings(
                prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                Duration.ofSeconds(60),
                Duration.ofMillis(500),
                Duration.ofSeconds(5));
    }

    public ProcessorSettings withOwner(String newOwner) {
        return new ProcessorSettings(newOwner, lease, poll, backoffBase);
    }

    public ProcessorSettings withLease(Duration newLease) {
        return new ProcessorSettings(owner, newLease, poll, backoffBase);
    }

    public ProcessorSettings withPoll(Duration newPoll) {
        return new ProcessorSettings(owner, lease, newPoll, backoffBase);
    }

    public ProcessorSettings withBackoffBase(Duration newBase) {
        return new ProcessorSettings(owner, lease, poll, newBase);
    }
}
