package io.tierserve.platform.ratelimit;

import io.tierserve.platform.config.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A limit or quota is used up; {@link #retryAfterSeconds()} says when to come back (the 429's Retry-After). */
public final class RateLimitExceededException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    private RateLimitExceededException(String detail, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static RateLimitExceededException of(String what, long limit, long retryAfterSeconds) {
        return new RateLimitExceededException(
                "The " + what + " of " + limit + " is used up; retry in " + retryAfterSeconds + " s.",
                retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
