package org.cnnserve.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cnnserve.registry.IndexEntry;
import org.cnnserve.registry.LoadFailedException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.registry.UnknownVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol's model repository extension, as Triton defines it:
 * {@code POST /v2/repository/index}, {@code POST /v2/repository/models/{model}/load} and
 * {@code .../unload}. Successes answer 200, failures 400 with {@code {"error": "..."}}, as the
 * extension specifies. A load or unload answers once it has finished: the new versions are READY and
 * serving, and the versions taken out of service have drained and released their replicas.
 * {@link AdminSecurityConfiguration} requires the admin token on all three.
 */
@RestController
class RepositoryController {

    private static final Logger log = LoggerFactory.getLogger(RepositoryController.class);
    /** A load or unload answers when it is done, however long the model takes to load or to drain. */
    private static final long NO_TIMEOUT = 0;

    private final ModelRegistry registry;
    private final JsonMapper json;

    RepositoryController(ModelRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    /**
     * @param version absent for a model with no version the registry or the repository knows
     * @param reason  empty when the state needs none
     */
    record IndexItem(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String version, String state,
                     String reason) {
    }

    @Schema(name = "RepositoryError", description = "The repository extension's error form")
    record Error(@Schema(description = "what went wrong", requiredMode = Schema.RequiredMode.REQUIRED) String error) {
    }

    /** What every repository endpoint may answer besides 200: the extension's errors and the admin token's. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Problems({ProblemType.ADMIN_TOKEN_REQUIRED, ProblemType.ADMIN_DISABLED})
    @ApiResponse(responseCode = "400", description = "A malformed request, an unknown model, version or parameter, "
            + "or a load that failed (the served versions keep serving)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Error.class)))
    @ApiResponse(responseCode = "500", description = "The service failed; the log has the cause",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Error.class)))
    @interface RepositoryErrors {
    }

    /** The optional JSON body, read whatever its content type. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
            mediaType = "application/json", examples = @ExampleObject("{\"parameters\": {}}")))
    @interface OptionalJsonBody {
    }

    /** The body is optional and may come without a JSON content type, as {@code curl -d '{}'} sends it. */
    @Operation(summary = "List the repository's models", description = "Every model and version the registry "
            + "or the repository folder knows, with its state (LOADING, READY, DEGRADED, FAILED, UNLOADING, "
            + "UNAVAILABLE) and reason; {\"ready\": true} lists only the versions that serve. Needs the admin token.")
    @RepositoryErrors
    @OptionalJsonBody
    @PostMapping("/v2/repository/index")
    List<IndexItem> index(@RequestBody(required = false) byte[] body,
                          @Parameter(hidden = true)
                          @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        JsonNode request = parse(body, contentType, Set.of("ready"));
        JsonNode ready = request.path("ready");
        if (!ready.isMissingNode() && !ready.isBoolean()) {
            throw new RepositoryRequestException("'ready' must be true or false");
        }
        boolean onlyReady = ready.asBoolean(false);
        return registry.index().stream()
                .filter(e -> !onlyReady || e.state().serving())
                .map(RepositoryController::item).toList();
    }

    @Operation(summary = "Load or reload a model", description = "Re-reads the model's folder and loads what its "
            + "version policy selects that is not loaded yet, or every selected version again when model.yaml or the "
            + "labels changed. New versions load and warm up beside the served ones; requests switch once they are "
            + "ready; replaced versions drain and release their replicas. Answers 200 when all that is done. Needs the "
            + "admin token.")
    @RepositoryErrors
    @OptionalJsonBody
    @PostMapping("/v2/repository/models/{model}/load")
    DeferredResult<ResponseEntity<?>> load(@PathVariable String model, @RequestBody(required = false) byte[] body,
            @Parameter(hidden = true)
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        Map<String, JsonNode> parameters = parameters(parse(body, contentType, Set.of("parameters")));
        if (parameters.containsKey("config")) {
            throw new RepositoryRequestException("the 'config' parameter is not supported: edit the model's model.yaml"
                    + " in the repository and load it again");
        }
        parameters.keySet().stream().findFirst().ifPresent(unknown -> {
            throw new RepositoryRequestException("unknown load parameter '" + unknown + "'");
        });
        return answer(registry.load(model));
    }

    /**
     * Parameters: {@code version} (a cnnserve extension) unloads that version only; Triton's
     * {@code unload_dependents} is accepted, and has nothing to do, since no model here depends on another.
     */
    @Operation(summary = "Unload a model or one version", description = "Takes the model (or, with "
            + "parameters.version, one version) out of service: requests it accepted complete, later ones get 503 with "
            + "Retry-After until another version is ready. Answers 200 once its replicas are released. Needs the admin "
            + "token.")
    @RepositoryErrors
    @OptionalJsonBody
    @PostMapping("/v2/repository/models/{model}/unload")
    DeferredResult<ResponseEntity<?>> unload(@PathVariable String model, @RequestBody(required = false) byte[] body,
            @Parameter(hidden = true)
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        Map<String, JsonNode> parameters = parameters(parse(body, contentType, Set.of("parameters")));
        JsonNode version = parameters.remove("version");
        JsonNode dependents = parameters.remove("unload_dependents");
        if (dependents != null && !dependents.isBoolean()) {
            throw new RepositoryRequestException("'unload_dependents' must be true or false");
        }
        if (version != null && !version.isTextual() && !version.isIntegralNumber()) {
            throw new RepositoryRequestException("'version' must be a version number");
        }
        parameters.keySet().stream().findFirst().ifPresent(unknown -> {
            throw new RepositoryRequestException("unknown unload parameter '" + unknown + "'");
        });
        return answer(registry.unload(model, version == null ? null : version.asString()));
    }

    private static DeferredResult<ResponseEntity<?>> answer(CompletableFuture<?> operation) {
        DeferredResult<ResponseEntity<?>> result = new DeferredResult<>(NO_TIMEOUT);
        operation.whenComplete((ok, error) -> result.setResult(error == null ? ResponseEntity.ok().build()
                : failure(error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error)));
        return result;
    }

    private static ResponseEntity<Error> failure(Throwable error) {
        if (error instanceof LoadFailedException || error instanceof UnknownModelException
                || error instanceof UnknownVersionException || error instanceof RepositoryRequestException) {
            return ResponseEntity.badRequest().body(new Error(error.getMessage()));
        }
        log.error("repository request failed", error);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new Error(
                "the service failed on this request; the log has the cause"));
    }

