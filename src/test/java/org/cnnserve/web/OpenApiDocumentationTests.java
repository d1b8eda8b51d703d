package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cnnserve.Http;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint the service's own controllers map, /v1, /v2 and the page alike, is in the OpenAPI
 * description with a summary, a description of each parameter and at least one 4xx response. The
 * endpoints come from Spring's handler mapping, so a new controller is checked without touching this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IntegrationTest
class OpenApiDocumentationTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", OpenApiDocumentationTests::emptyRepository);
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
    }

    private static String emptyRepository() {
        try {
            return Files.createTempDirectory("cnnserve-openapi-models").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointOfTheServiceIsDocumented() {
        HttpResponse<String> response = new Http(port).get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = JsonMapper.builder().build().readTree(response.body()).path("paths");

        Set<String> checked = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!isServiceEndpoint(handler)) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                problems.add(handler + " answers every HTTP method; map it to the ones it serves");
            }
            for (String path : entry.getKey().getPatternValues()) {
                for (RequestMethod method : methods) {
                    String endpoint = method + " " + path;
                    checked.add(endpoint);
                    problems.addAll(check(endpoint, paths.path(path).path(method.name().toLowerCase(Locale.ROOT))));
                }
            }
        }

        assertThat(problems).isEmpty();
        // The enumeration itself must have worked: a few endpoints that exist for certain.
        assertThat(checked).contains("POST /v1/models/{model}/classify",
                "POST /v1/models/{model}/versions/{version}/classify", "GET /v1/models", "GET /");
    }

    @Test
    void problemResponsesNameTheirTypesAndPointAtTheProblemSchema() {
        JsonNode api = JsonMapper.builder().build().readTree(new Http(port).get("/v3/api-docs").body());
        JsonNode queueFull = api.at("/paths/~1v1~1models~1{model}~1classify/post/responses/429");

        assertThat(queueFull.path("description").asString()).contains("urn:cnnserve:problem:queue-full");
        assertThat(queueFull.at("/content/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(queueFull.at("/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(api.at("/components/schemas/Problem/properties/type").isMissingNode()).isFalse();
    }

    @Test
    void v2ErrorsAreTheProtocolsErrorFormNotProblemDocuments() {
        JsonNode api = JsonMapper.builder().build().readTree(new Http(port).get("/v3/api-docs").body());
        JsonNode infer = api.at("/paths/~1v2~1models~1{model}~1infer/post/responses");

        for (String status : List.of("429", "500")) {
            assertThat(infer.path(status).at("/content/application~1json/schema/$ref").asString())
                    .as(status).isEqualTo("#/components/schemas/V2Error");
            assertThat(infer.path(status).at("/content/application~1problem+json").isMissingNode()).as(status).isTrue();
        }
        assertThat(infer.at("/429/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(api.at("/components/schemas/V2Error/properties/error/type").asString()).isEqualTo("string");
    }

    @Test
    void swaggerUiIsServed() {
        HttpResponse<String> ui = new Http(port).get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(new Http(port).get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }

    /** The service's own controllers; springdoc's, Spring's error controller and the actuator's are not. */
    private static boolean isServiceEndpoint(HandlerMethod handler) {
        Class<?> type = handler.getBeanType();
        return type.getName().startsWith("org.cnnserve.") && !ErrorController.class.isAssignableFrom(type);
    }

    private static List<String> check(String endpoint, JsonNode operation) {
        if (operation.isMissingNode()) {
            return List.of(endpoint + " is not in /v3/api-docs");
        }
        List<String> problems = new ArrayList<>();
        if (operation.path("summary").asString("").isBlank()) {
            problems.add(endpoint + " has no summary (@Operation(summary = ...))");
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("description").asString("").isBlank()) {
                problems.add(endpoint + " does not describe its parameter " + parameter.path("name").asString());
            }
        }
        boolean has4xx = false;
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            has4xx |= response.getKey().startsWith("4") && !response.getValue().path("description").asString("").isBlank();
        }
        if (!has4xx) {
            problems.add(endpoint + " documents no 4xx response (@Problems, or @ApiResponse for non-problem errors)");
        }
        return problems;
    }
}
