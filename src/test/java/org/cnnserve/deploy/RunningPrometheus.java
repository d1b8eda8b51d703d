package org.cnnserve.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnserve.Requirement;

/**
 * The throwaway Prometheus that {@code .ci/prometheus.sh start} runs, found through the settings file
 * it writes: its URL and the file_sd targets file a test writes its service's address into.
 *
 * @param url     where its HTTP API answers
 * @param targets the targets file it watches
 */
record RunningPrometheus(String url, Path targets) {

    /** Where {@code .ci/prometheus.sh start} writes the settings. */
    static final Path SETTINGS = Path.of("target", "prometheus.env");

    /** The running Prometheus; skips the calling test, or fails it under CI, when none was started. */
    static RunningPrometheus require() {
        return require(SETTINGS, System.getenv());
    }

    /** As {@link #require()}, with the settings in {@code settings} and CI read from {@code environment}. */
    static RunningPrometheus require(Path settings, Map<String, String> environment) {
        return find(settings).orElseGet(() -> Requirement.unavailable("no Prometheus: " + settings + " is missing",
                "start one with .ci/prometheus.sh start (.ci/run does on CI)", environment));
    }

    /** The Prometheus that {@code settings} names, if that file exists. */
    static Optional<RunningPrometheus> find(Path settings) {
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = new HashMap<>();
            Matcher line = Pattern.compile("(?m)^(\\w+)=(.*)$").matcher(Files.readString(settings));
            while (line.find()) {
                values.put(line.group(1), line.group(2).strip());
            }
            return Optional.of(new RunningPrometheus(value(values, "CNNSERVE_PROMETHEUS_URL", settings),
                    Path.of(value(values, "CNNSERVE_PROMETHEUS_TARGETS", settings))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(Map<String, String> values, String name, Path settings) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(settings + " names no " + name + "; rerun .ci/prometheus.sh start");
        }
        return value;
    }
}
