package io.tierserve.policy.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TierJsonTests {

    @Test
    void readsEveryKindOfTier() {
        List<TierSpec> specs = TierJson.readSpecs("""
                [{"name": "exact", "accuracyTolerance": 0.0},
                 {"name": "fast", "latencyBudgetMs": 0.1, "deadlineMs": 2},
                 {"name": "balanced", "mu": 0.5}]
                """);

        assertThat(specs)
                .containsExactly(
                        new TierSpec("exact", TierSpec.Kind.ACCURACY_TOLERANCE, 0.0, null),
                        new TierSpec("fast", TierSpec.Kind.LATENCY_BUDGET, 0.1, 2.0),
                        new TierSpec("balanced", TierSpec.Kind.EXPLICIT_MU, 0.5, null));
    }

    @Test
    void rejectsATierWithTwoPromises() {
        assertThatThrownBy(() -> TierJson.readSpecs("[{\"name\": \"x\", \"mu\": 1, \"latencyBudgetMs\": 2}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one of");
    }

    @Test
    void rejectsAToleranceAboveOne() {
        assertThatThrownBy(() -> TierJson.readSpecs("[{\"name\": \"x\", \"accuracyTolerance\": 2}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be in [0, 1]");
    }
}
