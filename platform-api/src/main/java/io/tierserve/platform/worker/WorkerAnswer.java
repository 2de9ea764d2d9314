package io.tierserve.platform.worker;

import io.tierserve.worker.execution.Prediction;
import io.tierserve.worker.profiling.FullRun;

/**
 * A worker's answer to one request.
 *
 * @param fullRun every stage's output when the call asked for a full run, else null
 * @param worker the id of the worker that answered
 * @param deviceClass its device class
 */
public record WorkerAnswer(Prediction prediction, FullRun.Outputs fullRun, String worker, String deviceClass) {}
