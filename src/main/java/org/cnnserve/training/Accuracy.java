package org.cnnserve.training;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.engine.GraphModel;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeModel;
import org.cnnserve.engine.UnsupportedNetworkException;
import org.cnnserve.serving.BatchModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Top-1 and top-5 accuracy of a model on labelled inputs, in batches, through the same forward pass serving uses. */
final class Accuracy {

    private static final int BATCH = 256;

    private Accuracy() {
    }

    /**
     * The inference graph as the service runs it: on the native engine where the network compiles
     * (several times faster than DL4J's layers, and the same top-1), else on DL4J's layers.
     */
    static BatchModel served(ComputationGraph inference, InputShape input, int classes) {
        try {
            return new NativeModel(NativeCompiler.compile(inference, input), input, classes);
        } catch (UnsupportedNetworkException e) {
            return new GraphModel(inference, input, classes);
        }
    }

    /**
     * How many of {@code images} inputs a model got right.
     *
     * @param top1 images whose class has the highest probability
     * @param top5 images whose class is among the five most probable (all of them, with five classes or fewer)
     */
    record Counts(int images, int top1, int top5) {

        double top1Rate() {
            return (double) top1 / images;
        }

        double top5Rate() {
            return (double) top5 / images;
        }
    }

    static double top1(BatchModel model, Tensors data, int limit) {
        return counts(model, data, limit).top1Rate();
    }

    /** The counts on the first {@code limit} inputs of {@code data}. */
    static Counts counts(BatchModel model, Tensors data, int limit) {
        int n = Math.min(limit, data.count());
        int top1 = 0;
        int top5 = 0;
        for (int start = 0; start < n; start += BATCH) {
            float[][] inputs = new float[Math.min(BATCH, n - start)][];
            for (int j = 0; j < inputs.length; j++) {
                inputs[j] = data.input(start + j);
            }
            float[][] probabilities = model.predict(inputs);
            for (int j = 0; j < inputs.length; j++) {
                int rank = rank(probabilities[j], data.label(start + j));
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
            }
        }
        return new Counts(n, top1, top5);
    }

    /**
     * How many classes come before {@code label}: those more probable, and those as probable with a
     * lower index, which is the order of the service's answer (a stable sort by probability).
     */
    private static int rank(float[] probabilities, int label) {
        int rank = 0;
        for (int k = 0; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[label] || (probabilities[k] == probabilities[label] && k < label)) {
                rank++;
            }
        }
        return rank;
    }
}