    @ExceptionHandler({LoadFailedException.class, UnknownModelException.class, UnknownVersionException.class,
            RepositoryRequestException.class})
    ResponseEntity<Error> refused(RuntimeException e) {
        return failure(e);
    }

    private JsonNode parse(byte[] body, String contentType, Set<String> fields) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = json.readTree(formEncoded(contentType) ? fromForm(body) : new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new RepositoryRequestException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            throw new RepositoryRequestException("the body must be a JSON object");
        }
        tree.propertyNames().stream().filter(name -> !fields.contains(name)).findFirst().ifPresent(name -> {
            throw new RepositoryRequestException("unknown field '" + name + "'; expected " + fields);
        });
        return tree;
    }

    private static boolean formEncoded(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * {@code curl -d '{}'} labels its JSON as a form, and the servlet layer hands such a body over
     * re-encoded from the form's one parameter (the JSON as its name, with no value): decoded back here.
     */
    private static String fromForm(byte[] body) {
        String decoded = URLDecoder.decode(new String(body, StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        return decoded.endsWith("=") ? decoded.substring(0, decoded.length() - 1) : decoded;
    }

    private static Map<String, JsonNode> parameters(JsonNode request) {
        JsonNode parameters = request.path("parameters");
        if (parameters.isMissingNode() || parameters.isNull()) {
            return new java.util.LinkedHashMap<>();
        }
        if (!parameters.isObject()) {
            throw new RepositoryRequestException("'parameters' must be a JSON object");
        }
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        parameters.properties().forEach(p -> map.put(p.getKey(), p.getValue()));
        return map;
    }

    private static IndexItem item(IndexEntry e) {
        return new IndexItem(e.name(), e.version() == null ? null : Integer.toString(e.version()), e.state().name(),
                e.reason() == null ? "" : e.reason());
    }

    /** A malformed repository request (400 with {@code {"error": ...}}). */
    static final class RepositoryRequestException extends RuntimeException {

        RepositoryRequestException(String message) {
            super(message);
        }
    }
}
