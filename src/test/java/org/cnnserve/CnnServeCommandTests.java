package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The command line as {@code main} runs it, with a recording server in place of Spring. */
class CnnServeCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<List<String>> servedWith = new ArrayList<>();
    private final AtomicInteger nativeSetUps = new AtomicInteger();
    private final ServeCommand serve = new ServeCommand(properties -> servedWith.add(List.of(properties)));

    private int run(String... args) {
        return CnnServeCommand.execute(CnnServeCommand.commandLine(serve, nativeSetUps::incrementAndGet,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHelpListsTheCommands() {
        assertThat(run("--help")).isZero();

        assertThat(output()).contains("Usage: cnnserve").containsPattern("(?m)^  serve +Starts the web service")
                .containsPattern("(?m)^  train +Trains a model").containsPattern("(?m)^  bench +Measures")
                .containsPattern("(?m)^  export-onnx +Writes a network as an ONNX model");
        assertThat(servedWith).isEmpty();
        assertThat(nativeSetUps).hasValue(0);
    }

    @Test
    void benchHelpListsItsMeasurements() {
        assertThat(run("bench", "--help")).isZero();

        assertThat(output()).contains("Usage: cnnserve bench").containsPattern("(?m)^  engine ")
                .containsPattern("(?m)^  engines ").containsPattern("(?m)^  architectures ");
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        assertThat(run("bench", "engine", "-h")).isZero();

        assertThat(output()).contains("Usage: cnnserve bench engine").contains("--batch-sizes=N[,N...]")
                .contains("(default: 1,8,32)");
        assertThat(nativeSetUps).hasValue(0);
    }

    @Test
    void exportOnnxHasItsOwnHelpAndUsageErrors() {
        assertThat(run("export-onnx", "--help")).isZero();
        assertThat(run("export-onnx", "--model", "lenet5-fashion")).isEqualTo(2);

        assertThat(output()).contains("Usage: cnnserve export-onnx --model NAME");
        assertThat(errors()).contains("Missing required option: '--output=FILE'");
        assertThat(servedWith).isEmpty();
        assertThat(nativeSetUps).hasValue(0);
    }

    @Test
    void theVersionIsPrinted() {
        assertThat(run("--version")).isZero();

        assertThat(output()).startsWith("cnnserve ");
    }

    @Test
    void anUnknownCommandIsAUsageErrorAndServesNothing() {
        assertThat(run("bench-engien")).isEqualTo(2);

        assertThat(errors()).contains("Unmatched argument at index 0: 'bench-engien'");
        assertThat(servedWith).isEmpty();
        assertThat(nativeSetUps).hasValue(0);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("--verbose")).isEqualTo(2);

        assertThat(errors()).contains("Unknown option: '--verbose'");
        assertThat(servedWith).isEmpty();
    }

    @Test
    void anUnknownBenchmarkIsAUsageError() {
        assertThat(run("bench", "engien")).isEqualTo(2);

        assertThat(errors()).contains("'engien'");
        assertThat(nativeSetUps).hasValue(0);
    }

    @Test
    void noArgumentsServe() {
        assertThat(run()).isZero();

        assertThat(servedWith).containsExactly(List.of());
        assertThat(serve.started()).isTrue();
        assertThat(nativeSetUps).hasValue(1);
    }

    @Test
    void springPropertiesPassThroughToTheServer() {
        assertThat(run("--server.port=1", "--server.address=127.0.0.1")).isZero();
        assertThat(run("serve", "--server.port=1")).isZero();

        assertThat(servedWith).containsExactly(List.of("--server.port=1", "--server.address=127.0.0.1"),
                List.of("--server.port=1"));
    }

    @Test
    void serveRefusesAnArgumentThatIsNotAProperty() {
        assertThat(run("--server.port=1", "--debug")).isEqualTo(2);
        assertThat(run("serve", "bench")).isEqualTo(2);

        assertThat(errors()).contains("serve takes Spring Boot properties as --name=value, was '--debug'")
                .contains("was 'bench'").contains("Usage: cnnserve serve");
        assertThat(servedWith).isEmpty();
        assertThat(serve.started()).isFalse();
        assertThat(nativeSetUps).hasValue(0);
    }
}
