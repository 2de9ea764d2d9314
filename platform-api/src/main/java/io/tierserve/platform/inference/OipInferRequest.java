package io.tierserve.platform.inference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An Open Inference Protocol (KServe v2) inference request.
 *
 * @param parameters {@code tier} (a tier name), {@code deadline_ms} and {@code binary_data_output}
 *     (every output as binary data) are read; others are ignored
 * @param inputs one FP32 tensor whose shape is the cascade's input shape, with a batch axis first; for a
 *     cascade that reads text, one BYTES tensor of shape {@code [batch]} (or {@code [batch, 1]}), a
 *     string per text
 * @param outputs the outputs wanted, by {@code name}; {@code parameters.binary_data} per output
 *     overrides {@code binary_data_output}
 */
record OipInferRequest(
        @Size(max = 200) String id,
        Map<String, Object> parameters,
        @NotEmpty @Size(max = 1) List<@NotNull @Valid Tensor> inputs,
        List<@NotNull Map<String, Object>> outputs) {

    /**
     * One input tensor, its data flattened row-major as the protocol allows.
     *
     * @param data the values as JSON (numbers, or strings for {@code BYTES}); null when they come as
     *     binary data after the JSON header
     * @param parameters {@code binary_data_size} (the binary extension) is read; others are ignored
     */
    record Tensor(
            @NotNull @Size(max = 100) String name,
            @NotEmpty @Size(max = 8) long[] shape,
            @NotNull String datatype,
            @JsonDeserialize(using = OipData.Reader.class) OipData data,
            Map<String, Object> parameters) {}
}
