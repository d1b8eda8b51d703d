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
        int size = channels * pixels;
        float[] nhwc = new float[n * size];
        for (int i = 0; i < n; i++) {
            float[] chw = inputs[i];
            if (chw.length != size) {
                throw new IllegalArgumentException("input " + i + " has " + chw.length + " values, the model takes "
                        + size + " (" + input + ")");
            }
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
            if (out.rank() != 2 || out.size(1) != classes) {
                throw new IllegalStateException("the network outputs shape " + java.util.Arrays.toString(out.shape())
                        + " but the model config has " + classes + " classes");
            }
            return out.toFloatMatrix();
        } finally {
            out.close();
            batch.close();
        }
    }
}
