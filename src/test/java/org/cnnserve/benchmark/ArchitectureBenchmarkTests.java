package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class ArchitectureBenchmarkTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ArchitectureBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainingModeComparesDl4jsLayersWithTheirNativeHelpersInOneRow() {
        assertThat(run("--mode", "training", "--names", "lenet5", "--batch-sizes", "16", "--seconds", "0.3"))
                .isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| images/s, DL4J's layers | images/s, layer helpers (as train runs) | helpers / DL4J |")
                .containsPattern("\\| lenet5 \\| 28x28x1 \\| 10 \\| 61,706 \\| 0\\.4 \\| 16 \\| [0-9.]+ \\| [0-9.]+ "
                        + "\\| [0-9.]+x \\|");
    }

    @Test
    void anUnknownModeIsNamedWithTheUsage() {
        assertThat(run("--mode", "fast")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--mode is inference or training, was 'fast'")
                .contains("usage: bench-architectures");
    }
}
