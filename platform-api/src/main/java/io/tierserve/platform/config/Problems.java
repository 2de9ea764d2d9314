package io.tierserve.platform.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import tools.jackson.core.JacksonException;

/**
 * The platform's RFC 9457 problem details, built in one place for the MVC advice and for the
 * handlers that answer outside Spring MVC (the inference fast lane): the same status, title,
 * detail and {@code errors} list for the same mistake, whichever path served the request.
 */
public final class Problems {

    /** The media type of a problem detail. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    /** A problem with {@code errors} naming the offending fields, when there are any. */
    public static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!problems.isEmpty()) {
            problem.setProperty("errors", problems);
        }
        return problem;
    }

    /** The problem an {@link ApiException} describes (its headers travel separately). */
    public static ProblemDetail of(ApiException e) {
        return problem(e.status(), e.title(), e.getMessage(), e.fieldProblems());
    }

    /** A body whose fields break their constraints. */
    public static ProblemDetail invalid(List<FieldProblem> problems) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.", problems);
    }

    /** The problem of a body that failed its constraints, one entry per field (or object) error, by field. */
    public static ProblemDetail invalid(Errors errors) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : errors.getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        errors.getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        // Bean Validation reports in no fixed order: sort, so the same body always reads the same
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        problems.sort(Comparator.comparing(FieldProblem::field, text).thenComparing(FieldProblem::message, text));
        return invalid(problems);
    }

    /** A body that is not JSON, or not JSON of this endpoint's shape; names the field where it can. */
    public static ProblemDetail malformedBody(Throwable ex) {
        String field = jsonPath(ex);
        return problem(
                HttpStatus.BAD_REQUEST,
                "Malformed request body",
                "The request body is not valid JSON for this endpoint.",
                field.isEmpty()
                        ? List.of()
                        : List.of(new FieldProblem(field, "has a value of the wrong type or format")));
    }

    /** A body past its size limit (413). */
    public static ProblemDetail tooLarge(String detail) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", detail, List.of());
    }

    private static String jsonPath(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.toString();
            }
        }
        return "";
    }
}
