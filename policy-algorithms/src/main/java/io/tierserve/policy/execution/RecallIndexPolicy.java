package io.tierserve.policy.execution;

import java.util.Arrays;

/**
 * The recall-optimal index policy of a line or out-tree cascade
 * (docs/algorithms.md#recall-on-a-line, docs/algorithms.md#out-trees).
 *
 * <p>The frontier holds the stages whose parent has run. The walk picks the frontier stage with
 * the smallest index {@code order[v][parent state]} (the lower stage number on ties; a line has at
 * most one frontier stage, so {@code order} may be {@code null} there), stops when the best loss in
 * hand is at or below that stage's threshold ({@code X-index <= thresholds[v][parent state]}, stop
 * at equality), and answers with the stage that revealed the smallest loss (the earlier one on
 * ties). Root children use parent state 0. Per decision the work is {@code O(frontier size)}:
 * {@code O(1)} on a line.
 */
final class RecallIndexPolicy implements CascadePolicy {

    private final StageLookup stages;
    private final int[] parents;
    private final int[][] children;
    private final int[] rootChildren;
    private final int[][] thresholds;
    private final double[][] order;

    RecallIndexPolicy(StageLookup stages, int[] parents, int[][] thresholds, double[][] order) {
        this.stages = stages;
        this.parents = parents;
        this.thresholds = thresholds;
        this.order = order;
        int n = parents.length;
        int[] childCount = new int[n + 1];
        for (int p : parents) {
            childCount[p + 1]++;
        }
        int[][] lists = new int[n + 1][];
        for (int v = 0; v <= n; v++) {
            lists[v] = new int[childCount[v]];
        }
        int[] fill = new int[n + 1];
        for (int v = 0; v < n; v++) {
            lists[parents[v] + 1][fill[parents[v] + 1]++] = v;
        }
        this.rootChildren = lists[0];
        this.children = Arrays.copyOfRange(lists, 1, n + 1);
    }

    @Override
    public int stageCount() {
        return parents.length;
    }

    @Override
    public CascadeWalk newWalk() {
        return new Walk();
    }

    private final class Walk implements CascadeWalk {

        private final int[] stateOf = new int[parents.length];
        private final int[] predictionOf = new int[parents.length];
        private final int[] frontier = new int[parents.length];
        private int frontierSize;
        private int best;
        private int bestIndex;

        @Override
        public void start(double coin) {
            Arrays.fill(stateOf, -1);
            System.arraycopy(rootChildren, 0, frontier, 0, rootChildren.length);
            frontierSize = rootChildren.length;
            best = STOP;
            bestIndex = Integer.MAX_VALUE;
        }

        @Override
        public int next(long remainingNanos) {
            if (frontierSize == 0) {
                return STOP;
            }
            int chosen = -1;
            double chosenKey = Double.POSITIVE_INFINITY;
            for (int k = 0; k < frontierSize; k++) {
                int v = frontier[k];
                double key = order == null ? 0 : order[v][parentState(v)];
                if (chosen == -1 || key < chosenKey || (key == chosenKey && v < chosen)) {
                    chosen = v;
                    chosenKey = key;
                }
            }
            if (best != STOP && bestIndex <= thresholds[chosen][parentState(chosen)]) {
                return STOP;
            }
            return stages.fits(chosen, remainingNanos) ? chosen : STOP;
        }

        private int parentState(int v) {
            int p = parents[v];
            return p == -1 ? 0 : stateOf[p];
        }

        @Override
        public void reveal(int stage, int prediction, double confidence) {
            int at = -1;
            for (int k = 0; k < frontierSize; k++) {
                if (frontier[k] == stage) {
                    at = k;
                }
            }
            if (at == -1) {
                throw new IllegalStateException("stage " + stage + " is not on the frontier of this walk");
            }
            frontier[at] = frontier[--frontierSize];
            int p = parents[stage];
            int state = stages.state(stage, confidence, p != -1 && predictionOf[p] == prediction);
            stateOf[stage] = state;
            predictionOf[stage] = prediction;
            int index = stages.lossIndex(stage, state);
            if (index < bestIndex) {
                bestIndex = index;
                best = stage;
            }
            for (int child : children[stage]) {
                frontier[frontierSize++] = child;
            }
        }

        @Override
        public int answer() {
            return best;
        }
    }
}
