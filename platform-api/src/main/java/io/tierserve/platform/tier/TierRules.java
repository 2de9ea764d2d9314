package io.tierserve.platform.tier;

import io.tierserve.platform.config.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** The cross-field rules of a tier that single-field annotations cannot say. */
final class TierRules {

    private TierRules() {}

    static List<FieldProblem> check(TierRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.objective() == ObjectiveKind.ACCURACY_TOLERANCE) {
            if (request.accuracyTolerance() == null) {
                problems.add(new FieldProblem("accuracyTolerance", "is required for objective ACCURACY_TOLERANCE"));
            }
            if (request.latencyBudgetMs() != null) {
                problems.add(new FieldProblem("latencyBudgetMs", "must be absent for objective ACCURACY_TOLERANCE"));
            }
        } else if (request.objective() == ObjectiveKind.LATENCY_BUDGET) {
            if (request.latencyBudgetMs() == null) {
                problems.add(new FieldProblem("latencyBudgetMs", "is required for objective LATENCY_BUDGET"));
            }
            if (request.accuracyTolerance() != null) {
                problems.add(new FieldProblem("accuracyTolerance", "must be absent for objective LATENCY_BUDGET"));
            }
        }
        return problems;
    }
}
