package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Served tiers against the cheapest per-stage threshold rule of at least the same held-out accuracy.
 *
 * <p>Two sets of rules, both one threshold per stage ({@link ThresholdSearch}) for 64 values of μ
 * and replayed on the held-out half: fitted on the fit half (what a tenant could deploy), and
 * fitted on the held-out half itself (flattering: the best such rule in hindsight). A served tier
 * is its resolution's rule, or for an infeasible tier on a line its single-stage fallback.
 */
public final class ThresholdBaseline {

    private static final int POINTS = 64;

    /**
     * One tier.
     *
     * @param fitRulesMs the cheapest fit-half threshold rule with held-out accuracy at least the
     *     served one's (NaN when none is)
     * @param hindsightRulesMs the same among rules fitted on the held-out half
     */
    public record Comparison(
            String tier,
            String served,
            double accuracy,
            double latencyMs,
            double fitRulesMs,
            double hindsightRulesMs) {}

    private ThresholdBaseline() {}

    public static List<Comparison> compare(Profile profile, List<TierResolution> resolutions, TierSettings settings) {
        if (!SingleStageFallback.appliesTo(profile)) {
            return List.of();
        }
        ProfileSplit split = profile.split(settings.seed());
        TrainingSet fit = new TrainingSet(split.fit(), settings);
        TrainingSet heldOut = new TrainingSet(split.heldOut(), settings);
        ReplayEvaluator replay =
                ReplayEvaluator.of(split.heldOut(), fit.estimated().deviceClass());
        double[] mus = MuGrid.logSpaced(fit.estimated().model(), POINTS);
        List<Metrics> fitRules = rules(fit, mus, replay);
        List<Metrics> hindsight = rules(heldOut, mus, replay);
        List<Comparison> out = new ArrayList<>();
        for (TierResolution r : resolutions) {
            if (r.spec().kind() == TierSpec.Kind.EXPLICIT_MU) {
                continue;
            }
            Metrics served;
            String what;
            if (r.status() == TierStatus.INFEASIBLE) {
                SingleStageFallback.Choice c = SingleStageFallback.choose(r, profile, settings);
                served = c.heldOut();
                what = "fallback " + c.stage();
            } else {
                served = r.heldOut();
                what = r.family().name() + " (" + r.status().name() + ")";
            }
            out.add(new Comparison(
                    r.spec().name(),
                    what,
                    served.accuracy(),
                    served.meanLatencyMs(),
                    cheapest(fitRules, served.accuracy()),
                    cheapest(hindsight, served.accuracy())));
        }
        return out;
    }

    private static List<Metrics> rules(TrainingSet training, double[] mus, ReplayEvaluator replay) {
        List<Metrics> out = new ArrayList<>();
        ThresholdSearch search = training.thresholds();
        for (double mu : mus) {
            Outcomes o = replay.replay(
                    ThresholdDocuments.of(search.fit(mu, false), search, null).toPolicy(), ReplayEvaluator.NO_DEADLINE);
            out.add(o.metrics());
        }
        return out;
    }

    private static double cheapest(List<Metrics> rules, double accuracy) {
        double best = Double.NaN;
        for (Metrics m : rules) {
            if (m.accuracy() >= accuracy - 1e-12 && !(m.meanLatencyMs() >= best)) {
                best = m.meanLatencyMs();
            }
        }
        return best;
    }

    /** The comparisons as a Markdown table. */
    public static String markdown(List<Comparison> comparisons) {
        StringBuilder out = new StringBuilder();
        out.append("| tier | served | held-out accuracy | latency ms | cheapest threshold rule (fit half) ms | ratio"
                + " | cheapest threshold rule (hindsight) ms | ratio |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Comparison c : comparisons) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.4f | %.4f | %s | %s | %s | %s |%n",
                    c.tier(),
                    c.served(),
                    c.accuracy(),
                    c.latencyMs(),
                    ms(c.fitRulesMs()),
                    ratio(c.latencyMs(), c.fitRulesMs()),
                    ms(c.hindsightRulesMs()),
                    ratio(c.latencyMs(), c.hindsightRulesMs())));
        }
        return out.toString();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "none as accurate" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String ratio(double served, double rule) {
        return Double.isNaN(rule) ? "–" : String.format(Locale.ROOT, "%.3f", served / rule);
    }
}
