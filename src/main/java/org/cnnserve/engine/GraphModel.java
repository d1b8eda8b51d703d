package org.cnnserve.engine;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.BatchModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Deeplearning4j graph with one NCHW input and one softmax output, as a {@link BatchModel}. Each pass
 * closes its input and output arrays once their values are copied to the heap.
 */
public final class GraphModel implements BatchModel {

    private final ComputationGraph graph;
    private final UnaryOperator<INDArray> forward;
    private final InputShape input;
    private final int classes;

    public GraphModel(ComputationGraph graph, InputShape input, int classes) {
        this(graph, input, classes, batch -> graph.outputSingle(false, batch));
    }

    /** @param forward runs the graph on a batch; tests pass one that also records the arrays */
    GraphModel(ComputationGraph graph, InputShape input, int classes, UnaryOperator<INDArray> forward) {
        this.graph = graph;
        this.input = input;
        this.classes = classes;
        this.forward = forward;
    }

    @Override
    public float[][] predict(float[][] inputs) {
        int n = inputs.length;
        int size = BatchShapes.checkInputs(inputs, input);
        float[] flat = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputs[i], 0, flat, i * size, size);
        }
        INDArray batch = Nd4j.create(flat, new long[] {n, input.channels(), input.height(), input.width()}, 'c');
        INDArray out = null;
        try {
            out = forward.apply(batch);
            BatchShapes.checkOutput(out, n, classes);
            return rows(out, n); // copied to the heap, so the off-heap buffers can go now
        } finally {
            close(out);
            close(batch);
        }
    }

    // One copy of the whole buffer: getRow(i).dup() would make n more off-heap arrays.
    private float[][] rows(INDArray out, int n) {
        INDArray contiguous = out.isView() || out.ordering() != 'c' ? out.dup('c') : out;
        try {
            float[] all = contiguous.data().asFloat();
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(all, i * classes, (i + 1) * classes);
            }
            return rows;
        } finally {
            if (contiguous != out) {
                close(contiguous);
            }
        }
    }

    // Off-heap buffers are otherwise freed only when the garbage collector finds their Java objects.
    private static void close(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }
}
