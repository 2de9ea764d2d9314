package io.tierserve.policy.estimation;

/**
 * Settings of {@link CascadeEstimator}.
 *
 * @param bins quantile bins per stage (m); fewer when the confidences have fewer distinct values
 * @param priorStrength pseudo-samples of the Beta prior on a bin's error rate, centred on the
 *     stage's overall error rate
 * @param lossFloor smallest loss a bin may have (losses must be positive)
 * @param transitionPseudoCount pseudo-samples added to each transition row, spread over the
 *     child's bins in proportion to the child's marginal (an empty row becomes the marginal)
 * @param deviceClass device class whose latencies become the costs; {@code null} for the
 *     profile's own
 * @param agreement whether a stage with a parent has one state per (confidence bin, prediction
 *     agrees with the parent's) instead of one per bin
 * @param isotonic whether a stage's bin error rates are first made non-increasing in confidence
 *     (isotonic regression by pool-adjacent-violators, weighted by the bins' sample counts; per
 *     agreement case), before the prior is applied
 */
public record EstimationSettings(
        int bins,
        double priorStrength,
        double lossFloor,
        double transitionPseudoCount,
        String deviceClass,
        boolean agreement,
        boolean isotonic) {

    public static final int DEFAULT_BINS = 32;

    public EstimationSettings {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        if (!(priorStrength >= 0) || !(transitionPseudoCount >= 0)) {
            throw new IllegalArgumentException("prior strength and pseudo-count must be >= 0");
        }
        if (!(lossFloor > 0)) {
            throw new IllegalArgumentException("lossFloor must be > 0, was " + lossFloor);
        }
    }

    /** Settings without agreement states. */
    public EstimationSettings(
            int bins, double priorStrength, double lossFloor, double transitionPseudoCount, String deviceClass) {
        this(bins, priorStrength, lossFloor, transitionPseudoCount, deviceClass, false, false);
    }

    /** m = 32, a Beta prior worth 2 samples, floor 1e-4, 1 pseudo-sample per transition row, the profile's device. */
    public static EstimationSettings defaults() {
        return new EstimationSettings(DEFAULT_BINS, 2.0, 1e-4, 1.0, null);
    }

    public EstimationSettings withBins(int m) {
        return new EstimationSettings(
                m, priorStrength, lossFloor, transitionPseudoCount, deviceClass, agreement, isotonic);
    }

    public EstimationSettings withDeviceClass(String device) {
        return new EstimationSettings(
                bins, priorStrength, lossFloor, transitionPseudoCount, device, agreement, isotonic);
    }

    public EstimationSettings withAgreement(boolean on) {
        return new EstimationSettings(bins, priorStrength, lossFloor, transitionPseudoCount, deviceClass, on, isotonic);
    }

    public EstimationSettings withIsotonic(boolean on) {
        return new EstimationSettings(
                bins, priorStrength, lossFloor, transitionPseudoCount, deviceClass, agreement, on);
    }
}
