/** The optimal policy solvers (T-Tamer recall index policies, skip tables, the no-recall dynamic program). */
package io.tierserve.policy.solver;
