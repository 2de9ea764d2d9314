package io.tierserve.platform.worker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The inference workers every platform instance routes to (platform admins). */
@RestController
@Tag(name = "workers", description = "Inference workers per device class")
class WorkerController {

    private final WorkerRegistry registry;
    private final WorkerPools pools;

    WorkerController(WorkerRegistry registry, WorkerPools pools) {
        this.registry = registry;
        this.pools = pools;
    }

    @GetMapping("/api/workers")
    @Operation(summary = "The in-process worker (if any) and every registered remote worker, with its status")
    List<WorkerView> workers() {
        List<WorkerView> views = new ArrayList<>();
        for (Member member : pools.members()) {
            if (member.worker instanceof LocalWorker local) {
                views.add(new WorkerView(
                        local.id(), local.deviceClass(), null, "UP", null, local.cascades(), member.inFlight.get()));
            }
        }
        for (WorkerRegistry.Registration registration : registry.all()) {
            int inFlight = pools.members().stream()
                    .filter(member -> member.worker.id().equals(registration.name()))
                    .mapToInt(member -> member.inFlight.get())
                    .sum();
            views.add(new WorkerView(
                    registration.name(),
                    registration.deviceClass(),
                    registration.url(),
                    registration.status(),
                    registration.lastHeartbeat(),
                    registration.cascades(),
                    inFlight));
        }
        return views;
    }
}
