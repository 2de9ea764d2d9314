package io.tierserve.policy.synthetic;

/**
 * The true model behind a synthetic line cascade.
 *
 * <p>Each stage is in one of {@code k} hidden states; stage 0 draws it from {@code initial}, stage
 * {@code v > 0} from row {@code a} of {@code transition[v]} given stage {@code v−1}'s state {@code
 * a}. In state {@code s} a stage is correct with probability {@code accuracy[v][s]} and reports a
 * confidence uniform in {@code [lo + s·w, lo + (s+1)·w)} with {@code lo = 1/classes}, {@code w =
 * (1 − lo)/k}, so states are ordered by confidence and quantile bins can recover them.
 *
 * @param cascade name written into the profile
 * @param classes number of classes (labels are uniform)
 * @param initial stage 0's state distribution
 * @param transition per stage, k×k row-stochastic; entry 0 is unused ({@code null})
 * @param accuracy per stage and state, the probability of a correct prediction
 * @param p50Ms per stage latency median (the model's cost)
 * @param meanMs per stage mean latency
 * @param p99Ms per stage latency 99th percentile
 * @param wrongStickiness probability that a wrong stage repeats the previous stage's wrong prediction
 */
public record SyntheticSpec(
        String cascade,
        int classes,
        double[] initial,
        double[][][] transition,
        double[][] accuracy,
        double[] p50Ms,
        double[] meanMs,
        double[] p99Ms,
        double wrongStickiness) {

    public int stages() {
        return accuracy.length;
    }

    public int states() {
        return initial.length;
    }
}
