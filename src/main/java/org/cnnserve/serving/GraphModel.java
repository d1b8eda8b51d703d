package org.cnnserve.serving;

import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A Deeplearning4j graph with one NCHW input and one softmax output, as a {@link BatchModel}. */
public final class GraphModel implements BatchModel {

    private final ComputationGraph graph;
    private final InputShape input;
    private final int classes;

    public GraphModel(ComputationGraph graph, InputShape input, int classes) {
        this.graph = graph;
        this.input = input;
        this.classes = classes;
    }

    @Override
    public float[][] predict(float[][] inputs) {
        int n = inputs.length;
        int size = Math.toIntExact(input.elements());
        float[] flat = new float[n * size];
        for (int i = 0; i < n; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length
                        + " values, the model takes " + size + " (" + input + ")");
            }
            System.arraycopy(inputs[i], 0, flat, i * size, size);
        }
        INDArray batch = Nd4j.create(flat, new long[] {n, input.channels(), input.height(), input.width()}, 'c');
        INDArray out = graph.outputSingle(false, batch);
        if (out.rank() != 2 || out.size(1) != classes) {
            throw new IllegalStateException("the network outputs shape " + java.util.Arrays.toString(out.shape())
                    + " but the model config has " + classes + " classes");
        }
        float[][] probabilities = new float[n][];
        for (int i = 0; i < n; i++) {
            probabilities[i] = out.getRow(i).dup().toFloatVector();
        }
        return probabilities;
    }
}
