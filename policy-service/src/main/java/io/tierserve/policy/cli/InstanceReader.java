package io.tierserve.policy.cli;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates a solver instance:
 * {@code {"recall": bool, "grid": [...], "nodes": [{"id", "parent", "cost", "dist" | "transition"}],
 * "skips": [{"from": id | null, "to": id, "cost": c}]}}; every error names the node and the rule.
 */
final class InstanceReader {

    private static final double SUM_TOLERANCE = 1e-6;

    private final JsonMapper mapper = JsonMapper.builder().build();

    Instance read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        }
        require(root != null && root.isObject(), "the instance must be a JSON object");
        JsonNode recallNode = root.get("recall");
        require(recallNode != null && recallNode.isBoolean(), "\"recall\" must be true or false");
        double[] grid = numbers(root.get("grid"), "\"grid\"");
        require(grid.length > 0, "\"grid\" must not be empty");
        for (int i = 0; i < grid.length; i++) {
            require(grid[i] > 0, "\"grid\" values must be > 0 (index " + i + ")");
            require(i == 0 || grid[i] > grid[i - 1], "\"grid\" must be strictly ascending (index " + i + ")");
        }
        JsonNode nodes = root.get("nodes");
        require(nodes != null && nodes.isArray() && nodes.size() > 0, "\"nodes\" must be a non-empty array");
        List<String> ids = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        for (JsonNode node : nodes.values()) {
            require(node.isObject(), "every node must be an object");
            JsonNode id = node.get("id");
            require(id != null && (id.isString() || id.isNumber()), "every node needs an \"id\" (string or number)");
            String name = id.asString();
            require(position.putIfAbsent(name, ids.size()) == null, "duplicate node id '" + name + "'");
            ids.add(name);
        }
        int n = ids.size();
        int[] inputParent = new int[n];
        for (int k = 0; k < n; k++) {
            JsonNode parent = nodes.get(k).get("parent");
            if (parent == null || parent.isNull()) {
                inputParent[k] = -1;
            } else {
                Integer p = position.get(parent.asString());
                require(p != null, "node '" + ids.get(k) + "': unknown parent id '" + parent.asString() + "'");
                inputParent[k] = p;
            }
        }
        int[] order = topologicalOrder(inputParent, ids);
        int[] modelIndex = new int[n];
        for (int v = 0; v < n; v++) {
            modelIndex[order[v]] = v;
        }
        int[] parent = new int[n];
        double[] cost = new double[n];
        int[][] lossIndex = new int[n][];
        double[][] initial = new double[n][];
        double[][][] transition = new double[n][][];
        int[] states = new int[grid.length];
        Arrays.setAll(states, i -> i);
        List<String> modelIds = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            JsonNode node = nodes.get(order[v]);
            String name = ids.get(order[v]);
            modelIds.add(name);
            parent[v] = inputParent[order[v]] == -1 ? -1 : modelIndex[inputParent[order[v]]];
            JsonNode c = node.get("cost");
            require(c != null && c.isNumber(), "node '" + name + "': \"cost\" must be a number");
            cost[v] = c.doubleValue();
            require(cost[v] >= 0 && Double.isFinite(cost[v]), "node '" + name + "': \"cost\" must be >= 0");
            lossIndex[v] = states;
            if (parent[v] == -1) {
                initial[v] = distribution(node.get("dist"), grid.length, "node '" + name + "': \"dist\"");
            } else {
                JsonNode rows = node.get("transition");
                require(
                        rows != null && rows.isArray() && rows.size() == grid.length,
                        "node '" + name + "': \"transition\" needs " + grid.length
                                + " rows (one per parent grid index)");
                transition[v] = new double[grid.length][];
                for (int a = 0; a < grid.length; a++) {
                    transition[v][a] =
                            distribution(rows.get(a), grid.length, "node '" + name + "': \"transition\" row " + a);
                }
            }
        }
        MarkovCascade model = new MarkovCascade(grid, parent, cost, lossIndex, initial, transition);
        SkipCascade skips = readSkips(root.get("skips"), model, position, modelIndex, recallNode.booleanValue());
        return new Instance(recallNode.booleanValue(), List.copyOf(modelIds), model, skips);
    }

    private static SkipCascade readSkips(
            JsonNode skips, MarkovCascade model, Map<String, Integer> position, int[] modelIndex, boolean recall) {
        if (skips == null || skips.isNull()) {
            return null;
        }
        require(skips.isArray(), "\"skips\" must be an array");
        require(recall, "\"skips\" need \"recall\": true");
        require(model.isLine(), "\"skips\" need a line cascade (each node the child of the one before)");
        int n = model.stageCount();
        double[][] skipCost = new double[n][n];
        for (double[] row : skipCost) {
            Arrays.fill(row, Double.NaN);
        }
        for (JsonNode skip : skips.values()) {
            require(skip.isObject(), "every skip must be an object");
            JsonNode from = skip.get("from");
            JsonNode to = skip.get("to");
            JsonNode c = skip.get("cost");
            int i = -1;
            if (from != null && !from.isNull()) {
                Integer k = position.get(from.asString());
                require(k != null, "skip: unknown \"from\" id '" + from.asString() + "'");
                i = modelIndex[k];
            }
            require(to != null && !to.isNull() && position.containsKey(to.asString()), "skip: \"to\" must name a node");
            int j = modelIndex[position.get(to.asString())];
            require(j > i + 1, "skip " + i + " -> " + j + ": a skip must jump over at least one stage");
            require(
                    c != null && c.isNumber() && c.doubleValue() >= 0 && Double.isFinite(c.doubleValue()),
                    "skip to '" + to.asString() + "': \"cost\" must be a number >= 0");
            skipCost[i + 1][j] = c.doubleValue();
        }
        return SkipCascade.fromLine(model, skipCost);
    }

    /** Kahn's algorithm, stable in input order; nodes it cannot reach lie on a cycle. */
    private static int[] topologicalOrder(int[] parent, List<String> ids) {
        int n = parent.length;
        List<List<Integer>> children = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            children.add(new ArrayList<>());
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int k = 0; k < n; k++) {
            if (parent[k] == -1) {
                ready.add(k);
            } else {
                children.get(parent[k]).add(k);
            }
        }
        int[] order = new int[n];
        int size = 0;
        while (!ready.isEmpty()) {
            int k = ready.poll();
            order[size++] = k;
            ready.addAll(children.get(k));
        }
        if (size < n) {
            boolean[] placed = new boolean[n];
            for (int k = 0; k < size; k++) {
                placed[order[k]] = true;
            }
            for (int k = 0; k < n; k++) {
                require(placed[k], "node '" + ids.get(k) + "' lies on a parent cycle");
            }
        }
        return order;
    }

    private static double[] distribution(JsonNode node, int size, String what) {
        double[] p = numbers(node, what);
        require(p.length == size, what + " must have " + size + " entries (one per grid value), has " + p.length);
        double sum = 0;
        for (double x : p) {
            require(x >= 0 && Double.isFinite(x), what + " has a negative probability");
            sum += x;
        }
        require(Math.abs(sum - 1) <= SUM_TOLERANCE, what + " sums to " + sum + ", not 1");
        return p;
    }

    private static double[] numbers(JsonNode node, String what) {
        require(node != null && node.isArray(), what + " must be an array of numbers");
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode x = node.get(i);
            require(x.isNumber(), what + " must contain only numbers (index " + i + ")");
            values[i] = x.doubleValue();
        }
        return values;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
