package io.tierserve.platform.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.tierserve.worker.execution.ExecutionTrace;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InferenceRequest;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.NonFiniteOutputException;
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
 * Serves one request: finds the tier's active policy, runs the cascade under it in the in-process
 * worker, and says how the answer was made.
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
    private final InProcessWorker worker;
    private final InferenceProperties properties;
    private final ServedCascades served;
    private final AdmissionGate gate;
    private final LiveBinCounts binCounts;
    private final Counter nonFiniteOutputs;
    // which loaded cascade serves a policy version's cascade; a version belongs to one cascade
    private final Map<UUID, String> routes = new ConcurrentHashMap<>();

    PredictService(
            PolicyLookup policies,
            CascadeService cascades,
            TierService tiers,
            InProcessWorker worker,
            InferenceProperties properties,
            LiveBinCounts binCounts,
            ServedCascades served,
            MeterRegistry meters) {
        this.policies = policies;
        this.cascades = cascades;
        this.tiers = tiers;
        this.worker = worker;
        this.properties = properties;
        this.gate =
                new AdmissionGate(properties.effectivePermits(), properties.queueCapacity(), properties.maxQueueWait());
        this.binCounts = binCounts;
        this.served = served;
        this.nonFiniteOutputs = Counter.builder("tierserve.inference.non.finite.outputs")
                .description("Requests refused because a stage's model produced a non-finite score")
                .register(meters);
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
        ActivePolicy active = policies.active(tenant, cascade, request.tier(), properties.deviceClass())
                .orElseThrow(() -> whyNot(tenant, cascade, request.tier()));
        String loaded = routes.computeIfAbsent(active.versionId(), id -> route(tenant, cascade, active));
        long budget = budgetNanos(active.tierDeadlineMs(), request.deadlineMs());
        Prediction prediction;
        FullRun.Outputs fullRun = null;
        AdmissionGate.Permit permit = gate.enter(priority);
        try {
            prediction = worker.execute(new InferenceRequest(
                    loaded,
                    active.policy(),
                    active.bins(),
                    input,
                    budget,
                    ThreadLocalRandom.current().nextDouble()));
            if (mayProfile && ThreadLocalRandom.current().nextDouble() < properties.fullProfileFraction()) {
                // After the answer is made (its latency is measured without this), on the request's
                // thread and under the same permit: the caller waits for one more pass through every
                // stage, and the usage record written next has every stage's output. Feedback on the
                // request then yields a live-profile sample with every stage, which the profile format
                // needs; a sample of only the stages the policy ran would be biased towards the inputs
                // it found hard.
                fullRun = worker.runAll(loaded, input);
            }
        } catch (InvalidInputException e) {
            throw InvalidInferenceInputException.because(request.image() != null ? "image" : "tensor", e.getMessage());
        } catch (NonFiniteOutputException e) {
            // never an answer, and never a drift count: a NaN confidence would poison both
            nonFiniteOutputs.increment();
            throw UnprocessableOutputException.because(e.getMessage());
        } finally {
            permit.release();
        }
        binCounts.record(active, properties.deviceClass(), prediction.trace().stages());
        List<String> labels = request.wantsScores() ? worker.manifest(loaded).labels() : null;
        return new Served(active, response(active, prediction, labels), fullRun);
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
        return worker.manifest(served.require(tenant, cascade)).inputShape();
    }

    /** The gate in front of the in-process worker (tests hold its permits to saturate it). */
    AdmissionGate gate() {
        return gate;
    }

    String deviceClass() {
        return properties.deviceClass();
    }

    private String route(String tenant, String cascade, ActivePolicy active) {
        CascadeStages stages = cascades.stages(tenant, cascade);
        String loaded = served.require(tenant, cascade);
        List<String> manifestStages = worker.manifest(loaded).stages().stream()
                .map(stage -> stage.id())
                .toList();
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
        return NotServableException.noActivePolicy(
                cascade, tier == null ? "(default)" : tier, properties.deviceClass());
    }

    private static PredictResponse response(ActivePolicy active, Prediction prediction, List<String> labels) {
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
                labels == null ? null : scores(prediction.probabilities(), labels));
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
