package io.tierserve.policy.model;

import java.util.Arrays;

/**
 * The Markov model of a cascade that the solvers optimise over
 * (docs/algorithms.md#the-cascade-model).
 *
 * <p>Stages are indexed {@code 0 .. n-1} in topological order (a parent precedes its children);
 * {@code parent[v] == -1} marks a child of the virtual root. Running stage {@code v} costs {@code
 * cost[v]} and moves it into one of its {@code states(v)} states; state {@code s} of stage {@code v}
 * reveals the loss {@code grid[lossIndex[v][s]]}. A root child draws its state from {@code
 * initial[v]}; any other stage from row {@code a} of {@code transition[v]}, where {@code a} is its
 * parent's state. Estimated models use the stage's confidence bins as states; the solver command
 * line's instances use the grid points themselves (one state per grid value).
 *
 * <p>Arrays are owned by the model and must not be modified after construction.
 */
public final class MarkovCascade {

    private final double[] grid;
    private final int[] parent;
    private final double[] cost;
    private final int[][] lossIndex;
    private final double[][] initial;
    private final double[][][] transition;

    /**
     * Creates a model; see the class comment for the meaning of each array. {@code initial[v]} is
     * {@code null} unless {@code parent[v] == -1}; {@code transition[v]} is {@code null} when it is.
     *
     * @throws IllegalArgumentException naming the first rule the arrays break
     */
    public MarkovCascade(
            double[] grid,
            int[] parent,
            double[] cost,
            int[][] lossIndex,
            double[][] initial,
            double[][][] transition) {
        this.grid = grid;
        this.parent = parent;
        this.cost = cost;
        this.lossIndex = lossIndex;
        this.initial = initial;
        this.transition = transition;
        ModelValidation.validate(this);
    }

    public int stageCount() {
        return parent.length;
    }

    public double[] grid() {
        return grid;
    }

    public int parent(int stage) {
        return parent[stage];
    }

    public double cost(int stage) {
        return cost[stage];
    }

    public int states(int stage) {
        return lossIndex[stage].length;
    }

    /** Grid index of the loss that state {@code state} of {@code stage} reveals. */
    public int lossIndex(int stage, int state) {
        return lossIndex[stage][state];
    }

    public double loss(int stage, int state) {
        return grid[lossIndex[stage][state]];
    }

    /** Distribution of a root child's state; {@code null} for other stages. */
    public double[] initial(int stage) {
        return initial[stage];
    }

    /** Row {@code a}: distribution of this stage's state given its parent's state {@code a}. */
    public double[][] transition(int stage) {
        return transition[stage];
    }

    /** True when every stage's parent is the stage before it (exits 1..n of a line). */
    public boolean isLine() {
        for (int v = 0; v < parent.length; v++) {
            if (parent[v] != v - 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "MarkovCascade[stages=" + parent.length + ", grid=" + grid.length + ", parents="
                + Arrays.toString(parent) + "]";
    }
}
