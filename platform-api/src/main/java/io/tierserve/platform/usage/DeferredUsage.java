package io.tierserve.platform.usage;

/**
 * Work that will record usage a little after the request was answered (live profiling runs); a
 * read of usage waits for it first, so that it sees every request answered before it.
 */
public interface DeferredUsage {

    /** Returns once the usage of every request answered so far has been handed to the recorder. */
    void drain();
}
