package io.tierserve.platform.inference;

import io.tierserve.platform.worker.LocalWorker;
import io.tierserve.platform.worker.ProfileCall;
import io.tierserve.platform.worker.WorkerAnswer;
import io.tierserve.platform.worker.WorkerCall;
import io.tierserve.platform.worker.WorkerRejectedInputException;
import io.tierserve.policy.profile.Profile;
import io.tierserve.worker.execution.InferenceRequest;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.profiling.FullRun;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The in-process worker as a member of its device class's pool (standalone mode: the only one). Runs
 * the policy it is handed directly, so a request makes no hop and no policy fetch.
 */
@Component
@ConditionalOnProperty(name = "tierserve.inference.in-process", havingValue = "true", matchIfMissing = true)
class InProcessMember implements LocalWorker {

    /** The in-process worker's id in its pool and in {@code GET /api/workers}. */
    static final String ID = "in-process";

    private final InProcessWorker worker;
    private final ServedCascades served;
    private final InferenceProperties properties;
    private final AdmissionGate gate;

    InProcessMember(InProcessWorker worker, ServedCascades served, InferenceProperties properties) {
        this.worker = worker;
        this.served = served;
        this.properties = properties;
        this.gate =
                new AdmissionGate(properties.effectivePermits(), properties.queueCapacity(), properties.maxQueueWait());
    }

    /** The gate in front of this process's models (tests hold its permits to saturate it). */
    AdmissionGate gate() {
        return gate;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String deviceClass() {
        return properties.deviceClass();
    }

    @Override
    public List<String> cascades() {
        return new ArrayList<>(worker.cascades());
    }

    /**
     * Runs the call once a permit is free: at most {@code tierserve.inference.permits} requests run
     * on this process's models at once, the others wait by tier priority (a 503 with
     * {@code Retry-After} when none frees in time). Remote workers bound their own concurrency.
     */
    @Override
    public WorkerAnswer execute(WorkerCall call) {
        String loaded = served.loadInProcess(call.model().key());
        AdmissionGate.Permit permit = gate.enter(call.priority());
        try {
            Prediction prediction = worker.execute(new InferenceRequest(
                    loaded, call.policy(), call.bins(), call.input(), call.budgetNanos(), call.coin()));
            FullRun.Outputs fullRun = call.fullRun() ? worker.runAll(loaded, call.input()) : null;
            return new WorkerAnswer(prediction, fullRun, ID, deviceClass());
        } catch (InvalidInputException e) {
            throw new WorkerRejectedInputException(e.getMessage());
        } finally {
            permit.release();
        }
    }

    @Override
    public Profile profile(ProfileCall call) {
        return worker.measure(
                served.loadInProcess(call.model().key()), call.inputs(), call.labels(), call.warmup(), deviceClass());
    }
}
