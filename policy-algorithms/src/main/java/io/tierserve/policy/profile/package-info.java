/** Profiles of a cascade (per-sample, per-stage outputs and per-stage latencies): the model, validation and its JSON and CSV forms. */
package io.tierserve.policy.profile;
