package org.cnnserve.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for what it rejects before any servlet runs (an encoded slash in the
 * path, a malformed request line or header): a problem document in place of Tomcat's HTML page,
 * which names the server and its version. Installed as the host's error report valve by
 * {@link TomcatProblemCustomizer}.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        // Below 400 there is nothing to report; a body already written was the application's.
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        ProblemType type = ProblemType.forStatus(status);
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type.type())
                .append("\",\"title\":\"").append(type.title())
                .append("\",\"status\":").append(code)
                .append(",\"detail\":\"").append(status.getReasonPhrase()).append('"');
        if (code >= 500) {
            String id = ErrorIds.next();
            json.append(",\"").append(ErrorIds.PROPERTY).append("\":\"").append(id).append('"');
            log.error("request failed in the container [error_id={}]", id, throwable);
        }
        json.append('}');
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was closed under us: nothing left to tell.
        }
    }
}
