package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnserve.Requirement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders {@code helm/cnnserve} with Helm itself (helm-java embeds it as a native library) and checks
 * the manifests against what the image and the service need: the actuator probes, the hardening
 * the Dockerfile allows, a grace period longer than the drain, and the GPU, autoscaling and
 * monitoring options. Nothing is installed: there is no cluster here.
 */
class HelmChartTests {

    private static final Path CHART = Path.of("helm/cnnserve");

    private static final YAMLMapper YAML = new YAMLMapper();

    /** What docs/deployment.md shows for a GPU deployment, plus every optional object. */
    private static final Map<String, Object> GPU_VALUES = Map.of(
            "gpu.enabled", true,
            "gpu.count", 2,
            "autoscaling.enabled", true,
            "autoscaling.metric", "queue",
            "metrics.serviceMonitor.enabled", true,
            "pdb.enabled", true);

    @Test
    void everyDocumentIsAKubernetesObjectWithAName() {
        for (Map<String, Object> values : List.of(Map.<String, Object>of(), GPU_VALUES)) {
            assertThat(render(values)).allSatisfy(document -> {
                assertThat(document.path("apiVersion").asString()).as("apiVersion of %s", document).isNotBlank();
                assertThat(document.path("kind").asString()).as("kind of %s", document).isNotBlank();
                assertThat(document.at("/metadata/name").asString()).as("name of %s", document).isNotBlank();
            });
        }
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnTheManagementPort() {
        JsonNode container = container(render(Map.of()));
        assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).at("/httpGet/port").asString()).as(probe).isEqualTo("management");
        }
        assertThat(container.at("/ports/1/name").asString()).isEqualTo("management");
        assertThat(container.at("/ports/1/containerPort").asInt()).isEqualTo(8081);
        assertThat(env(container, "MANAGEMENT_SERVER_PORT")).contains("8081");
        // Models load for minutes: the startup probe must allow that before liveness may restart the pod.
        JsonNode startup = container.path("startupProbe");
        assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt())
                .isGreaterThanOrEqualTo(300);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    }

    @Test
    void containerRunsHardenedWithAWritableTmpAndTheReportsVolume() {
        List<JsonNode> documents = render(Map.of());
        JsonNode security = container(documents).path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.at("/capabilities/drop").values()).extracting(JsonNode::asString).containsExactly("ALL");
        assertThat(security.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
        assertThat(container(documents).path("volumeMounts").values()).extracting(m -> m.path("mountPath").asString())
                .contains("/tmp", "/var/lib/cnnserve/validations", "/config");
    }

    @Test
    void gracePeriodOutlastsThePreStopSleepAndTheDrain() {
        List<JsonNode> documents = render(Map.of());
        JsonNode pod = kind(documents, "Deployment").at("/spec/template/spec");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(65);
        assertThat(container(documents).at("/lifecycle/preStop/exec/command/0").asString()).isEqualTo("sleep");
    }

    @Test
    void defaultsRequestCpuAndMemoryAndNoGpu() {
        List<JsonNode> documents = render(Map.of());
        JsonNode container = container(documents);
        assertThat(container.at("/resources/requests/memory").asString()).isNotBlank();
        assertThat(container.at("/resources/limits/memory").asString()).isNotBlank();
        assertThat(container.at("/resources/limits").has("nvidia.com/gpu")).isFalse();
        assertThat(env(container, "CNNSERVE_SERVING_DEVICES")).isEmpty();
        assertThat(find(documents, "ServiceMonitor")).isEmpty();
        assertThat(find(documents, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(find(documents, "PodDisruptionBudget")).isEmpty();
    }

    @Test
    void gpuValuesAskForTheGpusAndServeOnEachOfThem() {
        JsonNode container = container(render(GPU_VALUES));
        assertThat(container.at("/resources/limits").path("nvidia.com/gpu").asInt()).isEqualTo(2);
        assertThat(env(container, "CNNSERVE_SERVING_DEVICES")).contains("gpu:0,gpu:1");
        assertThat(container.path("image").asString()).endsWith("-cuda");
    }

    @Test
    void serviceSendsPort80ToTheContainersHttpPort() {
        JsonNode port = kind(render(Map.of()), "Service").at("/spec/ports/0");
        assertThat(port.path("port").asInt()).isEqualTo(80);
        assertThat(port.path("targetPort").asString()).isEqualTo("http");
        assertThat(port.path("name").asString()).isEqualTo("http");
    }

    @Test
    void podsAndServiceMonitorPointPrometheusAtTheActuatorEndpoint() {
        List<JsonNode> documents = render(GPU_VALUES);
        assertThat(kind(documents, "ServiceMonitor").at("/spec/endpoints/0/path").asString())
                .isEqualTo("/actuator/prometheus");
        assertThat(kind(documents, "ServiceMonitor").at("/spec/endpoints/0/port").asString()).isEqualTo("management");
        JsonNode management = kind(documents, "Service").at("/spec/ports/1");
        assertThat(management.path("name").asString()).isEqualTo("management");
        assertThat(management.path("targetPort").asString()).isEqualTo("management");
        JsonNode annotations = kind(documents, "Deployment").at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asString()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/path").asString()).isEqualTo("/actuator/prometheus");
        assertThat(annotations.path("prometheus.io/port").asString()).isEqualTo("8081");
    }

    @Test
    void autoscalerScalesOnCpuByDefaultAndOnQueueDepthWhenAsked() {
        JsonNode cpu = kind(render(Map.of("autoscaling.enabled", true)), "HorizontalPodAutoscaler").at("/spec/metrics/0");
        assertThat(cpu.path("type").asString()).isEqualTo("Resource");
        assertThat(cpu.at("/resource/name").asString()).isEqualTo("cpu");
        JsonNode queue = kind(render(GPU_VALUES), "HorizontalPodAutoscaler").at("/spec/metrics/0");
        assertThat(queue.path("type").asString()).isEqualTo("Pods");
        assertThat(queue.at("/pods/metric/name").asString()).isEqualTo("cnnserve_queue_depth");
        assertThat(queue.at("/pods/target/type").asString()).isEqualTo("AverageValue");
    }

    @Test
    void autoscalerScalesOnReplicaUtilisationWhenAsked() {
        JsonNode utilisation = kind(render(Map.of("autoscaling.enabled", true, "autoscaling.metric", "utilisation")),
                "HorizontalPodAutoscaler").at("/spec/metrics/0");
        assertThat(utilisation.path("type").asString()).isEqualTo("Pods");
        assertThat(utilisation.at("/pods/metric/name").asString()).isEqualTo("cnnserve_replica_utilisation");
        assertThat(utilisation.at("/pods/target/type").asString()).isEqualTo("AverageValue");
        assertThat(utilisation.at("/pods/target/averageValue").asString()).isEqualTo("0.7");
    }

    @Test
    void disruptionBudgetKeepsOnePodWhenEnabled() {
        JsonNode pdb = kind(render(GPU_VALUES), "PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels").isEmpty()).isFalse();
    }

    @Test
    void modelSelectionAndConfigReachSpringThroughTheConfigMap() {
        List<JsonNode> documents = render(Map.of("models.selection[0]", "lenet5-fashion"));
        String application = kind(documents, "ConfigMap").at("/data/application.yaml").asString();
        assertThat(YAML.readTree(application).at("/cnnserve/registry/models/0").asString()).isEqualTo("lenet5-fashion");
        assertThat(env(container(documents), "SPRING_CONFIG_ADDITIONAL_LOCATION")).contains("/config/");
    }

    @Test
    void schemaRejectsAGracePeriodShorterThanTheDrainAndAnUnknownMetric() {
        assertThatThrownBy(() -> render(Map.of("terminationGracePeriodSeconds", 10)))
                .hasMessageContaining("terminationGracePeriodSeconds");
        assertThatThrownBy(() -> render(Map.of("autoscaling.metric", "memory")))
                .hasMessageContaining("metric");
    }

    private static List<JsonNode> render(Map<String, Object> values) {
        String manifests = template(values).call();
        List<JsonNode> documents = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            JsonNode node = YAML.readTree(document);
            if (node != null && !node.isMissingNode() && !node.isNull()) {
                documents.add(node);
            }
        }
        assertThat(documents).as("documents rendered").isNotEmpty();
        return documents;
    }

    private static TemplateCommand template(Map<String, Object> values) {
        TemplateCommand command;
        try {
            command = new Helm(CHART).template().withName("cnnserve");
        } catch (LinkageError e) {
            return Requirement.unavailable("helm-java could not load its native Helm library (" + e + ")",
                    "run on linux-amd64, darwin or windows, which helm-java ships Helm for");
        }
        values.forEach(command::set);
        return command;
    }

    private static JsonNode container(List<JsonNode> documents) {
        return kind(documents, "Deployment").at("/spec/template/spec/containers/0");
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        return find(documents, kind).orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    private static Optional<JsonNode> find(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asString())).findFirst();
    }

    private static Optional<String> env(JsonNode container, String name) {
        return container.path("env").valueStream()
                .filter(e -> name.equals(e.path("name").asString()))
                .map(e -> e.path("value").asString())
                .findFirst();
    }
}
