package io.tierserve.platform.inference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "internal", description = "Internal paths the platform's own tests and operators use; not the public API")
class PredictController {

    private final PredictService predictions;

    PredictController(PredictService predictions) {
        this.predictions = predictions;
    }

    @PostMapping("/api/tenants/{tenant}/cascades/{cascade}/predict")
    @Operation(
            summary = "Internal: predict through a cascade under a tier",
            description = "Internal path (platform admin, HTTP Basic) that runs the tier's active policy in the"
                    + " in-process worker. Applications call the public /v1 API with API keys instead."
                    + " Body: a tier (the tenant's default when absent) and exactly one of a"
                    + " base64 PNG/JPEG 'image' or a 'tensor' {shape, data}; an optional deadlineMs can only"
                    + " tighten the tier's deadline.")
    PredictResponse predict(
            @PathVariable String tenant, @PathVariable String cascade, @Valid @RequestBody PredictRequest request) {
        return predictions.predict(tenant, cascade, request);
    }
}
