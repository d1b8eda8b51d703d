package org.cnnserve.training;

import java.util.Arrays;
import java.util.Random;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.InputShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The epochs: each a seeded shuffle of the training set in batches, every image augmented, then the
 * graph as served measured on the validation split; the epoch that did best there is kept
 * ({@link EpochSelection}). The test split is not looked at here. The learning-rate schedule is in
 * the graph's updater ({@link Optimiser}). One {@link Random}, seeded once, draws the shuffles and
 * the augmentation in a fixed order, so a seed gives the same weights on every run.
 */
final class TrainingLoop {

    /**
     * @param selection the validation top-1 of each epoch, and the graph serving gets, from the selected epoch
     * @param loss      the last epoch's smoothed training loss
     */
    record Result(EpochSelection<ComputationGraph> selection, double loss) {

        ComputationGraph inference() {
            return selection.selected();
        }
    }

    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final Augmentation augmentation;
    private final Progress progress;

    TrainingLoop(int epochs, int batchSize, long seed, Augmentation augmentation, Progress progress) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augmentation = augmentation;
        this.progress = progress;
    }

    Result run(ComputationGraph graph, Architecture architecture, Tensors train, Tensors validation, int classes) {
        InputShape input = train.shape();
        double loss = 0;
        Random random = new Random(seed);
        var selection = new EpochSelection<ComputationGraph>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            loss = epoch(graph, train, classes, random, epoch);
            ComputationGraph inference = InferenceGraph.of(graph, architecture, input, classes, seed);
            double top1 = Accuracy.top1(Accuracy.served(inference, input, classes), validation, Integer.MAX_VALUE);
            selection.epochDone(top1, inference);
            progress.epochDone(epoch, loss, top1, selection.selectedEpoch());
        }
        return new Result(selection, loss);
    }

    private double epoch(ComputationGraph graph, Tensors data, int classes, Random random, int epoch) {
        InputShape input = data.shape();
        int n = data.count();
        int[] order = shuffled(n, random);
        int size = Math.toIntExact(input.elements());
        int batches = (n + batchSize - 1) / batchSize;
        double smoothed = Double.NaN;
        long epochStart = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int count = Math.min(batchSize, n - from);
            float[] features = new float[count * size];
            float[] labels = new float[count * classes];
            for (int j = 0; j < count; j++) {
                int i = order[from + j];
                System.arraycopy(augmentation.input(data, i, random), 0, features, j * size, size);
                labels[j * classes + data.label(i)] = 1f;
            }
            INDArray f = Nd4j.create(features, new long[] {count, input.channels(), input.height(), input.width()}, 'c');
            INDArray l = Nd4j.create(labels, new long[] {count, classes}, 'c');
            INDArray[] targets = new INDArray[graph.getNumOutputArrays()];
            Arrays.fill(targets, l);
            graph.fit(new INDArray[] {f}, targets);
            double score = graph.score();
            smoothed = Double.isNaN(smoothed) ? score : 0.98 * smoothed + 0.02 * score;
            if ((b + 1) % 100 == 0 || b + 1 == batches) {
                double accuracy = batchAccuracy(graph, f, l);
                progress.batch(epoch, b + 1, batches, smoothed, accuracy, (long) (from + count), epochStart);
            }
        }
        return smoothed;
    }

    /** Top-1 of the main output on one training batch, in inference mode (no dropout). */
    private static double batchAccuracy(ComputationGraph graph, INDArray features, INDArray labels) {
        INDArray predicted = graph.output(false, features)[0].argMax(1);
        INDArray truth = labels.argMax(1);
        return predicted.eq(truth).castTo(DataType.FLOAT).meanNumber().doubleValue();
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
}
