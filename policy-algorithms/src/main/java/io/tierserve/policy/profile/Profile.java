package io.tierserve.policy.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A profile of one cascade: stages with latencies and labelled samples with every stage's output.
 *
 * <p>Stages form an out-tree listed parents first, with latencies per device class
 * (docs/algorithms.md#from-a-profile-to-the-model).
 *
 * <p>A profile is validated on construction ({@link InvalidProfileException} names the first
 * broken rule), so every instance is usable as is.
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param cascade name of the profiled cascade
 * @param deviceClass the device class whose latencies are used unless another is asked for
 * @param labels class names by label index; empty when the profile does not name them
 * @param stages stages in topological order: a stage's parent is listed before it
 * @param samples labelled samples with one output per stage, in stage order
 */
public record Profile(
        int formatVersion,
        String cascade,
        String deviceClass,
        List<String> labels,
        List<ProfileStage> stages,
        List<ProfileSample> samples) {

    public static final int FORMAT_VERSION = 1;

    public Profile {
        labels = labels == null ? List.of() : List.copyOf(labels);
        stages = List.copyOf(stages);
        samples = List.copyOf(samples);
        ProfileValidation.validate(formatVersion, cascade, deviceClass, labels, stages, samples);
    }

    public int stageCount() {
        return stages.size();
    }

    public int sampleCount() {
        return samples.size();
    }

    /** Index of the stage with id {@code id}. */
    public int stageIndex(String id) {
        for (int v = 0; v < stages.size(); v++) {
            if (stages.get(v).id().equals(id)) {
                return v;
            }
        }
        throw new InvalidProfileException("no stage '" + id + "' in cascade '" + cascade + "'");
    }

    /** Parent index per stage, {@code -1} for a first stage (the layout {@code MarkovCascade} uses). */
    public int[] parentIndices() {
        int[] parent = new int[stages.size()];
        for (int v = 0; v < parent.length; v++) {
            String p = stages.get(v).parent();
            parent[v] = p == null ? -1 : stageIndex(p);
        }
        return parent;
    }

    /** The same cascade with other samples. */
    public Profile withSamples(List<ProfileSample> newSamples) {
        return new Profile(formatVersion, cascade, deviceClass, labels, stages, newSamples);
    }

    /**
     * Splits the samples at random (seeded) into a fit half and a held-out half; each half keeps
     * the samples' original order. The fit half gets the extra sample when the count is odd.
     */
    public ProfileSplit split(long seed) {
        int n = samples.size();
        if (n < 2) {
            throw new InvalidProfileException("cannot split a profile of " + n + " sample(s) into two halves");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] inFit = new boolean[n];
        int fitSize = (n + 1) / 2;
        for (int i = 0; i < fitSize; i++) {
            inFit[order[i]] = true;
        }
        List<ProfileSample> fit = new ArrayList<>(fitSize);
        List<ProfileSample> heldOut = new ArrayList<>(n - fitSize);
        for (int i = 0; i < n; i++) {
            (inFit[i] ? fit : heldOut).add(samples.get(i));
        }
        return new ProfileSplit(withSamples(fit), withSamples(heldOut));
    }
}
