package org.cnnserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.serving.Device;
import org.junit.jupiter.api.Test;

/** What the engine reads from a model.onnx, on the PyTorch-made Fashion-MNIST CNN the tests commit. */
class OnnxModelFileTests {

    static final Path FASHION_CNN = Path.of("src/test/resources/foreign/fashion-cnn/1/model.onnx");
    private static final InputShape GREY_28 = new InputShape(28, 28, 1);

    /*
     * By hand, per image (make_fashion_cnn.py): conv1 1->16 3x3 pad 1 on 28x28 is 28*28*16 outputs of 1*3*3
     * = 112,896; conv2 16->32 3x3 pad 1 on 14x14 is 14*14*32 outputs of 16*3*3 = 903,168; fc1 1568->64 is
     * 100,352; fc2 64->10 is 640.
     */
    private static final long MACS = 112_896 + 903_168 + 100_352 + 640;
    // conv1 16*9+16, conv2 32*16*9+32, fc1 64*1568+64, fc2 10*64+10
    private static final long PARAMETERS = 160 + 4_640 + 100_416 + 650;

    private static OnnxMl.ModelProto proto() throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(FASHION_CNN));
    }

    @Test
    void parametersAndMacsAreCountedFromTheGraph() {
        OnnxModelFile model = OnnxModelFile.read(FASHION_CNN);

        assertThat(model.parameters()).isEqualTo(PARAMETERS);
        assertThat(model.macs()).isEqualTo(MACS);
        assertThat(model.uncountedNodes()).isEmpty();
    }

    @Test
    void macsAreInferredAlongTheGraphWhenTheFileCarriesNoIntermediateShapes() throws IOException {
        OnnxMl.ModelProto stripped = proto().toBuilder()
                .setGraph(proto().getGraph().toBuilder().clearValueInfo()).build();

        OnnxModelFile model = OnnxModelFile.of(stripped.toByteArray());

        assertThat(model.macs()).isEqualTo(MACS);
        assertThat(model.uncountedNodes()).isEmpty();
        assertThat(model.activationBytes()).isPositive();
    }

    @Test
    void aGraphEndingInLogitsIsNotTakenForProbabilities() {
        assertThat(OnnxModelFile.read(FASHION_CNN).endsInSoftmax()).isFalse();
    }

    @Test
    void aFreeBatchDimensionDoesNotCapTheBatch() {
        assertThat(OnnxModelFile.read(FASHION_CNN).check(GREY_28, 10)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aFixedBatchDimensionOfOneCapsTheBatchAtOne() throws IOException {
        OnnxModelFile model = OnnxModelFile.of(withBatchDimension(proto(), 1).toByteArray());

        assertThat(model.check(GREY_28, 10)).isEqualTo(1);
    }

    @Test
    void anInputShapeThatDiffersFromTheConfigIsNamedInTheError() {
        OnnxModelFile model = OnnxModelFile.read(FASHION_CNN);

        assertThatThrownBy(() -> model.check(new InputShape(28, 28, 3), 10))
                .isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("model.onnx takes input 'input' [N,1,28,28], model.yaml says 28x28x3");
        assertThatThrownBy(() -> model.check(new InputShape(32, 32, 1), 10))
                .hasMessageContaining("[N,1,28,28]").hasMessageContaining("32x32x1");
    }

    @Test
    void anOutputThatIsNotTheConfiguredClassesIsNamedInTheError() {
        assertThatThrownBy(() -> OnnxModelFile.read(FASHION_CNN).check(GREY_28, 12))
                .isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("output 'logits' [N,10], model.yaml says 12 classes");
    }

    @Test
    void bytesThatAreNoOnnxModelAreRefused() {
        assertThatThrownBy(() -> OnnxModelFile.of("not a model".getBytes()))
                .isInstanceOf(OnnxModelException.class);
    }

    @Test
    void aGpuReplicaOnTheCpuBuildFailsWithTheReason() {
        OnnxModelFile model = OnnxModelFile.read(FASHION_CNN);

        assertThatThrownBy(() -> new OnnxDeviceBinding().bindCallingThread(new Device(0)))
                .isInstanceOf(OnnxModelException.class).hasMessageContaining("-Pcuda");
        assertThatThrownBy(() -> model.replica(GREY_28, 10, new Device(0), 1))
                .isInstanceOf(OnnxModelException.class).hasMessageContaining("no CUDA execution provider");
    }

    static OnnxMl.ModelProto withBatchDimension(OnnxMl.ModelProto model, long batch) {
        OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
        graph.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0)
                .clearDimParam().setDimValue(batch);
        graph.getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0)
                .clearDimParam().setDimValue(batch);
        return model.toBuilder().setGraph(graph).build();
    }
}
