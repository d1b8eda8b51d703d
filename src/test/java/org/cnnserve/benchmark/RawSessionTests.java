package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.engine.onnx.OnnxModel;
import org.cnnserve.engine.onnx.OnnxModelFile;
import org.cnnserve.serving.Device;
import org.junit.jupiter.api.Test;

/** The yardstick runs the graph the onnx engine runs, on the same NCHW rows: only the time may differ. */
class RawSessionTests {

    /** A PyTorch CNN that ends in logits, so the engine adds the softmax and the bare session does not. */
    private static final Path FASHION_CNN = Path.of("src/test/resources/foreign/fashion-cnn/1/model.onnx");
    private static final InputShape GREY_28 = new InputShape(28, 28, 1);

    @Test
    void theBareSessionGivesTheEnginesAnswersBeforeItsSoftmax() throws IOException {
        byte[] bytes = Files.readAllBytes(FASHION_CNN);
        try (RawSession raw = RawSession.open(bytes, GREY_28, 3, 1);
             OnnxModel engine = OnnxModelFile.of(bytes).replica(GREY_28, 10, Device.CPU, 1)) {
            float[][] logits = raw.outputs();
            float[][] probabilities = engine.predict(raw.inputs());

            assertThat(logits).hasDimensions(3, 10);
            for (int i = 0; i < 3; i++) {
                double[] expected = softmax(logits[i]);
                for (int c = 0; c < 10; c++) {
                    assertThat((double) probabilities[i][c]).isCloseTo(expected[c], within(1e-5));
                }
            }
            raw.run(); // a timed pass: runs, reads nothing
        }
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
