/** Inference in standalone mode: the in-process worker and the internal predict path that serves a tier through its active policy. */
package io.tierserve.platform.inference;
