package io.tierserve.platform.inference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tierserve.platform.apikey.ApiKeyPrincipal;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The public inference API: {@code POST /v1/cascades/{cascade}/predict} with an API key. */
@RestController
@Tag(name = "public", description = "The tiered inference API for applications (Authorization: Bearer <api key>)")
class PublicPredictController {

    static final String TIER_HEADER = "X-Tolerance-Tier";
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final PublicPredictions predictions;

    PublicPredictController(PublicPredictions predictions) {
        this.predictions = predictions;
    }

    @PostMapping("/v1/cascades/{cascade}/predict")
    @Operation(
            summary = "Predict through a cascade under a tolerance tier",
            description = "Tier from the body field 'tier', else the X-Tolerance-Tier header, else the tenant's"
                    + " default tier. One input ('image' base64 PNG/JPEG or 'tensor' {shape, data}) answers with"
                    + " one prediction; 'inputs' (at most 32) answers with 'predictions'. Every answer carries"
                    + " its trace and requestId (also in the X-Request-Id header). \"scores\": true adds the answering"
                    + " stage's score of every class (label and probability) to each answer.")
    ResponseEntity<Object> predict(
            @AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String cascade,
            @RequestHeader(name = TIER_HEADER, required = false) String headerTier,
            @Valid @RequestBody PublicPredictRequest request) {
        PublicPredictions.Answer answer = predictions.answer(key, cascade, headerTier, request);
        return ResponseEntity.ok()
                .header(REQUEST_ID_HEADER, answer.requestIds())
                .body(answer.body());
    }
}
