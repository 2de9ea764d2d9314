/** The Markov models of a cascade that the solvers optimise: line and out-tree cascades, and lines with skip edges. */
package io.tierserve.policy.model;
