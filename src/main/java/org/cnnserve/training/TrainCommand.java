package org.cnnserve.training;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cnnserve.architectures.InputShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code train}: reads its options and runs a {@link Trainer}. Bad options are usage errors (exit 2,
 * with the usage) found before anything in the repository is touched; a run that fails exits with 1.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"cnnserve train --model NAME --dataset DIR [OPTION...]",
                "   or: cnnserve train --architecture NAME --dataset DIR [OPTION...]"},
        description = {"Trains a model into the repository as a new version.",
                "Trains on a labelled data set and writes the version with its training record. Runs without the web "
                        + "server."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", description = "model folder in the repository (its model.yaml "
            + "gives architecture, input shape, classes and preprocessing); default: the architecture")
    private String model;

    @Option(names = "--architecture", paramLabel = "NAME",
            description = "a catalogue architecture; creates the model folder if it is new")
    private String architecture;

    @Option(names = "--input", paramLabel = "HxWxC", converter = InputShapes.class,
            description = "a new model's input (default: 28x28x1; images are resized to it)")
    private InputShape input;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "a new model's class names, one a line (default: labels.txt in the dataset)")
    private Path labels;

    @Option(names = "--repository", paramLabel = "DIR", defaultValue = "models",
            description = "model repository (default: ${DEFAULT-VALUE})")
    private Path repository;

    @Option(names = "--dataset", paramLabel = "DIR", required = true,
            description = "directory with Fashion-MNIST IDX files (train-*, t10k-*), or train/ and test/ folders "
                    + "of images, one folder per class")
    private Path dataset;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "passes over the training set (default: ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "images per step (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "0.01",
            description = "initial SGD learning rate (default: ${DEFAULT-VALUE})")
    private double learningRate;

    @Option(names = "--momentum", paramLabel = "X", defaultValue = "0.9",
            description = "Nesterov momentum (default: ${DEFAULT-VALUE})")
    private double momentum;

    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "0.0005",
            description = "L2 weight decay (default: ${DEFAULT-VALUE})")
    private double weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "seed for initialisation, shuffling and augmentation (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--validation-split", paramLabel = "N", defaultValue = "5000",
            description = "training images held out to choose the epoch by; the test split is used once, at the end "
                    + "(default: ${DEFAULT-VALUE})")
    private int validationSplit;

    @Option(names = "--validation-seed", paramLabel = "N", defaultValue = "42",
            description = "seed of the draw of the held-out images (default: ${DEFAULT-VALUE})")
    private long validationSeed;

    @Option(names = "--flip", paramLabel = "true|false", arity = "1", defaultValue = "true",
            description = "random left-right flips (default: ${DEFAULT-VALUE})")
    private boolean flip;

    @Option(names = "--shift", paramLabel = "N", defaultValue = "0",
            description = "random translations by up to N pixels (default: ${DEFAULT-VALUE})")
    private int shift;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "native threads; 0: one per core (default: ${DEFAULT-VALUE}). Two runs side by side with "
                    + "one thread each train more images per second in all than one with two")
    private int threads;

    private final PrintStream out;
    private final PrintStream err;

    /** Prints progress to {@code out} and a failed run's reason to {@code err}. */
    public TrainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        TrainingOptions options = options();
        try {
            new Trainer(options, out, asTyped()).run();
            return 0;
        } catch (TrainingException e) {
            err.println("train: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("train: failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The options as one record, whose rules (ranges, the model's name) fail as usage errors. */
    TrainingOptions options() {
        try {
            return new TrainingOptions(model, architecture, input, labels, repository, dataset, epochs, batchSize,
                    learningRate, momentum, weightDecay, seed, validationSplit, validationSeed, flip, shift, threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The command as typed, for the training record: {@code train --model m --epochs 3 ...}. */
    private String asTyped() {
        return Stream.concat(Stream.of(spec.name()), spec.commandLine().getParseResult().matchedOptions().stream()
                        .flatMap(o -> o.originalStringValues().stream().map(v -> o.longestName() + " " + v)))
                .collect(Collectors.joining(" "));
    }

    /** {@code HxWxC}, e.g. {@code 224x224x3}. */
    static final class InputShapes implements ITypeConverter<InputShape> {
        @Override
        public InputShape convert(String value) {
            try {
                return InputShape.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
