package org.cnnserve.training;

import java.io.PrintStream;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ParameterCounts;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.datasets.TrainingSplits;
import org.cnnserve.datasets.ValidationSplit;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.serving.BatchModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * One training run: reads the data, holds a {@link ValidationSplit} out of the training images,
 * finds or stages the model ({@link ModelTarget}), trains a graph ({@link TrainingLoop}: SGD with
 * Nesterov momentum, weight decay and a step schedule, seeded shuffling and {@link Augmentation}),
 * keeps the epoch that did best on the validation split, measures it once on the test split and
 * writes it as the model's next version with its record ({@link VersionWriter}).
 */
final class Trainer {

    /** Training images are files the user chose: generous limits, the service's decoder. */
    private static final ImageDecoder DECODER = new ImageDecoder(new ImageLimits(64L << 20, 64L << 20));

    private final TrainingOptions options;
    private final PrintStream out;
    private final String command;

    Trainer(TrainingOptions options, PrintStream out, String command) {
        this.options = options;
        this.out = out;
        this.command = command;
    }

    void run() {
        TrainingSplits splits;
        try {
            splits = TrainingSplits.open(options.dataset(), DECODER);
        } catch (RuntimeException e) {
            throw new TrainingException("cannot read the training data in " + options.dataset() + ": "
                    + e.getMessage(), e);
        }
        ValidationSplit split;
        try {
            split = ValidationSplit.of(splits.train(), options.validationSplit(), options.validationSeed());
        } catch (IllegalArgumentException e) {
            throw new TrainingException("--validation-split " + options.validationSplit() + ": " + e.getMessage(), e);
        }
        ModelTarget target = ModelTarget.open(options, split.train());
        target.train(() -> train(target.definition(), split, splits.test()));
    }

    private void train(ModelDefinition definition, ValidationSplit split, LabelledImages test) {
        Architecture architecture = ArchitectureCatalog.standard().require(definition.config().architecture());
        InputShape input = definition.config().input();
        LabelledImages train = split.train();
        int[] trainClasses;
        int[] testClasses;
        try {
            trainClasses = LabelMapping.of(train, definition.labels());
            testClasses = LabelMapping.of(test, definition.labels());
        } catch (RuntimeException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        int threads = options.threads() > 0 ? NativeThreads.use(options.threads()) : NativeThreads.divideAmong(1);
        var progress = new Progress(out, options.model(), options.epochs(), System.nanoTime());
        var preprocessing = definition.config().preprocessing();
        var trainData = new Tensors(train, trainClasses, preprocessing, input);
        var validationData = new Tensors(split.validation(), trainClasses, preprocessing, input);
        var testData = new Tensors(test, testClasses, preprocessing, input);
        int classes = definition.config().classes();
        ComputationGraph graph = build(architecture, input, classes, train.size());
        String kernels = LayerKernels.describe(graph);
        progress.starting(architecture.name(), input, ParameterCounts.of(graph), graph.getNumOutputArrays() > 1,
                train.size(), split.validation().size(), split.seed(), test.size(), threads, kernels);
        var loop = new TrainingLoop(options.epochs(), options.batchSize(), options.seed(),
                new Augmentation(options.flip(), options.shift()), progress);
        TrainingLoop.Result trained = loop.run(graph, architecture, trainData, validationData, classes);
        BatchModel model = Accuracy.served(trained.inference(), input, classes);
        double trainAccuracy = Accuracy.top1(model, trainData, 10_000);
        Accuracy.Counts testCounts = Accuracy.counts(model, testData, Integer.MAX_VALUE);
        double seconds = progress.seconds();
        var record = TrainingRecord.of(options, command, definition, architecture.name(), train, test, kernels,
                trained.loss(), trainAccuracy, testCounts, trained.selection(), seconds);
        int version = new VersionWriter(definition).write(trained.inference(), record);
        EpochSelection<ComputationGraph> selection = trained.selection();
        progress.wrote(version, selection.selectedEpoch(), selection.selectedTop1(), trainAccuracy, testCounts, seconds);
    }

    private ComputationGraph build(Architecture architecture, InputShape input, int classes, int trainCount) {
        int stepsPerEpoch = (trainCount + options.batchSize() - 1) / options.batchSize();
        var optimiser = new Optimiser(options.learningRate(), options.momentum(), options.weightDecay(), options.seed());
        return LayerKernels.build(architecture.trainingConfiguration(input, classes,
                optimiser.base(stepsPerEpoch * options.epochs())));
    }
}
