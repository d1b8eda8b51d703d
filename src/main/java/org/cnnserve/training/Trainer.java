package org.cnnserve.training;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.IdxImages;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.serving.GraphModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * SGD with Nesterov momentum, weight decay and a step schedule (x0.1 at 50% and 75% of the
 * steps), seeded shuffling and flips. Writes the new version into a temporary folder and renames
 * it into place only when complete, so the registry never sees half a version.
 */
final class Trainer {

    private final TrainingOptions options;
    private final PrintStream out;
    private final String command;

    Trainer(TrainingOptions options, PrintStream out, String command) {
        this.options = options;
        this.out = out;
        this.command = command;
    }

    void run() {
        ModelRepository repository = new ModelRepository(options.repository());
        ModelDefinition definition;
        Architecture architecture;
        IdxImages train;
        IdxImages test;
        try {
            definition = repository.read(options.model());
            architecture = ArchitectureCatalog.standard().require(definition.config().architecture());
            train = IdxImages.read(options.dataset(), "train");
            test = IdxImages.read(options.dataset(), "t10k");
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(e.getMessage(), e);
        }
        InputShape input = definition.config().input();
        if (definition.config().classes() != 10) {
            throw new TrainingException("the dataset has 10 classes but model " + options.model() + " has "
                    + definition.config().classes());
        }
        long started = System.nanoTime();
        var trainData = new IdxTensors(train, definition.config().preprocessing(), input);
        var testData = new IdxTensors(test, definition.config().preprocessing(), input);
        ComputationGraph graph = build(architecture, input, definition.config().classes(), train.count());
        GraphModel model = new GraphModel(graph, input, definition.config().classes());
        out.printf("training %s (%s, %s, %d parameters) on %d images, testing on %d%n", options.model(),
                architecture.name(), input, graph.numParams(), train.count(), test.count());
        double loss = 0;
        Random random = new Random(options.seed());
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            loss = epoch(graph, trainData, input, random, epoch, started);
            double testAccuracy = Accuracy.top1(model, testData, Integer.MAX_VALUE);
            out.printf("epoch %d/%d done: loss %.4f, test top-1 %.4f%n", epoch, options.epochs(), loss, testAccuracy);
        }
        double trainAccuracy = Accuracy.top1(model, trainData, 10_000);
        double testAccuracy = Accuracy.top1(model, testData, Integer.MAX_VALUE);
        double seconds = (System.nanoTime() - started) / 1e9;
        var record = record(definition, architecture, loss, trainAccuracy, testAccuracy, seconds, train, test);
        int version = new VersionWriter(definition).write(graph, record);
        out.printf("wrote %s version %d: train top-1 %.4f (first 10000), test top-1 %.4f, %.0f s%n",
                options.model(), version, trainAccuracy, testAccuracy, seconds);
    }

    private TrainingRecord record(ModelDefinition definition, Architecture architecture, double loss,
                                  double trainAccuracy, double testAccuracy, double seconds, IdxImages train,
                                  IdxImages test) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("path", options.dataset().toAbsolutePath().toString());
        dataset.put("train_images", train.count());
        dataset.put("test_images", test.count());
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("optimizer", "SGD, Nesterov momentum");
        hyper.put("batch_size", options.batchSize());
        hyper.put("learning_rate", options.learningRate());
        hyper.put("schedule", "x0.1 at 50% and 75% of the steps");
        hyper.put("momentum", options.momentum());
        hyper.put("weight_decay", options.weightDecay());
        hyper.put("seed", options.seed());
        hyper.put("augmentation", options.flip() ? "random left-right flip" : "none");
        return new TrainingRecord(options.model(), 0, architecture.name(), definition.config().input().toString(),
                definition.config().classes(), dataset, hyper, options.epochs(), loss, trainAccuracy, testAccuracy,
                seconds, command, Instant.now().toString(), "deeplearning4j 1.0.0-M2.1");
    }

    private ComputationGraph build(Architecture architecture, InputShape input, int classes, int trainCount) {
        int stepsPerEpoch = (trainCount + options.batchSize() - 1) / options.batchSize();
        int steps = stepsPerEpoch * options.epochs();
        var schedule = new MapSchedule(ScheduleType.ITERATION, Map.of(
                0, options.learningRate(),
                steps / 2, options.learningRate() / 10,
                steps * 3 / 4, options.learningRate() / 100));
        var base = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .updater(new Nesterovs(schedule, options.momentum()))
                .weightDecay(options.weightDecay());
        ComputationGraph graph = new ComputationGraph(architecture.configuration(input, classes, base));
        graph.init();
        return graph;
    }

    private double epoch(ComputationGraph graph, IdxTensors data, InputShape input, Random random, int epoch,
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
            float[] labels = new float[count * 10];
            for (int j = 0; j < count; j++) {
                int i = order[from + j];
                float[] x = data.input(i);
                if (options.flip() && random.nextBoolean()) {
                    mirror(x, input);
                }
                System.arraycopy(x, 0, features, j * size, size);
                labels[j * 10 + data.label(i)] = 1f;
            }
            INDArray f = Nd4j.create(features, new long[] {count, input.channels(), input.height(), input.width()}, 'c');
            INDArray l = Nd4j.create(labels, new long[] {count, 10}, 'c');
            graph.fit(new INDArray[] {f}, new INDArray[] {l});
            double score = graph.score();
            smoothed = Double.isNaN(smoothed) ? score : 0.98 * smoothed + 0.02 * score;
            if ((b + 1) % 100 == 0 || b + 1 == batches) {
                progress(epoch, b + 1, batches, smoothed, (long) (from + count), epochStart, started);
            }
        }
        return smoothed;
    }

    private void progress(int epoch, int batch, int batches, double loss, long seen, long epochStart, long started) {
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        double imagesPerSecond = seen / epochSeconds;
        double done = (epoch - 1 + (double) batch / batches) / options.epochs();
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = elapsed / done - elapsed;
        out.printf("epoch %d/%d batch %d/%d loss %.4f %.0f img/s ETA %.0f s%n", epoch, options.epochs(), batch,
                batches, loss, imagesPerSecond, eta);
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
