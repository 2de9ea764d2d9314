package io.tierserve.platform.policy;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The version to activate does not exist in this cascade, or was rejected. */
final class PolicyVersionNotActivatableException extends ApiException {

    private static final long serialVersionUID = 1L;

    private PolicyVersionNotActivatableException(HttpStatus status, String detail) {
        super(status, "Policy version not activatable", detail, List.of());
    }

    static PolicyVersionNotActivatableException notFound(String detail) {
        return new PolicyVersionNotActivatableException(HttpStatus.NOT_FOUND, detail);
    }

    static PolicyVersionNotActivatableException refused(String detail) {
        return new PolicyVersionNotActivatableException(HttpStatus.CONFLICT, detail);
    }
}
