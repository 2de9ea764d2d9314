package io.tierserve.platform.feedback;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * The true label of a served request.
 *
 * @param requestId the {@code requestId} the prediction answered with
 * @param label the class name (for example {@code "T-shirt/top"}) or its index
 */
record FeedbackRequest(@NotNull UUID requestId, @NotNull Object label) {}
