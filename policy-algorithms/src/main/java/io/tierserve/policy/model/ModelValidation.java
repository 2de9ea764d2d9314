package io.tierserve.policy.model;

/** The rules a {@link MarkovCascade} must satisfy, checked once at construction. */
final class ModelValidation {

    private static final double TOLERANCE = 1e-6;

    private ModelValidation() {}

    static void validate(MarkovCascade model) {
        double[] grid = model.grid();
        require(grid.length > 0, "grid must not be empty");
        for (int i = 0; i < grid.length; i++) {
            require(grid[i] > 0 && Double.isFinite(grid[i]), "grid[" + i + "] must be a positive finite loss");
            require(i == 0 || grid[i] > grid[i - 1], "grid must be strictly ascending at index " + i);
        }
        int n = model.stageCount();
        require(n > 0, "a cascade needs at least one stage");
        for (int v = 0; v < n; v++) {
            int p = model.parent(v);
            require(p >= -1 && p < v, "stage " + v + ": parent must be -1 or an earlier stage, was " + p);
            require(model.cost(v) >= 0 && Double.isFinite(model.cost(v)), "stage " + v + ": cost must be >= 0");
            int k = model.states(v);
            require(k > 0, "stage " + v + ": needs at least one state");
            for (int s = 0; s < k; s++) {
                int index = model.lossIndex(v, s);
                require(index >= 0 && index < grid.length, "stage " + v + ": loss index out of grid at state " + s);
            }
            if (p == -1) {
                require(model.initial(v) != null, "stage " + v + ": a root child needs an initial distribution");
                requireDistribution(model.initial(v), k, "stage " + v + " initial distribution");
            } else {
                double[][] rows = model.transition(v);
                require(rows != null, "stage " + v + ": needs a transition matrix");
                require(
                        rows.length == model.states(p),
                        "stage " + v + ": transition needs " + model.states(p) + " rows (parent states), has "
                                + rows.length);
                for (int a = 0; a < rows.length; a++) {
                    requireDistribution(rows[a], k, "stage " + v + " transition row " + a);
                }
            }
        }
    }

    private static void requireDistribution(double[] p, int size, String what) {
        require(p.length == size, what + " must have " + size + " entries, has " + p.length);
        double sum = 0;
        for (double x : p) {
            require(x >= 0 && Double.isFinite(x), what + " has a negative or non-finite probability");
            sum += x;
        }
        require(Math.abs(sum - 1) <= TOLERANCE, what + " sums to " + sum + ", not 1");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
