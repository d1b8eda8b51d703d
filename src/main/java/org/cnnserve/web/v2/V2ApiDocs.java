package org.cnnserve.web.v2;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The responses the V2 handlers share, for the OpenAPI description, as meta-annotations. V2 errors
 * are the protocol's {@code {"error": "..."}} ({@link V2Errors}), not problem documents, so each is
 * declared here with that schema; a declared 500 keeps the problem document 500 off these handlers.
 */
final class V2ApiDocs {

    private V2ApiDocs() {
    }

    /** What {@code POST .../infer} answers besides success: every status {@link V2Errors} maps. */
    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "A malformed request (JSON, tensor names, datatypes, shapes, "
            + "binary data, parameters), a timeout under 1 ms, or an image that cannot be decoded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "404", description = "No such model or version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "413", description = "Over cnnserve.v2.max-request-size, more images than a request "
            + "may hold, or an image over the byte or pixel limit",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "429", description = "The model's queue is full",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "503", description = "The model is not ready, the service is stopping, or image "
            + "decoding is saturated",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = "integer")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "504", description = "The request's deadline passed before the model answered",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "500", description = "The model failed on the batch, or the service failed (the "
            + "message names the error_id in the log)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @interface InferErrors {
    }

    /** What the metadata handlers, {@code GET /v2} and {@code GET /v2/models/{model}}, answer besides success. */
    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "406", description = "The Accept header rules out JSON",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @ApiResponse(responseCode = "500", description = "The service failed (the message names the error_id in the log)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @interface MetadataErrors {
    }

    /** The answer for a model or version the repository does not have. */
    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "404", description = "No such model or version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @interface UnknownModel {
    }

    /** A liveness or readiness answer: the status alone, as the protocol has it. */
    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "Yes: live, or ready (no body)")
    @ApiResponse(responseCode = "400", description = "No (no body)")
    @ApiResponse(responseCode = "500", description = "The service failed (the message names the error_id in the log)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2Errors.Error.class)))
    @interface HealthAnswers {
    }
}
