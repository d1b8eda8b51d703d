package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.cnnserve.ExternalTool;
import org.cnnserve.Http;
import org.cnnserve.IntegrationTest;
import org.cnnserve.Requirement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image the Dockerfile builds, run the way a careful operator runs it: read-only root
 * file system with a tmpfs on /tmp, a memory limit, host networking. It serves the model repository
 * it ships, counts the request for Prometheus, runs as its non-root user, turns healthy through its
 * own HEALTHCHECK, sizes its memory from the container's limit and writes validation reports to
 * its volume.
 *
 * <p>Needs a Docker engine and the image {@code cnnserve:test}, which {@code .ci/run} builds before
 * the tests ({@code -Dcnnserve.image=NAME} tests another). With {@code -Dcnnserve.image.build=true}
 * the test builds it from the Dockerfile first, on the public base images unless
 * {@code -Dcnnserve.image.build-image} and {@code -Dcnnserve.image.runtime-image} name others.
 * Without an engine or the image the tests are skipped, except under {@code CI=true} where they
 * fail.
 *
 * <p>The container uses the host's network (nothing is sent to a Docker bridge) on a free port,
 * and loads only LeNet-5, so that it is ready in seconds rather than after ResNet-50's load.
 */
@IntegrationTest
class ContainerImageTests {

    private static final String IMAGE = System.getProperty("cnnserve.image", "cnnserve:test");
    private static final String MODEL = "lenet5-fashion";
    private static final long MEMORY_LIMIT = 2L << 30;
    private static final String VALIDATIONS = "/var/lib/cnnserve/validations";
    private static final JsonMapper JSON = new JsonMapper();

    private static Missing missing;
    private static GenericContainer<?> container;
    private static int port;
    private static int managementPort;
    private static Http http;
    /** Actuator, on the management port the image sets. */
    private static Http management;

    @BeforeAll
    static void startTheImage() throws IOException {
        missing = whatIsMissing();
        if (missing != null) {
            return;
        }
        port = PrometheusApi.freeLoopbackPort();
        managementPort = PrometheusApi.freeLoopbackPort();
        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("host")
                .withEnv("SERVER_PORT", Integer.toString(port))
                .withEnv("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort))
                .withEnv("CNNSERVE_REGISTRY_MODELS", MODEL)
                .withEnv("CNNSERVE_VALIDATION_RUN_AT_LOAD", "false")
                .withEnv("CNNSERVE_ADMIN_TOKEN", Http.ADMIN_TOKEN) // starting a validation needs it
                .withTmpFs(Map.of("/tmp", "rw"))
                .withCreateContainerCmdModifier(create -> create.getHostConfig()
                        .withReadonlyRootfs(true)
                        .withMemory(MEMORY_LIMIT))
                .waitingFor(Wait.forLogMessage(".*Started CnnServeApplication.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        http = new Http(port, Http.ADMIN_TOKEN);
        management = new Http(managementPort);
        Awaitility.await("readiness of the container on 127.0.0.1:" + managementPort)
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> management.get("/actuator/health/readiness").statusCode() == 200);
    }

    /** Here rather than in startTheImage, so that each test shows why it was skipped. */
    @BeforeEach
    void skipOrFailWithoutTheImage() {
        if (missing != null) {
            Requirement.unavailable(missing.what(), missing.remedy());
        }
    }

    @AfterAll
    static void stopTheImage() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void classifiesWithTheModelRepositoryTheImageShips() {
        HttpResponse<String> answer = classifyAnkleBoot();

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("predictions").path(0).path("label").asString())
                .isEqualTo("Ankle boot");
    }

    @Test
    void servesOnTheOnnxEngineAndLoadsTheOneDnnBuildItCarries() {
        HttpResponse<String> model = http.get("/v1/models/" + MODEL);

        assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
        assertThat(JSON.readTree(model.body()).path("versions").path(0).path("engine").asString())
                .as(model.body()).isEqualTo("onnx");
        assertThat(container.getLogs()).contains("HAVE_ONEDNN")
                .containsPattern("libnd4j build linux-x86_64-onednn-avx2; OpenBLAS kernels \\w+");
    }

    @Test
    void countsTheClassificationOnThePrometheusEndpoint() {
        assertThat(classifyAnkleBoot().statusCode()).isEqualTo(200);

        String scrape = management.get("/actuator/prometheus").body();
        assertThat(sample(scrape, "cnnserve_requests_total{model=\"" + MODEL + "\",outcome=\"success\",version=\"1\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    /**
     * The compose stack's Prometheus configuration against the container: the second half of what
     * {@code docker compose up} starts, without the compose network this machine may not use
     * (see {@link ComposePrometheus}).
     */
    @Test
    void theComposeStacksPrometheusScrapesItAndEvaluatesEveryRule() throws IOException {
        long rules = Files.readAllLines(ComposePrometheus.RULES).stream()
                .filter(line -> line.strip().startsWith("- alert:") || line.strip().startsWith("- record:")).count();
        assertThat(classifyAnkleBoot().statusCode()).isEqualTo(200);

        try (ComposePrometheus prometheus = ComposePrometheus.start("127.0.0.1:" + managementPort)) {
            String job = "job=\"cnnserve\",instance=\"127.0.0.1:" + managementPort + "\"";
            Awaitility.await("the first scrape of the container").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> prometheus.api().value("up{" + job + "}"), value -> value == 1);
            assertThat(prometheus.api().value("cnnserve_model_state{" + job + ",model=\"" + MODEL
                    + "\",state=\"ready\"}")).isEqualTo(1);
            assertThat(prometheus.api().value("sum(cnnserve_requests_total{" + job + ",outcome=\"success\"})"))
                    .isGreaterThanOrEqualTo(1);
            // Each rule reports "unknown" until its group's first evaluation (every 15 s), then "ok"
            // or "err": a rule whose query Prometheus cannot run would stay at "err".
            Awaitility.await("every rule evaluated without error").atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        List<String> health = new ArrayList<>();
                        prometheus.api().rules().forEach(group -> group.path("rules").forEach(rule -> health.add(
                                rule.path("name").asString() + "=" + rule.path("health").asString()
                                        + rule.path("lastError").asString(""))));
                        assertThat(health).as(prometheus.log()).hasSize((int) rules)
                                .allMatch(rule -> rule.endsWith("=ok"));
                    });
        }
    }

    @Test
    void runsAsTheNonRootUserTheImageDeclares() throws Exception {
        assertThat(container.getContainerInfo().getConfig().getUser()).isEqualTo("10001:0");

        ExecResult id = container.execInContainer("id", "-u");
        assertThat(id.getStdout().strip()).isEqualTo("10001");
    }

    @Test
    void turnsHealthyThroughItsOwnHealthcheck() {
        DockerClient docker = DockerClientFactory.instance().client();
        // The HEALTHCHECK runs every 10 s; the first run after readiness reports healthy.
        Awaitility.await("the HEALTHCHECK reporting healthy").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> health(docker.inspectContainerCmd(container.getContainerId()).exec()), "healthy"::equals);
    }

