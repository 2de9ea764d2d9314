/** Drift detection: live confidence-bin counts per stage, compared with the active profile by the population stability index. */
package io.tierserve.platform.drift;
