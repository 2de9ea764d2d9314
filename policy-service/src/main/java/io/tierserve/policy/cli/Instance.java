package io.tierserve.policy.cli;

import io.tierserve.policy.model.MarkovCascade;
import io.tierserve.policy.model.SkipCascade;
import java.util.List;

/**
 * One solver instance of the {@code solve} command's input (policy-service/README.md, "Solving"):
 * the model with states = grid indices, the node ids in model order, and the skip model when the
 * instance declares skips.
 */
record Instance(boolean recall, List<String> ids, MarkovCascade model, SkipCascade skips) {}
