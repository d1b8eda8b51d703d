package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ServingProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ServingPlanTests {

    private static final ServingProperties DEFAULTS = new ServingProperties(8, Duration.ofMillis(5), 64,
            Duration.ofSeconds(30), Duration.ofSeconds(30), List.of("cpu"), 1, null);

    @TempDir
    Path dir;

    private ModelConfig config(String extra) throws Exception {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, """
                architecture: lenet5
                input: {height: 28, width: 28, channels: 1}
                classes: 2
                preprocessing: {color: grey, resize_shorter: 0, mean: [0.5], std: [0.5]}
                """ + extra);
        return ModelRepository.parseConfig(file);
    }

    @Test
    void absentKeysTakeTheServiceWideDefaults() throws Exception {
        ServingPlan plan = ServingPlan.of(config(""), DEFAULTS);
        assertThat(plan.policy().maxBatchSize()).isEqualTo(8);
        assertThat(plan.policy().maxQueueDelay()).isEqualTo(Duration.ofMillis(5));
        assertThat(plan.policy().maxQueueSize()).isEqualTo(64);
        assertThat(plan.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.replicas()).containsExactly(Device.CPU);
    }

    @Test
    void aNetworkWithAFixedBatchOfOneCapsTheBatchAndDropsLargerPreferredSizes() throws Exception {
        ServingPlan plan = ServingPlan.of(config("""
                batching: {max_batch_size: 32, preferred_batch_sizes: [1, 8], max_queue_size: 256}
                """), DEFAULTS);

        ServingPlan capped = plan.withBatchesOfAtMost(1);

        assertThat(capped.policy().maxBatchSize()).isEqualTo(1);
        assertThat(capped.policy().preferredBatchSizes()).containsExactly(1);
        assertThat(capped.policy().maxQueueSize()).isEqualTo(256);
        assertThat(capped.replicas()).isEqualTo(plan.replicas());
        assertThat(plan.withBatchesOfAtMost(Integer.MAX_VALUE)).isSameAs(plan);
    }

    @Test
    void theModelsOwnKeysWin() throws Exception {
        ServingPlan plan = ServingPlan.of(config("""
                batching: {max_batch_size: 32, max_queue_delay: 500us, preferred_batch_sizes: [16, 8], max_queue_size: 256}
                request_timeout: 1500ms
                devices: [cpu, gpu:1]
                instances_per_device: 2
                """), DEFAULTS);
        assertThat(plan.policy().maxBatchSize()).isEqualTo(32);
        assertThat(plan.policy().maxQueueDelay()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(plan.policy().preferredBatchSizes()).containsExactly(8, 16);
        assertThat(plan.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(plan.replicas()).containsExactly(Device.CPU, Device.CPU, new Device(1), new Device(1));
    }

    /** The durations are read as Spring reads {@code cnnserve.serving.*}: with units, ISO-8601, or bare milliseconds. */
    @ParameterizedTest
    @CsvSource({"5ms, PT0.005S", "10s, PT10S", "PT1S, PT1S", "2m, PT2M", "250, PT0.25S"})
    void durationsAreWrittenAsInSpringProperties(String written, Duration expected) throws Exception {
        ServingPlan plan = ServingPlan.of(config("batching: {max_queue_delay: " + written + "}\n"
                + "request_timeout: " + written + "\n"), DEFAULTS);
        assertThat(plan.policy().maxQueueDelay()).isEqualTo(expected);
        assertThat(plan.requestTimeout()).isEqualTo(expected);
    }

    @Test
    void theDeprecatedMillisecondKeysGiveTheSamePlanWithAWarningNamingTheNewKey(CapturedOutput output)
            throws Exception {
        ServingPlan current = ServingPlan.of(config("""
                batching: {max_queue_delay: 500us}
                request_timeout: 1500ms
                """), DEFAULTS);
        assertThat(output.getOut()).doesNotContain("deprecated");

        ServingPlan deprecated = ServingPlan.of(config("""
                batching: {max_queue_delay_ms: 0.5}
                request_timeout_ms: 1500
                """), DEFAULTS);

        assertThat(deprecated).isEqualTo(current);
        assertThat(output.getOut())
                .contains("batching.max_queue_delay_ms is deprecated; write batching.max_queue_delay: 500us instead")
                .contains("request_timeout_ms is deprecated; write request_timeout: 1500ms instead");
    }

    @Test
    void aSettingWrittenInBothFormsIsRefused() {
        assertThatThrownBy(() -> config("batching: {max_queue_delay: 5ms, max_queue_delay_ms: 5}\n"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("both batching.max_queue_delay and batching.max_queue_delay_ms are set")
                .hasMessageContaining("keep only batching.max_queue_delay");
        assertThatThrownBy(() -> config("request_timeout: 10s\nrequest_timeout_ms: 10000\n"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("both request_timeout and request_timeout_ms are set");
    }

    @Test
    void aDurationThatIsNotOneIsRefusedWithTheFormsItTakes() {
        assertThatThrownBy(() -> config("request_timeout: soon\n"))
                .isInstanceOf(ModelRepositoryException.class)
                .hasMessageContaining("\"soon\"").hasMessageContaining("5ms, 500us, 10s or PT10S")
                .hasMessageContaining("[\"request_timeout\"]");
        assertThatThrownBy(() -> config("request_timeout: 0s\n"))
                .hasMessageContaining("request_timeout must be positive, was PT0S");
        assertThatThrownBy(() -> config("batching: {max_queue_delay: -1ms}\n"))
                .hasMessageContaining("batching.max_queue_delay must not be negative, was PT-0.001S");
        assertThatThrownBy(() -> config("request_timeout_ms: 10s\n"))
                .hasMessageContaining("request_timeout_ms takes a number of milliseconds");
    }

    @Test
    void impossibleValuesAreRefusedWithTheRule() throws Exception {
        ModelConfig config = config("batching: {max_batch_size: 4, preferred_batch_sizes: [8]}\n");
        assertThatThrownBy(() -> ServingPlan.of(config, DEFAULTS)).hasMessageContaining("8");
        assertThatThrownBy(() -> config("devices: [tpu:0]\n")).hasMessageContaining("'cpu' or 'gpu:N'");
        assertThatThrownBy(() -> config("instances_per_device: 0\n")).hasMessageContaining("at least 1");
    }
}
