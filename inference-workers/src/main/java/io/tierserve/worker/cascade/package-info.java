/** Cascade artifacts: the manifest, preprocessing, and stage models loaded once and run per thread. */
package io.tierserve.worker.cascade;
