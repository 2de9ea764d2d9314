package io.tierserve.platform.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of the HTTP API as an RFC 9457 problem detail, with an {@code errors} list
 * naming the offending fields where there are any, and never a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> apiException(ApiException ex) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
        ex.headers().forEach((name, value) -> response.header(name, value));
        return response.body(Problems.of(ex));
    }

    /**
     * A refusal by the database, told apart by its SQLSTATE: a unique or foreign key that another
     * request won the race for is a 409; a value the schema refuses (a check, a null, a number or
     * time out of range, text it cannot store) is the caller's 400. The request checks should have
     * caught the latter first; this keeps a missed one from reading as a conflict.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail conflict(DataIntegrityViolationException ex) {
        String state = sqlState(ex);
        if (state != null && (state.startsWith("22") || state.equals("23514") || state.equals("23502"))) {
            log.warn(
                    "The database refused a value that request validation let through (SQLSTATE {}): {}",
                    state,
                    ex.getMostSpecificCause().getMessage());
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    "A value in the request is outside what the platform can store.",
                    List.of());
        }
        log.info(
                "Refused a change that conflicts with stored data: {}",
                ex.getMostSpecificCause().getMessage());
        return problem(
                HttpStatus.CONFLICT,
                "Conflict",
                "The change conflicts with existing data; reload and retry.",
                List.of());
    }

    private static String sqlState(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A body that grew past its limit while a controller read it itself (a model upload, a raw body). */
    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestBodyTooLargeException ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .header(HttpHeaders.CONNECTION, "close")
                .body(RequestBodyTooLargeException.problem(ex.getMessage()));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentUpdate(OptimisticLockingFailureException ex) {
        return problem(
                HttpStatus.CONFLICT,
                "Conflict",
                "Someone else changed this resource meanwhile; reload and retry.",
                List.of());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "An unexpected error occurred.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalid(ex.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> problems.add(new FieldProblem(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(ex);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .body(RequestBodyTooLargeException.problem(tooLarge.getMessage()));
        }
        return ResponseEntity.badRequest().body(Problems.malformedBody(ex));
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        return Problems.invalid(problems);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, List<FieldProblem> problems) {
        return Problems.problem(status, title, detail, problems);
    }
}
