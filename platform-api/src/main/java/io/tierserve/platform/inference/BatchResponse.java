package io.tierserve.platform.inference;

import java.util.List;

/** The answers to a batch, in input order; each carries its own request id and trace. */
record BatchResponse(String tier, List<PredictResponse> predictions) {}
