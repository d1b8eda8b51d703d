package org.cnnserve.engine;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.BatchModel;
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
        int size = BatchShapes.checkInputs(inputs, input);
        float[] flat = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputs[i], 0, flat, i * size, size);
        }
        INDArray batch = Nd4j.create(flat, new long[] {n, input.channels(), input.height(), input.width()}, 'c');
        INDArray out = graph.outputSingle(false, batch);
        BatchShapes.checkOutput(out, n, classes);
        float[][] probabilities = new float[n][];
        for (int i = 0; i < n; i++) {
            probabilities[i] = out.getRow(i).dup().toFloatVector();
        }
        return probabilities;
    }
}
