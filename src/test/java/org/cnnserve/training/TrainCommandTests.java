package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTests {

    @TempDir
    Path repository;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return TrainCommand.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path model() throws IOException {
        Path dir = Files.createDirectories(repository.resolve("m"));
        Files.writeString(dir.resolve("model.yaml"), """
                architecture: lenet5
                input: {height: 28, width: 28, channels: 1}
                classes: 10
                preprocessing: {color: grey, resize_shorter: 0, mean: [0.5], std: [0.5]}
                """);
        Files.writeString(dir.resolve("labels.txt"), "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        return dir;
    }

    private long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.count();
        }
    }

    @Test
    void anUnknownOptionExitsWithTwoAndTheUsage() {
        assertThat(run("--model", "m", "--dataset", "d", "--epocs", "3")).isEqualTo(2);
        assertThat(errors()).contains("unknown option '--epocs'").contains("usage: train");
    }

    @Test
    void aValueThatIsNotANumberIsNamed() {
        assertThat(run("--model", "m", "--dataset", "d", "--epochs", "many")).isEqualTo(2);
        assertThat(errors()).contains("--epochs must be a number, was 'many'");
    }

    @Test
    void aMissingDatasetIsRequired() {
        assertThat(run("--model", "m")).isEqualTo(2);
        assertThat(errors()).contains("--dataset is required");
    }

    @Test
    void anOutOfRangeHyperparameterStatesTheRule() {
        assertThat(run("--model", "m", "--dataset", "d", "--momentum", "1.5")).isEqualTo(2);
        assertThat(errors()).contains("--momentum must be in [0, 1), was 1.5");
    }

    @Test
    void anUnknownModelFailsWithoutTouchingTheRepository() throws IOException {
        model();
        long before = filesIn(repository);
        assertThat(run("--model", "nope", "--dataset", "d", "--repository", repository.toString())).isEqualTo(1);
        assertThat(errors()).contains("no model.yaml");
        assertThat(filesIn(repository)).isEqualTo(before);
    }

    @Test
    void aMissingDatasetDirectoryFailsWithoutTouchingTheRepository() throws IOException {
        model();
        long before = filesIn(repository);
        Path missing = repository.resolve("no-such-dataset");
        assertThat(run("--model", "m", "--dataset", missing.toString(), "--repository", repository.toString()))
                .isEqualTo(1);
        assertThat(errors()).contains("no-such-dataset").contains("train-images-idx3-ubyte");
        assertThat(filesIn(repository)).isEqualTo(before);
    }
}
