package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.cnnserve.ExternalTool;

/**
 * The Prometheus of docker-compose.yml, run as a process rather than as the compose service: the
 * stack's own {@code deploy/prometheus/prometheus.yml} and {@code alerts.yml}, mounted side by side
 * as the compose file mounts them, with one change: the scrape target {@code cnnserve:8081} (a
 * name only the compose network resolves) becomes the address given. The Prometheus is the one on
 * PATH ({@code .ci/run} installs it), listening on a free loopback port, its data in a temporary
 * directory that {@link #close()} removes.
 */
final class ComposePrometheus implements AutoCloseable {

    static final Path CONFIG = Path.of("deploy", "prometheus", "prometheus.yml");
    static final Path RULES = Path.of("deploy", "prometheus", "alerts.yml");
    private static final String COMPOSE_TARGET = "\"cnnserve:8081\"";

    private final Path directory;
    private final Process process;
    private final PrometheusApi api;

    private ComposePrometheus(Path directory, Process process, PrometheusApi api) {
        this.directory = directory;
        this.process = process;
        this.api = api;
    }

    /** Starts it scraping {@code target} (host:port) and waits until it is ready. */
    static ComposePrometheus start(String target) throws IOException {
        ExternalTool prometheus = ExternalTool.require("prometheus");
        String config = Files.readString(CONFIG);
        assertThat(config).as(CONFIG + " scrapes the compose service by name").containsOnlyOnce(COMPOSE_TARGET);
        Path directory = Files.createTempDirectory("compose-prometheus-");
        Files.writeString(directory.resolve("prometheus.yml"), config.replace(COMPOSE_TARGET, "\"" + target + "\""));
        Files.copy(RULES, directory.resolve("alerts.yml"));
        int port = PrometheusApi.freeLoopbackPort();
        Process process = new ProcessBuilder(prometheus.executable().toString(),
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
        ComposePrometheus started = new ComposePrometheus(directory, process,
                new PrometheusApi("http://127.0.0.1:" + port));
        try {
            Awaitility.await("Prometheus ready on " + started.api.url()).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(process.isAlive()).as("Prometheus exited: %s", started.log()).isTrue();
                        return started.api.status("/-/ready") == 200;
                    });
            return started;
        } catch (RuntimeException | AssertionError e) {
            started.close();
            throw e;
        }
    }

    /** Its HTTP API. */
    PrometheusApi api() {
        return api;
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
}
