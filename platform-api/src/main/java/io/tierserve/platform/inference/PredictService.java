package io.tierserve.platform.inference;

import io.tierserve.platform.cascade.CascadeNotFoundException;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.cascade.CascadeStages;
import io.tierserve.platform.cascade.CascadeUpdated;
import io.tierserve.platform.cascade.ModelUploaded;
import io.tierserve.platform.drift.LiveBinCounts;
import io.tierserve.platform.policy.ActivePolicy;
import io.tierserve.platform.policy.PolicyLookup;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.platform.worker.NoWorkerAvailableException;
import io.tierserve.platform.worker.WorkerAnswer;
import io.tierserve.platform.worker.WorkerCall;
import io.tierserve.platform.worker.WorkerPools;
import io.tierserve.platform.worker.WorkerRejectedInputException;
import io.tierserve.worker.execution.ExecutionTrace;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.execution.StageTrace;
import io.tierserve.worker.profiling.FullRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Serves one request: chooses the device class (the first pool, in order of preference, that has a
 * worker up and an active policy version for the tier), runs the cascade under that version on a
 * worker of the pool ({@link WorkerPools}: in-process or remote), and says how the answer was made.
 *
 * <p>Walks are not shared: the worker's executor takes a new walk from the (immutable, shared)
 * policy for every request. Measured on the demo's {@code fast} policy: 64 bytes and 5–70 ns more
 * per request than reusing one walk, against ~1 ms per request, so a per-thread cache (which would
 * have to be keyed by policy version and cleaned up when versions change) is not worth it.
 */
@Service
@EnableConfigurationProperties(InferenceProperties.class)
class PredictService {

    private final PolicyLookup policies;
    private final CascadeService cascades;
    private final TierService tiers;
    private final WorkerPools pools;
    private final InferenceProperties properties;
    private final ServedCascades served;
    private final AdmissionGate gate;
    private final LiveBinCounts binCounts;
    // which models serve a policy version's cascade; a version belongs to one cascade
    private final Map<UUID, ServedCascades.Served> routes = new ConcurrentHashMap<>();

    PredictService(
            PolicyLookup policies,
            CascadeService cascades,
            TierService tiers,
            WorkerPools pools,
            InferenceProperties properties,
            LiveBinCounts binCounts,
            ServedCascades served) {
        this.policies = policies;
        this.cascades = cascades;
        this.tiers = tiers;
        this.pools = pools;
        this.properties = properties;
        this.gate =
                new AdmissionGate(properties.effectivePermits(), properties.queueCapacity(), properties.maxQueueWait());
        this.binCounts = binCounts;
        this.served = served;
    }

    /**
     * After an upload commits, versions route afresh: the stage's new model is loaded on the next
     * request. (Other instances keep their routes until a new policy version is activated, which the
     * profile of the new model brings.)
     */
    @TransactionalEventListener
    void on(ModelUploaded uploaded) {
        routes.clear();
    }

    /** Likewise after a cascade's stages or model input fields change. */
    @TransactionalEventListener
    void on(CascadeUpdated updated) {
        routes.clear();
    }

    /** The internal path: admitted at the default tier priority. */
    PredictResponse predict(String tenant, String cascade, PredictRequest request) {
        return serve(tenant, cascade, request, DEFAULT_PRIORITY, false).response();
    }

    /** A tier's priority when it sets none. */
    static final int DEFAULT_PRIORITY = 5;

    /**
     * A served request: the answer, and the policy version that made it (for usage records).
     *
     * @param fullRun every stage's output when the request was sampled for full profiling, else null
     */
    record Served(ActivePolicy policy, PredictResponse response, FullRun.Outputs fullRun) {}

    /**
     * Serves one request and says which active policy version served it. Only the model execution
     * holds an execution permit, which higher {@code priority} gets first when all are taken. Every
     * served request adds its stages' confidence bins to the live drift counts.
     *
     * @param mayProfile whether the request may be sampled for a full profiling run (requests with
     *     a usage record, which feedback can name)
     * @throws WorkersSaturatedException when no permit came in time
     */
    Served serve(String tenant, String cascade, PredictRequest request, int priority, boolean mayProfile) {
        InferenceInput input = input(request);
        String deviceClass = null;
        ActivePolicy active = null;
        for (String candidate : pools.deviceClasses()) {
            if (pools.hasWorker(candidate)) {
                active = policies.active(tenant, cascade, request.tier(), candidate)
                        .orElse(null);
                if (active != null) {
                    deviceClass = candidate;
                    break;
                }
            }
        }
        if (active == null) {
            throw whyNot(tenant, cascade, request.tier());
        }
        ActivePolicy chosen = active;
        ServedCascades.Served model = routes.computeIfAbsent(chosen.versionId(), id -> route(tenant, cascade, chosen));
        long budget = budgetNanos(active.tierDeadlineMs(), request.deadlineMs());
        // After the answer is made (its latency is measured without this), in the same call: the
        // caller waits for one more pass through every stage, and the usage record written next has
        // every stage's output. Feedback on the request then yields a live-profile sample with every
        // stage, which the profile format needs; a sample of only the stages the policy ran would be
        // biased towards the inputs it found hard.
        boolean fullRun = mayProfile && ThreadLocalRandom.current().nextDouble() < properties.fullProfileFraction();
        WorkerAnswer answer;
        AdmissionGate.Permit permit = gate.enter(priority);
        try {
            answer = pools.execute(
                    deviceClass,
                    new WorkerCall(
                            model.model(),
                            active.versionId(),
                            active.policy(),
                            active.bins(),
                            input,
                            budget,
                            ThreadLocalRandom.current().nextDouble(),
                            fullRun));
        } catch (WorkerRejectedInputException e) {
            throw InvalidInferenceInputException.because(request.image() != null ? "image" : "tensor", e.getMessage());
        } finally {
            permit.release();
        }
        Prediction prediction = answer.prediction();
        binCounts.record(active, deviceClass, prediction.trace().stages());
        List<String> labels = request.wantsScores() ? model.manifest().labels() : null;
        return new Served(active, response(active, prediction, labels, answer), answer.fullRun());
    }

