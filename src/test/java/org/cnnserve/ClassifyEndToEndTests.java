package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.imaging.DecodedImage;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.imaging.Preprocessor;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port: real images through HTTP, checked against a direct DL4J
 * forward pass on the same preprocessed tensor; every kind of bad input, each followed by a good
 * request to show the service is still healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class ClassifyEndToEndTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion", "resnet50");
    private static final JsonMapper JSON = new JsonMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
        registry.add("cnnserve.imaging.max-upload-size", () -> "1MB");
        registry.add("cnnserve.imaging.max-pixels", () -> "1000000");
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeAll
    void waitUntilReady() {
        http = new Http(port);
        http.awaitReady(Duration.ofMinutes(3));
    }

    static byte[] fixture(String name) {
        try (InputStream in = ClassifyEndToEndTests.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test image " + name, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The probabilities DL4J gives for the same bytes, preprocessed by the same code, outside the service. */
    static float[] directForward(ComputationGraph graph, ModelConfig config, byte[] image) {
        DecodedImage decoded = new ImageDecoder(new ImageLimits(10_000_000, 10_000_000)).decode(image);
        float[] chw = Preprocessor.toTensor(decoded, config.preprocessing(), config.input().height(), config.input().width());
        INDArray x = Nd4j.create(chw, new long[] {1, config.input().channels(), config.input().height(),
                config.input().width()}, 'c');
        return graph.outputSingle(false, x).toFloatVector();
    }

    static void assertMatches(JsonNode answer, float[] expected) {
        int top1 = 0;
        for (int i = 1; i < expected.length; i++) {
            if (expected[i] > expected[top1]) {
                top1 = i;
            }
        }
        JsonNode predictions = answer.get("predictions");
        assertThat(predictions.get(0).get("index").asInt()).isEqualTo(top1);
        for (JsonNode p : predictions) {
            assertThat(p.get("probability").asDouble()).isCloseTo(expected[p.get("index").asInt()], within(1e-5));
        }
    }

    @ParameterizedTest
    @MethodSource("leNetImages")
    void leNetAnswersAsADirectForwardPassOnTheSameTensor(String image, String contentType) throws IOException {
        ModelDefinition d = new ModelRepository(REPOSITORY).read("lenet5-fashion");
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(
                d.versionDirectory(1).resolve("model.zip").toFile(), false);
        float[] expected = directForward(graph, d.config(), fixture(image));

        HttpResponse<String> raw = http.post("/v1/models/lenet5-fashion/classify?top_k=10", contentType, fixture(image));
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        JsonNode answer = json(raw);
        assertThat(answer.get("model").asText()).isEqualTo("lenet5-fashion");
        assertThat(answer.get("version").asInt()).isEqualTo(1);
        assertThat(answer.get("weights").asText()).isEqualTo("trained");
        assertThat(answer.get("predictions")).hasSize(10);
        assertThat(answer.get("timings").get("total_ms").asDouble()).isPositive();
        assertMatches(answer, expected);

        HttpResponse<String> multipart = http.postMultipart("/v1/models/lenet5-fashion/versions/1/classify?top_k=3",
                "image", image, fixture(image));
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(200);
        assertThat(json(multipart).get("predictions")).hasSize(3);
        assertMatches(json(multipart), expected);
    }

    static Stream<Arguments> leNetImages() {
        return Stream.of(Arguments.of("grey-8.png", "image/png"), Arguments.of("grey.jpg", "image/jpeg"),
                Arguments.of("rgb.png", "image/png"), Arguments.of("rgb.jpg", "image/jpeg"));
    }

    @Test
    void theShippedAnkleBootIsClassifiedAsAnAnkleBoot() {
        HttpResponse<String> r = http.post("/v1/models/lenet5-fashion/classify", "image/png", fixture("grey-8.png"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("predictions").get(0).get("label").asText()).isEqualTo("Ankle boot");
        assertThat(json(r).get("predictions")).hasSize(5);
    }

    @Test
    void resNet50AnswersAsADirectForwardPassWithTheSameSeededWeights() {
        ModelDefinition d = new ModelRepository(REPOSITORY).read("resnet50");
        ModelConfig c = d.config();
        var conf = ArchitectureCatalog.standard().require("resnet50").configuration(c.input(), c.classes(),
                new NeuralNetConfiguration.Builder().seed(c.weights().seed()));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        float[] expected = directForward(graph, c, fixture("rgb.jpg"));

        HttpResponse<String> r = http.post("/v1/models/resnet50/classify", "image/jpeg", fixture("rgb.jpg"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("weights").asText()).isEqualTo("untrained");
        assertMatches(json(r), expected);
    }

    @Test
    void modelsAreListedWithStateWeightsAndParameters() {
        JsonNode models = json(http.get("/v1/models")).get("models");
        assertThat(models.findValuesAsString("name")).contains("broken", "lenet5-fashion", "resnet50");
        JsonNode lenet = json(http.get("/v1/models/lenet5-fashion"));
        assertThat(lenet.get("state").asText()).isEqualTo("READY");
        assertThat(lenet.get("architecture").asText()).isEqualTo("lenet5");
        assertThat(lenet.get("input").get("channels").asInt()).isEqualTo(1);
        assertThat(lenet.get("versions").get(0).get("weights").asText()).isEqualTo("trained");
        assertThat(lenet.get("versions").get(0).get("parameters").asLong()).isEqualTo(61_706);
        JsonNode resnet = json(http.get("/v1/models/resnet50"));
        assertThat(resnet.get("versions").get(0).get("weights").asText()).isEqualTo("untrained");
        assertThat(resnet.get("versions").get(0).get("parameters").asLong()).isEqualTo(25_557_032);
        JsonNode broken = json(http.get("/v1/models/broken"));
        assertThat(broken.get("state").asText()).isEqualTo("FAILED");
        assertThat(broken.get("reason").asText()).contains("model.zip", "allow_untrained");
        assertThat(http.get("/v1/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void readinessReportsEveryModelsState() {
        JsonNode readiness = json(http.get("/actuator/health/readiness"));
        JsonNode models = readiness.get("components").get("models").get("details");
        assertThat(models.get("lenet5-fashion").get("1").asText()).isEqualTo("READY");
        assertThat(models.get("broken").get("versions").get("1").asText()).isEqualTo("FAILED");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    record BadInput(String name, Function<Http, HttpResponse<String>> request, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadInput> badInputs() {
        String lenet = "/v1/models/lenet5-fashion/classify";
        return List.of(
                new BadInput("empty body", h -> h.post(lenet, "image/png", new byte[0]), 400, "empty-image"),
                new BadInput("empty multipart part", h -> h.postMultipart(lenet, "image", "x.png", new byte[0]), 400,
                        "empty-image"),
                new BadInput("not an image", h -> h.post(lenet, "image/png", fixture("not-an-image.txt")), 400,
                        "not-an-image"),
                new BadInput("truncated PNG", h -> h.post(lenet, "image/png", fixture("truncated.png")), 400,
                        "truncated-image"),
                new BadInput("truncated JPEG", h -> h.post(lenet, "image/jpeg", fixture("truncated.jpg")), 400,
                        "truncated-image"),
                new BadInput("TIFF", h -> h.post(lenet, "image/tiff", fixture("rgb.tiff")), 415,
                        "unsupported-image-format"),
                new BadInput("over the byte limit, raw", h -> h.post(lenet, "image/png", new byte[1_500_000]), 413,
                        "image-too-large"),
                new BadInput("over the byte limit, multipart",
                        h -> h.postMultipart(lenet, "image", "big.png", new byte[1_500_000]), 413, "image-too-large"),
                new BadInput("over the pixel limit", h -> h.post(lenet, "image/png", blankPng(1200, 1000)), 413,
                        "too-many-pixels"),
                new BadInput("multipart without its boundary", h -> h.post(lenet, "multipart/form-data; boundary=nope",
                        "this is not multipart".getBytes()), 400, "malformed-multipart"),
                new BadInput("multipart cut off", h -> h.post(lenet, "multipart/form-data; boundary=" + Http.BOUNDARY,
                        java.util.Arrays.copyOf(Http.multipart("image", "boot.png", fixture("grey-8.png")), 200)), 400,
                        "malformed-multipart"),
                new BadInput("missing image part", h -> h.postMultipart(lenet, "file", "boot.png", fixture("grey-8.png")),
                        400, "missing-image-part"),
                new BadInput("text body", h -> h.post(lenet, "text/plain", "hello".getBytes()), 415,
                        "unsupported-media-type"),
                new BadInput("unknown model", h -> h.post("/v1/models/nope/classify", "image/png", fixture("grey-8.png")),
                        404, "unknown-model"),
                new BadInput("unknown version", h -> h.post("/v1/models/lenet5-fashion/versions/99/classify",
                        "image/png", fixture("grey-8.png")), 404, "unknown-version"),
                new BadInput("non-numeric version", h -> h.post("/v1/models/lenet5-fashion/versions/latest/classify",
                        "image/png", fixture("grey-8.png")), 404, "unknown-version"),
                new BadInput("model not ready", h -> h.post("/v1/models/broken/classify", "image/png",
                        fixture("grey-8.png")), 503, "model-not-ready"),
                new BadInput("top_k zero", h -> h.post(lenet + "?top_k=0", "image/png", fixture("grey-8.png")), 400,
                        "invalid-top-k"),
                new BadInput("top_k over the classes", h -> h.post(lenet + "?top_k=11", "image/png",
                        fixture("grey-8.png")), 400, "invalid-top-k"),
                new BadInput("top_k not a number", h -> h.post(lenet + "?top_k=five", "image/png",
                        fixture("grey-8.png")), 400, "invalid-top-k"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputGetsAProblemDocumentAndTheServiceStaysHealthy(BadInput bad) {
        HttpResponse<String> r = bad.request().apply(http);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(bad.status());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(r);
        assertThat(problem.get("type").asText()).isEqualTo("urn:cnnserve:problem:" + bad.type());
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (bad.status() == 503 || bad.status() == 429) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        }
        HttpResponse<String> good = http.post("/v1/models/lenet5-fashion/classify", "image/png", fixture("grey-8.png"));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    }

    static byte[] blankPng(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
