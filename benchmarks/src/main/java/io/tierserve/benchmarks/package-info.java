/** JMH benchmarks of the policy solvers, the per-request policy executor and tensor parsing; the serving-overhead bare server. */
package io.tierserve.benchmarks;
