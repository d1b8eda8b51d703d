package org.cnnserve.web.v2;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.cnnserve.classify.InvalidInputException;
import org.cnnserve.classify.TooManyImagesException;
import org.cnnserve.imaging.DecodeBudgetExhaustedException;
import org.cnnserve.imaging.ImageRejectedException;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.registry.UnknownVersionException;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.InferenceFailedException;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.WorkerStoppedException;
import org.cnnserve.web.ApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The V2 error form, {@code {"error": "..."}}, for everything the V2 controllers raise, with the
 * statuses {@code /v1} gives the same failures: 400 for a bad request or image, 413 over the
 * request's size or image limit, 404 for an unknown model or version, 429 for a full queue and 503
 * while not ready or stopping (both with Retry-After), 504 past the deadline. Ahead of the problem
 * document handler, which answers every other path.
 */
@RestControllerAdvice(basePackageClasses = V2Errors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class V2Errors {

    private static final Logger log = LoggerFactory.getLogger(V2Errors.class);

    private final String retryAfter;

    V2Errors(ApiProperties properties) {
        this.retryAfter = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @Schema(name = "V2Error", description = "An Open Inference Protocol error")
    record Error(String error) {
    }

    @ExceptionHandler(Throwable.class)
    ResponseEntity<Error> failed(Throwable thrown) {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof V2Exception v2) {
            return error(v2.status(), e.getMessage(), false);
        } else if (e instanceof TooManyImagesException) {
            return error(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), false);
        } else if (e instanceof InvalidInputException) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage(), false);
        } else if (e instanceof ImageRejectedException image) {
            boolean tooLarge = image.reason() == ImageRejectedException.Reason.TOO_MANY_BYTES
                    || image.reason() == ImageRejectedException.Reason.TOO_MANY_PIXELS;
            return error(tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST, e.getMessage(), false);
        } else if (e instanceof UnknownModelException || e instanceof UnknownVersionException) {
            return error(HttpStatus.NOT_FOUND, e.getMessage(), false);
        } else if (e instanceof QueueFullException) {
            return error(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), true);
        } else if (e instanceof ModelNotReadyException || e instanceof WorkerStoppedException
                || e instanceof DecodeBudgetExhaustedException) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), true);
        } else if (e instanceof DeadlineExceededException) {
            return error(HttpStatus.GATEWAY_TIMEOUT, e.getMessage(), false);
        } else if (e instanceof InferenceFailedException) {
            return error(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage(), false);
        } else if (e instanceof java.io.IOException) {
            // A client that stopped sending its body part-way: its fault, and no stack trace for the log.
            return error(HttpStatus.BAD_REQUEST, "the request body could not be read to its end", false);
        } else if (e instanceof ErrorResponse framework) {
            // Spring's own refusals: a header that is not a number (400), the servlet's async timeout (503), ...
            return error(framework.getStatusCode(), String.valueOf(framework.getBody().getDetail()),
                    framework.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value());
        }
        String id = UUID.randomUUID().toString();
        log.error("V2 request failed [error_id={}]", id, e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR,
                "the service failed on this request; the log has the cause under error_id " + id, false);
    }

    private ResponseEntity<Error> error(HttpStatusCode status, String message, boolean retry) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (retry) {
            answer.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return answer.body(new Error(message));
    }
}
