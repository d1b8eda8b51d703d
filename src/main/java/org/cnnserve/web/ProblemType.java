package org.cnnserve.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of failure the API reports, with its stable problem {@code type} URI
 * ({@code urn:cnnserve:problem:<slug>}), status and title. docs/api.md lists them.
 */
enum ProblemType {
    EMPTY_IMAGE("empty-image", HttpStatus.BAD_REQUEST, "The request has no image bytes"),
    NOT_AN_IMAGE("not-an-image", HttpStatus.BAD_REQUEST, "The bytes are not an image"),
    TRUNCATED_IMAGE("truncated-image", HttpStatus.BAD_REQUEST, "The image is truncated or corrupt"),
    UNSUPPORTED_IMAGE_FORMAT("unsupported-image-format", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The image format is not supported (JPEG, PNG, GIF, BMP and WebP are)"),
    IMAGE_TOO_LARGE("image-too-large", HttpStatus.CONTENT_TOO_LARGE, "The upload is over the size limit"),
    TOO_MANY_PIXELS("too-many-pixels", HttpStatus.CONTENT_TOO_LARGE, "The image has more pixels than allowed"),
    IMAGE_SHAPE("image-shape", HttpStatus.UNPROCESSABLE_CONTENT,
            "The image dimensions are out of range (a side or the aspect ratio is too large)"),
    TOO_MANY_IMAGES("too-many-images", HttpStatus.CONTENT_TOO_LARGE, "The request carries more images than allowed"),
    MALFORMED_MULTIPART("malformed-multipart", HttpStatus.BAD_REQUEST, "The multipart request cannot be parsed"),
    MISSING_IMAGE_PART("missing-image-part", HttpStatus.BAD_REQUEST, "The multipart request has no 'image' part"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Send multipart/form-data with an 'image' part, or an image/* body"),
    INVALID_TOP_K("invalid-top-k", HttpStatus.BAD_REQUEST, "top_k is out of range or not a number"),
    UNKNOWN_MODEL("unknown-model", HttpStatus.NOT_FOUND, "No such model"),
    UNKNOWN_VERSION("unknown-version", HttpStatus.NOT_FOUND, "No such model version"),
    MODEL_NOT_READY("model-not-ready", HttpStatus.SERVICE_UNAVAILABLE, "The model is not ready"),
    DECODE_BUDGET_EXHAUSTED("decode-budget-exhausted", HttpStatus.SERVICE_UNAVAILABLE,
            "Other uploads hold the memory for decoding images; retry shortly"),
    REPLICA_UNAVAILABLE("replica-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "The model's replica was lost or none is left; retry shortly"),
    QUEUE_FULL("queue-full", HttpStatus.TOO_MANY_REQUESTS, "The model's queue is full"),
    SHUTTING_DOWN("shutting-down", HttpStatus.SERVICE_UNAVAILABLE, "The model is shutting down"),
    INVALID_TIMEOUT("invalid-timeout", HttpStatus.BAD_REQUEST, "timeout_ms is not a positive whole number"),
    DEADLINE_EXCEEDED("deadline-exceeded", HttpStatus.GATEWAY_TIMEOUT, "The request's deadline passed"),
    INFERENCE_FAILED("inference-failed", HttpStatus.INTERNAL_SERVER_ERROR, "The model failed on this request"),
    UNKNOWN_ARCHITECTURE("unknown-architecture", HttpStatus.NOT_FOUND, "No such architecture"),
    INVALID_INPUT_SHAPE("invalid-input-shape", HttpStatus.BAD_REQUEST, "input is not a shape HxWxC"),
    IMPOSSIBLE_INPUT_SHAPE("impossible-input-shape", HttpStatus.UNPROCESSABLE_CONTENT,
            "The architecture cannot take an input of this shape"),
    INVALID_CLASSES("invalid-classes", HttpStatus.BAD_REQUEST, "classes is not a whole number of at least 1"),
    UNKNOWN_DATASET("unknown-dataset", HttpStatus.UNPROCESSABLE_CONTENT, "No such data set"),
    UNREADABLE_DATASET("unreadable-dataset", HttpStatus.UNPROCESSABLE_CONTENT, "The data set's files cannot be read"),
    LABEL_MISMATCH("label-mismatch", HttpStatus.UNPROCESSABLE_CONTENT,
            "The data set's classes do not match the model's labels"),
    INVALID_VALIDATION("invalid-validation", HttpStatus.BAD_REQUEST, "The validation request is missing a field "
            + "or has one out of range"),
    TOO_MANY_VALIDATIONS("too-many-validations", HttpStatus.TOO_MANY_REQUESTS, "Too many validation jobs wait"),
    UNKNOWN_VALIDATION("unknown-validation", HttpStatus.NOT_FOUND, "No such validation job"),
    ADMIN_TOKEN_REQUIRED("admin-token-required", HttpStatus.UNAUTHORIZED,
            "The endpoint requires the admin bearer token"),
    ADMIN_DISABLED("admin-disabled", HttpStatus.FORBIDDEN,
            "Model management is disabled: no admin token is configured"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "The service failed on this request"),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "The request is malformed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed here"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE,
            "No representation in a media type the Accept header allows");

    /**
     * The type for a bare status, as the container or the framework gives it without saying why:
     * the generic type of its class when no specific one fits.
     */
    static ProblemType forStatus(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case CONTENT_TOO_LARGE -> IMAGE_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create("urn:cnnserve:problem:" + slug);
        this.status = status;
        this.title = title;
    }

    URI type() {
        return type;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
