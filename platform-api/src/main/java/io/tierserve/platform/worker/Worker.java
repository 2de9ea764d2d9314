package io.tierserve.platform.worker;

import io.tierserve.policy.profile.Profile;

/** One member of a device class's pool: runs requests and profiles (in this process, or over HTTP). */
public interface Worker {

    /** The worker's name, unique among all workers. */
    String id();

    /** {@code cpu} or {@code gpu}: the pool it belongs to. */
    String deviceClass();

    /**
     * Runs one request under the call's policy version.
     *
     * @throws WorkerRejectedInputException when the input does not fit the cascade (the caller's fault)
     * @throws WorkerFailedException when the worker did not answer (the request may go elsewhere)
     */
    WorkerAnswer execute(WorkerCall call);

    /**
     * Runs every stage on every sample, one at a time after {@code warmup} untimed runs.
     *
     * @throws WorkerRejectedInputException when a sample does not fit (the message names it)
     * @throws WorkerFailedException when the worker did not answer
     */
    Profile profile(ProfileCall call);
}
