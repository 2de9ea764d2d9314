package io.tierserve.platform.inference;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The cascade and tier exist, but nothing can serve them yet (no active policy, or no worker holds the models). */
final class NotServableException extends ApiException {

    private NotServableException(String detail) {
        super(HttpStatus.CONFLICT, "Not servable", detail, List.of());
    }

    static NotServableException noActivePolicy(String cascade, String tier, String deviceClass) {
        return new NotServableException("Cascade '" + cascade + "' has no active policy for tier '" + tier
                + "' on device class '" + deviceClass + "' yet.");
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
