/** Per-request execution of a cascade under a policy with recall and a deadline: the in-process worker API. */
package io.tierserve.worker.execution;
