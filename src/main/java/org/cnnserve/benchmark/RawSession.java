package org.cnnserve.benchmark;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.cnnserve.architectures.InputShape;

/**
 * The onnx engine's yardstick: a bare ONNX Runtime session on an ONNX model's bytes, all graph
 * optimisations on, the given intra-op threads, fed one random NCHW batch that was made once, called
 * in a plain loop. No replica class, no copy of the input per call, no reading of the output: what
 * ONNX Runtime alone does with the graph, so that the engine's column can be set against it.
 */
final class RawSession implements AutoCloseable {

    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final OnnxTensor input;
    private final Map<String, OnnxTensor> feed;

    private RawSession(OrtSession.SessionOptions options, OrtSession session, OnnxTensor input) {
        this.options = options;
        this.session = session;
        this.input = input;
        this.feed = Map.of(session.getInputNames().iterator().next(), input);
    }

    /** Opens a session on {@code model} with {@code threads} intra-op threads, fed a random batch of {@code batch}. */
    static RawSession open(byte[] model, InputShape shape, int batch, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            OrtSession session = env.createSession(model, options);
            int values = Math.toIntExact(batch * shape.elements());
            FloatBuffer x = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            Random random = new Random(1);
            for (int i = 0; i < values; i++) {
                x.put(i, (float) random.nextGaussian());
            }
            return new RawSession(options, session, OnnxTensor.createTensor(env, x,
                    new long[] {batch, shape.channels(), shape.height(), shape.width()}));
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime cannot open the model: " + e.getMessage(), e);
        }
    }

    /** One forward pass on the batch; its output is released unread. */
    void run() {
        try (OrtSession.Result ignored = session.run(feed)) {
            // only the time counts
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** One forward pass, its first output read back as rows: for checking that it runs the graph it should. */
    float[][] outputs() {
        try (OrtSession.Result result = session.run(feed)) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** The batch it is fed, as rows of NCHW values: what an engine given the same images reads. */
    float[][] inputs() {
        FloatBuffer x = input.getFloatBuffer();
        long[] shape = input.getInfo().getShape();
        int size = Math.toIntExact(shape[1] * shape[2] * shape[3]);
        float[][] rows = new float[Math.toIntExact(shape[0])][size];
        for (float[] row : rows) {
            x.get(row);
        }
        return rows;
    }

    @Override
    public void close() {
        input.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
