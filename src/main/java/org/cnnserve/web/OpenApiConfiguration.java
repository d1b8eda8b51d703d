package org.cnnserve.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): what
 * springdoc reads from the controllers, plus the RFC 9457 problem responses each handler declares
 * with {@link Problems}, and the internal error every handler can answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "Problem";
    // Answered with Retry-After: the client should come back, not give up.
    private static final Set<ProblemType> RETRY_LATER = EnumSet.of(ProblemType.QUEUE_FULL, ProblemType.MODEL_NOT_READY,
            ProblemType.SHUTTING_DOWN, ProblemType.DECODE_BUDGET_EXHAUSTED, ProblemType.TOO_MANY_VALIDATIONS);

    @Bean
    OpenAPI cnnserveOpenApi() {
        return new OpenAPI()
                .info(new Info().title("cnnserve").version("v1")
                        .description("Image classification with convolutional networks: models, classify, "
                                + "validation, architecture analysis and serving statistics, and the Open Inference "
                                + "Protocol (V2) under /v2. Errors are RFC 9457 problem documents whose type is "
                                + "urn:cnnserve:problem:<slug> (docs/api.md lists them); under /v2 they are "
                                + "the protocol's {\"error\": \"...\"}."))
                .components(new Components().addSchemas(PROBLEM_SCHEMA, problemSchema()));
    }

    /**
     * What the parameters the controllers share mean, by name, so that each handler need not repeat it;
     * a description on the handler itself wins.
     */
    private static final Map<String, String> PARAMETERS = Map.of(
            "model", "the model's name, as GET /v1/models lists it",
            "version", "a version number of the model; without it, the model's default version",
            "top_k", "how many classes to answer, 1 to the model's class count; default cnnserve.classify.default-top-k",
            "timeout_ms", "the request's own deadline in milliseconds; it may shorten the model's timeout, never "
                    + "lengthen it",
            ClassifyController.TIMEOUT_HEADER, "as timeout_ms, for clients that cannot add a query parameter; "
                    + "timeout_ms wins",
            "name", "an architecture's name, as GET /v1/architectures lists it",
            "input", "the input shape HxWxC (e.g. 224x224x3); default the architecture's reference input",
            "classes", "output classes, at least 1; default 1000",
            "id", "the validation job's id, as starting it answered",
            HttpHeaders.ACCEPT, "text/plain for an aligned table instead of JSON");

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().stream().filter(p -> p.getDescription() == null)
                        .forEach(p -> p.setDescription(PARAMETERS.get(p.getName())));
            }
            Problems problems = handler.getMethodAnnotation(Problems.class);
            List<ProblemType> types = new ArrayList<>(problems == null ? List.of() : List.of(problems.value()));
            // A handler that documents its own 500 answers errors in another form (/v2's {"error": ...}).
            if (operation.getResponses() == null || !operation.getResponses().containsKey("500")) {
                types.add(ProblemType.INTERNAL_ERROR);
            }
            addResponses(operation, types);
            return operation;
        };
    }

    private static void addResponses(Operation operation, List<ProblemType> types) {
        Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
        for (ProblemType type : types) {
            byStatus.computeIfAbsent(type.status().value(), s -> new ArrayList<>()).add(type);
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        byStatus.forEach((status, sameStatus) -> {
            StringBuilder description = new StringBuilder(HttpStatus.valueOf(status).getReasonPhrase()).append(":");
            for (ProblemType type : sameStatus) {
                description.append("\n- `").append(type.type()).append("`: ").append(type.title());
            }
            ApiResponse response = new ApiResponse().description(description.toString())
                    .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
            if (sameStatus.stream().anyMatch(RETRY_LATER::contains)) {
                response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                        .description("Seconds to wait before retrying").schema(new IntegerSchema()));
            }
            operation.getResponses().addApiResponse(Integer.toString(status), response);
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem document")
                .addProperty("type", new StringSchema().format("uri").example("urn:cnnserve:problem:queue-full"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("error_id", new StringSchema().description("Quoted in the service's log"));
    }
}
