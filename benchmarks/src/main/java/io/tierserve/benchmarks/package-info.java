/** JMH benchmarks of the policy solvers and the per-request policy executor. */
package io.tierserve.benchmarks;
