package io.tierserve.platform.inference;

import io.tierserve.platform.apikey.ApiKeyPrincipal;
import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.ratelimit.RateLimitExceededException;
import io.tierserve.platform.ratelimit.RateLimiter;
import io.tierserve.platform.tier.TierDefinition;
import io.tierserve.platform.tier.TierService;
import io.tierserve.platform.usage.UsageEvent;
import io.tierserve.platform.usage.UsageRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The public API's one path, shared by {@code /v1} and {@code /v2}: resolve the tier, admit under
 * the rate limits, run each input through the internal prediction service, record usage.
 */
@Component
class PublicPredictions {

    /** The most inputs one request may carry. */
    static final int MAX_BATCH = 32;

    private final PredictService predictions;
    private final TierService tiers;
    private final RateLimiter limiter;
    private final UsageRecorder usage;

    PublicPredictions(PredictService predictions, TierService tiers, RateLimiter limiter, UsageRecorder usage) {
        this.predictions = predictions;
        this.tiers = tiers;
        this.limiter = limiter;
        this.usage = usage;
    }

    /** Answers every input in order under one tier; all inputs are admitted before any runs. */
    BatchResponse predict(
            ApiKeyPrincipal key,
            String cascade,
            String tier,
            List<PublicInput> inputs,
            Double deadlineMs,
            boolean scores) {
        if (inputs.isEmpty()) {
            throw InvalidInferenceInputException.because("inputs", "Give an 'image', a 'tensor' or 'inputs'.");
        }
        if (inputs.size() > MAX_BATCH) {
            throw InputTooLargeException.batch(inputs.size(), MAX_BATCH);
        }
        TierDefinition resolved = resolveTier(key, cascade, tier);
        try {
            for (int i = 0; i < inputs.size(); i++) {
                limiter.admit(key.tenantId(), resolved.id());
            }
        } catch (RateLimitExceededException e) {
            usage.record(failure(key, cascade, resolved.name(), "RATE_LIMITED"));
            throw e;
        }
        List<PredictResponse> answers = new ArrayList<>(inputs.size());
        for (PublicInput input : inputs) {
            PredictService.Served served;
            try {
                served = predictions.serve(
                        key.tenantName(),
                        cascade,
                        new PredictRequest(resolved.name(), input.image(), input.tensor(), deadlineMs, scores),
                        resolved.priority(),
                        true);
            } catch (ApiException e) {
                usage.record(failure(
                        key,
                        cascade,
                        resolved.name(),
                        e.status().is4xxClientError() ? "CLIENT_ERROR" : "SERVER_ERROR"));
                throw e;
            }
            PredictResponse answer = served.response();
            usage.record(new UsageEvent(
                    key.tenantId(),
                    key.tenantName(),
                    answer.requestId(),
                    key.keyId(),
                    served.policy().cascadeId(),
                    cascade,
                    answer.tier(),
                    served.policy().versionId(),
                    answer.deviceClass(),
                    answer.stagesRun(),
                    answer.answeredBy(),
                    answer.recalled(),
                    answer.deadlineHit(),
                    answer.latencyMs(),
                    "OK",
                    new UsageEvent.StageOutputs(
                            answer.stages().stream()
                                    .mapToInt(PredictResponse.StageRun::classIndex)
                                    .toArray(),
                            answer.stages().stream()
                                    .mapToDouble(PredictResponse.StageRun::confidence)
                                    .toArray()),
                    served.fullRun() == null
                            ? null
                            : new UsageEvent.StageOutputs(
                                    served.fullRun().predictions(),
                                    served.fullRun().confidences())));
            answers.add(answer);
        }
        return new BatchResponse(resolved.name(), answers);
    }

    /** The tenant's tiers, default first (the model metadata of {@code /v2}). */
    List<TierDefinition> tiersOf(ApiKeyPrincipal key) {
        return tiers.definitions(key.tenantName());
    }

    private TierDefinition resolveTier(ApiKeyPrincipal key, String cascade, String tier) {
        List<TierDefinition> defined = tiers.definitions(key.tenantName());
        return defined.stream()
                .filter(t -> tier == null ? t.defaultTier() : t.name().equals(tier))
                .findFirst()
                .orElseThrow(() -> {
                    usage.record(failure(key, cascade, null, "CLIENT_ERROR"));
                    return UnknownTierException.forName(
                            tier == null ? "(default)" : tier,
                            defined.stream().map(TierDefinition::name).toList());
                });
    }

    private UsageEvent failure(ApiKeyPrincipal key, String cascade, String tier, String outcome) {
        return new UsageEvent(
                key.tenantId(),
                key.tenantName(),
                UUID.randomUUID(),
                key.keyId(),
                null,
                cascade,
                tier,
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
