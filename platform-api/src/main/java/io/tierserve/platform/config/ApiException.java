package io.tierserve.platform.config;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the platform refuses for a reason the caller can fix; rendered as a problem detail.
 *
 * <p>Each feature's exceptions extend this with static factories ({@code
 * CascadeNotFoundException.forName(name)}), so one advice renders them all.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final transient List<FieldProblem> fieldProblems;

    protected ApiException(HttpStatus status, String title, String detail, List<FieldProblem> fieldProblems) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** Response headers the refusal carries (a {@code Retry-After}, say); none unless a subclass says so. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
