package io.tierserve.policy.tier;

import io.tierserve.policy.profile.Profile;
import java.util.List;

/**
 * A family of serving rules a tier may be planned with: the portfolio of {@link TierResolver}.
 *
 * <p>Each family offers candidate rules on the fit half, every one with cross-fitted outcomes
 * ({@link CandidatePool}); a tier is planned on the lower convex hull of a family's candidates (an
 * exact mix of two adjacent ones) and checked on the held-out half. Which family serves a tier is
 * decided by evidence, not by the model: T-Tamer's recall-optimal rule is optimal when stage losses
 * are Markov, and on cascades whose exits share errors the model is optimistic and a plain rule
 * wins (docs/benchmarks.md).
 *
 * <p>The families are registered here and nowhere else: {@link #all()} in the order ties are broken.
 */
public interface PolicyFamily {

    /**
     * T-Tamer's recall-optimal index policy (docs/algorithms.md#recall-on-a-line,
     * docs/algorithms.md#out-trees).
     */
    PolicyFamily RECALL = new RecallFamily();

    /**
     * The recall-optimal policy with every skip edge (docs/algorithms.md#skip-edges), separately
     * run models only.
     */
    PolicyFamily RECALL_SKIPS = new RecallSkipsFamily();

    /**
     * The optimal no-recall stopping rule of the Markov model (docs/algorithms.md#without-recall).
     */
    PolicyFamily NO_RECALL = new NoRecallFamily();

    /** One searched confidence threshold per stage, fitted on samples directly (no model). */
    PolicyFamily STAGE_THRESHOLDS = new StageThresholdsFamily();

    /** Two thresholds per stage after the first: one when it agrees with its parent, one when not. */
    PolicyFamily AGREEMENT_THRESHOLDS = new AgreementThresholdsFamily();

    /** Exact randomised mixes of two rules of any families: the lower convex hull of their union. */
    PolicyFamily MIX = new MixFamily();

    /** Every family, in the order ties are broken. */
    static List<PolicyFamily> all() {
        return List.of(RECALL, RECALL_SKIPS, NO_RECALL, STAGE_THRESHOLDS, AGREEMENT_THRESHOLDS, MIX);
    }

    /** The family named {@code name} (as {@link #name()} spells it). */
    static PolicyFamily named(String name) {
        for (PolicyFamily f : all()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown policy family '" + name + "'; known: "
                + all().stream().map(PolicyFamily::name).toList());
    }

    /** The stable name recorded in versions' metrics ({@code RECALL}, {@code STAGE_THRESHOLDS}, …). */
    String name();

    /** How reasons name the family. */
    String description();

    /** Whether the family has rules for {@code profile}'s cascade under {@code settings}. */
    boolean appliesTo(Profile profile, TierSettings settings);

    /** The family's candidate rules on the fit half, with cross-fitted outcomes. */
    List<Candidate> candidates(CandidatePool pool);
}
