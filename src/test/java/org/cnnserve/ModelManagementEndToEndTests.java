package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model management on the whole service while 16 clients classify without pause: a version folder
 * copied in at run time is loaded and takes over, the old version is unloaded with the new one serving,
 * the model is reloaded; no request is lost and none is answered 5xx. And Spring Security, there for
 * the admin token, leaves every other endpoint as it was: open, no cookie, no generated password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@IntegrationTest
class ModelManagementEndToEndTests {

    private static final Path REPOSITORY = TestRepository.create("lenet5-fashion");
    private static final String MODEL = "lenet5-fashion";
    private static final String TOKEN = "end-to-end-admin-token-0123";
    private static final int CLIENTS = 16;
    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("cnnserve.registry.repository", REPOSITORY::toString);
        registry.add("cnnserve.registry.models", () -> MODEL);
        registry.add("cnnserve.validation.run-at-load", () -> "false");
        registry.add("cnnserve.admin.token", () -> TOKEN);
        registry.add("server.address", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeAll
    void waitUntilReady() {
        http = new Http(port);
        http.awaitReady(Duration.ofMinutes(3));
    }

    private HttpResponse<String> admin(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(3)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> index() {
        JsonNode entries = JSON.readTree(admin("/v2/repository/index", "{}").body());
        return entries.valueStream().map(e -> e.get("name").asString() + ":" + e.path("version").asString("-") + ":"
                + e.get("state").asString()).filter(e -> e.startsWith(MODEL)).toList();
    }

    @Test
    void loadUnloadAndReloadWhile16ClientsClassifyLoseNoRequestAndAnswerNo5xx() throws Exception {
        byte[] image = FashionImages.png(0);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = http.postMultipart("/v1/models/" + MODEL + "/classify", "image",
                                "item.png", image);
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 200) {
                            versions.computeIfAbsent(JSON.readTree(r.body()).get("version").asString(),
                                    v -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet(); // a request with no answer: lost
                    }
                }
            }));
        }
        try {
            Path model = REPOSITORY.resolve(MODEL);
            copyVersion(model.resolve("1"), model.resolve("2"));

            assertThat(admin("/v2/repository/models/" + MODEL + "/load", "{}").statusCode()).isEqualTo(200);
            assertThat(index()).as("1 drained and released once 2 serves")
                    .containsExactly(MODEL + ":1:UNAVAILABLE", MODEL + ":2:READY");
            awaitAnswersFrom("2", versions);

            // Every version folder: 1 loads again beside 2; then 2 is unloaded while 1 serves on.
            Files.writeString(model.resolve("model.yaml"), Files.readString(model.resolve("model.yaml"))
                    + "\nversion_policy: all\n");
            assertThat(admin("/v2/repository/models/" + MODEL + "/load", "").statusCode()).isEqualTo(200);
            assertThat(index()).containsExactly(MODEL + ":1:READY", MODEL + ":2:READY");
            assertThat(admin("/v2/repository/models/" + MODEL + "/unload",
                    "{\"parameters\": {\"version\": \"2\"}}").statusCode()).isEqualTo(200);
            assertThat(index()).containsExactly(MODEL + ":1:READY", MODEL + ":2:UNAVAILABLE");
            versions.clear();
            awaitAnswersFrom("1", versions);
            assertThat(versions).containsOnlyKeys("1");
        } finally {
            running.set(false);
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();
        }

        assertThat(failures).as("requests without an answer").hasValue(0);
        assertThat(statuses).as("every answer, by status").containsOnlyKeys(200);
        assertThat(statuses.get(200).get()).isGreaterThan(CLIENTS);
    }

    @Test
    void unloadingTheModelAnswers503WithRetryAfterUntilItIsLoadedAgain() {
        assertThat(admin("/v2/repository/models/" + MODEL + "/unload", "{}").statusCode()).isEqualTo(200);
        try {
            HttpResponse<String> refused = http.postMultipart("/v1/models/" + MODEL + "/classify", "image", "item.png",
                    FashionImages.png(1));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        } finally {
            assertThat(admin("/v2/repository/models/" + MODEL + "/load", "{}").statusCode()).isEqualTo(200);
        }
        assertThat(http.postMultipart("/v1/models/" + MODEL + "/classify", "image", "item.png", FashionImages.png(1))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void everyOtherEndpointStaysOpenWithoutCookiesOrAGeneratedPassword(CapturedOutput output) {
        for (String path : List.of("/v1/models", "/v1/stats", "/", "/page.css", "/actuator/health/liveness",
                "/actuator/prometheus", "/v1/validations")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie")).as(path).isEmpty();
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path + ": no security headers added").isEmpty();
        }
        assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(http.postMultipart("/v1/models/" + MODEL + "/classify", "image", "item.png", FashionImages.png(2))
                .statusCode()).as("no CSRF token needed").isEqualTo(200);
        HttpResponse<String> unauthorised = http.post("/v2/repository/index", "application/json", "{}".getBytes());
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertThat(unauthorised.body()).contains("urn:cnnserve:problem:admin-token-required");
        assertThat(output.getAll()).doesNotContainIgnoringCase("generated security password");
    }

    private static void awaitAnswersFrom(String version, Map<String, AtomicInteger> versions) {
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> versions.containsKey(version));
    }

    private static void copyVersion(Path from, Path to) throws IOException {
        // Written beside, then moved in: the repository never shows a half-copied version folder.
        Path staging = Files.createDirectories(to.resolveSibling(".staging-" + to.getFileName()));
        Files.copy(from.resolve("model.zip"), staging.resolve("model.zip"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
