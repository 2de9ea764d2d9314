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
import io.tierserve.platform.serving.ServedCascade;
import io.tierserve.platform.serving.ServedTier;
import io.tierserve.platform.serving.ServingState;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.platform.worker.NoWorkerAvailableException;
import io.tierserve.platform.worker.WorkerAnswer;
import io.tierserve.platform.worker.WorkerCall;
import io.tierserve.platform.worker.WorkerPools;
import io.tierserve.platform.worker.WorkerRejectedInputException;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.InputKind;
import io.tierserve.worker.cascade.Tensor;
import io.tierserve.worker.execution.ExecutionTrace;
import io.tierserve.worker.execution.InferenceEngine;
import io.tierserve.worker.execution.InferenceInput;
import io.tierserve.worker.execution.InvalidInputException;
import io.tierserve.worker.execution.NonFiniteOutputException;
import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.execution.StageTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Serves requests: the device class (the first pool, in order of preference, that has a worker up
 * and an active policy version for the tier), then a worker of that pool ({@link WorkerPools}:
 * in-process or remote) running the version, and says how each answer was made.
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
    private final WorkerPools pools;
    private final InferenceProperties properties;
    private final ServedCascades served;
    private final LiveBinCounts binCounts;
    private final Counter nonFiniteOutputs;
    // which models serve a policy version's cascade; a version belongs to one cascade
    private final Map<UUID, ServedCascades.Served> routes = new ConcurrentHashMap<>();

    PredictService(
            ServingState serving,
            CascadeService cascades,
            TierService tiers,
            WorkerPools pools,
            InferenceProperties properties,
            LiveBinCounts binCounts,
            ServedCascades served,
            MeterRegistry meters) {
        this.serving = serving;
        this.cascades = cascades;
        this.tiers = tiers;
        this.pools = pools;
        this.properties = properties;
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

    /** Where a request goes: the active version of its tier on the chosen device class. */
    record Target(ActivePolicy policy, String deviceClass) {}

    /**
     * An input checked against the cascade and preprocessed into its first stage's layout.
     *
     * @param model the models that serve the version
     */
    record Prepared(ServedCascades.Served model, InferenceInput input) {}

    /**
     * A served request: the answer, and the policy version that made it (for usage records).
     *
     * @param sampled whether the request was drawn for a full profiling run
     */
    record Served(ActivePolicy policy, PredictResponse response, boolean sampled) {}

    /** The internal path: resolves by names, admitted at the default tier priority, never sampled. */
    PredictResponse predict(String tenant, String cascade, PredictRequest request) {
        Target target = serving.snapshot()
                .tenant(tenant)
                .flatMap(t -> t.tier(request.tier())
                        .flatMap(tier -> t.cascade(cascade).flatMap(c -> target(c, tier))))
                .orElseThrow(() -> whyNot(tenant, cascade, request.tier()));
        Prepared prepared =
                prepare(tenant, cascade, target.policy(), request.image(), request.tensor(), request.text(), "");
        return serve(target, prepared, request.deadlineMs(), request.wantsScores(), DEFAULT_PRIORITY, false)
                .response();
    }

    /**
     * The device class that serves the tier: the tier's own preferred class when its pool has a
     * worker up and an active version for the tier, else the first class, in the platform's order of
     * preference, with both; empty when none has both.
     */
    Optional<Target> target(ServedCascade cascade, ServedTier tier) {
        if (tier.deviceClass() != null) {
            Optional<Target> preferred = target(cascade, tier, tier.deviceClass());
            if (preferred.isPresent()) {
                return preferred;
            }
        }
        for (String deviceClass : pools.deviceClasses()) {
            Optional<Target> target = target(cascade, tier, deviceClass);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    private Optional<Target> target(ServedCascade cascade, ServedTier tier, String deviceClass) {
        if (!pools.hasWorker(deviceClass)) {
            return Optional.empty();
        }
        return cascade.policy(tier.id(), deviceClass).map(active -> new Target(active, deviceClass));
    }

    /**
     * Checks one input (exactly one of an image, a tensor and a text) against the cascade that serves
     * {@code active} and preprocesses it, here, before anything is spent on the request. An image
     * becomes the tensor its cascade reads; a text stays a text (each stage reads it its own way).
     *
     * @param field the input's place in the request ({@code ""}, {@code "inputs[2]."}), named in a 400
     * @throws InvalidInferenceInputException (400) when it does not fit
     */
    Prepared prepare(
            String tenant,
            String cascade,
            ActivePolicy active,
            String image,
            TensorInput tensor,
            String text,
            String field) {
        int given = (image == null ? 0 : 1) + (tensor == null ? 0 : 1) + (text == null ? 0 : 1);
        if (given != 1) {
            ServedCascades.Served model = routes.get(active.versionId());
            boolean reads = model != null && model.manifest().inputKind() == InputKind.TEXT;
            throw InvalidInferenceInputException.because(
                    field + (reads ? "text" : "image"),
                    reads
                            ? "Give exactly one of 'text', 'image' and 'tensor' (cascade '" + cascade + "' reads text)."
                            : "Give exactly one of 'image', 'tensor' and 'text'.");
        }
        ServedCascades.Served model = routes.computeIfAbsent(active.versionId(), id -> route(tenant, cascade, active));
        InferenceInput input = image != null
                ? new InferenceInput.Image(image)
                : text != null ? new InferenceInput.Text(text) : new InferenceInput.Raw(tensor.shape(), tensor.data());
        try {
            Tensor preprocessed = InferenceEngine.preprocess(model.manifest(), input);
            if (preprocessed.isText()) {
                return new Prepared(model, new InferenceInput.Text(preprocessed.text()));
            }
            return new Prepared(model, new InferenceInput.Raw(preprocessed.shape(), preprocessed.data()));
        } catch (InvalidInputException e) {
            throw InvalidInferenceInputException.because(
                    field + (image != null ? "image" : text != null ? "text" : "tensor"), e.getMessage());
        }
    }

    /**
     * Serves one prepared input on a worker of the target's pool. Only the model execution holds an
     * execution permit, which higher {@code priority} gets first when all are taken. Every served
     * request adds its stages' confidence bins to the live drift counts.
     *
     * @param maySample whether the request may be drawn for a full profiling run (requests with a
     *     usage record, which feedback can name)
     * @throws WorkersSaturatedException when no permit came in time
     */
    Served serve(Target target, Prepared prepared, Double deadlineMs, boolean scores, int priority, boolean maySample) {
        ActivePolicy active = target.policy();
        long budget = budgetNanos(active.tierDeadlineMs(), deadlineMs);
        WorkerAnswer answer;
        try {
            answer = pools.execute(target.deviceClass(), call(target, prepared, budget, false, priority));
        } catch (WorkerRejectedInputException e) {
            throw InvalidInferenceInputException.because("tensor", e.getMessage());
        } catch (NonFiniteOutputException e) {
            // never an answer, and never a drift count: a NaN confidence would poison both
            nonFiniteOutputs.increment();
            throw UnprocessableOutputException.because(e.getMessage());
        }
        Prediction prediction = answer.prediction();
        binCounts.record(active, answer.deviceClass(), prediction.trace().stages());
        List<String> labels = scores ? prepared.model().manifest().labels() : null;
        boolean sampled = maySample && ThreadLocalRandom.current().nextDouble() < properties.fullProfileFraction();
        return new Served(active, response(active, prediction, labels, answer), sampled);
    }

    /** The call that runs {@code prepared} under the target's version ({@code fullRun}: every stage after). */
    static WorkerCall call(Target target, Prepared prepared, long budgetNanos, boolean fullRun, int priority) {
        ActivePolicy active = target.policy();
        return new WorkerCall(
                prepared.model().model(),
                active.versionId(),
                active.policy(),
                active.bins(),
                prepared.input(),
                budgetNanos,
                ThreadLocalRandom.current().nextDouble(),
                fullRun,
                priority);
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

    /** The manifest (input shape, preprocessing, labels) of the models that serve {@code cascade}. */
    CascadeManifest manifest(String tenant, String cascade) {
        return served.require(tenant, cascade).manifest();
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
        List<String> withWorkers =
                pools.deviceClasses().stream().filter(pools::hasWorker).toList();
        if (withWorkers.isEmpty()) {
            return NoWorkerAvailableException.noPool(pools.deviceClasses());
        }
        String tierName = tier == null
                ? defined.stream()
                        .filter(TierDefinition::defaultTier)
                        .map(TierDefinition::name)
                        .findFirst()
                        .orElse("(default)")
                : tier;
        return NotServableException.lacking(
                tenant, cascade, tierName, String.join(" or ", withWorkers), cascades.readiness(tenant, cascade));
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
