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

    /** The planned rule kept the promise at the first try ({@code MET}). */
    static String kept(String family, String check, double aim) {
        return String.format(Locale.ROOT, "%s: %s keeps the promise (aim on the fit half %.4g)", family, check, aim);
    }

    /** The planned rule missed; a tightened (or the extreme) rule kept the promise ({@code CONSERVATIVE}). */
    static String keptAfterTightening(
            String family, String planned, boolean atExtreme, Constraint c, double aim, double mu, String check) {
        return String.format(
                Locale.ROOT,
                "%s: the planned policy missed the promise (%s); %s (mu=%.4g): %s holds",
                family,
                planned,
                atExtreme
                        ? "fell back to the " + (c.atLeast() ? "most accurate" : "fastest") + " policy"
                        : String.format(Locale.ROOT, "tightened to aim %.4g on the fit half", aim),
                mu,
                check);
    }

    /** No rule of the family kept the promise on the held-out half ({@code INFEASIBLE}). */
    static String noneKept(String family, String planned) {
        return String.format(
                Locale.ROOT, "no %s policy's held-out bound keeps the promise (planned policy: %s)", family, planned);
    }
}
