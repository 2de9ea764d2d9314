package io.tierserve.platform.inference;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits in-process inference under a fixed number of execution permits, the highest tier
 * priority first when they are all taken.
 *
 * <p>A request that finds a free permit and nobody waiting runs at once. Otherwise it waits in a
 * bounded queue ordered by priority (higher first), then by arrival; a released permit goes
 * straight to the head of the queue, so a later high-priority request overtakes earlier low ones.
 * A waiter not admitted within the maximum wait is refused. A newcomer that finds the queue full
 * takes the place of the lowest-priority waiter when it outranks it (that waiter is refused at
 * once), and is refused itself otherwise. Refusals are {@link WorkersSaturatedException} (503).
 */
final class AdmissionGate {

    private static final Comparator<Waiter> FIRST_SERVED =
            Comparator.comparingInt(Waiter::priority).reversed().thenComparingLong(Waiter::arrival);

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>(FIRST_SERVED);
    private final int permits;
    private final int capacity;
    private final long maxWaitNanos;
    private int free;
    private long arrivals;

    AdmissionGate(int permits, int capacity, Duration maxWait) {
        if (permits < 1 || capacity < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("permits >= 1, capacity >= 0 and maxWait >= 0 are needed");
        }
        this.permits = permits;
        this.capacity = capacity;
        this.maxWaitNanos = maxWait.toNanos();
        this.free = permits;
    }

    /**
     * Waits for a permit; the caller must {@link Permit#release() release} it when its inference ends.
     *
     * @param priority the tier's priority, 0 (lowest) to 9
     * @throws WorkersSaturatedException when no permit came within the maximum wait, or the queue
     *     is full of waiters that rank at least as high
     */
    Permit enter(int priority) {
        lock.lock();
        try {
            if (free > 0 && queue.isEmpty()) {
                free--;
                return new Permit();
            }
            if (queue.size() >= capacity) {
                Waiter lowest = lowest();
                if (lowest == null || lowest.priority() >= priority) {
                    throw WorkersSaturatedException.queueFull(retryAfterSeconds());
                }
                queue.remove(lowest);
                lowest.refuse();
            }
            Waiter waiter = new Waiter(priority, arrivals++, lock.newCondition());
            queue.add(waiter);
            return await(waiter);
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a permit now. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Permits free now. */
    int free() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    int permits() {
        return permits;
    }

    // holds the lock
    private Permit await(Waiter waiter) {
        long remaining = maxWaitNanos;
        try {
            while (waiter.state == State.WAITING && remaining > 0) {
                remaining = waiter.signal.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (waiter.state == State.ADMITTED) {
                // the permit was handed over as the wait was interrupted: pass it on
                handOn();
            }
            queue.remove(waiter);
            throw WorkersSaturatedException.timedOut(retryAfterSeconds());
        }
        if (waiter.state == State.ADMITTED) {
            return new Permit();
        }
        queue.remove(waiter);
        throw waiter.state == State.REFUSED
                ? WorkersSaturatedException.queueFull(retryAfterSeconds())
                : WorkersSaturatedException.timedOut(retryAfterSeconds());
    }

    // holds the lock
    private void handOn() {
        Waiter next = queue.poll();
        if (next == null) {
            free++;
        } else {
            next.admit();
        }
    }

    // holds the lock; the queue is bounded and small, so a scan is fine
    private Waiter lowest() {
        Waiter lowest = null;
        for (Waiter waiter : queue) {
            if (lowest == null || FIRST_SERVED.compare(waiter, lowest) > 0) {
                lowest = waiter;
            }
        }
        return lowest;
    }

    private long retryAfterSeconds() {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(maxWaitNanos + 999_999_999L));
    }

    private enum State {
        WAITING,
        ADMITTED,
        REFUSED
    }

    private static final class Waiter {

        private final int priority;
        private final long arrival;
        private final Condition signal;
        private State state = State.WAITING;

        Waiter(int priority, long arrival, Condition signal) {
            this.priority = priority;
            this.arrival = arrival;
            this.signal = signal;
        }

        int priority() {
            return priority;
        }

        long arrival() {
            return arrival;
        }

        void admit() {
            state = State.ADMITTED;
            signal.signal();
        }

        void refuse() {
            state = State.REFUSED;
            signal.signal();
        }
    }

    /** One execution permit; released exactly once, further releases do nothing. */
    final class Permit {

        private boolean released;

        void release() {
            lock.lock();
            try {
                if (!released) {
                    released = true;
                    handOn();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
