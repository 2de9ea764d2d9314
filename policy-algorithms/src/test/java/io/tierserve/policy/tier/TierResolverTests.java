package io.tierserve.policy.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tierserve.policy.evaluation.AccuracyGap;
import io.tierserve.policy.evaluation.Metrics;
import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.MixedPolicy;
import io.tierserve.policy.execution.PolicyDocument;
import io.tierserve.policy.frontier.MuGrid;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSplit;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TierResolverTests {

    // fewer trade-off points than the default keep the suite fast; the behaviour does not depend on them
    private static final TierSettings SETTINGS = TierSettings.defaults().withMuPoints(16);
    private static Profile profile;
    private static List<TierResolution> resolutions;

    @BeforeAll
    static void resolveTiersOnTheSyntheticBenchmark() {
        profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(5), 12_000, 5);
        resolutions = TierResolver.resolve(
                profile,
                List.of(
                        new TierSpec("exact", TierSpec.Kind.ACCURACY_TOLERANCE, 0.0, null),
                        new TierSpec("near", TierSpec.Kind.ACCURACY_TOLERANCE, 0.05, null),
                        new TierSpec("fast", TierSpec.Kind.LATENCY_BUDGET, 0.2, null),
                        new TierSpec("impossible", TierSpec.Kind.LATENCY_BUDGET, 0.01, null),
                        new TierSpec("balanced", TierSpec.Kind.EXPLICIT_MU, 0.2, null),
                        new TierSpec("deadline", TierSpec.Kind.LATENCY_BUDGET, 0.2, 0.3)),
                SETTINGS);
    }

    private static TierResolution tier(String name) {
        return resolutions.stream()
                .filter(r -> r.spec().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void accuracyToleranceTiersKeepTheirPromiseWithinTheHeldOutBound() {
        for (String name : List.of("exact", "near")) {
            TierResolution r = tier(name);
            assertThat(r.status()).as(name).isEqualTo(TierStatus.MET);
            assertThat(r.heldOutGap().gapHigh())
                    .as(name)
                    .isLessThanOrEqualTo(r.spec().value() + 1e-12);
            assertThat(r.first()).isNotNull();
        }
        assertThat(tier("near").promise()).isCloseTo(tier("exact").promise() - 0.05, within(1e-12));
    }

    @Test
    void latencyBudgetTierKeepsItsPromiseWithinTheHeldOutBound() {
        TierResolution r = tier("fast");

        assertThat(r.status()).isEqualTo(TierStatus.MET);
        assertThat(r.heldOut().meanLatencyHighMs()).isLessThanOrEqualTo(0.2);
        assertThat(r.heldOut().accuracy()).isGreaterThan(0.6);
    }

    @Test
    void mixingProbabilityMakesTheFitMetricsEqualTheConstraintExactly() {
        ProfileSplit split = profile.split(SETTINGS.seed());
        TierSettings inSample = SETTINGS.withCrossFitFolds(1);
        TrainingSet fit = new TrainingSet(split.fit(), inSample);
        CandidatePool pool = new CandidatePool(
                new CrossFit(fit, inSample, null),
                ReplayEvaluator.of(split.heldOut(), null),
                List.of(PolicyFamily.RECALL),
                null,
                MuGrid.logSpaced(fit.estimated().model(), 48),
                ReplayEvaluator.NO_DEADLINE);
        TierSearch search = new TierSearch(PolicyFamily.RECALL, pool);

        Plan accuracy = search.plan(Candidate::accuracy, 0.7013, true);
        Plan latency = search.plan(Candidate::latency, 0.25, false);

        assertThat(accuracy.second()).isNotNull();
        assertThat(accuracy.p()).isStrictlyBetween(0.0, 1.0);
        assertThat(search.fitMetrics(accuracy).accuracy()).isCloseTo(0.7013, within(1e-9));
        assertThat(latency.second()).isNotNull();
        assertThat(search.fitMetrics(latency).meanLatencyMs()).isCloseTo(0.25, within(1e-9));
        // The two rules are adjacent vertices of the hull.
        int a = search.hull().indexOf(latency.first());
        assertThat(search.hull().indexOf(latency.second())).isEqualTo(a + 1);
    }

    @Test
    void theFastTierIsServedAsAMixPlannedOnTheFitHalf() {
        TierResolution fast = tier("fast");

        assertThat(fast.second()).isNotNull();
        assertThat(fast.fit().meanLatencyMs()).isCloseTo(fast.aim(), within(1e-9));
        assertThat(fast.aim()).isLessThan(fast.promise());
    }

    @Test
    void servedMixedPolicyReplaysToTheReportedHeldOutMetrics() {
        TierResolution r = tier("fast");
        ProfileSplit split = profile.split(SETTINGS.seed());
        CascadePolicy served = r.toPolicy();

        // Per-request coin draws only approximate the exact mixture the report uses.
        Metrics sampled = ReplayEvaluator.of(split.heldOut(), null).evaluate(served);
        assertThat(served).isInstanceOf(MixedPolicy.class);
        assertThat(sampled.meanLatencyMs()).isCloseTo(r.heldOut().meanLatencyMs(), within(0.005));
        assertThat(sampled.accuracy()).isCloseTo(r.heldOut().accuracy(), within(0.01));
    }

    @Test
    void anOptimisticPlanIsStoppedAtTheFirstPlanWhoseHeldOutBoundMisses() {
        // In-sample planning without a safety margin plans right at the promise with an optimistic
        // model; the held-out checks along the path must stop before it.
        TierSettings optimistic = SETTINGS.withCrossFitFolds(1).withSafetyFactor(0);
        double tolerance = 0.02;

        TierResolution r = TierResolver.resolve(
                        profile,
                        List.of(new TierSpec("near", TierSpec.Kind.ACCURACY_TOLERANCE, tolerance, null)),
                        optimistic,
                        Set.of(PolicyFamily.RECALL))
                .get(0);

        assertThat(r.status()).isEqualTo(TierStatus.MET);
        assertThat(r.reason()).contains("stopped before the plan");
        assertThat(r.heldOutGap().within(tolerance)).isTrue();
        assertThat(r.fit().accuracy()).isGreaterThan(r.aim());

        // Brute force over the same path: every plan before the served one keeps the held-out bound,
        // and one a little further along misses it.
        ProfileSplit split = profile.split(optimistic.seed());
        TrainingSet fit = new TrainingSet(split.fit(), optimistic);
        ReplayEvaluator heldOut = ReplayEvaluator.of(split.heldOut(), null);
        CandidatePool pool = new CandidatePool(
                new CrossFit(fit, optimistic, null),
                heldOut,
                List.of(PolicyFamily.RECALL),
                null,
                MuGrid.logSpaced(fit.estimated().model(), optimistic.muPoints()),
                ReplayEvaluator.NO_DEADLINE);
        TierSearch search = new TierSearch(PolicyFamily.RECALL, pool);
        boolean[] reference = heldOut.correctAt(TierResolver.bestSingleStage(split.fit()));
        double firstMiss = Double.NaN;
        for (int i = 0; i <= 2000 * search.segments(); i++) {
            double t = i / 2000.0;
            if (!search.heldOutGap(search.along(t, true), reference).within(tolerance)) {
                firstMiss = t;
                break;
            }
        }
        assertThat(firstMiss).isPositive();
        double servedAccuracy = r.fit().accuracy();
        assertThat(servedAccuracy)
                .isGreaterThanOrEqualTo(
                        search.fitMetrics(search.along(firstMiss, true)).accuracy() - 1e-9);
        assertThat(servedAccuracy)
                .isLessThanOrEqualTo(search.fitMetrics(search.along(firstMiss - 1 / 2000.0, true))
                                .accuracy()
                        + 1e-9);
    }

    @Test
    void theModelsPredictedErrorIsCloseToTheHeldOutErrorOnMarkovData() {
        // The solver does not model deadlines, so the deadline tier is left out; only the
        // recall-optimal plans have a model prediction.
        int checked = 0;
        for (TierResolution r :
                resolutions.stream().filter(t -> t.spec().deadlineMs() == null).toList()) {
            for (FamilyPlan p : r.alternatives()) {
                if (p.plannedBy() == PolicyFamily.RECALL && p.plan().status() != TierStatus.INFEASIBLE) {
                    assertThat(p.plan().predictedError())
                            .as(r.spec().name())
                            .isCloseTo(1 - p.plan().heldOut().accuracy(), within(0.03));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aBudgetBelowTheFirstStageIsReportedInfeasible() {
        TierResolution r = tier("impossible");

        assertThat(r.status()).isEqualTo(TierStatus.INFEASIBLE);
        assertThat(r.first()).isNull();
        assertThatThrownBy(r::toPolicy).isInstanceOf(IllegalStateException.class);
        assertThat(r.reason())
                .contains("the fastest recall-optimal policy")
                .contains("the fastest optimal no-recall policy");
    }

    @Test
    void anInfeasibleBudgetFallsBackToTheFastestStageAndSaysItsBoundMisses() {
        SingleStageFallback.Choice c = SingleStageFallback.choose(tier("impossible"), profile, SETTINGS);

        // every stage is slower than the budget on the fit half, so the fastest one is served alone
        assertThat(c.stageIndex()).isZero();
        assertThat(c.document().kind()).isEqualTo(PolicyDocument.NO_RECALL);
        assertThat(c.heldOut().meanStagesRun()).isEqualTo(1.0);
        assertThat(c.heldOut().answerShare()[0]).isEqualTo(1.0);
        assertThat(c.promise()).isEqualTo(0.01);
        assertThat(c.boundKeeps()).isFalse();
        assertThat(c.reason()).contains("serving " + c.stage() + " alone").contains("misses the promise");
        assertThat(c.metrics().path("status").asString()).isEqualTo(SingleStageFallback.STATUS);
        assertThat(c.metrics().path("resolverStatus").asString()).isEqualTo("INFEASIBLE");
        assertThat(c.tables().path("first").path("kind").asString())
                .isEqualTo(c.document().kind());
    }

    @Test
    void anAccuracyFallbackServesTheCheapestStageWithinToleranceOfTheBestOnTheFitHalf() {
        ProfileSplit split = profile.split(SETTINGS.seed());
        int best = TierResolver.bestSingleStage(split.fit());
        ReplayEvaluator fit = ReplayEvaluator.of(split.fit(), null);
        boolean[] reference = fit.correctAt(best);
        for (String name : List.of("exact", "near")) {
            TierResolution tier = tier(name);
            SingleStageFallback.Choice c = SingleStageFallback.choose(tier, profile, SETTINGS);
            double tolerance = tier.spec().value();

            assertThat(c.promise())
                    .isCloseTo(TierResolver.bestSingleStageAccuracy(split.fit()) - tolerance, within(1e-12));
            assertThat(c.stageIndex()).as(name).isLessThanOrEqualTo(best);
            for (int v = 0; v < c.stageIndex(); v++) {
                assertThat(AccuracyGap.of(fit.correctAt(v), reference).within(tolerance))
                        .as("%s: cheaper stage %d", name, v)
                        .isFalse();
            }
            assertThat(c.boundKeeps()).as(name).isEqualTo(c.heldOutGap().within(tolerance));
        }
        // with ε = 0 only the most accurate stage qualifies: the reference of the paired check,
        // which agrees with itself on every held-out sample
        SingleStageFallback.Choice exact = SingleStageFallback.choose(tier("exact"), profile, SETTINGS);
        assertThat(exact.stageIndex()).isEqualTo(best);
        assertThat(exact.heldOutGap().gapHigh()).isZero();
        assertThat(exact.boundKeeps()).isTrue();
        assertThat(exact.reason()).contains("keeps the promise");
    }

    @Test
    void eachTierIsServedByTheCheapestMetPlanOfAnyFamilyOnTheFitHalf() {
        for (String name : List.of("exact", "near", "fast")) {
            TierResolution served = tier(name);
            List<FamilyPlan> plans = served.alternatives();
            assertThat(plans).extracting(FamilyPlan::plannedBy).contains(PolicyFamily.RECALL, PolicyFamily.MIX);
            assertThat(plans.stream().filter(FamilyPlan::served)).hasSize(1);
            TierResolution chosen = plans.stream()
                    .filter(FamilyPlan::served)
                    .findFirst()
                    .orElseThrow()
                    .plan();
            assertThat(chosen.fit()).isEqualTo(served.fit());
            for (FamilyPlan p : plans) {
                TierResolution r = p.plan();
                if (r.status() == TierStatus.MET && served.status() == TierStatus.MET) {
                    if (served.spec().kind() == TierSpec.Kind.LATENCY_BUDGET) {
                        assertThat(served.fit().accuracy())
                                .as(name)
                                .isGreaterThanOrEqualTo(r.fit().accuracy());
                    } else {
                        assertThat(served.fit().meanLatencyMs())
                                .as(name)
                                .isLessThanOrEqualTo(r.fit().meanLatencyMs());
                    }
                }
                if (r.status() == TierStatus.MET) {
                    assertThat(served.status()).as(name).isEqualTo(TierStatus.MET);
                }
            }
        }
        // the mix of every family is at least as good on the fit half as any single family
        TierResolution near = tier("near");
        FamilyPlan mix = near.alternatives().get(near.alternatives().size() - 1);
        assertThat(mix.plannedBy()).isEqualTo(PolicyFamily.MIX);
        for (FamilyPlan p : near.alternatives()) {
            if (p.plan().status() != TierStatus.INFEASIBLE
                    && p.plan().aim() == mix.plan().aim()) {
                assertThat(mix.plan().fit().meanLatencyMs())
                        .isLessThanOrEqualTo(p.plan().fit().meanLatencyMs() + 1e-12);
            }
        }
    }

    @Test
    void aZeroToleranceIsAlwaysKeptByTheNoRecallPolicyThatRunsToTheBestStage() {
        // The synthetic benchmark's last stage is its most accurate; the optimal no-recall policy at
        // the lowest mu runs to it and answers with it, so it agrees with it on every sample.
        TierResolution exact = TierResolver.resolve(
                        profile,
                        List.of(new TierSpec("exact", TierSpec.Kind.ACCURACY_TOLERANCE, 0.0, null)),
                        SETTINGS,
                        Set.of(PolicyFamily.NO_RECALL))
                .get(0);

        assertThat(exact.status()).isEqualTo(TierStatus.MET);
        assertThat(exact.heldOutGap().gapHigh()).isLessThanOrEqualTo(1e-12);
        assertThat(exact.first().kind()).isEqualTo(PolicyDocument.NO_RECALL);
    }

    @Test
    void aProfileTooSmallToCertifyAnythingIsInfeasibleNotAnError() {
        Profile tiny = profile.withSamples(profile.samples().subList(0, 3));

        List<TierResolution> r = TierResolver.resolve(
                tiny, List.of(new TierSpec("fast", TierSpec.Kind.LATENCY_BUDGET, 0.2, null)), SETTINGS);

        assertThat(r.get(0).status()).isEqualTo(TierStatus.INFEASIBLE);
    }

    @Test
    void anExplicitMuTierServesThatTradeOff() {
        TierResolution r = tier("balanced");

        assertThat(r.status()).isEqualTo(TierStatus.MET);
        assertThat(r.firstMu()).isEqualTo(0.2);
        assertThat(r.second()).isNull();
        assertThat(r.first().predicted().mu()).isEqualTo(0.2);
    }

    @Test
    void aDeadlineCapsEveryRequestsSimulatedLatency() {
        TierResolution r = tier("deadline");

        assertThat(r.status()).isEqualTo(TierStatus.MET);
        // p99 of stage k is 2.5 × its p50, and the p50s are charged: a stage starts only if its p99 fits.
        assertThat(r.heldOut().p99LatencyMs()).isLessThanOrEqualTo(0.3);
    }
}
