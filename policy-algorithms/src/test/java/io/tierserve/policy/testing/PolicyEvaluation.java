package io.tierserve.policy.testing;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import java.util.Random;

/**
 * Exact and Monte-Carlo evaluation of a served {@link CascadePolicy} walk (states passed as the
 * confidence, as for models without bins): what the executor really does, independent of the solver.
 */
public final class PolicyEvaluation {

    /** Expected loss of the answer and expected sum of costs. */
    public record Value(double loss, double cost) {
        public double objective(double mu) {
            return loss + mu * cost;
        }
    }

    private interface Transition {
        /** Distribution of {@code stage}'s state given the stages revealed so far (state per stage, -1 = not run). */
        double[] of(int stage, int[] stateOf, int last);
    }

    private interface Cost {
        double of(int stage, int last);
    }

    private interface Loss {
        double of(int stage, int state);
    }

    private PolicyEvaluation() {}

    /** Exact evaluation on a line or out-tree by enumerating every branch of the walk. */
    public static Value exact(MarkovCascade model, CascadePolicy policy) {
        Transition t = (v, stateOf, last) ->
                model.parent(v) == -1 ? model.initial(v) : model.transition(v)[stateOf[model.parent(v)]];
        return enumerate(policy, model.stageCount(), t, (v, last) -> model.cost(v), model::loss);
    }

    /** Exact evaluation on a line with skips. */
    public static Value exact(SkipCascade model, CascadePolicy policy) {
        Transition t = (v, stateOf, last) -> model.transition(last, v)[last == -1 ? 0 : stateOf[last]];
        return enumerate(policy, model.stageCount(), t, (v, last) -> model.cost(last, v), model::loss);
    }

    private static Value enumerate(CascadePolicy policy, int n, Transition t, Cost c, Loss loss) {
        double[] acc = new double[2];
        recurse(policy, new int[n + 1], new int[n + 1], 0, 1.0, t, c, loss, acc, n);
        return new Value(acc[0], acc[1]);
    }

    private static void recurse(
            CascadePolicy policy,
            int[] stages,
            int[] states,
            int depth,
            double prob,
            Transition t,
            Cost c,
            Loss loss,
            double[] acc,
            int n) {
        CascadeWalk walk = policy.newWalk();
        walk.start(0.5);
        int[] stateOf = new int[n];
        java.util.Arrays.fill(stateOf, -1);
        double cost = 0;
        int last = -1;
        for (int k = 0; k < depth; k++) {
            int v = walk.next(Long.MAX_VALUE);
            if (v != stages[k]) {
                throw new IllegalStateException("walk is not deterministic");
            }
            walk.reveal(v, 0, states[k]);
            cost += c.of(v, last);
            stateOf[v] = states[k];
            last = v;
        }
        int next = walk.next(Long.MAX_VALUE);
        if (next == CascadePolicy.STOP) {
            int answer = walk.answer();
            acc[0] += prob * loss.of(answer, stateOf[answer]);
            acc[1] += prob * cost;
            return;
        }
        double[] dist = t.of(next, stateOf, last);
        for (int b = 0; b < dist.length; b++) {
            if (dist[b] > 0) {
                stages[depth] = next;
                states[depth] = b;
                recurse(policy, stages, states, depth + 1, prob * dist[b], t, c, loss, acc, n);
            }
        }
    }

    /**
     * Monte Carlo: draws every stage's state from the Markov model (so skips see the products of
     * the line's matrices), runs the walk against the draw and averages.
     */
    public static Value sample(MarkovCascade model, CascadePolicy policy, SkipCascade skips, int samples, long seed) {
        Random rnd = new Random(seed);
        int n = model.stageCount();
        int[] draw = new int[n];
        CascadeWalk walk = policy.newWalk();
        double lossSum = 0;
        double costSum = 0;
        for (int s = 0; s < samples; s++) {
            for (int v = 0; v < n; v++) {
                double[] dist = model.parent(v) == -1 ? model.initial(v) : model.transition(v)[draw[model.parent(v)]];
                draw[v] = pick(rnd, dist);
            }
            walk.start(rnd.nextDouble());
            int last = -1;
            for (int v = walk.next(Long.MAX_VALUE); v != CascadePolicy.STOP; v = walk.next(Long.MAX_VALUE)) {
                costSum += skips == null ? model.cost(v) : skips.cost(last, v);
                walk.reveal(v, 0, draw[v]);
                last = v;
            }
            int answer = walk.answer();
            lossSum += model.loss(answer, draw[answer]);
        }
        return new Value(lossSum / samples, costSum / samples);
    }

    private static int pick(Random rnd, double[] dist) {
        double u = rnd.nextDouble();
        double cum = 0;
        for (int k = 0; k < dist.length; k++) {
            cum += dist[k];
            if (u < cum) {
                return k;
            }
        }
        for (int k = dist.length - 1; k >= 0; k--) {
            if (dist[k] > 0) {
                return k;
            }
        }
        return dist.length - 1;
    }
}