    @Test
    void sizesTheHeapAndTheNativeMemoryCeilingFromTheContainersLimit() {
        String scrape = management.get("/actuator/prometheus").body();

        // The Dockerfile gives the heap 40% of the limit and JavaCPP 225% of the heap: 90% in all.
        assertThat(sample(scrape, "jvm_memory_max_bytes{area=\"heap\",id=\"G1 Old Gen\"}"))
                .isCloseTo(0.40 * MEMORY_LIMIT, withinPercentage(3));
        assertThat(sample(scrape, "cnnserve_offheap_max_bytes")).isCloseTo(0.90 * MEMORY_LIMIT, withinPercentage(3));
    }

    @Test
    void storesValidationReportsInItsVolumeWhileTheRootFileSystemIsReadOnly() throws Exception {
        assertThat(container.getContainerInfo().getHostConfig().getReadonlyRootfs()).isTrue();

        HttpResponse<String> started = http.post("/v1/models/" + MODEL + "/validations", "application/json",
                "{\"dataset\": \"fashion-mnist\", \"limit\": 200}".getBytes());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String job = started.headers().firstValue("Location").orElseThrow();
        Awaitility.await("validation job " + job).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> JSON.readTree(http.get(job).body()).path("state").asString(), "SUCCEEDED"::equals);

        ExecResult reports = container.execInContainer("ls", VALIDATIONS + "/" + MODEL + "/1/validations");
        assertThat(reports.getStdout()).as(reports.getStderr()).contains("fashion-mnist.json");
    }

    private static HttpResponse<String> classifyAnkleBoot() {
        try {
            return http.post("/v1/models/" + MODEL + "/classify", "image/png",
                    Files.readAllBytes(Path.of("examples", "ankle-boot.png")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String health(InspectContainerResponse inspection) {
        InspectContainerResponse.ContainerState state = inspection.getState();
        return state.getHealth() == null ? "none" : state.getHealth().getStatus();
    }

    /** The value of one series in a Prometheus text scrape; fails when the series is absent. */
    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** What keeps the tests from running, if anything: an engine, or the image (built first if asked). */
    private static Missing whatIsMissing() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return new Missing("no Docker engine answers", "start one (.ci/docker.sh start)");
        }
        if (Boolean.getBoolean("cnnserve.image.build")) {
            buildImage();
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            return null;
        } catch (NotFoundException e) {
            return new Missing("the image " + IMAGE + " does not exist",
                    "build it (.ci/docker-base.sh, then docker build as .ci/run does) or pass -Dcnnserve.image.build=true");
        }
    }

    private record Missing(String what, String remedy) {
    }

    /**
     * {@code docker build} as .ci/run runs it, on the legacy builder: a Docker 23+ client without the
     * buildx plugin refuses BuildKit builds, and the Dockerfile needs nothing of BuildKit.
     */
    private static void buildImage() {
        ExternalTool docker = ExternalTool.require("docker");
        List<String> command = new ArrayList<>(List.of("DOCKER_BUILDKIT=0", docker.executable().toString(),
                "build", "--network", "host", "-t", IMAGE));
        for (String[] arg : new String[][] {{"BUILD_IMAGE", "cnnserve.image.build-image"},
                {"RUNTIME_IMAGE", "cnnserve.image.runtime-image"}}) {
            String value = System.getProperty(arg[1]);
            if (value != null) {
                command.addAll(List.of("--build-arg", arg[0] + "=" + value));
            }
        }
        command.add(".");
        ExternalTool.Result build = ExternalTool.require("env").run(Duration.ofMinutes(30), command.toArray(String[]::new));
        assertThat(build.exitCode()).as(build.describe()).isZero();
    }
}
