package io.tierserve.platform.cascade;

import io.tierserve.platform.config.ResourceNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a tenant admin sends to create a cascade or replace one (name, description and stage graph).
 *
 * <p>The optional {@code inputShape}, {@code labels}, {@code preprocessing} and {@code output}
 * describe uploaded ONNX stage models (separate models, each reading the input); shape and labels
 * go together and must be set before a model is uploaded.
 *
 * @param inputShape the input without the batch axis, e.g. {@code [1, 28, 28]}
 * @param labels class names by class index, unique
 * @param preprocessing image normalisation; absent means mean 0, std 1
 * @param output {@code logits} (default; the worker applies softmax) or {@code probabilities}
 * @param inputKind what callers send: {@code image} (default: an image, or a tensor in the input
 *     layout), {@code tensor} or {@code text} (the bundled text demo; uploaded models read images or
 *     tensors)
 */
public record CascadeRequest(
        @NotBlank @Pattern(regexp = ResourceNames.PATTERN, message = ResourceNames.MESSAGE)
        String name,

        @Size(max = 2000) String description,
        @NotEmpty @Size(max = 64) List<@NotNull @Valid StageRequest> stages,
        @Size(min = 1, max = 4) List<@NotNull @Positive @Max(65536) Integer> inputShape,
        @Size(min = 1, max = 10000) List<@NotBlank @Size(max = 200) String> labels,
        @Valid PreprocessingRequest preprocessing,

        @Pattern(regexp = "logits|probabilities", message = "must be 'logits' or 'probabilities'")
        String output,

        @Pattern(regexp = "image|tensor|text", message = "must be 'image', 'tensor' or 'text'")
        String inputKind) {

    /** A request with a stage graph only (no uploaded-model fields). */
    public CascadeRequest(String name, String description, List<StageRequest> stages) {
        this(name, description, stages, null, null, null, null);
    }

    /** A request for a cascade whose callers send images or tensors. */
    public CascadeRequest(
            String name,
            String description,
            List<StageRequest> stages,
            List<Integer> inputShape,
            List<String> labels,
            PreprocessingRequest preprocessing,
            String output) {
        this(name, description, stages, inputShape, labels, preprocessing, output, null);
    }
}
