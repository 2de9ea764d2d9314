package io.tierserve.policy.profile;

import java.util.List;

/**
 * One labelled profiling sample.
 *
 * @param label the true class
 * @param outputs every stage's output, in the profile's stage order
 */
public record ProfileSample(int label, List<StageOutput> outputs) {

    public ProfileSample {
        outputs = List.copyOf(outputs);
    }

    /** Whether stage {@code stage} answered this sample correctly. */
    public boolean correct(int stage) {
        return outputs.get(stage).prediction() == label;
    }
}
