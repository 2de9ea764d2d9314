package io.tierserve.platform.policy;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A policy version or frontier that the cascade does not have (404). */
final class PolicyNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    private PolicyNotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND, title, detail, List.of());
    }

    static PolicyNotFoundException version(String cascade, Object id) {
        return new PolicyNotFoundException(
                "Policy version not found", "no policy version " + id + " in cascade " + cascade);
    }

    static PolicyNotFoundException frontier(String cascade, String deviceClass) {
        return new PolicyNotFoundException(
                "Frontier not found",
                "cascade " + cascade + " has no frontier"
                        + (deviceClass == null ? "" : " for device class " + deviceClass)
                        + " yet: it is computed by the recomputation job of a stored profile");
    }
}
