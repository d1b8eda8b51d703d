package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.cnnserve.datasets.IdxImages;
import org.junit.jupiter.api.AfterAll;
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
 * The validation job in the running service: the accuracy it reports at load is the published one
 * (which {@link PublishedAccuracyTests} pins to what a client counts through the classify API);
 * ImageFolder data sets, bad requests, a job that fails, and results that outlive the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class ValidationEndToEndTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion");
    private static final Path DATASETS = TestDatasets.create();
    private static final Path RESULTS = temporaryFolder("cnnserve-results");
    private static final JsonMapper JSON = new JsonMapper();
    private static final String MODEL = "lenet5-fashion";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
        registry.add("cnnserve.admin.token", () -> Http.ADMIN_TOKEN); // starting validations needs it
        registry.add("cnnserve.validation.datasets-directory", DATASETS::toString);
        registry.add("cnnserve.validation.results-directory", RESULTS::toString);
    }

    @LocalServerPort
    int port;

    Http http;
    ExecutorService clients;

    @BeforeAll
    void waitUntilReady() {
        http = new Http(port, Http.ADMIN_TOKEN);
        clients = Executors.newFixedThreadPool(8);
        http.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void theAccuracyMeasuredAtLoadIsThePublishedOne() throws Exception {
        JsonNode job = awaitFinished(loadJob().get("id").asString());

        assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode report = job.get("report");
        // PublishedAccuracyTests pins these to what an independent client counts through the classify API.
        JsonNode published = JSON.readTree(REPOSITORY.resolve(MODEL).resolve("1").resolve("training.json").toFile());
        assertThat(report.get("images").asInt()).isEqualTo(10_000);
        assertThat(report.get("top1").asDouble()).isEqualTo(published.get("test_accuracy").asDouble());
        assertThat(report.get("top5").asDouble()).isEqualTo(published.get("test_top5").asDouble());
    }

    @Test
    void theReportIsStoredNextToTheVersionAndListedForTheModel() {
        awaitFinished(loadJob().get("id").asString());

        Path stored = RESULTS.resolve(MODEL).resolve("1").resolve("validations").resolve("fashion-mnist.json");
        assertThat(stored).exists();
        // Fingerprinted from the model repository although the report is kept in another folder.
        assertThat(JSON.readTree(stored.toFile()).get("weights").asString()).matches("sha256:[0-9a-f]{64}");
        JsonNode reports = json(http.get("/v1/models/" + MODEL + "/validations"));
        assertThat(reports.findValuesAsString("dataset")).contains("fashion-mnist");
    }

    @Test
    void anImageFolderIsValidatedByClassName() {
        HttpResponse<String> accepted = startValidation("{\"dataset\": \"shoes\"}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/v1/validations/" + id);
        JsonNode job = awaitFinished(id);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode report = job.get("report");
        assertThat(report.get("images").asInt()).isEqualTo(2 * TestDatasets.IMAGES_PER_CLASS);
        assertThat(report.get("per_class").findValuesAsString("label")).containsExactly("Sandal", "Ankle boot");
        assertThat(report.get("confusion").get("counts").get(9).get(9).asInt()
                + report.get("confusion").get("counts").get(9).get(5).asInt()
                + report.get("confusion").get("counts").get(9).get(7).asInt())
                .isLessThanOrEqualTo(TestDatasets.IMAGES_PER_CLASS);
        assertThat(job.get("done").asInt()).isEqualTo(job.get("total").asInt());
    }

    @Test
    void aLimitValidatesTheFirstImagesOnly() {
        String id = json(startValidation("{\"dataset\": \"fashion-mnist\", \"limit\": 300}")).get("id").asString();

        JsonNode job = awaitFinished(id);
        assertThat(job.get("report").get("images").asInt()).isEqualTo(300);
        assertThat(job.get("total").asInt()).isEqualTo(300);
    }

    @Test
    void badRequestsAreProblemDocuments() {
        assertProblem(startValidation("{\"dataset\": \"no-such-set\"}"), 422, "unknown-dataset");
        assertProblem(startValidation("{\"dataset\": \"../models\"}"), 422, "unknown-dataset");
        assertProblem(startValidation("{\"dataset\": \"pets\"}"), 422, "label-mismatch");
        assertProblem(startValidation("{\"dataset\": \"empty-files\"}"), 422, "unreadable-dataset");
        assertProblem(startValidation("{}"), 400, "invalid-validation");
        assertProblem(startValidation("{\"dataset\": \"shoes\", \"limit\": -1}"), 400, "invalid-validation");
        assertProblem(startValidation("not json"), 400, "bad-request");
        assertProblem(http.post("/v1/models/nope/validations", "application/json",
                "{\"dataset\": \"shoes\"}".getBytes(StandardCharsets.UTF_8)), 404, "unknown-model");
        assertProblem(http.post("/v1/models/broken/validations", "application/json",
                "{\"dataset\": \"shoes\"}".getBytes(StandardCharsets.UTF_8)), 503, "model-not-ready");
        assertProblem(http.get("/v1/validations/no-such-job"), 404, "unknown-validation");
    }

    @Test
    void aJobThatFailsEndsFailedWithItsReasonAndTheServiceStaysHealthy() {
        String id = json(startValidation("{\"dataset\": \"corrupt\"}")).get("id").asString();

        JsonNode job = awaitFinished(id);
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("reason").asString()).contains("not-an-image.png");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> classify = http.postMultipart("/v1/models/" + MODEL + "/classify", "image", "0.png",
                FashionImages.png(0));
        assertThat(classify.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> startValidation(String body) {
        return http.post("/v1/models/" + MODEL + "/validations", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode loadJob() {
        return Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> {
            for (JsonNode job : json(http.get("/v1/validations"))) {
                if (job.get("trigger").asString().equals("load") && job.get("model").asString().equals(MODEL)) {
                    return job;
                }
            }
            return null;
        }, j -> j != null);
    }

    private JsonNode awaitFinished(String id) {
        return Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> json(http.get("/v1/validations/" + id)),
                        j -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(j.get("state").asString()));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("type").asString()).isEqualTo("urn:cnnserve:problem:" + slug);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
