package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@IntegrationTest
class ArchitectureBenchmarkTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine bench = BenchCommand.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8));
        bench.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return bench.execute(args);
    }

    @Test
    void trainingModeComparesDl4jsLayersWithTheirNativeHelpersInOneRow() {
        assertThat(run("architectures", "--mode", "training", "--names", "lenet5", "--batch-sizes", "16",
                "--seconds", "0.3")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| images/s, DL4J's layers (min–max) | images/s, layer helpers (as train runs) (min–max) "
                        + "| helpers / DL4J |")
                .containsPattern("\\| lenet5 \\| 28x28x1 \\| 10 \\| 61,706 \\| 0\\.4 \\| 16 "
                        + "\\| [0-9.]+ \\([0-9.]+–[0-9.]+\\) \\| [0-9.]+ \\([0-9.]+–[0-9.]+\\) \\| [0-9.]+x \\|")
                .contains("Images/s: median of 5 rounds (min–max), DL4J's layers and the helpers interleaved");
    }

    @Test
    void theForwardPassRowShowsTheSpreadOfItsRounds() {
        assertThat(run("architectures", "--names", "lenet5", "--batch-sizes", "4", "--seconds", "0.3"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| ms/batch | images/s (min–max) | GFLOP/s | % of sgemm |")
                .containsPattern("\\| lenet5 \\| 28x28x1 \\| 10 \\| 61,706 \\| 0\\.4 \\| [0-9.]+ \\| 4 \\| [0-9.]+ "
                        + "\\| [0-9.]+ \\([0-9.]+–[0-9.]+\\) \\| [0-9.]+ \\| [0-9.]+% \\|")
                .contains("Images/s: median of 5 rounds (min–max), each first warmed");
    }

    @Test
    void anUnknownModeIsNamedWithTheUsage() {
        assertThat(run("architectures", "--mode", "fast")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Invalid value for option '--mode': expected one of [inference, training]")
                .contains("but was 'fast'").contains("Usage: bench architectures");
    }
}
