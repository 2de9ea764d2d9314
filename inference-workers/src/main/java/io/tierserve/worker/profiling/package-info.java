/** Profiling: every stage of a cascade on a labelled data set, per-sample outputs and per-stage latency. */
package io.tierserve.worker.profiling;
