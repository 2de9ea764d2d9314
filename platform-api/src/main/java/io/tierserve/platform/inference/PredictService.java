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
import io.tierserve.platform.serving.ServingState;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.ExecutionTrace;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InferenceRequest;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.NonFiniteOutputException;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.execution.StageTrace;
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
 * Serves requests under an active policy version in the in-process worker and says how each answer
 * was made.
 *
 * <p>A request travels one way: the caller resolves the tier and the active version once from the
 * serving snapshot; {@link #prepare} checks and preprocesses every input before anything is spent;
 * {@link #serve} runs one prepared input. Walks are not shared: the worker's executor takes a new
 * walk from the (immutable, shared) policy for every request.
 */
@Service
@EnableConfigurationProperties(InferenceProperties.class)
class PredictService {

    private final ServingState serving;
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
            ServingState serving,
            CascadeService cascades,
            TierService tiers,
            InProcessWorker worker,
            InferenceProperties properties,
            LiveBinCounts binCounts,
            ServedCascades served,
            MeterRegistry meters) {
        this.serving = serving;
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

    /** A tier's priority when it sets none. */
    static final int DEFAULT_PRIORITY = 5;

    /**
     * An input checked against the cascade and preprocessed into its first stage's layout.
     *
     * @param loaded the loaded cascade that serves the version
     */
    record Prepared(String loaded, InferenceInput input) {}

    /**
     * A served request: the answer, and the policy version that made it (for usage records).
     *
     * @param sampled whether the request was drawn for a full profiling run
     */
    record Served(ActivePolicy policy, PredictResponse response, boolean sampled) {}

    /** The internal path: resolves by names, admitted at the default tier priority, never sampled. */
    PredictResponse predict(String tenant, String cascade, PredictRequest request) {
        ActivePolicy active = serving.activePolicy(tenant, cascade, request.tier(), properties.deviceClass())
                .orElseThrow(() -> whyNot(tenant, cascade, request.tier()));
        Prepared prepared = prepare(tenant, cascade, active, request.image(), request.tensor(), "");
        return serve(active, prepared, request.deadlineMs(), request.wantsScores(), DEFAULT_PRIORITY, false)
                .response();
    }

    /**
     * Checks one input (exactly one of an image and a tensor) against the cascade that serves
     * {@code active} and preprocesses it.
     *
     * @param field the input's place in the request ({@code ""}, {@code "inputs[2]."}), named in a 400
     * @throws InvalidInferenceInputException (400) when it does not fit
     */
    Prepared prepare(
            String tenant, String cascade, ActivePolicy active, String image, TensorInput tensor, String field) {
        if ((image == null) == (tensor == null)) {
            throw InvalidInferenceInputException.because(field + "image", "Give exactly one of 'image' and 'tensor'.");
        }
        String loaded = routes.computeIfAbsent(active.versionId(), id -> route(tenant, cascade, active));
        InferenceInput input =
                image != null ? new InferenceInput.Image(image) : new InferenceInput.Raw(tensor.shape(), tensor.data());
        try {
            Tensor preprocessed = worker.preprocess(loaded, input);
            return new Prepared(loaded, new InferenceInput.Raw(preprocessed.shape(), preprocessed.data()));
        } catch (InvalidInputException e) {
            throw InvalidInferenceInputException.because(field + (image != null ? "image" : "tensor"), e.getMessage());
        }
    }

    /**
     * Serves one prepared input under {@code active}. Only the model execution holds an execution
     * permit, which higher {@code priority} gets first when all are taken. Every served request adds
     * its stages' confidence bins to the live drift counts.
     *
     * @param maySample whether the request may be drawn for a full profiling run (requests with a
     *     usage record, which feedback can name)
     * @throws WorkersSaturatedException when no permit came in time
     */
    Served serve(
            ActivePolicy active,
            Prepared prepared,
            Double deadlineMs,
            boolean scores,
            int priority,
            boolean maySample) {
        long budget = budgetNanos(active.tierDeadlineMs(), deadlineMs);
        Prediction prediction;
        AdmissionGate.Permit permit = gate.enter(priority);
        try {
            prediction = worker.execute(new InferenceRequest(
                    prepared.loaded(),
                    active.policy(),
                    active.bins(),
                    prepared.input(),
                    budget,
                    ThreadLocalRandom.current().nextDouble()));
        } catch (InvalidInputException e) {
            throw InvalidInferenceInputException.because("tensor", e.getMessage());
        } catch (NonFiniteOutputException e) {
            // never an answer, and never a drift count: a NaN confidence would poison both
            nonFiniteOutputs.increment();
            throw UnprocessableOutputException.because(e.getMessage());
        } finally {
            permit.release();
        }
        binCounts.record(active, properties.deviceClass(), prediction.trace().stages());
        List<String> labels = scores ? worker.manifest(prepared.loaded()).labels() : null;
        boolean sampled = maySample && ThreadLocalRandom.current().nextDouble() < properties.fullProfileFraction();
        return new Served(active, response(active, prediction, labels), sampled);
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

    /**
     * Why nothing serves the cascade under the tier: no such cascade (404), no such tier (400), or
     * no active version for this device class (409). Read from the database, off the served path.
     */
    RuntimeException whyNot(String tenant, String cascade, String tier) {
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
