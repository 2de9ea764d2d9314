/** Test oracles and generators shared by the solver and executor tests: random models, exhaustive search, exact walk evaluation. */
package io.tierserve.policy.testing;
