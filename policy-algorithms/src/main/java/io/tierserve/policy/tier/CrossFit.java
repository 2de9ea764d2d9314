package io.tierserve.policy.tier;

import io.tierserve.policy.evaluation.ReplayEvaluator;
import io.tierserve.policy.profile.Profile;
import io.tierserve.policy.profile.ProfileSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fit half in K folds: each fold's samples are replayed with a rule fitted on the other folds,
 * so no sample is scored by a rule that saw it.
 *
 * <p>Replaying a rule on the samples it was fitted on is optimistic: a model solver trusts noisy bin
 * losses, recall picks the stage whose estimate is lowest (a winner's curse), and a threshold
 * search fits the samples' noise. On the synthetic benchmark that in-sample optimism was about 2
 * accuracy points. Cross-fitted outcomes estimate what a rule fitted on a slightly smaller sample
 * achieves on unseen data; mixing stays exact because every candidate's outcomes cover the same
 * samples in the same order. With one fold the whole fit half is both (in-sample, optimistic).
 */
final class CrossFit {

    private final TrainingSet full;
    private final List<TrainingSet> training = new ArrayList<>();
    private final List<ReplayEvaluator> evaluation = new ArrayList<>();
    private final int samples;

    CrossFit(TrainingSet full, TierSettings settings, String deviceClass) {
        this.full = full;
        Profile fit = full.samples();
        int n = fit.sampleCount();
        int k = Math.min(settings.crossFitFolds(), n);
        this.samples = n;
        if (k <= 1) {
            training.add(full);
            evaluation.add(ReplayEvaluator.of(fit, deviceClass));
            return;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(settings.seed() + 1);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) f * n / k);
            int to = (int) ((long) (f + 1) * n / k);
            List<ProfileSample> inFold = new ArrayList<>();
            List<ProfileSample> rest = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i >= from && i < to ? inFold : rest).add(fit.samples().get(order[i]));
            }
            training.add(new TrainingSet(fit.withSamples(rest), settings));
            evaluation.add(ReplayEvaluator.of(fit.withSamples(inFold), deviceClass));
        }
    }

    TrainingSet full() {
        return full;
    }

    int folds() {
        return training.size();
    }

    TrainingSet training(int fold) {
        return training.get(fold);
    }

    ReplayEvaluator evaluation(int fold) {
        return evaluation.get(fold);
    }

    int samples() {
        return samples;
    }

    /** Per fit sample, in the order of the cross-fitted outcomes, whether {@code stage} is right. */
    boolean[] correctAt(int stage) {
        boolean[] all = new boolean[samples];
        int at = 0;
        for (ReplayEvaluator fold : evaluation) {
            boolean[] part = fold.correctAt(stage);
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
