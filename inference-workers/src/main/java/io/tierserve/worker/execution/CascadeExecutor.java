package io.tierserve.worker.execution;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.model.ConfidenceBins;
import io.tierserve.worker.cascade.CascadeKind;
import io.tierserve.worker.cascade.CascadeManifest;
import io.tierserve.worker.cascade.CascadeSession;
import io.tierserve.worker.cascade.StageOutput;
import io.tierserve.worker.cascade.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one request through a cascade as a policy's walk decides
 * (docs/algorithms.md#serving-a-policy): every stage's output is kept until the request ends, so
 * the answer may be an earlier stage's (recall), and every prefix of the walk is a valid answer
 * when the deadline cuts it short. In a {@code separate} cascade a parent only orders the line: a
 * skip policy may run a stage without it.
 */
final class CascadeExecutor {

    private CascadeExecutor() {}

    /**
     * @param startNanos {@link System#nanoTime()} when the request arrived (decoding included)
     */
    static Prediction execute(
            CascadeManifest manifest,
            CascadeSession session,
            CascadePolicy policy,
            ConfidenceBins bins,
            Tensor input,
            long budgetNanos,
            double coin,
            long startNanos) {
        int n = manifest.stages().size();
        if (policy.stageCount() != n) {
            throw new IllegalArgumentException(
                    "the policy has " + policy.stageCount() + " stages; cascade " + manifest.name() + " has " + n);
        }
        int[] parents = manifest.parents();
        boolean earlyExit = manifest.cascadeKind() == CascadeKind.EARLY_EXIT;
        StageOutput[] outputs = new StageOutput[n];
        List<StageTrace> trace = new ArrayList<>(n);
        CascadeWalk walk = policy.newWalk();
        walk.start(coin);
        boolean deadlineHit = false;
        long modelNanos = 0;
        while (true) {
            long remaining = remaining(budgetNanos, startNanos);
            if (remaining <= 0) {
                deadlineHit = true;
                break;
            }
            int stage = walk.next(remaining);
            if (stage == CascadePolicy.STOP) {
                break;
            }
            if (stage < 0 || stage >= n || outputs[stage] != null) {
                throw new IllegalStateException("the policy chose stage " + stage + ", which cannot run now");
            }
            int parent = parents[stage];
            // In a separate-model cascade every stage reads the input, so a policy may skip over a
            // stage's parent (docs/algorithms.md#skip-edges); an early exit needs its parent's
            // hidden state.
            if (earlyExit && parent >= 0 && outputs[parent] == null) {
                throw new IllegalStateException("the policy chose stage " + stage + " before its parent " + parent);
            }
            Tensor stageInput = earlyExit && parent >= 0 ? outputs[parent].hidden() : input;
            long before = System.nanoTime();
            StageOutput output = NonFiniteOutputException.check(
                    manifest.name(), manifest.stages().get(stage).id(), session.run(stage, stageInput));
            long latency = System.nanoTime() - before;
            modelNanos += latency;
            outputs[stage] = output;
            int prediction = output.prediction();
            double confidence = output.confidence();
            walk.reveal(stage, prediction, confidence);
            int bin = bins == null ? -1 : bins.binOf(stage, confidence);
            trace.add(new StageTrace(stage, manifest.stages().get(stage).id(), prediction, confidence, bin, latency));
        }
        int answer = walk.answer();
        if (answer == CascadePolicy.STOP || outputs[answer] == null) {
            if (!trace.isEmpty()) {
                throw new IllegalStateException("the policy answered with stage " + answer + ", which did not run");
            }
            // The deadline left no room for any stage, yet a request needs an answer: the first stage.
            deadlineHit = budgetNanos != Long.MAX_VALUE;
            answer = firstRoot(parents);
            long before = System.nanoTime();
            StageOutput output = NonFiniteOutputException.check(
                    manifest.name(), manifest.stages().get(answer).id(), session.run(answer, input));
            long latency = System.nanoTime() - before;
            modelNanos += latency;
            outputs[answer] = output;
            int bin = bins == null ? -1 : bins.binOf(answer, output.confidence());
            trace.add(new StageTrace(
                    answer,
                    manifest.stages().get(answer).id(),
                    output.prediction(),
                    output.confidence(),
                    bin,
                    latency));
        }
        long total = System.nanoTime() - startNanos;
        deadlineHit |= budgetNanos != Long.MAX_VALUE && total > budgetNanos;
        boolean recalled = trace.get(trace.size() - 1).index() != answer;
        StageOutput answered = outputs[answer];
        int label = answered.prediction();
        return new Prediction(
                manifest.name(),
                label,
                label < manifest.labels().size() ? manifest.labels().get(label) : Integer.toString(label),
                answered.probabilities(),
                new ExecutionTrace(
                        trace, manifest.stages().get(answer).id(), recalled, total, modelNanos, deadlineHit));
    }

    private static long remaining(long budgetNanos, long startNanos) {
        return budgetNanos == Long.MAX_VALUE ? Long.MAX_VALUE : budgetNanos - (System.nanoTime() - startNanos);
    }

    private static int firstRoot(int[] parents) {
        for (int i = 0; i < parents.length; i++) {
            if (parents[i] < 0) {
                return i;
            }
        }
        throw new IllegalStateException("a cascade without a root stage");
    }
}
