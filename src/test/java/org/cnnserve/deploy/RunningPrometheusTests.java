package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RunningPrometheusTests {

    @TempDir
    Path dir;

    @Test
    void noPrometheusFailsTheTestUnderCi() {
        assertThatThrownBy(() -> RunningPrometheus.require(dir.resolve("prometheus.env"), Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no Prometheus")
                .hasMessageContaining(".ci/prometheus.sh start");
    }

    @Test
    void noPrometheusSkipsTheTestOffCi() {
        assertThatThrownBy(() -> RunningPrometheus.require(dir.resolve("prometheus.env"), Map.of("CI", "false")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(".ci/prometheus.sh start");
    }

    @Test
    void theSettingsFileNamesTheUrlAndTheTargetsFile() throws IOException {
        Path settings = Files.writeString(dir.resolve("prometheus.env"), """
                CNNSERVE_PROMETHEUS_URL=http://127.0.0.1:19090
                CNNSERVE_PROMETHEUS_TARGETS=/tmp/p/targets.json
                """);

        RunningPrometheus prometheus = RunningPrometheus.require(settings, Map.of("CI", "true"));

        assertThat(prometheus.url()).isEqualTo("http://127.0.0.1:19090");
        assertThat(prometheus.targets()).isEqualTo(Path.of("/tmp/p/targets.json"));
    }

    @Test
    void aSettingsFileWithoutTheUrlIsAnError() throws IOException {
        Path settings = Files.writeString(dir.resolve("prometheus.env"), "CNNSERVE_PROMETHEUS_TARGETS=/t.json\n");

        assertThatThrownBy(() -> RunningPrometheus.find(settings))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CNNSERVE_PROMETHEUS_URL");
    }
}
