package io.tierserve.platform.inference;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Every execution permit is taken and this request's tier did not get one in time: 503 with Retry-After. */
final class WorkersSaturatedException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    private WorkersSaturatedException(String detail, long retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Workers saturated", detail, List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static WorkersSaturatedException timedOut(long retryAfterSeconds) {
        return new WorkersSaturatedException(
                "The inference workers are saturated and requests of higher-priority tiers went first; retry in "
                        + retryAfterSeconds + " s.",
                retryAfterSeconds);
    }

    static WorkersSaturatedException queueFull(long retryAfterSeconds) {
        return new WorkersSaturatedException(
                "The inference workers are saturated and their queue is full of requests of tiers that rank at"
                        + " least as high; retry in " + retryAfterSeconds + " s.",
                retryAfterSeconds);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
