package io.tierserve.policy.execution;

import io.tierserve.policy.model.ConfidenceBins;
import java.util.Arrays;

/** The rules a {@link PolicyDocument} must satisfy before it may serve. */
final class DocumentValidation {

    private DocumentValidation() {}

    /** Validates the document and returns its per-stage lookup. */
    static StageLookup validate(PolicyDocument d) {
        require(
                d.formatVersion() == PolicyDocument.FORMAT_VERSION
                        || d.formatVersion() == PolicyDocument.FORMAT_VERSION_AGREEMENT,
                "unsupported formatVersion " + d.formatVersion() + " (expected " + PolicyDocument.FORMAT_VERSION
                        + " or " + PolicyDocument.FORMAT_VERSION_AGREEMENT + ")");
        require(
                (d.agreement() != null) == (d.formatVersion() == PolicyDocument.FORMAT_VERSION_AGREEMENT),
                "agreement is required in, and only in, formatVersion " + PolicyDocument.FORMAT_VERSION_AGREEMENT);
        require(d.kind() != null, "kind is missing");
        require(d.parents() != null && d.parents().length > 0, "parents must list at least one stage");
        int n = d.parents().length;
        for (int v = 0; v < n; v++) {
            int p = d.parents()[v];
            require(p >= -1 && p < v, "stage " + v + ": parent must be -1 or an earlier stage, was " + p);
        }
        require(d.stageIds() == null || d.stageIds().size() == n, "stageIds must name all " + n + " stages");
        double[] grid = d.grid();
        require(grid != null && grid.length > 0, "grid must not be empty");
        for (int i = 0; i < grid.length; i++) {
            require(grid[i] > 0 && Double.isFinite(grid[i]), "grid[" + i + "] must be a positive finite loss");
            require(i == 0 || grid[i] > grid[i - 1], "grid must be strictly ascending at index " + i);
        }
        require(d.losses() != null && d.losses().length == n, "losses must have one row per stage");
        int[][] lossIndex = new int[n][];
        for (int v = 0; v < n; v++) {
            double[] row = d.losses()[v];
            require(row != null && row.length > 0, "stage " + v + ": losses must not be empty");
            lossIndex[v] = new int[row.length];
            for (int s = 0; s < row.length; s++) {
                int index = Arrays.binarySearch(grid, row[s]);
                require(index >= 0, "stage " + v + " state " + s + ": loss " + row[s] + " is not a grid value");
                lossIndex[v][s] = index;
            }
        }
        ConfidenceBins bins = null;
        boolean[] agreement = d.agreement();
        if (agreement != null) {
            require(d.binEdges() != null, "agreement needs binEdges");
            require(agreement.length == n, "agreement must have one flag per stage");
            require(!PolicyDocument.RECALL_SKIP_TABLE.equals(d.kind()), "agreement is not supported with skips");
            for (int v = 0; v < n; v++) {
                require(!agreement[v] || d.parents()[v] >= 0, "stage " + v + ": agreement needs a parent stage");
            }
        }
        if (d.binEdges() != null) {
            require(d.binEdges().length == n, "binEdges must have one row per stage");
            for (int v = 0; v < n; v++) {
                int binCount = agreement != null && agreement[v] ? lossIndex[v].length / 2 : lossIndex[v].length;
                require(
                        agreement == null || !agreement[v] || lossIndex[v].length % 2 == 0,
                        "stage " + v + ": a stage with agreement needs an even number of states");
                require(
                        d.binEdges()[v] != null && d.binEdges()[v].length == binCount - 1,
                        "stage " + v + ": binEdges needs " + (binCount - 1) + " edges for " + lossIndex[v].length
                                + " states");
            }
            bins = new ConfidenceBins(d.binEdges(), agreement == null ? null : agreement.clone());
        }
        if (d.p99Nanos() != null) {
            require(d.p99Nanos().length == n, "p99Nanos must have one entry per stage");
            for (long t : d.p99Nanos()) {
                require(t >= 0, "p99Nanos must not be negative");
            }
        }
        switch (d.kind()) {
            case PolicyDocument.RECALL_INDEX -> validateIndex(d, lossIndex, grid.length);
            case PolicyDocument.RECALL_SKIP_TABLE -> validateSkipTable(d, lossIndex);
            case PolicyDocument.NO_RECALL -> validateNoRecall(d, lossIndex);
            default -> throw new IllegalArgumentException("unknown policy kind '" + d.kind() + "'");
        }
        return new StageLookup(
                lossIndex, bins, d.p99Nanos() == null ? null : d.p99Nanos().clone());
    }

    private static void validateIndex(PolicyDocument d, int[][] lossIndex, int gridSize) {
        int n = lossIndex.length;
        int[] parents = d.parents();
        require(d.thresholds() != null && d.thresholds().length == n, "thresholds must have one row per stage");
        boolean line = true;
        for (int v = 0; v < n; v++) {
            line &= parents[v] == v - 1;
            int rows = parents[v] == -1 ? 1 : lossIndex[parents[v]].length;
            int[] row = d.thresholds()[v];
            require(
                    row != null && row.length == rows,
                    "stage " + v + ": thresholds needs " + rows + " entries (one per parent state)");
            for (int t : row) {
                require(t >= -1 && t < gridSize, "stage " + v + ": threshold " + t + " is not -1 or a grid index");
            }
            if (d.order() != null) {
                require(
                        d.order().length == n && d.order()[v] != null && d.order()[v].length == rows,
                        "stage " + v + ": order needs " + rows + " entries (one per parent state)");
                for (double o : d.order()[v]) {
                    require(!Double.isNaN(o), "stage " + v + ": order must not be NaN");
                }
            }
        }
        require(line || d.order() != null, "order is required for a cascade that is not a line");
    }

    private static void validateSkipTable(PolicyDocument d, int[][] lossIndex) {
        int n = lossIndex.length;
        requireLine(d, "recall-skip-table");
        require(d.rootAction() != null && d.rootAction() >= 0 && d.rootAction() < n, "rootAction must name a stage");
        require(d.actions() != null && d.actions().length == n, "actions must have one block per stage");
        for (int i = 0; i < n; i++) {
            int[][] block = d.actions()[i];
            require(
                    block != null && block.length == lossIndex[i].length,
                    "stage " + i + ": actions needs one row per state");
            for (int r = 0; r < block.length; r++) {
                int[] row = block[r];
                require(
                        row != null && row.length == lossIndex[i][r] + 1,
                        "stage " + i + " state " + r + ": actions row needs " + (lossIndex[i][r] + 1) + " entries");
                for (int a : row) {
                    require(
                            a == CascadePolicy.STOP || (a > i && a < n),
                            "stage " + i + " state " + r + ": action " + a + " is neither -1 nor a later stage");
                }
            }
        }
    }

    private static void validateNoRecall(PolicyDocument d, int[][] lossIndex) {
        requireLine(d, "no-recall");
        require(d.proceed() != null && d.proceed().length == lossIndex.length, "proceed must have one row per stage");
        for (int i = 0; i < lossIndex.length; i++) {
            require(
                    d.proceed()[i] != null && d.proceed()[i].length == lossIndex[i].length,
                    "stage " + i + ": proceed needs one entry per state");
        }
    }

    private static void requireLine(PolicyDocument d, String kind) {
        for (int v = 0; v < d.parents().length; v++) {
            require(
                    d.parents()[v] == v - 1,
                    kind + " policies need a line cascade (stage " + v + " has parent " + d.parents()[v] + ")");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
