package io.tierserve.platform.cascade;

import java.util.List;

/**
 * What a cascade has of what serving needs: models for its stages (uploaded ones need the input
 * fields first) and a profile to compute policies from.
 *
 * @param modelInputStated whether {@code inputShape} and {@code labels} are set (needed to upload models)
 * @param stagesWithoutModel stages with no current model artifact, in policy order
 * @param profiled whether a profile of the cascade is stored
 */
public record CascadeReadiness(boolean modelInputStated, List<String> stagesWithoutModel, boolean profiled) {}
