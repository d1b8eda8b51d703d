package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cnnserve.IntegrationTest;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.registry.ModelRepository;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@IntegrationTest
class TrainCommandTests {

    @TempDir
    Path repository;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return commandLine().execute(args);
    }

    private CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TrainCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli;
    }

    /** The options {@code args} give, with the defaults for the rest. */
    private TrainingOptions parse(String... args) {
        CommandLine cli = commandLine();
        cli.parseArgs(args);
        return ((TrainCommand) cli.getCommand()).options();
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
    void optionsParseIntoTypedValues() {
        TrainingOptions options = parse("--architecture", "vgg_small", "--model", "v", "--input", "32x32x3",
                "--labels", "l.txt", "--repository", "repo", "--dataset", "d", "--epochs", "3", "--batch-size", "16",
                "--learning-rate", "0.05", "--momentum", "0.8", "--weight-decay", "0.001", "--seed", "7",
                "--validation-split", "100", "--validation-seed", "3", "--flip", "false", "--shift", "2", "--threads", "1");

        assertThat(options).isEqualTo(new TrainingOptions("v", "vgg_small", new InputShape(32, 32, 3),
                Path.of("l.txt"), Path.of("repo"), Path.of("d"), 3, 16, 0.05, 0.8, 0.001, 7, 100, 3, false, 2, 1));
    }

    @Test
    void unsetOptionsTakeTheirDefaults() {
        TrainingOptions options = parse("--model", "m", "--dataset", "d");

        assertThat(options).isEqualTo(new TrainingOptions("m", null, new InputShape(28, 28, 1), null,
                Path.of("models"), Path.of("d"), 10, 64, 0.01, 0.9, 0.0005, 42, 5000, 42, true, 0, 0));
    }

    @Test
    void theHelpListsEachOptionWithItsDefault() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("train --architecture NAME --dataset DIR")
                .contains("--epochs=N").contains("passes over the training set (default: 10)")
                .contains("--learning-rate=X").contains("(default: 0.01)");
    }

    @Test
    void anUnknownOptionExitsWithTwoAndTheNearestKnownOne() {
        assertThat(run("--model", "m", "--dataset", "d", "--epocs", "3")).isEqualTo(2);
        assertThat(errors()).contains("Unknown options: '--epocs', '3'").contains("Possible solutions: --epochs");
    }

    @Test
    void aValueThatIsNotANumberIsNamed() {
        assertThat(run("--model", "m", "--dataset", "d", "--epochs", "many")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--epochs': 'many' is not an int");
    }

    @Test
    void aFlipThatIsNeitherTrueNorFalseIsNamed() {
        assertThat(run("--model", "m", "--dataset", "d", "--flip", "sometimes")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--flip'").contains("'sometimes' is not a boolean");
    }

    @Test
    void aNegativeThreadCountStatesTheRule() {
        assertThat(run("--model", "m", "--dataset", "d", "--threads", "-1")).isEqualTo(2);
        assertThat(errors()).contains("--threads must be at least 0, was -1").contains("Usage: cnnserve train");
    }

    @Test
    void aMissingDatasetIsRequired() {
        assertThat(run("--model", "m")).isEqualTo(2);
        assertThat(errors()).contains("Missing required option: '--dataset=DIR'");
    }

    @Test
    void aMissingModelAndArchitectureIsNamed() {
        assertThat(run("--dataset", "d")).isEqualTo(2);
        assertThat(errors()).contains("--model or --architecture is required");
    }

    @Test
    void anOutOfRangeHyperparameterStatesTheRule() {
        assertThat(run("--model", "m", "--dataset", "d", "--momentum", "1.5")).isEqualTo(2);
        assertThat(errors()).contains("--momentum must be in [0, 1), was 1.5");
    }

    @Test
    void aMalformedInputShapeStatesTheForm() {
        assertThat(run("--architecture", "lenet5", "--dataset", "d", "--input", "28x28")).isEqualTo(2);
        assertThat(errors()).contains("Invalid value for option '--input'").contains("HxWxC");
    }

    @Test
    void anUnknownModelFailsWithoutTouchingTheRepository() throws IOException {
        model();
        long before = filesIn(repository);
        Path data = TinyIdx.write(Files.createTempDirectory("tiny-fashion"), 16);
        assertThat(run("--model", "nope", "--dataset", data.toString(), "--validation-split", "4", "--repository",
                repository.toString()))
                .isEqualTo(1);
        assertThat(errors()).contains("no model folder nope").contains("--architecture");
        assertThat(filesIn(repository)).isEqualTo(before);
    }

    @Test
    void aMissingDatasetDirectoryFailsWithoutTouchingTheRepository() throws IOException {
        model();
        long before = filesIn(repository);
        Path missing = repository.resolve("no-such-dataset");
        assertThat(run("--model", "m", "--dataset", missing.toString(), "--repository", repository.toString()))
                .isEqualTo(1);
        assertThat(errors()).contains("no-such-dataset").contains("no data set folder");
        assertThat(filesIn(repository)).isEqualTo(before);
    }

    @Test
    void anUnknownArchitectureFailsWithoutTouchingTheRepository() throws IOException {
        Path data = TinyIdx.write(Files.createTempDirectory("tiny-fashion"), 16);
        assertThat(run("--architecture", "vgg99", "--dataset", data.toString(), "--validation-split", "4",
                "--repository", repository.toString())).isEqualTo(1);
        assertThat(errors()).contains("unknown architecture 'vgg99'").contains("resnet_small");
        assertThat(filesIn(repository)).isEqualTo(1);
    }

    @Test
    void anInputTooSmallForTheArchitectureFailsWithoutTouchingTheRepository() throws IOException {
        Path data = TinyIdx.write(Files.createTempDirectory("tiny-fashion"), 16);
        assertThat(run("--architecture", "inception_small", "--input", "8x8x1", "--dataset", data.toString(),
                "--validation-split", "4", "--repository", repository.toString())).isEqualTo(1);
        assertThat(errors()).contains("impossible input for inception_small").contains("8x8x1");
        assertThat(filesIn(repository)).isEqualTo(1);
    }

    @Test
    void aModelOfAnotherArchitectureIsNotRetrainedAsThisOne() throws IOException {
        model();
        Path data = TinyIdx.write(Files.createTempDirectory("tiny-fashion"), 16);
        long before = filesIn(repository);
        assertThat(run("--model", "m", "--architecture", "vgg_small", "--dataset", data.toString(),
                "--validation-split", "4", "--repository", repository.toString())).isEqualTo(1);
        assertThat(errors()).contains("model m is a lenet5, not a vgg_small");
        assertThat(filesIn(repository)).isEqualTo(before);
    }

    @Test
    void aNewArchitectureIsTrainedIntoANewModelFolderWithItsRecord() throws IOException {
        Path data = TinyIdx.write(Files.createTempDirectory("tiny-fashion"), 64);

        int exit = run("--architecture", "lenet5", "--model", "fresh", "--dataset", data.toString(),
                "--validation-split", "4", "--repository",
                repository.toString(), "--epochs", "1", "--batch-size", "32", "--shift", "2", "--threads", "1");

        assertThat(exit).as(errors()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 native thread(s)");
        var definition = new ModelRepository(repository).read("fresh");
        assertThat(definition.config().architecture()).isEqualTo("lenet5");
        assertThat(definition.labels()).contains("Ankle boot");
        assertThat(definition.config().validation().dataset()).isEqualTo(data.getFileName().toString());
        assertThat(definition.versions()).containsExactly(1);
        assertThat(definition.versionDirectory(1).resolve("model.zip")).exists();
        String record = Files.readString(definition.versionDirectory(1).resolve("training.json"));
        assertThat(record).contains("\"architecture\" : \"lenet5\"").contains("random translation by up to 2")
                .contains("\"command\" : \"train --architecture lenet5 --model fresh --dataset " + data
                        + " --validation-split 4 --repository " + repository
                        + " --epochs 1 --batch-size 32 --shift 2 --threads 1\"");
        try (Stream<Path> entries = Files.list(repository)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("fresh");
        }
    }

    @Test
    void auxiliaryHeadsTrainButAreNotServed() throws Exception {
        ComputationGraph graph = savedAfterOneEpoch("inception_small");

        assertThat(graph.getConfiguration().getNetworkOutputs()).containsExactly("output");
        assertThat(graph.getConfiguration().getVertices()).doesNotContainKey("aux_output");
    }

    @Test
    void blocksDroppedInTrainingAreSavedAsPlainAdds() throws Exception {
        ComputationGraph graph = savedAfterOneEpoch("resnet_small");

        assertThat(graph.getConfiguration().getVertices().values())
                .filteredOn(v -> v instanceof ElementWiseVertex).isNotEmpty() // StochasticDepthAddVertex extends it
                .allMatch(v -> v.getClass() == ElementWiseVertex.class);
    }

    /** Trains a new model of the architecture for one epoch on 32 images and reads back what was saved. */
    private ComputationGraph savedAfterOneEpoch(String architecture) throws IOException {
        Path data = TinyIdx.write(Files.createTempDirectory("tiny-fashion"), 32);

        int exit = run("--architecture", architecture, "--dataset", data.toString(), "--validation-split", "4",
                "--repository", repository.toString(), "--epochs", "1", "--batch-size", "16");

        assertThat(exit).as(errors()).isZero();
        return ModelSerializer.restoreComputationGraph(
                repository.resolve(architecture).resolve("1").resolve(ModelRepository.WEIGHTS_FILE).toFile(), false);
    }

    @Test
    void anImageFolderDataSetTrainsAModelWhoseLabelsAreItsClassFolders() throws IOException {
        Path data = Files.createTempDirectory("shoes");
        var test = org.cnnserve.FashionImages.testSplit();
        int[] written = new int[10];
        for (int i = 0; i < 400; i++) {
            int label = test.label(i);
            if (label == 5 || label == 9) {
                String split = written[label]++ % 4 == 0 ? "test" : "train";
                Path folder = Files.createDirectories(data.resolve(split).resolve(label == 5 ? "sandal" : "ankle boot"));
                Files.write(folder.resolve(i + ".png"), org.cnnserve.FashionImages.png(i));
            }
        }

        int exit = run("--architecture", "lenet5", "--model", "shoes", "--dataset", data.toString(),
                "--validation-split", "4", "--repository",
                repository.toString(), "--epochs", "1", "--batch-size", "16");

        assertThat(exit).as(errors()).isZero();
        var definition = new ModelRepository(repository).read("shoes");
        assertThat(definition.labels()).containsExactly("ankle boot", "sandal");
        assertThat(definition.config().preprocessing().mean()[0]).isBetween(0.05f, 0.6f);
        assertThat(definition.versionDirectory(1).resolve("model.zip")).exists();
    }
}
