package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.PolicyDocument;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every family's candidate rules for one deadline, each measured the same way: fitted on the whole
 * fit half to be served, and replayed fold by fold with the rule fitted on the other folds
 * ({@link CrossFit}); held-out outcomes on demand, once per rule.
 */
final class CandidatePool {

    /** How a μ-indexed family fits its rule on a training set. */
    @FunctionalInterface
    interface Rules {
        PolicyDocument fit(TrainingSet training, double mu);
    }

    private final CrossFit crossFit;
    private final ReplayEvaluator heldOut;
    private final List<PolicyFamily> families;
    private final List<String> stageIds;
    private final double[] mus;
    private final long deadlineNanos;
    private final Map<PolicyFamily, List<Candidate>> byFamily = new LinkedHashMap<>();
    private final Map<Candidate, Outcomes> heldOutOutcomes = new IdentityHashMap<>();

    /**
     * @param families the applicable families, in registration order
     * @param mus the trade-off weights every μ-indexed family is fitted for
     */
    CandidatePool(
            CrossFit crossFit,
            ReplayEvaluator heldOut,
            List<PolicyFamily> families,
            List<String> stageIds,
            double[] mus,
            long deadlineNanos) {
        this.crossFit = crossFit;
        this.heldOut = heldOut;
        this.families = families;
        this.stageIds = stageIds;
        this.mus = mus.clone();
        this.deadlineNanos = deadlineNanos;
    }

    /** {@code family}'s candidates, computed once. */
    List<Candidate> of(PolicyFamily family) {
        List<Candidate> c = byFamily.get(family);
        if (c == null) {
            c = List.copyOf(family.candidates(this));
            byFamily.put(family, c);
        }
        return c;
    }

    /** One candidate per μ of the grid. */
    List<Candidate> sweep(PolicyFamily family, boolean skips, Rules rules) {
        List<Candidate> all = new ArrayList<>(mus.length);
        for (double mu : mus) {
            all.add(candidate(family, skips, rules, mu));
        }
        return all;
    }

    /** Every other applicable family's candidates (the pool of {@link MixFamily}). */
    List<Candidate> union(PolicyFamily except) {
        List<Candidate> all = new ArrayList<>();
        for (PolicyFamily f : families) {
            if (f != except) {
                all.addAll(of(f));
            }
        }
        return all;
    }

    /** {@code family}'s rule for one μ, fitted on the whole fit half, with its cross-fitted outcomes. */
    Candidate candidate(PolicyFamily family, boolean skips, Rules rules, double mu) {
        TrainingSet.Fitted served = crossFit.full().fitted(family, mu, rules);
        List<Outcomes> parts = new ArrayList<>(crossFit.folds());
        for (int f = 0; f < crossFit.folds(); f++) {
            TrainingSet.Fitted fold = crossFit.training(f).fitted(family, mu, rules);
            ReplayEvaluator evaluator = skips ? crossFit.evaluation(f).allowingSkips() : crossFit.evaluation(f);
            parts.add(evaluator.replay(fold.policy(), deadlineNanos));
        }
        Outcomes planning = Outcomes.concat(parts);
        PolicyDocument document = served.document().withStageIds(stageIds);
        return new Candidate(
                family,
                mu,
                document,
                served.policy(),
                planning,
                planning.metrics(),
                document.predicted() == null ? Double.NaN : document.predicted().loss(),
                skips);
    }

    /** The candidate's outcomes on the held-out half. */
    Outcomes heldOut(Candidate c) {
        Outcomes o = heldOutOutcomes.get(c);
        if (o == null) {
            o = (c.skips() ? heldOut.allowingSkips() : heldOut).replay(c.policy(), deadlineNanos);
            heldOutOutcomes.put(c, o);
        }
        return o;
    }

    int fitSamples() {
        return crossFit.samples();
    }

    int heldOutSamples() {
        return heldOut.sampleCount();
    }

    long deadlineNanos() {
        return deadlineNanos;
    }
}
