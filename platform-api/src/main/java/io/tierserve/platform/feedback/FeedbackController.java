package io.tierserve.platform.feedback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tierserve.platform.apikey.ApiKeyPrincipal;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/feedback}: an application tells the true label of one of its requests. */
@RestController
@Tag(name = "public", description = "The tiered inference API for applications (Authorization: Bearer <api key>)")
class FeedbackController {

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @PostMapping("/v1/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send the true label of a served request",
            description = "requestId as the prediction answered; label as a class name or index. Once per request"
                    + " (409 after); 404 for a request the key's tenant did not make. Labelled, fully profiled"
                    + " requests build live profiles that queue a policy recomputation.")
    FeedbackResponse feedback(
            @AuthenticationPrincipal ApiKeyPrincipal key, @Valid @RequestBody FeedbackRequest request) {
        return feedback.submit(key, request);
    }
}
