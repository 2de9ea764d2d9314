package io.tierserve.platform.config;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** The problem detail of an error that no controller described: the status and its reason only. */
final class ErrorProblems {

    static final String CONTENT_TYPE = "application/problem+json;charset=UTF-8";

    private ErrorProblems() {}

    static byte[] json(JsonMapper json, HttpStatus status, String path) {
        String detail = status.is4xxClientError()
                ? "The request was refused: " + status.getReasonPhrase() + "."
                : "An unexpected error occurred.";
        ProblemDetail problem = ProblemDetailsAdvice.problem(status, status.getReasonPhrase(), detail, List.of());
        if (path != null && (path.equals("/v2") || path.startsWith("/v2/"))) {
            // Open Inference Protocol clients read the string field "error"
            problem.setProperty("error", detail);
        }
        return json.writeValueAsBytes(problem);
    }
}
