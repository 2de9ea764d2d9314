package io.tierserve.platform.worker;

import io.swagger.v3.oas.annotations.Hidden;
import io.tierserve.platform.policy.PolicyTables;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** What workers call (with the worker token): heartbeats, and policy versions by id. */
@Hidden
@RestController
class InternalWorkerController {

    private final WorkerRegistry registry;
    private final PolicyTables policies;
    private final JsonMapper json;

    InternalWorkerController(WorkerRegistry registry, PolicyTables policies, JsonMapper json) {
        this.registry = registry;
        this.policies = policies;
        this.json = json;
    }

    @PostMapping("/internal/workers/heartbeat")
    ResponseEntity<Void> heartbeat(@Valid @RequestBody Heartbeat beat) {
        registry.heartbeat(beat);
        return ResponseEntity.noContent().build();
    }

    /** A policy version's tables ({@code first}, and {@code second} with {@code mixProbability} when mixed). */
    @GetMapping("/internal/policies/{versionId}")
    ResponseEntity<?> policy(@PathVariable UUID versionId) {
        return policies.tables(versionId)
                .<ResponseEntity<?>>map(
                        tables -> ResponseEntity.ok(Map.of("versionId", versionId, "tables", json.readTree(tables))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ProblemDetail.forStatusAndDetail(
                                HttpStatus.NOT_FOUND, "No policy version " + versionId + ".")));
    }
}
