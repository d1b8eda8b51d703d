package org.cnnserve.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.export.OnnxRuntimeCheck.assertExportComputesWhatDl4jComputes;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The readings of DL4J's layers that the catalogue exercises little or not at all: Same-mode
 * windows that need asymmetric pads on odd and even sides, BatchNorm with a stored log standard
 * deviation, LRN's alpha, average pooling with and without the padding in its divisor.
 */
class OnnxExportTests {

    private static final InputShape INPUT = new InputShape(13, 10, 3);
    private static final int CLASSES = 5;

    private static ComputationGraph network(boolean includePadInDivisor, PoolingType lastPool) {
        var conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(INPUT.height(), INPUT.width(), INPUT.channels()))
                .addLayer("conv", new ConvolutionLayer.Builder(4, 3).stride(2, 3).nOut(6)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "input")
                .addLayer("bn", new BatchNormalization.Builder().useLogStd(true).eps(1e-3).build(), "conv")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn")
                .addLayer("lrn", new LocalResponseNormalization.Builder().n(5).k(1.5).alpha(0.3).beta(0.75).build(),
                        "relu")
                .addLayer("max", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).build(), "lrn")
                .addLayer("pool", new SubsamplingLayer.Builder(lastPool).kernelSize(3, 2).stride(1, 1)
                        .padding(1, 1).pnorm(2).avgPoolIncludePadInDivisor(includePadInDivisor).build(), "max")
                .addLayer("fc", new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build(), "pool")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("output")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        ExportCases.randomiseBatchNorms(graph);
        return graph;
    }

    @Test
    void sameModeWindowsLogStdBatchNormLrnAndPaddedAveragesComputeWhatDl4jComputes() {
        for (boolean includePad : new boolean[] {true, false}) {
            assertExportComputesWhatDl4jComputes(network(includePad, PoolingType.AVG), INPUT, CLASSES,
                    ExportCases.randomImages(INPUT, 3, 5).muli(4).subi(2));
        }
    }

    @Test
    void theModelHasAFreeBatchDimensionAndEndsInTheSoftmaxNamedProbabilities() {
        ModelProto model = OnnxExport.model(network(true, PoolingType.AVG), INPUT, CLASSES);

        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(OnnxExport.OPSET);
        var input = model.getGraph().getInput(0);
        assertThat(input.getName()).isEqualTo("input");
        assertThat(input.getType().getTensorType().getShape().getDimList())
                .extracting(d -> d.hasDimParam() ? "N" : Long.toString(d.getDimValue()))
                .containsExactly("N", "3", "13", "10");
        assertThat(model.getGraph().getOutput(0).getName()).isEqualTo("probabilities");
        NodeProto last = model.getGraph().getNode(model.getGraph().getNodeCount() - 1);
        assertThat(last.getOpType()).isEqualTo("Softmax");
        assertThat(last.getOutputList()).containsExactly("probabilities");
    }

    @Test
    void lrnAlphaIsDl4jsTimesTheWindowAndSameModePadsAreAsymmetric() {
        ModelProto model = OnnxExport.model(network(true, PoolingType.AVG), INPUT, CLASSES);

        NodeProto lrn = node(model, "LRN");
        assertThat(lrn.getAttributeList()).filteredOn(a -> a.getName().equals("alpha")).singleElement()
                .satisfies(a -> assertThat(a.getF()).isEqualTo(0.3f * 5));
        // Height 13, kernel 4, stride 2: 7 rows need 3 pads, 1 above and 2 below; width 10, kernel 3,
        // stride 3: 4 columns need 2 pads, 1 each side.
        assertThat(node(model, "Conv").getAttributeList()).filteredOn(a -> a.getName().equals("pads")).singleElement()
                .satisfies(a -> assertThat(a.getIntsList()).containsExactly(1L, 1L, 2L, 1L));
    }

    @Test
    void aLayerWithNoOnnxFormFailsNamingTheVertex() {
        ComputationGraph graph = network(true, PoolingType.PNORM);

        assertThatThrownBy(() -> OnnxExport.export(graph, INPUT, CLASSES)).isInstanceOf(OnnxExportException.class)
                .hasMessage("vertex 'pool' is a PNORM pooling, which ONNX export has no form for");
    }

    private static NodeProto node(ModelProto model, String op) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).findFirst().orElseThrow();
    }
}
