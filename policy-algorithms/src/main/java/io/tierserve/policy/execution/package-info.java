/** The serving side of a policy: its versioned JSON document and the allocation-free walks that execute it. */
package io.tierserve.policy.execution;
