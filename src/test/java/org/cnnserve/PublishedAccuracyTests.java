package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every published accuracy, to the image: for each shipped version with trained weights, all 10,000
 * committed Fashion-MNIST test images go through the running service's classify API with
 * {@code top_k=5}, from {@link IndependentFashionClient} (no code shared with the service's readers,
 * decoders or preprocessing), and the counts of correct top-1 and top-5 answers equal those the
 * version's {@code training.json} and the table in docs/models.md state, and the highest version
 * reaches its model's alert floor. One application serves every version ({@code version_policy:
 * all} in the test repository), 8 clients at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class PublishedAccuracyTests {

    private static final Path SHIPPED = Path.of("models");
    private static final Path REPOSITORY = servingEveryVersion();
    private static final JsonMapper JSON = new JsonMapper();
    private static final int CLIENTS = 8;

    record Version(String model, int version) {
        Path directory() {
            return SHIPPED.resolve(model).resolve(Integer.toString(version));
        }

        @Override
        public String toString() {
            return model + "/" + version;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.registry.strict-readiness", () -> "false");
        registry.add("cnnserve.validation.run-at-load", () -> "false");
    }

    @LocalServerPort
    int port;

    Http http;
    ExecutorService clients;
    IndependentFashionClient test;

    @BeforeAll
    void start() throws IOException {
        http = new Http(port);
        clients = Executors.newFixedThreadPool(CLIENTS);
        test = IndependentFashionClient.testSplit();
        assertThat(test.count()).isEqualTo(10_000);
        http.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    /** Every models/NAME/N folder with weights and a training record. */
    static List<Version> shippedVersions() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED, 3)) {
            return files.filter(f -> f.getFileName().toString().equals("training.json"))
                    .filter(f -> Files.isRegularFile(f.resolveSibling("model.zip")))
                    .map(f -> new Version(f.getParent().getParent().getFileName().toString(),
                            Integer.parseInt(f.getParent().getFileName().toString())))
                    .sorted(Comparator.comparing(Version::toString))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedVersions")
    void theTestSplitGivesThePublishedTop1AndTop5ToTheImage(Version v) throws Exception {
        long start = System.nanoTime();
        int[] correct = classifyAll(v);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: top-1 %d, top-5 %d of %d (%.1f s, %.0f requests/s)%n", v, correct[0],
                correct[1], test.count(), seconds, test.count() / seconds);

        JsonNode record = JSON.readTree(v.directory().resolve("training.json").toFile());
        assertThat(correct[0]).as("top-1 count").isEqualTo(record.get("test_correct_top1").asInt());
        assertThat(correct[1]).as("top-5 count").isEqualTo(record.get("test_correct_top5").asInt());
        assertThat(record.get("test_accuracy").asDouble()).isEqualTo(correct[0] / 10_000.0);
        assertThat(record.get("test_top5").asDouble()).isEqualTo(correct[1] / 10_000.0);
        assertTheFloorHolds(v, correct[0]);
        assertThat(Files.readString(Path.of("docs", "models.md"))).as("docs/models.md accuracy table")
                .contains(String.format(Locale.ROOT, "| `%s` | %d | %.4f | %.4f |", v.model(), v.version(),
                        correct[0] / 10_000.0, correct[1] / 10_000.0));
    }

    /**
     * The alert floor in the shipped model.yaml ({@code validation.min_top1}) is one the version
     * served by default, the highest, reaches: else the alert would fire on a fresh start.
     */
    private static void assertTheFloorHolds(Version v, int correctTop1) throws IOException {
        String yaml = Files.readString(SHIPPED.resolve(v.model()).resolve("model.yaml"));
        Matcher floor = Pattern.compile("(?m)^\\s+min_top1:\\s*([0-9.]+)").matcher(yaml);
        boolean highest = shippedVersions().stream().filter(o -> o.model().equals(v.model()))
                .allMatch(o -> o.version() <= v.version());
        if (highest && floor.find()) {
            assertThat(correctTop1 / 10_000.0).as("top-1 against min_top1 in model.yaml")
                    .isGreaterThanOrEqualTo(Double.parseDouble(floor.group(1)));
        }
    }

    /** The number of test images whose true class is the first answer, and the number where it is among five. */
    private int[] classifyAll(Version v) throws Exception {
        String path = "/v1/models/" + v.model() + "/versions/" + v.version() + "/classify?top_k=5";
        List<Future<int[]>> slices = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c;
            slices.add(clients.submit(() -> {
                int[] mine = new int[2];
                for (int i = first; i < test.count(); i += CLIENTS) {
                    HttpResponse<String> response = http.post(path, "image/png", test.pngs.get(i));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode answer = JSON.readTree(response.body());
                    assertThat(answer.get("version").asInt()).isEqualTo(v.version());
                    JsonNode predictions = answer.get("predictions");
                    assertThat(predictions).hasSize(5);
                    String truth = test.labels.get(i);
                    mine[0] += predictions.get(0).get("label").asString().equals(truth) ? 1 : 0;
                    for (JsonNode p : predictions) {
                        mine[1] += p.get("label").asString().equals(truth) ? 1 : 0;
                    }
                }
                return mine;
            }));
        }
        int[] correct = new int[2];
        for (Future<int[]> slice : slices) {
            correct[0] += slice.get()[0];
            correct[1] += slice.get()[1];
        }
        return correct;
    }

    /** The shipped models, each configured to load every version rather than the latest only. */
    private static Path servingEveryVersion() {
        try {
            List<String> models = shippedVersions().stream().map(Version::model).distinct().toList();
            Path root = TestRepository.create(models.toArray(String[]::new));
            for (String model : models) {
                Files.writeString(root.resolve(model).resolve("model.yaml"), "\nversion_policy: all\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
