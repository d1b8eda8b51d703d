package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cnnserve.ExternalTool;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GrafanaDashboardTests {

    private static final String DATASOURCE_UID = "${datasource}";
    private static final int GRID_WIDTH = 24;

    private final JsonNode dashboard = GrafanaDashboard.read();

    private List<JsonNode> panels() {
        return GrafanaDashboard.panels(dashboard);
    }

    private static boolean isRow(JsonNode panel) {
        return "row".equals(panel.path("type").asString());
    }

    private static String name(JsonNode panel) {
        return "panel " + panel.path("id") + " \"" + panel.path("title").asString() + "\"";
    }

    @Test
    void everyPanelHasATitleAPlaceAndQueriesThroughTheDatasourceVariable() {
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : panels()) {
            if (panel.path("title").asString("").isBlank()) {
                problems.add(name(panel) + " has no title");
            }
            JsonNode grid = panel.path("gridPos");
            for (String field : List.of("x", "y", "w", "h")) {
                if (!grid.path(field).isInt()) {
                    problems.add(name(panel) + " has no gridPos." + field);
                }
            }
            if (isRow(panel)) {
                continue;
            }
            // A fixed uid would tie the dashboard to one Grafana; the variable lets any import pick its own.
            if (!DATASOURCE_UID.equals(panel.path("datasource").path("uid").asString(""))) {
                problems.add(name(panel) + " does not use the " + DATASOURCE_UID + " datasource");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(name(panel) + " has no targets");
            }
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asString("").isBlank() || target.path("refId").asString("").isBlank()) {
                    problems.add(name(panel) + " has a target without expr or refId: " + target);
                }
                JsonNode datasource = target.path("datasource");
                if (!datasource.isMissingNode() && !DATASOURCE_UID.equals(datasource.path("uid").asString(""))) {
                    problems.add(name(panel) + " target " + target.path("refId") + " uses " + datasource);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(panels()).filteredOn(p -> !isRow(p)).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void panelIdsAreUnique() {
        Set<Integer> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode panel : panels()) {
            if (!seen.add(panel.path("id").asInt())) {
                duplicates.add(name(panel) + " repeats an id");
            }
        }
        assertThat(duplicates).isEmpty();
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<JsonNode> panels = panels();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            JsonNode a = panels.get(i).path("gridPos");
            if (a.path("x").asInt() + a.path("w").asInt() > GRID_WIDTH) {
                problems.add(name(panels.get(i)) + " is wider than the grid");
            }
            for (int j = i + 1; j < panels.size(); j++) {
                if (overlap(a, panels.get(j).path("gridPos"))) {
                    problems.add(name(panels.get(i)) + " overlaps " + name(panels.get(j)));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    @Test
    void variablesPickAPrometheusDatasourceAndAnyModels() {
        Map<String, JsonNode> variables = new HashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asString(), v));
        assertThat(variables).containsKeys("datasource", "model");

        JsonNode datasource = variables.get("datasource");
        assertThat(datasource.path("type").asString()).isEqualTo("datasource");
        assertThat(datasource.path("query").asString()).isEqualTo("prometheus");

        JsonNode model = variables.get("model");
        assertThat(model.path("type").asString()).isEqualTo("query");
        assertThat(model.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE_UID);
        assertThat(model.path("query").asString()).isEqualTo("label_values(cnnserve_model_state, model)");
        assertThat(model.path("multi").asBoolean()).isTrue();
        assertThat(model.path("includeAll").asBoolean()).isTrue();
    }

    @Test
    void everyMetricTheDashboardReadsIsInTheMetricsContract() {
        Set<String> used = new TreeSet<>();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (GrafanaDashboard.Query q : GrafanaDashboard.queries(dashboard)) {
            used.addAll(MetricsContract.metricsIn(q.expression()));
            Set<String> bad = MetricsContract.unknownMetricsIn(q.expression());
            if (!bad.isEmpty()) {
                unknown.put(q.panelTitle() + " " + q.refId(), bad);
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Set<String> bad = MetricsContract.unknownMetricsIn(variable.path("query").asString(""));
            if (!bad.isEmpty()) {
                unknown.put("variable " + variable.path("name").asString(), bad);
            }
        }
        assertThat(unknown).isEmpty();
        // Guards against the check passing because it found nothing to check.
        assertThat(used).contains("cnnserve_model_accuracy_top1", "cnnserve_model_macs", "cnnserve_request_seconds_bucket");
    }

    @Test
    void variablesAreReplacedInEveryFormGrafanaWrites() {
        Map<String, String> values = Map.of("model", "a|b", "__rate_interval", "30s");
        assertThat(GrafanaDashboard.withVariables(
                "rate(x{model=~\"$model\"}[$__rate_interval]) + y{model=~\"${model}\"} + z{model=~\"${model:regex}\"}",
                values))
                .isEqualTo("rate(x{model=~\"a|b\"}[30s]) + y{model=~\"a|b\"} + z{model=~\"a|b\"}");
        assertThatThrownBy(() -> GrafanaDashboard.withVariables("x[$__range]", values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$__range");
    }

    /**
     * promtool has no "check this expression" command, but it parses every rule of a rules file;
     * each query becomes a recording rule named after its panel, so that promtool's error names it.
     */
    @Test
    @IntegrationTest
    void everyQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        ExternalTool promtool = ExternalTool.require("promtool");
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.queries(dashboard);
        for (GrafanaDashboard.Query q : queries) {
            String record = "dashboard:" + q.panelTitle().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                    + "_" + q.refId();
            // A JSON string is a valid YAML double-quoted scalar, escapes and all.
            rules.append("      - record: ").append(record).append('\n')
                    .append("        expr: ").append(json.writeValueAsString(q.concrete())).append('\n');
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

        ExternalTool.Result result = promtool.run(Duration.ofSeconds(60), "check", "rules", file.toString());

        assertThat(result.exitCode()).as(result::describe).isZero();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }
}
