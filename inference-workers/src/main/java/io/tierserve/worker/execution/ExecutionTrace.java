package io.tierserve.worker.execution;

import java.util.List;

/**
 * How an answer was made.
 *
 * @param stages the stages run, in order
 * @param answeringStage the stage whose output answered
 * @param recalled whether that is an earlier stage than the last one run
 * @param totalNanos the whole request: decoding, preprocessing, policy, models, bookkeeping
 * @param modelNanos the part of {@code totalNanos} spent inside stage models
 * @param deadlineHit whether the deadline cut the walk short: it expired before the policy stopped,
 *     or the request ran past it
 */
public record ExecutionTrace(
        List<StageTrace> stages,
        String answeringStage,
        boolean recalled,
        long totalNanos,
        long modelNanos,
        boolean deadlineHit) {

    public ExecutionTrace {
        stages = List.copyOf(stages);
    }
}
