package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.imaging.Preprocessor;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol on the whole service with the shipped LeNet-5: metadata and health as a
 * V2 client reads them, and the same images through {@code /v1} classify and {@code /v2} infer (image
 * files as BYTES, and preprocessed FP32) giving the same probabilities, counted by the same meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class OpenInferenceEndToEndTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion");
    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String INFER = "/v2/models/lenet5-fashion/infer";
    private static final List<String> IMAGES = List.of("grey-8.png", "rgb.jpg");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeAll
    void waitUntilReady() {
        http = new Http(port);
        http.awaitReady(Duration.ofMinutes(3));
    }

    HttpResponse<byte[]> post(String path, String json, byte[] binary) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        body.writeBytes(binary);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (binary.length > 0) {
            request.header("Inference-Header-Content-Length", Integer.toString(header.length));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        String length = r.headers().firstValue("Inference-Header-Content-Length").orElse(null);
        return JSON.readTree(r.body(), 0, length == null ? r.body().length : Integer.parseInt(length));
    }

    /** The probabilities /v1 answers for one image, all ten classes, by class index. */
    float[] v1(String image) {
        HttpResponse<String> r = http.post("/v1/models/lenet5-fashion/classify?top_k=10", "image/*",
                ClassifyEndToEndTests.fixture(image));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        float[] p = new float[10];
        JSON.readTree(r.body()).get("predictions").forEach(l -> p[l.get("index").asInt()] = (float) l.get("probability")
                .asDouble());
        return p;
    }

    static byte[] lengthPrefixed(List<byte[]> elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(e.length).array());
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    @Nested
    class Metadata {

        @Test
        void theServerNamesItsExtensionsAndIsLiveAndReady() {
            HttpResponse<String> server = http.get("/v2");
            assertThat(server.statusCode()).isEqualTo(200);
            JsonNode metadata = JSON.readTree(server.body());
            assertThat(metadata.get("name").asString()).isEqualTo("cnnserve");
            assertThat(metadata.get("extensions").toString()).isEqualTo("[\"binary_tensor_data\",\"classification\"]");
            assertThat(http.get("/v2/health/live").statusCode()).isEqualTo(200);
            assertThat(http.get("/v2/health/ready").statusCode()).isEqualTo(200);
        }

        @Test
        void lenetIsDescribedWithItsInputsOutputAndPlatform() {
            HttpResponse<String> r = http.get("/v2/models/lenet5-fashion");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode model = JSON.readTree(r.body());
            assertThat(model.get("versions").toString()).isEqualTo("[\"1\"]");
            assertThat(model.get("platform").asString()).isEqualTo("onnxruntime_onnx");
            assertThat(model.get("inputs").toString()).isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\","
                    + "\"shape\":[-1,1,28,28]},{\"name\":\"image\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
            assertThat(model.get("outputs").toString()).isEqualTo("[{\"name\":\"probabilities\",\"datatype\":\"FP32\","
                    + "\"shape\":[-1,10]}]");
        }

        @Test
        void modelReadinessIs200ForAReadyModelOnly() {
            assertThat(http.get("/v2/models/lenet5-fashion/ready").statusCode()).isEqualTo(200);
            assertThat(http.get("/v2/models/lenet5-fashion/versions/1/ready").statusCode()).isEqualTo(200);
            assertThat(http.get("/v2/models/broken/ready").statusCode()).isEqualTo(400);
            assertThat(http.get("/v2/models/nope/ready").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Inference {

        @Test
        void imageFilesAsBinaryBytesGiveWhatV1GivesForEachImage() {
            List<byte[]> files = IMAGES.stream().map(ClassifyEndToEndTests::fixture).toList();
            byte[] data = lengthPrefixed(files);
            HttpResponse<byte[]> r = post(INFER, "{\"id\": \"two\", \"inputs\": [{\"name\": \"image\", \"datatype\": "
                    + "\"BYTES\", \"shape\": [2], \"parameters\": {\"binary_data_size\": " + data.length + "}}], "
                    + "\"outputs\": [{\"name\": \"probabilities\", \"parameters\": {\"binary_data\": true}}]}", data);
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode header = json(r);
            assertThat(header.get("id").asString()).isEqualTo("two");
            assertThat(header.get("model_version").asString()).isEqualTo("1");
            JsonNode output = header.get("outputs").get(0);
            assertThat(output.get("shape").toString()).isEqualTo("[2,10]");
            assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(80);
            int offset = Integer.parseInt(r.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
            ByteBuffer values = ByteBuffer.wrap(r.body(), offset, 80).order(ByteOrder.LITTLE_ENDIAN);
            for (String image : IMAGES) {
                float[] expected = v1(image);
                for (int c = 0; c < 10; c++) {
                    assertThat(values.getFloat()).as(image + " class " + c).isCloseTo(expected[c], within(1e-6f));
                }
            }
        }

        @Test
        void preprocessedFp32AsJsonGivesWhatV1GivesForTheSameImage() {
            ModelConfig config = new ModelRepository(REPOSITORY).read("lenet5-fashion").config();
            byte[] file = ClassifyEndToEndTests.fixture("rgb.png");
            float[] tensor = Preprocessor.toTensor(new ImageDecoder(new ImageLimits(10_000_000, 10_000_000))
                    .decode(file), config.preprocessing(), 28, 28);
            StringBuilder data = new StringBuilder();
            for (float v : tensor) {
                data.append(data.isEmpty() ? "" : ",").append(v);
            }
            HttpResponse<byte[]> r = post(INFER, "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", "
                    + "\"shape\": [1, 1, 28, 28], \"data\": [" + data + "]}]}", new byte[0]);
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode answer = json(r).get("outputs").get(0);
            assertThat(answer.get("datatype").asString()).isEqualTo("FP32");
            float[] expected = v1("rgb.png");
            for (int c = 0; c < 10; c++) {
                assertThat(answer.get("data").get(c).floatValue()).isCloseTo(expected[c], within(1e-6f));
            }
        }

        @Test
        void classificationNamesTheAnkleBootAsV1Does() {
            String boot = Base64.getEncoder().encodeToString(ClassifyEndToEndTests.fixture("grey-8.png"));
            HttpResponse<byte[]> r = post(INFER, "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", "
                    + "\"shape\": [1], \"data\": [\"" + boot + "\"]}], \"outputs\": [{\"name\": \"probabilities\", "
                    + "\"parameters\": {\"classification\": 3}}]}", new byte[0]);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode output = json(r).get("outputs").get(0);
            assertThat(output.get("datatype").asString()).isEqualTo("BYTES");
            assertThat(output.get("shape").toString()).isEqualTo("[1,3]");
            String top = output.get("data").get(0).asString();
            assertThat(top).endsWith(":9:Ankle boot");
            assertThat(Float.parseFloat(top.split(":")[0])).isCloseTo(v1("grey-8.png")[9], within(1e-6f));
        }

        @Test
        void requestsAreCountedByTheSameMetersAsV1() {
            double before = successes();
            String boot = Base64.getEncoder().encodeToString(ClassifyEndToEndTests.fixture("grey-8.png"));
            assertThat(post(INFER, "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], "
                    + "\"data\": [\"" + boot + "\"]}]}", new byte[0]).statusCode()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> successes() == before + 1);
        }

        double successes() {
            Matcher m = Pattern.compile("cnnserve_requests_total\\{[^}]*model=\"lenet5-fashion\",outcome=\"success\""
                    + "[^}]*} ([0-9.E]+)").matcher(http.get("/actuator/prometheus").body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }

        @Test
        void errorsAnswerTheV2FormWithTheirStatuses() {
            String boot = "{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\""
                    + Base64.getEncoder().encodeToString(ClassifyEndToEndTests.fixture("grey-8.png")) + "\"]}]}";
            assertError(post("/v2/models/nope/infer", boot, new byte[0]), 404, "no model named 'nope'");
            HttpResponse<byte[]> broken = post("/v2/models/broken/infer", boot, new byte[0]);
            assertError(broken, 503, "is FAILED");
            assertThat(broken.headers().firstValue("Retry-After")).isPresent();
            String text = Base64.getEncoder().encodeToString(ClassifyEndToEndTests.fixture("not-an-image.txt"));
            assertError(post(INFER, boot.replaceFirst("\"data\": \\[\"[^\"]*\"", "\"data\": [\"" + text + "\""),
                    new byte[0]), 400, "");
            assertError(post(INFER, "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": "
                    + "[1, 3, 28, 28], \"data\": [1]}]}", new byte[0]), 400, "has 1 values in 'data', but its shape "
                    + "holds 2352");
            assertError(post(INFER, "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": "
                    + "[1, 3, 28, 28], \"data\": [" + "0,".repeat(2351) + "0]}]}", new byte[0]), 400,
                    "takes preprocessed input of shape [N, 1, 28, 28]");
        }

        void assertError(HttpResponse<byte[]> r, int status, String message) {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(body).isEqualTo(status);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(JSON.readTree(body).get("error").asString()).contains(message).isNotBlank();
        }
    }
}
