package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.cnnserve.FashionImages;
import org.cnnserve.Http;
import org.cnnserve.IntegrationTest;
import org.cnnserve.TestRepository;
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
 * The service's meters as an operator sees them: every meter of the metrics contract on
 * {@code /actuator/prometheus} after real traffic and a validation, and then in a real Prometheus
 * ({@code .ci/prometheus.sh start}) scraping the service: request rate, p99 from the histogram
 * buckets, the accuracy gauge, the memory gauges, and every query of the Grafana dashboard.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class PrometheusEndToEndTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion");
    private static final JsonMapper JSON = new JsonMapper();
    private static final String MODEL = "lenet5-fashion";
    private static final Set<String> GPU_ONLY = Set.of("cnnserve_gpu_memory_used_bytes",
            "cnnserve_gpu_memory_total_bytes");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
    }

    @LocalServerPort
    int port;

    Http http;
    double measuredTop1;

    /** Traffic of every outcome the service can cause on purpose, and a finished validation. */
    @BeforeAll
    void trafficAndAValidation() {
        http = new Http(port);
        http.awaitReady(Duration.ofMinutes(3));
        for (int i = 0; i < 40; i++) {
            assertThat(http.postMultipart(classify(""), "image", i + ".png", FashionImages.png(i)).statusCode())
                    .isEqualTo(200);
        }
        assertThat(http.postMultipart(classify("?top_k=0"), "image", "0.png", FashionImages.png(0)).statusCode())
                .isEqualTo(400);
        JsonNode job = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> loadJob(), j -> j != null && j.get("state").asString().equals("SUCCEEDED"));
        measuredTop1 = job.get("report").get("top1").asDouble();
    }

    @AfterAll
    void forgetTheTarget() throws IOException {
        Optional<RunningPrometheus> prometheus = RunningPrometheus.find(RunningPrometheus.SETTINGS);
        if (prometheus.isPresent()) {
            writeTargets(prometheus.get().targets(), "[]");
        }
    }

    @Test
    void everyMeterOfTheContractIsExportedWithItsTags() {
        String scrape = http.get("/actuator/prometheus").body();

        Set<String> missing = new TreeSet<>(MetricsContract.NAMES);
        missing.removeAll(GPU_ONLY);
        missing.removeAll(MetricsContract.metricsIn(scrape));
        assertThat(missing).as("contract meters absent from /actuator/prometheus").isEmpty();
        String tags = "model=\"" + MODEL + "\",version=\"1\"";
        assertThat(sample(scrape, "cnnserve_requests_total{model=\"" + MODEL + "\",outcome=\"success\",version=\"1\"}"))
                .isGreaterThanOrEqualTo(40);
        assertThat(sample(scrape, "cnnserve_requests_total{model=\"" + MODEL
                + "\",outcome=\"client_error\",version=\"1\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "cnnserve_request_seconds_count{model=\"" + MODEL
                + "\",outcome=\"success\",version=\"1\"}")).isGreaterThanOrEqualTo(40);
        assertThat(scrape).contains("cnnserve_request_seconds_bucket{model=\"" + MODEL
                + "\",outcome=\"success\",version=\"1\",le=\"");
        assertThat(sample(scrape, "cnnserve_model_state{model=\"" + MODEL + "\",state=\"ready\",version=\"1\"}"))
                .isEqualTo(1);
        assertThat(sample(scrape, "cnnserve_model_accuracy_top1{dataset=\"fashion-mnist\"," + tags + "}"))
                .isEqualTo(measuredTop1);
        assertThat(sample(scrape, "cnnserve_model_parameter_bytes{" + tags + "}")).isEqualTo(246824);
        assertThat(sample(scrape, "cnnserve_model_macs{" + tags + "}")).isEqualTo(416520);
        assertThat(sample(scrape, "cnnserve_model_offheap_bytes{" + tags + "}")).isNotNaN();
        assertThat(sample(scrape, "cnnserve_queue_capacity{" + tags + "}")).isEqualTo(256);
        assertThat(scrape).contains("jvm_memory_used_bytes{area=\"heap\"");
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s on /actuator/prometheus", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void prometheusScrapesTheServiceAndAnswersTheOperatorsQueries() throws IOException {
        RunningPrometheus prometheus = RunningPrometheus.require();
        PrometheusApi api = new PrometheusApi(prometheus.url());
        writeTargets(prometheus.targets(), "[{\"targets\": [\"127.0.0.1:" + port + "\"]}]");
        String target = "instance=\"127.0.0.1:" + port + "\"";
        // Traffic while Prometheus scrapes every second, so that rate() sees the counters grow.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            http.postMultipart(classify(""), "image", "1.png", FashionImages.png(1));
            return api.value("sum by (model) (rate(cnnserve_requests_total{" + target + ",outcome=\"success\"}[20s]))")
                    > 0;
        });

        double p99 = api.value("histogram_quantile(0.99, sum by (le, model) (rate(cnnserve_request_seconds_bucket{"
                + target + "}[1m])))");
        assertThat(p99).isGreaterThan(0).isLessThan(10);
        assertThat(api.value("cnnserve_model_accuracy_top1{" + target + ",model=\"" + MODEL + "\"}"))
                .isEqualTo(measuredTop1);
        assertThat(api.value("cnnserve_model_parameter_bytes{" + target + ",model=\"" + MODEL + "\"}"))
                .isEqualTo(246824);
        assertThat(api.value("cnnserve_model_offheap_bytes{" + target + ",model=\"" + MODEL + "\"}")).isNotNaN();
        assertThat(api.value("cnnserve_offheap_physical_bytes{" + target + "}")).isGreaterThan(0);
        assertThat(api.value("sum(jvm_memory_used_bytes{" + target + ",area=\"heap\"})")).isGreaterThan(0);
        for (GrafanaDashboard.Query query : GrafanaDashboard.queries()) {
            JsonNode answer = api.query(query.concrete());
            assertThat(answer.get("status").asString()).as(query.panelTitle() + ": " + query.expression())
                    .isEqualTo("success");
        }
    }

    private String classify(String query) {
        return "/v1/models/" + MODEL + "/classify" + query;
    }

    private JsonNode loadJob() {
        for (JsonNode job : JSON.readTree(http.get("/v1/validations").body())) {
            if (job.get("trigger").asString().equals("load")) {
                return job;
            }
        }
        return null;
    }

    /** Written beside and renamed over, so that Prometheus never reads half a file. */
    private static void writeTargets(Path file, String json) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, json);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
