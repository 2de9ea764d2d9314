/** The worker as a process: a small internal HTTP API over the engine, and registration with the control plane. */
package io.tierserve.worker.server;
