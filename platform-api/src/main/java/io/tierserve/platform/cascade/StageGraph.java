package io.tierserve.platform.cascade;

import io.tierserve.platform.config.FieldProblem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a requested stage graph and orders it.
 *
 * <p>Each stage has at most one parent, so the graph is a forest under the virtual root exactly
 * when every parent is a stage of the same request and following parents never returns to where
 * it started. Skip edges are allowed only on a line (one first stage, at most one child each) and
 * only forward past at least one stage (docs/algorithms.md#skip-edges).
 */
final class StageGraph {

    private final List<StageRequest> ordered;
    private final List<FieldProblem> problems;

    private StageGraph(List<StageRequest> ordered, List<FieldProblem> problems) {
        this.ordered = ordered;
        this.problems = problems;
    }

    /** The stages in topological order (a parent before its children, otherwise request order). */
    List<StageRequest> ordered() {
        return ordered;
    }

    List<FieldProblem> problems() {
        return problems;
    }

    static StageGraph of(List<StageRequest> stages) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            if (index.putIfAbsent(stages.get(i).name(), i) != null) {
                problems.add(new FieldProblem(
                        "stages[" + i + "].name",
                        "duplicates stage '" + stages.get(i).name() + "'"));
            }
        }
        for (int i = 0; i < stages.size(); i++) {
            String parent = stages.get(i).parent();
            if (parent != null && !index.containsKey(parent)) {
                problems.add(new FieldProblem(
                        "stages[" + i + "].parent", "names no stage of this cascade: '" + parent + "'"));
            }
        }
        if (!problems.isEmpty()) {
            return new StageGraph(List.of(), problems);
        }
        checkCycles(stages, index, problems);
        if (!problems.isEmpty()) {
            return new StageGraph(List.of(), problems);
        }
        List<StageRequest> ordered = topologicalOrder(stages);
        checkSkips(ordered, stages, index, problems);
        return new StageGraph(problems.isEmpty() ? ordered : List.of(), problems);
    }

    private static void checkCycles(
            List<StageRequest> stages, Map<String, Integer> index, List<FieldProblem> problems) {
        Set<Integer> reported = new HashSet<>();
        for (int start = 0; start < stages.size(); start++) {
            List<String> path = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            Integer current = start;
            while (current != null && seen.add(current)) {
                path.add(stages.get(current).name());
                String parent = stages.get(current).parent();
                current = parent == null ? null : index.get(parent);
            }
            if (current != null && current == start && reported.add(start)) {
                path.add(stages.get(start).name());
                problems.add(new FieldProblem(
                        "stages[" + start + "].parent",
                        "makes the stage graph cyclic (following parents): " + String.join(" -> ", path)));
            }
        }
    }

    private static List<StageRequest> topologicalOrder(List<StageRequest> stages) {
        Map<String, List<StageRequest>> children = new LinkedHashMap<>();
        Deque<StageRequest> ready = new ArrayDeque<>();
        for (StageRequest stage : stages) {
            if (stage.parent() == null) {
                ready.add(stage);
            } else {
                children.computeIfAbsent(stage.parent(), key -> new ArrayList<>())
                        .add(stage);
            }
        }
        List<StageRequest> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            StageRequest stage = ready.removeFirst();
            ordered.add(stage);
            ready.addAll(children.getOrDefault(stage.name(), List.of()));
        }
        return ordered;
    }

    private static void checkSkips(
            List<StageRequest> ordered,
            List<StageRequest> stages,
            Map<String, Integer> index,
            List<FieldProblem> problems) {
        boolean anySkip = stages.stream().anyMatch(stage -> !stage.skipTargets().isEmpty());
        if (!anySkip) {
            return;
        }
        if (!isLine(ordered)) {
            problems.add(new FieldProblem(
                    "stages", "skip edges need a line: one first stage and at most one child per stage"));
            return;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int p = 0; p < ordered.size(); p++) {
            position.put(ordered.get(p).name(), p);
        }
        for (int i = 0; i < stages.size(); i++) {
            StageRequest stage = stages.get(i);
            Set<String> targets = new HashSet<>();
            for (int j = 0; j < stage.skipTargets().size(); j++) {
                String target = stage.skipTargets().get(j);
                String field = "stages[" + i + "].skipTo[" + j + "]";
                if (target == null || !index.containsKey(target)) {
                    problems.add(new FieldProblem(field, "names no stage of this cascade: '" + target + "'"));
                } else if (!targets.add(target)) {
                    problems.add(new FieldProblem(field, "repeats '" + target + "'"));
                } else if (position.get(target) <= position.get(stage.name()) + 1) {
                    problems.add(new FieldProblem(field, "must jump forward past at least one stage"));
                }
            }
        }
    }

    private static boolean isLine(List<StageRequest> ordered) {
        for (int p = 0; p < ordered.size(); p++) {
            String expectedParent = p == 0 ? null : ordered.get(p - 1).name();
            if (!Objects.equals(ordered.get(p).parent(), expectedParent)) {
                return false;
            }
        }
        return true;
    }
}
