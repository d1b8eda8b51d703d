package org.cnnserve.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** {@code export-onnx}'s options, its usage errors and the file it writes. */
class ExportOnnxCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path folder;

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(new ExportOnnxCommand(o, e)).setOut(new java.io.PrintWriter(o, true))
                .setErr(new java.io.PrintWriter(e, true)).execute(args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHelpShowsBothForms() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("cnnserve export-onnx --model NAME [--version N] [--repository DIR] --output FILE")
                .contains("cnnserve export-onnx --architecture NAME --input HxWxC --classes K")
                .contains("'probabilities'");
    }

    @Test
    void theOutputIsRequired() {
        assertThat(run("--model", "lenet5-fashion")).isEqualTo(2);

        assertThat(errors()).contains("Missing required option: '--output=FILE'");
    }

    @Test
    void aModelOrAnArchitectureIsRequiredButNotBoth() {
        assertThat(run("--output", "m.onnx")).isEqualTo(2);
        assertThat(run("--model", "m", "--architecture", "lenet5", "--output", "m.onnx")).isEqualTo(2);

        assertThat(errors()).contains("give either --model NAME or --architecture NAME").contains("Usage:");
        assertThat(folder.resolve("m.onnx")).doesNotExist();
    }

    @Test
    void aModelTakesNoArchitectureOptions() {
        assertThat(run("--model", "m", "--input", "28x28x1", "--seed", "3", "--output", "m.onnx")).isEqualTo(2);

        assertThat(errors()).contains("--input, --seed go with --architecture");
    }

    @Test
    void anArchitectureNeedsItsInputAndClassesAndTakesNoVersion() {
        assertThat(run("--architecture", "lenet5", "--input", "28x28x1", "--output", "m.onnx")).isEqualTo(2);
        assertThat(run("--architecture", "lenet5", "--input", "28x28x1", "--classes", "10", "--version", "2",
                "--output", "m.onnx")).isEqualTo(2);

        assertThat(errors()).contains("--architecture needs --input HxWxC and --classes K")
                .contains("--version go with --model");
    }

    @Test
    void aMalformedInputOrAnUnknownArchitectureIsAUsageError() {
        assertThat(run("--architecture", "lenet5", "--input", "28x28", "--classes", "10", "--output", "m.onnx"))
                .isEqualTo(2);
        assertThat(run("--architecture", "lenet6", "--input", "28x28x1", "--classes", "10", "--output", "m.onnx"))
                .isEqualTo(2);

        assertThat(errors()).contains("input shape must look like HxWxC").contains("unknown architecture 'lenet6'")
                .contains("lenet5");
    }

    @Test
    void anUnknownModelFailsWithTheFolderItLookedIn() {
        assertThat(run("--model", "nope", "--repository", folder.toString(), "--output",
                folder.resolve("m.onnx").toString())).isEqualTo(1);

        assertThat(errors()).startsWith("export-onnx: ").contains("no model.yaml in").contains("nope");
    }

    @Test
    void anArchitectureIsWrittenAsAnOnnxFileThatOnnxRuntimeRuns() throws Exception {
        Path file = folder.resolve("out").resolve("lenet5.onnx");

        assertThat(run("--architecture", "lenet5", "--input", "28x28x1", "--classes", "10", "--seed", "5",
                "--output", file.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + file)
                .contains("architecture lenet5 at 28x28x1, 10 classes, seed 5")
                .contains("input 'input' [N, 1, 28, 28], output 'probabilities' [N, 10]");
        var x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        float[][] fromFile = OnnxRuntimeCheck.run(Files.readAllBytes(file), x);
        var seeded = ExportedNetwork.ofArchitecture("lenet5", new InputShape(28, 28, 1), 10, 5);
        assertThat(fromFile).isDeepEqualTo(OnnxRuntimeCheck.run(
                OnnxExport.export(seeded.graph(), seeded.input(), seeded.classes()), x));
    }
}
