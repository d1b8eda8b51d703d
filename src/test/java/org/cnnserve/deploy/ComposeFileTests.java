package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnserve.ExternalTool;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker-compose.yml, checked without starting it (CI sends nothing to a compose network): Compose
 * accepts it, and each configuration file under deploy/ is mounted where the program reading it
 * looks, naming the services by the names the other files use for them.
 */
class ComposeFileTests {

    private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    @IntegrationTest
    void composeAcceptsTheFile() {
        ExternalTool compose = ExternalTool.require("docker-compose");

        ExternalTool.Result result = compose.run(Duration.ofMinutes(1), "-f", COMPOSE_FILE.toString(), "config", "-q");

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void prometheusFindsItsConfigurationAndRulesAndScrapesTheServiceByItsServiceName() throws IOException {
        JsonNode services = read(COMPOSE_FILE).path("services");
        Map<String, String> mounts = binds(services.path("prometheus"));
        JsonNode config = read(Path.of("deploy/prometheus/prometheus.yml"));

        assertThat(mounts).containsEntry("/etc/prometheus/prometheus.yml", "deploy/prometheus/prometheus.yml");
        for (JsonNode rules : config.path("rule_files")) {
            assertThat(mounts).containsEntry("/etc/prometheus/" + rules.asString(), "deploy/prometheus/" + rules.asString());
        }
        String target = config.path("scrape_configs").path(0).path("static_configs").path(0).path("targets").path(0)
                .asString();
        assertThat(target).as("the management port, where the image serves actuator").isEqualTo("cnnserve:8081");
        assertThat(services.has("cnnserve")).as("a service named cnnserve").isTrue();
    }

    @Test
    void theImagesServeActuatorOnThePortPrometheusScrapesAndTheirHealthchecksAsk() throws IOException {
        String target = read(Path.of("deploy/prometheus/prometheus.yml")).path("scrape_configs").path(0)
                .path("static_configs").path(0).path("targets").path(0).asString();
        for (Path dockerfile : List.of(Path.of("Dockerfile"), Path.of("Dockerfile.cuda"))) {
            String text = Files.readString(dockerfile);
            Matcher port = Pattern.compile("MANAGEMENT_SERVER_PORT=(\\d+)").matcher(text);
            assertThat(port.find()).as("%s sets MANAGEMENT_SERVER_PORT", dockerfile).isTrue();
            assertThat(target).isEqualTo("cnnserve:" + port.group(1));
            assertThat(text).as("%s exposes it and its HEALTHCHECK asks there", dockerfile)
                    .contains("EXPOSE 8080 " + port.group(1), "/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-" + port.group(1) + "}");
        }
    }

    @Test
    void grafanaFindsItsProvisioningTheDashboardsAndPrometheusByItsServiceName() throws IOException {
        JsonNode services = read(COMPOSE_FILE).path("services");
        Map<String, String> mounts = binds(services.path("grafana"));
        JsonNode provider = read(Path.of("deploy/grafana/provisioning/dashboards/cnnserve.yml"));
        JsonNode datasource = read(Path.of("deploy/grafana/provisioning/datasources/prometheus.yml"));

        assertThat(mounts).containsEntry("/etc/grafana/provisioning", "deploy/grafana/provisioning");
        assertThat(mounts).containsEntry(provider.path("providers").path(0).path("options").path("path").asString(),
                "deploy/grafana/dashboards");
        assertThat(datasource.path("datasources").path(0).path("url").asString()).isEqualTo("http://prometheus:9090");
        assertThat(services.has("prometheus")).as("a service named prometheus").isTrue();
    }

    @Test
    void everyMountedFileIsInTheRepository() throws IOException {
        for (JsonNode service : read(COMPOSE_FILE).path("services")) {
            for (String source : binds(service).values()) {
                assertThat(Path.of(source)).exists();
            }
        }
    }

    /** A service's bind mounts ("./source:/target[:mode]"), as target to source relative to the project. */
    private static Map<String, String> binds(JsonNode service) {
        Map<String, String> binds = new HashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asString().split(":");
            if (parts[0].startsWith("./")) {
                binds.put(parts[1], parts[0].substring(2));
            }
        }
        return binds;
    }

    private static JsonNode read(Path file) throws IOException {
        return YAML.readTree(Files.readString(file));
    }
}
