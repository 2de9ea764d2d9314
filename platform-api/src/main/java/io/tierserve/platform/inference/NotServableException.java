package io.tierserve.platform.inference;

import io.tierserve.platform.cascade.CascadeReadiness;
import io.tierserve.platform.config.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The cascade and tier exist, but nothing can serve them yet (no active policy, or no worker holds the models). */
final class NotServableException extends ApiException {

    private NotServableException(String detail) {
        super(HttpStatus.CONFLICT, "Not servable", detail, List.of());
    }

    /**
     * What the cascade lacks before it can serve the tier, in the order it has to be done: models
     * (uploaded ones need the cascade's input fields first), a profile, a policy for the tier.
     */
    static NotServableException lacking(
            String tenant, String cascade, String tier, String deviceClass, CascadeReadiness readiness) {
        String base = "/api/tenants/" + tenant + "/cascades/" + cascade;
        List<String> missing = new ArrayList<>();
        if (!readiness.stagesWithoutModel().isEmpty()) {
            missing.add("a model for "
                    + (readiness.stagesWithoutModel().size() == 1 ? "stage " : "stages ")
                    + String.join(", ", readiness.stagesWithoutModel()) + " (PUT " + base
                    + "/stages/{stage}/model with the ONNX file"
                    + (readiness.modelInputStated()
                            ? ")"
                            : ", after stating the models' inputShape and labels with PUT " + base + ")"));
        }
        if (!readiness.profiled()) {
            missing.add("a profile (POST " + base + "/profiles/measure with labelled samples, or POST " + base
                    + "/profiles)");
        }
        missing.add("an active policy for tier '" + tier + "' on device class '" + deviceClass + "' ("
                + (readiness.profiled()
                        ? "computed by a recomputation job from the latest profile: see GET /api/tenants/" + tenant
                                + "/jobs"
                        : "computed from the profile once it is stored")
                + ")");
        return new NotServableException("Cascade '" + cascade + "' cannot serve tier '" + tier + "' yet. It lacks "
                + String.join("; ", missing) + ".");
    }

    static NotServableException noWorker(String cascade) {
        return new NotServableException("No worker in this process holds the models of cascade '" + cascade
                + "' (standalone mode serves the bundled demo cascade and cascades whose every stage has an"
                + " uploaded model).");
    }

    /** The cascade's uploaded models do not load (its input fields changed after they were checked, say). */
    static NotServableException modelsDoNotLoad(String cascade, String why) {
        return new NotServableException("The uploaded models of cascade '" + cascade + "' cannot be loaded: " + why
                + " Upload models that fit the cascade's inputShape and labels.");
    }
}
