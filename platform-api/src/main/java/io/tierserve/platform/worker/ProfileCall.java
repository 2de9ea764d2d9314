package io.tierserve.platform.worker;

import io.tierserve.worker.execution.InferenceInput;
import java.util.List;

/**
 * A labelled dataset to profile a cascade on.
 *
 * @param labels per input, its true class index
 * @param warmup untimed runs before the measured ones
 */
public record ProfileCall(ModelRef model, List<InferenceInput> inputs, int[] labels, int warmup) {}
