package io.tierserve.platform.inference;

import io.tierserve.platform.apikey.ApiKeyPrincipal;
import io.tierserve.platform.cascade.CascadeNotFoundException;
import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.policy.ActivePolicy;
import io.tierserve.platform.ratelimit.RateLimitExceededException;
import io.tierserve.platform.ratelimit.RateLimiter;
import io.tierserve.platform.serving.ServedTenant;
import io.tierserve.platform.serving.ServedTier;
import io.tierserve.platform.serving.ServingState;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.platform.usage.UsageEvent;
import io.tierserve.platform.usage.UsageRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The public API's one path, shared by {@code /v1} and {@code /v2}. A request travels one way and
 * resolves each thing once, from one serving snapshot and without a database round trip: the tier
 * and the active policy version; every input checked and preprocessed; the limits admit all inputs
 * or none; each input served; usage recorded behind the request.
 */
@Component
class PublicPredictions {

    /** The most inputs one request may carry. */
    static final int MAX_BATCH = 32;

    private final PredictService predictions;
    private final ServingState serving;
    private final RateLimiter limiter;
    private final UsageRecorder usage;
    private final LiveProfiling profiling;
    private final TierService tiers;

    PublicPredictions(
            PredictService predictions,
            ServingState serving,
            RateLimiter limiter,
            UsageRecorder usage,
            LiveProfiling profiling,
            TierService tiers) {
        this.predictions = predictions;
        this.tiers = tiers;
        this.serving = serving;
        this.limiter = limiter;
        this.usage = usage;
        this.profiling = profiling;
    }

    /**
     * A {@code /v1} answer: one prediction for a request with one input, the batch for
     * {@code inputs}; {@code requestIds} is the {@code X-Request-Id} header (one id per input).
     */
    record Answer(Object body, String requestIds) {}

    /**
     * Answers a {@code /v1} request whose body passed its checks: the tier from the body, else
     * from {@code headerTier}, else the tenant's default; one input or a batch, not both.
     */
    Answer answer(ApiKeyPrincipal key, String cascade, String headerTier, PublicPredictRequest request) {
        String tier = request.tier() != null ? request.tier() : headerTier;
        boolean single = request.inputs() == null;
        if (!single && (request.image() != null || request.tensor() != null || request.text() != null)) {
            throw InvalidInferenceInputException.because("inputs", "Give either one input or 'inputs', not both.");
        }
        List<PublicInput> inputs =
                single ? List.of(new PublicInput(request.image(), request.tensor(), request.text())) : request.inputs();
        BatchResponse answers =
                predict(key, cascade, tier, inputs, request.deadlineMs(), Boolean.TRUE.equals(request.scores()));
        StringJoiner ids = new StringJoiner(",");
        answers.predictions().forEach(answer -> ids.add(answer.requestId().toString()));
        return new Answer(single ? answers.predictions().get(0) : answers, ids.toString());
    }

