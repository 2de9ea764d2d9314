package io.tierserve.policy.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.estimation.EstimationSettings;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileStage;
import io.tierserve.policy.synthetic.SyntheticProfiles;
import io.tierserve.policy.tier.TierJson;
import io.tierserve.policy.tier.TierResolution;
import io.tierserve.policy.tier.TierResolver;
import io.tierserve.policy.tier.TierSettings;
import io.tierserve.policy.tier.TierStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutTreeFrontierTests {

    /** stage1 → stage2 → {stage3, stage4}: a synthetic line whose last stage is re-hung under stage 2. */
    private static Profile tree() {
        Profile line = SyntheticProfiles.generate(SyntheticProfiles.benchmark(4), 4_000, 21);
        List<ProfileStage> stages = new ArrayList<>(line.stages());
        ProfileStage last = stages.get(3);
        stages.set(3, new ProfileStage(last.id(), "stage2", last.latency()));
        return new Profile(1, "tree", "cpu", List.of(), stages, line.samples());
    }

    @Test
    void frontierOfAnOutTreeHasRecallRowsAndNoLineOnlyStrategies() {
        FrontierReport report =
                FrontierBuilder.build(tree(), new FrontierSettings(EstimationSettings.defaults(), 1, 12, 20));

        assertThat(report.rows(FrontierBuilder.RECALL)).hasSize(12);
        assertThat(report.rows(FrontierBuilder.NO_RECALL)).isEmpty();
        // Baselines walk the deepest path stage1 → stage2 → stage3.
        assertThat(report.rows(FrontierBuilder.SINGLE_STAGE)).hasSize(3);
        double most = report.rows(FrontierBuilder.RECALL).stream()
                .mapToDouble(FrontierRow::accuracy)
                .max()
                .orElseThrow();
        double full = report.rows(FrontierBuilder.SINGLE_STAGE).get(2).accuracy();
        assertThat(most).isGreaterThan(full);
    }

    @Test
    void tiersOnAnOutTreeCarryStageIdsInTheirDocuments() {
        List<TierResolution> r = TierResolver.resolve(
                tree(), TierJson.readSpecs("[{\"name\": \"t\", \"latencyBudgetMs\": 0.2}]"), TierSettings.defaults());

        assertThat(r.get(0).status()).isIn(TierStatus.MET, TierStatus.CONSERVATIVE);
        assertThat(r.get(0).first().stageIds()).containsExactly("stage1", "stage2", "stage3", "stage4");
        assertThat(r.get(0).first().parents()).containsExactly(-1, 0, 1, 1);
    }
}
