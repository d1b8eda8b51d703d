package org.cnnserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.Device;
import org.junit.jupiter.api.Test;

/** A replica on ONNX Runtime: batches of any size give each image's own answer, as probabilities. */
class OnnxModelTests {

    private static final InputShape GREY_28 = new InputShape(28, 28, 1);

    private static float[][] images(int n, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[n][784];
        for (float[] image : images) {
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) random.nextGaussian();
            }
        }
        return images;
    }

    @Test
    void eachImageGetsTheSameProbabilitiesAloneAsInABatch() {
        float[][] batch = images(5, 1);
        try (OnnxModel model = OnnxModelFile.read(OnnxModelFileTests.FASHION_CNN).replica(GREY_28, 10, Device.CPU, 1)) {
            float[][] together = model.predict(batch);
            float[][] smaller = model.predict(new float[][] {batch[3]}); // the direct buffers are reused
            float[][] alone = model.predict(new float[][] {batch[4]});

            assertThat(together).hasDimensions(5, 10);
            for (float[] row : together) {
                double sum = 0;
                for (float p : row) {
                    assertThat(p).isBetween(0f, 1f);
                    sum += p;
                }
                assertThat(sum).as("logits become probabilities").isCloseTo(1.0, within(1e-5));
            }
            for (int c = 0; c < 10; c++) {
                assertThat(smaller[0][c]).isCloseTo(together[3][c], within(1e-5f));
                assertThat(alone[0][c]).isCloseTo(together[4][c], within(1e-5f));
            }
        }
    }

    @Test
    void aFixedBatchOfOneRunsOneImageAndRefusesMore() throws IOException {
        OnnxMl.ModelProto fixed = OnnxModelFileTests.withBatchDimension(
                OnnxMl.ModelProto.parseFrom(Files.readAllBytes(OnnxModelFileTests.FASHION_CNN)), 1);
        float[][] two = images(2, 2);
        try (OnnxModel free = OnnxModelFile.read(OnnxModelFileTests.FASHION_CNN).replica(GREY_28, 10, Device.CPU, 1);
             OnnxModel one = OnnxModelFile.of(fixed.toByteArray()).replica(GREY_28, 10, Device.CPU, 1)) {
            float[] expected = free.predict(new float[][] {two[0]})[0];

            assertThat(one.predict(new float[][] {two[0]})[0]).containsExactly(expected, within(1e-6f));
            assertThatThrownBy(() -> one.predict(two)).hasMessageContaining("fixes the batch at 1");
        }
    }

    @Test
    void softmaxAndLogSoftmaxEndingsGiveProbabilities() {
        float[] logits = {1f, 2f, 3f};
        float[] probabilities = logits.clone();
        Ending.LOGITS.toProbabilities(probabilities);
        float[] logs = new float[3];
        for (int i = 0; i < 3; i++) {
            logs[i] = (float) Math.log(probabilities[i]);
        }
        float[] fromLogs = logs.clone();
        Ending.LOG_PROBABILITIES.toProbabilities(fromLogs);
        float[] kept = probabilities.clone();
        Ending.PROBABILITIES.toProbabilities(kept);

        assertThat(probabilities).containsExactly(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, within(1e-6f));
        assertThat(fromLogs).containsExactly(probabilities, within(1e-6f));
        assertThat(kept).containsExactly(probabilities);
        assertThat(Ending.ofOp("Softmax")).isEqualTo(Ending.PROBABILITIES);
        assertThat(Ending.ofOp("LogSoftmax")).isEqualTo(Ending.LOG_PROBABILITIES);
        assertThat(Ending.ofOp("Gemm")).isEqualTo(Ending.LOGITS);
    }
}
