package org.cnnserve.benchmark;

import org.cnnserve.engine.NativeGraph;
import java.util.Arrays;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Images per second of a graph's forward passes or training steps on one random batch. */
final class GraphThroughput {

    private GraphThroughput() {
    }

    /** Back-to-back forward passes. */
    static double inference(ComputationGraph graph, InputShape input, int batch, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.channels(), input.height(), input.width());
        return timed(() -> graph.outputSingle(false, x), batch, seconds);
    }

    /** Back-to-back forward passes of the compiled graph, on an NHWC batch. */
    static double nativeInference(NativeGraph graph, InputShape input, int batch, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.height(), input.width(), input.channels());
        return timed(() -> graph.output(x).close(), batch, seconds);
    }

    /** Training steps: forward, backward and update; auxiliary heads train on the same labels. */
    static double training(ComputationGraph graph, InputShape input, int classes, int batch, double seconds) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.channels(), input.height(), input.width());
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1);
        }
        INDArray[] labels = new INDArray[graph.getNumOutputArrays()];
        Arrays.fill(labels, y);
        return timed(() -> graph.fit(new INDArray[] {x}, labels), batch, seconds);
    }

    /**
     * Images per second of {@code step} over at least {@code seconds} and 3 steps, after a warm-up:
     * ND4J sizes its workspaces and the JIT compiles DL4J's Java side (which takes seconds; for
     * large networks the steps are long enough for it to finish in one).
     */
    private static double timed(Runnable step, int batch, double seconds) {
        long warm = System.nanoTime() + (long) (Math.max(2, seconds) * 1e9);
        do {
            step.run();
        } while (System.nanoTime() < warm);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int steps = 0;
        while (System.nanoTime() < end || steps < 3) {
            step.run();
            steps++;
        }
        return steps * batch / ((System.nanoTime() - start) / 1e9);
    }
}
