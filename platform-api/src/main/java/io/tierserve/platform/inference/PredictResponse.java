package io.tierserve.platform.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The answer and how it was made.
 *
 * @param label the class name from the cascade's manifest
 * @param classIndex the predicted class index
 * @param confidence the answering stage's probability of that class
 * @param policyVersion the number of the policy version that served the request
 * @param policyStatus that version's status: {@code MET}, {@code CONSERVATIVE} or {@code FALLBACK}
 * @param stagesRun the stages run, in order
 * @param answeredBy the stage whose output is the answer
 * @param recalled whether that is an earlier stage than the last one run
 * @param deadlineHit whether the deadline cut the walk short
 * @param latencyMs the whole request inside the worker: decoding, policy and models
 * @param stages per stage run: its own prediction, confidence, bin and model latency
 * @param scores the answering stage's probability of every class, in class-index order; only when
 *     the request asked for them ({@code "scores": true}), absent otherwise
 * @param worker the id of the worker that ran the request ({@code in-process} in standalone mode)
 * @param deviceClass the device class of its pool, whose policy version served the request
 */
record PredictResponse(
        UUID requestId,
        String label,
        int classIndex,
        double confidence,
        String tier,
        int policyVersion,
        String policyStatus,
        List<String> stagesRun,
        String answeredBy,
        boolean recalled,
        boolean deadlineHit,
        double latencyMs,
        List<StageRun> stages,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ClassScore> scores,
        String worker,
        String deviceClass) {

    /** One stage that ran. */
    record StageRun(String stage, int classIndex, double confidence, Integer bin, double latencyMs) {}

    /** One class's probability under the answering stage. */
    record ClassScore(int classIndex, String label, double score) {}
}
