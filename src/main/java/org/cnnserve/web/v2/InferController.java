package org.cnnserve.web.v2;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.classify.TensorInference;
import org.cnnserve.registry.ModelRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v2/models/{model}[/versions/{version}]/infer}. The answer is a future: no servlet
 * thread waits while the images sit in the model's queue.
 */
@RestController
class InferController {

    /** A request's own timeout in milliseconds, as {@code /v1} reads it; {@code parameters.timeout_ms} wins. */
    static final String TIMEOUT_HEADER = "X-Request-Timeout-Ms";

    private final TensorInference inference;
    private final ModelRegistry registry;
    private final V2Properties properties;
    private final InferRequestReader reader;
    private final InferResponses responses;

    InferController(TensorInference inference, ModelRegistry registry, V2Properties properties, ObjectMapper json) {
        this.inference = inference;
        this.registry = registry;
        this.properties = properties;
        this.reader = new InferRequestReader(json);
        this.responses = new InferResponses(json);
    }

    @Operation(summary = "Infer (V2)", description = "One input, 'input' (FP32 [N, C, H, W], preprocessed) or "
            + "'image' (BYTES [N], image files, base64 in JSON); answers 'probabilities' (FP32 [N, classes]), or with "
            + "the output parameter classification: k the top k as BYTES 'probability:index:label'. parameters."
            + "timeout_ms sets the request's deadline. Binary tensor data extension: the JSON header, "
            + "Inference-Header-Content-Length bytes, then each input with parameters.binary_data_size; outputs "
            + "with binary_data (or parameters.binary_data_output) come back the same way. Without a version, the "
            + "model's default version answers.", requestBody = @RequestBody(required = true, content = {
                    @Content(mediaType = "application/json", examples = @ExampleObject(value = """
                            {"id": "1", "inputs": [{"name": "image", "datatype": "BYTES", "shape": [1],
                             "data": ["<base64 of a PNG or JPEG>"]}],
                             "outputs": [{"name": "probabilities", "parameters": {"classification": 3}}]}""")),
                    @Content(mediaType = "application/octet-stream",
                            schema = @Schema(type = "string", format = "binary"))}))
    @ApiResponse(responseCode = "200", description = "The outputs: JSON, or with any binary output "
            + "application/octet-stream, the JSON header then the binary outputs in order",
            headers = @Header(name = InferResponses.HEADER_LENGTH, description = "The JSON header's length in bytes, "
                    + "on a binary answer", schema = @Schema(type = "integer")),
            content = {@Content(mediaType = "application/json"),
                    @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string",
                            format = "binary"))})
    @V2ApiDocs.InferErrors
    @PostMapping({"/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer"})
    CompletableFuture<ResponseEntity<byte[]>> infer(
            @PathVariable String model, @PathVariable(required = false) String version,
            @Parameter(description = "binary tensor data extension: the length in bytes of the JSON header that "
                    + "starts the body; the binary inputs follow it. Absent for a JSON-only body")
            @RequestHeader(name = InferResponses.HEADER_LENGTH, required = false) String headerLength,
            @Parameter(description = "the request's own deadline in milliseconds, for clients that cannot set "
                    + "parameters.timeout_ms, which wins; it may shorten the model's timeout, never lengthen it")
            @RequestHeader(name = TIMEOUT_HEADER, required = false) String timeoutHeader,
            @Parameter(hidden = true)
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long contentLength,
            @Parameter(hidden = true) InputStream body) throws IOException {
        InferRequest request = reader.read(readBounded(body, contentLength),
                number(InferResponses.HEADER_LENGTH, headerLength));
        registry.config(model).ifPresent(config -> checkClassification(request, config.classes()));
        Long timeoutMs = request.timeoutMs() != null ? request.timeoutMs() : number(TIMEOUT_HEADER, timeoutHeader);
        if (timeoutMs != null && timeoutMs < 1) {
            throw V2Exception.badRequest(TIMEOUT_HEADER + " must be at least 1, was " + timeoutMs);
        }
        return inference.infer(model, version, request.input(), timeoutMs == null ? null : Duration.ofMillis(timeoutMs))
                .thenApply(probabilities -> responses.answer(request, probabilities));
    }

    private static Long number(String header, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw V2Exception.badRequest(header + " must be a whole number, was '" + value + "'");
        }
    }

    private static void checkClassification(InferRequest request, int classes) {
        for (InferRequest.RequestedOutput output : request.outputs()) {
            if (output.classification() > classes) {
                throw V2Exception.badRequest("output '" + output.name() + "' classification is "
                        + output.classification() + ", but the model has " + classes + " classes");
            }
        }
    }

    /** Reads at most the request size limit, refusing early when the declared length is already over it. */
    private byte[] readBounded(InputStream body, Long contentLength) throws IOException {
        long max = properties.maxRequestSize().toBytes();
        if (contentLength != null && contentLength > max) {
            throw tooLarge(contentLength + " bytes");
        }
        byte[] bytes = body.readNBytes((int) max + 1);
        if (bytes.length > max) {
            throw tooLarge("more than " + max + " bytes");
        }
        return bytes;
    }

    private V2Exception tooLarge(String size) {
        return new V2Exception(HttpStatus.CONTENT_TOO_LARGE, "the request is " + size + ", over the limit of "
                + properties.maxRequestSize().toBytes() + " bytes (cnnserve.v2.max-request-size)");
    }
}
