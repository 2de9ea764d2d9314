package io.tierserve.platform.worker;

import io.tierserve.policy.profile.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * The inference workers per device class, and the one way requests reach them: the pool's member
 * with the fewest of this instance's requests outstanding (ties taken in turn), and when it fails,
 * once more on another member while the deadline allows (inference is idempotent). No member, or a
 * second failure, is a 503 with {@code Retry-After}.
 *
 * <p>Members are the in-process worker (every {@link Worker} bean; standalone mode has only it) and
 * the remote workers that {@link WorkerRegistry} reads from the database.
 */
@Service
@EnableConfigurationProperties(WorkersProperties.class)
public class WorkerPools implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(WorkerPools.class);

    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final List<String> preference;
    private final ObjectProvider<Worker> localWorkers;
    private final Set<String> local = ConcurrentHashMap.newKeySet();

    WorkerPools(ObjectProvider<Worker> localWorkers, WorkersProperties properties) {
        this.localWorkers = localWorkers;
        this.preference = List.copyOf(properties.deviceClasses());
    }

    // once every bean exists: the in-process worker depends on services that depend on the pools
    @Override
    public void afterSingletonsInstantiated() {
        localWorkers.orderedStream().forEach(worker -> {
            local.add(worker.id());
            members.put(worker.id(), new Member(worker));
        });
    }

    /** The device classes in order of preference. */
    public List<String> deviceClasses() {
        return preference;
    }

    /** Whether the pool of {@code deviceClass} has a member that may take a request now. */
    public boolean hasWorker(String deviceClass) {
        return members.values().stream()
                .anyMatch(member -> member.worker.deviceClass().equals(deviceClass) && member.selectable());
    }

    /**
     * Runs {@code call} on a member of {@code deviceClass}'s pool, and once more on another when the
     * first fails and time is left.
     *
     * @throws NoWorkerAvailableException (503) when no member is up or none answered
     * @throws WorkerRejectedInputException when the input does not fit the cascade
     */
    public WorkerAnswer execute(String deviceClass, WorkerCall call) {
        long start = System.nanoTime();
        return withRetry(
                deviceClass,
                (member, retry) -> member.worker.execute(retry ? call.withBudget(left(call, start)) : call),
                () -> left(call, start) > 0);
    }

    // the first attempt always runs (the worker answers with the first stage when time is short)
    private static long left(WorkerCall call, long start) {
        return call.budgetNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : call.budgetNanos() - (System.nanoTime() - start);
    }

    /**
     * Profiles on a member of {@code deviceClass}'s pool (retried once on another when it fails).
     *
     * @throws NoWorkerAvailableException (503) when no member is up or none answered
     */
    public Profile profile(String deviceClass, ProfileCall call) {
        return withRetry(deviceClass, (member, retry) -> member.worker.profile(call), () -> true);
    }

    /** Runs {@code work} on a member, and when it fails, once more on another if {@code mayRetry} says so. */
    private <T> T withRetry(String deviceClass, BiFunction<Member, Boolean, T> work, BooleanSupplier mayRetry) {
        Member first = pick(deviceClass, null);
        if (first == null) {
            throw NoWorkerAvailableException.noPool(List.of(deviceClass));
        }
        try {
            return run(first, false, work);
        } catch (WorkerFailedException e) {
            Member second = pick(deviceClass, first);
            if (second == null || !mayRetry.getAsBoolean()) {
                log.warn(
                        "Worker {} failed a request, and no other may retry it: {}", first.worker.id(), e.getMessage());
                throw NoWorkerAvailableException.failed(deviceClass, e.getMessage());
            }
            log.warn(
                    "Worker {} failed a request, retrying on {}: {}",
                    first.worker.id(),
                    second.worker.id(),
                    e.getMessage());
            try {
                return run(second, true, work);
            } catch (WorkerFailedException again) {
                throw NoWorkerAvailableException.failed(deviceClass, again.getMessage());
            }
        }
    }

    private static <T> T run(Member member, boolean retry, BiFunction<Member, Boolean, T> work) {
        member.inFlight.incrementAndGet();
        try {
            return work.apply(member, retry);
        } catch (WorkerFailedException e) {
            member.failedAt = Instant.now();
            throw e;
        } finally {
            member.inFlight.decrementAndGet();
        }
    }

    // least outstanding requests; among equals, the next in turn, so sequential requests spread too
    private Member pick(String deviceClass, Member excluded) {
        List<Member> pool = new ArrayList<>();
        for (Member member : members.values()) {
            if (member != excluded && member.worker.deviceClass().equals(deviceClass) && member.selectable()) {
                pool.add(member);
            }
        }
        if (pool.isEmpty()) {
            return null;
        }
        pool.sort((a, b) -> a.worker.id().compareTo(b.worker.id()));
        int offset = Math.floorMod(turn.getAndIncrement(), pool.size());
        Member best = null;
        for (int i = 0; i < pool.size(); i++) {
            Member candidate = pool.get((offset + i) % pool.size());
            if (best == null || candidate.inFlight.get() < best.inFlight.get()) {
                best = candidate;
            }
        }
        return best;
    }

    /** Every member this instance knows. */
    Collection<Member> members() {
        return members.values();
    }

    /** Whether {@code id} is a worker inside this process. */
    boolean isLocal(String id) {
        return local.contains(id);
    }

    /** Adds or updates a remote worker from its registration. */
    void upsertRemote(String id, Function<String, Worker> create, boolean up, Instant lastHeartbeat) {
        Member member = members.computeIfAbsent(id, key -> new Member(create.apply(key)));
        member.lastHeartbeat = lastHeartbeat;
        member.up = up;
    }

    /** Replaces a remote worker whose URL or device class changed. */
    void replaceRemote(String id, Worker worker, boolean up, Instant lastHeartbeat) {
        Member member = new Member(worker);
        member.up = up;
        member.lastHeartbeat = lastHeartbeat;
        members.put(id, member);
    }

    /** Forgets remote workers whose registration is gone. */
    void retainRemote(Collection<String> registered) {
        members.keySet().removeIf(id -> !registered.contains(id) && !local.contains(id));
    }
}
