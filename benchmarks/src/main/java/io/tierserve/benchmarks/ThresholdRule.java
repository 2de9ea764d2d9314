package io.tierserve.benchmarks;

import io.tierserve.policy.execution.CascadePolicy;
import io.tierserve.policy.execution.CascadeWalk;
import io.tierserve.policy.model.ConfidenceBins;

/**
 * The baseline: "return the first stage whose confidence reaches theta, else the last", served
 * through the same walk protocol and with the same bin lookup per reveal as the optimal policies
 * (theta is compared as the bin that holds it, i.e. at bin resolution).
 */
final class ThresholdRule implements CascadePolicy {

    private final ConfidenceBins bins;
    private final int[] thetaBin;

    ThresholdRule(ConfidenceBins bins, double theta) {
        this.bins = bins;
        this.thetaBin = new int[bins.stageCount()];
        for (int v = 0; v < thetaBin.length; v++) {
            thetaBin[v] = bins.binOf(v, theta);
        }
    }

    @Override
    public int stageCount() {
        return bins.stageCount();
    }

    @Override
    public CascadeWalk newWalk() {
        return new CascadeWalk() {
            private int last;
            private boolean confident;

            @Override
            public void start(double coin) {
                last = -1;
                confident = false;
            }

            @Override
            public int next(long remainingNanos) {
                return last == stageCount() - 1 || confident ? STOP : last + 1;
            }

            @Override
            public void reveal(int stage, int prediction, double confidence) {
                last = stage;
                confident = bins.binOf(stage, confidence) >= thetaBin[stage];
            }

            @Override
            public int answer() {
                return last;
            }
        };
    }
}
