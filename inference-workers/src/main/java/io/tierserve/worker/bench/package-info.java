/** Benchmarks of the demo cascade: policies replayed from the profile and executed live, overhead, throughput. */
package io.tierserve.worker.bench;
