package org.cnnserve.web;

import static org.cnnserve.web.ProblemType.DEADLINE_EXCEEDED;
import static org.cnnserve.web.ProblemType.DECODE_BUDGET_EXHAUSTED;
import static org.cnnserve.web.ProblemType.EMPTY_IMAGE;
import static org.cnnserve.web.ProblemType.IMAGE_SHAPE;
import static org.cnnserve.web.ProblemType.IMAGE_TOO_LARGE;
import static org.cnnserve.web.ProblemType.INFERENCE_FAILED;
import static org.cnnserve.web.ProblemType.INVALID_TIMEOUT;
import static org.cnnserve.web.ProblemType.INVALID_TOP_K;
import static org.cnnserve.web.ProblemType.MALFORMED_MULTIPART;
import static org.cnnserve.web.ProblemType.MISSING_IMAGE_PART;
import static org.cnnserve.web.ProblemType.MODEL_NOT_READY;
import static org.cnnserve.web.ProblemType.NOT_AN_IMAGE;
import static org.cnnserve.web.ProblemType.QUEUE_FULL;
import static org.cnnserve.web.ProblemType.SHUTTING_DOWN;
import static org.cnnserve.web.ProblemType.TOO_MANY_PIXELS;
import static org.cnnserve.web.ProblemType.TRUNCATED_IMAGE;
import static org.cnnserve.web.ProblemType.UNKNOWN_MODEL;
import static org.cnnserve.web.ProblemType.UNKNOWN_VERSION;
import static org.cnnserve.web.ProblemType.UNSUPPORTED_IMAGE_FORMAT;
import static org.cnnserve.web.ProblemType.UNSUPPORTED_MEDIA_TYPE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.classify.Classification;
import org.cnnserve.classify.Classifier;
import org.cnnserve.classify.InvalidTopKException;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.imaging.ImageRejectedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/models/{model}[/versions/{version}]/classify}: the image as the multipart part
 * {@code image} or as a raw {@code image/*} body; {@code top_k} and {@code timeout_ms} in the query.
 * Several {@code image} parts are classified together and answered as {@code results}, in order.
 *
 * <p>The answer is a future (Spring MVC's async support): the servlet thread decodes the images and
 * queues them, then goes back to the pool while they wait, so the model's queue bound, not the
 * thread pool, decides who is refused.
 */
@RestController
class ClassifyController {

    /** A request's own timeout in milliseconds, as an alternative to the {@code timeout_ms} parameter. */
    static final String TIMEOUT_HEADER = "X-Request-Timeout-Ms";

    private final Classifier classifier;
    private final ImageLimits limits;

    ClassifyController(Classifier classifier, ImageLimits limits) {
        this.classifier = classifier;
        this.limits = limits;
    }

    @Operation(summary = "Classify an image", description = "The image as the multipart part 'image' or as a raw "
            + "image/* body; answers the top k classes with their probabilities and the request's timings. Without "
            + "a version, the model's default version answers.")
    @Problems({EMPTY_IMAGE, NOT_AN_IMAGE, TRUNCATED_IMAGE, UNSUPPORTED_IMAGE_FORMAT, IMAGE_TOO_LARGE, TOO_MANY_PIXELS,
            IMAGE_SHAPE, UNSUPPORTED_MEDIA_TYPE, INVALID_TOP_K, INVALID_TIMEOUT, UNKNOWN_MODEL, UNKNOWN_VERSION,
            MODEL_NOT_READY, DECODE_BUDGET_EXHAUSTED, QUEUE_FULL, SHUTTING_DOWN, DEADLINE_EXCEEDED, INFERENCE_FAILED,
            MALFORMED_MULTIPART, MISSING_IMAGE_PART})
    @PostMapping(path = {"/v1/models/{model}/classify", "/v1/models/{model}/versions/{version}/classify"},
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    CompletableFuture<?> multipart(@PathVariable String model, @PathVariable(required = false) String version,
                                   @RequestPart("image") List<MultipartFile> images,
                                   @RequestParam(name = "top_k", required = false) String topK,
                                   @RequestParam(name = "timeout_ms", required = false) String timeoutMs,
                                   @RequestHeader(name = TIMEOUT_HEADER, required = false) String timeoutHeader)
            throws IOException {
        Integer k = topK(topK);
        Duration timeout = timeout(timeoutMs != null ? timeoutMs : timeoutHeader);
        if (images.size() == 1) {
            return classifier.classify(model, version, images.get(0).getBytes(), k, timeout);
        }
        List<byte[]> bytes = new ArrayList<>(images.size());
        for (MultipartFile image : images) {
            bytes.add(image.getBytes());
        }
        return classifier.classifyAll(model, version, bytes, k, timeout).thenApply(Results::new);
    }

    /** The answer to a request with several images: one classification per image, in the request's order. */
    record Results(List<Classification> results) {
    }

    @Operation(summary = "Classify an image", description = "The image as a raw image/* body.", requestBody =
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary"))))
    @Problems({EMPTY_IMAGE, NOT_AN_IMAGE, TRUNCATED_IMAGE, UNSUPPORTED_IMAGE_FORMAT, IMAGE_TOO_LARGE, TOO_MANY_PIXELS,
            IMAGE_SHAPE, UNSUPPORTED_MEDIA_TYPE, INVALID_TOP_K, INVALID_TIMEOUT, UNKNOWN_MODEL, UNKNOWN_VERSION,
            MODEL_NOT_READY, DECODE_BUDGET_EXHAUSTED, QUEUE_FULL, SHUTTING_DOWN, DEADLINE_EXCEEDED, INFERENCE_FAILED})
    @PostMapping(path = {"/v1/models/{model}/classify", "/v1/models/{model}/versions/{version}/classify"},
            consumes = "image/*")
    CompletableFuture<Classification> raw(@PathVariable String model, @PathVariable(required = false) String version,
                                          @RequestParam(name = "top_k", required = false) String topK,
                                          @RequestParam(name = "timeout_ms", required = false) String timeoutMs,
                                          @RequestHeader(name = TIMEOUT_HEADER, required = false) String timeoutHeader,
                                          @Parameter(hidden = true)
                                          @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false)
                                          Long contentLength,
                                          @Parameter(hidden = true) InputStream body) throws IOException {
        return classifier.classify(model, version, readBounded(body, contentLength), topK(topK),
                timeout(timeoutMs != null ? timeoutMs : timeoutHeader));
    }

    /**
     * Only the form is checked here: whether the number fits the model's classes is the classifier's
     * rule, so that a request for too many classes still counts as that model version's client error.
     */
    private static Integer topK(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidTopKException("top_k must be a whole number, was '" + raw + "'");
        }
    }

    private static Duration timeout(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long ms = Long.parseLong(raw.trim());
            if (ms >= 1) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as a number out of range
        }
        throw new InvalidTimeoutException("timeout_ms must be a whole number of milliseconds, at least 1, was '"
                + raw + "'");
    }

    /** Reads at most the upload limit, refusing early when the declared length is already over it. */
    private byte[] readBounded(InputStream body, Long contentLength) throws IOException {
        long max = limits.maxBytes();
        if (contentLength != null && contentLength > max) {
            throw tooLarge(contentLength);
        }
        byte[] bytes = body.readNBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, max + 1)));
        if (bytes.length > max) {
            throw tooLarge(-1);
        }
        return bytes;
    }

    private ImageRejectedException tooLarge(long length) {
        String size = length >= 0 ? length + " bytes" : "more than " + limits.maxBytes() + " bytes";
        return new ImageRejectedException(ImageRejectedException.Reason.TOO_MANY_BYTES,
                "the image is " + size + ", over the limit of " + limits.maxBytes() + " bytes");
    }
}
