package org.cnnserve.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.cnnserve.architectures.ImpossibleInputShapeException;
import org.cnnserve.classify.InvalidTopKException;
import org.cnnserve.classify.TooManyImagesException;
import org.cnnserve.datasets.DatasetException;
import org.cnnserve.imaging.DecodeBudgetExhaustedException;
import org.cnnserve.imaging.ImageRejectedException;
import org.cnnserve.validation.ValidationRequestException;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.registry.UnknownVersionException;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.InferenceFailedException;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.ReplicaLostException;
import org.cnnserve.serving.ReplicasUnavailableException;
import org.cnnserve.serving.WorkerStoppedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to an RFC 9457 problem document with a stable {@link ProblemType}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final long retryAfterSeconds;

    ProblemHandler(ApiProperties properties) {
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    @ExceptionHandler(ImageRejectedException.class)
    ResponseEntity<Object> imageRejected(ImageRejectedException e, WebRequest request) {
        ProblemType type = switch (e.reason()) {
            case EMPTY -> ProblemType.EMPTY_IMAGE;
            case NOT_AN_IMAGE -> ProblemType.NOT_AN_IMAGE;
            case TRUNCATED -> ProblemType.TRUNCATED_IMAGE;
            case UNSUPPORTED_FORMAT -> ProblemType.UNSUPPORTED_IMAGE_FORMAT;
            case TOO_MANY_BYTES -> ProblemType.IMAGE_TOO_LARGE;
            case TOO_MANY_PIXELS -> ProblemType.TOO_MANY_PIXELS;
            case IMAGE_SHAPE -> ProblemType.IMAGE_SHAPE;
        };
        return problem(type, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(DecodeBudgetExhaustedException.class)
    ResponseEntity<Object> decodeBudget(DecodeBudgetExhaustedException e, WebRequest request) {
        return problem(ProblemType.DECODE_BUDGET_EXHAUSTED, e.getMessage(), retryAfter(), request);
    }

    @ExceptionHandler(TooManyImagesException.class)
    ResponseEntity<Object> tooManyImages(TooManyImagesException e, WebRequest request) {
        return problem(ProblemType.TOO_MANY_IMAGES, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(InvalidTopKException.class)
    ResponseEntity<Object> invalidTopK(InvalidTopKException e, WebRequest request) {
        return problem(ProblemType.INVALID_TOP_K, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(UnknownModelException.class)
    ResponseEntity<Object> unknownModel(UnknownModelException e, WebRequest request) {
        return problem(ProblemType.UNKNOWN_MODEL, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(UnknownVersionException.class)
    ResponseEntity<Object> unknownVersion(UnknownVersionException e, WebRequest request) {
        return problem(ProblemType.UNKNOWN_VERSION, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<Object> notReady(ModelNotReadyException e, WebRequest request) {
        ProblemType type = e.state() == ModelState.UNLOADING ? ProblemType.SHUTTING_DOWN : ProblemType.MODEL_NOT_READY;
        return problem(type, e.getMessage(), retryAfter(), request);
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<Object> queueFull(QueueFullException e, WebRequest request) {
        return problem(ProblemType.QUEUE_FULL, e.getMessage(), retryAfter(), request);
    }

    @ExceptionHandler(WorkerStoppedException.class)
    ResponseEntity<Object> stopped(WorkerStoppedException e, WebRequest request) {
        return problem(ProblemType.SHUTTING_DOWN, e.getMessage(), retryAfter(), request);
    }

    /** A batch its watchdog failed, or a model with no replica left: the next try may well succeed. */
    @ExceptionHandler({ReplicaLostException.class, ReplicasUnavailableException.class})
    ResponseEntity<Object> replicaUnavailable(RuntimeException e, WebRequest request) {
        return problem(ProblemType.REPLICA_UNAVAILABLE, e.getMessage(), retryAfter(), request);
    }

    @ExceptionHandler(DeadlineExceededException.class)
    ResponseEntity<Object> deadline(DeadlineExceededException e, WebRequest request) {
        return problem(ProblemType.DEADLINE_EXCEEDED, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(InvalidTimeoutException.class)
    ResponseEntity<Object> invalidTimeout(InvalidTimeoutException e, WebRequest request) {
        return problem(ProblemType.INVALID_TIMEOUT, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(ArchitectureRequestException.class)
    ResponseEntity<Object> architectureRequest(ArchitectureRequestException e, WebRequest request) {
        return problem(e.type(), e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(ImpossibleInputShapeException.class)
    ResponseEntity<Object> impossibleInputShape(ImpossibleInputShapeException e, WebRequest request) {
        return problem(ProblemType.IMPOSSIBLE_INPUT_SHAPE, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(DatasetException.class)
    ResponseEntity<Object> dataset(DatasetException e, WebRequest request) {
        ProblemType type = switch (e.kind()) {
            case UNKNOWN -> ProblemType.UNKNOWN_DATASET;
            case UNREADABLE -> ProblemType.UNREADABLE_DATASET;
            case LABEL_MISMATCH -> ProblemType.LABEL_MISMATCH;
        };
        return problem(type, e.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(ValidationRequestException.class)
    ResponseEntity<Object> validationRequest(ValidationRequestException e, WebRequest request) {
        return switch (e.kind()) {
            case INVALID -> problem(ProblemType.INVALID_VALIDATION, e.getMessage(), new HttpHeaders(), request);
            case TOO_MANY_JOBS -> problem(ProblemType.TOO_MANY_VALIDATIONS, e.getMessage(), retryAfter(), request);
            case UNKNOWN_JOB -> problem(ProblemType.UNKNOWN_VALIDATION, e.getMessage(), new HttpHeaders(), request);
        };
    }

    /** Raised by the admin security chain, through the exception resolver, so that 401 and 403 are problems too. */
    @ExceptionHandler(AdminAccessException.class)
    ResponseEntity<Object> adminAccess(AdminAccessException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e.challenge() != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        }
        return problem(e.type(), e.getMessage(), headers, request);
    }

    @ExceptionHandler(InferenceFailedException.class)
    ResponseEntity<Object> inferenceFailed(InferenceFailedException e, WebRequest request) {
        return problem(ProblemType.INFERENCE_FAILED, e.getMessage(), new HttpHeaders(), request);
    }

    /** Spring raises this for multipart bodies it cannot parse (bad boundary, cut-off stream). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e, WebRequest request) {
        if (e instanceof MaxUploadSizeExceededException tooLarge) {
            return problem(ProblemType.IMAGE_TOO_LARGE, "the upload is over the limit of "
                    + tooLarge.getMaxUploadSize() + " bytes", new HttpHeaders(), request);
        }
        return problem(ProblemType.MALFORMED_MULTIPART, "cannot parse the multipart body: " + e.getMostSpecificCause()
                .getMessage(), new HttpHeaders(), request);
    }

    /**
     * A client that stops sending its upload part-way: its fault, not ours, so no error log and
     * no 500. Were it still listening it reads why; if it is gone the answer goes nowhere.
     */
    @ExceptionHandler(IOException.class)
    ResponseEntity<Object> unreadableBody(IOException e, WebRequest request) {
        log.debug("request body could not be read", e);
        return problem(ProblemType.BAD_REQUEST, "the request body could not be read to its end",
                new HttpHeaders(), request);
    }

    /**
     * Anything unforeseen, {@code Error}s included (Spring hands those over wrapped in a
     * ServletException). The answer names no class, message or path, only an id that the log
     * line with the stack trace carries too.
     */
    @ExceptionHandler({Exception.class, Error.class})
    ResponseEntity<Object> failed(Throwable e, WebRequest request) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ServletException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String id = ErrorIds.next();
        log.error("request failed [error_id={}]", id, cause);
        ResponseEntity<Object> response = problem(ProblemType.INTERNAL_ERROR,
                "the service failed on this request; the log has the cause under error_id " + id,
                new HttpHeaders(), request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            detail.setProperty(ErrorIds.PROPERTY, id);
        }
        return response;
    }

    /**
     * Spring MVC gave up on an async answer (spring.mvc.async.request-timeout) before the request's
     * own deadline failed it: set that timeout above every model's request timeout. Answered as the
     * deadline it is, not as Spring's bare 503.
     */
    @Override
    protected ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException ex,
                                                                        HttpHeaders headers, HttpStatusCode status,
                                                                        WebRequest request) {
        log.warn("an async request outlived spring.mvc.async.request-timeout; it must exceed every model's "
                + "request_timeout");
        return problem(ProblemType.DEADLINE_EXCEEDED, "the request was not answered within the service's async "
                + "request timeout", new HttpHeaders(), request);
    }

    /** Gives Spring's own problem documents (bad media type, missing part, ...) our stable types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            ProblemType type = frameworkType(ex, status);
            if (type == ProblemType.MISSING_IMAGE_PART && hasNoParts(request)) {
                type = ProblemType.MALFORMED_MULTIPART;
                detail.setDetail("the multipart body has no parts: it does not contain its boundary");
            }
            detail.setType(type.type());
        }
        return response;
    }

    private static ProblemType frameworkType(Exception ex, HttpStatusCode status) {
        if (ex instanceof MissingServletRequestPartException) {
            return ProblemType.MISSING_IMAGE_PART;
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE;
        } else if (ex instanceof MaxUploadSizeExceededException) {
            return ProblemType.IMAGE_TOO_LARGE;
        } else if (ex instanceof NoResourceFoundException) {
            return ProblemType.NOT_FOUND;
        } else if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ProblemType.METHOD_NOT_ALLOWED;
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ProblemType.NOT_ACCEPTABLE;
        }
        return status.is4xxClientError() ? ProblemType.BAD_REQUEST : ProblemType.INTERNAL_ERROR;
    }

    /** A body without a single part never matched its boundary: malformed, not merely missing a part. */
    private static boolean hasNoParts(WebRequest request) {
        HttpServletRequest servlet = request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class)
                : null;
        try {
            return servlet != null && servlet.getParts().isEmpty();
        } catch (IOException | ServletException | IllegalStateException e) {
            return true;
        }
    }

    private HttpHeaders retryAfter() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return headers;
    }

    private ResponseEntity<Object> problem(ProblemType type, String detail, HttpHeaders headers, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(type.status(), detail);
        body.setType(type.type());
        body.setTitle(type.title());
        return super.handleExceptionInternal(new IllegalStateException(detail), body, headers, type.status(), request);
    }
}
