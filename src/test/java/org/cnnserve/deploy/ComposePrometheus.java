package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus of docker-compose.yml, run as a process rather than as the compose service: the
 * stack's own {@code deploy/prometheus/prometheus.yml} and {@code alerts.yml}, mounted side by side
 * as the compose file mounts them, with one change: the scrape target {@code cnnserve:8080} (a
 * name only the compose network resolves) becomes the address given. The Prometheus is the one on
 * PATH ({@code .ci/run} installs it), listening on a free loopback port, its data in a temporary
 * directory that {@link #close()} removes.
 */
final class ComposePrometheus implements AutoCloseable {

    static final Path CONFIG = Path.of("deploy", "prometheus", "prometheus.yml");
    static final Path RULES = Path.of("deploy", "prometheus", "alerts.yml");
    private static final String COMPOSE_TARGET = "\"cnnserve:8080\"";
    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path directory;
    private final Process process;
    private final String url;

    private ComposePrometheus(Path directory, Process process, String url) {
        this.directory = directory;
        this.process = process;
        this.url = url;
    }

    /** Starts it scraping {@code target} (host:port) and waits until it is ready. */
    static ComposePrometheus start(String target) throws IOException {
        ExternalTool prometheus = ExternalTool.require("prometheus");
        String config = Files.readString(CONFIG);
        assertThat(config).as(CONFIG + " scrapes the compose service by name").containsOnlyOnce(COMPOSE_TARGET);
        Path directory = Files.createTempDirectory("compose-prometheus-");
        Files.writeString(directory.resolve("prometheus.yml"), config.replace(COMPOSE_TARGET, "\"" + target + "\""));
        Files.copy(RULES, directory.resolve("alerts.yml"));
        int port = freePort();
        Process process = new ProcessBuilder(prometheus.executable().toString(),
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
        ComposePrometheus started = new ComposePrometheus(directory, process, "http://127.0.0.1:" + port);
        try {
            Awaitility.await("Prometheus ready on " + started.url).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(process.isAlive()).as("Prometheus exited: %s", started.log()).isTrue();
                        return started.status("/-/ready") == 200;
                    });
            return started;
        } catch (RuntimeException | AssertionError e) {
            started.close();
            throw e;
        }
    }

    /** The single value an instant query gives, or NaN when it gives none. */
    double value(String promql) {
        JsonNode result = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data").path("result");
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    /** {@code /api/v1/rules}: the rule groups it loaded and how each rule last evaluated. */
    JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    String log() {
        try {
            return Files.readString(directory.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(String path) {
        try {
            return send(path).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
