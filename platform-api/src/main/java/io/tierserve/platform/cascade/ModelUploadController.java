package io.tierserve.platform.cascade;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Uploads of a stage's ONNX model as the raw file ({@code application/octet-stream}). */
@RestController
@RequestMapping("/api/tenants/{tenant}/cascades/{cascade}/stages/{stage}/model")
@EnableConfigurationProperties(ModelUploadProperties.class)
class ModelUploadController {

    private final ModelUploadService models;
    private final ModelUploadProperties properties;

    ModelUploadController(ModelUploadService models, ModelUploadProperties properties) {
        this.models = models;
        this.properties = properties;
    }

    /** 201 for a stage's first model, 200 when it replaces one (which stays stored, no longer current). */
    @PutMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<ModelUploadResponse> upload(
            @PathVariable String tenant,
            @PathVariable String cascade,
            @PathVariable String stage,
            HttpServletRequest request)
            throws IOException {
        byte[] model = read(request);
        ModelUploadResponse stored = models.upload(tenant, cascade, stage, model);
        if (stored.replaced()) {
            return ResponseEntity.ok(stored);
        }
        return ResponseEntity.created(
                        URI.create("/api/tenants/" + tenant + "/cascades/" + cascade + "/stages/" + stage + "/model"))
                .body(stored);
    }

    // Reads at most the limit plus one byte, so a body sent without a length cannot exhaust memory.
    private byte[] read(HttpServletRequest request) throws IOException {
        long max = properties.maxUploadBytes();
        if (request.getContentLengthLong() > max) {
            throw ModelUploadException.tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] model = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (model.length > max) {
                throw ModelUploadException.tooLarge(max);
            }
            return model;
        }
    }
}
