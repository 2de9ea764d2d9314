/** Recomputation jobs in standalone mode: policy-service's job processor run in-process, and the jobs' admin API. */
package io.tierserve.platform.job;
