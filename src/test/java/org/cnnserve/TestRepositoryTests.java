package org.cnnserve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRepositoryTests {

    @TempDir
    Path shipped;

    /** A model folder as a checkout has it after the service ran and {@code train} was tried. */
    private void modelWithLeftovers() throws IOException {
        Path model = Files.createDirectories(shipped.resolve("m"));
        Files.writeString(model.resolve("model.yaml"), "architecture: lenet5\n");
        Files.writeString(model.resolve("labels.txt"), "a\nb\n");
        Files.createDirectories(model.resolve("1"));
        Files.writeString(model.resolve("1/model.zip"), "weights");
        Files.writeString(model.resolve("1/training.json"), "{}");
        Files.createDirectories(model.resolve("1/validations"));
        Files.writeString(model.resolve("1/validations/fashion-mnist.json"), "{\"top1\": 0.9}");
        Files.createDirectories(model.resolve(".training-1234"));
        Files.writeString(model.resolve(".training-1234/checkpoint.zip"), "scratch");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void storedValidationReportsAndTrainingScratchAreNotCopied() throws IOException {
        modelWithLeftovers();

        Path repository = TestRepository.create(shipped, "m");

        assertThat(files(repository.resolve("m")))
                .containsExactly("1/model.zip", "1/training.json", "labels.txt", "model.yaml");
    }

    @Test
    void inAGitCheckoutOnlyTheTrackedFilesAreCopied() throws IOException {
        modelWithLeftovers();
        ExternalTool git = ExternalTool.require("git");
        assertThat(git.run(Duration.ofSeconds(30), "-C", shipped.toString(), "init", "-q").exitCode()).isZero();
        assertThat(git.run(Duration.ofSeconds(30), "-C", shipped.toString(), "add", "m/model.yaml", "m/labels.txt",
                "m/1/model.zip").exitCode()).isZero();
        // Files the folder's shape would take, but which git does not track: a version trained here.
        Files.createDirectories(shipped.resolve("m/2"));
        Files.writeString(shipped.resolve("m/2/model.zip"), "local weights");

        Path repository = TestRepository.create(shipped, "m");

        assertThat(files(repository.resolve("m"))).containsExactly("1/model.zip", "labels.txt", "model.yaml");
    }

    @Test
    void theShippedModelsAreCopiedWhole() throws IOException {
        Path repository = TestRepository.create("vgg-fashion", "resnet50");

        assertThat(files(repository.resolve("vgg-fashion"))).containsExactly("1/model.zip", "1/training.json",
                "2/model.zip", "2/training.json", "labels.txt", "model.yaml");
        assertThat(repository.resolve("resnet50/1")).isDirectory();
        assertThat(repository.resolve("broken/model.yaml")).isRegularFile();
    }
}
