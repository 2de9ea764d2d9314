package io.tierserve.policy.profile;

/** What one stage answered for one sample: its predicted class and its confidence in [0, 1]. */
public record StageOutput(int prediction, double confidence) {}
