package io.tierserve.policy.testing;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import java.util.HashMap;
import java.util.Map;

/**
 * The test oracle: the optimal expected {@code E[f] + mu · E[costs]} over ALL adaptive policies,
 * by recursion over everything revealed so far (memoised on the revealed states, which is the whole
 * history a policy can condition on).
 */
public final class BruteForce {

    private final int n;
    private final double mu;
    private final MarkovCascade model;
    private final SkipCascade skipModel;
    private final boolean recall;
    private final Map<String, Double> memo = new HashMap<>();

    private BruteForce(MarkovCascade model, SkipCascade skipModel, double mu, boolean recall) {
        this.model = model;
        this.skipModel = skipModel;
        this.n = model != null ? model.stageCount() : skipModel.stageCount();
        this.mu = mu;
        this.recall = recall;
    }

    /** With recall on a line or out-tree: any frontier stage may run next; f = min loss. */
    public static double recall(MarkovCascade model, double mu) {
        return new BruteForce(model, null, mu, true).tree(new int[model.stageCount()], -1);
    }

    /** Without recall on a line: f = loss of the last stage run. */
    public static double noRecall(MarkovCascade model, double mu) {
        return new BruteForce(model, null, mu, false).tree(new int[model.stageCount()], -1);
    }

    /** With recall on a line with skips: any later stage with an edge from the last one run. */
    public static double recallWithSkips(SkipCascade model, double mu) {
        return new BruteForce(null, model, mu, true).skips(new int[model.stageCount()], -1);
    }

    /** revealed[v] = state + 1, 0 = not run. */
    private double tree(int[] revealed, int last) {
        String key = java.util.Arrays.toString(revealed) + last;
        Double known = memo.get(key);
        if (known != null) {
            return known;
        }
        double best = last == -1 ? Double.POSITIVE_INFINITY : stopValue(revealed, last, model::loss);
        for (int v = 0; v < n; v++) {
            int p = model.parent(v);
            boolean available = revealed[v] == 0 && (p == -1 || revealed[p] > 0);
            if (!recall) {
                available = v == last + 1 && model.isLine();
            }
            if (!available) {
                continue;
            }
            double[] dist = p == -1 ? model.initial(v) : model.transition(v)[revealed[p] - 1];
            double go = mu * model.cost(v);
            for (int b = 0; b < dist.length; b++) {
                if (dist[b] > 0) {
                    revealed[v] = b + 1;
                    go += dist[b] * tree(revealed, v);
                    revealed[v] = 0;
                }
            }
            best = Math.min(best, go);
        }
        memo.put(key, best);
        return best;
    }

    private double skips(int[] revealed, int last) {
        String key = java.util.Arrays.toString(revealed) + last;
        Double known = memo.get(key);
        if (known != null) {
            return known;
        }
        double best = last == -1 ? Double.POSITIVE_INFINITY : stopValue(revealed, last, skipModel::loss);
        for (int j = last + 1; j < n; j++) {
            if (!skipModel.hasEdge(last, j)) {
                continue;
            }
            double[] dist = skipModel.transition(last, j)[last == -1 ? 0 : revealed[last] - 1];
            double go = mu * skipModel.cost(last, j);
            for (int e = 0; e < dist.length; e++) {
                if (dist[e] > 0) {
                    revealed[j] = e + 1;
                    go += dist[e] * skips(revealed, j);
                    revealed[j] = 0;
                }
            }
            best = Math.min(best, go);
        }
        memo.put(key, best);
        return best;
    }

    private interface Loss {
        double of(int stage, int state);
    }

    private double stopValue(int[] revealed, int last, Loss loss) {
        if (!recall) {
            return loss.of(last, revealed[last] - 1);
        }
        double min = Double.POSITIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            if (revealed[v] > 0) {
                min = Math.min(min, loss.of(v, revealed[v] - 1));
            }
        }
        return min;
    }
}
