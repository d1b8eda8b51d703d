package org.cnnserve.training;

import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Top-1 accuracy of a graph on labelled inputs, in batches. */
final class Accuracy {

    private static final int BATCH = 256;

    private Accuracy() {
    }

    static double top1(ComputationGraph graph, IdxTensors data, InputShape input, int limit) {
        int n = Math.min(limit, data.count());
        int correct = 0;
        int size = Math.toIntExact(input.elements());
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            float[] flat = new float[b * size];
            for (int j = 0; j < b; j++) {
                System.arraycopy(data.input(start + j), 0, flat, j * size, size);
            }
            INDArray x = Nd4j.create(flat, new long[] {b, input.channels(), input.height(), input.width()}, 'c');
            INDArray predicted = graph.outputSingle(false, x).argMax(1);
            for (int j = 0; j < b; j++) {
                if (predicted.getInt(j) == data.label(start + j)) {
                    correct++;
                }
            }
        }
        return (double) correct / n;
    }
}
