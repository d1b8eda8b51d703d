package org.cnnserve.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.engine.NativeGraph;
import org.cnnserve.serving.BatchModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images per second of a graph's forward passes or training steps on one random batch, measured the
 * same way for every engine: each warmed until its time per pass is stable ({@link Stability#DEFAULT}),
 * then {@link #ROUNDS} rounds, engines in turn when there are several ({@link Interleaved}).
 */
final class GraphThroughput {

    /** Rounds per measurement: enough for a median and a spread, few enough that each round is long. */
    static final int ROUNDS = 5;

    /**
     * @param imagesPerSecond per engine, in the order given, median and spread over the rounds
     * @param stable          whether every engine's warm-up reached the stability rule within its cap
     */
    record Measured(List<Spread> imagesPerSecond, boolean stable) {
    }

    private GraphThroughput() {
    }

    /** A forward pass of a DL4J graph on a random NCHW batch. */
    static Runnable inference(ComputationGraph graph, InputShape input, int batch) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.channels(), input.height(), input.width());
        return () -> graph.outputSingle(false, x);
    }

    /** A forward pass of the compiled graph on a random NHWC batch. */
    static Runnable nativeInference(NativeGraph graph, InputShape input, int batch) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.height(), input.width(), input.channels());
        return () -> graph.output(x).close();
    }

    /**
     * A forward pass of the onnx engine's replica on a random batch, as a worker calls it: rows of NCHW
     * values in, probabilities out.
     */
    static Runnable onnxInference(BatchModel model, InputShape input, int batch) {
        Random random = new Random(1);
        float[][] x = new float[batch][Math.toIntExact(input.elements())];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return () -> model.predict(x);
    }

    /** A training step: forward, backward and update; auxiliary heads train on the same labels. */
    static Runnable training(ComputationGraph graph, InputShape input, int classes, int batch) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, input.channels(), input.height(), input.width());
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % classes, 1);
        }
        INDArray[] labels = new INDArray[graph.getNumOutputArrays()];
        Arrays.fill(labels, y);
        return () -> graph.fit(new INDArray[] {x}, labels);
    }

    /** Images per second of each engine's passes on batches of {@code batch}, over about {@code seconds} each. */
    static Measured measure(int batch, double seconds, Runnable... engines) {
        return measure(batch, seconds, List.of(engines));
    }

    /** As {@link #measure(int, double, Runnable...)}, the engines in a list. */
    static Measured measure(int batch, double seconds, List<Runnable> engines) {
        Duration round = Duration.ofNanos((long) (seconds / ROUNDS * 1e9));
        Interleaved.Result result = Interleaved.measure(engines, Stability.DEFAULT, ROUNDS, round,
                System::nanoTime);
        return new Measured(result.passesPerSecond().stream().map(s -> s.times(batch)).toList(), result.allStable());
    }
}
