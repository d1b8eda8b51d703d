package org.cnnserve.training;

import java.io.PrintStream;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.datasets.TrainingSplits;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.serving.BatchModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * One training run: reads the data, finds or stages the model ({@link ModelTarget}), trains a graph
 * ({@link TrainingLoop}: SGD with Nesterov momentum, weight decay and a step schedule, seeded
 * shuffling and {@link Augmentation}) and writes it as the model's next version with its record
 * ({@link VersionWriter}).
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
        ModelTarget target = ModelTarget.open(options, splits.train());
        target.train(() -> train(target.definition(), splits.train(), splits.test()));
    }

    private void train(ModelDefinition definition, LabelledImages train, LabelledImages test) {
        Architecture architecture = ArchitectureCatalog.standard().require(definition.config().architecture());
        InputShape input = definition.config().input();
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
        var trainData = new Tensors(train, trainClasses, definition.config().preprocessing(), input);
        var testData = new Tensors(test, testClasses, definition.config().preprocessing(), input);
        int classes = definition.config().classes();
        ComputationGraph graph = build(architecture, input, classes, train.size());
        String kernels = LayerKernels.describe(graph);
        progress.starting(architecture.name(), input, graph.numParams(), graph.getNumOutputArrays() > 1,
                train.size(), test.size(), threads, kernels);
        var loop = new TrainingLoop(options.epochs(), options.batchSize(), options.seed(),
                new Augmentation(options.flip(), options.shift()), progress);
        TrainingLoop.Result trained = loop.run(graph, architecture, trainData, testData, classes);
        BatchModel model = Accuracy.served(trained.inference(), input, classes);
        double trainAccuracy = Accuracy.top1(model, trainData, 10_000);
        double testAccuracy = Accuracy.top1(model, testData, Integer.MAX_VALUE);
        double seconds = progress.seconds();
        var record = TrainingRecord.of(options, command, definition, architecture.name(), train, test, kernels,
                trained.loss(), trainAccuracy, testAccuracy, seconds);
        int version = new VersionWriter(definition).write(trained.inference(), record);
        progress.wrote(version, trainAccuracy, testAccuracy, seconds);
    }

    private ComputationGraph build(Architecture architecture, InputShape input, int classes, int trainCount) {
        int stepsPerEpoch = (trainCount + options.batchSize() - 1) / options.batchSize();
        var optimiser = new Optimiser(options.learningRate(), options.momentum(), options.weightDecay(), options.seed());
        return LayerKernels.build(architecture.trainingConfiguration(input, classes,
                optimiser.base(stepsPerEpoch * options.epochs())));
    }
}
