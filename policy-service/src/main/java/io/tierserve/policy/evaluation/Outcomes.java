package io.tierserve.policy.evaluation;

/**
 * Per-sample results of replaying one deterministic rule: whether the answer was right, the
 * simulated latency, the answering stage and whether it was recalled (an earlier stage than the
 * last one run), and how many stages ran.
 */
record Outcomes(boolean[] correct, double[] latencyMs, int[] answer, boolean[] recalled, int[] stagesRun) {

    int size() {
        return correct.length;
    }
}
