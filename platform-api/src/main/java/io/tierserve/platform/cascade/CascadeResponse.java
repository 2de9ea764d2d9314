package io.tierserve.platform.cascade;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cascade and its stage graph as the API shows them; the model input fields are null unless set.
 *
 * @param inputKind what callers send: {@code image} (or a tensor in the input layout), {@code tensor} or {@code text}
 */
record CascadeResponse(
        UUID id,
        String name,
        String description,
        List<StageResponse> stages,
        List<Integer> inputShape,
        List<String> labels,
        PreprocessingRequest preprocessing,
        String output,
        String inputKind,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static CascadeResponse of(Cascade cascade, List<Stage> stages) {
        Map<UUID, String> names = new HashMap<>();
        stages.forEach(stage -> names.put(stage.id(), stage.name()));
        List<StageResponse> views = stages.stream()
                .map(stage -> new StageResponse(
                        stage.id(),
                        stage.name(),
                        stage.position(),
                        names.get(stage.parentStageId()),
                        stage.description(),
                        stage.skipTargets().stream().map(names::get).sorted().toList()))
                .toList();
        ModelInput input = cascade.modelInput();
        return new CascadeResponse(
                cascade.id(),
                cascade.name(),
                cascade.description(),
                views,
                input.inputShape(),
                input.labels(),
                input.defined() ? new PreprocessingRequest(input.mean(), input.std()) : null,
                input.defined() ? input.output() : null,
                cascade.inputKind(),
                cascade.version(),
                cascade.createdAt(),
                cascade.updatedAt());
    }
}
