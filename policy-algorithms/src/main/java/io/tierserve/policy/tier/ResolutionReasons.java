package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import java.util.Locale;

/** The words of a tier resolution's {@code reason}: what was checked on which half, and how it ended. */
final class ResolutionReasons {

    private ResolutionReasons() {}

    /** Even the family's most accurate (or fastest) rule misses the promise on the fit half. */
    static String extremeMisses(Constraint c, String family, double value, double promise) {
        return String.format(
                Locale.ROOT,
                "on the fit half the %s %s policy's %s is %.4g, the promise %.4g",
                c.atLeast() ? "most accurate" : "fastest",
                family,
                c.quantityName(),
                value,
                promise);
    }

    /** An accuracy plan's held-out check: its accuracy and its paired gap to the reference stage. */
    static String accuracyCheck(Metrics held, AccuracyGap gap, String reference, double tolerance) {
        return String.format(
                Locale.ROOT,
                "held-out accuracy %.4f, %.4f below %s on the same samples (bound %.4f, tolerance %.4g)",
                held.accuracy(),
                gap.gap(),
                reference,
                gap.gapHigh(),
                tolerance);
    }

    /** A latency plan's held-out check: the point value and its bound against the promise. */
    static String boundCheck(Constraint c, Metrics held, double promise) {
        return String.format(
                Locale.ROOT,
                "held-out %s %.4g (bound %.4g, promise %.4g)",
                c.quantityName(),
                c.point().applyAsDouble(held),
                c.bound().applyAsDouble(held),
                promise);
    }

    /** Every plan down to the one the fit half allowed kept the promise on the held-out half. */
    static String kept(String family, String check, double aim) {
        return String.format(
                Locale.ROOT, "%s: %s keeps the promise (planned on the fit half at %.4g)", family, check, aim);
    }

    /**
     * The held-out checks along the path stopped before the plan the fit half allowed: the last plan
     * they confirmed is served.
     */
    static String keptBeforePlanned(String family, String check, Constraint c, double aim, String planned) {
        return String.format(
                Locale.ROOT,
                "%s: %s keeps the promise; the held-out checks stopped before the plan at %s %.4g on the fit"
                        + " half (%s)",
                family,
                check,
                c.quantityName(),
                aim,
                planned);
    }

    /** No rule of the family kept the promise on the held-out half ({@code INFEASIBLE}). */
    static String noneKept(String family, String planned) {
        return String.format(
                Locale.ROOT,
                "the held-out bound of the first %s policy checked misses the promise (%s)",
                family,
                planned);
    }
}
