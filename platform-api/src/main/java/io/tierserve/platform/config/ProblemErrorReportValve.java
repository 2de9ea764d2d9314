package io.tierserve.platform.config;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last-resort error report (a request refused before any servlet ran: an undecodable URI,
 * an illegal header) as a problem detail instead of Tomcat's HTML page.
 *
 * <p>Public only because Tomcat instantiates it by name.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    /** Tomcat creates the valve by its class name. */
    public ProblemErrorReportValve() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        try {
            String body = new String(
                    ErrorProblems.json(
                            JSON, status == null ? HttpStatus.BAD_REQUEST : status, request.getDecodedRequestURI()),
                    StandardCharsets.UTF_8);
            response.setContentType(ErrorProblems.CONTENT_TYPE);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (java.io.IOException | IllegalStateException ex) {
            // the connection is gone or the response already started: nothing more to say
        }
    }
}
