package io.tierserve.platform.worker;

import java.util.List;

/** A worker inside the platform process (standalone mode), listed without a URL or heartbeats. */
public interface LocalWorker extends Worker {

    /** The model keys it holds now. */
    List<String> cascades();
}
