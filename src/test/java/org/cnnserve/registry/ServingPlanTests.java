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
import org.junit.jupiter.api.io.TempDir;

class ServingPlanTests {

    private static final ServingProperties DEFAULTS = new ServingProperties(8, Duration.ofMillis(5), 64,
            Duration.ofSeconds(30), Duration.ofSeconds(30), List.of("cpu"), 1);

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
    void theModelsOwnKeysWin() throws Exception {
        ServingPlan plan = ServingPlan.of(config("""
                batching: {max_batch_size: 32, max_queue_delay_ms: 0.5, preferred_batch_sizes: [16, 8], max_queue_size: 256}
                request_timeout_ms: 1500
                devices: [cpu, gpu:1]
                instances_per_device: 2
                """), DEFAULTS);
        assertThat(plan.policy().maxBatchSize()).isEqualTo(32);
        assertThat(plan.policy().maxQueueDelay()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(plan.policy().preferredBatchSizes()).containsExactly(8, 16);
        assertThat(plan.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(plan.replicas()).containsExactly(Device.CPU, Device.CPU, new Device(1), new Device(1));
    }

    @Test
    void impossibleValuesAreRefusedWithTheRule() throws Exception {
        ModelConfig config = config("batching: {max_batch_size: 4, preferred_batch_sizes: [8]}\n");
        assertThatThrownBy(() -> ServingPlan.of(config, DEFAULTS)).hasMessageContaining("8");
        assertThatThrownBy(() -> config("devices: [tpu:0]\n")).hasMessageContaining("'cpu' or 'gpu:N'");
        assertThatThrownBy(() -> config("instances_per_device: 0\n")).hasMessageContaining("at least 1");
    }
}
