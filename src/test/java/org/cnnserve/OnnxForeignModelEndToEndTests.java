package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a repository that holds only a model another framework wrote (model.yaml,
 * labels.txt and 1/model.onnx from src/test/resources/foreign/make_fashion_cnn.py, PyTorch), and a copy
 * whose model.yaml says 3 channels: the first is READY and answers as PyTorch does, the second is FAILED
 * with what differs, and the first keeps serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class OnnxForeignModelEndToEndTests {

    private static final Path FOREIGN = Path.of("src/test/resources/foreign/fashion-cnn");
    private static final Path REPOSITORY = repository();
    private static final JsonMapper JSON = new JsonMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
    }

    @LocalServerPort
    int port;

    Http http;

    /** Only the files a user would bring: model.yaml, labels.txt, 1/model.onnx; and a mismatched copy. */
    private static Path repository() {
        try {
            Path root = Files.createTempDirectory("cnnserve-onnx-models");
            for (String name : new String[] {"fashion-cnn", "fashion-cnn-rgb"}) {
                Path model = Files.createDirectories(root.resolve(name).resolve("1"));
                Files.copy(FOREIGN.resolve("1/model.onnx"), model.resolve("model.onnx"));
                Files.copy(FOREIGN.resolve("labels.txt"), model.resolveSibling("labels.txt"));
            }
            String yaml = Files.readString(FOREIGN.resolve("model.yaml"));
            Files.writeString(root.resolve("fashion-cnn/model.yaml"), yaml);
            Files.writeString(root.resolve("fashion-cnn-rgb/model.yaml"), yaml.replace("channels: 1", "channels: 3")
                    .replace("color: grey", "color: rgb").replace("mean: [0.286]", "mean: [0.286, 0.286, 0.286]")
                    .replace("std: [0.353]", "std: [0.353, 0.353, 0.353]"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void waitUntilBothSettle() {
        http = new Http(port);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> !state("fashion-cnn").equals("LOADING") && !state("fashion-cnn-rgb").equals("LOADING"));
    }

    private String state(String model) {
        var response = http.get("/v1/models/" + model);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("state").asText() : "LOADING";
    }

    @Test
    void theForeignModelAnswersAsPyTorchDoesAndTheMismatchedCopyFailsWithTheReason() throws IOException {
        JsonNode expected = JSON.readTree(FOREIGN.resolve("expected.json").toFile());
        JsonNode good = JSON.readTree(http.get("/v1/models/fashion-cnn").body());
        JsonNode bad = JSON.readTree(http.get("/v1/models/fashion-cnn-rgb").body());

        assertThat(good.get("state").asText()).isEqualTo("READY");
        assertThat(good.get("versions").get(0).get("engine").asText()).isEqualTo("onnx");
        assertThat(bad.get("state").asText()).isEqualTo("FAILED");
        assertThat(bad.get("reason").asText())
                .contains("model.onnx takes input 'input' [N,1,28,28], model.yaml says 28x28x3");

        for (int i = 0; i < expected.get("images").size(); i++) {
            int image = expected.get("images").get(i).asInt();
            var response = http.post("/v1/models/fashion-cnn/classify?top_k=10", "image/png", FashionImages.png(image));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode predictions = JSON.readTree(response.body()).get("predictions");
            assertThat(predictions.get(0).get("index").asInt()).as("image %d", image)
                    .isEqualTo(expected.get("top1").get(i).asInt());
            for (JsonNode p : predictions) {
                assertThat(p.get("probability").asDouble()).as("image %d", image).isCloseTo(
                        expected.get("probabilities").get(i).get(p.get("index").asInt()).asDouble(), within(1e-4));
            }
        }
        assertThat(http.post("/v1/models/fashion-cnn-rgb/classify", "image/png", FashionImages.png(0)).statusCode())
                .isEqualTo(503);
        assertThat(http.post("/v1/models/fashion-cnn/classify", "image/png", FashionImages.png(0)).statusCode())
                .as("the good model keeps serving").isEqualTo(200);
    }
}
