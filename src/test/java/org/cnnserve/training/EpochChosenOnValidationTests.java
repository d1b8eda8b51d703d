package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cnnserve.IntegrationTest;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.TrainingSplits;
import org.cnnserve.datasets.ValidationSplit;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real run of {@code train} on a small real subset chooses its epoch on the validation split it
 * records: the selected epoch is the one with the highest validation top-1, the version's weights are
 * that epoch's (they give exactly its validation top-1 on the held-out images, drawn again from the
 * recorded seed), and the test figures recorded are those weights' on the test split.
 */
@IntegrationTest
class EpochChosenOnValidationTests {

    private static final int VALIDATION = 200;
    private static final long VALIDATION_SEED = 5;

    @TempDir
    Path work;

    @Test
    void theVersionHoldsTheEpochWithTheBestValidationTop1() throws Exception {
        Path data = TinyIdx.write(work.resolve("data"), 1000, 5000, 500);
        Path repository = work.resolve("models");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new TrainCommand(out, out)).execute("--architecture", "lenet5", "--model", "m",
                "--dataset", data.toString(), "--repository", repository.toString(), "--epochs", "4",
                "--batch-size", "16", "--learning-rate", "0.05", "--seed", "3",
                "--validation-split", Integer.toString(VALIDATION), "--validation-seed", Long.toString(VALIDATION_SEED));
        String printed = log.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();

        JsonNode record = JsonMapper.builder().build().readTree(repository.resolve("m/1/training.json").toFile());
        JsonNode validation = record.get("validation");
        assertThat(validation.get("size").asInt()).isEqualTo(VALIDATION);
        assertThat(validation.get("seed").asLong()).isEqualTo(VALIDATION_SEED);
        List<Double> perEpoch = new ArrayList<>();
        validation.get("top1_per_epoch").forEach(v -> perEpoch.add(v.asDouble()));
        assertThat(perEpoch).hasSize(4);
        int selected = validation.get("selected_epoch").asInt();
        assertThat(selected).as("the first epoch with the highest validation top-1 of %s", perEpoch)
                .isEqualTo(perEpoch.indexOf(Collections.max(perEpoch)) + 1);
        assertThat(validation.get("top1").asDouble()).isEqualTo(perEpoch.get(selected - 1));
        assertThat(record.get("dataset").get("train_images").asInt()).isEqualTo(1000 - VALIDATION);
        assertThat(printed).contains("validation top-1").contains("from epoch " + selected);

        ModelDefinition definition = new ModelRepository(repository).read("m");
        var graph = ModelSerializer.restoreComputationGraph(
                definition.versionDirectory(1).resolve(ModelRepository.WEIGHTS_FILE).toFile(), false);
        var model = Accuracy.served(graph, definition.config().input(), definition.config().classes());
        TrainingSplits splits = TrainingSplits.open(data, new ImageDecoder(new ImageLimits(1 << 20, 1 << 20)));
        var heldOut = ValidationSplit.of(splits.train(), VALIDATION, VALIDATION_SEED).validation();
        assertThat(Accuracy.top1(model, tensors(heldOut, definition), Integer.MAX_VALUE))
                .as("the written weights on the held-out images").isEqualTo(validation.get("top1").asDouble());
        Accuracy.Counts test = Accuracy.counts(model, tensors(splits.test(), definition), Integer.MAX_VALUE);
        assertThat(record.get("test_correct_top1").asInt()).isEqualTo(test.top1());
        assertThat(record.get("test_correct_top5").asInt()).isEqualTo(test.top5());
        assertThat(record.get("test_accuracy").asDouble()).isEqualTo(test.top1Rate());
        assertThat(record.get("test_top5").asDouble()).isEqualTo(test.top5Rate());
    }

    private static Tensors tensors(org.cnnserve.datasets.LabelledImages images, ModelDefinition definition) {
        return new Tensors(images, LabelMapping.of(images, definition.labels()), definition.config().preprocessing(),
                definition.config().input());
    }
}
