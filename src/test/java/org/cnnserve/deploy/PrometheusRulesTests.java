package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cnnserve.ExternalTool;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Prometheus files under deploy/prometheus: checked by promtool (they parse, and the alerts fire
 * and stay quiet as alerts.test.yml says), and held to the metrics contract.
 */
@IntegrationTest
class PrometheusRulesTests {

    // promtool answers in well under a second; the margin is for a loaded CI machine.
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // Looked up per test rather than in @BeforeAll: a skip in @BeforeAll shows in Surefire's report
    // as no tests run at all, not as skipped ones.
    private static ExternalTool promtool() {
        return ExternalTool.require("promtool");
    }

    @Test
    void alertAndRecordingRulesAreValid() {
        assertSucceeds(promtool().run(TIMEOUT, "check", "rules", "deploy/prometheus/alerts.yml"));
    }

    @Test
    void alertsFireOnlyWhenTheirUnitTestsSayTheyShould() {
        assertSucceeds(promtool().run(TIMEOUT, "test", "rules", "deploy/prometheus/alerts.test.yml"));
    }

    @Test
    void composeScrapeConfigIsValidAndFindsItsRules() {
        ExternalTool.Result result = promtool().run(TIMEOUT, "check", "config", "deploy/prometheus/prometheus.yml");
        assertSucceeds(result);
        // check config passes with no rule files at all; make sure the alerts are really loaded.
        assertThat(result.output()).as(result::describe)
                .containsPattern("Checking deploy/prometheus/alerts.yml\\s+SUCCESS: [1-9][0-9]* rules found");
    }

    /**
     * A misspelt metric makes an alert that never fires, and the unit tests cannot see it when the
     * synthetic series carry the same misspelling; so both files are held to the contract.
     */
    @Test
    void rulesAndTheirTestSeriesReadOnlyContractMetrics() throws IOException {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (String file : new String[] {"deploy/prometheus/alerts.yml", "deploy/prometheus/alerts.test.yml"}) {
            JsonNode root = new YAMLMapper().readTree(Files.readString(Path.of(file)));
            collectUnknownMetrics(file, root, unknown);
        }
        assertThat(unknown).isEmpty();
    }

    private static void collectUnknownMetrics(String where, JsonNode node, Map<String, Set<String>> unknown) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isString() && (field.getKey().equals("expr") || field.getKey().equals("series"))) {
                Set<String> bad = MetricsContract.unknownMetricsIn(value.asString());
                if (!bad.isEmpty()) {
                    unknown.put(where + ": " + value.asString(), bad);
                }
            }
        }
        for (JsonNode child : node) {
            collectUnknownMetrics(where, child, unknown);
        }
    }

    private static void assertSucceeds(ExternalTool.Result result) {
        assertThat(result.exitCode()).as(result::describe).isZero();
    }
}
