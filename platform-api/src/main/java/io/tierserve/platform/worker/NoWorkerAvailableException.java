package io.tierserve.platform.worker;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** No worker of the pool is up, or none answered in time: 503 with {@code Retry-After}. */
public final class NoWorkerAvailableException extends ApiException {

    private static final long serialVersionUID = 1L;

    private static final String RETRY_AFTER_SECONDS = "2";

    private NoWorkerAvailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "No worker available", detail, List.of());
    }

    /** No pool of any of these device classes has a worker up. */
    public static NoWorkerAvailableException noPool(List<String> deviceClasses) {
        return new NoWorkerAvailableException("No inference worker of device class "
                + String.join(" or ", deviceClasses) + " is up; retry in " + RETRY_AFTER_SECONDS + " s.");
    }

    static NoWorkerAvailableException failed(String deviceClass, String why) {
        return new NoWorkerAvailableException("No inference worker of device class " + deviceClass + " answered (" + why
                + "); retry in " + RETRY_AFTER_SECONDS + " s.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
