package org.cnnserve.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.Device;

/**
 * A replica on the onnx engine: its own ONNX Runtime session, fed from a direct buffer that ONNX Runtime
 * reads in place, and writing its output into another that is read back row by row. Both buffers belong
 * to the replica and grow to the largest batch seen; like every {@link BatchModel} it is called from
 * one worker thread only.
 */
public final class OnnxModel implements BatchModel, AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final TensorSpec input;
    private final TensorSpec output;
    private final Ending ending;
    private final InputShape shape;
    private final int classes;
    private final int fixedBatch;
    private FloatBuffer in = allocate(0);
    private FloatBuffer out = allocate(0);

    private OnnxModel(OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session, TensorSpec input,
                      TensorSpec output, Ending ending, InputShape shape, int classes, int fixedBatch) {
        this.env = env;
        this.options = options;
        this.session = session;
        this.input = input;
        this.output = output;
        this.ending = ending;
        this.shape = shape;
        this.classes = classes;
        this.fixedBatch = fixedBatch;
    }

    /** @param fixedBatch the batch dimension the graph fixes, every run padded to it; 0 when it is free */
    static OnnxModel open(byte[] model, TensorSpec input, TensorSpec output, Ending ending, InputShape shape,
                          int classes, int fixedBatch, Device device, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be at least 1, was " + threads);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // The replica's share of the cores, by the rule the other engines follow (NativeThreads); one
            // graph runs at a time per replica, so inter-op parallelism would only add threads.
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            if (device.isGpu()) {
                OnnxDeviceBinding.requireCuda(device);
                options.addCUDA(device.gpu());
            }
            return new OnnxModel(env, options, env.createSession(model, options), input, output, ending, shape,
                    classes, fixedBatch);
        } catch (OrtException e) {
            options.close();
            throw new OnnxModelException("ONNX Runtime cannot open " + OnnxModelFile.FILE_NAME + " on " + device + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
    }

    @Override
    public float[][] predict(float[][] inputs) {
        int n = inputs.length;
        int size = Math.toIntExact(shape.elements());
        for (int i = 0; i < n; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length
                        + " values, the model takes " + size + " (" + shape + ")");
            }
        }
        if (fixedBatch > 0 && n > fixedBatch) {
            throw new IllegalArgumentException(n + " inputs in one batch, but " + OnnxModelFile.FILE_NAME
                    + " fixes the batch at " + fixedBatch);
        }
        int rows = fixedBatch > 0 ? fixedBatch : n;
        FloatBuffer x = inputBuffer(rows * size);
        for (float[] image : inputs) {
            x.put(image);
        }
        while (x.hasRemaining()) {
            x.put(0f); // a fixed batch dimension: the rows past the last input are padding
        }
        x.flip();
        FloatBuffer y = outputBuffer(rows * classes);
        long[] outShape = output.dims().clone();
        outShape[0] = rows;
        if (outShape.length == 2) {
            outShape[1] = classes;
        }
        try (OnnxTensor xt = OnnxTensor.createTensor(env, x, new long[] {rows, shape.channels(), shape.height(),
                shape.width()});
             OnnxTensor yt = OnnxTensor.createTensor(env, y, outShape);
             OrtSession.Result ignored = session.run(Map.of(input.name(), xt), Map.of(output.name(), yt))) {
            float[][] probabilities = new float[n][classes];
            for (int i = 0; i < n; i++) {
                y.get(i * classes, probabilities[i]);
                ending.toProbabilities(probabilities[i]);
            }
            return probabilities;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
        }
    }

    private FloatBuffer inputBuffer(int values) {
        if (in.capacity() < values) {
            in = allocate(values);
        }
        in.clear().limit(values);
        return in;
    }

    private FloatBuffer outputBuffer(int values) {
        if (out.capacity() < values) {
            out = allocate(values);
        }
        out.clear().limit(values);
        return out;
    }

    /** Native byte order: ONNX Runtime reads and writes a direct buffer in place only in that order. */
    private static FloatBuffer allocate(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Whether ONNX Runtime in this build offers its CUDA execution provider. */
    static boolean cudaAvailable() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
