/** Seeded synthetic profiles of Markov cascades (a line of stages with rising accuracy and latency) for tests and benchmarks. */
package io.tierserve.policy.synthetic;
