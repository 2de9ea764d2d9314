package io.tierserve.policy.baseline;

import java.util.Arrays;

/**
 * The path the baselines walk: a line's stages, or an out-tree's path to its deepest leaf.
 *
 * <p>On an out-tree the deepest leaf is the lowest-indexed one on ties; the baselines of
 * docs/algorithms.md#without-recall are defined on a line.
 */
public final class CascadePaths {

    private CascadePaths() {}

    /** Stage indices from a first stage to the deepest stage; {@code parent[v] = -1} marks a first stage. */
    public static int[] deepestPath(int[] parent) {
        int n = parent.length;
        int[] depth = new int[n];
        int deepest = 0;
        for (int v = 0; v < n; v++) {
            depth[v] = parent[v] < 0 ? 0 : depth[parent[v]] + 1;
            if (depth[v] > depth[deepest]) {
                deepest = v;
            }
        }
        int[] path = new int[depth[deepest] + 1];
        for (int v = deepest, i = path.length - 1; v >= 0; v = parent[v], i--) {
            path[i] = v;
        }
        return path;
    }

    static int[] checked(int[] path, int stageCount) {
        if (path.length == 0) {
            throw new IllegalArgumentException("a baseline needs a non-empty path");
        }
        for (int stage : path) {
            if (stage < 0 || stage >= stageCount) {
                throw new IllegalArgumentException("path " + Arrays.toString(path) + " leaves the cascade");
            }
        }
        return path.clone();
    }
}
