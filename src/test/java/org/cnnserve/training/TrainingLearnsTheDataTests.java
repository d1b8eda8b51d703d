package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cnnserve.FashionImages;
import org.cnnserve.IntegrationTest;
import org.cnnserve.datasets.IdxImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * That {@code train} learns the images' classes, not something else: a small LeNet-5 trained a few
 * hundred steps on real Fashion-MNIST images classifies images it never saw far above chance, and the
 * same run with the training labels shuffled does not. A bug that misaligned images and labels (an
 * off-by-one in the loader, a shuffle of one but not the other) passes every other training test and
 * fails this one.
 */
@IntegrationTest
class TrainingLearnsTheDataTests {

    private static final int TRAIN_IMAGES = 1500;
    /** Held out: the training images are the first ones, these come from far after them. */
    private static final int HELD_OUT_FROM = 5000;
    private static final int HELD_OUT_IMAGES = 1000;

    @TempDir
    Path work;

    @Test
    void heldOutAccuracyIsFarAboveChanceAfterAFewHundredSteps() throws IOException {
        double accuracy = heldOutAccuracy(false);

        // Chance is 0.10 (the held-out classes are near balanced); this run measured 0.789.
        assertThat(accuracy).as("held-out top-1").isGreaterThan(0.6);
    }

    @Test
    void shuffledLabelsLeaveHeldOutAccuracyAtChance() throws IOException {
        double accuracy = heldOutAccuracy(true);

        // Measured 0.115: what is left is the class balance, not the images.
        assertThat(accuracy).as("held-out top-1").isLessThan(0.2);
    }

    /** Trains a new LeNet-5 for 4 epochs of 94 steps and reads the held-out top-1 from its training.json. */
    private double heldOutAccuracy(boolean shuffleLabels) throws IOException {
        Path data = write(work.resolve("data"), shuffleLabels);
        Path repository = work.resolve("models");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new TrainCommand(out, out)).execute("--architecture", "lenet5", "--model", "m",
                "--dataset", data.toString(), "--validation-split", "300", "--repository", repository.toString(),
                "--epochs", "4",
                "--batch-size", "16", "--flip", "false", "--seed", "7");

        assertThat(exit).as(log.toString(StandardCharsets.UTF_8)).isZero();
        return JsonMapper.builder().build().readTree(repository.resolve("m/1/training.json").toFile())
                .get("test_accuracy").asDouble();
    }

    /**
     * The first {@link #TRAIN_IMAGES} committed test images as the training split, their labels
     * permuted among themselves when {@code shuffleLabels} (same class counts, no tie to the image),
     * and {@link #HELD_OUT_IMAGES} later ones with their true labels as the test split.
     */
    private static Path write(Path directory, boolean shuffleLabels) throws IOException {
        IdxImages source = FashionImages.testSplit();
        byte[] trainLabels = new byte[TRAIN_IMAGES];
        System.arraycopy(source.labels(), 0, trainLabels, 0, TRAIN_IMAGES);
        if (shuffleLabels) {
            Random random = new Random(11);
            for (int i = TRAIN_IMAGES - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                byte t = trainLabels[i];
                trainLabels[i] = trainLabels[j];
                trainLabels[j] = t;
            }
        }
        byte[] testLabels = new byte[HELD_OUT_IMAGES];
        System.arraycopy(source.labels(), HELD_OUT_FROM, testLabels, 0, HELD_OUT_IMAGES);
        Files.createDirectories(directory);
        writeSplit(directory, "train", source, 0, trainLabels);
        writeSplit(directory, "t10k", source, HELD_OUT_FROM, testLabels);
        Files.copy(Path.of("datasets", "fashion-mnist", "labels.txt"), directory.resolve("labels.txt"));
        return directory;
    }

    private static void writeSplit(Path directory, String split, IdxImages source, int from, byte[] labels)
            throws IOException {
        int size = source.rows() * source.cols();
        try (DataOutputStream out = new DataOutputStream(open(directory.resolve(split + "-images-idx3-ubyte")))) {
            out.writeInt(2051);
            out.writeInt(labels.length);
            out.writeInt(source.rows());
            out.writeInt(source.cols());
            out.write(source.pixels(), from * size, labels.length * size);
        }
        try (DataOutputStream out = new DataOutputStream(open(directory.resolve(split + "-labels-idx1-ubyte")))) {
            out.writeInt(2049);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        return Files.newOutputStream(file);
    }
}
