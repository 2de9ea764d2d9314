package io.tierserve.platform.cascade;

import io.tierserve.platform.audit.AuditLog;
import io.tierserve.platform.tenant.TenantScopedId;
import io.tierserve.platform.tenant.TenantService;
import io.tierserve.worker.cascade.OnnxModelCheck;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores tenants' uploaded ONNX stage models in the database (checked with ONNX Runtime first) and
 * tells workers which cascades run only on such models.
 */
@Service
public class ModelUploadService {

    private final CascadeRepository cascades;
    private final StageRepository stages;
    private final ModelArtifactRepository artifacts;
    private final ModelArtifactContentRepository contents;
    private final TenantService tenants;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ModelUploadService(
            CascadeRepository cascades,
            StageRepository stages,
            ModelArtifactRepository artifacts,
            ModelArtifactContentRepository contents,
            TenantService tenants,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.cascades = cascades;
        this.stages = stages;
        this.artifacts = artifacts;
        this.contents = contents;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Checks {@code model} against the cascade's input shape and labels and makes it the stage's
     * current artifact, audited in the same transaction; a refused model leaves nothing behind.
     */
    @Transactional
    ModelUploadResponse upload(String tenant, String cascadeName, String stageName, byte[] model) {
        Cascade cascade = cascades.findByTenantIdAndName(tenants.idOf(tenant), cascadeName)
                .orElseThrow(() -> CascadeNotFoundException.forName(tenant, cascadeName));
        Stage stage = stages.findByTenantIdAndCascadeIdOrderByPosition(cascade.tenantId(), cascade.id()).stream()
                .filter(candidate -> candidate.name().equals(stageName))
                .findFirst()
                .orElseThrow(() -> ModelUploadException.noSuchStage(cascadeName, stageName));
        if (model.length == 0) {
            throw ModelUploadException.empty();
        }
        if (Cascade.INPUT_TEXT.equals(cascade.inputKind())) {
            throw ModelUploadException.textCascade(cascadeName);
        }
        ModelInput input = cascade.modelInput();
        if (!input.defined()) {
            throw ModelUploadException.inputUndefined(cascadeName);
        }
        try {
            OnnxModelCheck.check(model, input.inputShape(), input.labels().size());
        } catch (IllegalArgumentException e) {
            throw ModelUploadException.invalid(stageName, e.getMessage());
        }
        String sha256 = sha256(model);
        Optional<ModelArtifact> previous =
                artifacts.findByTenantIdAndStageIdAndCurrentTrue(cascade.tenantId(), stage.id());
        previous.ifPresent(artifact -> {
            artifact.supersede();
            // the partial unique index allows one current artifact per stage at any moment
            artifacts.flush();
        });
        ModelArtifact artifact = artifacts.save(
                ModelArtifact.uploaded(cascade.tenantId(), cascade.id(), stage.id(), sha256, model.length));
        contents.save(new ModelArtifactContent(cascade.tenantId(), artifact.id(), model));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cascade", cascadeName);
        details.put("stage", stageName);
        details.put("sha256", sha256);
        details.put("sizeBytes", model.length);
        audit.record(
                cascade.tenantId(),
                "model.uploaded",
                "model_artifact",
                artifact.id(),
                cascadeName + "/" + stageName,
                details);
        events.publishEvent(new ModelUploaded(cascade.tenantId(), cascadeName, stageName, artifact.id(), sha256));
        return new ModelUploadResponse(
                artifact.id(), cascadeName, stageName, artifact.location(), sha256, model.length, previous.isPresent());
    }

    /**
     * The cascade when every one of its stages runs an uploaded model and its input is defined;
     * empty otherwise (a cascade with bundled models, or one still being uploaded).
     */
    @Transactional(readOnly = true)
    public Optional<UploadedCascade> uploaded(String tenant, String cascadeName) {
        Cascade cascade = cascades.findByTenantIdAndName(tenants.idOf(tenant), cascadeName)
                .orElseThrow(() -> CascadeNotFoundException.forName(tenant, cascadeName));
        ModelInput input = cascade.modelInput();
        if (!input.defined()) {
            return Optional.empty();
        }
        Map<UUID, ModelArtifact> current = new HashMap<>();
        artifacts
                .findByTenantIdAndCascadeIdAndCurrentTrue(cascade.tenantId(), cascade.id())
                .forEach(artifact -> current.put(artifact.stageId(), artifact));
        List<Stage> ordered = stages.findByTenantIdAndCascadeIdOrderByPosition(cascade.tenantId(), cascade.id());
        Map<UUID, String> names = new HashMap<>();
        ordered.forEach(stage -> names.put(stage.id(), stage.name()));
        List<String> parents = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Stage stage : ordered) {
            ModelArtifact artifact = current.get(stage.id());
            if (artifact == null || !artifact.uploaded()) {
                return Optional.empty();
            }
            parents.add(stage.parentStageId() == null ? null : names.get(stage.parentStageId()));
            ids.add(artifact.id());
            digests.add(artifact.sha256());
        }
        return Optional.of(new UploadedCascade(
                cascade.tenantId(),
                cascade.name(),
                ordered.stream().map(Stage::name).toList(),
                parents,
                ids,
                digests,
                input));
    }

    /** The bytes of an uploaded artifact. */
    @Transactional(readOnly = true)
    public byte[] modelContent(UUID tenantId, UUID artifactId) {
        return contents.findById(new TenantScopedId(tenantId, artifactId))
                .orElseThrow(() -> new IllegalStateException("no stored bytes for model artifact " + artifactId))
                .content();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
