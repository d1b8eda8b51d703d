package org.cnnserve.training;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.engine.GraphModel;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeModel;
import org.cnnserve.engine.UnsupportedNetworkException;
import org.cnnserve.serving.BatchModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Top-1 accuracy of a model on labelled inputs, in batches, through the same forward pass serving uses. */
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

    static double top1(BatchModel model, Tensors data, int limit) {
        int n = Math.min(limit, data.count());
        int correct = 0;
        for (int start = 0; start < n; start += BATCH) {
            float[][] inputs = new float[Math.min(BATCH, n - start)][];
            for (int j = 0; j < inputs.length; j++) {
                inputs[j] = data.input(start + j);
            }
            float[][] probabilities = model.predict(inputs);
            for (int j = 0; j < inputs.length; j++) {
                if (argMax(probabilities[j]) == data.label(start + j)) {
                    correct++;
                }
            }
        }
        return (double) correct / n;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
