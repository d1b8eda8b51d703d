package org.cnnserve.engine;

import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.BatchModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A replica on the native engine: CHW inputs become one NHWC batch, which the compiled graph runs. */
public final class NativeModel implements BatchModel {

    private final NativeGraph graph;
    private final InputShape input;
    private final int classes;

    public NativeModel(NativeGraph graph, InputShape input, int classes) {
        this.graph = graph;
        this.input = input;
        this.classes = classes;
    }

    @Override
    public float[][] predict(float[][] inputs) {
        int n = inputs.length;
        int channels = input.channels();
        int pixels = input.height() * input.width();
        int size = BatchShapes.checkInputs(inputs, input);
        float[] nhwc = new float[n * size];
        for (int i = 0; i < n; i++) {
            float[] chw = inputs[i];
            int base = i * size;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < pixels; p++) {
                    nhwc[base + p * channels + c] = chw[c * pixels + p];
                }
            }
        }
        INDArray batch = Nd4j.create(nhwc, new long[] {n, input.height(), input.width(), channels}, 'c');
        INDArray out = graph.output(batch);
        try {
            BatchShapes.checkOutput(out, n, classes);
            return out.toFloatMatrix();
        } finally {
            out.close();
            batch.close();
        }
    }
}
