package io.tierserve.platform.inference;

import io.swagger.v3.oas.annotations.Hidden;
import io.tierserve.worker.cascade.Manifests;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where remote workers fetch uploaded models by key (the worker token guards {@code /internal/**}):
 * the manifest, then each stage's ONNX file. A key that no longer serves the cascade (a re-upload
 * made a new one) is a 404.
 */
@Hidden
@RestController
class InternalModelController {

    private final ServedCascades served;

    InternalModelController(ServedCascades served) {
        this.served = served;
    }

    @GetMapping("/internal/models/{tenant}/{cascade}/{key}")
    ResponseEntity<?> manifest(@PathVariable String tenant, @PathVariable String cascade, @PathVariable String key) {
        return served.manifest(tenant, cascade, key)
                .<ResponseEntity<?>>map(manifest -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Manifests.json(manifest)))
                .orElseGet(() -> notFound(key));
    }

    @GetMapping("/internal/models/{tenant}/{cascade}/{key}/files/{file}")
    ResponseEntity<?> file(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @PathVariable String key,
            @PathVariable String file) {
        return served.file(tenant, cascade, key, file)
                .<ResponseEntity<?>>map(bytes -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .body(bytes))
                .orElseGet(() -> notFound(key));
    }

    private static ResponseEntity<ProblemDetail> notFound(String key) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "No models with key " + key + " serve that cascade now."));
    }
}
