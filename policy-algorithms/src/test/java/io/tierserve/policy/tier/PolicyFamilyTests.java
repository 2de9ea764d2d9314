package io.tierserve.policy.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierserve.policy.estimation.EstimatedCascade;
import io.tierserve.policy.evaluation.Outcomes;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.solver.Solvers;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry, and that every μ-indexed family's candidates are its rules replayed (identity). */
class PolicyFamilyTests {

    private static final Profile LINE = SyntheticProfiles.generate(SyntheticProfiles.benchmark(4), 1_200, 3);

    @Test
    void everyFamilyIsRegisteredOnceUnderAStableName() {
        Set<String> names = new HashSet<>();
        for (PolicyFamily f : PolicyFamily.all()) {
            assertThat(names.add(f.name())).as(f.name()).isTrue();
            assertThat(PolicyFamily.named(f.name())).isSameAs(f);
            assertThat(f.getClass().getModifiers() & java.lang.reflect.Modifier.FINAL)
                    .isNotZero();
        }
        assertThat(PolicyFamily.all().get(PolicyFamily.all().size() - 1)).isSameAs(PolicyFamily.MIX);
        assertThatThrownBy(() -> PolicyFamily.named("ORACLE")).hasMessageContaining("unknown policy family");
    }

    @Test
    void skipsNeedSeparatelyRunModelsAndLineRulesNeedALine() {
        TierSettings settings = TierSettings.defaults();
        assertThat(PolicyFamily.RECALL_SKIPS.appliesTo(LINE, settings)).isFalse();
        assertThat(PolicyFamily.RECALL_SKIPS.appliesTo(LINE, settings.withSeparateModels(true)))
                .isTrue();
        for (PolicyFamily f :
                List.of(PolicyFamily.NO_RECALL, PolicyFamily.STAGE_THRESHOLDS, PolicyFamily.AGREEMENT_THRESHOLDS)) {
            assertThat(f.appliesTo(LINE, settings)).as(f.name()).isTrue();
        }
    }

    @Test
    void modelFamiliesServeExactlyTheSolversPolicies() {
        TierSettings settings = TierSettings.defaults().withSeparateModels(true);
        TrainingSet training = new TrainingSet(LINE, settings);
        EstimatedCascade e = training.estimated();
        double mu = 0.4;

        assertThat(((TradeOffFamily) PolicyFamily.RECALL)
                        .rules()
                        .fit(training, mu)
                        .write())
                .isEqualTo(Solvers.recall(e.model(), mu)
                        .toDocument(e.bins(), e.p99Nanos())
                        .write());
        assertThat(((TradeOffFamily) PolicyFamily.NO_RECALL)
                        .rules()
                        .fit(training, mu)
                        .write())
                .isEqualTo(Solvers.noRecall(e.model(), mu)
                        .toDocument(e.bins(), e.p99Nanos())
                        .write());
        assertThat(((TradeOffFamily) PolicyFamily.RECALL_SKIPS)
                        .rules()
                        .fit(training, mu)
                        .write())
                .isEqualTo(Solvers.recallWithSkips(training.skips(), mu)
                        .toDocument(e.bins(), e.p99Nanos())
                        .write());
    }

    @Test
    void inSampleCandidatesAreTheServedRulesReplayedOnTheFitSamples() {
        TierSettings settings = TierSettings.defaults().withCrossFitFolds(1).withSeparateModels(true);
        TrainingSet training = new TrainingSet(LINE, settings);
        ReplayEvaluator fit = ReplayEvaluator.of(LINE, null);
        List<PolicyFamily> families = PolicyFamily.all().stream()
                .filter(f -> f.appliesTo(LINE, settings))
                .toList();
        CandidatePool pool = new CandidatePool(
                new CrossFit(training, settings, null),
                fit,
                families,
                null,
                MuGrid.logSpaced(training.estimated().model(), 6),
                ReplayEvaluator.NO_DEADLINE);
        int all = 0;
        for (PolicyFamily f : families) {
            for (Candidate c : pool.of(f)) {
                Outcomes direct = (c.skips() ? fit.allowingSkips() : fit)
                        .replay(c.document().toPolicy(), ReplayEvaluator.NO_DEADLINE);
                assertThat(c.planning().correct()).as(f.name()).isEqualTo(direct.correct());
                assertThat(c.planning().latencyMs()).as(f.name()).isEqualTo(direct.latencyMs());
                assertThat(pool.heldOut(c).correct()).isEqualTo(direct.correct());
                if (f != PolicyFamily.MIX) {
                    assertThat(c.family()).isSameAs(f);
                }
            }
            all += pool.of(f).size();
        }
        // the mix family's pool is every other family's candidates
        assertThat(pool.of(PolicyFamily.MIX))
                .hasSize(all - pool.of(PolicyFamily.MIX).size());
    }
}
