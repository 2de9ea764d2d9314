package io.tierserve.policy.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.frontier.FrontierBuilder;
import io.tierserve.policy.frontier.FrontierSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The families' held-out frontier that {@link TierResolver#plan} returns with the tiers, and its JSON. */
class TierPlanningTests {

    private static final TierSettings SETTINGS = TierSettings.defaults().withMuPoints(12);

    @Test
    void everyApplicableFamilyHasItsFitHullReplayedOnTheHeldOutHalfAndTheTiersAreThoseOfResolve() {
        Profile profile = SyntheticProfiles.generate(SyntheticProfiles.benchmark(4), 4_000, 7);
        List<TierSpec> tiers = List.of(
                new TierSpec("near", TierSpec.Kind.ACCURACY_TOLERANCE, 0.03, null),
                new TierSpec("fast", TierSpec.Kind.LATENCY_BUDGET, 0.2, null));

        TierPlanning planning = TierResolver.plan(profile, tiers, SETTINGS);

        assertThat(planning.tiers())
                .extracting(TierResolution::status)
                .isEqualTo(TierResolver.resolve(profile, tiers, SETTINGS).stream()
                        .map(TierResolution::status)
                        .toList());
        assertThat(planning.heldOutSamples() + planning.fitSamples()).isEqualTo(4_000);
        assertThat(planning.families())
                .extracting(FamilyFrontier::family)
                .contains(PolicyFamily.RECALL.name(), PolicyFamily.NO_RECALL.name(), PolicyFamily.MIX.name());
        for (FamilyFrontier f : planning.families()) {
            assertThat(f.points()).as(f.family()).isNotEmpty();
            for (int i = 0; i < f.points().size(); i++) {
                FamilyFrontier.Point p = f.points().get(i);
                assertThat(p.heldOut().samples()).isEqualTo(planning.heldOutSamples());
                assertThat(p.heldOut().accuracyLow())
                        .isLessThanOrEqualTo(p.heldOut().accuracy());
                if (i > 0) {
                    // the fit-half hull: faster first, each next rule more accurate
                    FamilyFrontier.Point before = f.points().get(i - 1);
                    assertThat(p.fit().meanLatencyMs())
                            .isGreaterThan(before.fit().meanLatencyMs());
                    assertThat(p.fit().accuracy()).isGreaterThan(before.fit().accuracy());
                }
            }
        }

        JsonNode json = FrontierJson.write(
                planning,
                FrontierBuilder.build(profile, new FrontierSettings(SETTINGS.estimation(), SETTINGS.seed(), 12, 50)));
        assertThat(json.path("families").size()).isEqualTo(planning.families().size());
        assertThat(json.path("baselines").findValuesAsString("strategy"))
                .contains(FrontierBuilder.SINGLE_STAGE, FrontierBuilder.ORACLE)
                .doesNotContain(FrontierBuilder.RECALL, FrontierBuilder.NO_RECALL);
    }
}
