package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** An uploaded stage model the platform refuses; nothing is stored. */
final class ModelUploadException extends ApiException {

    private ModelUploadException(HttpStatus status, String title, String detail) {
        super(status, title, detail, List.of());
    }

    /** The bytes are no ONNX model, or one that does not fit the cascade. */
    static ModelUploadException invalid(String stage, String why) {
        return new ModelUploadException(
                HttpStatus.BAD_REQUEST,
                "Invalid model",
                "The model for stage '" + stage + "' is refused: " + why + ".");
    }

    static ModelUploadException tooLarge(long maxBytes) {
        return new ModelUploadException(
                HttpStatus.CONTENT_TOO_LARGE,
                "Model too large",
                "The model is larger than " + maxBytes + " bytes (tierserve.models.max-upload-bytes).");
    }

    static ModelUploadException empty() {
        return new ModelUploadException(
                HttpStatus.BAD_REQUEST, "Invalid model", "The body is empty; send the ONNX file.");
    }

    /** Uploaded models need the cascade's input shape and labels to be checked and served. */
    static ModelUploadException inputUndefined(String cascade) {
        return new ModelUploadException(
                HttpStatus.CONFLICT,
                "Cascade input undefined",
                "Cascade '" + cascade + "' has no inputShape and labels; set them (PUT the cascade) before uploading"
                        + " models.");
    }

    /** Uploaded models read images or tensors; text cascades are served by bundled models only. */
    static ModelUploadException textCascade(String cascade) {
        return new ModelUploadException(
                HttpStatus.CONFLICT,
                "Text cascade",
                "Cascade '" + cascade + "' reads text; uploaded ONNX models read images or tensors, so text"
                        + " cascades are served by the models bundled with the workers only.");
    }

    static ModelUploadException noSuchStage(String cascade, String stage) {
        return new ModelUploadException(
                HttpStatus.NOT_FOUND,
                "Stage not found",
                "Cascade '" + cascade + "' has no stage named '" + stage + "'.");
    }
}
