package io.tierserve.policy.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.model.ConfidenceBins;
import org.junit.jupiter.api.Test;

class QuantileBinsTests {

    @Test
    void equalSizedBinsWithoutTies() {
        double[] c = new double[100];
        for (int i = 0; i < 100; i++) {
            c[i] = (i + 1) / 100.0;
        }

        assertThat(QuantileBins.upperEdges(c, 4)).containsExactly(0.25, 0.5, 0.75);
    }

    @Test
    void tiesMergeBinsButEveryBinKeepsASample() {
        // 60 % of the confidences are exactly 1.0 and 30 % exactly 0.9: a naive quantile rule repeats edges.
        double[] c = new double[100];
        for (int i = 0; i < 100; i++) {
            c[i] = i < 10 ? 0.1 * (i + 1) / 10 : i < 40 ? 0.9 : 1.0;
        }

        double[] edges = QuantileBins.upperEdges(c, 8);
        ConfidenceBins bins = new ConfidenceBins(new double[][] {edges});

        for (int e = 1; e < edges.length; e++) {
            assertThat(edges[e]).isGreaterThan(edges[e - 1]);
        }
        int[] counts = new int[bins.bins(0)];
        for (double x : c) {
            counts[bins.binOf(0, x)]++;
        }
        assertThat(counts).doesNotContain(0);
        assertThat(bins.binOf(0, 1.0)).isEqualTo(bins.bins(0) - 1);
        assertThat(bins.binOf(0, 0.9)).isEqualTo(bins.bins(0) - 2);
    }

    @Test
    void aConstantConfidenceGivesOneBin() {
        assertThat(QuantileBins.upperEdges(new double[] {0.7, 0.7, 0.7}, 32)).isEmpty();
    }
}
