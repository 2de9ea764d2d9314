package io.tierserve.platform.profile;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** An uploaded profile broke a rule; nothing was stored. */
final class InvalidProfileUploadException extends ApiException {

    private static final long serialVersionUID = 1L;

    private InvalidProfileUploadException(String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid profile", detail, List.of());
    }

    static InvalidProfileUploadException because(String detail) {
        return new InvalidProfileUploadException(detail);
    }
}
