package org.cnnserve.benchmark;

import java.util.Arrays;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images per second of training steps (forward, backward, update) on one random batch, after a warm-up. */
final class TrainingThroughput {

    private TrainingThroughput() {
    }

    static double of(ComputationGraph graph, InputShape input, int classes, int batch, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.channels(), input.height(), input.width());
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1);
        }
        INDArray[] labels = new INDArray[graph.getNumOutputArrays()];
        Arrays.fill(labels, y); // auxiliary heads train on the same labels
        long warm = System.nanoTime() + (long) (Math.max(2, seconds) * 1e9);
        do {
            graph.fit(new INDArray[] {x}, labels);
        } while (System.nanoTime() < warm);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int steps = 0;
        while (System.nanoTime() < end || steps < 3) {
            graph.fit(new INDArray[] {x}, labels);
            steps++;
        }
        return steps * batch / ((System.nanoTime() - start) / 1e9);
    }
}
