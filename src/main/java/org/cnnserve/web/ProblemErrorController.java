package org.cnnserve.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's {@code /error} dispatch (a failure no handler mapped: a filter's
 * exception, an {@code Error}, a {@code sendError} from the container) with a problem document
 * instead of Spring Boot's default page. It names the status only: the exception, its class and
 * message stay in the log, under the {@code error_id} the answer gives.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, status.getReasonPhrase());
        body.setType(type.type());
        body.setTitle(type.title());
        if (status.is5xxServerError()) {
            String id = ErrorIds.next();
            body.setProperty(ErrorIds.PROPERTY, id);
            Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("request failed outside any handler [error_id={}]", id,
                    exception instanceof Throwable t ? t : null);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
