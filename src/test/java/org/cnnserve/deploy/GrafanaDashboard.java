package org.cnnserve.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cnnserve Grafana dashboard as the tests see it: its panels, and the PromQL each one sends.
 * Shared by the dashboard's own checks and by tests that run its queries against a live Prometheus.
 */
final class GrafanaDashboard {

    static final Path FILE = Path.of("deploy/grafana/dashboards/cnnserve.json");

    /**
     * Values that turn the dashboard's variables into plain PromQL: every model, and windows long
     * enough for rate() to see two samples at the compose stack's 5s scrape interval.
     */
    static final Map<String, String> DEFAULT_VARIABLES =
            Map.of("model", ".*", "__rate_interval", "1m", "__range", "1h", "__interval", "15s");

    // $name, ${name} and ${name:format}, Grafana's forms of a variable reference.
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)");

    private GrafanaDashboard() {
    }

    /** One query of one panel. */
    record Query(String panelTitle, String refId, String expression) {

        /** The expression with {@link #DEFAULT_VARIABLES} put in. */
        String concrete() {
            return withVariables(expression, DEFAULT_VARIABLES);
        }
    }

    static JsonNode read() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** Every panel, rows included, with the panels of collapsed rows (which Grafana nests in the row). */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /** Every (panel title, expression) pair of the dashboard, in panel order. */
    static List<Query> queries() {
        return queries(read());
    }

    static List<Query> queries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asString(), target.path("refId").asString(),
                        target.path("expr").asString()));
            }
        }
        return queries;
    }

    /** {@code expression} with each variable replaced; a variable missing from {@code values} is an error. */
    static String withVariables(String expression, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(
                        "no value for the Grafana variable $" + name + " in " + expression + "; known: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
