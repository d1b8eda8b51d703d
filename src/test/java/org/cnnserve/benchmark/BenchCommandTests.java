package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The bench commands' options, parsed without running a measurement. */
class BenchCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLine bench = BenchCommand.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8));

    BenchCommandTests() {
        bench.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        bench.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    }

    /** Parses {@code args} and returns the spec of the subcommand they name, its options set. */
    private CommandSpec parse(String... args) {
        return bench.parseArgs(args).subcommand().commandSpec();
    }

    private static Object value(CommandSpec command, String option) {
        return command.findOption(option).getValue();
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHelpListsTheThreeMeasurements() {
        assertThat(bench.execute("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("engine").contains("engines")
                .contains("architectures");
    }

    @Test
    void engineOptionsParseIntoTypedValues() {
        CommandSpec engine = parse("engine", "--model", "lenet5-fashion", "--repository", "/srv/models",
                "--batch-sizes", "2,4", "--seconds", "0.5");

        assertThat(value(engine, "--model")).isEqualTo("lenet5-fashion");
        assertThat(value(engine, "--repository")).isEqualTo(Path.of("/srv/models"));
        assertThat((int[]) value(engine, "--batch-sizes")).containsExactly(2, 4);
        assertThat(value(engine, "--seconds")).isEqualTo(0.5);
    }

    @Test
    void eachCommandHasItsOwnDefaults() {
        CommandSpec engine = parse("engine", "--model", "m");
        assertThat(value(engine, "--repository")).isEqualTo(Path.of("models"));
        assertThat((int[]) value(engine, "--batch-sizes")).containsExactly(1, 8, 32);
        assertThat(value(engine, "--seconds")).isEqualTo(5.0);

        CommandSpec engines = parse("engines");
        assertThat((int[]) value(engines, "--batch-sizes")).containsExactly(1, 8, 32);
        assertThat(value(engines, "--seconds")).isEqualTo(3.0);
        assertThat(value(engines, "--profile")).isNull();
        assertThat(value(engines, "--engines")).isEqualTo(List.of(EngineColumn.values()));
        assertThat(value(engine, "--raw-session")).isEqualTo(false);

        CommandSpec architectures = parse("architectures", "--names", "lenet5,vgg_small");
        assertThat(value(architectures, "--names")).isEqualTo(List.of("lenet5", "vgg_small"));
        assertThat((int[]) value(architectures, "--batch-sizes")).containsExactly(1, 8);
        assertThat(value(architectures, "--mode")).isEqualTo(ArchitectureBenchmark.Mode.inference);
        assertThat(value(architectures, "--classes")).isNull();
    }

    @Test
    void theEngineBenchmarkNeedsAModel() {
        assertThat(bench.execute("engine")).isEqualTo(2);
        assertThat(errors()).contains("Missing required option: '--model=NAME'").contains("Usage: bench engine");
    }

    @Test
    void aBatchSizeBelowOneIsNamed() {
        assertThat(bench.execute("engines", "--batch-sizes", "8,0")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--batch-sizes'").contains("must be at least 1, was 0");
    }

    @Test
    void aBatchSizeThatIsNotANumberIsNamed() {
        assertThat(bench.execute("engines", "--batch-sizes", "1,x")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--batch-sizes'").contains("'x' is not a whole number");
    }

    @Test
    void aDurationThatIsNotPositiveIsNamed() {
        assertThat(bench.execute("architectures", "--seconds", "0")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--seconds'")
                .contains("must be a positive number of seconds, was 0");
    }

    @Test
    void enginesAreChosenByTheirNames() {
        CommandSpec engines = parse("engines", "--engines", "native,onnx,raw");

        assertThat(value(engines, "--engines"))
                .isEqualTo(List.of(EngineColumn.NATIVE, EngineColumn.ONNX, EngineColumn.RAW));
    }

    @Test
    void anUnknownEngineIsNamedWithTheKnownOnes() {
        assertThat(bench.execute("engines", "--engines", "native,tensorrt")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--engines'")
                .contains("unknown engine 'tensorrt'; known: dl4j,native,onnx,raw");
    }

    @Test
    void anUnknownArchitectureIsAUsageErrorThatListsTheKnownOnes() {
        assertThat(bench.execute("architectures", "--names", "lenet5,vgg99")).isEqualTo(2);
        assertThat(errors()).contains("--names: unknown architecture 'vgg99'; known: ").contains("lenet5");
    }

    @Test
    void benchWithoutAMeasurementIsAUsageError() {
        assertThat(bench.execute()).isEqualTo(2);
        assertThat(errors()).contains("bench needs what to measure: engine, engines or architectures");
    }

    @Test
    void aMistypedOptionIsRefused() {
        assertThat(bench.execute("engine", "--model", "m", "--batch-size", "8")).isEqualTo(2);
        assertThat(errors()).contains("Unknown options: '--batch-size', '8'").contains("Possible solutions: --batch-sizes");
    }
}
