package io.tierserve.platform.cascade;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.config.PageResponse;
import io.tierserve.platform.tenant.TenantService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, replaces and finds cascades with their stage graphs; every change is audited in its
 * transaction.
 *
 * <p>A replaced graph keeps the ids of stages whose names stay, so data that refers to a stage
 * (artifacts, profiles, policies) survives edits that do not remove it.
 */
@Service
public class CascadeService {

    private final CascadeRepository cascades;
    private final StageRepository stages;
    private final ModelArtifactRepository artifacts;
    private final TenantService tenants;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;

    CascadeService(
            CascadeRepository cascades,
            StageRepository stages,
            ModelArtifactRepository artifacts,
            TenantService tenants,
            AuditLog audit,
            ApplicationEventPublisher events,
            JdbcTemplate jdbc) {
        this.cascades = cascades;
        this.stages = stages;
        this.artifacts = artifacts;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    PageResponse<CascadeResponse> list(String tenant, int page, int size) {
        UUID tenantId = tenants.idOf(tenant);
        return PageResponse.of(
                cascades.findByTenantId(tenantId, PageRequest.of(page, size, Sort.by("name"))), this::view);
    }

    @Transactional(readOnly = true)
    CascadeResponse get(String tenant, String name) {
        return view(require(tenant, name));
    }

    /** Whether the tenant has a cascade with this name. */
    @Transactional(readOnly = true)
    public boolean exists(String tenant, String name) {
        return cascades.existsByTenantIdAndName(tenants.idOf(tenant), name);
    }

    /** Creates a cascade with its stage graph. */
    @Transactional
    public UUID create(String tenant, CascadeRequest request) {
        UUID tenantId = tenants.idOf(tenant);
        StageGraph graph = checked(request);
        if (cascades.existsByTenantIdAndName(tenantId, request.name())) {
            throw CascadeNameTakenException.forName(request.name());
        }
        ModelInput input = modelInput(request);
        Cascade cascade = new Cascade(tenantId, request.name(), request.description());
        cascade.serve(input);
        cascade.readInput(request.inputKind());
        cascade = cascades.save(cascade);
        placeStages(cascade, List.of(), graph);
        audit.record(tenantId, "cascade.created", "cascade", cascade.id(), cascade.name(), summary(graph));
        return cascade.id();
    }

    /** The cascade's stages in policy order with their current artifacts. */
    @Transactional(readOnly = true)
    public CascadeStages stages(String tenant, String name) {
        Cascade cascade = require(tenant, name);
        List<Stage> ordered = stages.findByTenantIdAndCascadeIdOrderByPosition(cascade.tenantId(), cascade.id());
        Map<UUID, String> locations = new HashMap<>();
        artifacts
                .findByTenantIdAndCascadeIdAndCurrentTrue(cascade.tenantId(), cascade.id())
                .forEach(artifact -> locations.put(artifact.stageId(), artifact.location()));
        return new CascadeStages(
                cascade.tenantId(),
                cascade.id(),
                cascade.name(),
                ordered.stream().map(Stage::name).toList(),
                ordered.stream().map(Stage::id).toList(),
                ordered.stream().map(stage -> locations.get(stage.id())).toList());
    }

    /** What the cascade has of what serving needs (models, their input fields, a profile). */
    @Transactional(readOnly = true)
    public CascadeReadiness readiness(String tenant, String name) {
        Cascade cascade = require(tenant, name);
        CascadeStages graph = stages(tenant, name);
        List<String> withoutModel = new ArrayList<>();
        for (int i = 0; i < graph.stageNames().size(); i++) {
            if (graph.artifactLocations().get(i) == null) {
                withoutModel.add(graph.stageNames().get(i));
            }
        }
        Boolean profiled = jdbc.queryForObject(
                "select exists (select 1 from profiles where tenant_id = ? and cascade_id = ?)",
                Boolean.class,
                cascade.tenantId(),
                cascade.id());
        return new CascadeReadiness(
                cascade.modelInput().defined(), List.copyOf(withoutModel), Boolean.TRUE.equals(profiled));
    }

    /** Makes {@code request} the current model artifact of a stage; the previous one stays, no longer current. */
    @Transactional
    public UUID attachArtifact(String tenant, String cascadeName, String stageName, ArtifactRequest request) {
        CascadeStages graph = stages(tenant, cascadeName);
        UUID stageId = graph.stageId(stageName);
        artifacts
                .findByTenantIdAndStageIdAndCurrentTrue(graph.tenantId(), stageId)
                .ifPresent(previous -> {
                    previous.supersede();
                    // the partial unique index allows one current artifact per stage at any moment
                    artifacts.flush();
                });
        ModelArtifact artifact =
                artifacts.save(new ModelArtifact(graph.tenantId(), graph.cascadeId(), stageId, request));
        audit.record(
                graph.tenantId(),
                "cascade.artifact_attached",
                "model_artifact",
                artifact.id(),
                cascadeName + "/" + stageName,
                Map.of("location", request.location(), "engine", request.engine()));
        return artifact.id();
    }

    @Transactional
    CascadeResponse update(String tenant, String name, CascadeRequest request) {
        Cascade cascade = require(tenant, name);
        StageGraph graph = checked(request);
        ModelInput input = modelInput(request);
        if (!name.equals(request.name()) && cascades.existsByTenantIdAndName(cascade.tenantId(), request.name())) {
            throw CascadeNameTakenException.forName(request.name());
        }
        cascade.describe(request.name(), request.description());
        cascade.serve(input);
        if (request.inputKind() != null) {
            cascade.readInput(request.inputKind());
        }
        placeStages(cascade, stages.findByTenantIdAndCascadeIdOrderByPosition(cascade.tenantId(), cascade.id()), graph);
        cascades.flush();
        audit.record(cascade.tenantId(), "cascade.updated", "cascade", cascade.id(), cascade.name(), summary(graph));
        events.publishEvent(new CascadeUpdated(cascade.tenantId(), cascade.id(), cascade.name()));
        return view(cascade);
    }

    /**
     * Sets what a cascade's models read and output when it states nothing yet (a demo cascade made
     * before the demo stated them); a cascade that states them is left as it is.
     *
     * @return whether the fields were set
     */
    @Transactional
    public boolean defineModelInputIfAbsent(
            String tenant,
            String name,
            List<Integer> inputShape,
            List<String> labels,
            PreprocessingRequest preprocessing,
            String output) {
        Cascade cascade = require(tenant, name);
        if (cascade.modelInput().defined()) {
            return false;
        }
        ModelInput input =
                modelInput(new CascadeRequest(name, null, List.of(), inputShape, labels, preprocessing, output));
        cascade.serve(input);
        cascades.flush();
        audit.record(
                cascade.tenantId(),
                "cascade.updated",
                "cascade",
                cascade.id(),
                cascade.name(),
                Map.of("inputShape", inputShape, "labels", labels.size()));
        events.publishEvent(new CascadeUpdated(cascade.tenantId(), cascade.id(), cascade.name()));
        return true;
    }

    @Transactional
    void delete(String tenant, String name) {
        Cascade cascade = require(tenant, name);
        // stages, skips and artifacts go with it through the schema's ON DELETE CASCADE
        cascades.delete(cascade);
        audit.record(cascade.tenantId(), "cascade.deleted", "cascade", cascade.id(), cascade.name(), Map.of());
    }

    // The largest input uploaded models may take (elements without the batch axis).
    private static final long MAX_INPUT_ELEMENTS = 1L << 24;

    private static ModelInput modelInput(CascadeRequest request) {
        if ((request.inputShape() == null) != (request.labels() == null)) {
            throw InvalidModelInputException.because(
                    request.inputShape() == null ? "inputShape" : "labels", "inputShape and labels go together");
        }
        if (request.inputShape() == null) {
            if (request.preprocessing() != null || request.output() != null) {
                throw InvalidModelInputException.because(
                        "inputShape", "preprocessing and output need inputShape and labels");
            }
            return ModelInput.NONE;
        }
        long elements = 1;
        for (int dim : request.inputShape()) {
            elements *= dim;
        }
        if (elements > MAX_INPUT_ELEMENTS) {
            throw InvalidModelInputException.because(
                    "inputShape", "at most " + MAX_INPUT_ELEMENTS + " elements (without the batch axis)");
        }
        if (new HashSet<>(request.labels()).size() != request.labels().size()) {
            throw InvalidModelInputException.because("labels", "must be unique");
        }
        PreprocessingRequest preprocessing = request.preprocessing();
        return new ModelInput(
                request.inputShape(),
                request.labels(),
                preprocessing == null ? 0 : preprocessing.mean(),
                preprocessing == null ? 1 : preprocessing.std(),
                request.output() == null ? ModelInput.LOGITS : request.output());
    }

    private static StageGraph checked(CascadeRequest request) {
        StageGraph graph = StageGraph.of(request.stages());
        if (!graph.problems().isEmpty()) {
            throw InvalidStageGraphException.because(graph.problems());
        }
        return graph;
    }

    // Stages keep their ids by name; parent and skip references are deferred constraints, so the
    // order of the inserts, updates and deletes below does not matter to the database.
    private void placeStages(Cascade cascade, List<Stage> existing, StageGraph graph) {
        Map<String, Stage> byName = new HashMap<>();
        existing.forEach(stage -> byName.put(stage.name(), stage));
        Set<String> kept = new HashSet<>();
        List<Stage> placed = new ArrayList<>();
        for (StageRequest request : graph.ordered()) {
            Stage stage = byName.get(request.name());
            if (stage == null) {
                stage = new Stage(cascade.tenantId(), cascade.id(), request.name());
                byName.put(request.name(), stage);
            }
            kept.add(request.name());
            placed.add(stage);
        }
        for (int position = 0; position < graph.ordered().size(); position++) {
            StageRequest request = graph.ordered().get(position);
            Set<UUID> skipTargets = new HashSet<>();
            request.skipTargets()
                    .forEach(target -> skipTargets.add(byName.get(target).id()));
            UUID parent = request.parent() == null
                    ? null
                    : byName.get(request.parent()).id();
            placed.get(position).place(position, parent, request.description(), skipTargets);
        }
        stages.saveAll(placed);
        stages.deleteAll(
                existing.stream().filter(stage -> !kept.contains(stage.name())).toList());
    }

    private CascadeResponse view(Cascade cascade) {
        return CascadeResponse.of(
                cascade, stages.findByTenantIdAndCascadeIdOrderByPosition(cascade.tenantId(), cascade.id()));
    }

    private Cascade require(String tenant, String name) {
        return cascades.findByTenantIdAndName(tenants.idOf(tenant), name)
                .orElseThrow(() -> CascadeNotFoundException.forName(tenant, name));
    }

    private static Map<String, Object> summary(StageGraph graph) {
        return Map.of("stages", graph.ordered().stream().map(StageRequest::name).toList());
    }
}
