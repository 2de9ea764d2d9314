/** The worker jar's command line: train, profile, bench and serve. */
package io.tierserve.worker.cli;
