package io.tierserve.policy.tier;

import java.util.List;
import java.util.Locale;

/** Tier resolutions as a Markdown table: per tier, every family's best plan beside the served one. */
public final class TierTable {

    private TierTable() {}

    public static String markdown(List<TierResolution> resolutions) {
        StringBuilder out = new StringBuilder();
        out.append("| tier | planned by | status | family (rules) | mix p | fit accuracy | fit latency ms |"
                + " held-out accuracy | gap [bound] | held-out latency ms [high] | served |\n");
        out.append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
        for (TierResolution served : resolutions) {
            List<FamilyPlan> plans = served.alternatives().isEmpty()
                    ? List.of(new FamilyPlan(served.family(), served, true))
                    : served.alternatives();
            for (FamilyPlan p : plans) {
                TierResolution r = p.plan();
                boolean infeasible = r.status() == TierStatus.INFEASIBLE;
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %.4f | %.4f | %.4f | %s | %.4f [%.4f] | %s |%n",
                        served.spec().name(),
                        p.plannedBy().name(),
                        r.status().name(),
                        infeasible ? "–" : rules(r),
                        infeasible || r.second() == null ? "1" : String.format(Locale.ROOT, "%.3f", r.mixProbability()),
                        r.fit().accuracy(),
                        r.fit().meanLatencyMs(),
                        r.heldOut().accuracy(),
                        r.heldOutGap() == null
                                ? "–"
                                : String.format(
                                        Locale.ROOT,
                                        "%.4f [%.4f]",
                                        r.heldOutGap().gap(),
                                        r.heldOutGap().gapHigh()),
                        r.heldOut().meanLatencyMs(),
                        r.heldOut().meanLatencyHighMs(),
                        p.served() ? "**served**" : ""));
            }
        }
        return out.toString();
    }

    private static String rules(TierResolution r) {
        return r.secondFamily() == null
                ? r.firstFamily().name()
                : r.firstFamily().name() + " + " + r.secondFamily().name();
    }
}
