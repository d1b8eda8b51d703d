package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many concurrent HTTP clients: the batcher forms batches of more than one image, and every
 * answer equals the answer the same image gets on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@IntegrationTest
class BatchingEndToEndTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion");
    private static final int CLIENTS = 24;
    private static final int IMAGES_PER_CLIENT = 8;
    private static final JsonMapper JSON = new JsonMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.registry.models", () -> "lenet5-fashion");
    }

    @LocalServerPort
    int port;

    @Test
    void concurrentRequestsFormBatchesAndGetTheirSingleImageAnswers() throws Exception {
        Http http = new Http(port);
        http.awaitReady(Duration.ofMinutes(2));
        int images = CLIENTS * IMAGES_PER_CLIENT;
        List<JsonNode> alone = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            alone.add(classify(http, i)); // one at a time: every batch has one image
        }
        String beforeMetrics = http.get("/actuator/prometheus").body();
        double batchesBefore = value(beforeMetrics, "cnnserve_batch_size_images_count");
        double imagesBefore = value(beforeMetrics, "cnnserve_batch_size_images_sum");

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<JsonNode>>> answers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            answers.add(clients.submit(() -> {
                start.await();
                List<JsonNode> mine = new ArrayList<>();
                for (int j = 0; j < IMAGES_PER_CLIENT; j++) {
                    mine.add(classify(http, client * IMAGES_PER_CLIENT + j));
                }
                return mine;
            }));
        }
        start.countDown();
        for (int c = 0; c < CLIENTS; c++) {
            List<JsonNode> mine = answers.get(c).get(2, TimeUnit.MINUTES);
            for (int j = 0; j < IMAGES_PER_CLIENT; j++) {
                assertSameAnswer(mine.get(j), alone.get(c * IMAGES_PER_CLIENT + j));
            }
        }
        clients.shutdown();

        String metrics = http.get("/actuator/prometheus").body();
        double batches = value(metrics, "cnnserve_batch_size_images_count") - batchesBefore;
        double imagesInBatches = value(metrics, "cnnserve_batch_size_images_sum") - imagesBefore;
        assertThat(imagesInBatches).isEqualTo(images);
        assertThat(imagesInBatches / batches).as("mean batch size under %d clients", CLIENTS).isGreaterThan(1.5);
        assertThat(value(metrics, "cnnserve_batch_size_images_max")).isGreaterThan(1);
    }

    @Test
    void severalImagesInOneRequestShareABatchAndAreAnsweredInOrderAsEachAlone() {
        Http http = new Http(port);
        http.awaitReady(Duration.ofMinutes(2));
        int images = 6;
        List<JsonNode> alone = new ArrayList<>();
        List<byte[]> pngs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            alone.add(classify(http, 100 + i));
            pngs.add(FashionImages.png(100 + i));
        }
        String before = http.get("/actuator/prometheus").body();

        HttpResponse<String> r = http.post("/v1/models/lenet5-fashion/classify?top_k=10",
                "multipart/form-data; boundary=" + Http.BOUNDARY, Http.multipart("image", pngs));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertThat(results).hasSize(images);
        for (int i = 0; i < images; i++) {
            assertThat(results.get(i).get("model").asText()).isEqualTo("lenet5-fashion");
            assertSameAnswer(results.get(i), alone.get(i));
        }
        String after = http.get("/actuator/prometheus").body();
        assertThat(value(after, "cnnserve_batch_size_images_count") - value(before, "cnnserve_batch_size_images_count"))
                .as("batches the request's images went in").isEqualTo(1);
        assertThat(value(after, "cnnserve_batch_size_images_sum") - value(before, "cnnserve_batch_size_images_sum"))
                .isEqualTo(images);
    }

    private static JsonNode classify(Http http, int image) {
        HttpResponse<String> r = http.post("/v1/models/lenet5-fashion/classify?top_k=10", "image/png",
                FashionImages.png(image));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void assertSameAnswer(JsonNode batched, JsonNode alone) {
        for (int k = 0; k < 10; k++) {
            JsonNode a = alone.get("predictions").get(k);
            JsonNode b = batched.get("predictions").get(k);
            if (k == 0) {
                assertThat(b.get("index").asInt()).isEqualTo(a.get("index").asInt());
            }
            assertThat(b.get("probability").asDouble()).isCloseTo(
                    probabilityOf(alone, b.get("index").asInt()), within(1e-5));
        }
    }

    private static double probabilityOf(JsonNode answer, int index) {
        for (JsonNode p : answer.get("predictions")) {
            if (p.get("index").asInt() == index) {
                return p.get("probability").asDouble();
            }
        }
        throw new AssertionError("class " + index + " missing from " + answer);
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*model=\"lenet5-fashion\"[^}]*} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in /actuator/prometheus").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
