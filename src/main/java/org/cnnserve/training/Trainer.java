package org.cnnserve.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.LabelMapping;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.datasets.TrainingSplits;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeModel;
import org.cnnserve.engine.UnsupportedNetworkException;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.engine.GraphModel;
import org.cnnserve.engine.NativeThreads;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGD with Nesterov momentum, weight decay and a step schedule (x0.1 at 50% and 75% of the
 * steps), seeded shuffling and flips. Writes the new version into a temporary folder and renames
 * it into place only when complete, so the registry never sees half a version.
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
        LabelledImages train = splits.train();
        LabelledImages test = splits.test();
        ModelRepository repository = new ModelRepository(options.repository());
        NewModelFolder created = null;
        ModelDefinition definition;
        try {
            if (Files.isDirectory(options.repository().resolve(options.model()))) {
                definition = repository.read(options.model());
                if (options.architecture() != null && !options.architecture().equals(definition.config().architecture())) {
                    throw new TrainingException("model " + options.model() + " is a "
                            + definition.config().architecture() + ", not a " + options.architecture());
                }
            } else if (options.architecture() != null) {
                created = stageNewModel(train);
                definition = repository.read(created.stagingName());
            } else {
                throw new TrainingException("there is no model folder " + options.model() + " in "
                        + options.repository() + "; give --architecture to create one");
            }
        } catch (RuntimeException e) {
            throw e instanceof TrainingException t ? t : new TrainingException(e.getMessage(), e);
        }
        try {
            train(definition, train, test);
            if (created != null) {
                created.publish();
            }
        } catch (RuntimeException e) {
            if (created != null) {
                created.discard();
            }
            throw e;
        }
    }

    /** Checks the architecture, input and labels before anything is written, then stages the folder. */
    private NewModelFolder stageNewModel(LabelledImages train) {
        Architecture architecture;
        try {
            architecture = ArchitectureCatalog.standard().require(options.architecture());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        List<String> labels = newModelLabels(train);
        try {
            architecture.trainingConfiguration(options.input(), labels.size(), new NeuralNetConfiguration.Builder());
        } catch (IllegalArgumentException e) {
            throw new TrainingException("impossible input for " + architecture.name() + ": " + e.getMessage(), e);
        }
        PixelStatistics stats = PixelStatistics.of(train, options.input());
        String dataset = options.dataset().toAbsolutePath().normalize().getFileName().toString();
        return NewModelFolder.stage(options.repository(), options.model(), architecture, options.input(), labels,
                stats, dataset);
    }

    /** {@code --labels}, else the data set's own class names (an ImageFolder's folders, an IDX labels.txt). */
    private List<String> newModelLabels(LabelledImages train) {
        if (options.labels() != null) {
            try {
                return Files.readAllLines(options.labels()).stream().map(String::strip).filter(l -> !l.isEmpty())
                        .toList();
            } catch (IOException e) {
                throw new TrainingException("cannot read --labels " + options.labels() + ": " + e.getMessage(), e);
            }
        }
        if (train.classNames().isEmpty()) {
            throw new TrainingException("a new model needs class names: " + train.description() + " has none "
                    + "(give --labels FILE, one name per line, or put labels.txt in the data set)");
        }
        return train.classNames();
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
        long started = System.nanoTime();
        var trainData = new Tensors(train, trainClasses, definition.config().preprocessing(), input);
        var testData = new Tensors(test, testClasses, definition.config().preprocessing(), input);
        int classes = definition.config().classes();
        ComputationGraph graph = build(architecture, input, classes, train.size());
        String kernels = LayerKernels.describe(graph);
        out.printf("training %s (%s, %s, %d parameters%s) on %d images, testing on %d, %d native thread(s), %s%n",
                options.model(), architecture.name(), input, graph.numParams(),
                graph.getNumOutputArrays() > 1 ? ", auxiliary heads while training" : "", train.size(), test.size(),
                threads, kernels);
        double loss = 0;
        Random random = new Random(options.seed());
        ComputationGraph inference = graph;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            loss = epoch(graph, trainData, input, classes, random, epoch, started);
            inference = InferenceGraph.of(graph, architecture, input, classes, options.seed());
            double testAccuracy = Accuracy.top1(served(inference, input, classes), testData, Integer.MAX_VALUE);
            out.printf("epoch %d/%d done: loss %.4f, test top-1 %.4f%n", epoch, options.epochs(), loss, testAccuracy);
        }
        BatchModel model = served(inference, input, classes);
        double trainAccuracy = Accuracy.top1(model, trainData, 10_000);
        double testAccuracy = Accuracy.top1(model, testData, Integer.MAX_VALUE);
        double seconds = (System.nanoTime() - started) / 1e9;
        var record = record(definition, architecture, loss, trainAccuracy, testAccuracy, seconds, train, test, kernels);
        int version = new VersionWriter(definition).write(inference, record);
        out.printf("wrote %s version %d: train top-1 %.4f (first 10000), test top-1 %.4f, %.0f s%n",
                options.model(), version, trainAccuracy, testAccuracy, seconds);
    }

    private TrainingRecord record(ModelDefinition definition, Architecture architecture, double loss,
                                  double trainAccuracy, double testAccuracy, double seconds, LabelledImages train,
                                  LabelledImages test, String kernels) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("path", options.dataset().toAbsolutePath().toString());
        dataset.put("train", train.description());
        dataset.put("train_images", train.size());
        dataset.put("test", test.description());
        dataset.put("test_images", test.size());
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("optimizer", Optimiser.DESCRIPTION);
        hyper.put("batch_size", options.batchSize());
        hyper.put("learning_rate", options.learningRate());
        hyper.put("schedule", Optimiser.SCHEDULE);
        hyper.put("momentum", options.momentum());
        hyper.put("weight_decay", options.weightDecay());
        hyper.put("seed", options.seed());
        hyper.put("augmentation", augmentation());
        return new TrainingRecord(options.model(), 0, architecture.name(), definition.config().input().toString(),
                definition.config().classes(), dataset, hyper, options.epochs(), loss, trainAccuracy, testAccuracy,
                seconds, command, Instant.now().toString(), "deeplearning4j 1.0.0-M2.1, " + kernels);
    }

    private String augmentation() {
        List<String> kinds = new java.util.ArrayList<>();
        if (options.flip()) {
            kinds.add("random left-right flip");
        }
        if (options.shift() > 0) {
            kinds.add("random translation by up to " + options.shift() + " pixels");
        }
        return kinds.isEmpty() ? "none" : String.join(", ", kinds);
    }

    private ComputationGraph build(Architecture architecture, InputShape input, int classes, int trainCount) {
        int stepsPerEpoch = (trainCount + options.batchSize() - 1) / options.batchSize();
        var optimiser = new Optimiser(options.learningRate(), options.momentum(), options.weightDecay(), options.seed());
        return LayerKernels.build(architecture.trainingConfiguration(input, classes,
                optimiser.base(stepsPerEpoch * options.epochs())));
    }

    /**
     * The inference graph as the service runs it: on the native engine where the network compiles
     * (several times faster than DL4J's layers, and the same top-1), else on DL4J's layers.
     */
    private static BatchModel served(ComputationGraph inference, InputShape input, int classes) {
        try {
            return new NativeModel(NativeCompiler.compile(inference, input), input, classes);
        } catch (UnsupportedNetworkException e) {
            return new GraphModel(inference, input, classes);
        }
    }

    private double epoch(ComputationGraph graph, Tensors data, InputShape input, int classes, Random random, int epoch,
                         long started) {
        int n = data.count();
        int[] order = shuffled(n, random);
        int size = Math.toIntExact(input.elements());
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        double smoothed = Double.NaN;
        long epochStart = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            int from = b * options.batchSize();
            int count = Math.min(options.batchSize(), n - from);
            float[] features = new float[count * size];
            float[] labels = new float[count * classes];
            for (int j = 0; j < count; j++) {
                int i = order[from + j];
                float[] x = options.shift() == 0 ? data.input(i) : data.input(i, shift(random), shift(random));
                if (options.flip() && random.nextBoolean()) {
                    mirror(x, input);
                }
                System.arraycopy(x, 0, features, j * size, size);
                labels[j * classes + data.label(i)] = 1f;
            }
            INDArray f = Nd4j.create(features, new long[] {count, input.channels(), input.height(), input.width()}, 'c');
            INDArray l = Nd4j.create(labels, new long[] {count, classes}, 'c');
            INDArray[] targets = new INDArray[graph.getNumOutputArrays()];
            java.util.Arrays.fill(targets, l);
            graph.fit(new INDArray[] {f}, targets);
            double score = graph.score();
            smoothed = Double.isNaN(smoothed) ? score : 0.98 * smoothed + 0.02 * score;
            if ((b + 1) % 100 == 0 || b + 1 == batches) {
                double accuracy = batchAccuracy(graph, f, l);
                progress(epoch, b + 1, batches, smoothed, accuracy, (long) (from + count), epochStart, started);
            }
        }
        return smoothed;
    }

    /** Top-1 of the main output on one training batch, in inference mode (no dropout). */
    private static double batchAccuracy(ComputationGraph graph, INDArray features, INDArray labels) {
        INDArray predicted = graph.output(false, features)[0].argMax(1);
        INDArray truth = labels.argMax(1);
        return predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).meanNumber().doubleValue();
    }

    private int shift(Random random) {
        return random.nextInt(2 * options.shift() + 1) - options.shift();
    }

    private void progress(int epoch, int batch, int batches, double loss, double accuracy, long seen, long epochStart,
                          long started) {
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        double imagesPerSecond = seen / epochSeconds;
        double done = (epoch - 1 + (double) batch / batches) / options.epochs();
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = elapsed / done - elapsed;
        out.printf("epoch %d/%d batch %d/%d loss %.4f batch top-1 %.3f %.0f img/s ETA %.0f s%n", epoch,
                options.epochs(), batch, batches, loss, accuracy, imagesPerSecond, eta);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Mirrors a CHW image left-right in place. */
    private static void mirror(float[] x, InputShape input) {
        int w = input.width();
        for (int row = 0; row < input.channels() * input.height(); row++) {
            int base = row * w;
            for (int c = 0; c < w / 2; c++) {
                float t = x[base + c];
                x[base + c] = x[base + w - 1 - c];
                x[base + w - 1 - c] = t;
            }
        }
    }
}
