package org.cnnserve.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an exported model in a bare ONNX Runtime session (default options: every graph
 * optimisation on) and compares it with DL4J's output on the same batch. Equal means, for every
 * image (row), max |onnx - dl4j| <= 1e-4 * max(max |dl4j|, 1e-6) over that row's class
 * probabilities, and the same top-1 class.
 */
public final class OnnxRuntimeCheck {

    static final double RELATIVE_TOLERANCE = 1e-4;

    private OnnxRuntimeCheck() {
    }

    /** The exported model's output for a batch in NCHW. */
    static float[][] run(byte[] model, INDArray nchw) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor tensor = OnnxTensor.createTensor(env,
                         FloatBuffer.wrap(nchw.castTo(DataType.FLOAT).dup('c').data().asFloat()), nchw.shape());
                 OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
                return (float[][]) result.get(OnnxExport.OUTPUT).orElseThrow().getValue();
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime refused the exported model: " + e.getMessage(), e);
        }
    }

    /** Exports {@code graph}, runs both on {@code nchw} and asserts they are equal as defined above. */
    static void assertExportComputesWhatDl4jComputes(ComputationGraph graph, InputShape input, int classes,
                                                     INDArray nchw) {
        byte[] model = OnnxExport.export(graph, input, classes);
        float[][] actual = run(model, nchw);
        float[][] expected = graph.outputSingle(false, nchw.dup()).toFloatMatrix();
        assertSameProbabilities(actual, expected, classes);
    }

    /** Asserts {@code actual} equals {@code expected} (one row of class probabilities per image) as defined above. */
    public static void assertSameProbabilities(float[][] actual, float[][] expected, int classes) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int row = 0; row < expected.length; row++) {
            assertThat(actual[row]).hasSize(classes);
            double scale = 1e-6;
            double difference = 0;
            for (int k = 0; k < classes; k++) {
                scale = Math.max(scale, Math.abs(expected[row][k]));
                difference = Math.max(difference, Math.abs(actual[row][k] - expected[row][k]));
            }
            assertThat(difference / scale).as("image %d: largest difference relative to the largest probability", row)
                    .isLessThanOrEqualTo(RELATIVE_TOLERANCE);
            assertThat(argMax(actual[row])).as("image %d: top-1 class", row).isEqualTo(argMax(expected[row]));
        }
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
