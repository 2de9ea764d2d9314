package io.tierserve.platform.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The gate's order and refusals, made deterministic by holding its one permit and watching its queue. */
class AdmissionGateTests {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final List<String> admitted = new CopyOnWriteArrayList<>();

    private Thread request(AdmissionGate gate, String name, int priority, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(
                () -> {
                    try {
                        AdmissionGate.Permit permit = gate.enter(priority);
                        admitted.add(name);
                        permit.release();
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                name);
        thread.start();
        return thread;
    }

    private static void awaitUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
    }

    @Test
    void aLaterHighPriorityRequestGetsTheFreedPermitBeforeAnEarlierLowOne() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 8, LONG);
        AdmissionGate.Permit held = gate.enter(5);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Thread low = request(gate, "low", 1, failure);
        awaitUntil(() -> gate.waiting() == 1);
        Thread high = request(gate, "high", 9, failure);
        awaitUntil(() -> gate.waiting() == 2);
        held.release();
        low.join();
        high.join();

        assertThat(failure.get()).isNull();
        assertThat(admitted).containsExactly("high", "low");
        assertThat(gate.free()).isEqualTo(1);
    }

    @Test
    void equalPrioritiesAreServedInArrivalOrder() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 8, LONG);
        AdmissionGate.Permit held = gate.enter(5);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Thread first = request(gate, "first", 3, failure);
        awaitUntil(() -> gate.waiting() == 1);
        Thread second = request(gate, "second", 3, failure);
        awaitUntil(() -> gate.waiting() == 2);
        held.release();
        first.join();
        second.join();

        assertThat(admitted).containsExactly("first", "second");
    }

    @Test
    void aRequestNotAdmittedWithinTheMaximumWaitIsRefusedWith503AndRetryAfter() {
        AdmissionGate gate = new AdmissionGate(1, 8, Duration.ofMillis(20));
        AdmissionGate.Permit held = gate.enter(9);

        assertThatThrownBy(() -> gate.enter(0)).isInstanceOfSatisfying(WorkersSaturatedException.class, e -> {
            assertThat(e.status().value()).isEqualTo(503);
            assertThat(e.headers()).containsEntry("Retry-After", "1");
        });
        assertThat(gate.waiting()).isZero();
        held.release();
        assertThat(gate.free()).isEqualTo(1);
    }

    @Test
    void aFullQueueGivesAHigherNewcomerTheLowestWaitersPlace() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 1, LONG);
        AdmissionGate.Permit held = gate.enter(5);
        AtomicReference<Throwable> lowFailure = new AtomicReference<>();
        AtomicReference<Throwable> highFailure = new AtomicReference<>();

        Thread low = request(gate, "low", 1, lowFailure);
        awaitUntil(() -> gate.waiting() == 1);
        Thread high = request(gate, "high", 9, highFailure);
        low.join();
        awaitUntil(() -> gate.waiting() == 1);
        held.release();
        high.join();

        assertThat(lowFailure.get()).isInstanceOf(WorkersSaturatedException.class);
        assertThat(highFailure.get()).isNull();
        assertThat(admitted).containsExactly("high");
    }

    @Test
    void aFullQueueRefusesANewcomerThatDoesNotOutrankAnyWaiterAtOnce() throws Exception {
        AdmissionGate gate = new AdmissionGate(1, 1, LONG);
        AdmissionGate.Permit held = gate.enter(5);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Thread waiting = request(gate, "waiting", 5, failure);
        awaitUntil(() -> gate.waiting() == 1);

        assertThatThrownBy(() -> gate.enter(5)).isInstanceOf(WorkersSaturatedException.class);
        held.release();
        waiting.join();
        assertThat(failure.get()).isNull();
        assertThat(admitted).containsExactly("waiting");
    }

    @Test
    void aPermitReleasedTwiceFreesOnlyOnePlace() {
        AdmissionGate gate = new AdmissionGate(2, 0, LONG);
        AdmissionGate.Permit permit = gate.enter(5);

        permit.release();
        permit.release();

        assertThat(gate.free()).isEqualTo(2);
    }
}