    /**
     * Answers every input in order under one tier. Nothing is spent on a request that is refused:
     * every input is checked before the limits are asked, and the limits admit all inputs or none.
     */
    BatchResponse predict(
            ApiKeyPrincipal key,
            String cascade,
            String tier,
            List<PublicInput> inputs,
            Double deadlineMs,
            boolean scores) {
        if (inputs.isEmpty()) {
            throw InvalidInferenceInputException.because(
                    "inputs", "Give an 'image', a 'tensor', a 'text' or 'inputs'.");
        }
        if (inputs.size() > MAX_BATCH) {
            throw InputTooLargeException.batch(inputs.size(), MAX_BATCH);
        }
        ServedTenant tenant = serving.snapshot()
                .tenant(key.tenantId())
                .orElseThrow(() -> CascadeNotFoundException.forName(key.tenantName(), cascade));
        ServedTier servedTier = tenant.tier(tier).orElseThrow(() -> {
            usage.record(failure(key, cascade, null, "CLIENT_ERROR"));
            return UnknownTierException.forName(tier == null ? "(default)" : tier, tenant.tierNames());
        });
        PredictService.Target target = tenant.cascade(cascade)
                .flatMap(c -> predictions.target(c, servedTier))
                .orElseThrow(
                        () -> refused(key, cascade, servedTier, predictions.whyNot(key.tenantName(), cascade, tier)));
        ActivePolicy active = target.policy();
        List<PredictService.Prepared> prepared = new ArrayList<>(inputs.size());
        try {
            for (int i = 0; i < inputs.size(); i++) {
                PublicInput input = inputs.get(i);
                String field = inputs.size() == 1 ? "" : "inputs[" + i + "].";
                prepared.add(predictions.prepare(
                        key.tenantName(), cascade, active, input.image(), input.tensor(), input.text(), field));
            }
            limiter.admit(tenant.id(), tenant.limits(), servedTier.id(), servedTier.limits(), inputs.size());
        } catch (RateLimitExceededException e) {
            usage.record(failure(key, cascade, servedTier, "RATE_LIMITED"));
            throw e;
        } catch (ApiException e) {
            throw refused(key, cascade, servedTier, e);
        }
        List<PredictResponse> answers = new ArrayList<>(inputs.size());
        for (PredictService.Prepared input : prepared) {
            PredictService.Served served;
            try {
                served = predictions.serve(target, input, deadlineMs, scores, servedTier.priority(), true);
            } catch (ApiException e) {
                throw refused(key, cascade, servedTier, e);
            }
            PredictResponse answer = served.response();
            UsageEvent event = served(key, cascade, servedTier, active, answer);
            if (served.sampled()) {
                profiling.submit(event, target, input);
            } else {
                usage.record(event);
            }
            answers.add(answer);
        }
        return new BatchResponse(active.tierName(), answers);
    }

    /** The tenant's tiers, sorted by name (the model metadata of {@code /v2}). */
    List<TierDefinition> tiersOf(ApiKeyPrincipal key) {
        return tiers.definitions(key.tenantName());
    }

    private RuntimeException refused(ApiKeyPrincipal key, String cascade, ServedTier tier, RuntimeException e) {
        boolean client = !(e instanceof ApiException api) || api.status().is4xxClientError();
        usage.record(failure(key, cascade, tier, client ? "CLIENT_ERROR" : "SERVER_ERROR"));
        return e;
    }

    private UsageEvent served(
            ApiKeyPrincipal key, String cascade, ServedTier tier, ActivePolicy active, PredictResponse answer) {
        return new UsageEvent(
                key.tenantId(),
                key.tenantName(),
                answer.requestId(),
                Instant.now(),
                key.keyId(),
                active.cascadeId(),
                cascade,
                tier.id(),
                tier.name(),
                active.versionId(),
                answer.deviceClass(),
                answer.stagesRun(),
                answer.answeredBy(),
                answer.recalled(),
                answer.deadlineHit(),
                answer.latencyMs(),
                "OK",
                stageOutputs(answer.stages()),
                null);
    }

    private static UsageEvent.StageOutputs stageOutputs(List<PredictResponse.StageRun> stages) {
        int[] classes = new int[stages.size()];
        double[] confidences = new double[stages.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = stages.get(i).classIndex();
            confidences[i] = stages.get(i).confidence();
        }
        return new UsageEvent.StageOutputs(classes, confidences);
    }

    private UsageEvent failure(ApiKeyPrincipal key, String cascade, ServedTier tier, String outcome) {
        return new UsageEvent(
                key.tenantId(),
                key.tenantName(),
                UUID.randomUUID(),
                Instant.now(),
                key.keyId(),
                null,
                cascade,
                tier == null ? null : tier.id(),
                tier == null ? null : tier.name(),
                null,
                predictions.deviceClass(),
                List.of(),
                null,
                false,
                false,
                0,
                outcome,
                null,
                null);
    }
}
