package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import java.util.List;

/**
 * The rules one policy family offered the planner for a cascade: the lower convex hull of its
 * candidates on the fit half (the only rules a tier is planned on), each replayed on the held-out
 * half.
 *
 * @param family the family's stable name ({@link PolicyFamily#name()})
 * @param description how reasons name the family
 * @param points the hull's rules, fastest first on the fit half
 */
public record FamilyFrontier(String family, String description, List<Point> points) {

    public FamilyFrontier {
        points = List.copyOf(points);
    }

    /**
     * One rule of the hull.
     *
     * @param mu the trade-off weight the rule was fitted for (NaN for a family without one)
     * @param fit its cross-fitted metrics on the fit half
     * @param heldOut its metrics on the held-out half, with bounds
     */
    public record Point(double mu, Metrics fit, Metrics heldOut) {}
}
