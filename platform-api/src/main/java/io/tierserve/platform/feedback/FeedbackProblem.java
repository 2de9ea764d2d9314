package io.tierserve.platform.feedback;

import io.tierserve.platform.config.ApiException;
import io.tierserve.platform.config.FieldProblem;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Feedback the platform refuses: an unknown request, a label the cascade does not have, a second label. */
final class FeedbackProblem extends ApiException {

    private static final long serialVersionUID = 1L;

    private FeedbackProblem(HttpStatus status, String title, String detail, List<FieldProblem> problems) {
        super(status, title, detail, problems);
    }

    /** Also for a request of another tenant: whether it exists is not the caller's business. */
    static FeedbackProblem unknownRequest(UUID requestId) {
        return new FeedbackProblem(
                HttpStatus.NOT_FOUND, "Request not found", "No served request with id " + requestId + ".", List.of());
    }

    static FeedbackProblem invalidLabel(Object label, List<String> labels) {
        return new FeedbackProblem(
                HttpStatus.BAD_REQUEST,
                "Invalid label",
                "'" + label + "' is not a label of the cascade; give one of " + labels + " or its index 0.."
                        + (labels.size() - 1) + ".",
                List.of(new FieldProblem(
                        "label", "must be one of " + labels + " or an index 0.." + (labels.size() - 1))));
    }

    static FeedbackProblem alreadyGiven(UUID requestId) {
        return new FeedbackProblem(
                HttpStatus.CONFLICT,
                "Feedback already given",
                "Request " + requestId + " already has a label; a label is given once.",
                List.of());
    }

    static FeedbackProblem noStageOutputs(UUID requestId) {
        return new FeedbackProblem(
                HttpStatus.CONFLICT,
                "Feedback not possible",
                "Request " + requestId + " was served before stage outputs were recorded; it cannot take a label.",
                List.of());
    }
}