    private static InferenceInput input(PredictRequest request) {
        if ((request.image() == null) == (request.tensor() == null)) {
            throw InvalidInferenceInputException.because("image", "Give exactly one of 'image' and 'tensor'.");
        }
        if (request.image() != null) {
            return new InferenceInput.Image(request.image());
        }
        return new InferenceInput.Raw(request.tensor().shape(), request.tensor().data());
    }

    private static long budgetNanos(Double tierDeadlineMs, Double requestDeadlineMs) {
        double ms = Double.POSITIVE_INFINITY;
        if (tierDeadlineMs != null) {
            ms = tierDeadlineMs;
        }
        if (requestDeadlineMs != null) {
            // a caller may tighten the tier's deadline, never loosen it
            ms = Math.min(ms, requestDeadlineMs);
        }
        return Double.isInfinite(ms) ? Long.MAX_VALUE : Math.max(1, Math.round(ms * 1_000_000.0));
    }

    /** The input shape (without the batch axis) of the cascade that serves {@code cascade}. */
    List<Integer> inputShape(String tenant, String cascade) {
        return served.require(tenant, cascade).manifest().inputShape();
    }

    /** The gate in front of the in-process worker (tests hold its permits to saturate it). */
    AdmissionGate gate() {
        return gate;
    }

    String deviceClass() {
        return properties.deviceClass();
    }

    private ServedCascades.Served route(String tenant, String cascade, ActivePolicy active) {
        CascadeStages stages = cascades.stages(tenant, cascade);
        ServedCascades.Served loaded = served.require(tenant, cascade);
        List<String> manifestStages =
                loaded.manifest().stages().stream().map(stage -> stage.id()).toList();
        if (!manifestStages.equals(stages.stageNames())
                || (!active.stageIds().isEmpty() && !active.stageIds().equals(manifestStages))) {
            throw NotServableException.noWorker(cascade);
        }
        return loaded;
    }

    private RuntimeException whyNot(String tenant, String cascade, String tier) {
        if (!cascades.exists(tenant, cascade)) {
            // also throws TenantNotFoundException (404) for an unknown tenant
            return CascadeNotFoundException.forName(tenant, cascade);
        }
        List<TierDefinition> defined = tiers.definitions(tenant);
        boolean known = tier == null
                ? defined.stream().anyMatch(TierDefinition::defaultTier)
                : defined.stream().anyMatch(t -> t.name().equals(tier));
        if (!known) {
            return UnknownTierException.forName(
                    tier == null ? "(default)" : tier,
                    defined.stream().map(TierDefinition::name).toList());
        }
        List<String> withWorkers =
                pools.deviceClasses().stream().filter(pools::hasWorker).toList();
        if (withWorkers.isEmpty()) {
            return NoWorkerAvailableException.noPool(pools.deviceClasses());
        }
        return NotServableException.noActivePolicy(
                cascade, tier == null ? "(default)" : tier, String.join(" or ", withWorkers));
    }

    private static PredictResponse response(
            ActivePolicy active, Prediction prediction, List<String> labels, WorkerAnswer answer) {
        ExecutionTrace trace = prediction.trace();
        List<String> run = new ArrayList<>();
        List<PredictResponse.StageRun> stages = new ArrayList<>();
        for (StageTrace stage : trace.stages()) {
            run.add(stage.stage());
            stages.add(new PredictResponse.StageRun(
                    stage.stage(),
                    stage.prediction(),
                    stage.confidence(),
                    stage.bin() < 0 ? null : stage.bin(),
                    stage.latencyNanos() / 1e6));
        }
        return new PredictResponse(
                UUID.randomUUID(),
                prediction.labelName(),
                prediction.label(),
                prediction.confidence(),
                active.tierName(),
                active.versionNumber(),
                active.status(),
                run,
                trace.answeringStage(),
                trace.recalled(),
                trace.deadlineHit(),
                trace.totalNanos() / 1e6,
                stages,
                labels == null ? null : scores(prediction.probabilities(), labels),
                answer.worker(),
                answer.deviceClass());
    }

    private static List<PredictResponse.ClassScore> scores(float[] probabilities, List<String> labels) {
        List<PredictResponse.ClassScore> scores = new ArrayList<>(probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            scores.add(new PredictResponse.ClassScore(
                    i, i < labels.size() ? labels.get(i) : Integer.toString(i), probabilities[i]));
        }
        return scores;
    }
}
